public import Foundation

public typealias BudgetID = Identifier<Budget>

/// Current expenses (the ordinary budget) or works and non-periodic expenses (the extraordinary one).
public enum ChargeKind: String, Sendable, CaseIterable, Codable {
    case ordinary, extraordinary
}

/// One line of a budget: an account of the chart, its planned amount, and which of the two
/// budgets it belongs to.
public struct BudgetLine: Sendable, Equatable, Codable {
    public let accountCode: String
    public let label: String
    public let amount: Money
    public let kind: ChargeKind

    public init(accountCode: String, label: String, amount: Money, kind: ChargeKind = .ordinary) throws {
        let code = accountCode.trimmingCharacters(in: .whitespaces)
        guard code.count <= 10, code.allSatisfy({ $0.isASCII && $0.isNumber }), code.first == "6" else {
            throw DomainError.invalidValue(
                field: "lines.accountCode", reason: "must be a charge account of the PCMN (class 6, such as 610)")
        }
        guard amount.minorUnits >= 0 else {
            throw DomainError.invalidValue(field: "lines.amount", reason: "must not be negative")
        }
        self.accountCode = code
        self.label = try Text.required(label, field: "lines.label")
        self.amount = amount
        self.kind = kind
    }

    enum CodingKeys: String, CodingKey { case accountCode, label, amountMinorUnits, kind }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            accountCode: container.decode(String.self, forKey: .accountCode),
            label: container.decode(String.self, forKey: .label),
            amount: Money(minorUnits: container.decode(Int64.self, forKey: .amountMinorUnits)),
            kind: container.decodeIfPresent(ChargeKind.self, forKey: .kind) ?? .ordinary)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(accountCode, forKey: .accountCode)
        try container.encode(label, forKey: .label)
        try container.encode(amount.minorUnits, forKey: .amountMinorUnits)
        try container.encode(kind, forKey: .kind)
    }
}

/// The annual budget voted by the general assembly: Draft → Voted → Active → Closed.
public struct Budget: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        case draft, voted, active, closed
    }

    /// The lifecycle as data: each transition, from which state, to which.
    public enum Transition: String, Sendable, CaseIterable {
        case vote, activate, close

        public var from: Status {
            switch self {
            case .vote: .draft
            case .activate: .voted
            case .close: .active
            }
        }

        public var to: Status {
            switch self {
            case .vote: .voted
            case .activate: .active
            case .close: .closed
            }
        }
    }

    public let id: BudgetID
    public let buildingID: BuildingID
    public private(set) var fiscalYear: Int
    public private(set) var ordinary: Money
    public private(set) var extraordinary: Money
    public private(set) var lines: [BudgetLine]
    public private(set) var notes: String?
    public private(set) var status: Status
    public private(set) var generalAssemblyDate: CalendarDate?
    public private(set) var resolutionRef: String?
    public let createdAt: Date

    public init(
        id: BudgetID, buildingID: BuildingID, fiscalYear: Int, ordinary: Money, extraordinary: Money,
        lines: [BudgetLine], notes: String?, status: Status = .draft, generalAssemblyDate: CalendarDate? = nil,
        resolutionRef: String? = nil, createdAt: Date
    ) throws {
        try Self.validate(fiscalYear: fiscalYear, ordinary: ordinary, extraordinary: extraordinary, lines: lines)
        self.id = id
        self.buildingID = buildingID
        self.fiscalYear = fiscalYear
        self.ordinary = ordinary
        self.extraordinary = extraordinary
        self.lines = lines
        self.notes = try Text.optional(notes, field: "notes", maximum: 5000)
        self.status = status
        self.generalAssemblyDate = generalAssemblyDate
        self.resolutionRef = resolutionRef
        self.createdAt = createdAt
    }

    public var total: Money {
        Money(minorUnits: ordinary.minorUnits + extraordinary.minorUnits, currency: ordinary.currency)
    }

    /// A twelfth of the total, to the cent (half up). Twelve monthly calls split the total exactly
    /// with `Allocation`; this is the figure shown to owners.
    public var monthlyProvision: Money {
        Money(minorUnits: (total.minorUnits * 2 + 12) / 24, currency: total.currency)
    }

    /// Only a draft can be edited.
    public mutating func revise(
        fiscalYear: Int?, ordinary: Money?, extraordinary: Money?, lines: [BudgetLine]?, notes: String?
    ) throws {
        guard status == .draft else {
            throw DomainError.illegalTransition(entity: "budget", from: status.rawValue, to: "edited")
        }
        let year = fiscalYear ?? self.fiscalYear
        let ordinary = ordinary ?? self.ordinary
        let extraordinary = extraordinary ?? self.extraordinary
        let lines = lines ?? self.lines
        try Self.validate(fiscalYear: year, ordinary: ordinary, extraordinary: extraordinary, lines: lines)
        self.fiscalYear = year
        self.ordinary = ordinary
        self.extraordinary = extraordinary
        self.lines = lines
        if let notes { self.notes = try Text.optional(notes, field: "notes", maximum: 5000) }
    }

    /// Applies a transition if the budget is in its starting state; otherwise names both states.
    public mutating func apply(
        _ transition: Transition, generalAssemblyDate: CalendarDate? = nil, resolutionRef: String? = nil
    )
        throws
    {
        guard status == transition.from else {
            throw DomainError.illegalTransition(entity: "budget", from: status.rawValue, to: transition.to.rawValue)
        }
        if transition == .vote {
            guard let generalAssemblyDate else {
                throw DomainError.invalidValue(field: "generalAssemblyDate", reason: "is required to vote a budget")
            }
            self.generalAssemblyDate = generalAssemblyDate
            self.resolutionRef = try Text.optional(resolutionRef, field: "resolutionRef", maximum: 100)
        }
        status = transition.to
    }

    /// Deleting is for drafts only: a voted budget is a decision of the assembly.
    public func checkDeletable() throws {
        guard status == .draft else {
            throw DomainError.illegalTransition(entity: "budget", from: status.rawValue, to: "deleted")
        }
    }

    static func validate(fiscalYear: Int, ordinary: Money, extraordinary: Money, lines: [BudgetLine]) throws {
        guard (2000...2100).contains(fiscalYear) else {
            throw DomainError.invalidValue(field: "fiscalYear", reason: "must be between 2000 and 2100")
        }
        guard ordinary.minorUnits >= 0 else {
            throw DomainError.invalidValue(field: "ordinaryAmount", reason: "must not be negative")
        }
        guard extraordinary.minorUnits >= 0 else {
            throw DomainError.invalidValue(field: "extraordinaryAmount", reason: "must not be negative")
        }
        let total = ordinary.minorUnits + extraordinary.minorUnits
        guard total > 0 else {
            throw DomainError.invalidValue(field: "ordinaryAmount", reason: "the budget's total must be more than 0")
        }
        guard !lines.isEmpty else { return }
        var seen = Set<String>()
        for line in lines where !seen.insert(line.accountCode).inserted {
            throw DomainError.invalidValue(field: "lines", reason: "account \(line.accountCode) appears on two lines")
        }
        for (kind, planned) in [(ChargeKind.ordinary, ordinary), (.extraordinary, extraordinary)] {
            let sum = lines.filter { $0.kind == kind }.reduce(0) { $0 + $1.amount.minorUnits }
            guard sum == planned.minorUnits else {
                throw DomainError.invalidValue(
                    field: "lines",
                    reason:
                        "the \(kind.rawValue) lines sum to \(Money(minorUnits: sum).decimalString), not the \(kind.rawValue) amount \(planned.decimalString)"
                )
            }
        }
    }
}
