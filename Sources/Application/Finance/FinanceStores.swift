/// The finance module's stores (budget, ledger, calls for funds).
public protocol FinanceStores:
    UsesBudgets,
    UsesAccounts,
    UsesJournal,
    UsesCallsForFunds,
    UsesBudgetAlerts,
    UsesReserveFund
{}

/// A use case that reads or writes `budgets`.
public protocol UsesBudgets: Sendable { var budgets: any BudgetRepository { get } }

/// A use case that reads or writes `accounts`.
public protocol UsesAccounts: Sendable { var accounts: any AccountRepository { get } }

/// A use case that reads or writes `journal`.
public protocol UsesJournal: Sendable { var journal: any JournalRepository { get } }

/// A use case that reads or writes `callsForFunds`.
public protocol UsesCallsForFunds: Sendable { var callsForFunds: any CallForFundsRepository { get } }

/// A use case that reads or writes `budgetAlerts`.
public protocol UsesBudgetAlerts: Sendable { var budgetAlerts: any BudgetAlertRepository { get } }

/// A use case that reads or writes `reserveFund`.
public protocol UsesReserveFund: Sendable { var reserveFund: any ReserveFundRepository { get } }
