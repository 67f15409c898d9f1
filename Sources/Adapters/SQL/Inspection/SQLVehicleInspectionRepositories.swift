import Application
import Domain
import Foundation
import SQLKit

/// A checklist's points as stored: `[{"code","chapter","label"}]`.
private struct PointColumn: Codable {
    let code, chapter, label: String
}

/// One outcome as stored: `"ok"`, or the defect's fields.
private enum OutcomeColumn: Codable {
    case ok
    case defect(severity: String, measured: Double?, note: String?, photo: UUID?)

    private struct Defect: Codable {
        let severity: String
        let measured: Double?
        let note: String?
        let photo: UUID?
    }

    init(_ outcome: PointOutcome) {
        switch outcome {
        case .ok: self = .ok
        case .defect(let defect):
            self = .defect(
                severity: defect.severity.rawValue, measured: defect.measured, note: defect.note,
                photo: defect.photo?.rawValue)
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self), text == "ok" {
            self = .ok
        } else {
            let defect = try container.decode(Defect.self)
            self = .defect(severity: defect.severity, measured: defect.measured, note: defect.note, photo: defect.photo)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .ok: try container.encode("ok")
        case .defect(let severity, let measured, let note, let photo):
            try container.encode(Defect(severity: severity, measured: measured, note: note, photo: photo))
        }
    }

    func domain() throws -> PointOutcome? {
        switch self {
        case .ok: return .ok
        case .defect(let severity, let measured, let note, let photo):
            guard let severity = DefectSeverity(rawValue: severity) else { return nil }
            return .defect(
                try PointOutcome.Defect(
                    severity: severity, measured: measured, note: note, photo: photo.map(DocumentID.init)))
        }
    }
}

struct ChecklistRow: Codable {
    let id, organizationId, centreId, serviceId: UUID
    let category: String
    let version: Int
    let points: String
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, category, version, points
        case organizationId = "organization_id"
        case centreId = "centre_id"
        case serviceId = "service_id"
        case createdAt = "created_at"
    }

    func domain() throws -> Checklist {
        guard let category = VehicleCategory(rawValue: category),
            let stored = try? JSONDecoder().decode([PointColumn].self, from: Data(points.utf8))
        else { throw CorruptRow(table: "checklists", reason: "category or points of \(id)") }
        return try Checklist(
            id: ChecklistID(id), offerID: InspectionOfferID(serviceId), category: category, version: version,
            points: try stored.map { try ControlPoint(code: $0.code, chapter: $0.chapter, label: $0.label) })
    }
}

struct SQLChecklistRepository: ChecklistRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ checklist: Checklist, centre: CentreID, organization: OrganizationID, at now: Date) async throws {
        let points = try JSONEncoder().encode(
            checklist.points.map { PointColumn(code: $0.code, chapter: $0.chapter, label: $0.label) })
        let row = ChecklistRow(
            id: checklist.id.rawValue, organizationId: organization.rawValue, centreId: centre.rawValue,
            serviceId: checklist.offerID.rawValue, category: checklist.category.rawValue, version: checklist.version,
            points: String(decoding: points, as: UTF8.self), createdAt: now)
        do {
            try await db.insert(into: "checklists").model(row).run()
        } catch  where dialect.isUniqueViolation(error) {
            throw InspectionError.checklistVersionTaken
        }
    }

    func find(_ id: ChecklistID) async throws -> Checklist? {
        try await db.select().columns("*").from("checklists").where("id", .equal, id.rawValue)
            .first(decoding: ChecklistRow.self, with: rowDecoder)?.domain()
    }

    func latest(of offer: InspectionOfferID, category: VehicleCategory) async throws -> Checklist? {
        try await db.select().columns("*").from("checklists").where("service_id", .equal, offer.rawValue)
            .where("category", .equal, category.rawValue).orderBy("version", .descending).limit(1)
            .first(decoding: ChecklistRow.self, with: rowDecoder)?.domain()
    }
}

