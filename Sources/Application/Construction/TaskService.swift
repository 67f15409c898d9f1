public import Domain
public import Foundation

/// A task as a client sends it; on an update, only the fields sent change.
public struct TaskInput: Sendable {
    public var title: String?
    public var description: String?
    public var tradeID: UUID?
    public var assignees: [UUID]?
    public var start: String?
    public var end: String?
    public var durationDays: Int?
    public var weight: Int?
    public var percentComplete: Int?
    public var position: Int?
    /// The version the client last read: a stale one is refused with the current task.
    public var version: Int?

    public init(
        title: String? = nil, description: String? = nil, tradeID: UUID? = nil, assignees: [UUID]? = nil,
        start: String? = nil, end: String? = nil, durationDays: Int? = nil, weight: Int? = nil,
        percentComplete: Int? = nil, position: Int? = nil, version: Int? = nil
    ) {
        self.title = title
        self.description = description
        self.tradeID = tradeID
        self.assignees = assignees
        self.start = start
        self.end = end
        self.durationDays = durationDays
        self.weight = weight
        self.percentComplete = percentComplete
        self.position = position
        self.version = version
    }

    /// Whether the input changes what is planned (and not only the progress or the position).
    var changesPlan: Bool {
        title != nil || description != nil || tradeID != nil || assignees != nil || start != nil || end != nil
            || durationDays != nil || weight != nil
    }
}

/// A task the caller sent a stale version of: the task as it is now, to merge with.
public struct StaleTask: Error, Sendable {
    public let current: ProjectTask
}

/// The board: the tasks the caller sees, by status, in the order the team set.
public struct ProjectBoard: Sendable {
    public let columns: [(status: ProjectTask.Status, tasks: [ProjectTask])]
}

/// What a Gantt chart draws: the tasks with their dates, the dependencies, the critical path.
public struct ProjectGantt: Sendable {
    public let project: Project
    public let tasks: [ProjectTask]
    public let schedule: ProjectSchedule
    public let dependencies: [TaskDependency]
}

public struct MilestoneView: Sendable {
    public let milestone: Milestone
    public let reached: Bool
    public let late: Bool
}

/// Tasks of a project: planning, dependencies, status with its rules, progress, the critical
/// path and the milestones.
public struct TaskService: Sendable, UseCaseSupport, ConstructionUseCase {
    public static let notificationTypes = [
        NotificationType("construction.schedule_slipped", "a project's expected end moved later")
    ]

    let context: ConstructionContext

    /// The task as the caller sees it; `locking` holds its project first, as every change to a
    /// project's tasks does, so that two changes take their locks in the same order.
    private func visibleTask(
        _ id: ProjectTaskID, _ principal: Principal, _ repos: any UsesProjectMembers & UsesProjectTasks & UsesProjects,
        locking: Bool = false
    ) async throws -> (ProjectTask, ProjectCaller) {
        try AccessPolicy.require(.useProjects, by: principal)
        let found = try TenantScope.visible(
            try await repos.projectTasks.find(id), in: \.organizationID, principal, entity: "task", id: id.description)
        let caller = try await context.caller(found.projectID, principal, repos, locking: locking)
        // Read again under the lock: what another change wrote meanwhile counts.
        let task = locking ? try await repos.projectTasks.find(id) ?? found : found
        guard caller.maySee(task) else { throw ApplicationError.notFound(entity: "task", id: id.description) }
        return (task, caller)
    }

    private func plan(
        _ input: TaskInput, over current: ProjectTask.Plan?, project: ProjectID,
        _ repos: any UsesProjectMembers & UsesTrades
    )
        async throws -> ProjectTask.Plan
    {
        let start = try input.start.map { try CalendarDate(parsing: $0, field: "start") } ?? current?.start
        var duration = input.durationDays ?? current?.durationDays ?? 1
        if let end = try input.end.map({ try CalendarDate(parsing: $0, field: "end") }) {
            guard input.durationDays == nil else {
                throw DomainError.invalidValue(field: "end", reason: "is given instead of duration_days, not with it")
            }
            guard let start else { throw DomainError.invalidValue(field: "end", reason: "needs a start") }
            duration = try ProjectTask.Plan.duration(from: start, to: end)
        }
        var tradeID = current?.tradeID
        if let raw = input.tradeID {
            let trade = try await repos.trades.find(TradeID(raw))
            guard let trade, trade.projectID == project else {
                throw ApplicationError.notFound(entity: "trade", id: TradeID(raw).description)
            }
            tradeID = trade.id
        }
        let assignees = (input.assignees?.map(UserID.init)) ?? current?.assignees ?? []
        let members = Set(try await repos.projectMembers.members(of: project).map(\.userID))
        if let stranger = assignees.first(where: { !members.contains($0) }) {
            throw DomainError.invalidValue(field: "assignees", reason: "\(stranger) is not a member of the project")
        }
        return try ProjectTask.Plan(
            title: input.title ?? current?.title ?? "", description: input.description ?? current?.description,
            tradeID: tradeID, assignees: assignees, start: start, durationDays: duration,
            weight: input.weight ?? current?.weight ?? 1)
    }

