import Application
import Domain
import Foundation
import HTTPTypes
import Hummingbird

struct ChecklistRequest: Decodable {
    struct Point: Decodable {
        let code, chapter, label: String?
    }

    let serviceId: UUID?
    let category: String?
    let points: [Point]?
}

struct StartInspectionRequest: Decodable {
    let appointmentId: UUID?
    let mileage: Int?
}

struct PointsRequest: Decodable {
    struct Point: Decodable {
        let code, outcome, severity, note: String?
        let measured: Double?
        let photoDocumentId: UUID?
    }

    let points: [Point]?
}

struct ChecklistResponse: ResponseEncodable {
    struct Point: Encodable, Sendable {
        let code, chapter, label: String
    }

    let id: String?
    let serviceId, category: String
    let version: Int
    /// True for the standard points, before the centre wrote or used a version.
    let standard: Bool
    let points: [Point]

    init(_ checklist: Checklist) {
        standard = checklist.version == 0
        id = standard ? nil : checklist.id.description
        serviceId = checklist.offerID.description
        category = checklist.category.rawValue
        version = checklist.version
        points = checklist.points.map { Point(code: $0.code, chapter: $0.chapter, label: $0.label) }
    }
}

struct VehicleInspectionResponse: ResponseEncodable {
    struct Point: Encodable, Sendable {
        let code, chapter, label: String
        let outcome: String?
        let severity: String?
        let measured: Double?
        let note: String?
        let photoDocumentId: String?
    }

    let id, centreId, vehicleId, inspectorId, checklistId, status: String
    let appointmentId: String?
    let checklistVersion: Int
    let mileage: Int?
    let reinspectionOf, corrects, result: String?
    /// The certificate's verification code, once completed.
    let certificateCode: String?
    let points: [Point]
    let pending: Int
    let completedOn, nextDue, reinspectionDeadline: CalendarDate?
    let startedAt: Date

    init(_ view: VehicleInspectionView) {
        let inspection = view.inspection
        id = inspection.id.description
        centreId = inspection.centreID.description
        vehicleId = inspection.vehicleID.description
        inspectorId = inspection.inspectorID.description
        checklistId = inspection.checklistID.description
        status = inspection.status.rawValue
        appointmentId = inspection.appointmentID?.description
        checklistVersion = inspection.checklistVersion
        mileage = inspection.mileage
        reinspectionOf = inspection.reinspectionOf?.description
        corrects = inspection.corrects?.description
        result = inspection.result?.rawValue
        certificateCode = inspection.certificateCode
        let byCode = Dictionary(uniqueKeysWithValues: view.checklist.points.map { ($0.code, $0) })
        points = inspection.pointCodes.map { code in
            let point = byCode[code]
            let outcome = inspection.outcomes[code]
            var defect: PointOutcome.Defect?
            if case .defect(let found) = outcome { defect = found }
            return Point(
                code: code, chapter: point?.chapter ?? "", label: point?.label ?? "",
                outcome: outcome.map { $0 == .ok ? "ok" : "defect" }, severity: defect?.severity.rawValue,
                measured: defect?.measured, note: defect?.note, photoDocumentId: defect?.photo?.description)
        }
        pending = inspection.pending.count
        completedOn = inspection.completedOn
        nextDue = inspection.nextDue
        reinspectionDeadline = view.reinspectionDeadline
        startedAt = inspection.startedAt
    }
}

struct VehicleInspectionSummary: Encodable, Sendable {
    let id, status: String
    let result: String?
    let completedOn, nextDue: CalendarDate?
    let reinspectionOf, corrects: String?
    let startedAt: Date

    init(_ inspection: VehicleInspection) {
        id = inspection.id.description
        status = inspection.status.rawValue
        result = inspection.result?.rawValue
        completedOn = inspection.completedOn
        nextDue = inspection.nextDue
        reinspectionOf = inspection.reinspectionOf?.description
        corrects = inspection.corrects?.description
        startedAt = inspection.startedAt
    }
}

struct CertificateVerificationResponse: ResponseEncodable {
    struct VehicleSummary: Encodable, Sendable {
        let make, model: String?
        let category: String
        /// The plate's last three characters, to compare with the car in front of you.
        let plateEnding: String
    }

    let code, result, centreName, centreAddress: String
    let valid, superseded: Bool
    let completedOn: CalendarDate
    let nextDue: CalendarDate?
    let vehicle: VehicleSummary

