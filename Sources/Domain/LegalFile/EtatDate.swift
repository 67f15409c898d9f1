public import Foundation

public typealias EtatDateID = Identifier<EtatDate>

/// A request for the état daté of a lot being sold (Civil Code art. 3.94): the information the
/// buyer must have before the compromis (§1, 15 days), or the notary's registered request before
/// the deed (§2, 30 days). Its content is computed from the books; the syndic adds by hand only
/// what the books cannot know (disputes, costs the syndic decided, urgent works, acquisitions).
public struct EtatDate: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// §1: on simple request, before the compromis.
        case information
        /// §2: the notary's registered request, before the deed.
        case notary

        /// The days the syndic has from receipt of the request.
        public var days: Int { self == .information ? 15 : 30 }
    }

    public enum Status: String, Sendable, CaseIterable {
        case requested
        case inProgress = "in_progress"
        case generated, delivered

        /// The legal moves, as data; generating again makes a new version to deliver again.
        static let moves: [Status: Set<Status>] = [
            .requested: [.inProgress],
            .inProgress: [.generated],
            .generated: [.generated, .delivered],
            .delivered: [.generated],
        ]

        public var isOpen: Bool { self == .requested || self == .inProgress }
    }

    /// Who asked: a notary (with their office) or the seller.
    public struct Requester: Sendable, Equatable {
        public enum Role: String, Sendable, CaseIterable { case notary, seller }

        public let role: Role
        public let name: String
        public let office: String?
        public let email: Email?

        public init(role: Role, name: String, office: String?, email: Email?) throws {
            self.role = role
            self.name = try Text.required(name, field: "requester.name")
            self.office = try office.map { try Text.required($0, field: "requester.office") }
            self.email = email
        }
    }

    /// One line of a section the syndic fills by hand.
    public struct Item: Sendable, Equatable {
        public let description: String
        public let amount: Money?

        public init(description: String, amount: Money?, field: String) throws {
            self.description = try Text.required(description, field: "\(field).description", maximum: 500)
            if let amount, amount.minorUnits < 0 {
                throw DomainError.invalidValue(field: "\(field).amount", reason: "must not be negative")
            }
            self.amount = amount
        }
    }

    /// The sections the books cannot fill. Nil: not filled yet; empty: there is none.
    public struct ManualSections: Sendable, Equatable {
        public enum Section: String, Sendable, CaseIterable {
            /// §1 4°: pending court cases about the co-ownership and the amounts at stake.
            case disputes
            /// §2 1°: costs the syndic decided before the date, called after it.
            case syndicCosts = "syndic_costs"
            /// §2 2°: urgent works called after the date.
            case urgentWorks = "urgent_works"
            /// §2 3°: acquisitions of common parts decided before the date, called after it.
            case acquisitions
            /// §2 4°: the association's debts from disputes that arose before the date.
            case disputeDebts = "dispute_debts"

            /// The sections the request's kind needs.
            public static func required(for kind: Kind) -> [Section] {
                kind == .information ? [.disputes] : allCases
            }
        }

        public var items: [Section: [Item]]

        /// The most lines a section takes.
        public static let maximumItems = 100

        public init(_ items: [Section: [Item]] = [:]) { self.items = items }

        public func missing(for kind: Kind) -> [Section] { Section.required(for: kind).filter { items[$0] == nil } }
    }

    public let id: EtatDateID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let lotID: LotID
    /// `ED-2026-000012`: gapless per organization and year of receipt.
    public let reference: String
    public let kind: Kind
    public let requester: Requester
    /// The date the figures are given at (the date certaine of the transfer).
    public let referenceDate: CalendarDate
    public let receivedOn: CalendarDate
    /// The last day to answer, counted as the Civil Code does (art. 1.7).
    public let dueOn: CalendarDate
    public private(set) var status: Status
    public var manual: ManualSections
    /// The PDF, a document of the lot; each generation is a new version.
    public private(set) var documentID: DocumentID?
    /// The entry that charged the fee to the seller's account (once).
    public private(set) var feeEntryID: JournalEntryID?
    public private(set) var generatedAt: Date?
    public private(set) var deliveredAt: Date?
    /// When the syndic was told the due date is near.
    public private(set) var remindedAt: Date?
    public let createdAt: Date

    /// A request is worth nothing 90 days after its reference date.
    public static let validityDays = 90

    public init(
        id: EtatDateID, organizationID: OrganizationID, buildingID: BuildingID, lotID: LotID, reference: String,
        kind: Kind, requester: Requester, referenceDate: CalendarDate, receivedOn: CalendarDate,
        dueOn: CalendarDate? = nil, status: Status = .requested, manual: ManualSections = ManualSections(),
        documentID: DocumentID? = nil, feeEntryID: JournalEntryID? = nil, generatedAt: Date? = nil,
        deliveredAt: Date? = nil, remindedAt: Date? = nil, createdAt: Date, calendar: LegalCalendar = .belgium
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.lotID = lotID
        self.reference = reference
        self.kind = kind
        self.requester = requester
        self.referenceDate = referenceDate
        self.receivedOn = receivedOn
        self.dueOn = dueOn ?? calendar.periodEnd(from: receivedOn, days: kind.days)
        self.status = status
        self.manual = manual
        self.documentID = documentID
        self.feeEntryID = feeEntryID
        self.generatedAt = generatedAt
        self.deliveredAt = deliveredAt
        self.remindedAt = remindedAt
        self.createdAt = createdAt
    }

    /// `ED-2026-000012`.
    public static func reference(year: Int, number: Int) -> String {
        let digits = String(number)
        return "ED-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    public func isExpired(on day: CalendarDate) -> Bool {
        day > referenceDate.adding(days: Self.validityDays)
    }

    /// Not answered and past its due date.
    public func isOverdue(on day: CalendarDate) -> Bool { status.isOpen && day > dueOn }

    private mutating func move(to next: Status) throws {
        guard Status.moves[status]?.contains(next) == true else {
            throw DomainError.illegalTransition(entity: "etat_date", from: status.rawValue, to: next.rawValue)
        }
        status = next
    }

    public mutating func start() throws { try move(to: .inProgress) }

    /// Refused while a section the kind needs is missing, or once the request has expired.
    public mutating func generate(on day: CalendarDate, at now: Date) throws {
        guard Status.moves[status]?.contains(.generated) == true else {
            throw DomainError.illegalTransition(
                entity: "etat_date", from: status.rawValue, to: Status.generated.rawValue)
        }
        let missing = manual.missing(for: kind)
        guard missing.isEmpty else { throw LegalFileError.sectionsMissing(missing.map(\.rawValue)) }
        guard !isExpired(on: day) else { throw LegalFileError.expired(referenceDate) }
        try move(to: .generated)
        generatedAt = now
    }

    /// What a generation made: the PDF and, the first time, the fee's entry.
    public mutating func record(document: DocumentID, feeEntry: JournalEntryID?) {
        documentID = document
        feeEntryID = feeEntry ?? feeEntryID
    }

    public mutating func deliver(at now: Date) throws {
        try move(to: .delivered)
        deliveredAt = now
    }

    public mutating func remind(at now: Date) { remindedAt = now }
}

public enum LegalFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Sections the syndic must fill before generating (422).
    case sectionsMissing([String])
    /// 90 days after its reference date, a request is worth nothing (409).
    case expired(CalendarDate)
    /// The lot has no owner on the reference date: there is no seller (409).
    case noSeller
    /// A regulated plan has one open inspection at a time (409).
    case inspectionAlreadyOpen(String)
    /// A works invoice is approved only with a validated work report linked to it (409).
    case workReportRequired
    /// The contractor's link has expired (410): the syndic sends a new one.
    case linkExpired

    public var description: String {
        switch self {
        case .sectionsMissing(let sections):
            "fill these sections before generating: \(sections.joined(separator: ", ")) (an empty list says there is none)"
        case .expired(let date):
            "the request expired \(EtatDate.validityDays) days after its reference date \(date): ask for a new one"
        case .noSeller: "the lot has no owner on the reference date"
        case .inspectionAlreadyOpen(let type):
            "this equipment already has an open \(type) inspection: complete, fail or cancel it first"
        case .workReportRequired:
            "a works invoice is approved only with a validated work report linked to it"
        case .linkExpired: "this link has expired (72 hours): ask the syndic for a new one"
        }
    }
}
