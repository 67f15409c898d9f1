import Application
import Domain
import Foundation
import SQLKit

struct BudgetAlertRow: Codable {
    let id: UUID
    let buildingId: UUID
    let budgetId: UUID
    let fiscalYear: Int
    let thresholdPercent: Int
    let consumedHundredths: Int64
    let budgetedCents: Int64
    let actualCents: Int64
    let raisedAt: Date

    enum CodingKeys: String, CodingKey {
        case id
        case buildingId = "building_id"
        case budgetId = "budget_id"
        case fiscalYear = "fiscal_year"
        case thresholdPercent = "threshold_percent"
        case consumedHundredths = "consumed_hundredths"
        case budgetedCents = "budgeted_cents"
        case actualCents = "actual_cents"
        case raisedAt = "raised_at"
    }

    init(_ alert: BudgetAlert) {
        id = alert.id.rawValue
        buildingId = alert.buildingID.rawValue
        budgetId = alert.budgetID.rawValue
        fiscalYear = alert.fiscalYear
        thresholdPercent = alert.thresholdPercent
        consumedHundredths = alert.consumed.hundredths
        budgetedCents = alert.budgeted.minorUnits
        actualCents = alert.actual.minorUnits
        raisedAt = alert.raisedAt
    }

    func domain() -> BudgetAlert {
        BudgetAlert(
            id: BudgetAlertID(id), buildingID: BuildingID(buildingId), budgetID: BudgetID(budgetId),
            fiscalYear: fiscalYear, thresholdPercent: thresholdPercent,
            consumed: Percentage(hundredths: consumedHundredths), budgeted: Money(minorUnits: budgetedCents),
            actual: Money(minorUnits: actualCents), raisedAt: raisedAt)
    }
}

struct SQLBudgetAlertRepository: BudgetAlertRepository {
    let db: any SQLDatabase

    func thresholds(of building: BuildingID) async throws -> AlertThresholds? {
        guard
            let json = try await db.select().column("percents_json").from("budget_alert_thresholds")
                .where("building_id", .equal, building.rawValue)
                .first(decodingColumn: "percents_json", as: String.self)
        else { return nil }
        return try AlertThresholds(try JSONDecoder().decode([Int].self, from: Data(json.utf8)))
    }

    func setThresholds(_ thresholds: AlertThresholds, of building: BuildingID) async throws {
        let json = String(decoding: try JSONEncoder().encode(thresholds.percents), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO budget_alert_thresholds (building_id, percents_json) VALUES (\(bind: building.rawValue), \(bind: json))
            ON CONFLICT (building_id) DO UPDATE SET percents_json = excluded.percents_json
            """
        ).run()
    }

    func raised(for budget: BudgetID) async throws -> Set<Int> {
        let rows = try await db.select().column("threshold_percent").from("budget_alerts")
            .where("budget_id", .equal, budget.rawValue).all()
        return Set(try rows.map { try $0.decode(column: "threshold_percent", as: Int.self) })
    }

    func insertOnce(_ alert: BudgetAlert) async throws -> Bool {
        let row = BudgetAlertRow(alert)
        return try await db.raw(
            """
            INSERT INTO budget_alerts (id, building_id, budget_id, fiscal_year, threshold_percent,
                consumed_hundredths, budgeted_cents, actual_cents, raised_at)
            VALUES (\(bind: row.id), \(bind: row.buildingId), \(bind: row.budgetId), \(bind: row.fiscalYear),
                \(bind: row.thresholdPercent), \(bind: row.consumedHundredths), \(bind: row.budgetedCents),
                \(bind: row.actualCents), \(bind: row.raisedAt))
            ON CONFLICT (budget_id, threshold_percent) DO NOTHING
            RETURNING id
            """
        ).first() != nil
    }

    func list(of building: BuildingID, page: PageRequest) async throws -> Page<BudgetAlert> {
        let total = try await db.count(from: "budget_alerts", where: "building_id", equals: building.rawValue)
        let rows = try await db.select().columns("*").from("budget_alerts")
            .where("building_id", .equal, building.rawValue)
            .orderBy("raised_at", .descending).orderBy("threshold_percent", .descending).orderBy("id")
            .limit(page.perPage).offset(page.offset)
            .all(decoding: BudgetAlertRow.self, with: rowDecoder)
        return Page(items: rows.map { $0.domain() }, request: page, totalItems: total)
    }
}
