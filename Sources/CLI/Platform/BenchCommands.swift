import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

struct BenchCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks of the use cases on a real database.",
        subcommands: [
            Ledger.self, Call.self, Interventions.self, DispatchBench.self, SearchIndex.self, BookingBench.self,
            AppointmentBench.self,
        ])

    struct Ledger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Post balanced entries with concurrent writers on one building, check the numbering, time the trial balance."
        )

        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "Entries to post.") var entries = 10_000
        @Option(name: .long, help: "Concurrent writers.") var writers = 8
        @Option(name: .long, help: "Buildings posted into at once (writer w posts into building w mod N).")
        var buildings = 1

        struct Output: Encodable {
            let database: String
            let entries: Int
            let writers: Int
            let buildings: Int
            let seconds: Double
            let entriesPerSecond: Double
            let numberingGapless: Bool
            let trialBalanceMilliseconds: Double
        }

        func run() async throws {
            guard entries > 0, writers > 0, (1...writers).contains(buildings) else {
                throw ValidationError("--entries and --writers must be positive, --buildings between 1 and --writers")
            }
            let (entries, writers, buildingCount) = (self.entries, self.writers, self.buildings)
            let output = try await common.withGestio { gestio in
                let (principal, building) = try await benchBuilding(gestio, tantiemes: 1000)
                var targets = [building.id]
                for _ in 1..<buildingCount {
                    targets.append(
                        try await gestio.coOwnership.createBuilding(
                            BuildingInput(
                                name: "Bench \(targets.count)", address: "Rue 1", city: "Liège", postalCode: "4000",
                                country: "BE", totalTantiemes: 1000),
                            as: principal
                        ).id)
                }
                let ledger = gestio.ledger
                let clock = ContinuousClock()
                let start = clock.now
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for writer in 0..<writers {
                        group.addTask { [targets] in
                            for index in stride(from: writer, to: entries, by: writers) {
                                let amount = Money(minorUnits: Int64(index % 100_000 + 1))
                                _ = try await ledger.post(
                                    in: targets[writer % targets.count],
                                    EntryInput(
                                        journal: "ACH", type: "manual", entryDate: "2026-0\(index % 9 + 1)-15",
                                        description: "Bench \(index)", documentRef: nil,
                                        lines: [
                                            .init(accountCode: "61", debit: amount, credit: nil, description: nil),
                                            .init(accountCode: "440", debit: nil, credit: amount, description: nil),
                                        ],
                                        draft: false),
                                    as: principal)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                let seconds = (clock.now - start).milliseconds / 1000
                var best = Double.infinity
                var balance: [AccountBalance] = []
                for _ in 0..<5 {
                    let started = clock.now
                    balance = try await ledger.trialBalance(of: building.id, as: principal)
                    best = min(best, (clock.now - started).milliseconds)
                }
                let balanced =
                    balance.reduce(0) { $0 + $1.debit.minorUnits } == balance.reduce(0) { $0 + $1.credit.minorUnits }
                // Each building's journal runs 1…n without a gap, n being what its writers posted.
                var gapless = balanced
                for (position, target) in targets.enumerated() {
                    let expected = (0..<writers).filter { $0 % targets.count == position }
                        .reduce(0) { $0 + ($1 < entries ? (entries - 1 - $1) / writers + 1 : 0) }
                    let page = try await ledger.entries(
                        of: target, filter: JournalFilter(journal: .purchases), page: PageRequest(page: 1, perPage: 1),
                        as: principal)
                    let highest = try await maxSequence(gestio, target, principal)
                    gapless = gapless && page.totalItems == expected && highest == expected
                }
                return Output(
                    database: gestio.location.description, entries: entries, writers: writers,
                    buildings: targets.count, seconds: seconds, entriesPerSecond: Double(entries) / seconds,
                    numberingGapless: gapless, trialBalanceMilliseconds: best)
            }
            try emit(output, json: common.json) {
                """
                \(output.database): \(output.entries) entries by \(output.writers) writers into \(output.buildings) \
                building(s) in \(String(format: "%.2f", output.seconds)) s \
                = \(String(format: "%.0f", output.entriesPerSecond)) entries/s; numbering gapless: \(output.numberingGapless); \
                trial balance over \(output.entries) entries: \(String(format: "%.1f", output.trialBalanceMilliseconds)) ms
                """
            }
            if !output.numberingGapless { throw ExitCode.failure }
        }

        /// The highest number used in the year's purchase journal, summed over the months' entries.
        private func maxSequence(_ gestio: Gestio, _ building: BuildingID, _ principal: Principal) async throws -> Int {
            let csv = try await gestio.ledger.export(2026, of: building, as: principal)
            let numbers = csv.split(separator: "\r\n").dropFirst().compactMap { row -> Int? in
                row.split(separator: ";", omittingEmptySubsequences: false).dropFirst(2).first
                    .flatMap { Int($0.split(separator: "-").last ?? "") }
            }
            return numbers.max() ?? 0
        }
    }

    struct Call: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Import a building of many lots and owners from CSV, then time drafting and sending a call for funds."
        )

        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "Lots in the building.") var lots = 500
        @Option(name: .long, help: "Owners (at least as many as lots, at most twice as many).") var owners = 700

        struct Output: Encodable {
            let database: String
            let lots: Int
            let owners: Int
            let importMilliseconds: Double
            let draftMilliseconds: Double
            let sendMilliseconds: Double
            let partsSumToTotal: Bool
        }

        func run() async throws {
            guard lots > 0, owners >= lots, owners <= 2 * lots else {
                throw ValidationError("--owners must be between --lots and twice --lots")
            }
            let (lots, owners) = (self.lots, self.owners)
            let output = try await common.withGestio { gestio in
                let (principal, building) = try await benchBuilding(gestio, tantiemes: lots * 20)
                // The first (owners − lots) lots have two owners at one half each, the others one owner.
                var csv = "lot_number,lot_type,tantiemes,owner_name,owner_email,share,start_date\n"
                var owner = 0
                for lot in 0..<lots {
                    let shared = lot < owners - lots
                    for _ in 0..<(shared ? 2 : 1) {
                        csv +=
                            "L\(lot),apartment,20,Owner \(owner),owner\(owner)@example.com,\(shared ? "0.5" : "1"),2020-01-01\n"
                        owner += 1
                    }
                }
                let clock = ContinuousClock()
                let imported = try await clock.measure {
                    _ = try await gestio.coOwnership.importStructure(into: building.id, csv: csv, as: principal)
                }
                var draft: CallForFundsView?
                let drafted = try await clock.measure {
                    draft = try await gestio.funds.create(
                        in: building.id,
                        CallForFundsInput(
                            title: "T1", period: "quarterly", ordinary: Money(minorUnits: 12_345_67),
                            extraordinary: Money(minorUnits: 2_000_00), callDate: "2026-01-05", dueDate: "2026-02-05"),
                        as: principal)
                }
                guard let draft else { throw CommandFailure(description: "no call drafted") }
                var sent: CallForFundsView?
                let sending = try await clock.measure {
                    sent = try await gestio.funds.send(draft.call.id, as: principal)
                }
                let parts = sent?.contributions ?? []
                return Output(
                    database: gestio.location.description, lots: lots, owners: owners,
                    importMilliseconds: imported.milliseconds, draftMilliseconds: drafted.milliseconds,
                    sendMilliseconds: sending.milliseconds,
                    partsSumToTotal: parts.count == owners
                        && parts.reduce(0) { $0 + $1.amount.minorUnits } == draft.call.total.minorUnits)
            }
            try emit(output, json: common.json) {
                """
                \(output.database): \(output.lots) lots, \(output.owners) owners: import \(String(format: "%.0f", output.importMilliseconds)) ms, \
                draft call \(String(format: "%.0f", output.draftMilliseconds)) ms, send \(String(format: "%.0f", output.sendMilliseconds)) ms; \
                parts sum to the total: \(output.partsSumToTotal)
                """
            }
            if !output.partsSumToTotal { throw ExitCode.failure }
        }
    }
}

