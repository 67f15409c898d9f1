import Application
import Domain

extension CommunityError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .notAResident: Problem(.forbidden, code: "not_a_resident", detail: description)
        case .ownersOnly: Problem(.forbidden, code: "owners_only", detail: description)
        case .notYours: Problem(.forbidden, code: "not_yours", detail: description)
        case .notEligible: Problem(.forbidden, code: "not_eligible", detail: description)
        case .alreadyVoted: Problem(.conflict, code: "already_voted", detail: description)
        case .pollNotOpen: Problem(.conflict, code: "poll_not_open", detail: description)
        case .noEligibleVoters: Problem(.conflict, code: "no_eligible_voters", detail: description)
        case .ownObject: Problem(.forbidden, code: "own_object", detail: description)
        case .objectUnavailable: Problem(.conflict, code: "object_unavailable", detail: description)
        case .tooManyLoans: Problem(.unprocessableContent, code: "too_many_loans", detail: description)
        case .insufficientCredit: Problem(.unprocessableContent, code: "insufficient_credit", detail: description)
        case .belowTrustLimit: Problem(.unprocessableContent, code: "below_trust_limit", detail: description)
        case .bookingConflict(let bookings):
            {
                var problem = Problem(.conflict, code: "booking_conflict", detail: description)
                problem.conflicts = bookings.map {
                    Problem.Conflict(bookingId: $0.id.description, start: $0.start, end: $0.end)
                }
                return problem
            }()
        }
    }
}
