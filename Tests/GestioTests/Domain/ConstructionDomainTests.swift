import Domain
import Foundation
import Testing

@Suite(
    "Construction domain: project and task transitions, the project-role table, dependencies, critical path, progress")
struct ConstructionDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let project = ProjectID(UUID())
    let organization = OrganizationID(UUID())

    func day(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    func task(_ title: String, days: Int, weight: Int = 1, trade: TradeID? = nil, start: CalendarDate? = nil) throws
        -> ProjectTask
    {
        ProjectTask(
            id: ProjectTaskID(UUID()), projectID: project, organizationID: organization,
            plan: try ProjectTask.Plan(
                title: title, description: nil, tradeID: trade, assignees: [], start: start, durationDays: days,
                weight: weight),
            createdAt: now)
    }

    func after(_ before: ProjectTask, _ next: ProjectTask, lag: Int = 0) throws -> TaskDependency {
        try TaskDependency(predecessor: before.id, successor: next.id, lagDays: lag)
    }

    @Test("A project moves planned → in progress ⇄ on hold → completed → archived, and no other way")
    func projectTransitions() throws {
        let details = try Project.Details(
            name: "Maison Dupont", reference: "CH-1", address: nil,
            client: try Project.Client(name: "M. Dupont", contact: nil), startDate: nil, endDate: nil,
            requiresValidation: false)
        var project = Project(
            id: project, organizationID: organization, details: details, createdBy: UserID(UUID()), createdAt: now)
        #expect(throws: DomainError.self) { try project.move(to: .completed) }
        try project.move(to: .inProgress)
        try project.move(to: .onHold)
        #expect(throws: DomainError.self) { try project.move(to: .completed) }
        try project.move(to: .inProgress)
        try project.move(to: .completed)
        #expect(throws: DomainError.self) { try project.move(to: .inProgress) }
        try project.move(to: .archived)
        #expect(project.isArchived)
        #expect(throws: DomainError.self) {
            try Project.Details(
                name: "Maison", reference: "CH-1", address: nil, client: try Project.Client(name: "X", contact: nil),
                startDate: try day("2027-03-10"), endDate: try day("2027-03-01"), requiresValidation: false)
        }
    }

    @Test("A task moves todo → in progress ⇄ blocked → done; done is complete and keeps its validator")
    func taskTransitions() throws {
        var work = try task("Coffrage", days: 3)
        #expect(throws: DomainError.self) { try work.move(to: .done) }
        try work.move(to: .inProgress)
        try work.report(percent: 40)
        try work.move(to: .blocked)
        #expect(throws: DomainError.self) { try work.move(to: .done) }
        try work.move(to: .inProgress)
        let architect = UserID(UUID())
        try work.move(to: .done, validatedBy: architect)
        #expect(work.progress == 100)
        #expect(work.validatedBy == architect)
        #expect(throws: DomainError.self) { try work.report(percent: 50) }
        #expect(throws: DomainError.self) { try work.move(to: .inProgress) }
    }

    @Test("Who may do what inside a project: the table, role by role")
    func projectRoleTable() {
        let expected: [ProjectRole: Set<ProjectCapability>] = [
            .maitreOuvrage: [.viewProject, .manageProject, .seeAllTasks, .readBudgetSummary, .signAcceptance],
            .architecte: [
                .viewProject, .manageProject, .seeAllTasks, .planTasks, .workOwnTasks, .validateTasks,
                .readBudgetSummary, .readBudgetDetail, .manageBudget, .signAcceptance, .fixSnags,
            ],
            .entrepriseGenerale: [
                .viewProject, .manageProject, .seeAllTasks, .planTasks, .workOwnTasks, .validateTasks,
                .readBudgetSummary, .readBudgetDetail, .manageBudget, .fixSnags,
            ],
            .sousTraitant: [.viewProject, .workOwnTasks, .readOwnTradeBudget, .fixSnags],
        ]
        for role in ProjectRole.allCases {
            let granted = Set(ProjectCapability.allCases.filter { ProjectAccess.allows(role, $0) })
            #expect(granted == expected[role], "\(role)")
        }
    }

    @Test("A dependency that closes a cycle is found, with the tasks around it; others are not")
    func cycles() throws {
        let a = try task("Terrassement", days: 2)
        let b = try task("Fondations", days: 2)
        let c = try task("Élévation", days: 2)
        let existing = [try after(a, b), try after(b, c)]
        #expect(TaskDependency.cycle(adding: try after(c, a), to: existing) == [c.id, a.id, b.id, c.id])
        #expect(TaskDependency.cycle(adding: try after(a, c), to: existing) == nil)
        #expect(throws: DomainError.self) { try TaskDependency(predecessor: a.id, successor: a.id, lagDays: 0) }
        #expect(throws: DomainError.self) { try TaskDependency(predecessor: a.id, successor: b.id, lagDays: 400) }
    }

    @Test("The critical path and each task's slack on a small worked example")
    func criticalPath() throws {
        let start = try day("2027-03-01")
        let earthworks = try task("Terrassement", days: 5)
        let foundations = try task("Fondations", days: 10)
        let structure = try task("Gros œuvre", days: 20)
        let electricity = try task("Électricité", days: 8)
        let plumbing = try task("Plomberie", days: 6)
        let finishes = try task("Finitions", days: 5)
        let schedule = try ProjectSchedule(
            tasks: [finishes, plumbing, electricity, structure, foundations, earthworks],
            dependencies: [
                try after(earthworks, foundations), try after(foundations, structure),
                try after(foundations, electricity, lag: 2), try after(foundations, plumbing),
                try after(structure, finishes), try after(electricity, finishes), try after(plumbing, finishes),
            ], start: start)
        #expect(schedule.criticalPath == [earthworks.id, foundations.id, structure.id, finishes.id])
        #expect(schedule.end == (try day("2027-04-09")))
        let entry = try #require(schedule.entries[electricity.id])
        #expect(entry.earlyStart == (try day("2027-03-18")))
        #expect(entry.earlyFinish == (try day("2027-03-25")))
        #expect(entry.slackDays == 10)
        #expect(entry.lateStart == (try day("2027-03-28")))
        #expect(schedule.entries[plumbing.id]?.slackDays == 14)
        #expect(schedule.entries[finishes.id]?.earlyStart == (try day("2027-04-05")))
        // A task's own start holds it back, and the end moves with it.
        let late = try task("Gros œuvre", days: 20, start: try day("2027-03-20"))
        let moved = try ProjectSchedule(
            tasks: [earthworks, foundations, late],
            dependencies: [try after(earthworks, foundations), try after(foundations, late)], start: start)
        #expect(moved.entries[late.id]?.earlyStart == (try day("2027-03-20")))
        #expect(moved.entries[foundations.id]?.slackDays == 4)
        #expect(moved.end == (try day("2027-04-08")))
        // No plan runs past a hundred years, so no day it computes leaves the calendar.
        let long = try (1...11).map { try task("Étape \($0)", days: 3650) }
        let chain = try zip(long, long.dropFirst()).map { try after($0, $1) }
        #expect(throws: DomainError.self) {
            try ProjectSchedule(tasks: long, dependencies: chain, start: try day("2999-12-31"))
        }
        #expect(throws: DomainError.self) { try task("Fondations", days: 3, start: try day("9999-12-01")) }
    }

    @Test("Progress is weighted, rolled up from tasks to their trade and to the project")
    func progress() throws {
        let structure = TradeID(UUID())
        let finishing = TradeID(UUID())
        var a = try task("Terrassement", days: 1, weight: 1, trade: structure)
        var b = try task("Fondations", days: 1, weight: 2, trade: structure)
        let c = try task("Élévation", days: 1, weight: 3, trade: structure)
        let d = try task("Peinture", days: 1, weight: 4, trade: finishing)
        try a.move(to: .inProgress)
        try a.move(to: .done)
        try b.report(percent: 50)
        let progress = ProjectProgress(tasks: [a, b, c, d])
        #expect(progress.trades[structure] == 33.3)
        #expect(progress.trades[finishing] == 0)
        #expect(progress.project == 20)
        #expect(ProjectProgress(tasks: []).project == 0)
    }
}
