import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

struct UserCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users and their roles.",
        subcommands: [Create.self, List.self, SetRole.self, Deactivate.self, Activate.self, ResetTwoFactor.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Create a user in an organization. The password is read from GESTIO_USER_PASSWORD or standard input.")

        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "Organization id.") var org: String
        @Option(name: .long) var email: String
        @Option(name: .long) var name: String
        @Option(name: .long, parsing: .upToNextOption, help: "One or more roles, e.g. --role syndic accountant.")
        var role: [String]

        func run() async throws {
            let organization = try parseID(org, as: OrganizationID.self, option: "--org")
            let password = try readPassword()
            let member = try await common.withGestio {
                try await $0.identity.createUser(
                    email: email, name: name, password: password, organization: organization, roles: role)
            }
            let output = MemberSummary(member)
            try emit(output, json: common.json) { "created user \(output.line)" }
        }

        /// Keeps passwords out of shell history and process lists.
        private func readPassword() throws -> String {
            if let fromEnvironment = ProcessInfo.processInfo.environment["GESTIO_USER_PASSWORD"] {
                return fromEnvironment
            }
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("give the password on standard input or in GESTIO_USER_PASSWORD")
            }
            return line
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an organization's members.")

        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "Organization id.") var org: String
        @Option(name: .long) var page = 1
        @Option(name: .customLong("per-page")) var perPage = 100

        struct Output: Encodable {
            let data: [MemberSummary]
            let totalItems: Int
        }

        func run() async throws {
            let organization = try parseID(org, as: OrganizationID.self, option: "--org")
            let request = try PageRequest(page: page, perPage: perPage)
            let members = try await common.withGestio {
                try await $0.identity.listMembers(of: organization, page: request)
            }
            let output = Output(data: members.items.map(MemberSummary.init), totalItems: members.totalItems)
            try emit(output, json: common.json) {
                (output.data.map(\.line) + ["\(output.totalItems) member(s)"]).joined(separator: "\n")
            }
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-role", abstract: "Replace a member's roles in an organization.")

        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "Organization id.") var org: String
        @Option(name: .long, help: "User id.") var user: String
        @Option(name: .long, parsing: .upToNextOption, help: "The new roles.") var role: [String]

        func run() async throws {
            let organization = try parseID(org, as: OrganizationID.self, option: "--org")
            let userID = try parseID(user, as: UserID.self, option: "--user")
            let member = try await common.withGestio {
                try await $0.identity.setRoles(of: userID, in: organization, to: role)
            }
            let output = MemberSummary(member)
            try emit(output, json: common.json) { "updated \(output.line)" }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deactivate a user: no more logins or refreshes.")
        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "User id.") var user: String

        func run() async throws { try await setActive(common: common, user: user, false) }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reactivate a deactivated user.")
        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "User id.") var user: String

        func run() async throws { try await setActive(common: common, user: user, true) }
    }

    struct ResetTwoFactor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-2fa",
            abstract:
                "Turn a user's two-factor authentication off (lost phone and backup codes), once you know who asks.")
        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "User id.") var user: String

        struct Output: Encodable {
            let id: String
            let twoFactorWasOn: Bool
        }

        func run() async throws {
            let userID = try parseID(user, as: UserID.self, option: "--user")
            let wasOn = try await common.withGestio { try await $0.identity.resetTwoFactor(of: userID) }
            let output = Output(id: userID.description, twoFactorWasOn: wasOn)
            try emit(output, json: common.json) {
                wasOn
                    ? "two-factor authentication of \(output.id) is off; they can set it up again"
                    : "\(output.id) had no two-factor authentication"
            }
        }
    }
}

private struct ActivationOutput: Encodable {
    let id: String
    let email: String
    let isActive: Bool
}

private func setActive(common: CommonOptions, user: String, _ isActive: Bool) async throws {
    let userID = try parseID(user, as: UserID.self, option: "--user")
    let updated = try await common.withGestio { try await $0.identity.setActive(userID, isActive) }
    let output = ActivationOutput(id: updated.id.description, email: updated.email.value, isActive: updated.isActive)
    try emit(output, json: common.json) { "\(output.email) is now \(isActive ? "active" : "deactivated")" }
}

func parseID<Entity>(_ raw: String, as _: Identifier<Entity>.Type, option: String) throws -> Identifier<Entity> {
    guard let id = Identifier<Entity>(raw) else { throw ValidationError("\(option) must be a UUID") }
    return id
}

extension MemberSummary {
    /// One line of `gestio user list`.
    var line: String {
        "\(email)  \(name)  [\(roles.joined(separator: ", "))]\(isActive ? "" : "  (deactivated)")  \(id)"
    }
}
