import Application
import Domain
import Foundation
import SQLKit

/// Lists of ids or text kept in one column, one per line.
private func lines(_ values: [some CustomStringConvertible]) -> String {
    values.map(\.description).joined(separator: "\n")
}

private func ids<Entity>(_ text: String, table: String) throws -> [Identifier<Entity>] {
    try text.split(separator: "\n").map {
        guard let id = Identifier<Entity>(String($0)) else { throw CorruptRow(table: table, reason: "id \($0)") }
        return id
    }
}

struct ProjectRow: Codable {
    let id: UUID
    let organizationId: UUID
    let name: String
    let reference: String
    let address: String?
    let clientName: String
    let clientContact: String?
    let startDate: String?
    let endDate: String?
    let requiresValidation: Bool
    let status: String
    let expectedEnd: String?
    let createdBy: UUID
    let createdAt: Date
    let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, reference, address, status
        case organizationId = "organization_id"
        case clientName = "client_name"
        case clientContact = "client_contact"
        case startDate = "start_date"
        case endDate = "end_date"
        case requiresValidation = "requires_validation"
        case expectedEnd = "expected_end"
        case createdBy = "created_by"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ project: Project) {
        id = project.id.rawValue
        organizationId = project.organizationID.rawValue
        name = project.details.name
        reference = project.details.reference
        address = project.details.address
        clientName = project.details.client.name
        clientContact = project.details.client.contact
        startDate = project.details.startDate?.description
        endDate = project.details.endDate?.description
        requiresValidation = project.details.requiresValidation
        status = project.status.rawValue
        expectedEnd = project.expectedEnd?.description
        createdBy = project.createdBy.rawValue
        createdAt = project.createdAt
        updatedAt = project.updatedAt
    }

    func domain() throws -> Project {
        guard let status = Project.Status(rawValue: status) else {
            throw CorruptRow(table: "projects", reason: "status of \(id)")
        }
        return Project(
            id: ProjectID(id), organizationID: OrganizationID(organizationId),
            details: try Project.Details(
                name: name, reference: reference, address: address,
                client: try Project.Client(name: clientName, contact: clientContact),
                startDate: try startDate.map { try CalendarDate(parsing: $0) },
                endDate: try endDate.map { try CalendarDate(parsing: $0) }, requiresValidation: requiresValidation),
            status: status, expectedEnd: try expectedEnd.map { try CalendarDate(parsing: $0) },
            createdBy: UserID(createdBy), createdAt: createdAt, updatedAt: updatedAt)
    }
}

struct SQLProjectRepository: ProjectRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ project: Project) async throws {
        try await db.insert(into: "projects").model(ProjectRow(project), nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: ProjectID) async throws -> Project? {
        try await db.select().columns("*").from("projects").where("id", .equal, id.rawValue)
            .first(decoding: ProjectRow.self, with: rowDecoder)?.domain()
    }

    func lock(_ id: ProjectID) async throws -> Project? {
        try await db.lockRow(of: "projects", id: id.rawValue, dialect: dialect)
        return try await find(id)
    }

    func update(_ project: Project) async throws {
        let row = ProjectRow(project)
        try await db.update("projects").set("name", to: row.name).set("reference", to: row.reference)
            .set("address", to: row.address).set("client_name", to: row.clientName)
            .set("client_contact", to: row.clientContact).set("start_date", to: row.startDate)
            .set("end_date", to: row.endDate).set("requires_validation", to: row.requiresValidation)
            .set("status", to: row.status).set("expected_end", to: row.expectedEnd)
            .set("updated_at", to: row.updatedAt).where("id", .equal, row.id).run()
    }

