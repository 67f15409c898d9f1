import ArgumentParser
import Bootstrap
import Domain
import Foundation

struct OrganizationCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Manage organizations.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an organization.")

        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "The organization's name.") var name: String

        struct Output: Encodable {
            let id: String
            let name: String
            let createdAt: Date
        }

        func run() async throws {
            let organization = try await common.withGestio { try await $0.identity.createOrganization(name: name) }
            let output = Output(
                id: organization.id.description, name: organization.name, createdAt: organization.createdAt)
            try emit(output, json: common.json) { "created organization \(output.name) (\(output.id))" }
        }
    }
}
