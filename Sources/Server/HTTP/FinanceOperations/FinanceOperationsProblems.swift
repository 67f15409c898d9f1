import Application
import Domain

extension FinanceOperationsError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .notEditable(let status):
            var problem = Problem(.conflict, code: "not_editable", detail: description)
            problem.currentState = status.rawValue
            return problem
        case .alreadyApproved: return Problem(.conflict, code: "already_approved", detail: description)
        case .boardApprovalNotRequired:
            return Problem(.conflict, code: "board_approval_not_required", detail: description)
        case .notOnBoard: return Problem(.forbidden, code: "not_on_board", detail: description)
        case .notBooked(let status):
            var problem = Problem(.conflict, code: "not_booked", detail: description)
            problem.currentState = status.rawValue
            return problem
        case .nothingOverdue: return Problem(.conflict, code: "nothing_overdue", detail: description)
        case .thresholdNotReached:
            return Problem(.conflict, code: "threshold_not_reached", detail: description)
        case .notByPost(let level):
            var problem = Problem(.conflict, code: "not_by_post", detail: description)
            problem.currentState = level.rawValue
            return problem
        case .reminderExists(let level):
            var problem = Problem(.conflict, code: "reminder_exists", detail: description)
            problem.currentState = level.rawValue
            return problem
        }
    }
}

extension SupplierExists: ProblemConvertible {
    var problem: Problem {
        Problem(
            .conflict, code: "supplier_exists", detail: "a supplier with the VAT number \(vatNumber) already exists",
            field: "vat_number")
    }
}

extension ChargeAccountTaken: ProblemConvertible {
    var problem: Problem {
        Problem(
            .conflict, code: "account_taken",
            detail: "another charge key of this building already spreads account \(accountCode)", field: "accounts")
    }
}

extension StatementsClosed: ProblemConvertible {
    var problem: Problem {
        Problem(
            .conflict, code: "statements_closed", detail: "the charge statements of \(fiscalYear) are closed already")
    }
}

extension BankStatementError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .malformed(let line, let reason):
            var problem = Problem(.unprocessableContent, code: "malformed_statement", detail: description)
            problem.errors = [Problem.Item(line: line, field: nil, detail: reason)]
            return problem
        case .unknownFormat: return Problem(.unprocessableContent, code: "unknown_format", detail: description)
        }
    }
}
