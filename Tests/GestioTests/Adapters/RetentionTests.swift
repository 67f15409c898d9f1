import Application
import Bootstrap
import Domain
import Foundation
import SQLAdapters
import SQLKit
import Testing

@Suite("Retention")
struct RetentionTests {
    static func count(_ table: String, _ gestio: Gestio) async throws -> Int {
        try await gestio.persistence.withDatabase { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    @Test(
        "The retention job deletes reset links, refresh tokens, empty sessions and invitations once their life is over",
        arguments: TestDatabase.enabled)
    func purge(_ database: TestDatabase) async throws {
        let clock = TestClock()
        try await database.withGestio(clock: clock) { gestio in
            let alice = try await gestio.identity.register(
                Registration(
                    email: "alice@example.com", password: "correct-horse-battery", name: "Alice",
                    destination: .newOrganization(name: "Tilleuls")))
            let admin = Principal(
                userID: alice.member.user.id, organizationID: alice.member.organizationID, roles: [.admin])
            _ = try await gestio.identity.invite(
                email: "bob@example.com", role: "syndic", to: admin.organizationID, as: admin)
            try await gestio.identity.requestPasswordReset(email: "alice@example.com")
            #expect(try await gestio.identity.purgeExpired().skipped == 0, "nothing has expired yet")
            #expect(try await Self.count("password_resets", gestio) == 1)

            clock.advance(by: 2 * 86_400)
            #expect(try await gestio.identity.purgeExpired().skipped == 1, "the reset link, a day after it expired")
            #expect(try await Self.count("password_resets", gestio) == 0)
            #expect(try await Self.count("invitations", gestio) == 1, "the invitation is not 30 days past expiry")
            // Each run is written to the platform's audit chain, with what it deleted.
            let runs = try await gestio.persistence.read { repos in
                try await repos.audit.list(
                    of: .platform, filter: AuditFilter(entity: "job", entityID: IdentityService.retentionJob),
                    page: try PageRequest())
            }
            #expect(runs.items.map(\.action) == ["retention.run", "retention.run"])
            #expect(runs.items.first?.payload["password_resets"] == "1")
            #expect(runs.items.last?.payload["password_resets"] == "0")

            clock.advance(by: 60 * 86_400)
            _ = try await gestio.identity.purgeExpired()
            #expect(try await Self.count("refresh_tokens", gestio) == 0)
            #expect(try await Self.count("sign_in_sessions", gestio) == 0, "a session without tokens goes too")
            #expect(try await Self.count("invitations", gestio) == 0)
            _ = try await gestio.identity.login(email: "alice@example.com", password: "correct-horse-battery")
            #expect(try await Self.count("sign_in_sessions", gestio) == 1, "a new sign-in is not touched")
            _ = try await gestio.identity.purgeExpired()
            #expect(try await Self.count("sign_in_sessions", gestio) == 1)
        }
    }
}

@Suite("Access log of personal data (repository contract)")
struct PersonalDataReadContractTests {
    @Test("Reads are kept per subject, newest first, and deleted before a cutoff", arguments: TestDatabase.enabled)
    func contract(_ database: TestDatabase) async throws {
        let clock = TestClock()
        try await database.withGestio(clock: clock) { gestio in
            let organization = try await gestio.identity.createOrganization(name: "Tilleuls")
            let reader = try await gestio.identity.createUser(
                email: "sam@example.com", name: "Sam", password: "correct-horse-battery",
                organization: organization.id, roles: ["syndic"])
            let subject = UserID(UUID())
            let owner = OwnerID(UUID())
            let start = clock.now()
            let reads = [
                PersonalDataRead(
                    id: UUID(), organizationID: organization.id, reader: reader.user.id, subject: .user(subject),
                    purpose: "member profile", at: start),
                PersonalDataRead(
                    id: UUID(), organizationID: organization.id, reader: nil, subject: .user(subject),
                    purpose: "data export by the operator", at: start.addingTimeInterval(60)),
                PersonalDataRead(
                    id: UUID(), organizationID: organization.id, reader: reader.user.id, subject: .owner(owner),
                    purpose: "owner record", at: start.addingTimeInterval(120)),
            ]
            try await gestio.persistence.write { repos in
                for read in reads { try await repos.personalDataReads.insert(read) }
            }
            #expect(try await gestio.privacy.reads(of: .user(subject)) == [reads[1], reads[0]])
            #expect(try await gestio.privacy.reads(of: .owner(owner)) == [reads[2]])
            let deleted = try await gestio.persistence.write { repos in
                try await repos.personalDataReads.delete(before: start.addingTimeInterval(90))
            }
            #expect(deleted == 2)
            #expect(try await gestio.privacy.reads(of: .user(subject)).isEmpty)
            #expect(try await gestio.privacy.reads(of: .owner(owner)) == [reads[2]])
        }
    }
}
