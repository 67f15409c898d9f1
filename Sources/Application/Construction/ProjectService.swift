public import Domain
public import Foundation

/// A project as a client sends it; on an update, only the fields sent change.
public struct ProjectInput: Sendable {
    public var name: String?
    public var reference: String?
    public var address: String?
    public var clientName: String?
    public var clientContact: String?
    public var startDate: String?
    public var endDate: String?
    public var requiresValidation: Bool?
    public var status: String?
    /// The creator's project role (by default the construction role of their organization).
    public var myRole: String?

    public init(
        name: String? = nil, reference: String? = nil, address: String? = nil, clientName: String? = nil,
        clientContact: String? = nil, startDate: String? = nil, endDate: String? = nil,
        requiresValidation: Bool? = nil, status: String? = nil, myRole: String? = nil
    ) {
        self.name = name
        self.reference = reference
        self.address = address
        self.clientName = clientName
        self.clientContact = clientContact
        self.startDate = startDate
        self.endDate = endDate
        self.requiresValidation = requiresValidation
        self.status = status
        self.myRole = myRole
    }
}

/// A project with what its page shows: trades, members, progress, and the caller's role in it.
public struct ProjectView: Sendable {
    public let project: Project
    public let trades: [Trade]
    public let members: [ProjectMember]
    public let progress: ProjectProgress
    /// nil: an admin of the organization, acting without a project role.
    public let myRole: ProjectRole?
}

/// A project's invitation of a guest: the organization's invitation, with its token shown once,
/// and the role and trades they will take in the project.
public struct IssuedGuestInvitation: Sendable {
    public let issued: IssuedInvitation
    public let guest: ProjectGuestInvitation
}

/// The caller inside one project: their membership (or their organization's admin role) and
/// what the project table lets them do.
struct ProjectCaller: Sendable {
    let project: Project
    let member: ProjectMember?
    let isAdmin: Bool
    let userID: UserID

    func allows(_ capability: ProjectCapability) -> Bool {
        isAdmin || member.map { ProjectAccess.allows($0.role, capability) } == true
    }

    func require(_ capability: ProjectCapability) throws {
        guard allows(capability) else { throw ConstructionError.projectRoleDenied(capability) }
    }

    /// Every task, or those of one's own trades and those one is assigned.
    func maySee(_ task: ProjectTask) -> Bool {
        allows(.seeAllTasks) || task.plan.assignees.contains(userID)
            || task.plan.tradeID.map { member?.tradeIDs.contains($0) == true } == true
    }

    /// Planners work on every task; others on their own trades' tasks.
    func mayWork(_ task: ProjectTask) -> Bool {
        allows(.planTasks)
            || (allows(.workOwnTasks) && task.plan.tradeID.map { member?.tradeIDs.contains($0) == true } == true)
    }

    /// Throws unless the caller may work on the task: their role's reason, or that the task is another trade's.
    func requireWork(on task: ProjectTask) throws {
        guard !mayWork(task) else { return }
        guard allows(.workOwnTasks) else { throw ConstructionError.projectRoleDenied(.workOwnTasks) }
        throw ConstructionError.notYourTrade
    }

    func requireWritable() throws {
        guard !project.isArchived else { throw ConstructionError.archived }
    }
}

/// Everything the construction use cases are built from, made once by `ConstructionServices`.
struct ConstructionContext: Sendable {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail
    /// Reads invoice documents to pre-fill costs (nil: no documents module).
    let documents: DocumentsService?
    /// Where the chat's messages and read positions go live (nil: nowhere).
    let events: (any EventBroadcaster)?
    /// Issues the organization's invitations of a project's guests.
    let identity: IdentityService
    /// Where a deleted task states that its documents go with it (nil: nowhere).
    let bus: DomainEventBus?

