import Application
import Domain
import Foundation
import HTTPTypes
import Hummingbird

struct ProjectRequest: Decodable {
    let name, reference, address, clientName, clientContact, startDate, endDate, status, myRole: String?
    let requiresValidation: Bool?

    var input: ProjectInput {
        ProjectInput(
            name: name, reference: reference, address: address, clientName: clientName, clientContact: clientContact,
            startDate: startDate, endDate: endDate, requiresValidation: requiresValidation, status: status,
            myRole: myRole)
    }
}

struct ProjectSummaryResponse: ResponseEncodable {
    let id, name, reference, status: String
    let address, clientContact: String?
    let clientName: String
    let startDate, endDate, expectedEnd: CalendarDate?
    let requiresValidation: Bool
    let createdAt, updatedAt: Date

    init(_ project: Project) {
        id = project.id.description
        name = project.details.name
        reference = project.details.reference
        status = project.status.rawValue
        address = project.details.address
        clientName = project.details.client.name
        clientContact = project.details.client.contact
        startDate = project.details.startDate
        endDate = project.details.endDate
        expectedEnd = project.expectedEnd
        requiresValidation = project.details.requiresValidation
        createdAt = project.createdAt
        updatedAt = project.updatedAt
    }
}

struct TradeResponse: ResponseEncodable {
    let id, projectId, name, kind: String
    let contractor: String?
    let progress: Double?

    init(_ trade: Trade, progress: Double? = nil) {
        id = trade.id.description
        projectId = trade.projectID.description
        name = trade.name
        kind = trade.kind.rawValue
        contractor = trade.contractor
        self.progress = progress
    }
}

struct ProjectMemberResponse: ResponseEncodable {
    let userId, role: String
    let tradeIds: [String]
    let addedAt: Date

    init(_ member: ProjectMember) {
        userId = member.userID.description
        role = member.role.rawValue
        tradeIds = member.tradeIDs.map(\.description)
        addedAt = member.addedAt
    }
}

/// A project with its page's details: its fields, then the caller's role, progress, trades and members.
struct ProjectResponse: ResponseEncodable {
    let project: ProjectSummaryResponse
    let myRole: String?
    let progress: Double
    let trades: [TradeResponse]
    let members: [ProjectMemberResponse]

    enum CodingKeys: String, CodingKey {
        case myRole, progress, trades, members
    }

    init(_ view: ProjectView) {
        project = ProjectSummaryResponse(view.project)
        myRole = view.myRole?.rawValue
        progress = view.progress.project
        trades = view.trades.map { TradeResponse($0, progress: view.progress.trades[$0.id] ?? 0) }
        members = view.members.map(ProjectMemberResponse.init)
    }

    func encode(to encoder: any Encoder) throws {
        try project.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(myRole, forKey: .myRole)
        try container.encode(progress, forKey: .progress)
        try container.encode(trades, forKey: .trades)
        try container.encode(members, forKey: .members)
    }
}

struct MemberRequest: Decodable {
    let userId: UUID?
    let role: String?
    let tradeIds: [UUID]?
}

struct GuestRequest: Decodable {
    let email: String?
    let role: String?
    let tradeIds: [UUID]?
}

/// A project's invitation of someone of another company; the token is shown once.
struct ProjectGuestResponse: ResponseEncodable {
    let invitationId, projectId, email, role: String
    let tradeIds: [String]
    let token: String
    let expiresAt: Date

    init(_ invited: IssuedGuestInvitation) {
        invitationId = invited.issued.invitation.id.description
        projectId = invited.guest.projectID.description
        email = invited.issued.invitation.email.value
        role = invited.guest.role.rawValue
        tradeIds = invited.guest.tradeIDs.map(\.description)
        token = invited.issued.token
        expiresAt = invited.issued.invitation.expiresAt
    }
}

struct TradeRequest: Decodable {
    let name, kind, contractor: String?
}

struct TaskRequest: Decodable {
    let title, description, start, end: String?
    let tradeId: UUID?
    let assignees: [UUID]?
    let durationDays, weight, percentComplete, position, version: Int?

