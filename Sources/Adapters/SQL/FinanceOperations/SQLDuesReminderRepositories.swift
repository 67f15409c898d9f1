import Application
import Domain
import Foundation
import SQLKit

struct CollectionPolicyRow: Codable {
    let buildingId: UUID
    let organizationId: UUID
    let interestFrom: String
    let feeFirst: Int64
    let feeSecond: Int64
    let feeFormalNotice: Int64
    let automatic: Bool
    let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case automatic
        case buildingId = "building_id"
        case organizationId = "organization_id"
        case interestFrom = "interest_from"
        case feeFirst = "fee_first"
        case feeSecond = "fee_second"
        case feeFormalNotice = "fee_formal_notice"
        case updatedAt = "updated_at"
    }
}

struct CollectionRateRow: Codable {
    let buildingId: UUID
    let organizationId: UUID
    let year: Int
    let basisPoints: Int

    enum CodingKeys: String, CodingKey {
        case year
        case buildingId = "building_id"
        case organizationId = "organization_id"
        case basisPoints = "basis_points"
    }
}

struct SQLCollectionPolicyRepository: CollectionPolicyRepository {
    let db: any SQLDatabase

    func policy(of building: BuildingID) async throws -> CollectionPolicy? {
        guard
            let row = try await db.select().columns("*").from("collection_policies")
                .where("building_id", .equal, building.rawValue)
                .first(decoding: CollectionPolicyRow.self, with: rowDecoder)
        else { return nil }
        guard let start = CollectionPolicy.InterestStart(rawValue: row.interestFrom) else {
            throw CorruptRow(table: "collection_policies", reason: "interest_from of \(building)")
        }
        let rates = try await db.select().columns("*").from("collection_interest_rates")
            .where("building_id", .equal, building.rawValue)
            .all(decoding: CollectionRateRow.self, with: rowDecoder)
        return CollectionPolicy(
            interestStart: start,
            rates: Dictionary(
                uniqueKeysWithValues: try rates.map { ($0.year, try InterestRate(basisPoints: $0.basisPoints)) }),
            fees: [
                .first: Money(minorUnits: row.feeFirst), .second: Money(minorUnits: row.feeSecond),
                .formalNotice: Money(minorUnits: row.feeFormalNotice),
            ].filter { $0.value.minorUnits != 0 }, automatic: row.automatic)
    }

    func save(_ policy: CollectionPolicy, of building: BuildingID, organization: OrganizationID, at date: Date)
        async throws
    {
        try await db.raw(
            """
            INSERT INTO collection_policies (building_id, organization_id, interest_from, fee_first, fee_second,
                fee_formal_notice, automatic, updated_at)
            VALUES (\(bind: building.rawValue), \(bind: organization.rawValue), \(bind: policy.interestStart.rawValue),
                \(bind: policy.fee(at: .first).minorUnits), \(bind: policy.fee(at: .second).minorUnits),
                \(bind: policy.fee(at: .formalNotice).minorUnits), \(bind: policy.automatic), \(bind: date))
            ON CONFLICT (building_id) DO UPDATE SET interest_from = excluded.interest_from,
                fee_first = excluded.fee_first, fee_second = excluded.fee_second,
                fee_formal_notice = excluded.fee_formal_notice, automatic = excluded.automatic,
                updated_at = excluded.updated_at
            """
        ).run()
        try await db.delete(from: "collection_interest_rates").where("building_id", .equal, building.rawValue).run()
        let rates = policy.rates.sorted { $0.key < $1.key }.map {
            CollectionRateRow(
                buildingId: building.rawValue, organizationId: organization.rawValue, year: $0.key,
                basisPoints: $0.value.basisPoints)
        }
        if !rates.isEmpty { try await db.insert(into: "collection_interest_rates").models(rates).run() }
    }

    func automatic() async throws -> [(organization: OrganizationID, building: BuildingID)] {
        try await db.select().columns("organization_id", "building_id").from("collection_policies")
            .where("automatic", .equal, true).orderBy("building_id").all().map { row in
                (
                    OrganizationID(try row.decode(column: "organization_id", as: UUID.self)),
                    BuildingID(try row.decode(column: "building_id", as: UUID.self))
                )
            }
    }
}