    func list(of organization: OrganizationID, filter: ProjectFilter, page: PageRequest) async throws -> Page<Project> {
        let pattern = filter.text.map(likeContaining)
        let (rows, total) = try await db.page(
            "projects", page, as: ProjectRow.self,
            filtered: { query in
                query.where("organization_id", .equal, organization.rawValue)
                if let status = filter.status { query.where("status", .equal, status.rawValue) }
                if let user = filter.memberOf {
                    query.where(
                        SQLQueryString(
                            "id IN (SELECT project_id FROM project_members WHERE user_id = \(bind: user.rawValue))"))
                }
                if let pattern {
                    query.where(
                        SQLQueryString(
                            "(LOWER(name) LIKE \(bind: pattern) ESCAPE '!' OR LOWER(reference) LIKE \(bind: pattern) ESCAPE '!')"
                        ))
                }
                return query
            },
            ordered: { $0.orderBy("created_at", .descending).orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }
}

struct ProjectMemberRow: Codable {
    let projectId: UUID
    let userId: UUID
    let organizationId: UUID
    let role: String
    let tradeIds: String
    let addedAt: Date

    enum CodingKeys: String, CodingKey {
        case role
        case projectId = "project_id"
        case userId = "user_id"
        case organizationId = "organization_id"
        case tradeIds = "trade_ids"
        case addedAt = "added_at"
    }

    func domain() throws -> ProjectMember {
        guard let role = ProjectRole(rawValue: role) else {
            throw CorruptRow(table: "project_members", reason: "role of \(userId)")
        }
        return try ProjectMember(
            projectID: ProjectID(projectId), userID: UserID(userId), role: role,
            tradeIDs: try ids(tradeIds, table: "project_members"), addedAt: addedAt)
    }
}

struct SQLProjectMemberRepository: ProjectMemberRepository {
    let db: any SQLDatabase

    func save(_ member: ProjectMember, organization: OrganizationID) async throws {
        try await remove(member.userID, from: member.projectID)
        try await db.insert(into: "project_members")
            .model(
                ProjectMemberRow(
                    projectId: member.projectID.rawValue, userId: member.userID.rawValue,
                    organizationId: organization.rawValue, role: member.role.rawValue,
                    tradeIds: lines(member.tradeIDs), addedAt: member.addedAt)
            ).run()
    }

    func remove(_ user: UserID, from project: ProjectID) async throws {
        try await db.delete(from: "project_members").where("project_id", .equal, project.rawValue)
            .where("user_id", .equal, user.rawValue).run()
    }

    func member(_ user: UserID, of project: ProjectID) async throws -> ProjectMember? {
        try await db.select().columns("*").from("project_members").where("project_id", .equal, project.rawValue)
            .where("user_id", .equal, user.rawValue).first(decoding: ProjectMemberRow.self, with: rowDecoder)?.domain()
    }

    func members(of project: ProjectID) async throws -> [ProjectMember] {
        try await db.select().columns("*").from("project_members").where("project_id", .equal, project.rawValue)
            .orderBy("added_at").orderBy("user_id").limit(1000)
            .all(decoding: ProjectMemberRow.self, with: rowDecoder).map { try $0.domain() }
    }
}

struct TradeRow: Codable {
    let id: UUID
    let organizationId: UUID
    let projectId: UUID
    let name: String
    let kind: String
    let contractor: String?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, kind, contractor
        case organizationId = "organization_id"
        case projectId = "project_id"
        case createdAt = "created_at"
    }

    func domain() throws -> Trade {
        guard let kind = Trade.Kind(rawValue: kind) else {
            throw CorruptRow(table: "project_trades", reason: "kind of \(id)")
        }
        return try Trade(
            id: TradeID(id), projectID: ProjectID(projectId), organizationID: OrganizationID(organizationId),
            name: name,
            kind: kind, contractor: contractor, createdAt: createdAt)
    }
}

struct SQLTradeRepository: TradeRepository {
    let db: any SQLDatabase

    func insert(_ trade: Trade) async throws {
        try await db.insert(into: "project_trades")
            .model(
                TradeRow(
                    id: trade.id.rawValue, organizationId: trade.organizationID.rawValue,
                    projectId: trade.projectID.rawValue, name: trade.name, kind: trade.kind.rawValue,
                    contractor: trade.contractor, createdAt: trade.createdAt), nilEncodingStrategy: .asNil
            ).run()
    }

    func find(_ id: TradeID) async throws -> Trade? {
        try await db.select().columns("*").from("project_trades").where("id", .equal, id.rawValue)
            .first(decoding: TradeRow.self, with: rowDecoder)?.domain()
    }

    func list(of project: ProjectID) async throws -> [Trade] {
        try await db.select().columns("*").from("project_trades").where("project_id", .equal, project.rawValue)
            .orderBy("name").orderBy("id").limit(1000)
            .all(decoding: TradeRow.self, with: rowDecoder).map { try $0.domain() }
    }
}

struct ProjectTaskRow: Codable {
    let id: UUID
    let organizationId: UUID
    let projectId: UUID
    let tradeId: UUID?
    let title: String
    let description: String?
    let assignees: String
    let startOn: String?
    let durationDays: Int
    let weight: Int
    let status: String
    let percentComplete: Int
    let position: Int
    let version: Int
    let validatedBy: UUID?
    let createdAt: Date
    let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, title, description, assignees, weight, status, position, version
        case organizationId = "organization_id"
        case projectId = "project_id"
        case tradeId = "trade_id"
        case startOn = "start_on"
        case durationDays = "duration_days"
        case percentComplete = "percent_complete"
        case validatedBy = "validated_by"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ task: ProjectTask) {
        id = task.id.rawValue
        organizationId = task.organizationID.rawValue
        projectId = task.projectID.rawValue
        tradeId = task.plan.tradeID?.rawValue
        title = task.plan.title
        description = task.plan.description
        assignees = lines(task.plan.assignees)
        startOn = task.plan.start?.description
        durationDays = task.plan.durationDays
        weight = task.plan.weight
        status = task.status.rawValue
        percentComplete = task.percentComplete
        position = task.position
        version = task.version
        validatedBy = task.validatedBy?.rawValue
        createdAt = task.createdAt
        updatedAt = task.updatedAt
    }

