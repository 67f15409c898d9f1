public import Foundation

public typealias WorkReportID = Identifier<WorkReport>

/// A contractor's report of works done in a building: what was done, when, for how much, under
/// which invoice, and the warranty that runs from the works' acceptance. The contractor fills it
/// in through a link without an account; the syndic reviews and validates it. A `works` invoice
/// is approved only with a validated report.
public struct WorkReport: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case draft, submitted
        case underReview = "under_review"
        case validated
        case requiresCorrection = "requires_correction"
        case rejected

        static let moves: [Status: Set<Status>] = [
            .draft: [.submitted],
            .submitted: [.underReview],
            .underReview: [.validated, .requiresCorrection, .rejected],
            .requiresCorrection: [.submitted],
        ]

        /// The contractor may still change the report.
        public var isEditable: Bool { self == .draft || self == .requiresCorrection }
    }

    /// The warranty on the works, from their acceptance.
    public enum Warranty: Sendable, Equatable {
        case none
        /// Two years (biennale: the equipment).
        case twoYears
        /// Ten years (décennale: the structure, Civil Code art. 1792).
        case tenYears
        case custom(months: Int)

        public var kind: String {
            switch self {
            case .none: "none"
            case .twoYears: "two_years"
            case .tenYears: "ten_years"
            case .custom: "custom"
            }
        }

        public var months: Int? {
            switch self {
            case .none: nil
            case .twoYears: 24
            case .tenYears: 120
            case .custom(let months): months
            }
        }

        public static let kinds = ["none", "two_years", "ten_years", "custom"]

        /// `months` counts for a custom warranty only; when sent, it is within 1 to 360 whatever the kind.
        public init(kind: String, months: Int?) throws {
            if let months, !(1...360).contains(months) {
                throw DomainError.invalidValue(field: "warranty.months", reason: "must be from 1 to 360")
            }
            switch kind {
            case "none": self = .none
            case "two_years": self = .twoYears
            case "ten_years": self = .tenYears
            case "custom":
                guard let months else {
                    throw DomainError.invalidValue(
                        field: "warranty.months", reason: "is required for a custom warranty")
                }
                self = .custom(months: months)
            default:
                throw DomainError.invalidValue(
                    field: "warranty.kind", reason: "must be one of \(Self.kinds.joined(separator: ", "))")
            }
        }
    }

    /// What the contractor or the syndic fills in.
    public struct Details: Sendable, Equatable {
        public var workKind: String
        public var description: String?
        public var startedOn: CalendarDate?
        public var finishedOn: CalendarDate?
        /// The works' acceptance (réception): the warranty runs from it.
        public var acceptedOn: CalendarDate?
        public var cost: Money?
        public var hoursWorked: Int?
        public var contractorComment: String?

        public init(
            workKind: String, description: String?, startedOn: CalendarDate?, finishedOn: CalendarDate?,
            acceptedOn: CalendarDate?, cost: Money?, hoursWorked: Int?, contractorComment: String?
        ) throws {
            self.workKind = try Text.required(workKind, field: "workKind")
            self.description = try Text.optional(description, field: "description", maximum: 5000)
            if let startedOn, let finishedOn, finishedOn < startedOn {
                throw DomainError.invalidValue(field: "finishedOn", reason: "must not be before started_on")
            }
            if let finishedOn, let acceptedOn, acceptedOn < finishedOn {
                throw DomainError.invalidValue(field: "acceptedOn", reason: "must not be before finished_on")
            }
            self.startedOn = startedOn
            self.finishedOn = finishedOn
            self.acceptedOn = acceptedOn
            if let cost, cost.minorUnits < 0 {
                throw DomainError.invalidValue(field: "cost", reason: "must not be negative")
            }
            self.cost = cost
            if let hoursWorked, !(0...100_000).contains(hoursWorked) {
                throw DomainError.invalidValue(field: "hoursWorked", reason: "must be from 0 to 100000")
            }
            self.hoursWorked = hoursWorked
            self.contractorComment = try Text.optional(contractorComment, field: "contractorComment", maximum: 2000)
        }
    }

    public let id: WorkReportID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let supplierID: SupplierID
    public var invoiceID: PurchaseInvoiceID?
    public var details: Details
    public var warranty: Warranty
    public private(set) var status: Status
    /// The syndic's word on the last review (why a correction is asked, why it is rejected).
    public private(set) var reviewComment: String?
    public private(set) var submittedAt: Date?
    public private(set) var validatedAt: Date?
    /// When the syndic was told the warranty ends within 90 days.
    public private(set) var warrantyAlertedAt: Date?
    public let createdAt: Date

    /// The syndic is told this many days before a warranty ends.
    public static let warrantyAlertDays = 90

    public init(
        id: WorkReportID, organizationID: OrganizationID, buildingID: BuildingID, supplierID: SupplierID,
        invoiceID: PurchaseInvoiceID?, details: Details, warranty: Warranty, status: Status = .draft,
        reviewComment: String? = nil, submittedAt: Date? = nil, validatedAt: Date? = nil,
        warrantyAlertedAt: Date? = nil, createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.supplierID = supplierID
        self.invoiceID = invoiceID
        self.details = details
        self.warranty = warranty
        self.status = status
        self.reviewComment = reviewComment
        self.submittedAt = submittedAt
        self.validatedAt = validatedAt
        self.warrantyAlertedAt = warrantyAlertedAt
        self.createdAt = createdAt
    }

    /// The last day of the warranty: its months after the acceptance, the day before the same
    /// day (a two-year warranty from 15 March 2026 ends on 14 March 2028).
    public var warrantyEndsOn: CalendarDate? {
        guard let months = warranty.months, let acceptedOn = details.acceptedOn else { return nil }
        return acceptedOn.adding(months: months).adding(days: -1)
    }

    public func isUnderWarranty(on day: CalendarDate) -> Bool {
        guard let end = warrantyEndsOn, let start = details.acceptedOn else { return false }
        return start <= day && day <= end
    }

    /// Under warranty and ending within 90 days of `day`.
    public func warrantyEndsSoon(on day: CalendarDate) -> Bool {
        guard let end = warrantyEndsOn, status == .validated else { return false }
        return day <= end && end <= day.adding(days: Self.warrantyAlertDays)
    }

    private mutating func move(to next: Status) throws {
        guard Status.moves[status]?.contains(next) == true else {
            throw DomainError.illegalTransition(entity: "work_report", from: status.rawValue, to: next.rawValue)
        }
        status = next
    }

    /// The contractor (or the syndic) changes what the report says, while it is theirs to change.
    public mutating func edit(_ details: Details, warranty: Warranty? = nil) throws {
        guard status.isEditable else {
            throw DomainError.illegalTransition(entity: "work_report", from: status.rawValue, to: status.rawValue)
        }
        self.details = details
        if let warranty { self.warranty = warranty }
    }

    /// Sent for review: the dates of the works are needed by then.
    public mutating func submit(at now: Date) throws {
        guard details.finishedOn != nil else {
            throw DomainError.invalidValue(field: "finishedOn", reason: "is required to submit the report")
        }
        try move(to: .submitted)
        submittedAt = now
    }

    public mutating func review() throws { try move(to: .underReview) }

    /// Validated: the works' acceptance date is needed, for the warranty.
    public mutating func validate(at now: Date) throws {
        guard details.acceptedOn != nil else {
            throw DomainError.invalidValue(field: "acceptedOn", reason: "is required to validate the report")
        }
        try move(to: .validated)
        validatedAt = now
    }

    public mutating func requestCorrection(_ comment: String) throws {
        let reason = try Text.required(comment, field: "comment", maximum: 2000)
        try move(to: .requiresCorrection)
        reviewComment = reason
    }

    public mutating func reject(_ comment: String) throws {
        let reason = try Text.required(comment, field: "comment", maximum: 2000)
        try move(to: .rejected)
        reviewComment = reason
    }

    public mutating func warrantyAlerted(at now: Date) { warrantyAlertedAt = now }
}

/// The link a contractor fills their report through, without an account: valid 72 hours, kept
/// only as a digest.
public struct ContractorLink: Sendable, Equatable {
    public static let lifetime: TimeInterval = 72 * 3600

    public let reportID: WorkReportID
    public let organizationID: OrganizationID
    public let tokenDigest: String
    public let expiresAt: Date
    public let createdAt: Date

    public init(
        reportID: WorkReportID, organizationID: OrganizationID, tokenDigest: String, expiresAt: Date, createdAt: Date
    ) {
        self.reportID = reportID
        self.organizationID = organizationID
        self.tokenDigest = tokenDigest
        self.expiresAt = expiresAt
        self.createdAt = createdAt
    }

    public func isValid(at now: Date) -> Bool { now < expiresAt }
}