    var input: TaskInput {
        TaskInput(
            title: title, description: description, tradeID: tradeId, assignees: assignees, start: start, end: end,
            durationDays: durationDays, weight: weight, percentComplete: percentComplete, position: position,
            version: version)
    }
}

struct TaskStatusRequest: Decodable {
    let status: String?
    let version: Int?
}

struct DependencyRequest: Decodable {
    let predecessorId: UUID?
    let lagDays: Int?
}

struct MilestoneRequest: Decodable {
    let name, dueOn: String?
    let taskIds: [UUID]?
}

struct ProjectTaskResponse: ResponseEncodable {
    let id, projectId, title, status: String
    let description, tradeId, validatedBy: String?
    let assignees: [String]
    let start: CalendarDate?
    let durationDays, weight, percentComplete, position, version: Int
    let createdAt, updatedAt: Date

    init(_ task: ProjectTask) {
        id = task.id.description
        projectId = task.projectID.description
        title = task.plan.title
        status = task.status.rawValue
        description = task.plan.description
        tradeId = task.plan.tradeID?.description
        validatedBy = task.validatedBy?.description
        assignees = task.plan.assignees.map(\.description)
        start = task.plan.start
        durationDays = task.plan.durationDays
        weight = task.plan.weight
        percentComplete = task.progress
        position = task.position
        version = task.version
        createdAt = task.createdAt
        updatedAt = task.updatedAt
    }
}

struct DependencyResponse: ResponseEncodable {
    let predecessorId, successorId: String
    let lagDays: Int

    init(_ dependency: TaskDependency) {
        predecessorId = dependency.predecessor.description
        successorId = dependency.successor.description
        lagDays = dependency.lagDays
    }
}

struct BoardResponse: ResponseEncodable {
    struct Column: Encodable {
        let status: String
        let tasks: [ProjectTaskResponse]
    }

    let columns: [Column]

    init(_ board: ProjectBoard) {
        columns = board.columns.map {
            Column(status: $0.status.rawValue, tasks: $0.tasks.map(ProjectTaskResponse.init))
        }
    }
}

struct GanttResponse: ResponseEncodable {
    struct Bar: Encodable {
        let id, title, status: String
        let tradeId: String?
        let earlyStart, earlyFinish, lateStart, lateFinish: CalendarDate
        let slackDays, percentComplete: Int
        let critical: Bool
    }

    let projectId: String
    let expectedEnd: CalendarDate?
    let tasks: [Bar]
    let dependencies: [DependencyResponse]
    let criticalPath: [String]

    init(_ gantt: ProjectGantt) {
        projectId = gantt.project.id.description
        expectedEnd = gantt.schedule.end
        tasks = gantt.tasks.compactMap { task in
            gantt.schedule.entries[task.id].map { entry in
                Bar(
                    id: task.id.description, title: task.plan.title, status: task.status.rawValue,
                    tradeId: task.plan.tradeID?.description, earlyStart: entry.earlyStart,
                    earlyFinish: entry.earlyFinish, lateStart: entry.lateStart, lateFinish: entry.lateFinish,
                    slackDays: entry.slackDays, percentComplete: task.progress, critical: entry.isCritical)
            }
        }
        dependencies = gantt.dependencies.map(DependencyResponse.init)
        let shown = Set(gantt.tasks.map(\.id))
        criticalPath = gantt.schedule.criticalPath.filter(shown.contains).map(\.description)
    }
}

struct MilestoneResponse: ResponseEncodable {
    let id, projectId, name: String
    let dueOn: CalendarDate
    let taskIds: [String]
    let reached, late: Bool

    init(_ view: MilestoneView) {
        id = view.milestone.id.description
        projectId = view.milestone.projectID.description
        name = view.milestone.name
        dueOn = view.milestone.dueOn
        taskIds = view.milestone.taskIDs.map(\.description)
        reached = view.reached
        late = view.late
    }
}

/// One entry of `GET /projects/{id}/changes`: the change, and the thing as it stands now under
/// the key of its kind (none on a tombstone).
struct ChangeResponse: ResponseEncodable {
    let cursor: Int
    let kind, id, operation: String
    let changedAt: Date
    let task: ProjectTaskResponse?
    let milestone: MilestoneResponse?
    let snag: SnagResponse?
    let message: MessageResponse?
    let comment: CommentResponse?
    let document: DocumentResponse?

