import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

struct BenchCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks of the use cases on a real database.", subcommands: [Ledger.self])

    struct Ledger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Post balanced entries with concurrent writers on one building, check the numbering, time the trial balance."
        )

        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "Entries to post.") var entries = 10_000
        @Option(name: .long, help: "Concurrent writers.") var writers = 8

        struct Output: Encodable {
            let database: String
            let entries: Int
            let writers: Int
            let seconds: Double
            let entriesPerSecond: Double
            let numberingGapless: Bool
            let trialBalanceMilliseconds: Double
        }

        func run() async throws {
            guard entries > 0, writers > 0 else { throw ValidationError("--entries and --writers must be positive") }
            let (entries, writers) = (self.entries, self.writers)
            let output = try await common.withGestio { gestio in
                let organization = try await gestio.identity.createOrganization(
                    name: "Bench \(UUID().uuidString.prefix(8))")
                let principal = Principal.operator(of: organization.id)
                let building = try await gestio.coOwnership.createBuilding(
                    BuildingInput(
                        name: "Bench", address: "Rue 1", city: "Liège", postalCode: "4000", country: "BE",
                        totalTantiemes: 1000),
                    as: principal)
                let ledger = gestio.ledger
                let clock = ContinuousClock()
                let start = clock.now
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for writer in 0..<writers {
                        group.addTask {
                            for index in stride(from: writer, to: entries, by: writers) {
                                let amount = Money(minorUnits: Int64(index % 100_000 + 1))
                                _ = try await ledger.post(
                                    in: building.id,
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
                let elapsed = clock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                var best = Double.infinity
                var balance: [AccountBalance] = []
                for _ in 0..<5 {
                    let started = clock.now
                    balance = try await ledger.trialBalance(of: building.id, as: principal)
                    let took = clock.now - started
                    best = min(
                        best, Double(took.components.seconds) * 1000 + Double(took.components.attoseconds) / 1e15)
                }
                let page = try await ledger.entries(
                    of: building.id, filter: JournalFilter(journal: .purchases), page: PageRequest(page: 1, perPage: 1),
                    as: principal)
                let balanced =
                    balance.reduce(0) { $0 + $1.debit.minorUnits } == balance.reduce(0) { $0 + $1.credit.minorUnits }
                let highest = try await maxSequence(gestio, building.id, principal)
                return Output(
                    database: gestio.location.description, entries: entries, writers: writers, seconds: seconds,
                    entriesPerSecond: Double(entries) / seconds,
                    numberingGapless: page.totalItems == entries && balanced && highest == entries,
                    trialBalanceMilliseconds: best)
            }
            try emit(output, json: common.json) {
                """
                \(output.database): \(output.entries) entries by \(output.writers) writers in \(String(format: "%.2f", output.seconds)) s \
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
}
