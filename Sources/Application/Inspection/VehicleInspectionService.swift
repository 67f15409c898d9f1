public import Domain
public import Foundation

/// A control point as the client sent it.
public struct PointInput: Sendable {
    public var code, chapter, label: String?

    public init(code: String?, chapter: String?, label: String?) {
        self.code = code
        self.chapter = chapter
        self.label = label
    }
}

/// What the inspector found at one point, as the client sent it: `ok`, or `defect` with its severity.
public struct OutcomeInput: Sendable {
    public var code, outcome, severity, note: String?
    public var measured: Double?
    public var photoDocumentID: UUID?

    public init(
        code: String?, outcome: String?, severity: String? = nil, measured: Double? = nil, note: String? = nil,
        photoDocumentID: UUID? = nil
    ) {
        self.code = code
        self.outcome = outcome
        self.severity = severity
        self.measured = measured
        self.note = note
        self.photoDocumentID = photoDocumentID
    }
}

/// An inspection with the checklist it follows (for the points' chapters and labels).
public struct VehicleInspectionView: Sendable {
    public let inspection: VehicleInspection
    public let checklist: Checklist
    /// By when a failed vehicle must come back.
    public let reinspectionDeadline: CalendarDate?
}

/// A certificate as its public verification shows it.
public struct CertificateVerification: Sendable, Equatable {
    public let code: String
    public let result: InspectionResult
    public let completedOn: CalendarDate
    public let nextDue: CalendarDate?
    /// The verdict passed and its next due date has not gone by.
    public let valid: Bool
    /// A correction of the inspection was completed: its certificate replaces this one.
    public let superseded: Bool
    public let centreName, centreAddress: String
    public let make, model: String?
    public let category: VehicleCategory
    public let plateEnding: String
}