struct VehicleInspectionRow: Codable {
    let id, organizationId, centreId, vehicleId: UUID
    let appointmentId: UUID?
    let inspectorId, checklistId: UUID
    let checklistVersion: Int
    let pointCodes, outcomes: String
    let mileage: Int?
    let reinspectionOf, corrects: UUID?
    let status: String
    let result, completedOn, nextDue, certificateCode: String?
    let startedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, outcomes, mileage, corrects, status, result
        case organizationId = "organization_id"
        case centreId = "centre_id"
        case vehicleId = "vehicle_id"
        case appointmentId = "appointment_id"
        case inspectorId = "inspector_id"
        case checklistId = "checklist_id"
        case checklistVersion = "checklist_version"
        case pointCodes = "point_codes"
        case reinspectionOf = "reinspection_of"
        case completedOn = "completed_on"
        case nextDue = "next_due"
        case certificateCode = "certificate_code"
        case startedAt = "started_at"
    }

    init(_ inspection: VehicleInspection) throws {
        id = inspection.id.rawValue
        organizationId = inspection.organizationID.rawValue
        centreId = inspection.centreID.rawValue
        vehicleId = inspection.vehicleID.rawValue
        appointmentId = inspection.appointmentID?.rawValue
        inspectorId = inspection.inspectorID.rawValue
        checklistId = inspection.checklistID.rawValue
        checklistVersion = inspection.checklistVersion
        pointCodes = inspection.pointCodes.joined(separator: "\n")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        outcomes = String(
            decoding: try encoder.encode(inspection.outcomes.mapValues(OutcomeColumn.init)), as: UTF8.self)
        mileage = inspection.mileage
        reinspectionOf = inspection.reinspectionOf?.rawValue
        corrects = inspection.corrects?.rawValue
        status = inspection.status.rawValue
        result = inspection.result?.rawValue
        completedOn = inspection.completedOn?.description
        nextDue = inspection.nextDue?.description
        certificateCode = inspection.certificateCode
        startedAt = inspection.startedAt
    }

    func domain() throws -> VehicleInspection {
        func corrupt(_ what: String) -> CorruptRow {
            CorruptRow(table: "vehicle_inspections", reason: "\(what) of \(id)")
        }
        guard let status = VehicleInspection.Status(rawValue: status) else { throw corrupt("status") }
        guard let stored = try? JSONDecoder().decode([String: OutcomeColumn].self, from: Data(outcomes.utf8)) else {
            throw corrupt("outcomes")
        }
        var found: [String: PointOutcome] = [:]
        for (code, column) in stored {
            guard let outcome = try column.domain() else { throw corrupt("outcome \(code)") }
            found[code] = outcome
        }
        let verdict = try result.map {
            guard let verdict = InspectionResult(rawValue: $0) else { throw corrupt("result") }
            return verdict
        }
        return VehicleInspection(
            id: VehicleInspectionID(id), organizationID: OrganizationID(organizationId), centreID: CentreID(centreId),
            vehicleID: VehicleID(vehicleId), appointmentID: appointmentId.map(AppointmentID.init),
            inspectorID: UserID(inspectorId), checklistID: ChecklistID(checklistId),
            checklistVersion: checklistVersion, pointCodes: pointCodes.split(separator: "\n").map(String.init),
            outcomes: found, mileage: mileage, reinspectionOf: reinspectionOf.map(VehicleInspectionID.init),
            corrects: corrects.map(VehicleInspectionID.init), status: status, result: verdict,
            completedOn: try completedOn.map { try CalendarDate(parsing: $0) },
            nextDue: try nextDue.map { try CalendarDate(parsing: $0) }, certificateCode: certificateCode,
            startedAt: startedAt)
    }
}

struct SQLVehicleInspectionRepository: VehicleInspectionRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ inspection: VehicleInspection) async throws {
        do {
            try await db.insert(into: "vehicle_inspections")
                .model(try VehicleInspectionRow(inspection), nilEncodingStrategy: .asNil)
                .run()
        } catch  where dialect.isUniqueViolation(error) {
            throw InspectionError.alreadyInspected
        }
    }

    func find(_ id: VehicleInspectionID) async throws -> VehicleInspection? {
        try await db.select().columns("*").from("vehicle_inspections").where("id", .equal, id.rawValue)
            .first(decoding: VehicleInspectionRow.self, with: rowDecoder)?.domain()
    }

    func update(_ inspection: VehicleInspection) async throws {
        let row = try VehicleInspectionRow(inspection)
        try await db.update("vehicle_inspections").set("outcomes", to: row.outcomes).set("status", to: row.status)
            .set("result", to: row.result).set("completed_on", to: row.completedOn).set("next_due", to: row.nextDue)
            .set("certificate_code", to: row.certificateCode)
            .where("id", .equal, row.id).run()
    }

    func find(certificate code: String) async throws -> VehicleInspection? {
        try await db.select().columns("*").from("vehicle_inspections").where("certificate_code", .equal, code)
            .first(decoding: VehicleInspectionRow.self, with: rowDecoder)?.domain()
    }

    func list(of vehicle: VehicleID) async throws -> [VehicleInspection] {
        try await db.select().columns("*").from("vehicle_inspections").where("vehicle_id", .equal, vehicle.rawValue)
            .orderBy("started_at", .descending).orderBy("id").limit(200)
            .all(decoding: VehicleInspectionRow.self, with: rowDecoder).map { try $0.domain() }
    }
}
