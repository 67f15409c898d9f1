public import Domain
public import Foundation

public struct ProjectFilter: Sendable {
    public var status: Project.Status?
    /// Words the name or the reference contains.
    public var text: String?
    /// Only the projects this user is a member of (nil: every project of the organization).
    public var memberOf: UserID?

    public init(status: Project.Status? = nil, text: String? = nil, memberOf: UserID? = nil) {
        self.status = status
        self.text = text
        self.memberOf = memberOf
    }
}

public protocol ProjectRepository: Sendable {
    func insert(_ project: Project) async throws
    func find(_ id: ProjectID) async throws -> Project?
    /// Holds the project until the transaction ends (a row lock on PostgreSQL).
    func lock(_ id: ProjectID) async throws -> Project?
    /// Stores the details, the status and the expected end.
    func update(_ project: Project) async throws
    /// The organization's projects, newest first.
    func list(of organization: OrganizationID, filter: ProjectFilter, page: PageRequest) async throws -> Page<Project>
}

public protocol ProjectMemberRepository: Sendable {
    /// Adds the member, or replaces their role and trades.
    func save(_ member: ProjectMember, organization: OrganizationID) async throws
    func remove(_ user: UserID, from project: ProjectID) async throws
    func member(_ user: UserID, of project: ProjectID) async throws -> ProjectMember?
    /// By the time they were added.
    func members(of project: ProjectID) async throws -> [ProjectMember]
}

public protocol TradeRepository: Sendable {
    func insert(_ trade: Trade) async throws
    func find(_ id: TradeID) async throws -> Trade?
    /// By name.
    func list(of project: ProjectID) async throws -> [Trade]
}

public struct ProjectTaskFilter: Sendable {
    public var status: ProjectTask.Status?
    public var tradeID: TradeID?
    public var assignee: UserID?

    public init(status: ProjectTask.Status? = nil, tradeID: TradeID? = nil, assignee: UserID? = nil) {
        self.status = status
        self.tradeID = tradeID
        self.assignee = assignee
    }
}

public protocol ProjectTaskRepository: Sendable {
    func insert(_ task: ProjectTask) async throws
    func find(_ id: ProjectTaskID) async throws -> ProjectTask?
    /// Stores the plan, the status, the progress, the position, the version and the validator.
    func update(_ task: ProjectTask) async throws
    /// Deletes the task and the dependencies that name it.
    func delete(_ id: ProjectTaskID) async throws
    /// The project's tasks by position, then creation.
    func list(of project: ProjectID, filter: ProjectTaskFilter) async throws -> [ProjectTask]
    /// One past the highest position in the project (0 for the first task).
    func nextPosition(in project: ProjectID) async throws -> Int
    func insert(_ dependency: TaskDependency, project: ProjectID, organization: OrganizationID) async throws
    func dependencies(of project: ProjectID) async throws -> [TaskDependency]
}

public protocol MilestoneRepository: Sendable {
    func insert(_ milestone: Milestone) async throws
    /// By due day.
    func list(of project: ProjectID) async throws -> [Milestone]
}

public protocol ProjectBudgetRepository: Sendable {
    func insert(_ version: ProjectBudgetVersion) async throws
    /// The latest version: the budget (nil before any).
    func latest(of project: ProjectID) async throws -> ProjectBudgetVersion?
    func insert(_ expense: ProjectExpense) async throws
    /// By date, then by recording time.
    func expenses(of project: ProjectID) async throws -> [ProjectExpense]
    func expenseCount(of project: ProjectID) async throws -> Int
    /// Records that the alert for `threshold` of `trade` (nil: the total) under budget version
    /// `version` was raised; false when it already had been.
    func raiseAlert(
        project: ProjectID, organization: OrganizationID, version: Int, trade: TradeID?, threshold: Int, at: Date
    ) async throws -> Bool
}

public protocol AcceptanceRepository: Sendable {
    /// The acceptance with its signatures.
    func insert(_ acceptance: Acceptance) async throws
    func find(_ id: AcceptanceID) async throws -> Acceptance?
    /// Stores the final day and the signatures added.
    func update(_ acceptance: Acceptance) async throws
    /// By provisional day, then creation.
    func list(of project: ProjectID) async throws -> [Acceptance]
    func insert(_ snag: Snag) async throws
    func find(_ id: SnagID) async throws -> Snag?
    /// Stores the status and its times.
    func update(_ snag: Snag) async throws
    /// The snags of one acceptance (nil: of every acceptance of the project), by deadline.
    func snags(of project: ProjectID, acceptance: AcceptanceID?) async throws -> [Snag]
    func insert(_ warranties: [ProjectWarranty]) async throws
    /// The project's warranties, by start day.
    func warranties(of project: ProjectID) async throws -> [ProjectWarranty]
    /// The warranties not yet warned of that end within `days`, across organizations (for the
    /// job), by end day.
    func warrantiesUnalerted(ending days: ClosedRange<CalendarDate>) async throws -> [ProjectWarranty]
    func markAlerted(_ warranty: ProjectWarranty, at time: Date) async throws
}

