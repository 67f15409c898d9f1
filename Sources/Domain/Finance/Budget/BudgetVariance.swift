public import Foundation

/// A percentage held in hundredths (12.5 % is 1250), computed from integers, never from floats.
public struct Percentage: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let hundredths: Int64

    public init(hundredths: Int64) { self.hundredths = hundredths }

    /// `part / whole × 100`, rounded half away from zero to the hundredth; nil when `whole` is 0.
    public static func ratio(_ part: Int64, of whole: Int64) -> Percentage? {
        guard whole != 0 else { return nil }
        let scaled = part * 10_000
        let quotient = scaled / whole
        let remainder = scaled % whole
        let roundsAway = 2 * Swift.abs(remainder) >= Swift.abs(whole)
        let sign: Int64 = (scaled < 0) != (whole < 0) ? -1 : 1
        return Percentage(hundredths: quotient + (roundsAway ? sign : 0))
    }

    public var description: String {
        let magnitude = Swift.abs(hundredths)
        let fraction = magnitude % 100
        return "\(hundredths < 0 ? "-" : "")\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public static func < (lhs: Percentage, rhs: Percentage) -> Bool { lhs.hundredths < rhs.hundredths }
}

/// Budgeted against actual for one fiscal year: the actual charges are the ledger's posted class-6
/// amounts of the year (debits less credits, the closing entry left out). Each charge account is
/// matched to the budget line whose account code is its longest prefix (a line on 61 covers 610
/// and 611); the extraordinary actual is what the extraordinary lines cover, and every other
/// charge, budgeted or not, is ordinary.
public struct BudgetVariance: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let accountCode: String?
        public let label: String
        public let kind: ChargeKind?
        public let budgeted: Money
        public let actual: Money

        public var variance: Money { Money(minorUnits: actual.minorUnits - budgeted.minorUnits) }
        /// (actual − budgeted) / budgeted × 100; nil for a row with nothing budgeted.
        public var variancePercent: Percentage? {
            Percentage.ratio(actual.minorUnits - budgeted.minorUnits, of: budgeted.minorUnits)
        }
    }

    public let budgetID: BudgetID
    public let status: Budget.Status
    public let fiscalYear: Int
    public let lines: [Row]
    /// Charge accounts that no budget line covers, one row per account.
    public let unbudgeted: [Row]
    public let ordinary: Row
    public let extraordinary: Row
    public let total: Row
    /// Months of the fiscal year begun on the day of the analysis (0 before it starts, 12 after).
    public let monthsElapsed: Int
    /// The actual total extrapolated to twelve months, to the cent (half up).
    public let projectedTotal: Money

    /// Share of the whole budget already spent.
    public var consumed: Percentage? { Percentage.ratio(total.actual.minorUnits, of: total.budgeted.minorUnits) }

    /// `charges`: net amount (debit − credit) per class-6 account code for the budget's year.
    public init(budget: Budget, charges: [String: Money], on today: CalendarDate) {
        var actualByLine = [String: Int64]()
        var unmatched = [String: Int64]()
        let codes = budget.lines.map(\.accountCode)
        for (account, amount) in charges {
            let line = codes.filter { account.hasPrefix($0) }.max { $0.count < $1.count }
            if let line {
                actualByLine[line, default: 0] += amount.minorUnits
            } else {
                unmatched[account, default: 0] += amount.minorUnits
            }
        }
        budgetID = budget.id
        status = budget.status
        fiscalYear = budget.fiscalYear
        lines = budget.lines.map { line in
            Row(
                accountCode: line.accountCode, label: line.label, kind: line.kind, budgeted: line.amount,
                actual: Money(minorUnits: actualByLine[line.accountCode] ?? 0))
        }
        unbudgeted = unmatched.keys.sorted().map { code in
            Row(
                accountCode: code, label: "Hors budget", kind: .ordinary, budgeted: Money(minorUnits: 0),
                actual: Money(minorUnits: unmatched[code] ?? 0))
        }
        let extraordinaryActual = lines.filter { $0.kind == .extraordinary }.reduce(0) { $0 + $1.actual.minorUnits }
        let totalActual = charges.values.reduce(0) { $0 + $1.minorUnits }
        ordinary = Row(
            accountCode: nil, label: "Ordinaire", kind: .ordinary, budgeted: budget.ordinary,
            actual: Money(minorUnits: totalActual - extraordinaryActual))
        extraordinary = Row(
            accountCode: nil, label: "Extraordinaire", kind: .extraordinary, budgeted: budget.extraordinary,
            actual: Money(minorUnits: extraordinaryActual))
        total = Row(
            accountCode: nil, label: "Total", kind: nil, budgeted: budget.total, actual: Money(minorUnits: totalActual))
        monthsElapsed =
            today.year < budget.fiscalYear ? 0 : today.year > budget.fiscalYear ? 12 : today.month
        projectedTotal =
            monthsElapsed == 0
            ? total.actual
            : Money(minorUnits: Self.divideRounded(totalActual * 12, by: Int64(monthsElapsed)))
    }

    static func divideRounded(_ value: Int64, by divisor: Int64) -> Int64 {
        let quotient = value / divisor
        let remainder = value % divisor
        guard 2 * Swift.abs(remainder) >= divisor else { return quotient }
        return quotient + (value < 0 ? -1 : 1)
    }
}

