public import Foundation

public typealias AgendaItemID = Identifier<AgendaItem>
public typealias ResolutionID = Identifier<Resolution>

/// The majority a resolution needs (art. 3.87 §8 and 3.88).
public enum Majority: String, Sendable, CaseIterable {
    /// More than half of the votes cast.
    case absolute
    /// At least two thirds of the votes cast.
    case twoThirds = "two_thirds"
    /// At least four fifths of the votes cast.
    case fourFifths = "four_fifths"
    /// Every vote of the building, present or not.
    case unanimity
}

/// The catalogue of decisions an assembly takes, each with the majority the law asks for
/// (art. 3.87 §8 and 3.88; the main cases, the statutes may be stricter).
public enum DecisionType: String, Sendable, CaseIterable {
    case accountsApproval = "accounts_approval"
    case budgetApproval = "budget_approval"
    case syndicAppointment = "syndic_appointment"
    case auditorAppointment = "auditor_appointment"
    case discharge
    case legallyRequiredWorks = "legally_required_works"
    case conservatoryWorks = "conservatory_works"
    case commonPartsWorks = "common_parts_works"
    case commonPartsUseStatutes = "common_parts_use_statutes"
    case boardCreation = "board_creation"
    case tenderingThreshold = "tendering_threshold"
    case statutesChange = "statutes_change"
    case chargeAllocationChange = "charge_allocation_change"
    case changeOfUse = "change_of_use"
    case reconstruction
    case propertyAcquisition = "property_acquisition"
    case propertyDisposal = "property_disposal"
    case reserveFundWaiver = "reserve_fund_waiver"
    case demolition
    case quotePartsChange = "quote_parts_change"
    case dissolution
    case other

    /// The majority the law asks for this kind of decision.
    public var suggestedMajority: Majority {
        switch self {
        case .accountsApproval, .budgetApproval, .syndicAppointment, .auditorAppointment, .discharge,
            .legallyRequiredWorks, .conservatoryWorks, .other:
            .absolute
        case .commonPartsWorks, .commonPartsUseStatutes, .boardCreation, .tenderingThreshold: .twoThirds
        case .statutesChange, .chargeAllocationChange, .changeOfUse, .reconstruction, .propertyAcquisition,
            .propertyDisposal, .reserveFundWaiver, .demolition:
            .fourFifths
        case .quotePartsChange, .dissolution: .unanimity
        }
    }

    /// Decisions on works, whose amount may be called from the owners once adopted.
    public var isWorks: Bool {
        [.legallyRequiredWorks, .conservatoryWorks, .commonPartsWorks, .reconstruction, .demolition].contains(self)
    }

    /// Where the rule comes from, for the minutes and the catalogue.
    public var legalBasis: String {
        switch suggestedMajority {
        case .absolute: "art. 3.87 §8"
        case .twoThirds: "art. 3.88 §1, 1°"
        case .fourFifths: self == .reserveFundWaiver ? "art. 3.86 §3" : "art. 3.88 §1, 2°"
        case .unanimity: self == .dissolution ? "art. 3.88 (dissolution)" : "art. 3.88 §2"
        }
    }
}

/// A point on an assembly's agenda. No decision is taken on a point that is not on the agenda:
/// resolutions are children of agenda items.
public struct AgendaItem: Sendable, Equatable {
    public let id: AgendaItemID
    public let assemblyID: AssemblyID
    public let position: Int
    public let title: String
    public let explanation: String?
    public let decisionType: DecisionType
    public let majority: Majority
    /// Why the majority differs from the catalogue's; required when it does.
    public let majorityReason: String?
    /// Who proposed the point (an owner, the board), when not the syndic.
    public let proposedBy: String?
    /// The budget a `budget_approval` point votes.
    public let budgetID: BudgetID?
    /// The fiscal year whose accounts an `accounts_approval` point approves.
    public let fiscalYear: Int?
    /// The amount of works put to the vote: once adopted, it is called from the owners as an
    /// extraordinary call for funds (a draft the syndic reviews and sends).
    public let worksAmount: Money?
    public let createdAt: Date