    init(_ entry: ChangeEntry, names: [UserID: String], today: CalendarDate) {
        cursor = entry.change.cursor
        kind = entry.change.kind.rawValue
        id = entry.change.entityID.lowercasedText
        operation = entry.change.operation.rawValue
        changedAt = entry.change.at
        var task: ProjectTaskResponse?
        var milestone: MilestoneResponse?
        var snag: SnagResponse?
        var message: MessageResponse?
        var comment: CommentResponse?
        var document: DocumentResponse?
        switch entry.content {
        case .task(let value): task = ProjectTaskResponse(value)
        case .milestone(let value): milestone = MilestoneResponse(value)
        case .snag(let value): snag = SnagResponse(value, today: today)
        case .message(let value): message = MessageResponse(value, authorName: names[value.authorID], readBy: nil)
        case .comment(let value): comment = CommentResponse(value, names: names)
        case .document(let value): document = DocumentResponse(value)
        case nil: break
        }
        self.task = task
        self.milestone = milestone
        self.snag = snag
        self.message = message
        self.comment = comment
        self.document = document
    }
}

struct ChangesResponse: ResponseEncodable {
    let data: [ChangeResponse]
    let nextSince: Int
    let hasMore: Bool

    init(_ page: ChangesPage, today: CalendarDate) {
        data = page.entries.map { ChangeResponse($0, names: page.names, today: today) }
        nextSince = page.nextSince
        hasMore = page.hasMore
    }
}

/// Construction projects: `/projects` with members, trades, tasks, board, Gantt and milestones;
/// `/tasks/{id}` with status and dependencies; the budget; acceptance.
struct ConstructionRoutes {
    let services: ConstructionServices
    let documents: DocumentsService

    /// The highest `since` accepted (a project's count of changes never comes near).
    static let maximumCursor = 1_000_000_000_000

    func add(to group: RouterGroup<AuthenticatedContext>) {
        addProjectRoutes(to: group)
        addTaskRoutes(to: group)
        ProjectBudgetRoutes(service: services.budgets).add(to: group)
        AcceptanceRoutes(service: services.acceptances, documents: documents).add(to: group)
        ProjectChatRoutes(service: services.chat, documents: documents).add(to: group)
    }

    private func projectID(_ context: AuthenticatedContext) throws -> ProjectID {
        try context.parameters.id(as: ProjectID.self, entity: "project")
    }

    private func taskID(_ context: AuthenticatedContext) throws -> ProjectTaskID {
        try context.parameters.id(as: ProjectTaskID.self, entity: "task")
    }

    private func addProjectRoutes(to group: RouterGroup<AuthenticatedContext>) {
        let service = services.projects
        group.post("projects") { request, context in
            let body = try await request.decodeJSON(ProjectRequest.self, context: context)
            return EditedResponse(
                status: .created, response: ProjectResponse(try await service.create(body.input, as: context.principal))
            )
        }
        group.get("projects") { request, context in
            ListResponse(
                try await service.list(
                    status: try request.enumQuery("status", as: Project.Status.self)?.rawValue,
                    text: try request.textQuery("q", maxLength: 200), page: try request.pageRequest(),
                    as: context.principal),
                ProjectSummaryResponse.init)
        }
        group.get("projects/{id}") { _, context in
            ProjectResponse(try await service.project(try projectID(context), as: context.principal))
        }
        group.patch("projects/{id}") { request, context in
            let id = try projectID(context)
            let body = try await request.decodeJSON(ProjectRequest.self, context: context)
            return ProjectResponse(try await service.update(id, body.input, as: context.principal))
        }
        group.post("projects/{id}/members") { request, context in
            let id = try projectID(context)
            let body = try await request.decodeJSON(MemberRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: ProjectMemberResponse(
                    try await service.addMember(
                        body.userId, role: body.role, tradeIDs: body.tradeIds ?? [], to: id, as: context.principal)))
        }
        group.post("projects/{id}/guests") { request, context in
            let id = try projectID(context)
            let body = try await request.decodeJSON(GuestRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: ProjectGuestResponse(
                    try await service.inviteGuest(
                        email: body.email, role: body.role, tradeIDs: body.tradeIds ?? [], to: id,
                        as: context.principal)))
        }
        group.delete("projects/{id}/members/{user_id}") { _, context in
            let id = try projectID(context)
            let user = try context.parameters.id("user_id", as: UserID.self, entity: "project member")
            try await service.removeMember(user, from: id, as: context.principal)
            return HTTPResponse.Status.noContent
        }
        group.post("projects/{id}/trades") { request, context in
            let id = try projectID(context)
            let body = try await request.decodeJSON(TradeRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: TradeResponse(
                    try await service.addTrade(
                        name: body.name, kind: body.kind, contractor: body.contractor, to: id, as: context.principal)))
        }
    }

