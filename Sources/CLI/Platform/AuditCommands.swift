import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// The audit log's hash chain, checked from the command line.
struct AuditCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The tamper-evident audit log.", subcommands: [Verify.self, Seal.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Recompute each organization's chain and name the first row that does not match; exits 1 when one is broken."
        )
        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "Only this organization's chain.") var org: String?

        struct Output: Encodable {
            let organizationId: String
            let sealed: Int
            let waiting: Int
            let intact: Bool
            let firstBroken: String?
        }

        func run() async throws {
            let only = try org.map { try parseID($0, as: OrganizationID.self, option: "--org") }
            let reports = try await common.withGestio { try await $0.auditChain.verify(only) }
            let output = reports.map {
                Output(
                    organizationId: $0.organizationID.description, sealed: $0.sealed, waiting: $0.waiting,
                    intact: $0.isIntact, firstBroken: $0.firstBroken?.description)
            }
            try emit(output, json: common.json) {
                output.map {
                    ($0.organizationId == OrganizationID.platform.description ? "platform" : $0.organizationId) + "  "
                        + ($0.firstBroken.map { "BROKEN at \($0)" } ?? "intact: \($0.sealed) sealed")
                        + ($0.waiting > 0 ? ", \($0.waiting) waiting for the next seal" : "")
                }
                .joined(separator: "\n")
            }
            if output.contains(where: { !$0.intact }) { throw ExitCode(1) }
        }
    }

    struct Seal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal the rows appended since the last run now (the audit-seal job does it every minute).")
        @OptionGroup var common: CommonOptions

        struct Output: Encodable {
            let sealed: Int
        }

        func run() async throws {
            let output = Output(sealed: try await common.withGestio { try await $0.auditChain.seal() })
            try emit(output, json: common.json) { "sealed \(output.sealed) row(s)" }
        }
    }
}
