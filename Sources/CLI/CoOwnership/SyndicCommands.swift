import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation
import HTTPServer

/// Options of every syndic command: the database and the organization acted in.
struct OrganizationScope: ParsableArguments {
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "Organization id.") var org: String

    var principal: Principal {
        get throws { Principal.operator(of: try parseID(org, as: OrganizationID.self, option: "--org")) }
    }
}

struct BuildingOutput: Encodable {
    let id, name, address, city, postalCode, country: String
    let totalTantiemes: Int

    init(_ building: Building) {
        id = building.id.description
        name = building.name
        address = building.address
        city = building.city
        postalCode = building.postalCode
        country = building.country
        totalTantiemes = building.totalTantiemes
    }

    var line: String { "\(name)  \(address), \(postalCode) \(city)  \(totalTantiemes) tantièmes  \(id)" }
}

struct BuildingCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "building", abstract: "Co-ownership buildings (ACP).",
        subcommands: [Create.self, List.self, Show.self, Accounts.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a building; its chart of accounts is seeded.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long) var name: String
        @Option(name: .long) var address: String
        @Option(name: .long) var city: String
        @Option(name: .customLong("postal-code")) var postalCode: String
        @Option(name: .long) var country = "BE"
        @Option(name: .long, help: "Total tantièmes, usually 1000 or 10000.") var tantiemes: Int

        func run() async throws {
            let principal = try scope.principal
            let building = try await scope.common.withGestio {
                try await $0.coOwnership.createBuilding(
                    BuildingInput(
                        name: name, address: address, city: city, postalCode: postalCode, country: country,
                        totalTantiemes: tantiemes),
                    as: principal)
            }
            let output = BuildingOutput(building)
            try emit(output, json: scope.common.json) { "created building \(output.line)" }
        }
    }

    struct Accounts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the building's bank accounts (IBANs checked by mod 97; an empty value clears one).")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Building id.") var building: String
        @Option(name: .customLong("working-fund"), help: "The working fund's IBAN (ordinary calls).")
        var workingFund: String?
        @Option(name: .customLong("reserve-fund"), help: "The reserve fund's IBAN (extraordinary calls).")
        var reserveFund: String?

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(building, as: BuildingID.self, option: "--building")
            let updated = try await scope.common.withGestio {
                try await $0.coOwnership.updateBuilding(
                    id, BuildingPatch(workingFundIBAN: workingFund, reserveFundIBAN: reserveFund), as: principal)
            }
            let output = BuildingOutput(updated)
            try emit(output, json: scope.common.json) {
                "\(output.line)\n  working fund \(updated.workingFundAccount?.description ?? "-")"
                    + "\n  reserve fund \(updated.reserveFundAccount?.description ?? "-")"
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the organization's buildings.")
        @OptionGroup var scope: OrganizationScope

        func run() async throws {
            let principal = try scope.principal
            let page = try await scope.common.withGestio {
                try await $0.coOwnership.buildings(page: PageRequest(page: 1, perPage: 100), as: principal)
            }
            let output = page.items.map(BuildingOutput.init)
            try emit(output, json: scope.common.json) {
                (output.map(\.line) + ["\(page.totalItems) building(s)"]).joined(separator: "\n")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a building, its lots and its readiness for billing.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Building id.") var building: String

        struct Output: Encodable {
            let building: BuildingOutput
            let lots: [String]
            let readyForBilling: Bool
            let missing: [String]
        }

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(building, as: BuildingID.self, option: "--building")
            let output = try await scope.common.withGestio { gestio in
                let building = try await gestio.coOwnership.building(id, as: principal)
                let lots = try await gestio.coOwnership.lots(
                    of: id, page: PageRequest(page: 1, perPage: 100), as: principal)
                let readiness = try await gestio.coOwnership.readiness(of: id, as: principal)
                return Output(
                    building: BuildingOutput(building),
                    lots: lots.items.map { "\($0.number) (\($0.kind.rawValue)) \($0.tantiemes) tantièmes  \($0.id)" },
                    readyForBilling: readiness.isReady, missing: readiness.missing)
            }
            try emit(output, json: scope.common.json) {
                ([output.building.line] + output.lots.map { "  lot \($0)" }
                    + [
                        output.readyForBilling
                            ? "ready for billing" : "not ready: \(output.missing.joined(separator: "; "))"
                    ])
                    .joined(separator: "\n")
            }
        }
    }
}