    private func addTaskRoutes(to group: RouterGroup<AuthenticatedContext>) {
        let service = services.tasks
        group.delete("tasks/{id}") { _, context in
            try await service.delete(
                try context.parameters.id(as: ProjectTaskID.self, entity: "task"), as: context.principal)
            return HTTPResponse.Status.noContent
        }
        group.get("projects/{id}/changes") { request, context in
            let id = try projectID(context)
            let since = try request.integerQuery("since", in: 0...Self.maximumCursor, default: 0)
            let limit = try request.integerQuery(
                "limit", in: 1...ProjectSyncService.maximumPage, default: ProjectSyncService.defaultPage)
            return ChangesResponse(
                try await services.sync.changes(of: id, since: since, limit: limit, as: context.principal),
                today: services.acceptances.today)
        }
        group.post("projects/{id}/tasks") { request, context in
            let id = try projectID(context)
            let body = try await request.decodeJSON(TaskRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: ProjectTaskResponse(try await service.create(body.input, in: id, as: context.principal)))
        }
        group.get("projects/{id}/tasks") { request, context in
            let id = try projectID(context)
            return DataResponse(
                data: try await service.list(
                    in: id, status: try request.enumQuery("status", as: ProjectTask.Status.self)?.rawValue,
                    tradeID: try request.idQuery("trade_id", as: TradeID.self)?.rawValue,
                    assignee: try request.idQuery("assignee", as: UserID.self)?.rawValue, as: context.principal
                ).map(ProjectTaskResponse.init))
        }
        group.get("projects/{id}/board") { _, context in
            BoardResponse(try await service.board(of: try projectID(context), as: context.principal))
        }
        group.get("projects/{id}/gantt") { _, context in
            GanttResponse(try await service.gantt(of: try projectID(context), as: context.principal))
        }
        group.post("projects/{id}/milestones") { request, context in
            let id = try projectID(context)
            let body = try await request.decodeJSON(MilestoneRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: MilestoneResponse(
                    try await service.addMilestone(
                        name: body.name, dueOn: body.dueOn, taskIDs: body.taskIds ?? [], to: id, as: context.principal))
            )
        }
        group.get("projects/{id}/milestones") { _, context in
            DataResponse(
                data: try await service.milestones(of: try projectID(context), as: context.principal)
                    .map(MilestoneResponse.init))
        }
        group.get("tasks/{id}") { _, context in
            ProjectTaskResponse(try await service.task(try taskID(context), as: context.principal))
        }
        group.patch("tasks/{id}") { request, context in
            let id = try taskID(context)
            let body = try await request.decodeJSON(TaskRequest.self, context: context)
            return ProjectTaskResponse(try await service.update(id, body.input, as: context.principal))
        }
        group.patch("tasks/{id}/status") { request, context in
            let id = try taskID(context)
            let body = try await request.decodeJSON(TaskStatusRequest.self, context: context)
            return ProjectTaskResponse(
                try await service.setStatus(id, to: body.status, version: body.version, as: context.principal))
        }
        group.post("tasks/{id}/dependencies") { request, context in
            let id = try taskID(context)
            let body = try await request.decodeJSON(DependencyRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: DependencyResponse(
                    try await service.addDependency(
                        to: id, predecessor: body.predecessorId, lagDays: body.lagDays, as: context.principal)))
        }
    }
}