    /// The project as the caller may see it: a member, or an admin of its organization; anyone
    /// else is told it does not exist.
    func caller(
        _ id: ProjectID, _ principal: Principal, _ repos: any UsesProjectMembers & UsesProjects, locking: Bool = false
    )
        async throws -> ProjectCaller
    {
        try AccessPolicy.require(.useProjects, by: principal)
        let found = locking ? try await repos.projects.lock(id) : try await repos.projects.find(id)
        let project = try TenantScope.visible(
            found, in: \.organizationID, principal, entity: "project", id: id.description)
        let member = try await repos.projectMembers.member(principal.userID, of: project.id)
        let isAdmin = AccessPolicy.allows(principal, .manageAllProjects)
        guard member != nil || isAdmin else { throw ApplicationError.notFound(entity: "project", id: id.description) }
        return ProjectCaller(project: project, member: member, isAdmin: isAdmin, userID: principal.userID)
    }

    /// Records the change in the audit log and, for what the offline feed carries (tasks,
    /// milestones, snags), in the project's change feed; an action ending in `.deleted` leaves
    /// a tombstone.
    func audit(
        _ action: String, project: Project, entity: String = "project", id: String? = nil,
        payload: [String: String] = [:], _ principal: Principal,
        _ repos: any UsesAudit & UsesProjectChanges & UsesProjects
    ) async throws {
        if let kind = ProjectChange.Kind(rawValue: entity), let id, let uuid = UUID(uuidString: id) {
            try await changed(kind, uuid, action.hasSuffix(".deleted") ? .delete : .upsert, in: project, repos)
        }
        try await trail.record(
            action, entity: entity, id: id ?? project.id.description,
            payload: payload.merging(["project": project.id.description]) { $1 }, by: principal,
            organization: project.organizationID, repos)
    }

    /// Moves one thing of the project to the head of its change feed, under the project's lock.
    func changed(
        _ kind: ProjectChange.Kind, _ id: UUID, _ operation: ProjectChange.Operation = .upsert, in project: Project,
        _ repos: any UsesProjectChanges & UsesProjects
    ) async throws {
        _ = try await repos.projects.lock(project.id)
        try await repos.projectChanges.record(
            kind, id, operation, in: project.id, organization: project.organizationID, at: clock.now())
    }
}

/// A construction use case: its dependencies are the module's context.
protocol ConstructionUseCase: Sendable {
    var context: ConstructionContext { get }
}

extension ConstructionUseCase {
    var persistence: any Persistence { context.persistence }
    var clock: any WallClock { context.clock }
    var ids: any IDGenerator { context.ids }
}

public struct ConstructionServices: Sendable {
    public let projects: ProjectService
    public let tasks: TaskService
    public let budgets: ProjectBudgetService
    public let acceptances: AcceptanceService
    public let chat: ProjectChatService
    public let sync: ProjectSyncService

    /// What the module's documents may be linked to: its projects and their tasks.
    public var documentLinks: [DocumentLinkTarget] { projects.documentLinks + tasks.documentLinks }

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, identity: IdentityService,
        documents: DocumentsService? = nil, events: (any EventBroadcaster)? = nil, bus: DomainEventBus? = nil
    ) {
        let context = ConstructionContext(
            persistence: persistence, clock: clock, ids: ids, trail: AuditTrail(clock: clock, ids: ids),
            documents: documents, events: events, identity: identity, bus: bus)
        projects = ProjectService(context: context)
        tasks = TaskService(context: context)
        budgets = ProjectBudgetService(context: context)
        acceptances = AcceptanceService(context: context)
        chat = ProjectChatService(context: context)
        sync = ProjectSyncService(context: context)
    }
}

/// Projects, their members with their project roles, and their trades.
public struct ProjectService: Sendable, UseCaseSupport, ConstructionUseCase {
    let context: ConstructionContext

    private func details(_ input: ProjectInput, over current: Project.Details?) throws -> Project.Details {
        let client = try Project.Client(
            name: input.clientName ?? current?.client.name ?? "",
            contact: input.clientContact ?? current?.client.contact)
        return try Project.Details(
            name: input.name ?? current?.name ?? "", reference: input.reference ?? current?.reference ?? "",
            address: input.address ?? current?.address, client: client,
            startDate: try input.startDate.map { try CalendarDate(parsing: $0, field: "startDate") }
                ?? current?.startDate,
            endDate: try input.endDate.map { try CalendarDate(parsing: $0, field: "endDate") } ?? current?.endDate,
            requiresValidation: input.requiresValidation ?? current?.requiresValidation ?? false)
    }

