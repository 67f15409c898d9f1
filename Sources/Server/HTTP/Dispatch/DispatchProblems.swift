import Application
import Domain

extension DispatchError: ProblemConvertible {
    var problem: Problem { Problem(dispatch: self) }
}

extension BatchValidationError: ProblemConvertible {
    /// Every problem of the onboarding input, by JSON path.
    var problem: Problem {
        var problem = Problem(.unprocessableContent, code: "validation_failed", detail: description)
        problem.errors = issues.map { Problem.Item(line: nil, field: $0.path, detail: $0.reason) }
        return problem
    }
}

extension PublicBookingError: ProblemConvertible {
    var problem: Problem {
        Problem(.unprocessableContent, code: "captcha_failed", detail: description, field: "captcha_token")
    }
}

extension Problem {
    fileprivate init(dispatch error: DispatchError) {
        switch error {
        case .illegalTransition(let from, let requested, let allowed):
            self.init(illegal: error, from: from, requested: requested, allowed: allowed)
        case .notEditable(let status):
            self.init(.conflict, code: "not_editable", detail: error.description)
            currentState = status.rawValue
        case .demandeClosed(let status):
            self.init(.conflict, code: "demande_closed", detail: error.description)
            currentState = status.rawValue
        case .overlap(let id, let reference):
            self.init(.conflict, code: "taxi_overlap", detail: error.description)
            conflictingCommandeId = id.description
            conflictingReference = reference
        case .taxiOutOfService: self.init(.conflict, code: "taxi_out_of_service", detail: error.description)
        case .taxiWithoutDriver: self.init(.conflict, code: "taxi_without_driver", detail: error.description)
        case .plateTaken: self.init(.conflict, code: "plate_taken", detail: error.description, field: "plaque")
        case .slugTaken: self.init(.conflict, code: "slug_taken", detail: error.description, field: "slug")
        case .taxiHasPlannedRides: self.init(.conflict, code: "taxi_in_use", detail: error.description)
        case .driverHasTaxi:
            self.init(.conflict, code: "driver_has_taxi", detail: error.description, field: "chauffeur_id")
        case .taxiHasDriver:
            self.init(.conflict, code: "taxi_has_driver", detail: error.description, field: "taxi_id")
        case .clientInUse: self.init(.conflict, code: "client_in_use", detail: error.description)
        case .memberHasRides: self.init(.conflict, code: "member_has_rides", detail: error.description)
        case .cannotRemoveSelf: self.init(.conflict, code: "cannot_remove_self", detail: error.description)
        }
    }
}