    public func create(_ input: TaskInput, in projectID: ProjectID, as principal: Principal) async throws -> ProjectTask
    {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesNotifications & UsesProjectChanges & UsesProjectMembers & UsesProjectTasks
                    & UsesProjects & UsesTrades
            ) in
            let caller = try await context.caller(projectID, principal, repos, locking: true)
            try caller.require(.planTasks)
            try caller.requireWritable()
            let task = ProjectTask(
                id: ProjectTaskID(ids.make()), projectID: projectID, organizationID: caller.project.organizationID,
                plan: try await plan(input, over: nil, project: projectID, repos),
                position: try await repos.projectTasks.nextPosition(in: projectID), createdAt: clock.now())
            try await repos.projectTasks.insert(task)
            try await context.audit(
                "task.created", project: caller.project, entity: "task", id: task.id.description, principal, repos)
            try await reschedule(caller.project, tellingManagers: false, repos)
            return task
        }
    }

    public func task(_ id: ProjectTaskID, as principal: Principal) async throws -> ProjectTask {
        try await persistence.read { (repos: any UsesProjectMembers & UsesProjectTasks & UsesProjects) in
            try await visibleTask(id, principal, repos).0
        }
    }

    /// The tasks the caller sees, by position.
    public func list(
        in projectID: ProjectID, status: String?, tradeID: UUID?, assignee: UUID?, as principal: Principal
    ) async throws -> [ProjectTask] {
        let filter = ProjectTaskFilter(
            status: try Self.parse(status, ProjectTask.Status.self, field: "status"),
            tradeID: tradeID.map(TradeID.init),
            assignee: assignee.map(UserID.init))
        return try await persistence.read { (repos: any UsesProjectMembers & UsesProjectTasks & UsesProjects) in
            let caller = try await context.caller(projectID, principal, repos)
            return try await repos.projectTasks.list(of: projectID, filter: filter).filter(caller.maySee)
        }
    }

    /// Changes the plan (planners), the percent complete or the position (whoever works on it).
    public func update(_ id: ProjectTaskID, _ input: TaskInput, as principal: Principal) async throws -> ProjectTask {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesNotifications & UsesProjectChanges & UsesProjectMembers & UsesProjectTasks
                    & UsesProjects & UsesTrades
            ) in
            var (task, caller) = try await visibleTask(id, principal, repos, locking: true)
            try caller.requireWritable()
            if let version = input.version, version != task.version { throw StaleTask(current: task) }
            if input.changesPlan {
                try caller.require(.planTasks)
                task.plan = try await plan(input, over: task.plan, project: task.projectID, repos)
            }
            try caller.requireWork(on: task)
            if let percent = input.percentComplete { try task.report(percent: percent) }
            if let position = input.position {
                guard (0...1_000_000).contains(position) else {
                    throw DomainError.invalidValue(field: "position", reason: "must be from 0 to 1000000")
                }
                task.position = position
            }
            task.version += 1
            task.updatedAt = clock.now()
            try await repos.projectTasks.update(task)
            try await context.audit(
                "task.updated", project: caller.project, entity: "task", id: id.description, principal, repos)
            if input.changesPlan { try await reschedule(caller.project, tellingManagers: true, repos) }
            return task
        }
    }

    /// Moves the task: it starts only once its predecessors are done, and is done only with the
    /// architect's or general contractor's validation when the project requires it.
    public func setStatus(_ id: ProjectTaskID, to raw: String?, version: Int?, as principal: Principal) async throws
        -> ProjectTask
    {
        try await persistence.write {
            (repos: any UsesAudit & UsesProjectChanges & UsesProjectMembers & UsesProjectTasks & UsesProjects) in
            var (task, caller) = try await visibleTask(id, principal, repos, locking: true)
            try caller.requireWritable()
            if let version, version != task.version { throw StaleTask(current: task) }
            try caller.requireWork(on: task)
            let next = try Self.parseRequired(raw, ProjectTask.Status.self, field: "status")
            if next == .inProgress && task.status == .todo {
                let dependencies = try await repos.projectTasks.dependencies(of: task.projectID)
                let predecessors = Set(dependencies.filter { $0.successor == id }.map(\.predecessor))
                if !predecessors.isEmpty {
                    let open = try await repos.projectTasks.list(of: task.projectID, filter: ProjectTaskFilter())
                        .filter { predecessors.contains($0.id) && $0.status != .done }
                    guard open.isEmpty else { throw ConstructionError.predecessorsNotDone(open.map(\.plan.title)) }
                }
            }
            var validator: UserID?
            if next == .done && caller.project.details.requiresValidation {
                guard caller.allows(.validateTasks) else { throw ConstructionError.validationRequired }
                validator = principal.userID
            }
            try task.move(to: next, validatedBy: validator)
            task.version += 1
            task.updatedAt = clock.now()
            try await repos.projectTasks.update(task)
            try await context.audit(
                "task.status_changed", project: caller.project, entity: "task", id: id.description,
                payload: ["status": next.rawValue], principal, repos)
            return task
        }
    }

    /// Deletes a task not started that no milestone waits for (planners); it leaves a tombstone
    /// in the project's change feed, and its dependencies go with it.
    public func delete(_ id: ProjectTaskID, as principal: Principal) async throws {
        try await persistence.write(publishing: context.bus) {
            (
                repos: any UsesAudit & UsesMilestones & UsesNotifications & UsesProjectChanges & UsesProjectMembers
                    & UsesProjectTasks & UsesProjects, facts: EventPublisher
            ) in
            let (task, caller) = try await visibleTask(id, principal, repos, locking: true)
            try caller.require(.planTasks)
            try caller.requireWritable()
            let waiting = try await repos.milestones.list(of: task.projectID).filter { $0.taskIDs.contains(id) }
            guard task.status == .todo, waiting.isEmpty else {
                throw ConstructionError.taskNotDeletable(started: task.status != .todo, milestones: waiting.map(\.name))
            }
            // Its documents go with it (first: their tombstones find the task's project).
            _ = try await facts.publish(
                LinkedEntityDeleted(
                    entityType: "task", entityID: id.rawValue, organization: task.organizationID, at: clock.now()))
            try await repos.projectTasks.delete(id)
            try await context.audit(
                "task.deleted", project: caller.project, entity: "task", id: id.description, principal, repos)
            try await reschedule(caller.project, tellingManagers: false, repos)
        }
    }

    /// `predecessor` must end (plus the lag) before the task starts; a cycle is refused, named.
    public func addDependency(
        to id: ProjectTaskID, predecessor: UUID?, lagDays: Int?, as principal: Principal
    ) async throws -> TaskDependency {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesNotifications & UsesProjectChanges & UsesProjectMembers & UsesProjectTasks
                    & UsesProjects
            ) in
            let (task, caller) = try await visibleTask(id, principal, repos)
            try caller.require(.planTasks)
            try caller.requireWritable()
            guard let predecessor else {
                throw DomainError.invalidValue(field: "predecessorId", reason: "is required")
            }
            let before = try await repos.projectTasks.find(ProjectTaskID(predecessor))
            guard let before, before.projectID == task.projectID else {
                throw ApplicationError.notFound(entity: "task", id: ProjectTaskID(predecessor).description)
            }
            let dependency = try TaskDependency(predecessor: before.id, successor: id, lagDays: lagDays ?? 0)
            // Locked by the project: two planners cannot close a cycle between them.
            _ = try await repos.projects.lock(task.projectID)
            let existing = try await repos.projectTasks.dependencies(of: task.projectID)
            // Asked again: the dependency as it stands (its lag is not changed).
            if let already = existing.first(where: { $0.predecessor == dependency.predecessor && $0.successor == id }) {
                return already
            }
            if let cycle = TaskDependency.cycle(adding: dependency, to: existing) {
                let titles = Dictionary(
                    try await repos.projectTasks.list(of: task.projectID, filter: ProjectTaskFilter()).map {
                        ($0.id, $0.plan.title)
                    }, uniquingKeysWith: { first, _ in first })
                throw ConstructionError.dependencyCycle(cycle.map { titles[$0] ?? $0.description })
            }
            try await repos.projectTasks.insert(dependency, project: task.projectID, organization: task.organizationID)
            try await context.audit(
                "task.dependency_added", project: caller.project, entity: "task", id: id.description,
                payload: ["predecessor": before.id.description, "lagDays": String(dependency.lagDays)], principal,
                repos)
            try await reschedule(caller.project, tellingManagers: false, repos)
            return dependency
        }
    }

    public func board(of projectID: ProjectID, as principal: Principal) async throws -> ProjectBoard {
        let tasks = try await list(in: projectID, status: nil, tradeID: nil, assignee: nil, as: principal)
        return ProjectBoard(
            columns: ProjectTask.Status.allCases.map { status in
                (
                    status,
                    tasks.filter { $0.status == status }.sorted {
                        ($0.position, $0.createdAt) < ($1.position, $1.createdAt)
                    }
                )
            })
    }

    public func gantt(of projectID: ProjectID, as principal: Principal) async throws -> ProjectGantt {
        try await persistence.read { (repos: any UsesProjectMembers & UsesProjectTasks & UsesProjects) in
            let caller = try await context.caller(projectID, principal, repos)
            let all = try await repos.projectTasks.list(of: projectID, filter: ProjectTaskFilter())
            let dependencies = try await repos.projectTasks.dependencies(of: projectID)
            let schedule = try ProjectSchedule(tasks: all, dependencies: dependencies, start: start(of: caller.project))
            let visible = all.filter(caller.maySee)
            let shown = Set(visible.map(\.id))
            return ProjectGantt(
                project: caller.project, tasks: visible, schedule: schedule,
                dependencies: dependencies.filter { shown.contains($0.predecessor) && shown.contains($0.successor) })
        }
    }

    public func addMilestone(
        name: String?, dueOn: String?, taskIDs: [UUID], to projectID: ProjectID, as principal: Principal
    ) async throws -> MilestoneView {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesMilestones & UsesProjectChanges & UsesProjectMembers & UsesProjectTasks
                    & UsesProjects
            ) in
            let caller = try await context.caller(projectID, principal, repos)
            try caller.require(.planTasks)
            try caller.requireWritable()
            let tasks = try await repos.projectTasks.list(of: projectID, filter: ProjectTaskFilter())
            let known = Set(tasks.map(\.id))
            if let unknown = taskIDs.map(ProjectTaskID.init).first(where: { !known.contains($0) }) {
                throw ApplicationError.notFound(entity: "task", id: unknown.description)
            }
            guard let dueOn else { throw DomainError.invalidValue(field: "dueOn", reason: "is required") }
            let milestone = try Milestone(
                id: MilestoneID(ids.make()), projectID: projectID, organizationID: caller.project.organizationID,
                name: name ?? "", dueOn: try CalendarDate(parsing: dueOn, field: "dueOn"),
                taskIDs: taskIDs.map(ProjectTaskID.init), createdAt: clock.now())
            try await repos.milestones.insert(milestone)
            try await context.audit(
                "project.milestone_added", project: caller.project, entity: "milestone", id: milestone.id.description,
                principal, repos)
            return view(milestone, tasks)
        }
    }

    /// The project's milestones by day, each reached or late today (UTC).
    public func milestones(of projectID: ProjectID, as principal: Principal) async throws -> [MilestoneView] {
        try await persistence.read {
            (repos: any UsesMilestones & UsesProjectMembers & UsesProjectTasks & UsesProjects) in
            _ = try await context.caller(projectID, principal, repos)
            let tasks = try await repos.projectTasks.list(of: projectID, filter: ProjectTaskFilter())
            return try await repos.milestones.list(of: projectID).map { view($0, tasks) }
        }
    }

    func view(_ milestone: Milestone, _ tasks: [ProjectTask]) -> MilestoneView {
        let statuses = Dictionary(tasks.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
        return MilestoneView(
            milestone: milestone, reached: milestone.isReached(statuses),
            late: milestone.isLate(on: CalendarDate(utcDayOf: clock.now()), statuses))
    }

    private func start(of project: Project) -> CalendarDate {
        project.details.startDate ?? CalendarDate(utcDayOf: project.createdAt)
    }

    /// Computes the schedule again after a change to the plan. When a task already planned slips
    /// (`tellingManagers`) and the expected end moves later, the project's managers are told, in
    /// the change's transaction; planning new tasks and dependencies moves it silently.
    private func reschedule(
        _ project: Project, tellingManagers: Bool,
        _ repos: any UsesNotifications & UsesProjectMembers & UsesProjectTasks & UsesProjects
    ) async throws {
        guard var project = try await repos.projects.lock(project.id) else { return }
        let schedule = try ProjectSchedule(
            tasks: try await repos.projectTasks.list(of: project.id, filter: ProjectTaskFilter()),
            dependencies: try await repos.projectTasks.dependencies(of: project.id), start: start(of: project))
        guard schedule.end != project.expectedEnd else { return }
        let before = project.expectedEnd
        project.expectedEnd = schedule.end
        try await repos.projects.update(project)
        guard tellingManagers, let before, let end = schedule.end, before < end else { return }
        let managers = try await repos.projectMembers.members(of: project.id)
            .filter { ProjectAccess.allows($0.role, .manageProject) }.map(\.userID)
        _ = try await context.trail.notify(
            Set(managers), in: project.organizationID, kind: "construction.schedule_slipped",
            title: "Fin prévue repoussée : \(project.details.name)",
            body: "La fin prévue du chantier passe du \(before) au \(end) (\(before.days(until: end)) jours).",
            entity: "project", id: project.id.description, repos)
    }
}

