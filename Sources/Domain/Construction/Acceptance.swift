public import Foundation

public typealias AcceptanceID = Identifier<Acceptance>
public typealias SnagID = Identifier<Snag>

/// The acceptance (réception) of one trade's works, or of the whole project's: provisional with
/// its snag list, then final once every snag is lifted. Each stage is signed off by the client
/// (maître d'ouvrage) and the architect; the record printed says who signed and when.
public struct Acceptance: Sendable, Equatable {
    public enum Stage: String, Sendable, CaseIterable {
        case provisional
        case final
    }

    /// One signature of a stage's record.
    public struct SignOff: Sendable, Equatable {
        public let stage: Stage
        public let role: ProjectRole
        public let userID: UserID
        public let at: Date

        public init(stage: Stage, role: ProjectRole, userID: UserID, at: Date) {
            self.stage = stage
            self.role = role
            self.userID = userID
            self.at = at
        }
    }

    /// The project roles whose signatures make a stage's record complete.
    public static let signatories: [ProjectRole] = [.maitreOuvrage, .architecte]

    public let id: AcceptanceID
    public let projectID: ProjectID
    public let organizationID: OrganizationID
    /// The trade accepted; nil: the whole project.
    public let tradeID: TradeID?
    public let provisionalOn: CalendarDate
    public private(set) var finalOn: CalendarDate?
    public let remarks: String?
    public private(set) var signOffs: [SignOff]
    public let createdBy: UserID
    public let createdAt: Date

    public init(
        id: AcceptanceID, projectID: ProjectID, organizationID: OrganizationID, tradeID: TradeID?,
        provisionalOn: CalendarDate, finalOn: CalendarDate? = nil, remarks: String?, signOffs: [SignOff] = [],
        createdBy: UserID, createdAt: Date
    ) throws {
        guard Project.Details.plannable.contains(provisionalOn.year) else {
            throw DomainError.invalidValue(field: "date", reason: "must be in the years 1900 to 2999")
        }
        self.id = id
        self.projectID = projectID
        self.organizationID = organizationID
        self.tradeID = tradeID
        self.provisionalOn = provisionalOn
        self.finalOn = finalOn
        self.remarks = try Text.optional(remarks, field: "remarks", maximum: 2000)
        self.signOffs = signOffs
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    public var stage: Stage { finalOn == nil ? .provisional : .final }

    /// The signatory roles that have not signed `stage` yet.
    public func missingSignatures(_ stage: Stage) -> [ProjectRole] {
        Self.signatories.filter { role in !signOffs.contains { $0.stage == stage && $0.role == role } }
    }

    /// Signs the current stage's record in `role`.
    public mutating func signOff(as role: ProjectRole, by user: UserID, at time: Date) throws {
        guard Self.signatories.contains(role) else { throw ConstructionError.projectRoleDenied(.signAcceptance) }
        guard missingSignatures(stage).contains(role) else { throw ConstructionError.alreadySigned(role) }
        signOffs.append(SignOff(stage: stage, role: role, userID: user, at: time))
    }

    /// Pronounces the final acceptance: the provisional record signed by both signatories, every
    /// snag verified, and a day no earlier than the provisional acceptance.
    public mutating func pronounceFinal(on day: CalendarDate, snags: [Snag]) throws {
        guard stage == .provisional else {
            throw DomainError.illegalTransition(entity: "acceptance", from: stage.rawValue, to: Stage.final.rawValue)
        }
        let missing = missingSignatures(.provisional)
        guard missing.isEmpty else { throw ConstructionError.notSignedOff(missing) }
        let open = snags.filter { $0.status != .verified }
        guard open.isEmpty else { throw ConstructionError.snagsOpen(open.map(\.title)) }
        guard day >= provisionalOn, Project.Details.plannable.contains(day.year) else {
            throw DomainError.invalidValue(field: "date", reason: "must not be before the provisional acceptance")
        }
        finalOn = day
    }
}

/// An item of the snag list (réserves) of a provisional acceptance: what is to be put right, by
/// which trade, by when.
public struct Snag: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case open, fixed, verified