    init(_ verification: CertificateVerification) {
        code = verification.code
        result = verification.result.rawValue
        centreName = verification.centreName
        centreAddress = verification.centreAddress
        valid = verification.valid
        superseded = verification.superseded
        completedOn = verification.completedOn
        nextDue = verification.nextDue
        vehicle = VehicleSummary(
            make: verification.make, model: verification.model, category: verification.category.rawValue,
            plateEnding: verification.plateEnding)
    }
}

/// Checklists (`/centres/{id}/checklists`), the inspections on the lanes (`/vehicle-inspections…`)
/// and their certificates, verified by anyone at `/public/certificates/{code}`.
struct VehicleInspectionRoutes {
    let inspections: VehicleInspectionService

    func addPublic(to group: RouterGroup<AppRequestContext>) {
        let service = inspections
        group.get("public/certificates/{code}") { _, context in
            CertificateVerificationResponse(
                try await service.verify(certificate: context.parameters.get("code") ?? ""))
        }
    }

    func add(to group: RouterGroup<AuthenticatedContext>) {
        let service = inspections
        @Sendable func inspectionID(_ context: AuthenticatedContext) throws -> VehicleInspectionID {
            try context.parameters.id(as: VehicleInspectionID.self, entity: "vehicle_inspection")
        }
        group.post("centres/{id}/checklists") { request, context in
            let centre = try context.parameters.id(as: CentreID.self, entity: "centre")
            let body = try await request.decodeJSON(ChecklistRequest.self, context: context)
            let points = (body.points ?? []).map { PointInput(code: $0.code, chapter: $0.chapter, label: $0.label) }
            return EditedResponse(
                status: .created,
                response: ChecklistResponse(
                    try await service.setChecklist(
                        of: centre, service: body.serviceId, category: body.category, points: points,
                        as: context.principal)))
        }
        group.get("centres/{id}/checklists") { request, context in
            let centre = try context.parameters.id(as: CentreID.self, entity: "centre")
            let serviceID = try request.idQuery("service_id", as: InspectionOfferID.self)
            return ChecklistResponse(
                try await service.checklist(
                    of: centre, service: serviceID?.rawValue,
                    category: try request.textQuery("category", maxLength: 10),
                    as: context.principal))
        }
        group.post("vehicle-inspections") { request, context in
            let body = try await request.decodeJSON(StartInspectionRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: VehicleInspectionResponse(
                    try await service.start(
                        appointment: body.appointmentId, mileage: body.mileage, as: context.principal)
                ))
        }
        group.get("vehicle-inspections/{id}") { _, context in
            VehicleInspectionResponse(try await service.inspection(try inspectionID(context), as: context.principal))
        }
        group.patch("vehicle-inspections/{id}/points") { request, context in
            let id = try inspectionID(context)
            let body = try await request.decodeJSON(PointsRequest.self, context: context)
            let outcomes = (body.points ?? []).map {
                OutcomeInput(
                    code: $0.code, outcome: $0.outcome, severity: $0.severity, measured: $0.measured, note: $0.note,
                    photoDocumentID: $0.photoDocumentId)
            }
            return VehicleInspectionResponse(try await service.record(outcomes, in: id, as: context.principal))
        }
        group.post("vehicle-inspections/{id}/complete") { _, context in
            VehicleInspectionResponse(try await service.complete(try inspectionID(context), as: context.principal))
        }
        group.post("vehicle-inspections/{id}/corrections") { request, context in
            let id = try inspectionID(context)
            let body = try await request.decodeJSON(ReasonBody.self, context: context)
            return EditedResponse(
                status: .created,
                response: VehicleInspectionResponse(
                    try await service.correct(id, reason: body.reason, as: context.principal)))
        }
        group.get("vehicle-inspections/{id}/certificate") { _, context in
            let id = try inspectionID(context)
            return Response.pdf(
                try await service.certificate(id, as: context.principal), fileName: "certificat-\(id).pdf")
        }
        group.get("vehicles/{id}/vehicle-inspections") { _, context in
            let vehicle = try context.parameters.id(as: VehicleID.self, entity: "vehicle")
            return DataResponse(
                data: try await service.inspections(of: vehicle, as: context.principal).map(
                    VehicleInspectionSummary.init))
        }
    }
}