    /// The creator's project role: the one asked, else their organization's construction role
    /// when they have exactly one; an admin may have none.
    private func creatorRole(_ raw: String?, _ principal: Principal) throws -> ProjectRole? {
        if let role = try Self.parse(raw, ProjectRole.self, field: "myRole") { return role }
        let held = principal.roles.compactMap { ProjectRole(rawValue: $0.rawValue) }
        if held.count == 1 { return held[0] }
        guard AccessPolicy.allows(principal, .manageAllProjects) else {
            throw DomainError.invalidValue(
                field: "myRole", reason: "is required: say which role you take in the project")
        }
        return nil
    }

    private func view(_ caller: ProjectCaller, _ repos: any UsesProjectMembers & UsesProjectTasks & UsesTrades)
        async throws -> ProjectView
    {
        let project = caller.project
        let tasks = try await repos.projectTasks.list(of: project.id, filter: ProjectTaskFilter())
        return ProjectView(
            project: project, trades: try await repos.trades.list(of: project.id),
            members: try await repos.projectMembers.members(of: project.id),
            progress: ProjectProgress(tasks: tasks.filter(caller.maySee)), myRole: caller.member?.role)
    }

    public func create(_ input: ProjectInput, as principal: Principal) async throws -> ProjectView {
        try AccessPolicy.require(.createProjects, by: principal)
        let role = try creatorRole(input.myRole, principal)
        let now = clock.now()
        let project = Project(
            id: ProjectID(ids.make()), organizationID: principal.organizationID, details: try details(input, over: nil),
            createdBy: principal.userID, createdAt: now)
        let member = try role.map {
            try ProjectMember(projectID: project.id, userID: principal.userID, role: $0, tradeIDs: [], addedAt: now)
        }
        return try await persistence.write {
            (repos: any UsesAudit & UsesProjectChanges & UsesProjectMembers & UsesProjects) in
            try await repos.projects.insert(project)
            if let member { try await repos.projectMembers.save(member, organization: project.organizationID) }
            try await context.audit("project.created", project: project, principal, repos)
            return ProjectView(
                project: project, trades: [], members: member.map { [$0] } ?? [], progress: ProjectProgress(tasks: []),
                myRole: role)
        }
    }

    public func project(_ id: ProjectID, as principal: Principal) async throws -> ProjectView {
        try await persistence.read { (repos: any UsesProjectMembers & UsesProjectTasks & UsesProjects & UsesTrades) in
            try await view(try await context.caller(id, principal, repos), repos)
        }
    }

    /// The projects the caller is a member of (every project, for an admin), newest first.
    public func list(status: String?, text: String?, page: PageRequest, as principal: Principal) async throws
        -> Page<Project>
    {
        try AccessPolicy.require(.useProjects, by: principal)
        let filter = ProjectFilter(
            status: try Self.parse(status, Project.Status.self, field: "status"), text: text,
            memberOf: AccessPolicy.allows(principal, .manageAllProjects) ? nil : principal.userID)
        return try await persistence.read { (repos: any UsesProjects) in
            try await repos.projects.list(of: principal.organizationID, filter: filter, page: page)
        }
    }

