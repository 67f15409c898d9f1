import Application
import Domain
import Foundation
import Logging
import SQLAdapters
import SQLKit
import Testing

/// The same contract for every repository, on SQLite and (when configured) PostgreSQL.
@Suite("Repository contract")
struct RepositoryContractTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000.25)

    func user(_ email: String) throws -> User {
        User(
            id: UserID(UUID()), email: try Email(email), name: "N", passwordHash: "hash", isActive: true, createdAt: now
        )
    }

    func organization() -> Organization { Organization(id: OrganizationID(UUID()), name: "Org", createdAt: now) }

    @Test("Users round-trip, are found by email, and a duplicate email is reported", arguments: TestDatabase.enabled)
    func users(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let alice = try user("alice@example.com")
            try await store.write { try await $0.users.insert(alice) }
            let byID = try await store.read { try await $0.users.find(alice.id) }
            #expect(byID == alice)
            #expect(try await store.read { try await $0.users.find(email: Email("ALICE@example.com")) } == alice)
            #expect(try await store.read { try await $0.users.find(UserID(UUID())) } == nil)
            let duplicate = try user("alice@example.com")
            await #expect(throws: ApplicationError.emailAlreadyRegistered(duplicate.email)) {
                try await store.write { try await $0.users.insert(duplicate) }
            }
            var updated = alice
            updated.isActive = false
            updated.name = "Alice B."
            try await store.write { [updated] in try await $0.users.update(updated) }
            #expect(try await store.read { try await $0.users.find(alice.id) } == updated)
            let bob = try user("bob@example.com")
            try await store.write { try await $0.users.insert(bob) }
            let stranger = UserID(UUID())
            let names = try await store.read { try await $0.users.names(of: [alice.id, bob.id, stranger]) }
            #expect(names == [alice.id: "Alice B.", bob.id: bob.name])
            #expect(try await store.read { try await $0.users.names(of: []) }.isEmpty)
        }
    }

    @Test("A failing write leaves nothing behind", arguments: TestDatabase.enabled)
    func rollback(_ database: TestDatabase) async throws {
        struct Boom: Error {}
        try await database.withStore { store in
            let org = organization()
            let bob = try user("bob@example.com")
            await #expect(throws: Boom.self) {
                try await store.write { repos in
                    try await repos.organizations.insert(org)
                    try await repos.users.insert(bob)
                    throw Boom()
                }
            }
            #expect(try await store.read { try await $0.organizations.find(org.id) } == nil)
            #expect(try await store.read { try await $0.users.find(bob.id) } == nil)
        }
    }

    @Test("Memberships keep several roles, replace them, and page members by email", arguments: TestDatabase.enabled)
    func memberships(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let org = organization()
            let other = organization()
            let people = try ["carol", "alice", "bob"].map { try user("\($0)@example.com") }
            try await store.write { repos in
                try await repos.organizations.insert(org)
                try await repos.organizations.insert(other)
                for person in people {
                    try await repos.users.insert(person)
                    try await repos.memberships.insert(
                        Membership(userID: person.id, organizationID: org.id, roles: [.owner], createdAt: now))
                }
                try await repos.memberships.insert(
                    Membership(
                        userID: people[0].id, organizationID: other.id, roles: [.syndic, .accountant], createdAt: now))
            }
            let carol = people[0]
            let inOther = try await store.read { try await $0.memberships.member(carol.id, in: other.id) }
            #expect(inOther?.roles == [.syndic, .accountant])
            #expect(try await store.read { try await $0.memberships.memberships(of: carol.id) }.count == 2)

            var membership = try #require(
                try await store.read { try await $0.memberships.find(user: carol.id, organization: other.id) })
            try membership.replaceRoles(with: [.admin])
            try await store.write { [membership] in try await $0.memberships.replaceRoles(membership) }
            #expect(try await store.read { try await $0.memberships.member(carol.id, in: other.id) }?.roles == [.admin])
            #expect(try await store.read { try await $0.memberships.member(carol.id, in: org.id) }?.roles == [.owner])

            // The profile belongs to one membership: the other organization still sees the account's name.
            try membership.editProfile(displayName: "Carol (syndic)", phone: "+32 2 555 00 00")
            try await store.write { [membership] in try await $0.memberships.updateProfile(membership) }
            let renamed = try await store.read { try await $0.memberships.member(carol.id, in: other.id) }
            #expect(renamed?.name == "Carol (syndic)")
            #expect(renamed?.phone == "+32 2 555 00 00")
            #expect(
                try await store.read { try await $0.memberships.find(user: carol.id, organization: other.id) }
                    == membership)
            #expect(try await store.read { try await $0.memberships.member(carol.id, in: org.id) }?.name == carol.name)
            let listed = try await store.read {
                try await $0.memberships.members(of: other.id, page: PageRequest(page: 1, perPage: 10))
            }
            #expect(listed.items.map(\.phone) == ["+32 2 555 00 00"])

            let first = try await store.read {
                try await $0.memberships.members(of: org.id, page: PageRequest(page: 1, perPage: 2))
            }
            #expect(first.items.map(\.user.email.value) == ["alice@example.com", "bob@example.com"])
            #expect(first.totalItems == 3)
            #expect(first.totalPages == 2)
            let second = try await store.read {
                try await $0.memberships.members(of: org.id, page: PageRequest(page: 2, perPage: 2))
            }
            #expect(second.items.map(\.user.email.value) == ["carol@example.com"])
            #expect(
                try await store.read { try await $0.memberships.member(carol.id, in: OrganizationID(UUID())) } == nil)
        }
    }

    @Test(
        "Refresh tokens rotate once (compare-and-set) and a family is revoked together", arguments: TestDatabase.enabled
    )
    func refreshTokens(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let org = organization()
            let alice = try user("alice@example.com")
            let family = TokenFamilyID(UUID())
            let tokens = (0..<2).map { index in
                RefreshToken(
                    id: RefreshTokenID(UUID()), familyID: family, userID: alice.id, organizationID: org.id,
                    tokenHash: "hash-\(index)", issuedAt: now, expiresAt: now.addingTimeInterval(60))
            }
            try await store.write { repos in
                try await repos.organizations.insert(org)
                try await repos.users.insert(alice)
                for token in tokens { try await repos.refreshTokens.insert(token) }
            }
            #expect(try await store.read { try await $0.refreshTokens.find(tokenHash: "hash-0") } == tokens[0])
            #expect(try await store.write { try await $0.refreshTokens.markRotated(tokens[0].id, at: now) })
            #expect(try await store.write { try await $0.refreshTokens.markRotated(tokens[0].id, at: now) } == false)
            #expect(try await store.read { try await $0.refreshTokens.isOpen(family) })
            try await store.write { try await $0.refreshTokens.revokeFamily(family, at: now) }
            #expect(try await store.read { try await $0.refreshTokens.isOpen(family) } == false)
            let revoked = try await store.read { try await $0.refreshTokens.find(tokenHash: "hash-1") }
            #expect(revoked?.status(at: now) == .revoked)
            #expect(try await store.write { try await $0.refreshTokens.markRotated(tokens[1].id, at: now) } == false)
        }
    }

    @Test("Invitations are found by token hash and marked accepted", arguments: TestDatabase.enabled)
    func invitations(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let org = organization()
            let alice = try user("alice@example.com")
            let invitation = try Invitation(
                id: InvitationID(UUID()), organizationID: org.id, email: Email("bob@example.com"), role: .owner,
                tokenHash: "digest", invitedBy: alice.id, createdAt: now, expiresAt: now.addingTimeInterval(60))
            try await store.write { repos in
                try await repos.organizations.insert(org)
                try await repos.users.insert(alice)
                try await repos.invitations.insert(invitation)
            }
            var accepted = invitation
            #expect(try await store.read { try await $0.invitations.find(tokenHash: "digest") } == invitation)
            try accepted.accept(at: now)
            try await store.write { [accepted] in try await $0.invitations.markAccepted(accepted) }
            #expect(
                try await store.read { try await $0.invitations.find(tokenHash: "digest") }?.status(at: now)
                    == .accepted)
        }
    }

    @Test("Settings keep the first value written", arguments: TestDatabase.enabled)
    func settings(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let before = try await store.read { try await $0.settings.value(for: "k") }
            let first = try await store.write {
                try await $0.settings.insertIfAbsent(key: "k", value: "first", at: now)
            }
            let second = try await store.write {
                try await $0.settings.insertIfAbsent(key: "k", value: "second", at: now)
            }
            #expect(before == nil)
            #expect(first == "first")
            #expect(second == "first")
        }
    }

    @Test("Concurrent writers are serialized without losing a row", arguments: TestDatabase.enabled)
    func concurrentWrites(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let org = organization()
            try await store.write { try await $0.organizations.insert(org) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        let person = try user("user\(index)@example.com")
                        try await store.write { repos in
                            try await repos.users.insert(person)
                            try await repos.memberships.insert(
                                Membership(userID: person.id, organizationID: org.id, roles: [.owner], createdAt: now))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let page = try await store.read {
                try await $0.memberships.members(of: org.id, page: PageRequest(page: 1, perPage: 100))
            }
            #expect(page.totalItems == 40)
        }
    }
}