extension TaskService {
    /// Tasks may be commented on by whoever sees them; while the project is archived, only read.
    /// The people a comment may name are the project's members who see the task.
    /// A task's documents, at `/tasks/{id}/documents` (a photo of the work done, a delivery
    /// note): whoever sees the task reads them, whoever works on it adds to them; a guest needs no
    /// documents role in the organization. They follow the task into the project's offline feed,
    /// and go when it is deleted.
    public var documentLinks: [DocumentLinkTarget] {
        [
            DocumentLinkTarget(
                type: "task", collection: "tasks",
                check: { id, principal in
                    _ = try await persistence.read {
                        (repos: any UsesProjectMembers & UsesProjectTasks & UsesProjects) in
                        try await visibleTask(ProjectTaskID(id), principal, repos)
                    }
                },
                scoped: ScopedDocumentAccess(permission: .useProjects, decidesForEveryone: true) { id, principal in
                    try await persistence.read { (repos: any UsesProjectMembers & UsesProjectTasks & UsesProjects) in
                        let (task, caller) = try await visibleTask(ProjectTaskID(id), principal, repos)
                        try caller.requireWritable()
                        try caller.requireWork(on: task)
                    }
                },
                changed: { id, document, deleted, _, repos in
                    guard let task = try await repos.projectTasks.find(ProjectTaskID(id)),
                        let project = try await repos.projects.find(task.projectID)
                    else { return }
                    try await context.changed(
                        .document, document.rawValue, deleted ? .delete : .upsert, in: project, repos)
                })
        ]
    }

