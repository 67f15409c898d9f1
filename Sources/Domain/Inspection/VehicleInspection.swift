public import Foundation

public typealias VehicleInspectionID = Identifier<VehicleInspection>
public typealias ChecklistID = Identifier<Checklist>

/// How bad a defect is (the EU roadworthiness directive 2014/45's levels).
public enum DefectSeverity: String, Sendable, CaseIterable, Comparable {
    case minor, major, dangerous

    public static func < (lhs: DefectSeverity, rhs: DefectSeverity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One point the inspector checks, in its chapter (identification, brakes, steering…).
public struct ControlPoint: Sendable, Equatable {
    public let code: String
    public let chapter: String
    public let label: String

    public init(code: String, chapter: String, label: String) throws {
        self.code = try Text.required(code, field: "points.code", minimum: 1, maximum: 20)
        self.chapter = try Text.required(chapter, field: "points.chapter", minimum: 1, maximum: 100)
        self.label = try Text.required(label, field: "points.label", minimum: 1, maximum: 300)
    }
}

/// The points of a service for a category, in a version: an inspection keeps the version it used.
public struct Checklist: Sendable, Equatable {
    public let id: ChecklistID
    public let offerID: InspectionOfferID
    public let category: VehicleCategory
    public let version: Int
    public let points: [ControlPoint]

    public init(
        id: ChecklistID, offerID: InspectionOfferID, category: VehicleCategory, version: Int, points: [ControlPoint]
    ) throws {
        guard (1...500).contains(points.count) else {
            throw DomainError.invalidValue(field: "points", reason: "a checklist has 1 to 500 points")
        }
        guard Set(points.map(\.code)).count == points.count else {
            throw DomainError.invalidValue(field: "points", reason: "each point's code appears once")
        }
        self.id = id
        self.offerID = offerID
        self.category = category
        self.version = version
        self.points = points
    }

    /// The point with this code, if the checklist has it (codes are unique in a checklist).
    public func point(_ code: String) -> ControlPoint? { points.first { $0.code == code } }
}

/// What the inspector found at one point: nothing, or a defect with its severity, perhaps a
/// measured value (brake efficiency %, CO, opacity) and a photo.
public enum PointOutcome: Sendable, Equatable {
    case ok
    case defect(Defect)

    public struct Defect: Sendable, Equatable {
        public let severity: DefectSeverity
        public let measured: Double?
        public let note: String?
        public let photo: DocumentID?

        public init(severity: DefectSeverity, measured: Double? = nil, note: String? = nil, photo: DocumentID? = nil)
            throws
        {
            if let measured, !measured.isFinite || abs(measured) > 1_000_000 {
                throw DomainError.invalidValue(field: "measured", reason: "must be a number up to 1,000,000")
            }
            self.severity = severity
            self.measured = measured
            self.note = try Text.optional(note, field: "note", maximum: 1000)
            self.photo = photo
        }
    }

    public var severity: DefectSeverity? {
        if case .defect(let defect) = self { return defect.severity }
        return nil
    }
}

/// The verdict of an inspection.
public enum InspectionResult: String, Sendable, CaseIterable {
    /// No defect.
    case favorable
    /// Minor defects only.
    case favorableWithRemarks = "favorable_with_remarks"
    /// A major defect: back for a re-inspection, of the failed points only, within the deadline.
    case unfavorable
    /// A dangerous defect: the vehicle may only be driven to a garage.
    case prohibited

    /// The worst defect decides.
    public static func of(_ outcomes: some Sequence<PointOutcome>) -> InspectionResult {
        switch outcomes.compactMap(\.severity).max() {
        case nil: .favorable
        case .minor: .favorableWithRemarks
        case .major: .unfavorable
        case .dangerous: .prohibited
        }
    }

    /// The vehicle may be driven until its next due date.
    public var passed: Bool { self == .favorable || self == .favorableWithRemarks }
}

/// The centre's settings for verdicts: how long a failed vehicle has to come back.
public struct InspectionRules: Sendable, Equatable {
    public let reinspectionDays: Int

    public init(reinspectionDays: Int = 15) throws {
        guard (1...90).contains(reinspectionDays) else {
            throw DomainError.invalidValue(field: "reinspectionDays", reason: "must be between 1 and 90")
        }
        self.reinspectionDays = reinspectionDays
    }

    private init(validated days: Int) { reinspectionDays = days }

    /// Back within 15 days.
    public static let standard = InspectionRules(validated: 15)
}

/// One inspection of a vehicle on a lane: the points it checks (all of its checklist, or only
/// those failed last time for a re-inspection), what was found at each, and the verdict, locked
/// once completed. A correction is a new inspection that names the one it corrects.
public struct VehicleInspection: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case inProgress = "in_progress"
        case completed
    }

