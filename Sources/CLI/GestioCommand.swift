import ArgumentParser
import Bootstrap
import Domain
import Foundation
import HTTPServer

@main
struct GestioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gestio",
        abstract: "Gestio: the backend for people who run buildings and field operations.",
        subcommands: [Serve.self] + CLIModule.all.flatMap(\.commands)
    )

    /// ArgumentParser's own entry point, after checking that the CLI's modules are the server's
    /// (a module registered in one list and not the other stops every command, so CI sees it).
    static func main() async {
        let server = Gestio.modules.map(\.name)
        let cli = CLIModule.all.map(\.name)
        guard server == cli else {
            FileHandle.standardError.write(
                Data("gestio: the CLI's modules \(cli) are not Gestio.modules \(server)\n".utf8))
            Foundation.exit(70)
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch DomainError.invalidValue(let field, let reason) {
            // Named as the files and the API name it (`lot_number`), not as Swift does.
            exit(withError: RefusedValue(description: "\(WireName.of(field)) \(reason)"))
        } catch {
            exit(withError: error)
        }
    }
}

/// A value the domain refused, said as the CLI's user names it.
struct RefusedValue: Error, CustomStringConvertible {
    let description: String
}
