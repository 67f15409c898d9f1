import Application
import Domain
import Foundation
import SQLKit

struct BudgetRow: Codable {
    let id: UUID
    let buildingId: UUID
    let fiscalYear: Int
    let ordinaryCents: Int64
    let extraordinaryCents: Int64
    let currency: String
    let linesJson: String
    let notes: String?
    let status: String
    let generalAssemblyDate: String?
    let resolutionRef: String?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, currency, notes, status
        case buildingId = "building_id"
        case fiscalYear = "fiscal_year"
        case ordinaryCents = "ordinary_cents"
        case extraordinaryCents = "extraordinary_cents"
        case linesJson = "lines_json"
        case generalAssemblyDate = "general_assembly_date"
        case resolutionRef = "resolution_ref"
        case createdAt = "created_at"
    }
}

extension BudgetRow {
    init(_ budget: Budget) throws {
        self.init(
            id: budget.id.rawValue, buildingId: budget.buildingID.rawValue, fiscalYear: budget.fiscalYear,
            ordinaryCents: budget.ordinary.minorUnits, extraordinaryCents: budget.extraordinary.minorUnits,
            currency: budget.ordinary.currency.code,
            linesJson: String(decoding: try JSONEncoder().encode(budget.lines), as: UTF8.self), notes: budget.notes,
            status: budget.status.rawValue, generalAssemblyDate: budget.generalAssemblyDate?.description,
            resolutionRef: budget.resolutionRef, createdAt: budget.createdAt)
    }

    func domain() throws -> Budget {
        guard let status = Budget.Status(rawValue: status) else {
            throw CorruptRow(table: "budgets", reason: "unknown status \(status)")
        }
        let currency = try Currency(currency)
        return try Budget(
            id: BudgetID(id), buildingID: BuildingID(buildingId), fiscalYear: fiscalYear,
            ordinary: Money(minorUnits: ordinaryCents, currency: currency),
            extraordinary: Money(minorUnits: extraordinaryCents, currency: currency),
            lines: try JSONDecoder().decode([BudgetLine].self, from: Data(linesJson.utf8)), notes: notes,
            status: status,
            generalAssemblyDate: try generalAssemblyDate.map { try CalendarDate(parsing: $0) },
            resolutionRef: resolutionRef,
            createdAt: createdAt)
    }
}

struct SQLBudgetRepository: BudgetRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ budget: Budget) async throws {
        try await db.insert(into: "budgets").row(try BudgetRow(budget)).run()
    }

    func find(_ id: BudgetID) async throws -> Budget? {
        try await db.select().columns("*").from("budgets").where("id", .equal, id.rawValue)
            .first(decoding: BudgetRow.self, with: rowDecoder)?.domain()
    }

    func list(of building: BuildingID, page: PageRequest) async throws -> Page<Budget> {
        let total = try await db.count(from: "budgets", where: "building_id", equals: building.rawValue)
        let rows = try await db.select().columns("*").from("budgets").where("building_id", .equal, building.rawValue)
            .orderBy("fiscal_year", .descending).orderBy("created_at").orderBy("id")
            .limit(page.perPage).offset(page.offset)
            .all(decoding: BudgetRow.self, with: rowDecoder)
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func update(_ budget: Budget) async throws {
        let row = try BudgetRow(budget)
        do {
            try await db.update("budgets")
                .set("fiscal_year", to: row.fiscalYear).set("ordinary_cents", to: row.ordinaryCents)
                .set("extraordinary_cents", to: row.extraordinaryCents).set("lines_json", to: row.linesJson)
                .set("notes", to: row.notes).set("status", to: row.status)
                .set("general_assembly_date", to: row.generalAssemblyDate).set("resolution_ref", to: row.resolutionRef)
                .where("id", .equal, row.id)
                .run()
        } catch  where dialect.isUniqueViolation(error) {
            // The partial unique index is the last word when two activations race.
            throw BudgetError.alreadyActive(fiscalYear: budget.fiscalYear)
        }
    }

    func delete(_ id: BudgetID) async throws {
        try await db.delete(from: "budgets").where("id", .equal, id.rawValue).run()
    }

    func active(in building: BuildingID, fiscalYear: Int) async throws -> Budget? {
        try await db.select().columns("*").from("budgets")
            .where("building_id", .equal, building.rawValue)
            .where("fiscal_year", .equal, fiscalYear)
            .where("status", .equal, Budget.Status.active.rawValue)
            .first(decoding: BudgetRow.self, with: rowDecoder)?.domain()
    }
}
