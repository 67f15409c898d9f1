import Application
import Domain
import Foundation
import SQLKit

struct BankStatementRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let format: String
    let account: String
    let number: String
    let statementDate: String
    let openingBalance: Int64
    let closingBalance: Int64
    let importedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, format, account, number
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case statementDate = "statement_date"
        case openingBalance = "opening_balance"
        case closingBalance = "closing_balance"
        case importedAt = "imported_at"
    }

    init(_ statement: BankStatement) {
        id = statement.id.rawValue
        organizationId = statement.organizationID.rawValue
        buildingId = statement.buildingID.rawValue
        format = statement.format.rawValue
        account = statement.account
        number = statement.number
        statementDate = statement.date.description
        openingBalance = statement.openingBalance.minorUnits
        closingBalance = statement.closingBalance.minorUnits
        importedAt = statement.importedAt
    }

    func domain() throws -> BankStatement {
        guard let format = BankStatementFile.Format(rawValue: format) else {
            throw CorruptRow(table: "bank_statements", reason: "format of \(id)")
        }
        return BankStatement(
            id: BankStatementID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            format: format, account: account, number: number, date: try CalendarDate(parsing: statementDate),
            openingBalance: Money(minorUnits: openingBalance), closingBalance: Money(minorUnits: closingBalance),
            importedAt: importedAt)
    }
}

struct BankLineRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let statementId: UUID
    let sequence: Int
    let lineDate: String
    let amount: Int64
    let counterpartyName: String?
    let counterpartyIban: String?
    let communication: String?
    let freeText: String?
    let bankReference: String?
    let status: String
    let ownerId: UUID?
    let callId: UUID?
    let note: String?

    enum CodingKeys: String, CodingKey {
        case id, sequence, amount, communication, status, note
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case statementId = "statement_id"
        case lineDate = "line_date"
        case counterpartyName = "counterparty_name"
        case counterpartyIban = "counterparty_iban"
        case freeText = "free_text"
        case bankReference = "bank_reference"
        case ownerId = "owner_id"
        case callId = "call_id"
    }

    init(_ line: BankLine) {
        id = line.id.rawValue
        organizationId = line.organizationID.rawValue
        buildingId = line.buildingID.rawValue
        statementId = line.statementID.rawValue
        sequence = line.movement.sequence
        lineDate = line.movement.date.description
        amount = line.movement.amount.minorUnits
        counterpartyName = line.movement.counterpartyName
        counterpartyIban = line.movement.counterpartyIBAN?.value
        communication = line.movement.communication?.digits
        freeText = line.movement.freeText
        bankReference = line.movement.bankReference
        status = line.status.rawValue
        ownerId = line.ownerID?.rawValue
        callId = line.callID?.rawValue
        note = line.note
    }

    func domain() throws -> BankLine {
        guard let status = BankLine.Status(rawValue: status) else {
            throw CorruptRow(table: "bank_lines", reason: "status of \(id)")
        }
        return BankLine(
            id: BankLineID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            statementID: BankStatementID(statementId),
            movement: BankStatementFile.Movement(
                sequence: sequence, date: try CalendarDate(parsing: lineDate), amount: Money(minorUnits: amount),
                counterpartyName: counterpartyName, counterpartyIBAN: counterpartyIban.flatMap(IBAN.init),
                communication: communication.flatMap(StructuredCommunication.init), freeText: freeText,
                bankReference: bankReference),
            status: status, ownerID: ownerId.map(OwnerID.init), callID: callId.map(CallForFundsID.init), note: note)
    }
}

struct SQLBankStatementRepository: BankStatementRepository {
    let db: any SQLDatabase

    func insert(_ statement: BankStatement) async throws {
        try await db.insert(into: "bank_statements").model(BankStatementRow(statement)).run()
    }

    func find(_ id: BankStatementID) async throws -> BankStatement? {
        try await db.select().columns("*").from("bank_statements").where("id", .equal, id.rawValue)
            .first(decoding: BankStatementRow.self, with: rowDecoder)?.domain()
    }

    func find(in building: BuildingID, account: String, number: String) async throws -> BankStatement? {
        try await db.select().columns("*").from("bank_statements").where("building_id", .equal, building.rawValue)
            .where("account", .equal, account).where("number", .equal, number)
            .first(decoding: BankStatementRow.self, with: rowDecoder)?.domain()
    }

    func list(of building: BuildingID, page: PageRequest) async throws -> Page<BankStatement> {
        let (rows, total) = try await db.page(
            "bank_statements", page, as: BankStatementRow.self,
            filtered: { $0.where("building_id", .equal, building.rawValue) },
            ordered: { $0.orderBy("statement_date", .descending).orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func insert(_ lines: [BankLine]) async throws {
        guard !lines.isEmpty else { return }
        try await db.insertInChunks(into: "bank_lines", lines.map(BankLineRow.init))
    }

    func lines(of statement: BankStatementID) async throws -> [BankLine] {
        try await db.select().columns("*").from("bank_lines").where("statement_id", .equal, statement.rawValue)
            .orderBy("sequence").all(decoding: BankLineRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func line(_ id: BankLineID) async throws -> BankLine? {
        try await db.select().columns("*").from("bank_lines").where("id", .equal, id.rawValue)
            .first(decoding: BankLineRow.self, with: rowDecoder)?.domain()
    }

    func update(_ line: BankLine) async throws {
        try await db.update("bank_lines").set("status", to: line.status.rawValue)
            .set("owner_id", to: line.ownerID?.rawValue).set("call_id", to: line.callID?.rawValue)
            .set("note", to: line.note).where("id", .equal, line.id.rawValue).run()
    }

    func lines(of building: BuildingID, status: [BankLine.Status], page: PageRequest) async throws -> Page<BankLine> {
        let (rows, total) = try await db.page(
            "bank_lines", page, as: BankLineRow.self,
            filtered: {
                $0.where("building_id", .equal, building.rawValue).where("status", .in, status.map(\.rawValue))
            },
            ordered: { $0.orderBy("line_date").orderBy("statement_id").orderBy("sequence") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func payer(using iban: IBAN, in building: BuildingID) async throws -> OwnerID? {
        try await db.select().column("owner_id").from("bank_lines").where("building_id", .equal, building.rawValue)
            .where("counterparty_iban", .equal, iban.value).where("owner_id", .isNot, SQLLiteral.null)
            .where("status", .in, [BankLine.Status.matched.rawValue, BankLine.Status.assigned.rawValue])
            .orderBy("line_date", .descending).limit(1).first(decodingColumn: "owner_id", as: UUID.self)
            .map(OwnerID.init)
    }
}
