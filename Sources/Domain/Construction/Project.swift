public import Foundation

public typealias ProjectID = Identifier<Project>
public typealias TradeID = Identifier<Trade>

/// A construction project shared by its client (maître d'ouvrage), its architect, its general
/// contractor and the subcontractors: its trades, tasks and schedule.
public struct Project: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case planned
        case inProgress = "in_progress"
        case onHold = "on_hold"
        case completed, archived

        static let moves: [Status: Set<Status>] = [
            .planned: [.inProgress],
            .inProgress: [.onHold, .completed],
            .onHold: [.inProgress],
            .completed: [.archived],
        ]
    }

    /// Who orders the works, as a field of the project (the client need not be a member).
    public struct Client: Sendable, Equatable {
        public let name: String
        public let contact: String?

        public init(name: String, contact: String?) throws {
            self.name = try Text.required(name, field: "client.name", maximum: 200)
            self.contact = try Text.optional(contact, field: "client.contact", maximum: 200)
        }
    }

    /// What the project says of itself, checked together.
    public struct Details: Sendable, Equatable {
        public let name: String
        public let reference: String
        public let address: String?
        public let client: Client
        public let startDate: CalendarDate?
        public let endDate: CalendarDate?
        /// A task is done only once the architect or the general contractor validates it.
        public let requiresValidation: Bool

        /// The years a project's and its tasks' days may fall in.
        public static let plannable = 1900...2999

        public init(
            name: String, reference: String, address: String?, client: Client, startDate: CalendarDate?,
            endDate: CalendarDate?, requiresValidation: Bool
        ) throws {
            self.name = try Text.required(name, field: "name", minimum: 3, maximum: 200)
            self.reference = try Text.required(reference, field: "reference", maximum: 50)
            self.address = try Text.optional(address, field: "address", maximum: 300)
            self.client = client
            for (day, field) in [(startDate, "startDate"), (endDate, "endDate")] {
                if let day, !Self.plannable.contains(day.year) {
                    throw DomainError.invalidValue(field: field, reason: "must be in the years 1900 to 2999")
                }
            }
            if let startDate, let endDate, endDate < startDate {
                throw DomainError.invalidValue(field: "endDate", reason: "must not be before start_date")
            }
            self.startDate = startDate
            self.endDate = endDate
            self.requiresValidation = requiresValidation
        }
    }

    public let id: ProjectID
    public let organizationID: OrganizationID
    public var details: Details
    public private(set) var status: Status
    /// The end the schedule gives today (the critical path's last day), kept to tell when it slips.
    public var expectedEnd: CalendarDate?
    public let createdBy: UserID
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: ProjectID, organizationID: OrganizationID, details: Details, status: Status = .planned,
        expectedEnd: CalendarDate? = nil, createdBy: UserID, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.details = details
        self.status = status
        self.expectedEnd = expectedEnd
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    public mutating func move(to next: Status) throws {
        guard next != status else { return }
        guard Status.moves[status]?.contains(next) == true else {
            throw DomainError.illegalTransition(entity: "project", from: status.rawValue, to: next.rawValue)
        }
        status = next
    }

    /// An archived project is read only.
    public var isArchived: Bool { status == .archived }
}

/// A work package of a project ("lot" on French sites), with its contractor.
public struct Trade: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case earthworks
        case structuralWork = "structural_work"
        case roofing, carpentry, plumbing, electricity, hvac, finishes, other
    }

    public let id: TradeID
    public let projectID: ProjectID
    public let organizationID: OrganizationID
    public let name: String
    public let kind: Kind
    /// The company doing the trade's works.
    public let contractor: String?
    public let createdAt: Date

    public init(
        id: TradeID, projectID: ProjectID, organizationID: OrganizationID, name: String, kind: Kind,
        contractor: String?, createdAt: Date
    ) throws {
        self.id = id
        self.projectID = projectID
        self.organizationID = organizationID
        self.name = try Text.required(name, field: "name", minimum: 2, maximum: 100)
        self.kind = kind
        self.contractor = try Text.optional(contractor, field: "contractor", maximum: 200)
        self.createdAt = createdAt
    }
}

/// A person's part in one project. The project role, not the organization role, decides what
/// they may do inside it.
public enum ProjectRole: String, Sendable, CaseIterable {
    case maitreOuvrage = "maitre_ouvrage"
    case architecte
    case entrepriseGenerale = "entreprise_generale"
    case sousTraitant = "sous_traitant"
}

public struct ProjectMember: Sendable, Equatable {
    public let projectID: ProjectID
    public let userID: UserID
    public let role: ProjectRole
    /// A subcontractor's trades: the only ones whose tasks they see and work on.
    public let tradeIDs: [TradeID]
    public let addedAt: Date