    public let id: VehicleInspectionID
    public let organizationID: OrganizationID
    public let centreID: CentreID
    public let vehicleID: VehicleID
    /// The booking it was done for (none for a correction made afterwards).
    public let appointmentID: AppointmentID?
    public let inspectorID: UserID
    public let checklistID: ChecklistID
    public let checklistVersion: Int
    /// The codes checked, in the checklist's order.
    public let pointCodes: [String]
    public private(set) var outcomes: [String: PointOutcome]
    public let mileage: Int?
    /// The failed inspection this one checks again.
    public let reinspectionOf: VehicleInspectionID?
    /// The completed inspection this one corrects.
    public let corrects: VehicleInspectionID?
    public private(set) var status: Status
    public private(set) var result: InspectionResult?
    public private(set) var completedOn: CalendarDate?
    /// When the vehicle must next be inspected, set by a passing verdict.
    public private(set) var nextDue: CalendarDate?
    /// The certificate's unguessable verification code, given on completion.
    public private(set) var certificateCode: String?
    public let startedAt: Date

    /// A first inspection: every point of the checklist.
    public init(
        id: VehicleInspectionID, organizationID: OrganizationID, centreID: CentreID, vehicleID: VehicleID,
        appointmentID: AppointmentID? = nil, inspectorID: UserID, checklist: Checklist, mileage: Int?,
        corrects: VehicleInspectionID? = nil, startedAt: Date
    ) throws {
        try self.init(
            id: id, organizationID: organizationID, centreID: centreID, vehicleID: vehicleID,
            appointmentID: appointmentID, inspectorID: inspectorID, checklist: checklist,
            pointCodes: checklist.points.map(\.code), mileage: mileage, reinspectionOf: nil, corrects: corrects,
            startedAt: startedAt)
    }

    /// As stored.
    public init(
        id: VehicleInspectionID, organizationID: OrganizationID, centreID: CentreID, vehicleID: VehicleID,
        appointmentID: AppointmentID?, inspectorID: UserID, checklistID: ChecklistID, checklistVersion: Int,
        pointCodes: [String], outcomes: [String: PointOutcome], mileage: Int?, reinspectionOf: VehicleInspectionID?,
        corrects: VehicleInspectionID?, status: Status, result: InspectionResult?, completedOn: CalendarDate?,
        nextDue: CalendarDate?, certificateCode: String?, startedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.centreID = centreID
        self.vehicleID = vehicleID
        self.appointmentID = appointmentID
        self.inspectorID = inspectorID
        self.checklistID = checklistID
        self.checklistVersion = checklistVersion
        self.pointCodes = pointCodes
        self.outcomes = outcomes
        self.mileage = mileage
        self.reinspectionOf = reinspectionOf
        self.corrects = corrects
        self.status = status
        self.result = result
        self.completedOn = completedOn
        self.nextDue = nextDue
        self.certificateCode = certificateCode
        self.startedAt = startedAt
    }

