import Application
import Domain
import Foundation
import SQLKit

struct PreventivePlanRow: Codable {
    let id: UUID
    let organizationId: UUID
    let equipementId: UUID
    let title: String
    let everyCount: Int
    let everyUnit: String
    let nextDate: String
    let lastDate: String?
    let checklistJson: String
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, title
        case organizationId = "organization_id"
        case equipementId = "equipement_id"
        case everyCount = "every_count"
        case everyUnit = "every_unit"
        case nextDate = "next_date"
        case lastDate = "last_date"
        case checklistJson = "checklist_json"
        case createdAt = "created_at"
    }

    init(_ plan: PreventivePlan) throws {
        id = plan.id.rawValue
        organizationId = plan.organizationID.rawValue
        equipementId = plan.equipementID.rawValue
        title = plan.title
        everyCount = plan.frequency.every
        everyUnit = plan.frequency.unit.rawValue
        nextDate = plan.nextDate.description
        lastDate = plan.lastDate?.description
        checklistJson = String(decoding: try JSONEncoder().encode(plan.checklist), as: UTF8.self)
        createdAt = plan.createdAt
    }

    func domain() throws -> PreventivePlan {
        guard let unit = Frequency.Unit(rawValue: everyUnit) else {
            throw CorruptRow(table: "preventive_plans", reason: "every_unit of \(id)")
        }
        return try PreventivePlan(
            id: PreventivePlanID(id), organizationID: OrganizationID(organizationId),
            equipementID: EquipementID(equipementId), title: title,
            frequency: try Frequency(every: everyCount, unit: unit), nextDate: try CalendarDate(parsing: nextDate),
            lastDate: try lastDate.map { try CalendarDate(parsing: $0) },
            checklist: try JSONDecoder().decode([String].self, from: Data(checklistJson.utf8)), createdAt: createdAt)
    }
}

struct SQLPreventivePlanRepository: PreventivePlanRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ plan: PreventivePlan) async throws {
        try await db.insert(into: "preventive_plans").model(try PreventivePlanRow(plan), nilEncodingStrategy: .asNil)
            .run()
    }

    func find(_ id: PreventivePlanID) async throws -> PreventivePlan? {
        try await db.select().columns("*").from("preventive_plans").where("id", .equal, id.rawValue)
            .first(decoding: PreventivePlanRow.self, with: rowDecoder)?.domain()
    }

    func list(of organization: OrganizationID, page: PageRequest) async throws -> Page<PreventivePlan> {
        let total = try await db.count(
            from: "preventive_plans", where: "organization_id", equals: organization.rawValue)
        let rows = try await db.select().columns("*").from("preventive_plans")
            .where("organization_id", .equal, organization.rawValue)
            .orderBy("next_date").orderBy("id").limit(page.perPage).offset(page.offset)
            .all(decoding: PreventivePlanRow.self, with: rowDecoder)
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func update(_ plan: PreventivePlan) async throws {
        let row = try PreventivePlanRow(plan)
        try await db.update("preventive_plans").set("equipement_id", to: row.equipementId)
            .set("title", to: row.title).set("every_count", to: row.everyCount).set("every_unit", to: row.everyUnit)
            .set("next_date", to: row.nextDate).set("last_date", to: row.lastDate)
            .set("checklist_json", to: row.checklistJson)
            .where("id", .equal, row.id).run()
    }

    func delete(_ id: PreventivePlanID) async throws {
        try await db.update("interventions").set("planning_id", to: SQLLiteral.null)
            .where("planning_id", .equal, id.rawValue).run()
        try await db.delete(from: "preventive_plans").where("id", .equal, id.rawValue).run()
    }

    func dueForUpdate(on day: CalendarDate) async throws -> [PreventivePlan] {
        var query = db.select().columns("*").from("preventive_plans")
            .where("next_date", .lessThanOrEqual, day.description).orderBy("next_date").orderBy("id")
        if let lock = dialect.rowLockSuffix { query = query.lockingClause(SQLRaw(lock)) }
        return try await query.all(decoding: PreventivePlanRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func recordRun(
        plan: PreventivePlanID, dueDate: CalendarDate, intervention: InterventionID?, skipped: Bool, at date: Date
    ) async throws -> Bool {
        try await db.raw(
            """
            INSERT INTO preventive_runs (plan_id, due_date, intervention_id, skipped, created_at)
            VALUES (\(bind: plan.rawValue), \(bind: dueDate.description), \(bind: intervention?.rawValue),
                \(bind: skipped), \(bind: date))
            ON CONFLICT (plan_id, due_date) DO NOTHING
            RETURNING plan_id
            """
        ).first() != nil
    }

    func skippedDates(of plan: PreventivePlanID) async throws -> [CalendarDate] {
        try await db.select().column("due_date").from("preventive_runs").where("plan_id", .equal, plan.rawValue)
            .where("skipped", .equal, true).orderBy("due_date").all()
            .map { try CalendarDate(parsing: try $0.decode(column: "due_date", as: String.self)) }
    }
}

struct SQLMaintenanceSettingsRepository: MaintenanceSettingsRepository {
    let db: any SQLDatabase

    func sla(of organization: OrganizationID) async throws -> SLAPolicy? {
        guard
            let row = try await db.select().columns("*").from("sla_settings")
                .where("organization_id", .equal, organization.rawValue).first()
        else { return nil }
        var minutes: [Intervention.Priority: Int] = [:]
        for priority in Intervention.Priority.allCases {
            minutes[priority] = try row.decode(column: "\(priority.rawValue)_minutes", as: Int.self)
        }
        return try SLAPolicy(minutes: minutes)
    }

    func setSLA(_ policy: SLAPolicy, of organization: OrganizationID) async throws {
        let value = policy.minutes(for:)
        try await db.raw(
            """
            INSERT INTO sla_settings (organization_id, urgente_minutes, haute_minutes, normale_minutes, basse_minutes)
            VALUES (\(bind: organization.rawValue), \(bind: value(.urgente)), \(bind: value(.haute)),
                \(bind: value(.normale)), \(bind: value(.basse)))
            ON CONFLICT (organization_id) DO UPDATE SET urgente_minutes = excluded.urgente_minutes,
                haute_minutes = excluded.haute_minutes, normale_minutes = excluded.normale_minutes,
                basse_minutes = excluded.basse_minutes
            """
        ).run()
    }
}

struct SQLJobLockRepository: JobLockRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    /// A transaction-scoped advisory lock keyed by the job's name (stable across instances).
    func tryLock(job: String) async throws -> Bool {
        let key = job.utf8.reduce(Int64(4_242_100)) { ($0 &* 31) &+ Int64($1) }
        guard let statement = dialect.tryAdvisoryLockStatement(key: key) else { return true }
        return try await db.raw(SQLQueryString(statement)).first(decodingColumn: "locked", as: Bool.self) ?? false
    }
}
