import Application
import Domain
import Foundation
import SQLKit

struct BuildingRow: Codable {
    let id: UUID
    let organizationId: UUID
    let name: String
    let address: String
    let city: String
    let postalCode: String
    let country: String
    let totalTantiemes: Int
    let createdAt: Date
    let workingFundIban: String?
    let reserveFundIban: String?
    let timeZone: String

    enum CodingKeys: String, CodingKey {
        case timeZone = "time_zone"
        case id, name, address, city, country
        case workingFundIban = "working_fund_iban"
        case reserveFundIban = "reserve_fund_iban"
        case organizationId = "organization_id"
        case postalCode = "postal_code"
        case totalTantiemes = "total_tantiemes"
        case createdAt = "created_at"
    }
}

extension BuildingRow {
    init(_ building: Building) {
        self.init(
            id: building.id.rawValue, organizationId: building.organizationID.rawValue, name: building.name,
            address: building.address, city: building.city, postalCode: building.postalCode, country: building.country,
            totalTantiemes: building.totalTantiemes, createdAt: building.createdAt,
            workingFundIban: building.workingFundAccount?.value, reserveFundIban: building.reserveFundAccount?.value,
            timeZone: building.timeZone)
    }

    func domain() throws -> Building {
        try Building(
            id: BuildingID(id), organizationID: OrganizationID(organizationId), name: name, address: address,
            city: city,
            postalCode: postalCode, country: country, totalTantiemes: totalTantiemes, createdAt: createdAt,
            workingFundAccount: workingFundIban.flatMap(IBAN.init),
            reserveFundAccount: reserveFundIban.flatMap(IBAN.init), timeZone: timeZone)
    }
}

struct SQLBuildingRepository: BuildingRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ building: Building) async throws {
        try await db.insert(into: "buildings").row(BuildingRow(building)).run()
    }

    func find(_ id: BuildingID) async throws -> Building? {
        try await db.select().columns("*").from("buildings").where("id", .equal, id.rawValue)
            .first(decoding: BuildingRow.self, with: rowDecoder)?.domain()
    }

    func list(of organization: OrganizationID, page: PageRequest) async throws -> Page<Building> {
        let total = try await db.count(from: "buildings", where: "organization_id", equals: organization.rawValue)
        let rows = try await db.select().columns("*").from("buildings")
            .where("organization_id", .equal, organization.rawValue)
            .orderBy("name").orderBy("id")
            .limit(page.perPage).offset(page.offset)
            .all(decoding: BuildingRow.self, with: rowDecoder)
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func update(_ building: Building) async throws {
        try await db.update("buildings")
            .set("name", to: building.name).set("address", to: building.address).set("city", to: building.city)
            .set("postal_code", to: building.postalCode).set("country", to: building.country)
            .set("total_tantiemes", to: building.totalTantiemes).set("time_zone", to: building.timeZone)
            .set(
                "working_fund_iban",
                to: building.workingFundAccount.map { SQLBind($0.value) as any SQLExpression } ?? SQLLiteral.null
            )
            .set(
                "reserve_fund_iban",
                to: building.reserveFundAccount.map { SQLBind($0.value) as any SQLExpression } ?? SQLLiteral.null
            )
            .where("id", .equal, building.id.rawValue)
            .run()
    }

    func lock(_ id: BuildingID) async throws {
        try await db.lockRow(of: "buildings", id: id.rawValue, dialect: dialect)
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements (statements kept under the databases'
    /// bound-parameter limits).
    func chunks(of size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}

extension SQLDatabase {
    /// Inserts rows a few hundred per statement (an import of thousands is a handful of round
    /// trips), under both databases' bound-parameter limits. Absent values are written as NULL,
    /// so every row of a statement has the same columns.
    func insertInChunks<Row: Encodable & Sendable>(into table: String, _ rows: [Row], chunk: Int = 400)
        async throws
    {
        for part in rows.chunks(of: chunk) {
            try await insert(into: table).models(part, nilEncodingStrategy: .asNil).run()
        }
    }

    /// Holds one row until the transaction ends (a row lock on PostgreSQL; SQLite writers are
    /// serialized already).
    func lockRow(of table: String, id: UUID, dialect: SQLDialect) async throws {
        guard let statement = dialect.rowLockSuffix else { return }
        _ = try await select().column("id").from(table).where("id", .equal, id).lockingClause(SQLRaw(statement))
            .all()
    }

    /// One page of a filtered table and the filter's total, in two statements whatever the page
    /// size: `filtered` adds the WHERE clauses to both, `ordered` the ORDER BY to the page.
    func page<Row: Decodable>(
        _ table: String, _ request: PageRequest, as _: Row.Type,
        filtered: (SQLSelectBuilder) -> SQLSelectBuilder, ordered: (SQLSelectBuilder) -> SQLSelectBuilder
    ) async throws -> (rows: [Row], total: Int) {
        let total =
            try await filtered(select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from(table))
            .first(decodingColumn: "count", as: Int.self) ?? 0
        let rows = try await ordered(filtered(select().columns("*").from(table)))
            .limit(request.perPage).offset(request.offset)
            .all(decoding: Row.self, with: rowDecoder)
        return (rows, total)
    }

    /// `SELECT COUNT(*)` of the rows whose column equals a value.
    func count(from table: String, where column: String, equals value: some Encodable & Sendable) async throws -> Int {
        try await select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from(table)
            .where(SQLColumn(column), .equal, SQLBind(value))
            .first(decodingColumn: "count", as: Int.self) ?? 0
    }
}
