import Application
import Domain
import Foundation
import SQLKit

struct ChargeKeyRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let name: String
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case createdAt = "created_at"
    }
}

struct ChargeKeyWeightRow: Codable {
    let keyId: UUID
    let organizationId: UUID
    let lotId: UUID
    let weight: Int64

    enum CodingKeys: String, CodingKey {
        case weight
        case keyId = "key_id"
        case organizationId = "organization_id"
        case lotId = "lot_id"
    }
}

struct ChargeKeyAccountRow: Codable {
    let keyId: UUID
    let organizationId: UUID
    let buildingId: UUID
    let accountCode: String

    enum CodingKeys: String, CodingKey {
        case keyId = "key_id"
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case accountCode = "account_code"
    }
}

struct SQLChargeKeyRepository: ChargeKeyRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ key: ChargeKey) async throws {
        try await db.insert(into: "charge_keys").model(
            ChargeKeyRow(
                id: key.id.rawValue, organizationId: key.organizationID.rawValue, buildingId: key.buildingID.rawValue,
                name: key.name, createdAt: key.createdAt)
        ).run()
        try await insertParts(of: key)
    }

    func update(_ key: ChargeKey) async throws {
        try await db.update("charge_keys").set("name", to: key.name).where("id", .equal, key.id.rawValue).run()
        try await db.delete(from: "charge_key_weights").where("key_id", .equal, key.id.rawValue).run()
        try await db.delete(from: "charge_key_accounts").where("key_id", .equal, key.id.rawValue).run()
        try await insertParts(of: key)
    }

    private func insertParts(of key: ChargeKey) async throws {
        let weights = key.weights.sorted { $0.key.rawValue.uuidString < $1.key.rawValue.uuidString }.map {
            ChargeKeyWeightRow(
                keyId: key.id.rawValue, organizationId: key.organizationID.rawValue, lotId: $0.key.rawValue,
                weight: $0.value)
        }
        if !weights.isEmpty { try await db.insert(into: "charge_key_weights").models(weights).run() }
        for code in key.accounts {
            do {
                try await db.insert(into: "charge_key_accounts").model(
                    ChargeKeyAccountRow(
                        keyId: key.id.rawValue, organizationId: key.organizationID.rawValue,
                        buildingId: key.buildingID.rawValue, accountCode: code)
                ).run()
            } catch  where dialect.isUniqueViolation(error) {
                throw ChargeAccountTaken(accountCode: code)
            }
        }
    }

    func find(_ id: ChargeKeyID) async throws -> ChargeKey? {
        let rows = try await db.select().columns("*").from("charge_keys").where("id", .equal, id.rawValue)
            .all(decoding: ChargeKeyRow.self, with: rowDecoder)
        return try await keys(rows).first
    }

    func keys(of building: BuildingID) async throws -> [ChargeKey] {
        try await keys(
            try await db.select().columns("*").from("charge_keys").where("building_id", .equal, building.rawValue)
                .orderBy("name").orderBy("id").all(decoding: ChargeKeyRow.self, with: rowDecoder))
    }

    /// The keys of the rows, with their weights and accounts read in two statements.
    private func keys(_ rows: [ChargeKeyRow]) async throws -> [ChargeKey] {
        guard !rows.isEmpty else { return [] }
        let ids = rows.map(\.id)
        let weights = Dictionary(
            grouping: try await db.select().columns("*").from("charge_key_weights").where("key_id", .in, ids)
                .all(decoding: ChargeKeyWeightRow.self, with: rowDecoder), by: \.keyId)
        let accounts = Dictionary(
            grouping: try await db.select().columns("*").from("charge_key_accounts").where("key_id", .in, ids)
                .all(decoding: ChargeKeyAccountRow.self, with: rowDecoder), by: \.keyId)
        return try rows.map { row in
            try ChargeKey(
                id: ChargeKeyID(row.id), organizationID: OrganizationID(row.organizationId),
                buildingID: BuildingID(row.buildingId), name: row.name,
                weights: Dictionary(
                    (weights[row.id] ?? []).map { (LotID($0.lotId), $0.weight) },
                    uniquingKeysWith: { first, _ in first }),
                accounts: (accounts[row.id] ?? []).map(\.accountCode), createdAt: row.createdAt)
        }
    }
}

struct ChargeStatementClosureRow: Codable {
    let buildingId: UUID
    let fiscalYear: Int
    let organizationId: UUID
    let journalEntryId: UUID?
    let closedAt: Date

    enum CodingKeys: String, CodingKey {
        case buildingId = "building_id"
        case fiscalYear = "fiscal_year"
        case organizationId = "organization_id"
        case journalEntryId = "journal_entry_id"
        case closedAt = "closed_at"
    }
}

struct SQLChargeStatementClosureRepository: ChargeStatementClosureRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func closure(of building: BuildingID, fiscalYear: Int) async throws -> ChargeStatementClosure? {
        try await db.select().columns("*").from("charge_statement_closures")
            .where("building_id", .equal, building.rawValue).where("fiscal_year", .equal, fiscalYear)
            .first(decoding: ChargeStatementClosureRow.self, with: rowDecoder).map {
                ChargeStatementClosure(
                    fiscalYear: $0.fiscalYear, journalEntryID: $0.journalEntryId.map(JournalEntryID.init),
                    closedAt: $0.closedAt)
            }
    }

    func insert(_ closure: ChargeStatementClosure, of building: BuildingID) async throws {
        do {
            try await db.raw(
                """
                INSERT INTO charge_statement_closures (building_id, fiscal_year, organization_id, journal_entry_id, closed_at)
                SELECT id, \(bind: closure.fiscalYear), organization_id, \(bind: closure.journalEntryID?.rawValue),
                    \(bind: closure.closedAt)
                FROM buildings WHERE id = \(bind: building.rawValue)
                """
            ).run()
        } catch  where dialect.isUniqueViolation(error) {
            throw StatementsClosed(fiscalYear: closure.fiscalYear)
        }
    }
}
