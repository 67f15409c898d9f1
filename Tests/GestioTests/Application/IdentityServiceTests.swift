import Application
import Bootstrap
import Domain
import Foundation
import Logging
import SQLKit
import Testing

@Suite("Identity use cases")
struct IdentityServiceTests {
    func register(_ identity: IdentityService, _ email: String, organization: String = "Org") async throws
        -> AuthSession
    {
        try await identity.register(
            Registration(
                email: email, password: "correct-horse-battery", name: "N",
                destination: .newOrganization(name: organization)))
    }

    @Test(
        "Two concurrent refreshes of one token: one wins, and the reuse revokes the family",
        arguments: TestDatabase.enabled)
    func concurrentRefresh(_ database: TestDatabase) async throws {
        try await database.withGestio { gestio in
            let session = try await register(gestio.identity, "alice@example.com")
            let results = await withTaskGroup(of: Result<AuthSession, any Error>.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        do {
                            return .success(try await gestio.identity.refresh(refreshToken: session.refreshToken))
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let winners = results.compactMap { try? $0.get() }
            #expect(winners.count == 1)
            let failures = results.compactMap { result -> ApplicationError? in
                if case .failure(let error) = result { return error as? ApplicationError }
                return nil
            }
            #expect(failures == [.refreshTokenReused])
            // The family is revoked: even the winner's new token is dead.
            await #expect(throws: ApplicationError.invalidRefreshToken) {
                try await gestio.identity.refresh(refreshToken: winners[0].refreshToken)
            }
        }
    }

    @Test("A registration that fails leaves no organization behind", arguments: TestDatabase.enabled)
    func registrationIsAtomic(_ database: TestDatabase) async throws {
        try await database.withGestio { gestio in
            _ = try await register(gestio.identity, "alice@example.com")
            await #expect(throws: ApplicationError.emailAlreadyRegistered(try Email("alice@example.com"))) {
                _ = try await register(gestio.identity, "alice@example.com", organization: "Second")
            }
            let organizations = try await gestio.persistence.withDatabase { db in
                try await db.raw("SELECT COUNT(*) AS n FROM organizations").first(decodingColumn: "n", as: Int.self)
            }
            #expect(organizations == 1)
        }
    }

    @Test("An admin cannot remove their own admin role")
    func adminKeepsAdmin() async throws {
        try await TestDatabase.sqlite.withGestio { gestio in
            let session = try await register(gestio.identity, "alice@example.com")
            let principal = Principal(
                userID: session.member.user.id, organizationID: session.member.organizationID, roles: [.admin])
            await #expect(throws: DomainError.self) {
                _ = try await gestio.identity.changeRoles(of: principal.userID, to: ["owner"], as: principal)
            }
            let member = try await gestio.identity.changeRoles(
                of: principal.userID, to: ["admin", "syndic"], as: principal)
            #expect(member.roles == [.admin, .syndic])
        }
    }

    @Test("Role changes reach the token at the next refresh")
    func rolesAtRefresh() async throws {
        try await TestDatabase.sqlite.withGestio { gestio in
            let session = try await register(gestio.identity, "alice@example.com")
            _ = try await gestio.identity.setRoles(
                of: session.member.user.id, in: session.member.organizationID, to: ["admin", "syndic"])
            let refreshed = try await gestio.identity.refresh(refreshToken: session.refreshToken)
            let principal = try await gestio.identity.authenticate(accessToken: refreshed.accessToken)
            #expect(principal.roles == [.admin, .syndic])
        }
    }

    @Test("A user in two organizations chooses where to log in")
    func loginChoosesOrganization() async throws {
        try await TestDatabase.sqlite.withGestio { gestio in
            let session = try await register(gestio.identity, "alice@example.com")
            let second = try await gestio.identity.createOrganization(name: "Second")
            let bob = try await gestio.identity.createUser(
                email: "bob@example.com", name: "Bob", password: "correct-horse-battery", organization: second.id,
                roles: ["technicien"])
            #expect(bob.roles == [.technicien])
            let first = try await gestio.identity.login(email: "alice@example.com", password: "correct-horse-battery")
                .session()
            #expect(first.member.organizationID == session.member.organizationID)
            await #expect(throws: ApplicationError.notAMember) {
                _ = try await gestio.identity.login(
                    email: "alice@example.com", password: "correct-horse-battery", organization: second.id)
            }
        }
    }

    @Test("The generated signing secret survives a restart, so tokens stay valid")
    func secretSurvivesRestart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-\(UUID().uuidString).sqlite")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var configuration = GestioConfiguration()
        configuration.databaseURL = "sqlite://\(path)"
        configuration.bcryptCost = 4
        let first = try await Gestio.start(configuration, logger: .quiet)
        let session = try await register(first.identity, "alice@example.com")
        await first.shutdown()
        let second = try await Gestio.start(configuration, logger: .quiet)
        let principal = try await second.identity.authenticate(accessToken: session.accessToken)
        await second.shutdown()
        #expect(principal.userID == session.member.user.id)
    }

    @Test("The access policy: admins manage members, every member reads members")
    func accessPolicy() {
        let member = Principal(userID: UserID(UUID()), organizationID: OrganizationID(UUID()), roles: [.owner])
        let admin = Principal(userID: UserID(UUID()), organizationID: member.organizationID, roles: [.admin])
        #expect(AccessPolicy.allows(member, .readMember))
        for permission in [Permission.listMembers, .changeMemberRoles, .inviteMembers] {
            #expect(!AccessPolicy.allows(member, permission))
            #expect(AccessPolicy.allows(admin, permission))
        }
        #expect(Permission.allCases.allSatisfy { AccessPolicy.rules[$0] != nil })
    }
}
