/// The finance module's stores (budget, ledger, calls for funds).
public protocol FinanceStores: Sendable {
    var budgets: any BudgetRepository { get }
    var accounts: any AccountRepository { get }
    var journal: any JournalRepository { get }
    var callsForFunds: any CallForFundsRepository { get }
    var budgetAlerts: any BudgetAlertRepository { get }
    var reserveFund: any ReserveFundRepository { get }
}

/// What finance's use cases see: its own stores, and the co-ownership (buildings, lots, owners,
/// shares) and platform (audit, notifications) stores. Not maintenance's, not dispatch's.
typealias FinanceScope = FinanceStores & CoOwnershipStores & PlatformStores
