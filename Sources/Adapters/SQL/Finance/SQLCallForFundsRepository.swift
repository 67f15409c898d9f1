import Application
import Domain
import Foundation
import SQLKit

struct CallForFundsRow: Codable {
    let id: UUID
    let buildingId: UUID
    let title: String
    let period: String
    let ordinaryCents: Int64
    let extraordinaryCents: Int64
    let currency: String
    let callDate: String
    let dueDate: String
    let status: String
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, title, period, currency, status
        case buildingId = "building_id"
        case ordinaryCents = "ordinary_cents"
        case extraordinaryCents = "extraordinary_cents"
        case callDate = "call_date"
        case dueDate = "due_date"
        case createdAt = "created_at"
    }

    init(_ call: CallForFunds) {
        id = call.id.rawValue
        buildingId = call.buildingID.rawValue
        title = call.title
        period = call.period.rawValue
        ordinaryCents = call.ordinary.minorUnits
        extraordinaryCents = call.extraordinary.minorUnits
        currency = call.ordinary.currency.code
        callDate = call.callDate.description
        dueDate = call.dueDate.description
        status = call.status.rawValue
        createdAt = call.createdAt
    }
}

struct ContributionRow: Codable {
    let callId: UUID
    let ownerId: UUID
    let amountCents: Int64
    let paidCents: Int64
    let communication: String?

    enum CodingKeys: String, CodingKey {
        case communication
        case callId = "call_id"
        case ownerId = "owner_id"
        case amountCents = "amount_cents"
        case paidCents = "paid_cents"
    }
}

struct OwnerPaymentRow: Codable {
    let id: UUID
    let callId: UUID
    let ownerId: UUID
    let buildingId: UUID
    let amountCents: Int64
    let paidOn: String
    let journalEntryId: UUID
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id
        case callId = "call_id"
        case ownerId = "owner_id"
        case buildingId = "building_id"
        case amountCents = "amount_cents"
        case paidOn = "paid_on"
        case journalEntryId = "journal_entry_id"
        case createdAt = "created_at"
    }
}

struct CalledAmountRow: Codable {
    let callId: UUID
    let buildingId: UUID
    let title: String
    let callDate: String
    let dueDate: String
    let amountCents: Int64

    enum CodingKeys: String, CodingKey {
        case title
        case callId = "call_id"
        case buildingId = "building_id"
        case callDate = "call_date"
        case dueDate = "due_date"
        case amountCents = "amount_cents"
    }
}

struct SQLCallForFundsRepository: CallForFundsRepository {
    let db: any SQLDatabase

    func insertPayments(_ payments: [OwnerPayment]) async throws {
        guard !payments.isEmpty else { return }
        try await db.insert(into: "owner_payments")
            .models(
                payments.map {
                    OwnerPaymentRow(
                        id: $0.id.rawValue, callId: $0.callID.rawValue, ownerId: $0.ownerID.rawValue,
                        buildingId: $0.buildingID.rawValue, amountCents: $0.amount.minorUnits,
                        paidOn: $0.paidOn.description, journalEntryId: $0.journalEntryID.rawValue,
                        createdAt: $0.createdAt)
                }
            ).run()
    }

    func calledAmounts(of owner: OwnerID, in building: BuildingID?) async throws -> [CalledAmount] {
        let scope: SQLQueryString = building.map { "AND c.building_id = \(bind: $0.rawValue)" } ?? ""
        let rows = try await db.raw(
            """
            SELECT c.id AS call_id, c.building_id, c.title, c.call_date, c.due_date, k.amount_cents
            FROM contributions k JOIN calls_for_funds c ON c.id = k.call_id
            WHERE k.owner_id = \(bind: owner.rawValue) AND c.status <> \(bind: CallForFunds.Status.draft.rawValue)
                AND k.amount_cents > 0 \(scope)
            ORDER BY c.call_date, c.id
            """
        ).all(decoding: CalledAmountRow.self, with: rowDecoder)
        return try rows.map {
            CalledAmount(
                callID: CallForFundsID($0.callId), buildingID: BuildingID($0.buildingId), title: $0.title,
                callDate: try CalendarDate(parsing: $0.callDate), dueDate: try CalendarDate(parsing: $0.dueDate),
                amount: Money(minorUnits: $0.amountCents))
        }
    }

    func payments(of owner: OwnerID, in building: BuildingID?) async throws -> [OwnerPayment] {
        var query = db.select().columns("*").from("owner_payments").where("owner_id", .equal, owner.rawValue)
        if let building { query = query.where("building_id", .equal, building.rawValue) }
        return try await query.orderBy("paid_on").orderBy("created_at").orderBy("id")
            .all(decoding: OwnerPaymentRow.self, with: rowDecoder)
            .map {
                OwnerPayment(
                    id: OwnerPaymentID($0.id), callID: CallForFundsID($0.callId), ownerID: OwnerID($0.ownerId),
                    buildingID: BuildingID($0.buildingId), amount: Money(minorUnits: $0.amountCents),
                    paidOn: try CalendarDate(parsing: $0.paidOn), journalEntryID: JournalEntryID($0.journalEntryId),
                    createdAt: $0.createdAt)
            }
    }

    func insert(_ call: CallForFunds) async throws {
        try await db.insert(into: "calls_for_funds").model(CallForFundsRow(call)).run()
        try await insertContributions(of: call)
    }

    func find(_ id: CallForFundsID) async throws -> CallForFunds? {
        guard
            let row = try await db.select().columns("*").from("calls_for_funds").where("id", .equal, id.rawValue)
                .first(decoding: CallForFundsRow.self, with: rowDecoder)
        else { return nil }
        return try await calls([row]).first
    }