    func domain() throws -> ProjectTask {
        guard let status = ProjectTask.Status(rawValue: status) else {
            throw CorruptRow(table: "project_tasks", reason: "status of \(id)")
        }
        return ProjectTask(
            id: ProjectTaskID(id), projectID: ProjectID(projectId), organizationID: OrganizationID(organizationId),
            plan: try ProjectTask.Plan(
                title: title, description: description, tradeID: tradeId.map(TradeID.init),
                assignees: try ids(assignees, table: "project_tasks"),
                start: try startOn.map { try CalendarDate(parsing: $0) },
                durationDays: durationDays, weight: weight),
            status: status, percentComplete: percentComplete, position: position, version: version,
            validatedBy: validatedBy.map(UserID.init), createdAt: createdAt, updatedAt: updatedAt)
    }
}

struct TaskDependencyRow: Codable {
    let predecessorId: UUID
    let successorId: UUID
    let projectId: UUID
    let organizationId: UUID
    let lagDays: Int

    enum CodingKeys: String, CodingKey {
        case predecessorId = "predecessor_id"
        case successorId = "successor_id"
        case projectId = "project_id"
        case organizationId = "organization_id"
        case lagDays = "lag_days"
    }
}

struct SQLProjectTaskRepository: ProjectTaskRepository {
    let db: any SQLDatabase

    func insert(_ task: ProjectTask) async throws {
        try await db.insert(into: "project_tasks").model(ProjectTaskRow(task), nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: ProjectTaskID) async throws -> ProjectTask? {
        try await db.select().columns("*").from("project_tasks").where("id", .equal, id.rawValue)
            .first(decoding: ProjectTaskRow.self, with: rowDecoder)?.domain()
    }

    func update(_ task: ProjectTask) async throws {
        let row = ProjectTaskRow(task)
        try await db.update("project_tasks").set("trade_id", to: row.tradeId).set("title", to: row.title)
            .set("description", to: row.description).set("assignees", to: row.assignees)
            .set("start_on", to: row.startOn).set("duration_days", to: row.durationDays).set("weight", to: row.weight)
            .set("status", to: row.status).set("percent_complete", to: row.percentComplete)
            .set("position", to: row.position).set("version", to: row.version)
            .set("validated_by", to: row.validatedBy).set("updated_at", to: row.updatedAt)
            .where("id", .equal, row.id).run()
    }

    func list(of project: ProjectID, filter: ProjectTaskFilter) async throws -> [ProjectTask] {
        let query = db.select().columns("*").from("project_tasks").where("project_id", .equal, project.rawValue)
        if let status = filter.status { query.where("status", .equal, status.rawValue) }
        if let trade = filter.tradeID { query.where("trade_id", .equal, trade.rawValue) }
        let tasks = try await query.orderBy("position").orderBy("created_at").orderBy("id").limit(5000)
            .all(decoding: ProjectTaskRow.self, with: rowDecoder).map { try $0.domain() }
        guard let assignee = filter.assignee else { return tasks }
        return tasks.filter { $0.plan.assignees.contains(assignee) }
    }

    func nextPosition(in project: ProjectID) async throws -> Int {
        let highest = try await db.select().column(SQLFunction("MAX", args: SQLIdentifier("position")), as: "highest")
            .from("project_tasks").where("project_id", .equal, project.rawValue)
            .first(decodingColumn: "highest", as: Int?.self)
        return (highest.flatMap { $0 } ?? -1) + 1
    }

    func delete(_ id: ProjectTaskID) async throws {
        try await db.delete(from: "task_dependencies").where("predecessor_id", .equal, id.rawValue)
            .orWhere("successor_id", .equal, id.rawValue).run()
        try await db.delete(from: "project_tasks").where("id", .equal, id.rawValue).run()
    }

    func insert(_ dependency: TaskDependency, project: ProjectID, organization: OrganizationID) async throws {
        try await db.insert(into: "task_dependencies")
            .model(
                TaskDependencyRow(
                    predecessorId: dependency.predecessor.rawValue, successorId: dependency.successor.rawValue,
                    projectId: project.rawValue, organizationId: organization.rawValue, lagDays: dependency.lagDays)
            ).run()
    }

    func dependencies(of project: ProjectID) async throws -> [TaskDependency] {
        try await db.select().columns("*").from("task_dependencies").where("project_id", .equal, project.rawValue)
            .orderBy("predecessor_id").orderBy("successor_id").limit(20_000)
            .all(decoding: TaskDependencyRow.self, with: rowDecoder).map {
                try TaskDependency(
                    predecessor: ProjectTaskID($0.predecessorId), successor: ProjectTaskID($0.successorId),
                    lagDays: $0.lagDays)
            }
    }
}

struct MilestoneRow: Codable {
    let id: UUID
    let organizationId: UUID
    let projectId: UUID
    let name: String
    let dueOn: String
    let taskIds: String
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name
        case organizationId = "organization_id"
        case projectId = "project_id"
        case dueOn = "due_on"
        case taskIds = "task_ids"
        case createdAt = "created_at"
    }
}

