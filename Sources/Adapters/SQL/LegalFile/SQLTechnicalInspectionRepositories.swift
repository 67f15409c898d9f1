import Application
import Domain
import Foundation
import SQLKit

struct TechnicalInspectionRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let equipementId: UUID
    let planId: UUID
    let inspectionType: String
    let region: String
    let frequencyMonths: Int
    let frequencySource: String
    let frequencyVerified: Bool
    let frequencyOverridden: Bool
    let dueOn: String
    let scheduledOn: String?
    let inspector: String?
    let status: String
    let startedAt: Date?
    let completedOn: String?
    let findings: String?
    let certificateDocumentId: UUID?
    let certificateValidUntil: String?
    let interventionId: UUID?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, region, inspector, status, findings
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case equipementId = "equipement_id"
        case planId = "plan_id"
        case inspectionType = "inspection_type"
        case frequencyMonths = "frequency_months"
        case frequencySource = "frequency_source"
        case frequencyVerified = "frequency_verified"
        case frequencyOverridden = "frequency_overridden"
        case dueOn = "due_on"
        case scheduledOn = "scheduled_on"
        case startedAt = "started_at"
        case completedOn = "completed_on"
        case certificateDocumentId = "certificate_document_id"
        case certificateValidUntil = "certificate_valid_until"
        case interventionId = "intervention_id"
        case createdAt = "created_at"
    }

    init(_ inspection: TechnicalInspection) {
        id = inspection.id.rawValue
        organizationId = inspection.organizationID.rawValue
        buildingId = inspection.buildingID.rawValue
        equipementId = inspection.equipementID.rawValue
        planId = inspection.planID.rawValue
        inspectionType = inspection.type.rawValue
        region = inspection.region.rawValue
        frequencyMonths = inspection.frequency.months
        frequencySource = inspection.frequency.source
        frequencyVerified = inspection.frequency.verified
        frequencyOverridden = inspection.frequency.overridden
        dueOn = inspection.dueOn.description
        scheduledOn = inspection.scheduledOn?.description
        inspector = inspection.inspector
        status = inspection.status.rawValue
        startedAt = inspection.startedAt
        completedOn = inspection.completedOn?.description
        findings = inspection.findings
        certificateDocumentId = inspection.certificateID?.rawValue
        certificateValidUntil = inspection.certificateValidUntil?.description
        interventionId = inspection.interventionID?.rawValue
        createdAt = inspection.createdAt
    }

    func domain() throws -> TechnicalInspection {
        guard let type = InspectionType(rawValue: inspectionType), let region = Region(rawValue: region),
            let status = TechnicalInspection.Status(rawValue: status)
        else { throw CorruptRow(table: "technical_inspections", reason: "type, region or status of \(id)") }
        return try TechnicalInspection(
            id: TechnicalInspectionID(id), organizationID: OrganizationID(organizationId),
            buildingID: BuildingID(buildingId), equipementID: EquipementID(equipementId),
            planID: PreventivePlanID(planId), type: type, region: region,
            frequency: try LegalFrequency(
                months: frequencyMonths, source: frequencySource, verified: frequencyVerified,
                overridden: frequencyOverridden),
            dueOn: try CalendarDate(parsing: dueOn), scheduledOn: try scheduledOn.map { try CalendarDate(parsing: $0) },
            inspector: inspector, status: status, startedAt: startedAt,
            completedOn: try completedOn.map { try CalendarDate(parsing: $0) }, findings: findings,
            certificateID: certificateDocumentId.map(DocumentID.init),
            certificateValidUntil: try certificateValidUntil.map { try CalendarDate(parsing: $0) },
            interventionID: interventionId.map(InterventionID.init), createdAt: createdAt)
    }
}

struct SQLTechnicalInspectionRepository: TechnicalInspectionRepository {
    let db: any SQLDatabase

    private static let open = [
        TechnicalInspection.Status.scheduled.rawValue, TechnicalInspection.Status.inProgress.rawValue,
    ]

