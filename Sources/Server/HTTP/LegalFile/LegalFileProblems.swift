import Application
import Domain

extension LegalFileError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .sectionsMissing(let sections):
            var problem = Problem(.unprocessableContent, code: "sections_missing", detail: description)
            problem.errors = sections.map {
                Problem.Item(line: nil, field: $0, detail: "must be filled (an empty list says there is none)")
            }
            return problem
        case .expired: return Problem(.conflict, code: "expired", detail: description)
        case .noSeller: return Problem(.conflict, code: "no_seller", detail: description)
        case .inspectionAlreadyOpen:
            return Problem(.conflict, code: "inspection_already_open", detail: description)
        case .workReportRequired: return Problem(.conflict, code: "work_report_required", detail: description)
        case .linkExpired: return Problem(.gone, code: "link_expired", detail: description)
        }
    }
}
