public import Foundation

public typealias ProjectExpenseID = Identifier<ProjectExpense>

/// One version of a project's budget: an amount per trade. Version 1 is the initial budget; each
/// later version is a revision and says why. The latest version is the budget.
public struct ProjectBudgetVersion: Sendable, Equatable {
    public let projectID: ProjectID
    public let organizationID: OrganizationID
    public let number: Int
    public let reason: String?
    /// Each budgeted trade's amount; a trade left out has no budget.
    public let amounts: [TradeID: Money]
    /// Percentages of a budget whose reaching raises a drift alert, ascending.
    public let alertThresholds: [Int]
    public let createdBy: UserID
    public let createdAt: Date

    public static let defaultThresholds = [80, 100]
    /// At most this many thresholds, each 1 to 1000 %.
    public static let maximumThresholds = 5

    public init(
        projectID: ProjectID, organizationID: OrganizationID, number: Int, reason: String?,
        amounts: [TradeID: Money], alertThresholds: [Int], createdBy: UserID, createdAt: Date
    ) throws {
        guard number >= 1 else { throw DomainError.invalidValue(field: "number", reason: "must be 1 or more") }
        let reason = try Text.optional(reason, field: "reason", maximum: 500)
        guard number == 1 || reason != nil else {
            throw DomainError.invalidValue(field: "reason", reason: "is required for a revision of the budget")
        }
        guard !amounts.isEmpty else {
            throw DomainError.invalidValue(field: "trades", reason: "must budget at least one trade")
        }
        if let negative = amounts.first(where: { $0.value.minorUnits < 0 }) {
            throw DomainError.invalidValue(
                field: "trades", reason: "the amount of trade \(negative.key) must not be negative")
        }
        let thresholds = Array(Set(alertThresholds)).sorted()
        guard !thresholds.isEmpty, thresholds.count <= Self.maximumThresholds,
            thresholds.allSatisfy({ (1...1000).contains($0) })
        else {
            throw DomainError.invalidValue(
                field: "alertThresholds",
                reason: "must hold 1 to \(Self.maximumThresholds) percentages between 1 and 1000")
        }
        self.projectID = projectID
        self.organizationID = organizationID
        self.number = number
        self.reason = reason
        self.amounts = amounts
        self.alertThresholds = thresholds
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    public var total: Money { Money(minorUnits: amounts.values.reduce(0) { $0 + $1.minorUnits }) }
}

/// A cost of a trade: a signed quote or a change order commits money, an invoice spends it.
public struct ProjectExpense: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A signed quote: committed.
        case quote
        /// A change order (avenant) to a signed quote: committed, negative when it takes works out.
        case changeOrder = "change_order"
        /// An invoice: spent.
        case invoice
    }

    public let id: ProjectExpenseID
    public let projectID: ProjectID
    public let organizationID: OrganizationID
    public let tradeID: TradeID
    public let kind: Kind
    public let amount: Money
    public let date: CalendarDate
    public let supplier: String?
    /// The quote's or invoice's number.
    public let reference: String?
    public let description: String?
    /// The scanned quote or invoice, in the documents module.
    public let documentID: UUID?
    public let recordedBy: UserID
    public let recordedAt: Date

    public init(
        id: ProjectExpenseID, projectID: ProjectID, organizationID: OrganizationID, tradeID: TradeID, kind: Kind,
        amount: Money, date: CalendarDate, supplier: String?, reference: String?, description: String?,
        documentID: UUID?, recordedBy: UserID, recordedAt: Date
    ) throws {
        guard kind == .changeOrder || amount.minorUnits > 0 else {
            throw DomainError.invalidValue(field: "amount", reason: "must be more than 0")
        }
        guard amount.minorUnits != 0 else {
            throw DomainError.invalidValue(field: "amount", reason: "must not be 0")
        }
        guard Project.Details.plannable.contains(date.year) else {
            throw DomainError.invalidValue(field: "date", reason: "must be in the years 1900 to 2999")
        }
        self.id = id
        self.projectID = projectID
        self.organizationID = organizationID
        self.tradeID = tradeID
        self.kind = kind
        self.amount = amount
        self.date = date
        self.supplier = try Text.optional(supplier, field: "supplier", maximum: 200)
        self.reference = try Text.optional(reference, field: "reference", maximum: 100)
        self.description = try Text.optional(description, field: "description", maximum: 500)
        self.documentID = documentID
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    public var isCommitment: Bool { kind != .invoice }

    /// A project records at most this many costs (so that no sum of them leaves `Int64`).
    public static let maximumPerProject = 10_000
}