        /// A fix that does not hold when checked sends the snag back to open.
        static let moves: [Status: Set<Status>] = [.open: [.fixed], .fixed: [.verified, .open]]
    }

    public let id: SnagID
    public let acceptanceID: AcceptanceID
    public let projectID: ProjectID
    public let organizationID: OrganizationID
    /// The trade responsible for putting it right.
    public let tradeID: TradeID
    public let title: String
    public let description: String?
    public let deadline: CalendarDate
    /// The photo, a document of the documents module.
    public let photoDocumentID: UUID?
    public private(set) var status: Status
    public private(set) var fixedAt: Date?
    public private(set) var verifiedAt: Date?
    public let createdAt: Date

    public init(
        id: SnagID, acceptanceID: AcceptanceID, projectID: ProjectID, organizationID: OrganizationID,
        tradeID: TradeID, title: String, description: String?, deadline: CalendarDate, photoDocumentID: UUID?,
        status: Status = .open, fixedAt: Date? = nil, verifiedAt: Date? = nil, createdAt: Date
    ) throws {
        guard Project.Details.plannable.contains(deadline.year) else {
            throw DomainError.invalidValue(field: "deadline", reason: "must be in the years 1900 to 2999")
        }
        self.id = id
        self.acceptanceID = acceptanceID
        self.projectID = projectID
        self.organizationID = organizationID
        self.tradeID = tradeID
        self.title = try Text.required(title, field: "title", minimum: 3, maximum: 200)
        self.description = try Text.optional(description, field: "description", maximum: 2000)
        self.deadline = deadline
        self.photoDocumentID = photoDocumentID
        self.status = status
        self.fixedAt = fixedAt
        self.verifiedAt = verifiedAt
        self.createdAt = createdAt
    }

    public mutating func move(to next: Status, at time: Date) throws {
        guard Status.moves[status]?.contains(next) == true else {
            throw DomainError.illegalTransition(entity: "snag", from: status.rawValue, to: next.rawValue)
        }
        status = next
        switch next {
        case .open: fixedAt = nil
        case .fixed: fixedAt = time
        case .verified: verifiedAt = time
        }
    }

    /// Not put right by its deadline.
    public func isLate(on day: CalendarDate) -> Bool { status == .open && day > deadline }
}

/// The warranty a trade's works carry from their acceptance: ten years (the décennale) for the
/// works that make a building stand and keep it closed, one year for the others.
public struct ProjectWarranty: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Ten years: the contractor's and architect's liability for the building's soundness.
        case decennial
        /// One year: defects of finishing and equipment.
        case oneYear = "one_year"

        public var years: Int { self == .decennial ? 10 : 1 }

        /// The warranty of each trade type.
        public init(_ trade: Trade.Kind) {
            switch trade {
            case .earthworks, .structuralWork, .roofing: self = .decennial
            case .carpentry, .plumbing, .electricity, .hvac, .finishes, .other: self = .oneYear
            }
        }
    }

    /// Warned this many days before the end.
    public static let alertDays = 90

    public let projectID: ProjectID
    public let organizationID: OrganizationID
    public let tradeID: TradeID
    public let acceptanceID: AcceptanceID
    public let kind: Kind
    public let startsOn: CalendarDate
    public var alertedAt: Date?

    public init(
        projectID: ProjectID, organizationID: OrganizationID, tradeID: TradeID, acceptanceID: AcceptanceID,
        kind: Kind, startsOn: CalendarDate, alertedAt: Date? = nil
    ) {
        self.projectID = projectID
        self.organizationID = organizationID
        self.tradeID = tradeID
        self.acceptanceID = acceptanceID
        self.kind = kind
        self.startsOn = startsOn
        self.alertedAt = alertedAt
    }

    /// The last day covered, counted as the Civil Code counts a period in years (art. 1.7): the
    /// acceptance's day is not counted, the period ends on the same date `years` later (or that
    /// month's last day when there is none: 29 February).
    public var endsOn: CalendarDate { startsOn.adding(months: kind.years * 12) }

    /// Ends within `alertDays` of `day` and has not ended yet.
    public func endsSoon(on day: CalendarDate) -> Bool {
        day <= endsOn && day.days(until: endsOn) <= Self.alertDays
    }

    public func isRunning(on day: CalendarDate) -> Bool { startsOn <= day && day <= endsOn }
}