    func insert(_ inspection: TechnicalInspection) async throws {
        try await db.insert(into: "technical_inspections")
            .model(TechnicalInspectionRow(inspection), nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: TechnicalInspectionID) async throws -> TechnicalInspection? {
        try await db.select().columns("*").from("technical_inspections").where("id", .equal, id.rawValue)
            .first(decoding: TechnicalInspectionRow.self, with: rowDecoder)?.domain()
    }

    func update(_ inspection: TechnicalInspection) async throws {
        let row = TechnicalInspectionRow(inspection)
        try await db.update("technical_inspections").set("status", to: row.status)
            .set("started_at", to: row.startedAt).set("completed_on", to: row.completedOn)
            .set("findings", to: row.findings).set("certificate_document_id", to: row.certificateDocumentId)
            .set("certificate_valid_until", to: row.certificateValidUntil)
            .set("intervention_id", to: row.interventionId).where("id", .equal, row.id).run()
    }

    func list(
        of organization: OrganizationID, building: BuildingID?, filter: TechnicalInspectionFilter, page: PageRequest
    ) async throws -> Page<TechnicalInspection> {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.where("organization_id", .equal, organization.rawValue)
            if let building { query = query.where("building_id", .equal, building.rawValue) }
            if let status = filter.status { query = query.where("status", .equal, status.rawValue) }
            if let day = filter.dueOnOrBefore {
                query = query.where("due_on", .lessThanOrEqual, day.description)
                if filter.status == nil { query = query.where("status", .in, Self.open) }
            }
            return query
        }
        let (rows, total) = try await db.page(
            "technical_inspections", page, as: TechnicalInspectionRow.self, filtered: filtered,
            ordered: { $0.orderBy("due_on").orderBy("created_at").orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func plan(of equipement: EquipementID, type: InspectionType) async throws -> PreventivePlanID? {
        try await db.select().column("plan_id").from("regulated_plans")
            .where("equipement_id", .equal, equipement.rawValue).where("inspection_type", .equal, type.rawValue)
            .first()
            .map { PreventivePlanID(try $0.decode(column: "plan_id", as: UUID.self)) }
    }

    func link(plan: PreventivePlanID, equipement: EquipementID, type: InspectionType, organization: OrganizationID)
        async throws
    {
        try await db.insert(into: "regulated_plans")
            .columns("plan_id", "organization_id", "equipement_id", "inspection_type")
            .values(
                SQLBind(plan.rawValue), SQLBind(organization.rawValue), SQLBind(equipement.rawValue),
                SQLBind(type.rawValue)
            ).run()
    }

    func open(of plan: PreventivePlanID) async throws -> TechnicalInspection? {
        try await db.select().columns("*").from("technical_inspections").where("plan_id", .equal, plan.rawValue)
            .where("status", .in, Self.open).first(decoding: TechnicalInspectionRow.self, with: rowDecoder)?
            .domain()
    }

    func openDue(onOrBefore day: CalendarDate) async throws -> [TechnicalInspection] {
        try await db.select().columns("*").from("technical_inspections").where("status", .in, Self.open)
            .where("due_on", .lessThanOrEqual, day.description).orderBy("due_on").orderBy("id")
            .all(decoding: TechnicalInspectionRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func alertsSent(of inspection: TechnicalInspectionID) async throws -> [Int] {
        try await db.select().column("days_before").from("technical_inspection_alerts")
            .where("inspection_id", .equal, inspection.rawValue).orderBy("days_before", .descending).all()
            .map { try $0.decode(column: "days_before", as: Int.self) }
    }

    func recordAlert(of inspection: TechnicalInspectionID, days: Int, at date: Date) async throws -> Bool {
        let inserted = try await db.raw(
            """
            INSERT INTO technical_inspection_alerts (inspection_id, organization_id, days_before, sent_at)
            SELECT id, organization_id, \(bind: days), \(bind: date) FROM technical_inspections
            WHERE id = \(bind: inspection.rawValue)
            ON CONFLICT (inspection_id, days_before) DO NOTHING
            RETURNING days_before
            """
        ).first()
        return inserted != nil
    }
}

struct SQLInspectionFrequencyRepository: InspectionFrequencyRepository {
    let db: any SQLDatabase

    func overrides(of organization: OrganizationID) async throws -> [String: LegalFrequency] {
        var result: [String: LegalFrequency] = [:]
        for row in try await db.select().columns("inspection_type", "region", "months", "source")
            .from("inspection_frequencies").where("organization_id", .equal, organization.rawValue).all()
        {
            let type = try row.decode(column: "inspection_type", as: String.self)
            let region = try row.decode(column: "region", as: String.self)
            result["\(type)/\(region)"] = try LegalFrequency(
                months: try row.decode(column: "months", as: Int.self),
                source: try row.decode(column: "source", as: String.self), verified: true, overridden: true)
        }
        return result
    }

    func setOverride(
        _ frequency: LegalFrequency, type: InspectionType, region: Region, of organization: OrganizationID,
        at date: Date
    ) async throws {
        try await db.raw(
            """
            INSERT INTO inspection_frequencies (organization_id, inspection_type, region, months, source, updated_at)
            VALUES (\(bind: organization.rawValue), \(bind: type.rawValue), \(bind: region.rawValue),
                \(bind: frequency.months), \(bind: frequency.source), \(bind: date))
            ON CONFLICT (organization_id, inspection_type, region) DO UPDATE SET months = excluded.months,
                source = excluded.source, updated_at = excluded.updated_at
            """
        ).run()
    }

    func removeOverride(type: InspectionType, region: Region, of organization: OrganizationID) async throws {
        try await db.delete(from: "inspection_frequencies").where("organization_id", .equal, organization.rawValue)
            .where("inspection_type", .equal, type.rawValue).where("region", .equal, region.rawValue).run()
    }
}
