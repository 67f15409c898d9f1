import Application
import Domain

extension InterventionError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .illegalTransition(let from, let requested, let allowed):
            return Problem(illegal: self, from: from, requested: requested, allowed: allowed)
        case .notEditable(let status):
            var problem = Problem(.conflict, code: "not_editable", detail: description)
            problem.currentState = status.rawValue
            return problem
        case .notClosed(let status):
            var problem = Problem(.conflict, code: "not_closed", detail: description)
            problem.currentState = status.rawValue
            return problem
        case .notATechnician:
            return Problem(
                .unprocessableContent, code: "validation_failed", detail: description, field: "technicien_id")
        }
    }
}

extension MaintenanceError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .codeTaken: Problem(.conflict, code: "code_taken", detail: description, field: "code")
        case .profileExists: Problem(.conflict, code: "profile_exists", detail: description, field: "user_id")
        case .equipementInUse: Problem(.conflict, code: "equipement_in_use", detail: description)
        }
    }
}