struct DuesReminderRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let callId: UUID
    let ownerId: UUID
    let level: String
    let status: String
    let amount: Int64
    let dueDate: String
    let fee: Int64
    let createdOn: String
    let sentOn: String?
    let closedOn: String?
    let trackingNumber: String?
    let documentId: UUID?
    let feeEntryId: UUID?
    let forBailiff: Bool
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, level, status, amount, fee
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case callId = "call_id"
        case ownerId = "owner_id"
        case dueDate = "due_date"
        case createdOn = "created_on"
        case sentOn = "sent_on"
        case closedOn = "closed_on"
        case trackingNumber = "tracking_number"
        case documentId = "document_id"
        case feeEntryId = "fee_entry_id"
        case forBailiff = "for_bailiff"
        case createdAt = "created_at"
    }

    init(_ reminder: DuesReminder) {
        id = reminder.id.rawValue
        organizationId = reminder.organizationID.rawValue
        buildingId = reminder.buildingID.rawValue
        callId = reminder.callID.rawValue
        ownerId = reminder.ownerID.rawValue
        level = reminder.level.rawValue
        status = reminder.status.rawValue
        amount = reminder.amount.minorUnits
        dueDate = reminder.dueDate.description
        fee = reminder.fee.minorUnits
        createdOn = reminder.createdOn.description
        sentOn = reminder.sentOn?.description
        closedOn = reminder.closedOn?.description
        trackingNumber = reminder.trackingNumber?.value
        documentId = reminder.documentID?.rawValue
        feeEntryId = reminder.feeEntryID?.rawValue
        forBailiff = reminder.forBailiff
        createdAt = reminder.createdAt
    }

    func domain() throws -> DuesReminder {
        guard let level = ReminderLevel(rawValue: level), let status = DuesReminder.Status(rawValue: status) else {
            throw CorruptRow(table: "dues_reminders", reason: "level or status of \(id)")
        }
        return DuesReminder(
            id: DuesReminderID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            callID: CallForFundsID(callId), ownerID: OwnerID(ownerId), level: level, status: status,
            amount: Money(minorUnits: amount), dueDate: try CalendarDate(parsing: dueDate), fee: Money(minorUnits: fee),
            createdOn: try CalendarDate(parsing: createdOn), sentOn: try sentOn.map { try CalendarDate(parsing: $0) },
            closedOn: try closedOn.map { try CalendarDate(parsing: $0) },
            trackingNumber: try trackingNumber.map { try TrackingNumber(parsing: $0) },
            documentID: documentId.map(DocumentID.init), feeEntryID: feeEntryId.map(JournalEntryID.init),
            forBailiff: forBailiff, createdAt: createdAt)
    }
}

struct SQLDuesReminderRepository: DuesReminderRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ reminder: DuesReminder) async throws {
        do {
            try await db.insert(into: "dues_reminders").model(DuesReminderRow(reminder), nilEncodingStrategy: .asNil)
                .run()
        } catch  where dialect.isUniqueViolation(error) {
            throw FinanceOperationsError.reminderExists(reminder.level)
        }
    }

    func find(_ id: DuesReminderID) async throws -> DuesReminder? {
        try await db.select().columns("*").from("dues_reminders").where("id", .equal, id.rawValue)
            .first(decoding: DuesReminderRow.self, with: rowDecoder)?.domain()
    }

    func update(_ reminder: DuesReminder) async throws {
        let row = DuesReminderRow(reminder)
        try await db.update("dues_reminders").set("status", to: row.status).set("sent_on", to: row.sentOn)
            .set("closed_on", to: row.closedOn).set("tracking_number", to: row.trackingNumber)
            .set("document_id", to: row.documentId).set("fee_entry_id", to: row.feeEntryId)
            .set("for_bailiff", to: row.forBailiff).where("id", .equal, row.id).run()
    }

    func list(of building: BuildingID, filter: ReminderFilter, page: PageRequest) async throws
        -> Page<DuesReminder>
    {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.where("building_id", .equal, building.rawValue)
            if let owner = filter.ownerID { query = query.where("owner_id", .equal, owner.rawValue) }
            if let status = filter.status { query = query.where("status", .equal, status.rawValue) }
            return query
        }
        let (rows, total) = try await db.page(
            "dues_reminders", page, as: DuesReminderRow.self, filtered: filtered,
            ordered: { $0.orderBy("created_at", .descending).orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func all(in building: BuildingID) async throws -> [DuesReminder] {
        try await db.select().columns("*").from("dues_reminders").where("building_id", .equal, building.rawValue)
            .orderBy("created_at").orderBy("id").all(decoding: DuesReminderRow.self, with: rowDecoder)
            .map { try $0.domain() }
    }

    func open(call: CallForFundsID, owner: OwnerID) async throws -> [DuesReminder] {
        try await db.select().columns("*").from("dues_reminders").where("call_id", .equal, call.rawValue)
            .where("owner_id", .equal, owner.rawValue)
            .where("status", .in, [DuesReminder.Status.pending.rawValue, DuesReminder.Status.sent.rawValue])
            .orderBy("created_at").all(decoding: DuesReminderRow.self, with: rowDecoder).map { try $0.domain() }
    }
}
