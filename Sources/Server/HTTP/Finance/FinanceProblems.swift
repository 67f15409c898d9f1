import Application
import Domain

extension LedgerError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .accountExists: Problem(.conflict, code: "account_exists", detail: description, field: "code")
        case .alreadyReversed: Problem(.conflict, code: "already_reversed", detail: description)
        case .yearClosed: Problem(.conflict, code: "fiscal_year_closed", detail: description)
        }
    }
}

extension FundsError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .notSent: Problem(.conflict, code: "call_not_sent", detail: description)
        case .noBankAccount(let field): Problem(.conflict, code: "no_bank_account", detail: description, field: field)
        }
    }
}

extension BudgetError: ProblemConvertible {
    var problem: Problem { Problem(.conflict, code: "budget_already_active", detail: description) }
}
