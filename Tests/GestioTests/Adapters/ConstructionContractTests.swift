import Application
import Domain
import Foundation
import SQLAdapters
import Testing

/// The construction module's repositories, on SQLite and (when configured) PostgreSQL.
@Suite("Construction repository contract")
struct ConstructionContractTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000.5)

    /// Users named so, with their email at example.com.
    func people(_ names: String...) throws -> [User] {
        try names.map {
            User(
                id: UserID(UUID()), email: try Email("\($0)@example.com"), name: $0, passwordHash: "h", isActive: true,
                createdAt: now)
        }
    }

    @Test(
        "Projects, members, trades, tasks, dependencies and milestones are stored and read back whole",
        arguments: TestDatabase.enabled)
    func roundTrip(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let organization = Organization(id: OrganizationID(UUID()), name: "BTP Martin", createdAt: now)
            let users = try people("eva", "sami")
            let details = try Project.Details(
                name: "Maison Dupont", reference: "CH-1", address: "Rue des Tilleuls 12",
                client: try Project.Client(name: "Famille Dupont", contact: "dupont@example.com"),
                startDate: try CalendarDate(parsing: "2027-03-01"), endDate: nil, requiresValidation: true)
            let project = Project(
                id: ProjectID(UUID()), organizationID: organization.id, details: details, createdBy: users[0].id,
                createdAt: now)
            let other = Project(
                id: ProjectID(UUID()), organizationID: organization.id, details: details, createdBy: users[0].id,
                createdAt: now.addingTimeInterval(60))
            let trade = try Trade(
                id: TradeID(UUID()), projectID: project.id, organizationID: organization.id, name: "Plomberie",
                kind: .plumbing, contractor: nil, createdAt: now)
            let first = ProjectTask(
                id: ProjectTaskID(UUID()), projectID: project.id, organizationID: organization.id,
                plan: try ProjectTask.Plan(
                    title: "Tuyauterie", description: "Cuisine", tradeID: trade.id, assignees: [users[1].id],
                    start: try CalendarDate(parsing: "2027-03-02"), durationDays: 3, weight: 2),
                createdAt: now)
            let second = ProjectTask(
                id: ProjectTaskID(UUID()), projectID: project.id, organizationID: organization.id,
                plan: try ProjectTask.Plan(
                    title: "Essais", description: nil, tradeID: nil, assignees: [], start: nil, durationDays: 1,
                    weight: 1),
                position: 1, createdAt: now)
            let dependency = try TaskDependency(predecessor: first.id, successor: second.id, lagDays: 2)
            let milestone = try Milestone(
                id: MilestoneID(UUID()), projectID: project.id, organizationID: organization.id, name: "Hors d'eau",
                dueOn: try CalendarDate(parsing: "2027-04-01"), taskIDs: [first.id, second.id], createdAt: now)
            try await store.write { repos in
                try await repos.organizations.insert(organization)
                for user in users { try await repos.users.insert(user) }
                try await repos.projects.insert(project)
                try await repos.projects.insert(other)
                try await repos.trades.insert(trade)
                try await repos.projectMembers.save(
                    try ProjectMember(
                        projectID: project.id, userID: users[1].id, role: .sousTraitant, tradeIDs: [trade.id],
                        addedAt: now), organization: organization.id)
                try await repos.projectTasks.insert(first)
                try await repos.projectTasks.insert(second)
                try await repos.projectTasks.insert(dependency, project: project.id, organization: organization.id)
                try await repos.milestones.insert(milestone)
            }
            var running = project
            try running.move(to: .inProgress)
            running.expectedEnd = try CalendarDate(parsing: "2027-03-08")
            var working = first
            try working.move(to: .inProgress)
            try working.report(percent: 40)
            working.version += 1
            let (started, worked) = (running, working)
            try await store.write { repos in
                try await repos.projects.update(started)
                try await repos.projectTasks.update(worked)
                // Saving a member again replaces their role and trades.
                try await repos.projectMembers.save(
                    try ProjectMember(
                        projectID: project.id, userID: users[0].id, role: .entrepriseGenerale, tradeIDs: [],
                        addedAt: now), organization: organization.id)
            }
            try await store.read { repos in
                #expect(try await repos.projects.find(project.id) == started)
                #expect(try await repos.trades.list(of: project.id) == [trade])
                #expect(try await repos.projectTasks.find(first.id) == worked)
                #expect(
                    try await repos.projectTasks.list(of: project.id, filter: ProjectTaskFilter()) == [worked, second])
                #expect(
                    try await repos.projectTasks.list(of: project.id, filter: ProjectTaskFilter(assignee: users[1].id))
                        == [worked])
                #expect(
                    try await repos.projectTasks.list(of: project.id, filter: ProjectTaskFilter(status: .todo)) == [
                        second
                    ])
                #expect(try await repos.projectTasks.dependencies(of: project.id) == [dependency])
                #expect(try await repos.projectTasks.nextPosition(in: project.id) == 2)
                #expect(try await repos.projectTasks.nextPosition(in: other.id) == 0)
                #expect(try await repos.milestones.list(of: project.id) == [milestone])
                #expect(try await repos.projectMembers.members(of: project.id).count == 2)
                #expect(try await repos.projectMembers.member(users[1].id, of: project.id)?.tradeIDs == [trade.id])
                let mine = try await repos.projects.list(
                    of: organization.id, filter: ProjectFilter(memberOf: users[1].id),
                    page: try PageRequest(page: 1, perPage: 20))
                #expect(mine.items.map(\.id) == [project.id])
                let all = try await repos.projects.list(
                    of: organization.id, filter: ProjectFilter(text: "dupont"),
                    page: try PageRequest(page: 1, perPage: 20))
                #expect(all.items.map(\.id) == [other.id, project.id] && all.totalItems == 2)
                let running = try await repos.projects.list(
                    of: organization.id, filter: ProjectFilter(status: .inProgress),
                    page: try PageRequest(page: 1, perPage: 20))
                #expect(running.items.map(\.id) == [project.id])
            }
            try await store.write { repos in try await repos.projectMembers.remove(users[1].id, from: project.id) }
            #expect(try await store.read { try await $0.projectMembers.member(users[1].id, of: project.id) } == nil)
        }
    }

    @Test(
        "Budget versions with their lines, costs and raised alerts are stored and read back whole",
        arguments: TestDatabase.enabled)
    func budget(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let organization = Organization(id: OrganizationID(UUID()), name: "BTP Martin", createdAt: now)
            let user = User(
                id: UserID(UUID()), email: try Email("eva@example.com"), name: "eva", passwordHash: "h",
                isActive: true, createdAt: now)
            let details = try Project.Details(
                name: "Maison Dupont", reference: "CH-1", address: nil,
                client: try Project.Client(name: "Famille Dupont", contact: nil), startDate: nil, endDate: nil,
                requiresValidation: false)
            let project = Project(
                id: ProjectID(UUID()), organizationID: organization.id, details: details, createdBy: user.id,
                createdAt: now)
            let trades = try ["Gros œuvre", "Plomberie"].map {
                try Trade(
                    id: TradeID(UUID()), projectID: project.id, organizationID: organization.id, name: $0, kind: .other,
                    contractor: nil, createdAt: now)
            }
            let initial = try ProjectBudgetVersion(
                projectID: project.id, organizationID: organization.id, number: 1, reason: nil,
                amounts: [trades[0].id: Money(minorUnits: 10_000_000), trades[1].id: Money(minorUnits: 2_000_000)],
                alertThresholds: [80, 100], createdBy: user.id, createdAt: now)
            let revision = try ProjectBudgetVersion(
                projectID: project.id, organizationID: organization.id, number: 2, reason: "Douche ajoutée",
                amounts: [trades[1].id: Money(minorUnits: 2_500_000)], alertThresholds: [90], createdBy: user.id,
                createdAt: now.addingTimeInterval(60))
            let costs = try [
                ("2027-03-02", ProjectExpense.Kind.invoice, 400_000), ("2027-02-20", .changeOrder, -50_000),
            ]
            .map { date, kind, cents in
                try ProjectExpense(
                    id: ProjectExpenseID(UUID()), projectID: project.id, organizationID: organization.id,
                    tradeID: trades[1].id, kind: kind, amount: Money(minorUnits: Int64(cents)),
                    date: try CalendarDate(parsing: date), supplier: "Sanitaires Sami", reference: "F-1",
                    description: nil, documentID: kind == .invoice ? UUID() : nil, recordedBy: user.id,
                    recordedAt: now)
            }
            #expect(try await store.read { try await $0.projectBudgets.latest(of: project.id) } == nil)
            try await store.write { repos in
                try await repos.organizations.insert(organization)
                try await repos.users.insert(user)
                try await repos.projects.insert(project)
                for trade in trades { try await repos.trades.insert(trade) }
                try await repos.projectBudgets.insert(initial)
                try await repos.projectBudgets.insert(revision)
                for cost in costs { try await repos.projectBudgets.insert(cost) }
            }
            let raised = try await store.write { repos in
                [
                    try await repos.projectBudgets.raiseAlert(
                        project: project.id, organization: organization.id, version: 2, trade: trades[1].id,
                        threshold: 90, at: now),
                    try await repos.projectBudgets.raiseAlert(
                        project: project.id, organization: organization.id, version: 2, trade: trades[1].id,
                        threshold: 90, at: now),
                    try await repos.projectBudgets.raiseAlert(
                        project: project.id, organization: organization.id, version: 2, trade: nil, threshold: 90,
                        at: now),
                ]
            }
            #expect(raised == [true, false, true])
            let (latest, stored, count) = try await store.read { repos in
                (
                    try await repos.projectBudgets.latest(of: project.id),
                    try await repos.projectBudgets.expenses(of: project.id),
                    try await repos.projectBudgets.expenseCount(of: project.id)
                )
            }
            #expect(latest == revision)
            #expect(stored == costs.reversed())
            #expect(count == 2)
        }
    }
    @Test(
        "Acceptances with their signatures, snags and warranties are stored and read back whole",
        arguments: TestDatabase.enabled)
    func acceptance(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let organization = Organization(id: OrganizationID(UUID()), name: "BTP Martin", createdAt: now)
            let user = User(
                id: UserID(UUID()), email: try Email("arno@example.com"), name: "arno", passwordHash: "h",
                isActive: true, createdAt: now)
            let project = Project(
                id: ProjectID(UUID()), organizationID: organization.id,
                details: try Project.Details(
                    name: "Maison Dupont", reference: "CH-1", address: nil,
                    client: try Project.Client(name: "Famille Dupont", contact: nil), startDate: nil, endDate: nil,
                    requiresValidation: false), createdBy: user.id, createdAt: now)
            let trades = try [("Gros œuvre", Trade.Kind.structuralWork), ("Plomberie", .plumbing)].map {
                try Trade(
                    id: TradeID(UUID()), projectID: project.id, organizationID: organization.id, name: $0.0,
                    kind: $0.1, contractor: nil, createdAt: now)
            }
            let day = try CalendarDate(parsing: "2027-02-10")
            var whole = try Acceptance(
                id: AcceptanceID(UUID()), projectID: project.id, organizationID: organization.id, tradeID: nil,
                provisionalOn: day, remarks: "Sans réserve majeure", createdBy: user.id, createdAt: now)
            try whole.signOff(as: .architecte, by: user.id, at: now)
            let snags = try [("Fissure du linteau", "2027-04-01", 0), ("Pression trop faible", "2027-03-01", 1)].map {
                try Snag(
                    id: SnagID(UUID()), acceptanceID: whole.id, projectID: project.id, organizationID: organization.id,
                    tradeID: trades[$0.2].id, title: $0.0, description: nil, deadline: try CalendarDate(parsing: $0.1),
                    photoDocumentID: $0.2 == 0 ? UUID() : nil, createdAt: now)
            }
            let warranties = trades.map {
                ProjectWarranty(
                    projectID: project.id, organizationID: organization.id, tradeID: $0.id, acceptanceID: whole.id,
                    kind: ProjectWarranty.Kind($0.kind), startsOn: day)
            }
            try await store.write { [whole] repos in
                try await repos.organizations.insert(organization)
                try await repos.users.insert(user)
                try await repos.projects.insert(project)
                for trade in trades { try await repos.trades.insert(trade) }
                try await repos.acceptances.insert(whole)
                for snag in snags { try await repos.acceptances.insert(snag) }
                try await repos.acceptances.insert(warranties)
            }
            var fixed = snags[1]
            try fixed.move(to: .fixed, at: now.addingTimeInterval(60))
            try whole.signOff(as: .maitreOuvrage, by: user.id, at: now.addingTimeInterval(120))
            try await store.write { [whole, fixed] repos in
                try await repos.acceptances.update(fixed)
                try await repos.acceptances.update(whole)
                try await repos.acceptances.markAlerted(warranties[1], at: now)
            }
            try await store.read { [whole, fixed] repos in
                #expect(try await repos.acceptances.find(whole.id) == whole)
                #expect(try await repos.acceptances.list(of: project.id) == [whole])
                #expect(try await repos.acceptances.find(fixed.id) == fixed)
                #expect(try await repos.acceptances.snags(of: project.id, acceptance: whole.id) == [fixed, snags[0]])
                #expect(try await repos.acceptances.snags(of: project.id, acceptance: nil).count == 2)
                let stored = try await repos.acceptances.warranties(of: project.id)
                #expect(Set(stored.map(\.tradeID)) == Set(trades.map(\.id)))
                #expect(stored.first { $0.kind == .decennial }?.endsOn == (try CalendarDate(parsing: "2037-02-10")))
                // The plumbing's warranty (ending 2028-02-10) is alerted; the structure's ends in 2037.
                let range = try CalendarDate(parsing: "2027-01-01")...(try CalendarDate(parsing: "2040-01-01"))
                #expect(try await repos.acceptances.warrantiesUnalerted(ending: range).map(\.tradeID) == [trades[0].id])
                let early = try CalendarDate(parsing: "2027-01-01")...(try CalendarDate(parsing: "2037-02-09"))
                #expect(try await repos.acceptances.warrantiesUnalerted(ending: early).isEmpty)
            }
            await #expect(throws: (any Error).self) {
                try await store.write { repos in
                    try await repos.acceptances.insert(
                        try Acceptance(
                            id: AcceptanceID(UUID()), projectID: project.id, organizationID: organization.id,
                            tradeID: nil, provisionalOn: day, remarks: nil, createdBy: user.id, createdAt: now))
                }
            }
        }
    }

    @Test(
        "Chat messages keep their sequence, mentions and attachments, page from the newest back; a read position only moves forward",
        arguments: TestDatabase.enabled)
    func chat(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let organization = Organization(id: OrganizationID(UUID()), name: "BTP Martin", createdAt: now)
            let users = try people("eva", "arno")
            let project = Project(
                id: ProjectID(UUID()), organizationID: organization.id,
                details: try Project.Details(
                    name: "Maison Dupont", reference: "CH-1", address: nil,
                    client: try Project.Client(name: "Famille Dupont", contact: nil), startDate: nil, endDate: nil,
                    requiresValidation: false), createdBy: users[0].id, createdAt: now)
            let plan = DocumentID(UUID())
            let messages = try (1...5).map { index in
                try ProjectMessage(
                    id: ProjectMessageID(UUID()), projectID: project.id, organizationID: organization.id,
                    sequence: index, authorID: users[index == 3 ? 1 : 0].id, body: "Message \(index) — à 7h ✓",
                    mentions: index == 2 ? [users[1].id] : [], attachments: index == 2 ? [plan] : [],
                    createdAt: now.addingTimeInterval(Double(index)))
            }
            try await store.write { repos in
                try await repos.organizations.insert(organization)
                for user in users { try await repos.users.insert(user) }
                try await repos.projects.insert(project)
                #expect(try await repos.projectChat.lastSequence(of: project.id) == 0)
                for message in messages { try await repos.projectChat.insert(message) }
            }
            try await store.read { repos in
                #expect(try await repos.projectChat.lastSequence(of: project.id) == 5)
                let newest = try await repos.projectChat.messages(of: project.id, before: nil, limit: 2)
                #expect(newest == [messages[4], messages[3]])
                let older = try await repos.projectChat.messages(of: project.id, before: 4, limit: 10)
                #expect(older == [messages[2], messages[1], messages[0]])
                #expect(older[1].mentions == [users[1].id] && older[1].attachments == [plan])
                // Arno wrote the third: four of the five are his to read.
                #expect(try await repos.projectChat.unreadCount(of: users[1].id, in: project.id) == 4)
            }
            // The same sequence twice in a project is refused by the table.
            await #expect(throws: (any Error).self) {
                try await store.write { repos in
                    try await repos.projectChat.insert(
                        try ProjectMessage(
                            id: ProjectMessageID(UUID()), projectID: project.id, organizationID: organization.id,
                            sequence: 5, authorID: users[0].id, body: "Doublon", createdAt: now))
                }
            }
            try await store.write { repos in
                try await repos.projectChat.markRead(
                    users[1].id, in: project.id, organization: organization.id, upTo: 4, at: now)
                try await repos.projectChat.markRead(
                    users[1].id, in: project.id, organization: organization.id, upTo: 2, at: now.addingTimeInterval(9))
            }
            try await store.read { repos in
                let readings = try await repos.projectChat.readings(of: project.id)
                #expect(readings == [ChatReading(userID: users[1].id, lastRead: 4, at: now)])
                let arnoUnread = try await repos.projectChat.unreadCount(of: users[1].id, in: project.id)
                let evaUnread = try await repos.projectChat.unreadCount(of: users[0].id, in: project.id)
                #expect(arnoUnread == 1 && evaUnread == 1)
            }
        }
    }
}