/// Inspections on the lanes. A booking checked in is inspected by its inspector: every point of
/// the service's checklist (the latest version; the standard one of `StandardChecklist` until the
/// centre writes its own), or for a re-inspection only the points failed last time, within the
/// deadline. The verdict and the next due date come from the Domain when it is completed; it is
/// locked then.
public struct VehicleInspectionService: Sendable, UseCaseSupport {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail
    let dueDates: DueDateRules
    /// Certificates: the PDF renderer and QR encoder (nil where the server makes no PDFs), and
    /// the address the verification link starts with.
    let renderer: (any DocumentRenderer)?
    let qrCodes: (any QRCodeEncoder)?
    let publicURL: String
    /// Keeps each certificate as a document of the vehicle and emails it to the customer (nil:
    /// neither; the certificate is still printed on demand).
    let mailing: DocumentMailing?

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator,
        dueDates: DueDateRules = .belgianDefaults,
        renderer: (any DocumentRenderer)? = nil, qrCodes: (any QRCodeEncoder)? = nil,
        publicURL: String = "http://127.0.0.1:8080", mailing: DocumentMailing? = nil
    ) {
        self.mailing = mailing
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.trail = AuditTrail(clock: clock, ids: ids)
        self.dueDates = dueDates
        self.renderer = renderer
        self.qrCodes = qrCodes
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }

    // MARK: Checklists

    /// Writes a new version of a service's checklist for a category; inspections already begun
    /// keep theirs.
    public func setChecklist(
        of centreID: CentreID, service: UUID?, category: String?, points: [PointInput], as principal: Principal
    ) async throws -> Checklist {
        try AccessPolicy.require(.manageCentres, by: principal)
        return try await persistence.write {
            (repos: any UsesAudit & UsesCentres & UsesChecklists & UsesInspectionOffers) in
            let centre = try await CentreService.visible(centreID, principal, repos)
            let offer = try await AppointmentService.offer(service, of: centre, repos)
            let category = try Self.parseRequired(category, VehicleCategory.self, field: "category")
            guard points.count <= 500 else {
                throw DomainError.invalidValue(field: "points", reason: "a checklist has 1 to 500 points")
            }
            let previous = try await repos.checklists.latest(of: offer.id, category: category)
            let checklist = try Checklist(
                id: ChecklistID(ids.make()), offerID: offer.id, category: category,
                version: (previous?.version ?? 0) + 1,
                points: try points.map {
                    try ControlPoint(code: $0.code ?? "", chapter: $0.chapter ?? "", label: $0.label ?? "")
                })
            try await repos.checklists.insert(
                checklist, centre: centre.id, organization: centre.organizationID, at: clock.now())
            try await trail.record(
                "checklist.written", entity: "checklist", id: checklist.id.description,
                payload: ["service": offer.id.description, "version": String(checklist.version)], by: principal,
                organization: centre.organizationID, repos)
            return checklist
        }
    }

    /// The checklist in force: the latest version written, or the standard one (version 0, not
    /// stored yet: the first inspection stores it as version 1).
    public func checklist(of centreID: CentreID, service: UUID?, category: String?, as principal: Principal)
        async throws -> Checklist
    {
        try AccessPolicy.require(.readCentres, by: principal)
        return try await persistence.read { (repos: any UsesCentres & UsesChecklists & UsesInspectionOffers) in
            let centre = try await CentreService.visible(centreID, principal, repos)
            let offer = try await AppointmentService.offer(service, of: centre, repos)
            let category = try Self.parseRequired(category, VehicleCategory.self, field: "category")
            return try await repos.checklists.latest(of: offer.id, category: category)
                ?? Checklist(
                    id: ChecklistID(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))), offerID: offer.id,
                    category: category, version: 0,
                    points: StandardChecklist.points(for: category))
        }
    }

    // MARK: Inspections

    private func visible(
        _ id: VehicleInspectionID, _ principal: Principal, _ repos: any UsesVehicleInspections & UsesVehicles
    )
        async throws -> VehicleInspection
    {
        let inspection = try TenantScope.visible(
            try await repos.vehicleInspections.find(id), in: \.organizationID, principal,
            entity: "vehicle_inspection", id: id.description)
        // A customer reads the inspections of their own vehicles.
        if !AppointmentService.isStaff(principal) {
            guard let vehicle = try await repos.vehicles.find(inspection.vehicleID),
                vehicle.customerID == principal.userID
            else { throw ApplicationError.notFound(entity: "vehicle_inspection", id: id.description) }
        }
        return inspection
    }

    private func view(_ inspection: VehicleInspection, _ repos: any UsesCentres & UsesChecklists) async throws
        -> VehicleInspectionView
    {
        guard let checklist = try await repos.checklists.find(inspection.checklistID) else {
            throw ApplicationError.notFound(entity: "checklist", id: inspection.checklistID.description)
        }
        return VehicleInspectionView(
            inspection: inspection, checklist: checklist,
            reinspectionDeadline: inspection.reinspectionDeadline(
                try await repos.centres.find(inspection.centreID)?.rules ?? .standard))
    }

    /// Only the inspector the booking is assigned to works on it (an admin may stand in).
    private func requireAssigned(_ inspector: UserID, _ principal: Principal) throws {
        guard principal.userID == inspector || AccessPolicy.allows(principal, .manageCentres) else {
            throw DomainError.invalidValue(field: "inspector", reason: "this inspection is another inspector's")
        }
    }

    /// Starts the inspection of a checked-in booking, on its lane, by its inspector.
    public func start(appointment: UUID?, mileage: Int?, as principal: Principal) async throws
        -> VehicleInspectionView
    {
        try AccessPolicy.require(.inspectVehicles, by: principal)
        guard let appointmentID = appointment.map(AppointmentID.init) else {
            throw DomainError.invalidValue(field: "appointmentId", reason: "is required")
        }
        return try await persistence.write {
            (
                repos: any UsesAppointments & UsesAudit & UsesCentres & UsesChecklists & UsesInspectionOffers
                    & UsesVehicleInspections
            ) in
            guard
                var booking = try await repos.appointments.find(appointmentID),
                booking.organizationID == principal.organizationID
            else { throw DomainError.invalidValue(field: "appointmentId", reason: "is not a booking of yours") }
            try requireAssigned(booking.inspectorID, principal)
            let now = clock.now()
            try booking.perform(.startInspection, at: now)
            let centre = try await CentreService.visible(booking.centreID, principal, repos)
            guard let offer = try await repos.inspectionOffers.find(booking.offerID) else {
                throw ApplicationError.notFound(entity: "service", id: booking.offerID.description)
            }
            let checklist = try await checklistInForce(offer, booking.category, centre, repos)
            let today = CalendarDate(dayOf: now, in: centre.timeZone)
            let inspection: VehicleInspection
            if offer.kind == .reinspection {
                guard
                    let failed = Self.standing(try await repos.vehicleInspections.list(of: booking.vehicleID)).first,
                    failed.result == .unfavorable || failed.result == .prohibited
                else {
                    throw DomainError.invalidValue(
                        field: "appointmentId",
                        reason: "the vehicle's last inspection did not fail: nothing to check again")
                }
                inspection = try VehicleInspection(
                    id: VehicleInspectionID(ids.make()), reinspecting: failed, appointmentID: booking.id,
                    inspectorID: booking.inspectorID, checklist: checklist, mileage: mileage, on: today,
                    rules: centre.rules,
                    startedAt: now)
            } else {
                inspection = try VehicleInspection(
                    id: VehicleInspectionID(ids.make()), organizationID: booking.organizationID, centreID: centre.id,
                    vehicleID: booking.vehicleID, appointmentID: booking.id, inspectorID: booking.inspectorID,
                    checklist: checklist, mileage: mileage, startedAt: now)
            }
            try await repos.vehicleInspections.insert(inspection)
            try await repos.appointments.update(booking)
            try await audit("vehicle_inspection.started", inspection, principal, repos)
            return VehicleInspectionView(inspection: inspection, checklist: checklist, reinspectionDeadline: nil)
        }
    }

    /// The latest version written, or the standard points stored as version 1 on first use.
    private func checklistInForce(
        _ offer: InspectionOffer, _ category: VehicleCategory, _ centre: Centre, _ repos: any UsesChecklists
    ) async throws -> Checklist {
        if let latest = try await repos.checklists.latest(of: offer.id, category: category) { return latest }
        let standard = try Checklist(
            id: ChecklistID(ids.make()), offerID: offer.id, category: category, version: 1,
            points: StandardChecklist.points(for: category))
        try await repos.checklists.insert(
            standard, centre: centre.id, organization: centre.organizationID, at: clock.now())
        return standard
    }

    /// Records what was found at some points (again while in progress: the last word counts).
    public func record(_ outcomes: [OutcomeInput], in id: VehicleInspectionID, as principal: Principal) async throws
        -> VehicleInspectionView
    {
        try AccessPolicy.require(.inspectVehicles, by: principal)
        return try await persistence.write {
            (repos: any UsesCentres & UsesChecklists & UsesVehicleInspections & UsesVehicles) in
            var inspection = try await visible(id, principal, repos)
            try requireAssigned(inspection.inspectorID, principal)
            guard (1...500).contains(outcomes.count) else {
                throw DomainError.invalidValue(field: "points", reason: "gives 1 to 500 points")
            }
            for input in outcomes {
                try inspection.record(try outcome(input), at: input.code ?? "")
            }
            try await repos.vehicleInspections.update(inspection)
            return try await view(inspection, repos)
        }
    }

    private func outcome(_ input: OutcomeInput) throws -> PointOutcome {
        switch input.outcome {
        case "ok": return .ok
        case "defect":
            return .defect(
                try PointOutcome.Defect(
                    severity: try Self.parseRequired(input.severity, DefectSeverity.self, field: "points.severity"),
                    measured: input.measured, note: input.note, photo: input.photoDocumentID.map(DocumentID.init)))
        default:
            throw DomainError.invalidValue(field: "points.outcome", reason: "must be ok or defect")
        }
    }

    /// Completes the inspection: the verdict, the next due date of a passing vehicle, and the
    /// booking done. Locked from then on. Its certificate is kept as a document of the vehicle
    /// and emailed to the booking's contact (else the vehicle's owner) once this commits.
    /// A correction completes on the day of the inspection it corrects.
    public func complete(_ id: VehicleInspectionID, as principal: Principal) async throws -> VehicleInspectionView {
        try AccessPolicy.require(.inspectVehicles, by: principal)
        let pending = PendingNotices()
        let completed: VehicleInspectionView
        do {
            completed = try await persistence.write {
                (
                    repos: any MailedDocumentStores & UsesAppointments & UsesCentres & UsesChecklists & UsesUsers
                        & UsesVehicleInspections & UsesVehicles
                ) in
                var inspection = try await visible(id, principal, repos)
                try requireAssigned(inspection.inspectorID, principal)
                let centre = try await CentreService.visible(inspection.centreID, principal, repos)
                guard let vehicle = try await repos.vehicles.find(inspection.vehicleID) else {
                    throw ApplicationError.notFound(entity: "vehicle", id: inspection.vehicleID.description)
                }
                let now = clock.now()
                var day = CalendarDate(dayOf: now, in: centre.timeZone)
                if let corrected = inspection.corrects,
                    let original = try await repos.vehicleInspections.find(corrected)?.completedOn
                {
                    day = original
                }
                try inspection.complete(
                    on: day, of: vehicle, dueDates: dueDates, certificateCode: Self.certificateCode())
                try await repos.vehicleInspections.update(inspection)
                var booking: Appointment?
                if let bookingID = inspection.appointmentID {
                    booking = try await repos.appointments.find(bookingID)
                }
                if var finished = booking, finished.status == .inInspection {
                    try finished.perform(.finish, at: now)
                    try await repos.appointments.update(finished)
                }
                try await audit("vehicle_inspection.completed", inspection, principal, repos)
                let view = try await view(inspection, repos)
                if let mailing, mailing.canRender, qrCodes != nil {
                    try await keepAndMail(
                        try await certificatePrint(view, centre, vehicle, repos),
                        to: booking?.contact.email ?? vehicle.owner.email, mailing, principal, pending, repos)
                }
                return view
            }
        } catch {
            await mailing?.failed(pending)
            throw error
        }
        await mailing?.sent(pending)
        return completed
    }

    /// The certificate kept as a document of the vehicle, and emailed with it attached.
    private func keepAndMail(
        _ print: CertificatePrint, to email: Email?, _ mailing: DocumentMailing, _ principal: Principal,
        _ pending: PendingNotices,
        _ repos: any MailedDocumentStores
    ) async throws {
        let day = print.view.inspection.completedOn?.description ?? ""
        _ = try await mailing.keepAndMail(
            DocumentMailing.Letter(
                publication: DocumentsService.Publication(
                    print.document, fileName: "certificat-\(print.vehicle.plate.value)-\(day).pdf", kind: .certificate,
                    link: EntityLink(type: "vehicle", id: print.vehicle.id.rawValue),
                    tags: ["controle-technique", print.code]),
                email: email, subject: "Votre certificat de contrôle technique du \(day)",
                body: "Bonjour \(print.vehicle.owner.name),\n\nVous trouverez ci-joint le certificat du contrôle "
                    + "technique de votre véhicule \(print.vehicle.plate.value), effectué le \(day) au centre "
                    + "\(print.centre.name).\n\nRésultat : \(print.view.inspection.result.map(CertificatePrint.verdict) ?? "")."
                    + "\n\nSon authenticité se vérifie à l'adresse \(print.link)\n\n\(print.centre.name)"),
            replacing: nil, as: principal, pending: pending, repos)
    }

    /// Opens the correction of a completed inspection whose record was wrong: a new inspection
    /// by the caller, its findings copied to amend. Once completed, its certificate replaces the
    /// old one, which no longer verifies as valid. An inspection is corrected once (correct the
    /// correction after that).
    public func correct(_ id: VehicleInspectionID, reason: String?, as principal: Principal) async throws
        -> VehicleInspectionView
    {
        try AccessPolicy.require(.inspectVehicles, by: principal)
        let reason = try VehicleInspection.correctionReason(reason)
        return try await persistence.write {
            (repos: any UsesAudit & UsesCentres & UsesChecklists & UsesVehicleInspections & UsesVehicles) in
            let completed = try await visible(id, principal, repos)
            let history = try await repos.vehicleInspections.list(of: completed.vehicleID)
            if completed.status == .completed, history.contains(where: { $0.corrects == completed.id }) {
                throw DomainError.illegalTransition(entity: "vehicle inspection", from: "corrected", to: "corrected")
            }
            guard let checklist = try await repos.checklists.find(completed.checklistID) else {
                throw ApplicationError.notFound(entity: "checklist", id: completed.checklistID.description)
            }
            let correction = try VehicleInspection(
                id: VehicleInspectionID(ids.make()), correcting: completed, inspectorID: principal.userID,
                checklist: checklist, startedAt: clock.now())
            try await repos.vehicleInspections.insert(correction)
            try await audit("vehicle_inspection.correction_opened", correction, principal, repos, ["reason": reason])
            return try await view(correction, repos)
        }
    }

    /// The completed inspections no completed correction replaced, the latest first.
    static func standing(_ history: [VehicleInspection]) -> [VehicleInspection] {
        let done = history.filter { $0.status == .completed }
        let replaced = Set(done.compactMap(\.corrects))
        return done.filter { !replaced.contains($0.id) }
    }

    public func inspection(_ id: VehicleInspectionID, as principal: Principal) async throws -> VehicleInspectionView {
        try AccessPolicy.require(.readAppointments, by: principal)
        return try await persistence.read {
            (repos: any UsesCentres & UsesChecklists & UsesVehicleInspections & UsesVehicles) in
            try await view(try await visible(id, principal, repos), repos)
        }
    }

    /// A vehicle's inspections, the latest first.
    public func inspections(of vehicle: VehicleID, as principal: Principal) async throws -> [VehicleInspection] {
        try AccessPolicy.require(.readAppointments, by: principal)
        return try await persistence.read { (repos: any UsesAppointments & UsesVehicleInspections & UsesVehicles) in
            _ = try await AppointmentService.visible(vehicle, principal, repos)
            return try await repos.vehicleInspections.list(of: vehicle)
        }
    }

    // MARK: Certificates

    /// 128 random bits (the system's secure generator) in 26 letters and digits of Crockford's
    /// base 32: unguessable, and read aloud without confusing 0 and O.
    static func certificateCode() -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var generator = SystemRandomNumberGenerator()
        var code = ""
        var buffer = 0
        var bits = 0
        for _ in 0..<16 {
            buffer = buffer << 8 | Int(UInt8.random(in: 0...255, using: &generator))
            bits += 8
            while bits >= 5 {
                bits -= 5
                code.append(alphabet[(buffer >> bits) & 31])
            }
            buffer &= (1 << bits) - 1
        }
        code.append(alphabet[(buffer << (5 - bits)) & 31])
        return code
    }

    /// Where the certificate's QR code points: its public verification.
    func verificationLink(_ code: String) -> String { "\(publicURL)/api/v1/public/certificates/\(code)" }

    /// The certificate of a completed inspection, as a PDF: centre, vehicle, verdict, defects by
    /// chapter, next due date, inspector, and a QR code with the verification link.
    public func certificate(_ id: VehicleInspectionID, as principal: Principal) async throws -> [UInt8] {
        try AccessPolicy.require(.readAppointments, by: principal)
        guard let renderer else { throw DocumentError.rendererUnavailable }
        let print = try await persistence.read {
            (repos: any UsesCentres & UsesChecklists & UsesUsers & UsesVehicleInspections & UsesVehicles) in
            let inspection = try await visible(id, principal, repos)
            guard inspection.status == .completed else {
                throw DomainError.illegalTransition(
                    entity: "vehicle inspection", from: inspection.status.rawValue, to: "certified")
            }
            let centre = try await CentreService.visible(inspection.centreID, principal, repos)
            guard let vehicle = try await repos.vehicles.find(inspection.vehicleID) else {
                throw ApplicationError.notFound(entity: "vehicle", id: inspection.vehicleID.description)
            }
            return try await certificatePrint(try await view(inspection, repos), centre, vehicle, repos).document
        }
        return try renderer.render(print)
    }

    private func certificatePrint(
        _ view: VehicleInspectionView, _ centre: Centre, _ vehicle: Vehicle,
        _ repos: any UsesUsers & UsesVehicleInspections
    ) async throws -> CertificatePrint {
        guard let qrCodes else { throw DocumentError.rendererUnavailable }
        guard let code = view.inspection.certificateCode else {
            throw DomainError.illegalTransition(
                entity: "vehicle inspection", from: view.inspection.status.rawValue, to: "certified")
        }
        var replaces: String?
        if let corrected = view.inspection.corrects {
            replaces = try await repos.vehicleInspections.find(corrected)?.certificateCode
        }
        return CertificatePrint(
            view: view, centre: centre, vehicle: vehicle,
            inspector: try await repos.users.find(view.inspection.inspectorID)?.name ?? "",
            qrCode: try qrCodes.encode(verificationLink(code)), link: verificationLink(code), code: code,
            replaces: replaces)
    }

    /// What anyone holding the certificate's code may check: that it is genuine, its verdict and
    /// validity, with no one's personal data (the plate's last characters only).
    public func verify(certificate code: String) async throws -> CertificateVerification {
        guard (1...40).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw ApplicationError.notFound(entity: "certificate", id: String(code.prefix(40)))
        }
        return try await persistence.read { (repos: any UsesCentres & UsesVehicleInspections & UsesVehicles) in
            guard let inspection = try await repos.vehicleInspections.find(certificate: code.uppercased()),
                let result = inspection.result, let completedOn = inspection.completedOn,
                let centre = try await repos.centres.find(inspection.centreID),
                let vehicle = try await repos.vehicles.find(inspection.vehicleID)
            else { throw ApplicationError.notFound(entity: "certificate", id: code) }
            let today = CalendarDate(dayOf: clock.now(), in: centre.timeZone)
            let superseded = try await repos.vehicleInspections.list(of: vehicle.id).contains {
                $0.corrects == inspection.id && $0.status == .completed
            }
            return CertificateVerification(
                code: code.uppercased(), result: result, completedOn: completedOn, nextDue: inspection.nextDue,
                valid: !superseded && result.passed && (inspection.nextDue.map { today <= $0 } ?? true),
                superseded: superseded, centreName: centre.name,
                centreAddress: centre.address, make: vehicle.make, model: vehicle.model, category: vehicle.category,
                plateEnding: String(vehicle.plate.value.suffix(3)))
        }
    }

    private func audit(
        _ action: String, _ inspection: VehicleInspection, _ principal: Principal, _ repos: any UsesAudit,
        _ extra: [String: String] = [:]
    ) async throws {
        var payload = extra.merging(["vehicle": inspection.vehicleID.description]) { $1 }
        if let result = inspection.result { payload["result"] = result.rawValue }
        try await trail.record(
            action, entity: "vehicle_inspection", id: inspection.id.description, payload: payload, by: principal,
            organization: inspection.organizationID, repos)
    }
}