public typealias BudgetAlertID = Identifier<BudgetAlert>

/// The thresholds of budget consumption (in percent of the active budget's total) at which a
/// building raises a drift alert. Default: 80 % and 100 %.
public struct AlertThresholds: Sendable, Equatable {
    public static let standard = AlertThresholds(validated: [80, 100])

    public let percents: [Int]

    public init(_ percents: [Int]) throws {
        guard !percents.isEmpty, percents.count <= 10 else {
            throw DomainError.invalidValue(field: "thresholds", reason: "must hold between 1 and 10 percentages")
        }
        guard percents.allSatisfy({ (1...1000).contains($0) }) else {
            throw DomainError.invalidValue(
                field: "thresholds", reason: "each must be a whole percentage from 1 to 1000")
        }
        guard Set(percents).count == percents.count else {
            throw DomainError.invalidValue(field: "thresholds", reason: "must not repeat a percentage")
        }
        self.percents = percents.sorted()
    }

    private init(validated: [Int]) { percents = validated }

    /// The thresholds that `actual` has reached (exactly: never by a rounded percentage) and that
    /// have not been raised yet, lowest first.
    public func newlyCrossed(actual: Money, of budgeted: Money, alreadyRaised: Set<Int>) -> [Int] {
        percents.filter {
            actual.minorUnits * 100 >= Int64($0) * budgeted.minorUnits && !alreadyRaised.contains($0)
        }
    }
}

/// A drift alert: the active budget of a year has been consumed past one of the building's
/// thresholds. Raised once per budget and threshold.
public struct BudgetAlert: Sendable, Equatable {
    public let id: BudgetAlertID
    public let buildingID: BuildingID
    public let budgetID: BudgetID
    public let fiscalYear: Int
    public let thresholdPercent: Int
    public let consumed: Percentage
    public let budgeted: Money
    public let actual: Money
    public let raisedAt: Date

    public init(
        id: BudgetAlertID, buildingID: BuildingID, budgetID: BudgetID, fiscalYear: Int, thresholdPercent: Int,
        consumed: Percentage, budgeted: Money, actual: Money, raisedAt: Date
    ) {
        self.id = id
        self.buildingID = buildingID
        self.budgetID = budgetID
        self.fiscalYear = fiscalYear
        self.thresholdPercent = thresholdPercent
        self.consumed = consumed
        self.budgeted = budgeted
        self.actual = actual
        self.raisedAt = raisedAt
    }
}
