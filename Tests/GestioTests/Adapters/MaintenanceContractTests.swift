import Application
import Domain
import Foundation
import SQLAdapters
import Testing

/// The maintenance repositories (equipment, technicians, interventions, preventive plans, SLA
/// settings), on SQLite and (when configured) PostgreSQL.
@Suite("Maintenance repository contract")
struct MaintenanceContractTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000.5)

    struct Scene {
        let organization: OrganizationID
        let user: UserID
    }

    func withStore(_ database: TestDatabase, _ body: (SQLPersistence, Scene) async throws -> Void) async throws {
        try await database.withStore { store in
            let organization = Organization(id: OrganizationID(UUID()), name: "Maintenance", createdAt: now)
            let user = User(
                id: UserID(UUID()), email: try Email("tom@example.com"), name: "Tom", passwordHash: "h",
                isActive: true, createdAt: now)
            try await store.write { repos in
                try await repos.organizations.insert(organization)
                try await repos.users.insert(user)
                try await repos.memberships.insert(
                    try Membership(
                        userID: user.id, organizationID: organization.id, roles: [.technicien], createdAt: now))
            }
            try await body(store, Scene(organization: organization.id, user: user.id))
        }
    }

    func equipment(_ scene: Scene, _ code: String) throws -> Equipement {
        try Equipement(
            id: EquipementID(UUID()), organizationID: scene.organization, code: code, name: "Ascenseur \(code)",
            category: "ascenseur", location: "Hall", buildingID: nil, criticality: .haute,
            commissionedOn: try CalendarDate(parsing: "2020-05-01"), status: .enService, createdAt: now)
    }

    func intervention(_ scene: Scene, _ equipment: Equipement, priority: Intervention.Priority, at offset: Int)
        throws -> Intervention
    {
        try Intervention(
            id: InterventionID(UUID()), organizationID: scene.organization, title: "Panne \(offset)",
            description: nil, kind: .corrective, priority: priority, equipementID: equipment.id, buildingID: nil,
            clientID: nil, createdBy: scene.user, createdAt: now.addingTimeInterval(TimeInterval(offset)),
            dueAt: now.addingTimeInterval(TimeInterval(3600 + offset)), estimatedMinutes: 60)
    }

    @Test("Equipment codes are unique per organization; equipment in use is known", arguments: TestDatabase.enabled)
    func equipments(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let lift = try equipment(scene, "ASC-02")
            let pump = try equipment(scene, "ASC-01")
            try await store.write { repos in
                try await repos.equipements.insert(lift)
                try await repos.equipements.insert(pump)
            }
            #expect(try await store.read { try await $0.equipements.find(lift.id) } == lift)
            await #expect(throws: MaintenanceError.codeTaken("ASC-01")) {
                try await store.write { try await $0.equipements.insert(try equipment(scene, "ASC-01")) }
            }
            let page = try await store.read {
                try await $0.equipements.list(of: scene.organization, page: PageRequest())
            }
            #expect(page.totalItems == 2)
            #expect(try await store.read { try await $0.equipements.isReferenced(lift.id) } == false)
            let job = try intervention(scene, lift, priority: .haute, at: 0)
            try await store.write { try await $0.interventions.insert(job) }
            #expect(try await store.read { try await $0.equipements.isReferenced(lift.id) })
            try await store.write { try await $0.equipements.delete(pump.id) }
            #expect(try await store.read { try await $0.equipements.find(pump.id) } == nil)
        }
    }

    @Test("A user has one technician profile, found by user and filtered by skill", arguments: TestDatabase.enabled)
    func technicians(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let tom = try Technicien(
                id: TechnicienID(UUID()), organizationID: scene.organization, userID: scene.user, equipe: "Nord",
                disponibilite: .disponible, hourlyRate: Money(minorUnits: 4_800),
                competences: ["ascenseur", "électricité"],
                createdAt: now)
            try await store.write { try await $0.techniciens.insert(tom) }
            #expect(try await store.read { try await $0.techniciens.find(tom.id) } == tom)
            #expect(
                try await store.read { try await $0.techniciens.find(user: scene.user, in: scene.organization) } == tom)
            let twin = try Technicien(
                id: TechnicienID(UUID()), organizationID: scene.organization, userID: scene.user, equipe: nil,
                disponibilite: .absent, hourlyRate: Money(minorUnits: 0), competences: [], createdAt: now)
            await #expect(throws: MaintenanceError.profileExists) {
                try await store.write { try await $0.techniciens.insert(twin) }
            }
            let skilled = try await store.read {
                try await $0.techniciens.list(
                    of: scene.organization, filter: TechnicienFilter(competence: "ascenseur"), page: PageRequest())
            }
            #expect(skilled.items == [tom])
            let plumbers = try await store.read {
                try await $0.techniciens.list(
                    of: scene.organization, filter: TechnicienFilter(competence: "plomberie"), page: PageRequest())
            }
            #expect(plumbers.items.isEmpty)
        }
    }

    @Test(
        "Interventions round-trip with their history, sort and filter, and a breach is notified once",
        arguments: TestDatabase.enabled)
    func interventions(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let lift = try equipment(scene, "ASC-01")
            let low = try intervention(scene, lift, priority: .basse, at: 0)
            let urgent = try intervention(scene, lift, priority: .urgente, at: 10)
            try await store.write { repos in
                try await repos.equipements.insert(lift)
                try await repos.interventions.insert(low)
                try await repos.interventions.insert(urgent)
                try await repos.interventions.appendHistory(
                    InterventionHistoryEntry(from: nil, to: .ouverte, at: now, by: scene.user, remark: nil), to: low.id)
            }
            #expect(try await store.read { try await $0.interventions.find(low.id) } == low)
            let newest = try await store.read {
                try await $0.interventions.list(
                    of: scene.organization, filter: InterventionFilter(), page: PageRequest())
            }
            #expect(newest.items.map(\.id) == [urgent.id, low.id])
            let byPriority = try await store.read {
                try await $0.interventions.list(
                    of: scene.organization, filter: InterventionFilter(sort: .priority), page: PageRequest())
            }
            #expect(byPriority.items.map(\.id) == [urgent.id, low.id])
            let onlyLow = try await store.read {
                try await $0.interventions.list(
                    of: scene.organization, filter: InterventionFilter(priority: .basse), page: PageRequest())
            }
            #expect(onlyLow.items.map(\.id) == [low.id])
            var cancelled = low
            try cancelled.cancel(reason: "Doublon", at: now.addingTimeInterval(60))
            let cancelledLow = cancelled
            try await store.write { repos in
                try await repos.interventions.update(cancelledLow)
                try await repos.interventions.appendHistory(
                    InterventionHistoryEntry(
                        from: .ouverte, to: .annulee, at: now.addingTimeInterval(60), by: scene.user, remark: "Doublon"),
                    to: low.id)
            }
            #expect(try await store.read { try await $0.interventions.find(low.id) } == cancelledLow)
            #expect(
                try await store.read { try await $0.interventions.history(of: low.id) }.map(\.to) == [
                    .ouverte, .annulee,
                ])
            let breached = try await store.read {
                try await $0.interventions.breachedUnnotified(at: now.addingTimeInterval(2 * 3600))
            }
            #expect(breached.map(\.id) == [urgent.id])
            try await store.write { try await $0.interventions.markSLANotified(urgent.id) }
            #expect(
                try await store.read {
                    try await $0.interventions.breachedUnnotified(at: now.addingTimeInterval(2 * 3600))
                }
                .isEmpty)
        }
    }

    @Test("Plans fall due, and a plan's run for a date is recorded once", arguments: TestDatabase.enabled)
    func plans(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let lift = try equipment(scene, "ASC-01")
            let plan = try PreventivePlan(
                id: PreventivePlanID(UUID()), organizationID: scene.organization, equipementID: lift.id,
                title: "Contrôle", frequency: try Frequency(every: 1, unit: .months),
                nextDate: try CalendarDate(parsing: "2027-03-01"), checklist: ["Câbles", "Freins"], createdAt: now)
            try await store.write { repos in
                try await repos.equipements.insert(lift)
                try await repos.plans.insert(plan)
            }
            #expect(try await store.read { try await $0.plans.find(plan.id) } == plan)
            #expect(
                try await store.write {
                    try await $0.plans.dueForUpdate(on: try CalendarDate(parsing: "2027-02-28"))
                }.isEmpty)
            let due = try await store.write {
                try await $0.plans.dueForUpdate(on: try CalendarDate(parsing: "2027-03-01"))
            }
            #expect(due == [plan])
            let march = try CalendarDate(parsing: "2027-03-01")
            #expect(
                try await store.write {
                    try await $0.plans.recordRun(
                        plan: plan.id, dueDate: march, intervention: nil, skipped: true, at: now)
                })
            #expect(
                try await store.write {
                    try await $0.plans.recordRun(
                        plan: plan.id, dueDate: march, intervention: nil, skipped: true, at: now)
                } == false)
            #expect(try await store.read { try await $0.plans.skippedDates(of: plan.id) } == [march])
            #expect(try await store.read { try await $0.maintenanceSettings.sla(of: scene.organization) } == nil)
            let policy = try SLAPolicy(minutes: [.urgente: 30, .haute: 120, .normale: 480, .basse: 2880])
            try await store.write { try await $0.maintenanceSettings.setSLA(policy, of: scene.organization) }
            #expect(try await store.read { try await $0.maintenanceSettings.sla(of: scene.organization) } == policy)
        }
    }
}
