import Application
import Domain
import Foundation
import SQLAdapters
import Testing

/// The co-ownership repositories, on SQLite and (when configured) PostgreSQL.
@Suite("Co-ownership repository contract")
struct CoOwnershipContractTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000.5)

    func withStore(_ database: TestDatabase, _ body: (SQLPersistence, Organization) async throws -> Void) async throws {
        try await database.withFreshURL { url in
            let store = try await SQLPersistence.open(try DatabaseLocation(url: url), maxConnections: 4, logger: .quiet)
            do {
                try await Migrator(dialect: store.dialect).migrate(store)
                let organization = Organization(id: OrganizationID(UUID()), name: "Org", createdAt: now)
                try await store.write { try await $0.organizations.insert(organization) }
                try await body(store, organization)
                await store.shutdown()
            } catch {
                await store.shutdown()
                throw error
            }
        }
    }

    @Test("Buildings, lots and owners round-trip; lot numbers are unique per building", arguments: TestDatabase.enabled)
    func roundTrips(_ database: TestDatabase) async throws {
        try await withStore(database) { store, organization in
            let building = try Building(
                id: BuildingID(UUID()), organizationID: organization.id, name: "Tilleuls", address: "Rue 1",
                city: "Liège",
                postalCode: "4000", country: "BE", totalTantiemes: 1000, createdAt: now)
            let lot = try Lot(
                id: LotID(UUID()), buildingID: building.id, number: "A1", kind: .apartment, floor: -1,
                surfaceHundredths: 8550, tantiemes: 600, createdAt: now)
            let owner = try Owner(
                id: OwnerID(UUID()), organizationID: organization.id, kind: .legal, name: "SRL",
                email: Email("srl@example.com"),
                phone: "+32 4 000 00 00", address: nil, userID: nil, createdAt: now)
            try await store.write { repos in
                try await repos.buildings.insert(building)
                try await repos.lots.insert(lot)
                try await repos.owners.insert(owner)
            }
            #expect(try await store.read { try await $0.buildings.find(building.id) } == building)
            #expect(try await store.read { try await $0.lots.find(lot.id) } == lot)
            #expect(try await store.read { try await $0.owners.find(owner.id) } == owner)
            let twin = try Lot(
                id: LotID(UUID()), buildingID: building.id, number: "A1", kind: .cellar, floor: nil,
                surfaceHundredths: nil,
                tantiemes: 1, createdAt: now)
            await #expect(throws: CoOwnershipError.lotNumberTaken("A1")) {
                try await store.write { try await $0.lots.insert(twin) }
            }
            let page = try await store.read { try await $0.buildings.list(of: organization.id, page: PageRequest()) }
            #expect(page.items == [building])
            #expect(
                try await store.read { try await $0.buildings.list(of: OrganizationID(UUID()), page: PageRequest()) }
                    .totalItems == 0)
        }
    }

    @Test("An import's rows are inserted in chunks, every one of them", arguments: TestDatabase.enabled)
    func batchInsert(_ database: TestDatabase) async throws {
        try await withStore(database) { store, organization in
            let building = try Building(
                id: BuildingID(UUID()), organizationID: organization.id, name: "Grande Tour", address: "Rue 2",
                city: "Namur", postalCode: "5000", country: "BE", totalTantiemes: 10_000, createdAt: now)
            // 950 rows: two full chunks of 400 and a partial one.
            let lots = try (1...950).map {
                try Lot(
                    id: LotID(UUID()), buildingID: building.id, number: "L\($0)", kind: .apartment, floor: nil,
                    surfaceHundredths: nil, tantiemes: 10, createdAt: now)
            }
            let owners = try (1...950).map {
                try Owner(
                    id: OwnerID(UUID()), organizationID: organization.id, kind: .natural, name: "Owner \($0)",
                    // Some rows with a value where others have none: one statement, the same columns.
                    email: $0 % 2 == 0 ? try Email("owner\($0)@example.com") : nil, phone: nil, address: nil,
                    userID: nil, createdAt: now)
            }
            try await store.write { repos in
                try await repos.buildings.insert(building)
                try await repos.lots.insertAll(lots)
                try await repos.owners.insertAll(owners)
            }
            let stored = try await store.read { try await $0.lots.lots(of: building.id) }
            #expect(Set(stored.map(\.id)) == Set(lots.map(\.id)))
            #expect(try await store.read { try await $0.owners.find(owners[949].id) } == owners[949])
            #expect(owners[949].email != nil && owners[0].email == nil)

            // Looked up by email all at once: the oldest owner of each address, like find(email:).
            let twin = try Owner(
                id: OwnerID(UUID()), organizationID: organization.id, kind: .natural, name: "Same address, newer",
                email: owners[1].email, phone: nil, address: nil, userID: nil, createdAt: now.addingTimeInterval(60))
            try await store.write { try await $0.owners.insert(twin) }
            let nobody = try Email("nobody@example.com")
            let emails = try [#require(owners[1].email), #require(owners[3].email), nobody]
            let found = try await store.read { try await $0.owners.find(emails: emails, in: organization.id) }
            #expect(found[emails[0]] == owners[1])
            #expect(found[emails[1]] == owners[3])
            #expect(found[nobody] == nil)
            #expect(
                try await store.read { try await $0.owners.find(emails: emails, in: OrganizationID(UUID())) }.isEmpty)
            #expect(try await store.read { try await $0.owners.find(owners[0].id) } == owners[0])
            #expect(try await store.read { try await $0.lots.find(lots[400].id) } == lots[400])
        }
    }

    @Test("Ownership history keeps ended rows; open rows are the current owners", arguments: TestDatabase.enabled)
    func ownerships(_ database: TestDatabase) async throws {
        try await withStore(database) { store, organization in
            let building = try Building(
                id: BuildingID(UUID()), organizationID: organization.id, name: "B", address: "A", city: "C",
                postalCode: "1", country: "BE", totalTantiemes: 100, createdAt: now)
            let lot = try Lot(
                id: LotID(UUID()), buildingID: building.id, number: "1", kind: .parking, floor: nil,
                surfaceHundredths: nil,
                tantiemes: 100, createdAt: now)
            let owner = try Owner(
                id: OwnerID(UUID()), organizationID: organization.id, kind: .natural, name: "O", email: nil, phone: nil,
                address: nil, userID: nil, createdAt: now)
            var row = try Ownership(
                id: OwnershipID(UUID()), lotID: lot.id, ownerID: owner.id, share: Share(parsing: "0.333333"),
                startDate: CalendarDate(parsing: "2019-03-01"))
            try await store.write { [row] repos in
                try await repos.buildings.insert(building)
                try await repos.lots.insert(lot)
                try await repos.owners.insert(owner)
                try await repos.ownerships.insert(row)
            }
            #expect(try await store.read { try await $0.ownerships.open(in: building.id) } == [row])
            try row.end(on: CalendarDate(parsing: "2026-07-01"))
            try await store.write { [row] in try await $0.ownerships.end(row) }
            #expect(try await store.read { try await $0.ownerships.open(in: building.id) }.isEmpty)
            #expect(try await store.read { try await $0.ownerships.history(of: lot.id) } == [row])
        }
    }
}
