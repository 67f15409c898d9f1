import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// The yearly charge statements from the command line, acting as the operator.
struct ChargeCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "charges", abstract: "Charge statements: each owner's charges of the year against the advances.",
        subcommands: [Statement.self])

    struct Statement: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show each owner's charge statement for a year, or close the year's statements (--close).")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Building id.") var building: String
        @Option(name: .long) var fiscalYear: Int
        @Flag(name: .long, help: "Post the balances to the owners' accounts and send each owner their PDF.")
        var close = false

        struct Line: Encodable {
            let ownerId, name, ordinaryCharges, ordinaryAdvances, balance: String
        }

        struct Output: Encodable {
            let fiscalYear: Int
            let closed: Bool
            let owners: [Line]
        }

        func run() async throws {
            let principal = try scope.principal
            let buildingID = try parseID(building, as: BuildingID.self, option: "--building")
            let (close, year) = (close, fiscalYear)
            let view = try await scope.common.withGestio { gestio in
                close
                    ? try await gestio.charges.close(buildingID, fiscalYear: year, as: principal)
                    : try await gestio.charges.statements(of: buildingID, fiscalYear: year, as: principal)
            }
            let output = Output(
                fiscalYear: view.fiscalYear, closed: view.closure != nil,
                owners: view.statements.map {
                    Line(
                        ownerId: $0.ownerID.description, name: view.names[$0.ownerID] ?? "",
                        ordinaryCharges: $0.ordinaryCharges.decimalString,
                        ordinaryAdvances: $0.ordinaryAdvances.decimalString, balance: $0.balance.decimalString)
                })
            try emit(output, json: scope.common.json) {
                (["\(output.fiscalYear)  \(output.closed ? "closed" : "open")"]
                    + output.owners.map {
                        "\($0.name)  charges \($0.ordinaryCharges)  advances \($0.ordinaryAdvances)  balance \($0.balance)"
                    }).joined(separator: "\n")
            }
        }
    }
}
