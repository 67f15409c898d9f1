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

extension BudgetError: ProblemConvertible {
    var problem: Problem { Problem(.conflict, code: "budget_already_active", detail: description) }
}