    /// A re-inspection of `failed`: only the points it found a major or dangerous defect at.
    public init(
        id: VehicleInspectionID, reinspecting failed: VehicleInspection, appointmentID: AppointmentID? = nil,
        inspectorID: UserID, checklist: Checklist, mileage: Int?, on date: CalendarDate, rules: InspectionRules,
        startedAt: Date
    ) throws {
        guard failed.status == .completed, failed.result == .unfavorable || failed.result == .prohibited else {
            throw DomainError.invalidValue(
                field: "reinspectionOf", reason: "only an unfavorable or prohibited inspection is inspected again")
        }
        if let deadline = failed.reinspectionDeadline(rules), date > deadline {
            throw DomainError.invalidValue(
                field: "reinspectionOf",
                reason: "the re-inspection was due by \(deadline): a full inspection is needed")
        }
        try self.init(
            id: id, organizationID: failed.organizationID, centreID: failed.centreID, vehicleID: failed.vehicleID,
            appointmentID: appointmentID, inspectorID: inspectorID, checklist: checklist,
            pointCodes: failed.failedPoints, mileage: mileage,
            reinspectionOf: failed.id, corrects: nil, startedAt: startedAt)
    }

    /// A correction of `completed`, whose record was wrong: the same vehicle, points and checklist
    /// version, its findings copied for the inspector to amend, and no booking. Once completed,
    /// it stands for the day of the inspection it corrects and its certificate replaces the old one.
    public init(
        id: VehicleInspectionID, correcting completed: VehicleInspection, inspectorID: UserID, checklist: Checklist,
        startedAt: Date
    ) throws {
        guard completed.status == .completed else {
            throw DomainError.illegalTransition(
                entity: "vehicle inspection", from: completed.status.rawValue, to: "corrected")
        }
        guard checklist.id == completed.checklistID else {
            throw DomainError.invalidValue(field: "checklist", reason: "a correction keeps the checklist it corrects")
        }
        try self.init(
            id: id, organizationID: completed.organizationID, centreID: completed.centreID,
            vehicleID: completed.vehicleID, appointmentID: nil, inspectorID: inspectorID, checklist: checklist,
            pointCodes: completed.pointCodes, mileage: completed.mileage, reinspectionOf: completed.reinspectionOf,
            corrects: completed.id, startedAt: startedAt)
        outcomes = completed.outcomes
    }

    /// Why a completed inspection is corrected (2 to 500 characters), kept in the audit trail.
    public static func correctionReason(_ reason: String?) throws -> String {
        try Text.required(reason ?? "", field: "reason", minimum: 2, maximum: 500)
    }

    private init(
        id: VehicleInspectionID, organizationID: OrganizationID, centreID: CentreID, vehicleID: VehicleID,
        appointmentID: AppointmentID?, inspectorID: UserID, checklist: Checklist, pointCodes: [String], mileage: Int?,
        reinspectionOf: VehicleInspectionID?, corrects: VehicleInspectionID?, startedAt: Date
    ) throws {
        if let mileage, !(0...5_000_000).contains(mileage) {
            throw DomainError.invalidValue(field: "mileage", reason: "must be between 0 and 5,000,000 km")
        }
        let known = Set(checklist.points.map(\.code))
        guard pointCodes.allSatisfy(known.contains) else {
            throw DomainError.invalidValue(field: "checklist", reason: "does not hold every point to check")
        }
        self.id = id
        self.organizationID = organizationID
        self.centreID = centreID
        self.vehicleID = vehicleID
        self.appointmentID = appointmentID
        self.inspectorID = inspectorID
        self.checklistID = checklist.id
        self.checklistVersion = checklist.version
        self.pointCodes = pointCodes
        self.outcomes = [:]
        self.mileage = mileage
        self.reinspectionOf = reinspectionOf
        self.corrects = corrects
        self.status = .inProgress
        self.result = nil
        self.completedOn = nil
        self.nextDue = nil
        self.certificateCode = nil
        self.startedAt = startedAt
    }

    /// Records what was found at a point to check (again, while in progress: the last word counts).
    public mutating func record(_ outcome: PointOutcome, at code: String) throws {
        guard status == .inProgress else {
            throw DomainError.illegalTransition(entity: "vehicle inspection", from: status.rawValue, to: "recorded")
        }
        guard pointCodes.contains(code) else {
            throw DomainError.invalidValue(
                field: "points", reason: "\"\(code.prefix(20))\" is not a point this inspection checks")
        }
        outcomes[code] = outcome
    }

    /// The points not recorded yet, in order.
    public var pending: [String] { pointCodes.filter { outcomes[$0] == nil } }

