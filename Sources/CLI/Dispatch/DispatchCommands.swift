import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// The fleet from the command line, acting as the operator.
struct TaxiCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxi", abstract: "The taxi company's fleet.", subcommands: [Add.self, List.self])

    struct Output: Encodable {
        let id, numero, plaque, statut: String
        let chauffeurId: String?

        init(_ taxi: Taxi) {
            id = taxi.id.description
            numero = taxi.numero
            plaque = taxi.plate
            statut = taxi.status.rawValue
            chauffeurId = taxi.driverID?.description
        }

        var line: String {
            "\(numero)  \(plaque)  \(statut)  \(chauffeurId.map { "driver \($0)" } ?? "no driver")  \(id)"
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a taxi (plate unique in the company).")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long) var numero: String
        @Option(name: .long) var plate: String
        @Option(name: .long) var vignette: String?
        @Option(name: .long, help: "The driver's user id (a member with the chauffeur role).") var driver: String?

        func run() async throws {
            let principal = try scope.principal
            let driverID = try driver.map { try parseID($0, as: UserID.self, option: "--driver") }
            let taxi = try await scope.common.withGestio {
                try await $0.dispatch.createTaxi(
                    TaxiInput(numero: numero, plate: plate, vignette: vignette, driverID: driverID?.rawValue),
                    as: principal)
            }
            let output = Output(taxi)
            try emit(output, json: scope.common.json) { "added \(output.line)" }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the fleet with each taxi's status.")
        @OptionGroup var scope: OrganizationScope

        func run() async throws {
            let principal = try scope.principal
            let page = try await scope.common.withGestio {
                try await $0.dispatch.taxis(page: PageRequest(page: 1, perPage: 100), as: principal)
            }
            let output = page.items.map(Output.init)
            try emit(output, json: scope.common.json) {
                (output.map(\.line) + ["\(page.totalItems) taxi(s)"]).joined(separator: "\n")
            }
        }
    }
}

/// Rides (commandes) from the command line, acting as the operator.
struct RideCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ride", abstract: "Taxi rides (commandes).",
        subcommands: [List.self, Create.self, Assign.self, Cancel.self])

    struct Output: Encodable {
        let id, reference, statut, priseEnCharge, destination, dateIso: String
        let taxiId, chauffeurId: String?

        init(_ commande: Commande) {
            id = commande.id.description
            reference = commande.reference
            statut = commande.status.rawValue
            priseEnCharge = commande.pickup
            destination = commande.destination
            dateIso = commande.pickupAt.formatted(.iso8601)
            taxiId = commande.taxiID?.description
            chauffeurId = commande.driverID?.description
        }

        var line: String {
            "\(reference)  \(dateIso)  \(statut)  \(priseEnCharge) → \(destination)"
                + (taxiId.map { "  taxi \($0)" } ?? "") + "  \(id)"
        }
    }

    static func instant(_ raw: String, option: String) throws -> Date {
        guard let date = try? Date(raw, strategy: .iso8601) else {
            throw ValidationError("\(option) must be an ISO 8601 time such as 2026-12-01T14:00:00Z")
        }
        return date
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List rides by pickup time.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "From this pickup time (ISO 8601).") var from: String?
        @Option(name: .long, help: "Before this pickup time (ISO 8601).") var to: String?
        @Option(name: .long, help: "en_attente, proposee, assignee, en_cours, terminee or annulee.") var status: String?
        @Option(name: .long, help: "Reference, pickup, destination or contact name contains.") var query: String?

        func run() async throws {
            let principal = try scope.principal
            let filter = CommandeFilter(
                query: query,
                status: try status.map {
                    guard let value = Commande.Status(rawValue: $0) else {
                        throw ValidationError("--status: unknown state \($0)")
                    }
                    return value
                }, from: try from.map { try RideCommands.instant($0, option: "--from") },
                to: try to.map { try RideCommands.instant($0, option: "--to") })
            let page = try await scope.common.withGestio {
                try await $0.dispatch.commandes(
                    filter: filter, page: PageRequest(page: 1, perPage: 100), as: principal)
            }
            let output = page.items.map(Output.init)
            try emit(output, json: scope.common.json) {
                (output.map(\.line) + ["\(page.totalItems) ride(s)"]).joined(separator: "\n")
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a ride (gapless reference); with --taxi it is offered to that taxi's driver.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long) var pickup: String
        @Option(name: .long) var destination: String
        @Option(name: .long, help: "Pickup time, ISO 8601.") var at: String
        @Option(name: .long) var passengers: Int?
        @Option(name: .long) var luggage: Int?
        @Option(name: .long) var flight: String?
        @Option(name: .long) var taxi: String?

        func run() async throws {
            let principal = try scope.principal
            let pickupAt = try RideCommands.instant(at, option: "--at")
            let taxiID = try taxi.map { try parseID($0, as: TaxiID.self, option: "--taxi") }
            let commande = try await scope.common.withGestio {
                try await $0.dispatch.createCommande(
                    CommandeInput(
                        pickup: pickup, destination: destination, pickupAt: pickupAt, passengers: passengers,
                        luggage: luggage, flight: flight, taxiID: taxiID?.rawValue),
                    as: principal)
            }
            let output = Output(commande)
            try emit(output, json: scope.common.json) { "created \(output.line)" }
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Offer a ride to a taxi's driver (refused on overlap or out of service).")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long) var id: String
        @Option(name: .long) var taxi: String

        func run() async throws {
            let principal = try scope.principal
            let rideID = try parseID(id, as: CommandeID.self, option: "--id")
            let taxiID = try parseID(taxi, as: TaxiID.self, option: "--taxi")
            let commande = try await scope.common.withGestio {
                try await $0.dispatch.updateCommande(rideID, CommandeInput(taxiID: taxiID.rawValue), as: principal)
            }
            let output = Output(commande)
            try emit(output, json: scope.common.json) { "offered \(output.line)" }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a ride that has not started.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long) var id: String
        @Option(name: .long) var reason: String?

        func run() async throws {
            let principal = try scope.principal
            let rideID = try parseID(id, as: CommandeID.self, option: "--id")
            let commande = try await scope.common.withGestio {
                try await $0.dispatch.cancelCommande(rideID, reason: reason, as: principal)
            }
            let output = Output(commande)
            try emit(output, json: scope.common.json) { "cancelled \(output.line)" }
        }
    }
}