extension BenchCommands {
    struct Interventions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Create many interventions through the use case, then time a filtered page and a year's KPIs."
        )

        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "Interventions to create.") var count = 100_000
        @Option(name: .customLong("equipment"), help: "Equipment items they spread over.") var equipment = 1_000
        @Option(name: .long, help: "Concurrent writers while creating.") var writers = 8

        struct Output: Encodable {
            let database: String
            let interventions, equipment: Int
            let createdPerSecond: Double
            let listMilliseconds: Double
            let listStatements: Int
            let kpiMilliseconds: Double
        }

        func run() async throws {
            guard count > 0, equipment > 0, writers > 0 else { throw ValidationError("counts must be positive") }
            let (count, equipmentCount, writers) = (self.count, self.equipment, self.writers)
            let output = try await common.withGestio { gestio in
                let organization = try await gestio.identity.createOrganization(
                    name: "Bench \(UUID().uuidString.prefix(8))")
                let principal = Principal.operator(of: organization.id)
                let service = gestio.maintenance
                var items: [EquipementID] = []
                for index in 0..<equipmentCount {
                    items.append(
                        try await service.createEquipement(
                            EquipementInput(code: "EQ-\(index)", name: "Equipment \(index)"), as: principal
                        ).id)
                }
                let equipmentIDs = items
                let priorities = Intervention.Priority.allCases.map(\.rawValue)
                let clock = ContinuousClock()
                let created = try await clock.measure {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for writer in 0..<writers {
                            group.addTask {
                                for index in stride(from: writer, to: count, by: writers) {
                                    _ = try await service.createIntervention(
                                        InterventionInput(
                                            title: "Job \(index)", priority: priorities[index % priorities.count],
                                            equipementID: equipmentIDs[index % equipmentIDs.count].rawValue),
                                        as: principal)
                                }
                            }
                        }
                        try await group.waitForAll()
                    }
                }
                // What the hourly db-optimize job does on a long-running server.
                try await gestio.persistence.optimize()
                let filter = InterventionFilter(
                    status: .ouverte, priority: .haute, equipementID: equipmentIDs[7], sort: .createdAtDescending)
                var listBest = Double.infinity
                var statements = 0
                for _ in 0..<5 {
                    let before = gestio.persistence.statements.value
                    let took = try await clock.measure {
                        _ = try await service.interventions(
                            filter: filter, page: try PageRequest(page: 1, perPage: 20), as: principal)
                    }
                    statements = gestio.persistence.statements.value - before
                    listBest = min(listBest, took.milliseconds)
                }
                var kpiBest = Double.infinity
                let year = CalendarDate(utcDayOf: Date()).year
                for _ in 0..<5 {
                    let took = try await clock.measure {
                        _ = try await service.kpis(
                            from: try CalendarDate(year: year, month: 1, day: 1).startOfDayUTC,
                            to: try CalendarDate(year: year + 1, month: 1, day: 1).startOfDayUTC, as: principal)
                    }
                    kpiBest = min(kpiBest, took.milliseconds)
                }
                return Output(
                    database: gestio.location.description, interventions: count, equipment: equipmentCount,
                    createdPerSecond: Double(count) / (created.milliseconds / 1000), listMilliseconds: listBest,
                    listStatements: statements, kpiMilliseconds: kpiBest)
            }
            try emit(output, json: common.json) {
                """
                \(output.database): \(output.interventions) interventions on \(output.equipment) equipment \
                (created at \(String(format: "%.0f", output.createdPerSecond))/s); filtered page of 20: \
                \(String(format: "%.1f", output.listMilliseconds)) ms in \(output.listStatements) statements; \
                KPIs of the year: \(String(format: "%.1f", output.kpiMilliseconds)) ms
                """
            }
        }
    }
}

/// A fresh organization and building for one benchmark run, and the operator acting in it.
func benchBuilding(_ gestio: Gestio, tantiemes: Int) async throws -> (Principal, Building) {
    let organization = try await gestio.identity.createOrganization(name: "Bench \(UUID().uuidString.prefix(8))")
    let principal = Principal.operator(of: organization.id)
    let building = try await gestio.coOwnership.createBuilding(
        BuildingInput(
            name: "Bench", address: "Rue 1", city: "Liège", postalCode: "4000", country: "BE",
            totalTantiemes: tantiemes),
        as: principal)
    return (principal, building)
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