public protocol ProjectChatRepository: Sendable {
    func insert(_ message: ProjectMessage) async throws
    func find(_ id: ProjectMessageID) async throws -> ProjectMessage?
    /// The project's highest sequence (0 before its first message).
    func lastSequence(of project: ProjectID) async throws -> Int
    /// The messages before `sequence` (nil: from the newest), newest first, at most `limit`.
    func messages(of project: ProjectID, before sequence: Int?, limit: Int) async throws -> [ProjectMessage]
    /// Moves the member's read position to `sequence`, never back.
    func markRead(
        _ user: UserID, in project: ProjectID, organization: OrganizationID, upTo sequence: Int, at time: Date
    ) async throws
    /// Every member's read position.
    func readings(of project: ProjectID) async throws -> [ChatReading]
    /// The messages of others after the member's read position.
    func unreadCount(of user: UserID, in project: ProjectID) async throws -> Int
    /// The whole chat of one project, oldest first (its export).
    func transcript(of project: ProjectID) async throws -> [ProjectMessage]
    /// Every project's messages, by project and sequence, across organizations (the search
    /// index's rebuild).
    func all() async throws -> [ProjectMessage]
}

/// The offline feed's record: one row per thing of a project, at its latest change.
public protocol ProjectChangeRepository: Sendable {
    /// Records a change at the project's next cursor; the caller holds the project's lock.
    func record(
        _ kind: ProjectChange.Kind, _ id: UUID, _ operation: ProjectChange.Operation, in project: ProjectID,
        organization: OrganizationID, at time: Date
    ) async throws
    /// The changes after `cursor`, oldest first, at most `limit`.
    func changes(of project: ProjectID, after cursor: Int, limit: Int) async throws -> [ProjectChange]
    /// The project's latest cursor (0 before any change).
    func lastCursor(of project: ProjectID) async throws -> Int
}

/// The construction module's stores.
public protocol ConstructionStores:
    UsesProjects,
    UsesProjectMembers,
    UsesTrades,
    UsesProjectTasks,
    UsesMilestones,
    UsesProjectBudgets,
    UsesAcceptances,
    UsesProjectChat,
    UsesProjectChanges,
    UsesProjectGuests
{}

/// A use case that reads or writes `projects`.
public protocol UsesProjects: Sendable { var projects: any ProjectRepository { get } }

/// A use case that reads or writes `projectMembers`.
public protocol UsesProjectMembers: Sendable { var projectMembers: any ProjectMemberRepository { get } }

/// A use case that reads or writes `trades`.
public protocol UsesTrades: Sendable { var trades: any TradeRepository { get } }

/// A use case that reads or writes `projectTasks`.
public protocol UsesProjectTasks: Sendable { var projectTasks: any ProjectTaskRepository { get } }

/// A use case that reads or writes `milestones`.
public protocol UsesMilestones: Sendable { var milestones: any MilestoneRepository { get } }

/// A use case that reads or writes `projectBudgets`.
public protocol UsesProjectBudgets: Sendable { var projectBudgets: any ProjectBudgetRepository { get } }

/// A use case that reads or writes `acceptances`.
public protocol UsesAcceptances: Sendable { var acceptances: any AcceptanceRepository { get } }

/// A use case that reads or writes `projectChat`.
public protocol UsesProjectChat: Sendable { var projectChat: any ProjectChatRepository { get } }

/// A use case that reads or writes `projectChanges`.
public protocol UsesProjectChanges: Sendable { var projectChanges: any ProjectChangeRepository { get } }

/// A use case that reads or writes `projectGuests`.
public protocol UsesProjectGuests: Sendable { var projectGuests: any ProjectGuestInvitationRepository { get } }

/// The projects' invitations of people from outside the organization, until they are accepted.
public protocol ProjectGuestInvitationRepository: Sendable {
    func insert(_ invitation: ProjectGuestInvitation) async throws
    func find(_ id: InvitationID) async throws -> ProjectGuestInvitation?
    func delete(_ id: InvitationID) async throws
}