    public init(
        id: AgendaItemID, assemblyID: AssemblyID, position: Int, title: String, explanation: String?,
        decisionType: DecisionType, majority: Majority?, majorityReason: String?, proposedBy: String?,
        budgetID: BudgetID?, fiscalYear: Int?, worksAmount: Money? = nil, createdAt: Date
    ) throws {
        self.id = id
        self.assemblyID = assemblyID
        self.position = position
        self.title = try Text.required(title, field: "title", maximum: 300)
        self.explanation = try Text.optional(explanation, field: "explanation", maximum: 10_000)
        self.decisionType = decisionType
        let majority = majority ?? decisionType.suggestedMajority
        let reason = try Text.optional(majorityReason, field: "majorityReason", maximum: 1000)
        if majority != decisionType.suggestedMajority, reason == nil {
            throw DomainError.invalidValue(
                field: "majorityReason",
                reason: "is required when the majority differs from \(decisionType.suggestedMajority.rawValue), "
                    + "the one the law asks for \(decisionType.rawValue)")
        }
        self.majority = majority
        self.majorityReason = reason
        self.proposedBy = try Text.optional(proposedBy, field: "proposedBy")
        if decisionType == .budgetApproval, budgetID == nil {
            throw DomainError.invalidValue(field: "budgetId", reason: "is required to approve a budget")
        }
        self.budgetID = decisionType == .budgetApproval ? budgetID : nil
        if let fiscalYear, !(2000...2200).contains(fiscalYear) {
            throw DomainError.invalidValue(field: "fiscalYear", reason: "must be between 2000 and 2200")
        }
        if decisionType == .accountsApproval, fiscalYear == nil {
            throw DomainError.invalidValue(field: "fiscalYear", reason: "is required to approve the accounts")
        }
        self.fiscalYear = decisionType == .accountsApproval ? fiscalYear : nil
        if let worksAmount {
            guard decisionType.isWorks else {
                throw DomainError.invalidValue(field: "worksAmount", reason: "is for works only")
            }
            guard worksAmount.minorUnits > 0 else {
                throw DomainError.invalidValue(field: "worksAmount", reason: "must be more than 0")
            }
        }
        self.worksAmount = worksAmount
        self.createdAt = createdAt
    }
}

/// The decision put to the vote on an agenda item, and once closed, its result.
public struct Resolution: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case open, closed
    }

    public enum Result: String, Sendable, CaseIterable {
        case adopted, rejected
    }

    public let id: ResolutionID
    public let organizationID: OrganizationID
    public let assemblyID: AssemblyID
    public let agendaItemID: AgendaItemID
    public let text: String
    public let majority: Majority
    /// Voters excluded from this vote for a conflict of interest (art. 3.87 §9).
    public let excluded: Set<OwnerID>
    public private(set) var status: Status
    public private(set) var tally: VoteTally?
    public let createdAt: Date
    public private(set) var closedAt: Date?

    public init(
        id: ResolutionID, organizationID: OrganizationID, assemblyID: AssemblyID, agendaItemID: AgendaItemID,
        text: String, majority: Majority, excluded: Set<OwnerID>, status: Status = .open, tally: VoteTally? = nil,
        createdAt: Date, closedAt: Date? = nil
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.assemblyID = assemblyID
        self.agendaItemID = agendaItemID
        self.text = try Text.required(text, field: "text", maximum: 10_000)
        self.majority = majority
        guard excluded.count <= 1000 else {
            throw DomainError.invalidValue(field: "excludedOwnerIds", reason: "must list at most 1000 owners")
        }
        self.excluded = excluded
        self.status = status
        self.tally = tally
        self.createdAt = createdAt
        self.closedAt = closedAt
    }

    public var result: Result? { tally.map { $0.adopted ? .adopted : .rejected } }

    public mutating func close(with tally: VoteTally, at now: Date) throws {
        guard status == .open else { throw GovernanceError.resolutionClosed }
        self.tally = tally
        status = .closed
        closedAt = now
    }
}