    /// Locks the inspection with its verdict; every point must have been recorded.
    public mutating func complete(on date: CalendarDate) throws {
        guard status == .inProgress else {
            throw DomainError.illegalTransition(
                entity: "vehicle inspection", from: status.rawValue, to: Status.completed.rawValue)
        }
        guard pending.isEmpty else {
            throw DomainError.invalidValue(
                field: "points",
                reason: "\(pending.count) points are not checked yet: \(pending.prefix(5).joined(separator: ", "))")
        }
        result = InspectionResult.of(pointCodes.compactMap { outcomes[$0] })
        status = .completed
        completedOn = date
    }

    /// Completes the inspection of `vehicle`, gives its certificate its code and, when it passes,
    /// sets its next due date.
    public mutating func complete(
        on date: CalendarDate, of vehicle: Vehicle, dueDates: DueDateRules, certificateCode: String
    ) throws {
        try complete(on: date)
        self.certificateCode = certificateCode
        nextDue = result.flatMap {
            dueDates.nextDue(
                after: date, result: $0, category: vehicle.category, firstRegistration: vehicle.firstRegistration)
        }
    }

    /// The points with a major or dangerous defect: what a re-inspection checks again.
    public var failedPoints: [String] {
        pointCodes.filter { (outcomes[$0]?.severity ?? .minor) >= .major }
    }

    /// By when a failed vehicle comes back for its re-inspection.
    public func reinspectionDeadline(_ rules: InspectionRules) -> CalendarDate? {
        guard let completedOn, result == .unfavorable || result == .prohibited else { return nil }
        return completedOn.adding(days: rules.reinspectionDays)
    }
}

/// When a vehicle must next be inspected, by category and age: reference data, as a table of
/// months, with the defaults documented (a car's first inspection by its fourth anniversary, then
/// every year).
public struct DueDateRules: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        /// Months after the first registration before the first inspection is due.
        public let firstAfterMonths: Int
        /// Months between inspections after that.
        public let everyMonths: Int

        public init(firstAfterMonths: Int, everyMonths: Int) {
            self.firstAfterMonths = firstAfterMonths
            self.everyMonths = everyMonths
        }
    }

    public let rules: [VehicleCategory: Rule]
    /// For a category the table does not name, and a vehicle of unknown age.
    public let fallback: Rule

    public init(rules: [VehicleCategory: Rule], fallback: Rule) {
        self.rules = rules
        self.fallback = fallback
    }

    /// The defaults: cars and minibuses by their fourth anniversary then yearly; vans, lorries,
    /// buses and trailers after a year then yearly; motorbikes only when sold (no periodic date).
    public static let belgianDefaults = DueDateRules(
        rules: [
            .m1: Rule(firstAfterMonths: 48, everyMonths: 12), .n1: Rule(firstAfterMonths: 12, everyMonths: 12),
            .n2: Rule(firstAfterMonths: 12, everyMonths: 12), .n3: Rule(firstAfterMonths: 12, everyMonths: 12),
            .m2: Rule(firstAfterMonths: 12, everyMonths: 12), .m3: Rule(firstAfterMonths: 12, everyMonths: 12),
            .o: Rule(firstAfterMonths: 12, everyMonths: 12),
        ], fallback: Rule(firstAfterMonths: 12, everyMonths: 12))

    /// The next due date after a passed inspection on `date`: the first due date while it is more
    /// than a period ahead, else a period after the inspection; nil for a verdict that does not
    /// pass (a re-inspection is due instead) and for a category without periodic inspection.
    public func nextDue(
        after date: CalendarDate, result: InspectionResult, category: VehicleCategory, firstRegistration: CalendarDate?
    ) -> CalendarDate? {
        guard result.passed, category != .l else { return nil }
        let rule = rules[category] ?? fallback
        // Within a period before the first due date, the inspection is the first one, done early;
        // earlier than that (before a sale), the first due date stands.
        if let first = firstRegistration?.adding(months: rule.firstAfterMonths),
            date < first.adding(months: -rule.everyMonths)
        {
            return first
        }
        return date.adding(months: rule.everyMonths)
    }
}