struct SQLMilestoneRepository: MilestoneRepository {
    let db: any SQLDatabase

    func insert(_ milestone: Milestone) async throws {
        try await db.insert(into: "project_milestones")
            .model(
                MilestoneRow(
                    id: milestone.id.rawValue, organizationId: milestone.organizationID.rawValue,
                    projectId: milestone.projectID.rawValue, name: milestone.name, dueOn: milestone.dueOn.description,
                    taskIds: lines(milestone.taskIDs), createdAt: milestone.createdAt)
            ).run()
    }

    func list(of project: ProjectID) async throws -> [Milestone] {
        try await db.select().columns("*").from("project_milestones").where("project_id", .equal, project.rawValue)
            .orderBy("due_on").orderBy("id").limit(1000)
            .all(decoding: MilestoneRow.self, with: rowDecoder).map {
                try Milestone(
                    id: MilestoneID($0.id), projectID: ProjectID($0.projectId),
                    organizationID: OrganizationID($0.organizationId), name: $0.name,
                    dueOn: try CalendarDate(parsing: $0.dueOn),
                    taskIDs: try ids($0.taskIds, table: "project_milestones"),
                    createdAt: $0.createdAt)
            }
    }
}

struct ProjectGuestInvitationRow: Codable {
    let invitationId: UUID
    let projectId: UUID
    let organizationId: UUID
    let role: String
    let tradeIds: String
    let invitedBy: UUID
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case role
        case invitationId = "invitation_id"
        case projectId = "project_id"
        case organizationId = "organization_id"
        case tradeIds = "trade_ids"
        case invitedBy = "invited_by"
        case createdAt = "created_at"
    }

    func domain() throws -> ProjectGuestInvitation {
        guard let role = ProjectRole(rawValue: role) else {
            throw CorruptRow(table: "project_guest_invitations", reason: "role of \(invitationId)")
        }
        return try ProjectGuestInvitation(
            invitationID: InvitationID(invitationId), projectID: ProjectID(projectId),
            organizationID: OrganizationID(organizationId), role: role,
            tradeIDs: try ids(tradeIds, table: "project_guest_invitations"), invitedBy: UserID(invitedBy),
            createdAt: createdAt)
    }
}

struct SQLProjectGuestInvitationRepository: ProjectGuestInvitationRepository {
    let db: any SQLDatabase

    func insert(_ invitation: ProjectGuestInvitation) async throws {
        try await db.insert(into: "project_guest_invitations")
            .model(
                ProjectGuestInvitationRow(
                    invitationId: invitation.invitationID.rawValue, projectId: invitation.projectID.rawValue,
                    organizationId: invitation.organizationID.rawValue, role: invitation.role.rawValue,
                    tradeIds: lines(invitation.tradeIDs), invitedBy: invitation.invitedBy.rawValue,
                    createdAt: invitation.createdAt)
            ).run()
    }

    func find(_ id: InvitationID) async throws -> ProjectGuestInvitation? {
        try await db.select().columns("*").from("project_guest_invitations")
            .where("invitation_id", .equal, id.rawValue)
            .first(decoding: ProjectGuestInvitationRow.self, with: rowDecoder)?.domain()
    }

    func delete(_ id: InvitationID) async throws {
        try await db.delete(from: "project_guest_invitations").where("invitation_id", .equal, id.rawValue).run()
    }
}