    /// Changes the details and, when sent, the status (along its transitions).
    public func update(_ id: ProjectID, _ input: ProjectInput, as principal: Principal) async throws -> ProjectView {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesProjectChanges & UsesProjectMembers & UsesProjectTasks & UsesProjects
                    & UsesTrades
            ) in
            let caller = try await context.caller(id, principal, repos, locking: true)
            try caller.require(.manageProject)
            var project = caller.project
            let before = project.status
            if let status = try Self.parse(input.status, Project.Status.self, field: "status") {
                try project.move(to: status)
            }
            if project.isArchived && before == .archived { throw ConstructionError.archived }
            project.details = try details(input, over: project.details)
            project.updatedAt = clock.now()
            try await repos.projects.update(project)
            try await context.audit(
                "project.updated", project: project, payload: ["status": project.status.rawValue], principal, repos)
            let updated = ProjectCaller(
                project: project, member: caller.member, isAdmin: caller.isAdmin, userID: caller.userID)
            return try await view(updated, repos)
        }
    }

    /// The project's trades named by these ids; an id of no trade of the project is not found.
    private func trades(_ ids: [UUID], of project: ProjectID, _ repos: any UsesTrades) async throws -> [TradeID] {
        let trades = Set(try await repos.trades.list(of: project).map(\.id))
        let tied = ids.map(TradeID.init)
        if let unknown = tied.first(where: { !trades.contains($0) }) {
            throw ApplicationError.notFound(entity: "trade", id: unknown.description)
        }
        return tied
    }

    /// Adds a member of the organization to the project with a role (or changes theirs); a
    /// subcontractor is tied to trades of the project.
    public func addMember(
        _ userID: UUID?, role: String?, tradeIDs: [UUID], to id: ProjectID, as principal: Principal
    ) async throws -> ProjectMember {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesMemberships & UsesProjectChanges & UsesProjectMembers & UsesProjects
                    & UsesTrades
            ) in
            let caller = try await context.caller(id, principal, repos)
            try caller.require(.manageProject)
            try caller.requireWritable()
            guard let userID else { throw DomainError.invalidValue(field: "userId", reason: "is required") }
            let user = UserID(userID)
            guard let found = try await repos.memberships.member(user, in: caller.project.organizationID) else {
                throw ApplicationError.notFound(entity: "member", id: user.description)
            }
            // Someone whose organization roles never reach a project would be a member in name only.
            guard !found.roles.isDisjoint(with: AccessPolicy.rules[.useProjects, default: []]) else {
                throw DomainError.invalidValue(
                    field: "userId", reason: "has no construction role in the organization (nor is an admin)")
            }
            let tied = try await trades(tradeIDs, of: id, repos)
            let member = try ProjectMember(
                projectID: id, userID: user, role: try Self.parseRequired(role, ProjectRole.self, field: "role"),
                tradeIDs: tied, addedAt: clock.now())
            try await repos.projectMembers.save(member, organization: caller.project.organizationID)
            try await context.audit(
                "project.member_added", project: caller.project,
                payload: ["user": user.description, "role": member.role.rawValue], principal, repos)
            return member
        }
    }

    /// Invites someone of another company onto the project (the general contractor its
    /// subcontractors): an invitation to the organization as a project guest, who on accepting it
    /// (registering with it, or signed in with the account they have) becomes a member of this
    /// project with the role and trades given here, and sees nothing else of the organization.
    /// The token is shown once, to hand to them.
    public func inviteGuest(
        email rawEmail: String?, role: String?, tradeIDs: [UUID], to id: ProjectID, as principal: Principal
    ) async throws -> IssuedGuestInvitation {
        let email = try Email(rawEmail ?? "")
        let role = try Self.parseRequired(role, ProjectRole.self, field: "role")
        return try await persistence.write {
            (
                repos: any UsesAudit & UsesInvitations & UsesMemberships & UsesProjectChanges & UsesProjectGuests
                    & UsesProjectMembers & UsesProjects & UsesTrades & UsesUsers
            ) in
            let caller = try await context.caller(id, principal, repos)
            try caller.require(.manageProject)
            try caller.requireWritable()
            let organization = caller.project.organizationID
            if let user = try await repos.users.find(email: email),
                try await repos.memberships.find(user: user.id, organization: organization) != nil
            {
                // A member already: the project's members route adds them.
                throw ApplicationError.alreadyMember(email)
            }
            let tied = try await trades(tradeIDs, of: id, repos)
            let (invitation, token) = try context.identity.prepareInvitation(
                email: email, role: .projectGuest, to: organization, by: principal.userID)
            let guest = try ProjectGuestInvitation(
                invitationID: invitation.id, projectID: id, organizationID: organization, role: role, tradeIDs: tied,
                invitedBy: principal.userID, createdAt: clock.now())
            try await repos.invitations.insert(invitation)
            try await repos.projectGuests.insert(guest)
            try await context.audit(
                "project.guest_invited", project: caller.project,
                payload: ["invitation": invitation.id.description, "role": role.rawValue], principal, repos)
            return IssuedGuestInvitation(issued: IssuedInvitation(invitation: invitation, token: token), guest: guest)
        }
    }

    /// A project's guest who accepts their invitation becomes a member of the project, in the
    /// transaction that makes them a member of the organization.
    public func subscribe(to bus: DomainEventBus) {
        bus.subscribe { [context] event, repos in
            guard let accepted = event as? InvitationAccepted,
                let guest = try await repos.projectGuests.find(accepted.invitation)
            else { return [] }
            try await repos.projectGuests.delete(guest.invitationID)
            guard let project = try await repos.projects.lock(guest.projectID) else { return [] }
            let member = try guest.member(accepted.user, at: accepted.at)
            try await repos.projectMembers.save(member, organization: project.organizationID)
            let joined = Principal(
                userID: accepted.user, organizationID: accepted.organization, roles: [.projectGuest])
            try await context.audit(
                "project.guest_joined", project: project,
                payload: ["user": accepted.user.description, "role": member.role.rawValue], joined, repos)
            return []
        }
    }

    /// A project's documents (plans, reports, the site's photos), at `/projects/{id}/documents`:
    /// every member reads them, whoever manages the project adds to them; a guest needs no
    /// documents role in the organization. They are in the project's offline feed.
    public var documentLinks: [DocumentLinkTarget] {
        [
            DocumentLinkTarget(
                type: "project", collection: "projects",
                check: { id, principal in
                    try await persistence.read { (repos: any UsesProjectMembers & UsesProjects) in
                        try await context.caller(ProjectID(id), principal, repos).require(.viewProject)
                    }
                },
                scoped: ScopedDocumentAccess(permission: .useProjects, decidesForEveryone: true) { id, principal in
                    try await persistence.read { (repos: any UsesProjectMembers & UsesProjects) in
                        let caller = try await context.caller(ProjectID(id), principal, repos)
                        try caller.requireWritable()
                        try caller.require(.manageProject)
                    }
                },
                changed: { [context] id, document, deleted, _, repos in
                    guard let project = try await repos.projects.find(ProjectID(id)) else { return }
                    try await context.changed(
                        .document, document.rawValue, deleted ? .delete : .upsert, in: project, repos)
                })
        ]
    }

    /// Takes the member off the project; their sockets on its chat close.
    public func removeMember(_ userID: UserID, from id: ProjectID, as principal: Principal) async throws {
        let organization = try await persistence.write {
            (repos: any UsesAudit & UsesProjectChanges & UsesProjectMembers & UsesProjects) in
            let caller = try await context.caller(id, principal, repos)
            try caller.require(.manageProject)
            guard try await repos.projectMembers.member(userID, of: id) != nil else {
                throw ApplicationError.notFound(entity: "project member", id: userID.description)
            }
            try await repos.projectMembers.remove(userID, from: id)
            try await context.audit(
                "project.member_removed", project: caller.project, payload: ["user": userID.description], principal,
                repos)
            return caller.project.organizationID
        }
        await context.events?.publish([
            LiveEvent(
                channel: .project, organizationID: organization, userID: userID, type: "project.member_removed",
                data: ["projectId": id.description], at: clock.now())
        ])
    }

    public func addTrade(
        name: String?, kind: String?, contractor: String?, to id: ProjectID, as principal: Principal
    ) async throws -> Trade {
        try await persistence.write {
            (repos: any UsesAudit & UsesProjectChanges & UsesProjectMembers & UsesProjects & UsesTrades) in
            let caller = try await context.caller(id, principal, repos)
            try caller.require(.manageProject)
            try caller.requireWritable()
            let trade = try Trade(
                id: TradeID(ids.make()), projectID: id, organizationID: caller.project.organizationID,
                name: name ?? "", kind: try Self.parse(kind, Trade.Kind.self, field: "kind") ?? .other,
                contractor: contractor, createdAt: clock.now())
            try await repos.trades.insert(trade)
            try await context.audit(
                "project.trade_added", project: caller.project, entity: "trade", id: trade.id.description, principal,
                repos)
            return trade
        }
    }
}
