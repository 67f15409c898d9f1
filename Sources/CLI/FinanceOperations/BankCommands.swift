import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// Bank statements from the command line, acting as the operator.
struct BankCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bank", abstract: "Bank statements: import CODA or CAMT.053 files, matched to the owners.",
        subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a statement file: credits matched by structured communication and booked.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Building id.") var building: String
        @Argument(help: "The CODA or CAMT.053 file.") var file: String

        struct Output: Encodable {
            let statementId, number: String
            let duplicate: Bool
            let lines, matched, review, unmatched: Int
            let closingDifference: String?
        }

        func run() async throws {
            let principal = try scope.principal
            let buildingID = try parseID(building, as: BuildingID.self, option: "--building")
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            let bytes = [UInt8](data)
            let result = try await scope.common.withGestio {
                try await $0.banks.importStatement(into: buildingID, bytes, as: principal)
            }
            func count(_ status: BankLine.Status) -> Int { result.lines.filter { $0.status == status }.count }
            let output = Output(
                statementId: result.statement.id.description, number: result.statement.number,
                duplicate: result.duplicate, lines: result.lines.count, matched: count(.matched),
                review: count(.review), unmatched: count(.unmatched),
                closingDifference: result.closingDifference?.decimalString)
            try emit(output, json: scope.common.json) {
                output.duplicate
                    ? "statement \(output.number) was imported already: nothing done"
                    : "statement \(output.number): \(output.lines) line(s), \(output.matched) matched, "
                        + "\(output.review) to review, \(output.unmatched) unmatched"
            }
        }
    }
}
