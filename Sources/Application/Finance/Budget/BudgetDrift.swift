public import Domain
import Foundation

public protocol BudgetAlertRepository: Sendable {
    /// The building's thresholds; nil when it keeps the standard ones.
    func thresholds(of building: BuildingID) async throws -> AlertThresholds?
    func setThresholds(_ thresholds: AlertThresholds, of building: BuildingID) async throws
    /// The thresholds already raised for a budget.
    func raised(for budget: BudgetID) async throws -> Set<Int>
    /// Stores the alert unless one exists for its budget and threshold (a concurrent posting may
    /// have raised it first): returns whether it was stored.
    func insertOnce(_ alert: BudgetAlert) async throws -> Bool
    /// Newest first.
    func list(of building: BuildingID, page: PageRequest) async throws -> Page<BudgetAlert>
}

/// Watches the consumption of each year's active budget: after a charge is posted (and when a
/// budget becomes active), raises one alert per threshold newly crossed, in the same transaction.
struct BudgetDrift: Sendable {
    let clock: any WallClock
    let ids: any IDGenerator

    /// The year's charges from the ledger, per class-6 account.
    static func charges(of building: BuildingID, fiscalYear: Int, _ repos: any UsesJournal) async throws
        -> [String: Money]
    {
        Dictionary(
            uniqueKeysWithValues: try await repos.journal.charges(of: building, fiscalYear: fiscalYear).map {
                ($0.accountCode, $0.balance)
            })
    }

    /// The active budget a posting can move: only postings that touch a charge account can.
    /// Whether a budget would watch the entry if one is active: it touches a charge account.
    func mayWatch(_ entry: JournalEntry) -> Bool {
        entry.lines.contains(where: { $0.accountCode.hasPrefix("6") })
    }

    func budgetWatching(_ entry: JournalEntry, _ repos: any UsesBudgets) async throws -> Budget? {
        guard mayWatch(entry) else { return nil }
        return try await repos.budgets.active(in: entry.buildingID, fiscalYear: entry.fiscalYear)
    }

    func check(after entry: JournalEntry, _ repos: any UsesBudgetAlerts & UsesBudgets & UsesJournal) async throws {
        if let budget = try await budgetWatching(entry, repos) { try await check(budget, repos) }
    }

    @discardableResult
    func check(_ budget: Budget, _ repos: any UsesBudgetAlerts & UsesJournal) async throws -> [BudgetAlert] {
        let charges = try await Self.charges(of: budget.buildingID, fiscalYear: budget.fiscalYear, repos)
        let actual = Money(minorUnits: charges.values.reduce(0) { $0 + $1.minorUnits })
        guard let consumed = Percentage.ratio(actual.minorUnits, of: budget.total.minorUnits) else { return [] }
        let thresholds = try await repos.budgetAlerts.thresholds(of: budget.buildingID) ?? .standard
        let crossed = thresholds.newlyCrossed(
            actual: actual, of: budget.total, alreadyRaised: try await repos.budgetAlerts.raised(for: budget.id))
        var raised: [BudgetAlert] = []
        for percent in crossed {
            let alert = BudgetAlert(
                id: BudgetAlertID(ids.make()), buildingID: budget.buildingID, budgetID: budget.id,
                fiscalYear: budget.fiscalYear, thresholdPercent: percent, consumed: consumed,
                budgeted: budget.total, actual: actual, raisedAt: clock.now())
            if try await repos.budgetAlerts.insertOnce(alert) { raised.append(alert) }
        }
        return raised
    }
}
