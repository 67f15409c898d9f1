import Application
import Domain

extension GovernanceError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .illegalTransition(let from, let requested, let allowed):
            return Problem(illegal: self, from: from, requested: requested, allowed: allowed)
        case .notEditable(let status), .notOpen(let status), .minutesNotReady(let status):
            let code =
                switch self {
                case .notOpen: "not_open"
                case .minutesNotReady: "not_closed"
                default: "not_editable"
                }
            var problem = Problem(.conflict, code: code, detail: description)
            problem.currentState = status.rawValue
            return problem
        case .noticeTooShort:
            return Problem(.unprocessableContent, code: "notice_too_short", detail: description, field: "date")
        case .tooManyProxies:
            return Problem(
                .unprocessableContent, code: "too_many_proxies", detail: description, field: "holder_owner_id")
        case .syndicCannotHoldProxy:
            return Problem(
                .unprocessableContent, code: "syndic_cannot_hold_proxy", detail: description, field: "holder_owner_id")
        case .notEntitled:
            return Problem(.unprocessableContent, code: "not_entitled", detail: description, field: "owner_id")
        case .noProxy: return Problem(.unprocessableContent, code: "no_proxy", detail: description, field: "attendance")
        case .notPresent:
            return Problem(.unprocessableContent, code: "not_present", detail: description, field: "owner_id")
        case .excludedFromVote:
            return Problem(.unprocessableContent, code: "excluded_from_vote", detail: description, field: "owner_id")
        case .proxyExists:
            return Problem(.conflict, code: "proxy_exists", detail: description, field: "principal_owner_id")
        case .resolutionClosed: return Problem(.conflict, code: "resolution_closed", detail: description)
        case .noMinutesWithoutQuorum: return Problem(.conflict, code: "no_quorum", detail: description)
        case .chairAndSecretaryRequired:
            return Problem(.unprocessableContent, code: "validation_failed", detail: description, field: "signatories")
        case .writtenDecisionConcluded(let status):
            var problem = Problem(.conflict, code: "decision_concluded", detail: description)
            problem.currentState = status.rawValue
            return problem
        case .remoteNotAllowed:
            return Problem(.unprocessableContent, code: "remote_not_allowed", detail: description, field: "attendance")
        case .belowOneFifth:
            return Problem(.unprocessableContent, code: "below_one_fifth", detail: description, field: "owner_ids")
        case .writtenDecisionOpen:
            var problem = Problem(.conflict, code: "not_concluded", detail: description)
            problem.currentState = "open"
            return problem
        case .alreadyAnswered:
            return Problem(.conflict, code: "already_answered", detail: description, field: "owner_id")
        case .budgetNotDraft:
            return Problem(.conflict, code: "budget_not_draft", detail: description, field: "budget_id")
        }
    }
}