/// A budget against its cost, for one trade or the whole project (whose figures are the sums of
/// its trades').
public struct ProjectCostLine: Sendable, Equatable {
    public let budget: Money
    /// Signed quotes and change orders.
    public let committed: Money
    /// Invoices.
    public let spent: Money
    /// What the works are expected to cost in the end. For a trade: the budget until something
    /// is committed, then what is committed; never less than what is spent.
    public let forecast: Money
    /// Committed or spent, whichever is more (for a trade); drift alerts weigh it against the budget.
    public let cost: Money

    /// One trade's line.
    public init(budget: Money, committed: Money, spent: Money) {
        self.budget = budget
        self.committed = committed
        self.spent = spent
        // A change order alone (no quote signed) commits nothing yet: the budget still stands.
        let expected = committed.minorUnits > 0 ? committed.minorUnits : budget.minorUnits
        forecast = Money(minorUnits: max(expected, spent.minorUnits))
        cost = Money(minorUnits: max(committed.minorUnits, spent.minorUnits))
    }

    private init(budget: Int64, committed: Int64, spent: Int64, forecast: Int64, cost: Int64) {
        self.budget = Money(minorUnits: budget)
        self.committed = Money(minorUnits: committed)
        self.spent = Money(minorUnits: spent)
        self.forecast = Money(minorUnits: forecast)
        self.cost = Money(minorUnits: cost)
    }

    /// What is left of the budget once the invoices are paid.
    public var remaining: Money { Money(minorUnits: budget.minorUnits - spent.minorUnits) }

    /// How far the forecast is above (or below) the budget, in tenths of a percent; nil without a budget.
    public var driftTenths: Int64? {
        guard budget.minorUnits > 0 else { return nil }
        return Self.tenths(forecast.minorUnits - budget.minorUnits, of: budget.minorUnits)
    }

    /// How much of the budget is committed or spent, whichever is more, in tenths of a percent;
    /// nil without a budget. Drift alerts compare it with their thresholds.
    public var consumedTenths: Int64? {
        guard budget.minorUnits > 0 else { return nil }
        return Self.tenths(cost.minorUnits, of: budget.minorUnits)
    }

    /// `part / whole` in tenths of a percent, rounded half away from zero (in floating point:
    /// `part × 1000` could leave `Int64`).
    static func tenths(_ part: Int64, of whole: Int64) -> Int64 {
        Int64((Double(part) * 1000 / Double(whole)).rounded())
    }

    /// The thresholds (percent) this line has reached.
    public func reached(_ thresholds: [Int]) -> [Int] {
        guard let consumed = consumedTenths else { return [] }
        return thresholds.filter { Int64($0) * 10 <= consumed }
    }

    /// Two lines summed: a total.
    static func + (lhs: ProjectCostLine, rhs: ProjectCostLine) -> ProjectCostLine {
        ProjectCostLine(
            budget: lhs.budget.minorUnits + rhs.budget.minorUnits,
            committed: lhs.committed.minorUnits + rhs.committed.minorUnits,
            spent: lhs.spent.minorUnits + rhs.spent.minorUnits,
            forecast: lhs.forecast.minorUnits + rhs.forecast.minorUnits,
            cost: lhs.cost.minorUnits + rhs.cost.minorUnits)
    }

    static let zero = ProjectCostLine(budget: 0, committed: 0, spent: 0, forecast: 0, cost: 0)
}

/// A project's budget against its costs, per trade and in total.
public struct BudgetStatus: Sendable, Equatable {
    /// Every trade that has a budget or a cost, in the order of `trades` given.
    public let trades: [(trade: Trade, line: ProjectCostLine)]
    public let total: ProjectCostLine
    /// The budget version counted (nil before any budget).
    public let version: Int?

    public init(trades: [Trade], budget: ProjectBudgetVersion?, expenses: [ProjectExpense]) {
        var sums: [TradeID: (budget: Int64, committed: Int64, spent: Int64)] = [:]
        for (trade, amount) in budget?.amounts ?? [:] { sums[trade, default: (0, 0, 0)].budget += amount.minorUnits }
        for expense in expenses {
            if expense.isCommitment {
                sums[expense.tradeID, default: (0, 0, 0)].committed += expense.amount.minorUnits
            } else {
                sums[expense.tradeID, default: (0, 0, 0)].spent += expense.amount.minorUnits
            }
        }
        let lines = sums.mapValues {
            ProjectCostLine(
                budget: Money(minorUnits: $0.budget), committed: Money(minorUnits: $0.committed),
                spent: Money(minorUnits: $0.spent))
        }
        self.trades = trades.compactMap { trade in lines[trade.id].map { (trade, $0) } }
        self.total = self.trades.map(\.line).reduce(.zero, +)
        self.version = budget?.number
    }

