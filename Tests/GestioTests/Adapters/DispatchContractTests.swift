import Application
import Domain
import Foundation
import SQLAdapters
import Testing

/// The dispatch repositories (company, taxis, clients, rides, offers), on SQLite and (when
/// configured) PostgreSQL.
@Suite("Dispatch repository contract")
struct DispatchContractTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000.5)

    struct Company {
        let organization: Organization
        let driver: UserID
        let otherDriver: UserID
    }

    func withStore(_ database: TestDatabase, _ body: (SQLPersistence, Company) async throws -> Void) async throws {
        try await database.withStore { store in
            let organization = Organization(id: OrganizationID(UUID()), name: "Taxis", createdAt: now)
            let drivers = try ["chloe", "charles"].map {
                User(
                    id: UserID(UUID()), email: try Email("\($0)@example.com"), name: $0, passwordHash: "h",
                    isActive: true, createdAt: now)
            }
            try await store.write { repos in
                try await repos.organizations.insert(organization)
                for driver in drivers {
                    try await repos.users.insert(driver)
                    try await repos.memberships.insert(
                        try Membership(
                            userID: driver.id, organizationID: organization.id, roles: [.chauffeur], createdAt: now)
                    )
                }
            }
            try await body(
                store, Company(organization: organization, driver: drivers[0].id, otherDriver: drivers[1].id))
        }
    }

    func ride(
        _ company: Company, number: Int, at hour: Int, status: Commande.Status = .enAttente, pickup: String = "Gare"
    )
        throws -> Commande
    {
        try Commande(
            id: CommandeID(UUID()), organizationID: company.organization.id,
            reference: Commande.reference(year: 2027, number: number), clientID: nil, pickup: pickup,
            destination: "Aéroport", pickupAt: now.addingTimeInterval(TimeInterval(hour * 3600)), durationMinutes: 45,
            passengers: 1, luggage: 0, flight: nil, status: status, createdAt: now)
    }

    @Test(
        "Taxis round-trip; a plate or a driver is one taxi's; pages are ordered by numero",
        arguments: TestDatabase.enabled)
    func taxis(_ database: TestDatabase) async throws {
        try await withStore(database) { store, company in
            let org = company.organization.id
            let t2 = try Taxi(
                id: TaxiID(UUID()), organizationID: org, numero: "T2", plate: "2-def-456", vignette: nil,
                driverID: company.driver, createdAt: now)
            let t1 = try Taxi(
                id: TaxiID(UUID()), organizationID: org, numero: "T1", plate: "1-ABC-123", vignette: "LUX-1",
                driverID: nil, createdAt: now)
            try await store.write { repos in
                try await repos.taxis.insert(t2)
                try await repos.taxis.insert(t1)
            }
            #expect(try await store.read { try await $0.taxis.find(t2.id) } == t2)
            #expect(try await store.read { try await $0.taxis.find(plate: t2.plate, in: org) } == t2)
            #expect(try await store.read { try await $0.taxis.find(driver: company.driver, in: org) } == t2)
            #expect(
                try await store.read { try await $0.taxis.find(plate: t2.plate, in: OrganizationID(UUID())) } == nil)
            let samePlate = try Taxi(
                id: TaxiID(UUID()), organizationID: org, numero: "T3", plate: "2-DEF-456", vignette: nil, driverID: nil,
                createdAt: now)
            await #expect(throws: DispatchError.plateTaken(t2.plate)) {
                try await store.write { try await $0.taxis.insert(samePlate) }
            }
            let sameDriver = try Taxi(
                id: TaxiID(UUID()), organizationID: org, numero: "T4", plate: "4-GHI-789", vignette: nil,
                driverID: company.driver, createdAt: now)
            await #expect(throws: DispatchError.driverHasTaxi) {
                try await store.write { try await $0.taxis.insert(sameDriver) }
            }
            let page = try await store.read { try await $0.taxis.list(of: org, page: PageRequest(page: 1, perPage: 1)) }
            #expect(page.items.map(\.numero) == ["T1"])
            #expect(page.totalItems == 2)
            var moved = t1
            try moved.edit(numero: nil, plate: nil, vignette: .some(nil), driverID: .some(company.otherDriver))
            try await store.write { [moved] in try await $0.taxis.update(moved) }
            #expect(try await store.read { try await $0.taxis.find(t1.id) } == moved)
            try await store.write { try await $0.taxis.delete(t2.id) }
            #expect(try await store.read { try await $0.taxis.find(t2.id) } == nil)
        }
    }

    @Test("Clients round-trip, page by name, and know when a ride names them", arguments: TestDatabase.enabled)
    func clients(_ database: TestDatabase) async throws {
        try await withStore(database) { store, company in
            let org = company.organization.id
            let royal = try DispatchClient(
                id: DispatchClientID(UUID()), organizationID: org, kind: .hotel, name: "Hôtel Royal",
                email: try Email("resa@royal.example"), phone: "+32 2 000 00 00", address: nil, createdAt: now)
            let agence = try DispatchClient(
                id: DispatchClientID(UUID()), organizationID: org, kind: .agence, name: "Agence Azur", email: nil,
                phone: nil, address: "Rue 1", createdAt: now)
            try await store.write { repos in
                try await repos.dispatchClients.insert(royal)
                try await repos.dispatchClients.insert(agence)
            }
            #expect(try await store.read { try await $0.dispatchClients.find(royal.id) } == royal)
            let page = try await store.read { try await $0.dispatchClients.list(of: org, page: PageRequest()) }
            #expect(page.items.map(\.name) == ["Agence Azur", "Hôtel Royal"])
            #expect(try await store.read { try await $0.dispatchClients.isReferenced(royal.id) } == false)
            var booked = try ride(company, number: 1, at: 1)
            try booked.edit(
                clientID: .some(royal.id), pickup: nil, destination: nil, pickupAt: nil, durationMinutes: nil,
                passengers: nil, luggage: nil, flight: nil, at: now)
            try await store.write { [booked] in try await $0.commandes.insert(booked) }
            #expect(try await store.read { try await $0.dispatchClients.isReferenced(royal.id) } == true)
            try await store.write { try await $0.dispatchClients.delete(agence.id) }
            #expect(try await store.read { try await $0.dispatchClients.find(agence.id) } == nil)
        }
    }

    @Test(
        "Ride numbers are gapless per organization and year, and a rolled-back number is given back",
        arguments: TestDatabase.enabled)
    func rideNumbers(_ database: TestDatabase) async throws {
        struct Boom: Error {}
        try await withStore(database) { store, company in
            let org = company.organization.id
            let first = try await store.write { try await $0.commandes.nextNumber(of: org, year: 2027) }
            #expect(first == 1)
            await #expect(throws: Boom.self) {
                try await store.write { repos in
                    _ = try await repos.commandes.nextNumber(of: org, year: 2027)
                    throw Boom()
                }
            }
            let second = try await store.write { try await $0.commandes.nextNumber(of: org, year: 2027) }
            let nextYear = try await store.write { try await $0.commandes.nextNumber(of: org, year: 2028) }
            #expect(second == 2)
            #expect(nextYear == 1)
        }
    }

    @Test(
        "Rides round-trip, filter, page by pickup, hold their taxi, and are alerted once",
        arguments: TestDatabase.enabled)
    func rides(_ database: TestDatabase) async throws {
        try await withStore(database) { store, company in
            let org = company.organization.id
            let taxi = try Taxi(
                id: TaxiID(UUID()), organizationID: org, numero: "T1", plate: "1-ABC-123", vignette: nil,
                driverID: company.driver, createdAt: now)
            let waitingLate = try ride(company, number: 2, at: 5, pickup: "Place Flagey")
            let early = try ride(company, number: 1, at: 1)
            try await store.write { repos in
                try await repos.taxis.insert(taxi)
                try await repos.commandes.insert(waitingLate)
                try await repos.commandes.insert(early)
            }
            #expect(try await store.read { try await $0.commandes.find(early.id) } == early)
            let both = try await store.read { try await $0.commandes.find(ids: [early.id, waitingLate.id]) }
            #expect(both.count == 2 && both.contains(early) && both.contains(waitingLate))
            let all = try await store.read {
                try await $0.commandes.list(of: org, filter: CommandeFilter(), page: PageRequest())
            }
            #expect(all.items.map(\.id) == [early.id, waitingLate.id])
            let flagey = try await store.read {
                try await $0.commandes.list(of: org, filter: CommandeFilter(query: "flagey"), page: PageRequest())
            }
            #expect(flagey.items.map(\.id) == [waitingLate.id] && flagey.totalItems == 1)
            var accepting = waitingLate
            try accepting.offer(to: taxi.id, driver: company.driver, at: now)
            try accepting.apply(.accept, at: now)
            let late = accepting
            try await store.write { try await $0.commandes.update(late) }
            #expect(try await store.read { try await $0.commandes.find(late.id) } == late)
            let accepted = try await store.read {
                try await $0.commandes.list(of: org, filter: CommandeFilter(status: .assignee), page: PageRequest())
            }
            #expect(accepted.items.map(\.id) == [late.id])
            let held = try await store.read {
                try await $0.commandes.holding(
                    taxi: taxi.id, pickupFrom: now, to: now.addingTimeInterval(24 * 3600))
            }
            #expect(held.map(\.id) == [late.id])
            #expect(try await store.read { try await $0.commandes.hasPlannedRides(taxi: taxi.id) })
            let mine = try await store.read {
                try await $0.commandes.rides(driver: company.driver, in: org, statuses: [.assignee, .enCours])
            }
            #expect(mine.map(\.id) == [late.id])
            let waiting = try await store.read {
                try await $0.commandes.waitingUnalerted(createdBefore: now.addingTimeInterval(1))
            }
            #expect(waiting.map(\.id) == [early.id])
            #expect(try await store.write { try await $0.commandes.markAlerted(early.id) })
            #expect(try await store.write { try await $0.commandes.markAlerted(early.id) } == false)
            #expect(
                try await store.read {
                    try await $0.commandes.waitingUnalerted(createdBefore: now.addingTimeInterval(1))
                }.isEmpty)
        }
    }

    @Test(
        "Offers are answered once; a ride has at most one open offer; a driver lists theirs",
        arguments: TestDatabase.enabled)
    func offers(_ database: TestDatabase) async throws {
        try await withStore(database) { store, company in
            let org = company.organization.id
            let taxi = try Taxi(
                id: TaxiID(UUID()), organizationID: org, numero: "T1", plate: "1-ABC-123", vignette: nil,
                driverID: company.driver, createdAt: now)
            let commande = try ride(company, number: 1, at: 2)
            var first = Demande(
                id: DemandeID(UUID()), organizationID: org, commandeID: commande.id, taxiID: taxi.id,
                driverID: company.driver, createdAt: now)
            try await store.write { [first] repos in
                try await repos.taxis.insert(taxi)
                try await repos.commandes.insert(commande)
                try await repos.demandes.insert(first)
            }
            let offered = first
            #expect(try await store.read { try await $0.demandes.find(offered.id) } == offered)
            #expect(try await store.read { try await $0.demandes.open(for: commande.id) } == offered)
            try first.answer(.refusee, reason: "Trop loin", at: now.addingTimeInterval(60))
            try await store.write { [first] in try await $0.demandes.update(first) }
            #expect(try await store.read { try await $0.demandes.open(for: commande.id) } == nil)
            let second = Demande(
                id: DemandeID(UUID()), organizationID: org, commandeID: commande.id, taxiID: taxi.id,
                driverID: company.driver, createdAt: now.addingTimeInterval(120))
            try await store.write { try await $0.demandes.insert(second) }
            let refused = first
            #expect(try await store.read { try await $0.demandes.list(commande: commande.id) } == [refused, second])
            #expect(
                try await store.read { try await $0.demandes.list(driver: company.driver, in: org, status: .refusee) }
                    == [refused])
            #expect(
                try await store.read {
                    try await $0.demandes.list(driver: company.otherDriver, in: org, status: .enAttente)
                }
                .isEmpty)
        }
    }

    @Test("A company's public name is its own", arguments: TestDatabase.enabled)
    func companies(_ database: TestDatabase) async throws {
        try await withStore(database) { store, company in
            let societe = try Societe(organizationID: company.organization.id, name: "Taxis Lumière", slug: "lumiere")
            try await store.write { try await $0.societes.save(societe) }
            #expect(try await store.read { try await $0.societes.find(company.organization.id) } == societe)
            #expect(try await store.read { try await $0.societes.find(slug: "lumiere") } == societe)
            let other = Organization(id: OrganizationID(UUID()), name: "Autres", createdAt: now)
            let rival = try Societe(organizationID: other.id, name: "Rivale", slug: "lumiere")
            await #expect(throws: DispatchError.slugTaken("lumiere")) {
                try await store.write { repos in
                    try await repos.organizations.insert(other)
                    try await repos.societes.save(rival)
                }
            }
        }
    }
}
