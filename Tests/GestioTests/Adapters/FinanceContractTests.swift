import Application
import Domain
import Foundation
import SQLAdapters
import Testing

/// The budget, drift-alert, call-for-funds and activity repositories, on SQLite and (when
/// configured) PostgreSQL.
@Suite("Finance and activity repository contract")
struct FinanceContractTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000.5)

    struct Scene {
        let organization: Organization
        let building: Building
        let owner: Owner
        let user: UserID
    }

    func withStore(_ database: TestDatabase, _ body: (SQLPersistence, Scene) async throws -> Void) async throws {
        try await database.withStore { store in
            let organization = Organization(id: OrganizationID(UUID()), name: "Syndic", createdAt: now)
            let building = try Building(
                id: BuildingID(UUID()), organizationID: organization.id, name: "Tilleuls", address: "Rue 1",
                city: "Liège", postalCode: "4000", country: "BE", totalTantiemes: 1000, createdAt: now)
            let owner = try Owner(
                id: OwnerID(UUID()), organizationID: organization.id, kind: .natural, name: "Marie", email: nil,
                phone: nil, address: nil, userID: nil, createdAt: now)
            let user = User(
                id: UserID(UUID()), email: try Email("sam@example.com"), name: "Sam", passwordHash: "h",
                isActive: true, createdAt: now)
            try await store.write { repos in
                try await repos.organizations.insert(organization)
                try await repos.users.insert(user)
                try await repos.buildings.insert(building)
                try await repos.owners.insert(owner)
            }
            try await body(
                store, Scene(organization: organization, building: building, owner: owner, user: user.id))
        }
    }

    func budget(_ scene: Scene, year: Int = 2027) throws -> Budget {
        try Budget(
            id: BudgetID(UUID()), buildingID: scene.building.id, fiscalYear: year,
            ordinary: Money(minorUnits: 1_000_000), extraordinary: Money(minorUnits: 300_000),
            lines: [
                try BudgetLine(accountCode: "610", label: "Entretien", amount: Money(minorUnits: 1_000_000)),
                try BudgetLine(
                    accountCode: "613", label: "Toiture", amount: Money(minorUnits: 300_000), kind: .extraordinary),
            ], notes: "Proposition A", createdAt: now)
    }

    @Test(
        "Budgets round-trip with their lines, move through their states, and one is active a year",
        arguments: TestDatabase.enabled)
    func budgets(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let proposal = try budget(scene)
            try await store.write { try await $0.budgets.insert(proposal) }
            #expect(try await store.read { try await $0.budgets.find(proposal.id) } == proposal)
            var active = proposal
            try active.apply(.vote, generalAssemblyDate: try CalendarDate(parsing: "2026-12-10"), resolutionRef: "AG-3")
            try active.apply(.activate)
            let activated = active
            try await store.write { try await $0.budgets.update(activated) }
            #expect(try await store.read { try await $0.budgets.find(proposal.id) } == activated)
            #expect(
                try await store.read { try await $0.budgets.active(in: scene.building.id, fiscalYear: 2027) }
                    == activated)
            #expect(
                try await store.read { try await $0.budgets.active(in: scene.building.id, fiscalYear: 2028) } == nil)
            var rival = try budget(scene)
            try rival.apply(.vote, generalAssemblyDate: try CalendarDate(parsing: "2026-12-11"), resolutionRef: nil)
            try rival.apply(.activate)
            let secondActive = rival
            await #expect(throws: (any Error).self) {
                try await store.write { repos in
                    try await repos.budgets.insert(secondActive)
                }
            }
            let draft = try budget(scene, year: 2028)
            try await store.write { try await $0.budgets.insert(draft) }
            let page = try await store.read { try await $0.budgets.list(of: scene.building.id, page: PageRequest()) }
            #expect(page.totalItems == 2)
            try await store.write { try await $0.budgets.delete(draft.id) }
            #expect(try await store.read { try await $0.budgets.find(draft.id) } == nil)
        }
    }

    @Test(
        "Thresholds are the building's; an alert is raised once per budget and threshold",
        arguments: TestDatabase.enabled)
    func alerts(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let proposal = try budget(scene)
            try await store.write { try await $0.budgets.insert(proposal) }
            #expect(try await store.read { try await $0.budgetAlerts.thresholds(of: scene.building.id) } == nil)
            let thresholds = try AlertThresholds([100, 50, 90])
            try await store.write { try await $0.budgetAlerts.setThresholds(thresholds, of: scene.building.id) }
            #expect(try await store.read { try await $0.budgetAlerts.thresholds(of: scene.building.id) } == thresholds)
            let alert = BudgetAlert(
                id: BudgetAlertID(UUID()), buildingID: scene.building.id, budgetID: proposal.id, fiscalYear: 2027,
                thresholdPercent: 50, consumed: Percentage(hundredths: 5_123), budgeted: Money(minorUnits: 1_300_000),
                actual: Money(minorUnits: 666_000), raisedAt: now)
            #expect(try await store.write { try await $0.budgetAlerts.insertOnce(alert) })
            let again = BudgetAlert(
                id: BudgetAlertID(UUID()), buildingID: scene.building.id, budgetID: proposal.id, fiscalYear: 2027,
                thresholdPercent: 50, consumed: Percentage(hundredths: 6_000), budgeted: Money(minorUnits: 1_300_000),
                actual: Money(minorUnits: 780_000), raisedAt: now)
            #expect(try await store.write { try await $0.budgetAlerts.insertOnce(again) } == false)
            #expect(try await store.read { try await $0.budgetAlerts.raised(for: proposal.id) } == [50])
            let page = try await store.read {
                try await $0.budgetAlerts.list(of: scene.building.id, page: PageRequest())
            }
            #expect(page.items == [alert])
        }
    }

    @Test(
        "Calls for funds round-trip with their contributions, list overdue ones, and feed the owner's statement",
        arguments: TestDatabase.enabled)
    func callsForFunds(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let call = try CallForFunds(
                id: CallForFundsID(UUID()), buildingID: scene.building.id, title: "T1 2027", period: .quarterly,
                ordinary: Money(minorUnits: 300_000), extraordinary: Money(minorUnits: 0),
                callDate: try CalendarDate(parsing: "2027-01-05"), dueDate: try CalendarDate(parsing: "2027-02-05"),
                createdAt: now)
            try await store.write { try await $0.callsForFunds.insert(call) }
            #expect(try await store.read { try await $0.callsForFunds.find(call.id) } == call)
            var sent = call
            try sent.send(with: [Contribution(ownerID: scene.owner.id, amount: Money(minorUnits: 300_000))]
            )
            let sentCall = sent
            try await store.write { try await $0.callsForFunds.update(sentCall) }
            #expect(try await store.read { try await $0.callsForFunds.find(call.id) } == sentCall)
            let overdue = try await store.read {
                try await $0.callsForFunds.list(
                    of: scene.building.id, overdueOn: try CalendarDate(parsing: "2027-03-01"), page: PageRequest())
            }
            #expect(overdue.items.map(\.id) == [call.id])
            let notYet = try await store.read {
                try await $0.callsForFunds.list(
                    of: scene.building.id, overdueOn: try CalendarDate(parsing: "2027-02-01"), page: PageRequest())
            }
            #expect(notYet.items.isEmpty)
            let called = try await store.read { try await $0.callsForFunds.calledAmounts(of: scene.owner.id, in: nil) }
            #expect(called.map(\.amount) == [Money(minorUnits: 300_000)])
            #expect(called.map(\.title) == ["T1 2027"])
            #expect(try await store.read { try await $0.callsForFunds.payments(of: scene.owner.id, in: nil) }.isEmpty)
        }
    }

    @Test(
        "The audit log is newest first and filtered; notifications are each user's, read once",
        arguments: TestDatabase.enabled)
    func activity(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let org = scene.organization.id
            let events = (0..<3).map { index in
                AuditEvent(
                    id: AuditEventID(UUID()), organizationID: org, userID: index == 0 ? nil : scene.user,
                    action: "budget.created", entity: index == 2 ? "lot" : "budget", entityID: "e\(index)",
                    payload: ["n": "\(index)", "é": "ü"], at: now.addingTimeInterval(TimeInterval(index)))
            }
            try await store.write { repos in for event in events { try await repos.audit.append(event) } }
            let all = try await store.read {
                try await $0.audit.list(of: org, filter: AuditFilter(), page: PageRequest())
            }
            #expect(all.items == events.reversed())
            let lots = try await store.read {
                try await $0.audit.list(of: org, filter: AuditFilter(entity: "lot"), page: PageRequest())
            }
            #expect(lots.items == [events[2]])
            let byUser = try await store.read {
                try await $0.audit.list(of: org, filter: AuditFilter(userID: scene.user), page: PageRequest())
            }
            #expect(byUser.totalItems == 2)
            #expect(
                try await store.read {
                    try await $0.audit.list(of: OrganizationID(UUID()), filter: AuditFilter(), page: PageRequest())
                }.items.isEmpty)

            let notes = (0..<2).map { index in
                UserNotification(
                    id: NotificationID(UUID()), organizationID: org, userID: scene.user, kind: "budget.alert",
                    title: "Alerte \(index)", body: "Budget consommé", entity: "budget", entityID: "b",
                    createdAt: now.addingTimeInterval(TimeInterval(index)))
            }
            try await store.write { repos in for note in notes { try await repos.notifications.insert(note) } }
            let unread = try await store.read {
                try await $0.notifications.list(for: scene.user, in: org, unreadOnly: true, page: PageRequest())
            }
            #expect(unread.items.map(\.id) == [notes[1].id, notes[0].id])
            #expect(try await store.write { try await $0.notifications.markRead(notes[0].id, for: scene.user) })
            #expect(
                try await store.write { try await $0.notifications.markRead(notes[0].id, for: UserID(UUID())) } == false
            )
            #expect(try await store.write { try await $0.notifications.markAllRead(for: scene.user, in: org) } == 1)
            #expect(
                try await store.read {
                    try await $0.notifications.list(for: scene.user, in: org, unreadOnly: true, page: PageRequest())
                }.items.isEmpty)
        }
    }
}

extension FinanceContractTests {
    @Test(
        "The provisional acceptance is recorded, changed and cleared (waivers are the assembly's: see reserve_fund.feature)",
        arguments: TestDatabase.enabled)
    func reserveFund(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let building = scene.building.id
            let none = try await store.read { try await $0.reserveFund.provisionalAcceptance(of: building) }
            #expect(none == nil)
            for date in ["2019-06-01", "2020-01-15"] {
                try await store.write {
                    try await $0.reserveFund.setProvisionalAcceptance(
                        try CalendarDate(parsing: date), of: building, at: now)
                }
            }
            let recorded = try await store.read { try await $0.reserveFund.provisionalAcceptance(of: building) }
            #expect(recorded == (try CalendarDate(parsing: "2020-01-15")))
            try await store.write { try await $0.reserveFund.setProvisionalAcceptance(nil, of: building, at: now) }
            let cleared = try await store.read { try await $0.reserveFund.provisionalAcceptance(of: building) }
            #expect(cleared == nil)
            let waived = try await store.read { try await $0.reserveFund.waivedYears(of: building) }
            #expect(waived.isEmpty)
        }
    }
}
