import Application
import Domain

extension ConstructionError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .projectRoleDenied: Problem(.forbidden, code: "project_role", detail: description)
        case .notYourTrade: Problem(.forbidden, code: "not_your_trade", detail: description)
        case .validationRequired: Problem(.forbidden, code: "validation_required", detail: description)
        case .dependencyCycle: Problem(.unprocessableContent, code: "dependency_cycle", detail: description)
        case .predecessorsNotDone: Problem(.conflict, code: "predecessors_not_done", detail: description)
        case .archived: Problem(.conflict, code: "project_archived", detail: description)
        case .alreadySigned: Problem(.conflict, code: "already_signed", detail: description)
        case .notSignedOff: Problem(.conflict, code: "not_signed_off", detail: description)
        case .snagsOpen: Problem(.conflict, code: "snags_open", detail: description)
        case .taskNotDeletable: Problem(.conflict, code: "task_not_deletable", detail: description)
        case .alreadyAccepted: Problem(.conflict, code: "already_accepted", detail: description)
        case .acceptanceFinal: Problem(.conflict, code: "acceptance_final", detail: description)
        }
    }
}

extension StaleTask: ProblemConvertible {
    var problem: Problem {
        var problem = Problem(
            .conflict, code: "stale_version",
            detail: "the task changed since you read it: it is at version \(current.version); merge and send again")
        problem.currentTask = ProjectTaskResponse(current)
        return problem
    }
}