struct LotCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lot", abstract: "Lots.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a lot to a building.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Building id.") var building: String
        @Option(name: .long) var number: String
        @Option(name: .long, help: "apartment, parking, cellar, commercial or other.") var type = "apartment"
        @Option(name: .long) var floor: Int?
        @Option(name: .long) var tantiemes: Int

        struct Output: Encodable {
            let id, number, type: String
            let tantiemes: Int
        }

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(building, as: BuildingID.self, option: "--building")
            let lot = try await scope.common.withGestio {
                try await $0.coOwnership.addLot(
                    to: id, LotInput(number: number, kind: type, floor: floor, surface: nil, tantiemes: tantiemes),
                    as: principal)
            }
            let output = Output(
                id: lot.id.description, number: lot.number, type: lot.kind.rawValue, tantiemes: lot.tantiemes)
            try emit(output, json: scope.common.json) {
                "added lot \(output.number) (\(output.tantiemes) tantièmes) \(output.id)"
            }
        }
    }
}

struct OwnerCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "owner", abstract: "Owners.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an owner (natural or legal person).")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long) var name: String
        @Option(name: .long, help: "natural or legal.") var kind = "natural"
        @Option(name: .long) var email: String?
        @Option(name: .long) var phone: String?

        struct Output: Encodable {
            let id, name, kind: String
        }

        func run() async throws {
            let principal = try scope.principal
            let owner = try await scope.common.withGestio {
                try await $0.coOwnership.createOwner(
                    OwnerInput(kind: kind, name: name, email: email, phone: phone), as: principal)
            }
            let output = Output(id: owner.id.description, name: owner.name, kind: owner.kind.rawValue)
            try emit(output, json: scope.common.json) { "added owner \(output.name) \(output.id)" }
        }
    }
}

struct OwnershipCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ownership", abstract: "Who owns which share of a lot.", subcommands: [Set.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give an owner a share of a lot from a date.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Lot id.") var lot: String
        @Option(name: .long, help: "Owner id.") var owner: String
        @Option(name: .long, help: "Share in (0, 1], e.g. 0.5.") var share: String
        @Option(name: .long, help: "YYYY-MM-DD.") var from: String

        struct Output: Encodable {
            let id, lotId, ownerId, share, startDate: String
        }

        func run() async throws {
            let principal = try scope.principal
            let lotID = try parseID(lot, as: LotID.self, option: "--lot")
            let ownerID = try parseID(owner, as: OwnerID.self, option: "--owner")
            let ownership = try await scope.common.withGestio {
                try await $0.coOwnership.addOwnership(
                    to: lotID, owner: ownerID, share: share, startDate: from, as: principal)
            }
            let output = Output(
                id: ownership.id.description, lotId: ownership.lotID.description,
                ownerId: ownership.ownerID.description,
                share: ownership.share.description, startDate: ownership.startDate.description)
            try emit(output, json: scope.common.json) {
                "owner \(output.ownerId) holds \(output.share) of lot \(output.lotId) from \(output.startDate)"
            }
        }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a building's lots, owners and shares from a CSV file, all or nothing.",
        discussion: """
            Header (any order): lot_number, lot_type, tantiemes, owner_name, share, start_date, and optionally
            floor, surface, owner_kind, owner_email, owner_phone, owner_address. Comma or semicolon separated.
            """)
    @OptionGroup var scope: OrganizationScope
    @Option(name: .long, help: "Building id.") var building: String
    @Argument(help: "The CSV file, or - for standard input.") var file: String

    struct Output: Encodable {
        let lotsCreated, ownersCreated, ownersMatched, ownershipsCreated: Int
    }

    func run() async throws {
        let principal = try scope.principal
        let id = try parseID(building, as: BuildingID.self, option: "--building")
        guard let csv = String(data: try readInput(file), encoding: .utf8) else {
            throw CommandFailure(description: "\(file) is not UTF-8 text")
        }
        let summary: ImportSummary
        do {
            summary = try await scope.common.withGestio {
                try await $0.coOwnership.importStructure(into: id, csv: csv, as: principal)
            }
        } catch let error as ImportError {
            for issue in error.issues {
                FileHandle.standardError.write(
                    Data(
                        "\(file):\(issue.line): \(issue.field.map { "\(WireName.of($0)): " } ?? "")\(issue.reason)\n"
                            .utf8))
            }
            throw error
        }
        let output = Output(
            lotsCreated: summary.lotsCreated, ownersCreated: summary.ownersCreated,
            ownersMatched: summary.ownersMatched, ownershipsCreated: summary.ownershipsCreated)
        try emit(output, json: scope.common.json) {
            "imported \(output.lotsCreated) lot(s), \(output.ownersCreated) new owner(s) (\(output.ownersMatched) already known), \(output.ownershipsCreated) ownership(s)"
        }
    }
}