    public static func == (lhs: BudgetStatus, rhs: BudgetStatus) -> Bool {
        lhs.total == rhs.total && lhs.version == rhs.version
            && lhs.trades.map(\.trade.id) == rhs.trades.map(\.trade.id)
            && lhs.trades.map(\.line) == rhs.trades.map(\.line)
    }

    /// Each threshold reached, per trade (by id) and for the total (nil).
    public func reached(_ thresholds: [Int]) -> [(trade: TradeID?, threshold: Int)] {
        trades.flatMap { entry in entry.line.reached(thresholds).map { (Optional(entry.trade.id), $0) } }
            + total.reached(thresholds).map { (nil, $0) }
    }
}

/// Cumulative planned and actual spending over time, for a chart.
public struct BudgetSeries: Sendable, Equatable {
    public enum Interval: String, Sendable, CaseIterable {
        case week, month

        /// The first day of the period `day` falls in (a Monday, or the 1st).
        public func periodStart(of day: CalendarDate) -> CalendarDate {
            switch self {
            case .week: day.adding(days: 1 - day.isoWeekday)
            case .month: (try? CalendarDate(year: day.year, month: day.month, day: 1)) ?? day
            }
        }

        func next(_ start: CalendarDate) -> CalendarDate {
            switch self {
            case .week: start.adding(days: 7)
            case .month: start.adding(months: 1)
            }
        }
    }

    public struct Point: Sendable, Equatable {
        public let periodStart: CalendarDate
        /// Planned spending up to the end of the period.
        public let planned: Money
        /// Invoices dated up to the end of the period.
        public let actual: Money
    }

    public let interval: Interval
    public let points: [Point]

    /// At most this many periods (a chart of more says nothing more).
    public static let maximumPoints = 1000

    /// Where each trade's budget is planned to be spent: evenly over the days of `spans` (its
    /// tasks' first to last day), else over the project's `fallback` days. Throws when the chart
    /// would have more than `maximumPoints` periods.
    public init(
        interval: Interval, planned amounts: [TradeID: Money], spans: [TradeID: ClosedRange<CalendarDate>],
        fallback: ClosedRange<CalendarDate>, expenses: [ProjectExpense]
    ) throws {
        self.interval = interval
        let plans = amounts.filter { $0.value.minorUnits > 0 }.map { trade, amount in
            (span: spans[trade] ?? fallback, cents: amount.minorUnits)
        }
        let invoices = expenses.filter { $0.kind == .invoice }.sorted { $0.date < $1.date }
        let days = plans.flatMap { [$0.span.lowerBound, $0.span.upperBound] } + invoices.map(\.date)
        guard let first = days.min(), let last = days.max() else {
            points = []
            return
        }
        var starts: [CalendarDate] = []
        var start = interval.periodStart(of: first)
        while start <= last {
            guard starts.count < Self.maximumPoints else {
                throw DomainError.invalidValue(
                    field: "interval",
                    reason: "the chart would have more than \(Self.maximumPoints) \(interval.rawValue)s")
            }
            starts.append(start)
            start = interval.next(start)
        }
        var points: [Point] = []
        var (actual, index): (Int64, Int) = (0, 0)
        for start in starts {
            let end = interval.next(start).adding(days: -1)
            while index < invoices.count, invoices[index].date <= end {
                actual += invoices[index].amount.minorUnits
                index += 1
            }
            let planned = plans.reduce(Int64(0)) { sum, plan in
                sum + Self.planned(plan.cents, over: plan.span, through: end)
            }
            points.append(
                Point(periodStart: start, planned: Money(minorUnits: planned), actual: Money(minorUnits: actual)))
        }
        self.points = points
    }

    /// The part of `cents` spread evenly over `span` that falls on or before `day`.
    static func planned(_ cents: Int64, over span: ClosedRange<CalendarDate>, through day: CalendarDate) -> Int64 {
        let total = Int64(span.lowerBound.days(until: span.upperBound) + 1)
        let elapsed = min(max(Int64(span.lowerBound.days(until: day) + 1), 0), total)
        // In two parts, so that a large amount over a long span does not overflow.
        let (whole, rest) = cents.quotientAndRemainder(dividingBy: total)
        return whole * elapsed + rest * elapsed / total
    }
}
