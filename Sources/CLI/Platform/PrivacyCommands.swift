import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation
import HTTPServer
import SQLAdapters

/// GDPR requests handled by the operator: a person's export, their erasure, the register.
struct PrivacyCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy", abstract: "A person's data: export, erasure, and the register of processing.",
        subcommands: [Export.self, Erase.self, Register.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print everything held about a user, in every organization and module, as JSON.")
        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "User id.") var user: String

        func run() async throws {
            let userID = try parseID(user, as: UserID.self, option: "--user")
            let export = try await common.withGestio { try await $0.privacy.export(user: userID) }
            print(try PrivacyExportJSON.text(export))
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Anonymize a user everywhere at once; when the law keeps records, say which until when, close the login and exit 1."
        )
        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "User id.") var user: String

        struct Output: Encodable {
            let requestId: String
            let status: String
            let holds: [String]
        }

        func run() async throws {
            let userID = try parseID(user, as: UserID.self, option: "--user")
            let request: ErasureRequest
            do {
                request = try await common.withGestio { try await $0.privacy.erase(user: userID) }
            } catch let held as ErasureHeld {
                request = held.request
            }
            let output = Output(
                requestId: request.id.lowercasedText, status: request.status.rawValue,
                holds: request.holds.map {
                    "\($0.organizationID): \($0.kept) kept until "
                        + ($0.keptUntil.map { $0.formatted(.iso8601) } ?? "settled") + " (\($0.reason))"
                })
            try emit(output, json: common.json) {
                request.status == .done
                    ? "erased \(userID): no name, email or phone of theirs is left"
                    : (["held: the login is closed; the erasure completes when these end"] + output.holds)
                        .joined(separator: "\n")
            }
            if request.status != .done { throw ExitCode(1) }
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the register of processing (GDPR Art. 30) from the modules' declarations.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            print(try await common.withGestio { $0.privacy.register(inventory: SQLPersonalDataInventory.lines) })
        }
    }
}