    public init(projectID: ProjectID, userID: UserID, role: ProjectRole, tradeIDs: [TradeID], addedAt: Date) throws {
        try Self.validate(role, tradeIDs)
        self.projectID = projectID
        self.userID = userID
        self.role = role
        self.tradeIDs = tradeIDs
        self.addedAt = addedAt
    }
}

extension ProjectMember {
    /// A subcontractor is tied to at least one trade; no one else is.
    static func validate(_ role: ProjectRole, _ tradeIDs: [TradeID]) throws {
        guard role == .sousTraitant || tradeIDs.isEmpty else {
            throw DomainError.invalidValue(field: "tradeIds", reason: "only a subcontractor is tied to trades")
        }
        guard role != .sousTraitant || !tradeIDs.isEmpty else {
            throw DomainError.invalidValue(field: "tradeIds", reason: "a subcontractor is tied to at least one trade")
        }
    }
}

/// Someone of another company invited onto one project (the general contractor inviting its
/// subcontractors): the organization's invitation, with the project role and trades they take
/// once they accept it. They join the organization as a project guest, who sees nothing of it
/// but the projects they are members of.
public struct ProjectGuestInvitation: Sendable, Equatable {
    public let invitationID: InvitationID
    public let projectID: ProjectID
    public let organizationID: OrganizationID
    public let role: ProjectRole
    public let tradeIDs: [TradeID]
    public let invitedBy: UserID
    public let createdAt: Date

    public init(
        invitationID: InvitationID, projectID: ProjectID, organizationID: OrganizationID, role: ProjectRole,
        tradeIDs: [TradeID], invitedBy: UserID, createdAt: Date
    ) throws {
        try ProjectMember.validate(role, tradeIDs)
        self.invitationID = invitationID
        self.projectID = projectID
        self.organizationID = organizationID
        self.role = role
        self.tradeIDs = tradeIDs
        self.invitedBy = invitedBy
        self.createdAt = createdAt
    }

    /// The member they become on accepting (a project's trades are never removed).
    public func member(_ user: UserID, at now: Date) throws -> ProjectMember {
        try ProjectMember(projectID: projectID, userID: user, role: role, tradeIDs: tradeIDs, addedAt: now)
    }
}

/// What may be done inside a project.
public enum ProjectCapability: String, Sendable, CaseIterable {
    /// The project, its trades, its members, its milestones and progress.
    case viewProject = "view_project"
    /// Edit the project, change its status, add and remove members and trades.
    case manageProject = "manage_project"
    /// Every task of the project (otherwise only those of one's own trades).
    case seeAllTasks = "see_all_tasks"
    /// Create and edit tasks, their dependencies, the milestones.
    case planTasks = "plan_tasks"
    /// Move a task of one's own trades, and its percent complete.
    case workOwnTasks = "work_own_tasks"
    /// Mark a task done when the project requires validation.
    case validateTasks = "validate_tasks"
    /// The budget per trade against its cost, in total.
    case readBudgetSummary = "read_budget_summary"
    /// The contractors' detail: committed amounts, quotes, margins.
    case readBudgetDetail = "read_budget_detail"
    /// The budget and costs of one's own trades.
    case readOwnTradeBudget = "read_own_trade_budget"
    /// Set the budget and record quotes, change orders and invoices.
    case manageBudget = "manage_budget"
    /// Pronounce an acceptance, list its snags, verify them, and sign the record.
    case signAcceptance = "sign_acceptance"
    /// Mark a snag of one's own trades fixed (planners: any snag).
    case fixSnags = "fix_snags"
}

/// Who may do what inside a project: one table, by project role.
public enum ProjectAccess {
    public static let rules: [ProjectCapability: Set<ProjectRole>] = [
        .viewProject: Set(ProjectRole.allCases),
        .manageProject: [.maitreOuvrage, .architecte, .entrepriseGenerale],
        .seeAllTasks: [.maitreOuvrage, .architecte, .entrepriseGenerale],
        .planTasks: [.architecte, .entrepriseGenerale],
        .workOwnTasks: [.architecte, .entrepriseGenerale, .sousTraitant],
        .validateTasks: [.architecte, .entrepriseGenerale],
        .readBudgetSummary: [.maitreOuvrage, .architecte, .entrepriseGenerale],
        .readBudgetDetail: [.architecte, .entrepriseGenerale],
        .readOwnTradeBudget: [.sousTraitant],
        .manageBudget: [.architecte, .entrepriseGenerale],
        .signAcceptance: [.maitreOuvrage, .architecte],
        .fixSnags: [.architecte, .entrepriseGenerale, .sousTraitant],
    ]

    public static func allows(_ role: ProjectRole, _ capability: ProjectCapability) -> Bool {
        rules[capability]?.contains(role) == true
    }
}