    func list(of building: BuildingID, overdueOn: CalendarDate?, page: PageRequest) async throws -> Page<CallForFunds> {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.where("building_id", .equal, building.rawValue)
            if let overdueOn {
                query = query.where("status", .equal, CallForFunds.Status.sent.rawValue)
                    .where("due_date", .lessThan, overdueOn.description)
            }
            return query
        }
        let (rows, total) = try await db.page(
            "calls_for_funds", page, as: CallForFundsRow.self, filtered: filtered,
            ordered: { $0.orderBy("call_date", .descending).orderBy("id") })
        return Page(items: try await calls(rows), request: page, totalItems: total)
    }

    func overdue(in building: BuildingID, on day: CalendarDate) async throws -> [CallForFunds] {
        let rows = try await db.select().columns("*").from("calls_for_funds")
            .where("building_id", .equal, building.rawValue)
            .where("status", .equal, CallForFunds.Status.sent.rawValue)
            .where("due_date", .lessThan, day.description).orderBy("due_date").orderBy("id")
            .all(decoding: CallForFundsRow.self, with: rowDecoder)
        return try await calls(rows)
    }

    func sent(in building: BuildingID, from: CalendarDate, through: CalendarDate) async throws -> [CallForFunds] {
        let rows = try await db.select().columns("*").from("calls_for_funds")
            .where("building_id", .equal, building.rawValue)
            .where("status", .in, [CallForFunds.Status.sent.rawValue, CallForFunds.Status.paid.rawValue])
            .where("call_date", .greaterThanOrEqual, from.description)
            .where("call_date", .lessThanOrEqual, through.description).orderBy("call_date").orderBy("id")
            .all(decoding: CallForFundsRow.self, with: rowDecoder)
        return try await calls(rows)
    }

    func contribution(communicated: StructuredCommunication, in organization: OrganizationID) async throws
        -> (call: CallForFundsID, owner: OwnerID)?
    {
        guard
            let row = try await db.raw(
                """
                SELECT k.call_id, k.owner_id FROM contributions k
                JOIN calls_for_funds c ON c.id = k.call_id JOIN buildings b ON b.id = c.building_id
                WHERE k.communication = \(bind: communicated.digits) AND b.organization_id = \(bind: organization.rawValue)
                """
            ).first()
        else { return nil }
        return (
            CallForFundsID(try row.decode(column: "call_id", as: UUID.self)),
            OwnerID(try row.decode(column: "owner_id", as: UUID.self))
        )
    }

    func update(_ call: CallForFunds) async throws {
        try await db.update("calls_for_funds").set("status", to: call.status.rawValue)
            .where("id", .equal, call.id.rawValue).run()
        try await db.delete(from: "contributions").where("call_id", .equal, call.id.rawValue).run()
        try await insertContributions(of: call)
    }

    func reserveCommunications(_ count: Int, of organization: OrganizationID) async throws -> [Int] {
        guard count > 0 else { return [] }
        let last = try await db.raw(
            """
            INSERT INTO communication_counters (organization_id, last_number)
            VALUES (\(bind: organization.rawValue), \(bind: count))
            ON CONFLICT (organization_id) DO UPDATE SET last_number = communication_counters.last_number + \(bind: count)
            RETURNING last_number
            """
        ).first()?.decode(column: "last_number", as: Int.self)
        guard let last else { throw CorruptRow(table: "communication_counters", reason: "no number returned") }
        return Array((last - count + 1)...last)
    }

    func delete(_ id: CallForFundsID) async throws {
        try await db.delete(from: "calls_for_funds").where("id", .equal, id.rawValue).run()
    }

    private func insertContributions(of call: CallForFunds) async throws {
        guard !call.contributions.isEmpty else { return }
        try await db.insert(into: "contributions")
            .models(
                call.contributions.map {
                    ContributionRow(
                        callId: call.id.rawValue, ownerId: $0.ownerID.rawValue, amountCents: $0.amount.minorUnits,
                        paidCents: $0.paid.minorUnits, communication: $0.communication?.digits)
                },
                nilEncodingStrategy: .asNil
            ).run()
    }

    private func calls(_ rows: [CallForFundsRow]) async throws -> [CallForFunds] {
        guard !rows.isEmpty else { return [] }
        let contributionRows = try await db.select().columns("*").from("contributions")
            .where("call_id", .in, rows.map(\.id))
            .all(decoding: ContributionRow.self, with: rowDecoder)
        let byCall = Dictionary(grouping: contributionRows, by: \.callId)
        return try rows.map { row in
            guard let period = CallForFunds.Period(rawValue: row.period),
                let status = CallForFunds.Status(rawValue: row.status)
            else { throw CorruptRow(table: "calls_for_funds", reason: "period or status of \(row.id)") }
            let currency = try Currency(row.currency)
            let contributions = (byCall[row.id] ?? []).sorted { $0.ownerId.uuidString < $1.ownerId.uuidString }.map {
                Contribution(
                    ownerID: OwnerID($0.ownerId), amount: Money(minorUnits: $0.amountCents, currency: currency),
                    paid: Money(minorUnits: $0.paidCents, currency: currency),
                    communication: $0.communication.flatMap(StructuredCommunication.init))
            }
            return try CallForFunds(
                id: CallForFundsID(row.id), buildingID: BuildingID(row.buildingId), title: row.title, period: period,
                ordinary: Money(minorUnits: row.ordinaryCents, currency: currency),
                extraordinary: Money(minorUnits: row.extraordinaryCents, currency: currency),
                callDate: try CalendarDate(parsing: row.callDate), dueDate: try CalendarDate(parsing: row.dueDate),
                status: status, contributions: contributions, createdAt: row.createdAt)
        }
    }
}