    public var commentSubjects: [CommentSubject] {
        [
            CommentSubject(
                type: "task", collection: "tasks",
                open: { id, principal, commenting in
                    try await persistence.read {
                        (repos: any UsesMemberships & UsesProjectMembers & UsesProjectTasks & UsesProjects) in
                        let (task, caller) = try await visibleTask(ProjectTaskID(id), principal, repos)
                        if commenting { try caller.requireWritable() }
                        var people: [(id: UserID, name: String)] = []
                        for member in try await repos.projectMembers.members(of: task.projectID) {
                            let seer = ProjectCaller(
                                project: caller.project, member: member, isAdmin: false, userID: member.userID)
                            guard seer.maySee(task),
                                let found = try await repos.memberships.member(
                                    member.userID, in: task.organizationID)
                            else { continue }
                            people.append((member.userID, found.name))
                        }
                        return CommentAudience(
                            organizationID: task.organizationID, title: "la tâche « \(task.plan.title) »",
                            people: people)
                    }
                },
                posted: { comment, repos in
                    guard let task = try await repos.projectTasks.find(ProjectTaskID(comment.subject.id)),
                        let project = try await repos.projects.find(task.projectID)
                    else { return }
                    try await context.changed(.comment, comment.id.rawValue, in: project, repos)
                })
        ]
    }
}
