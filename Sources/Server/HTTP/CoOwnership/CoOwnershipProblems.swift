import Application
import Domain

extension CoOwnershipError: ProblemConvertible {
    var problem: Problem {
        let code: String
        var field: String?
        switch self {
        case .tantiemesExceeded:
            code = "tantiemes_exceeded"
            field = "tantiemes"
        case .sharesExceeded:
            code = "shares_exceeded"
            field = "share"
        case .lotNumberTaken:
            code = "lot_number_taken"
            field = "number"
        case .notReadyForBilling: code = "not_ready_for_billing"
        case .ownerHasNoShare:
            code = "owner_has_no_share"
            field = "from_owner_id"
        }
        return Problem(.conflict, code: code, detail: description, field: field)
    }
}

extension ImportError: ProblemConvertible {
    /// Every bad line of the file, each on its own.
    var problem: Problem {
        var problem = Problem(.unprocessableContent, code: "import_failed", detail: description)
        problem.errors = issues.map { Problem.Item(line: $0.line, field: $0.field, detail: $0.reason) }
        return problem
    }
}
