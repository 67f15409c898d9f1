import Application
import Domain
import Foundation
import SQLKit

struct EtatDateRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let lotId: UUID
    let reference: String
    let kind: String
    let requesterRole: String
    let requesterName: String
    let requesterOffice: String?
    let requesterEmail: String?
    let referenceDate: String
    let receivedOn: String
    let dueOn: String
    let status: String
    let manualSections: String
    let documentId: UUID?
    let feeEntryId: UUID?
    let generatedAt: Date?
    let deliveredAt: Date?
    let remindedAt: Date?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, reference, kind, status
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case lotId = "lot_id"
        case requesterRole = "requester_role"
        case requesterName = "requester_name"
        case requesterOffice = "requester_office"
        case requesterEmail = "requester_email"
        case referenceDate = "reference_date"
        case receivedOn = "received_on"
        case dueOn = "due_on"
        case manualSections = "manual_sections"
        case documentId = "document_id"
        case feeEntryId = "fee_entry_id"
        case generatedAt = "generated_at"
        case deliveredAt = "delivered_at"
        case remindedAt = "reminded_at"
        case createdAt = "created_at"
    }

    /// A manual section's line as stored: the amount in cents.
    struct StoredItem: Codable {
        let description: String
        let amount: Int64?
    }

    init(_ etatDate: EtatDate) throws {
        id = etatDate.id.rawValue
        organizationId = etatDate.organizationID.rawValue
        buildingId = etatDate.buildingID.rawValue
        lotId = etatDate.lotID.rawValue
        reference = etatDate.reference
        kind = etatDate.kind.rawValue
        requesterRole = etatDate.requester.role.rawValue
        requesterName = etatDate.requester.name
        requesterOffice = etatDate.requester.office
        requesterEmail = etatDate.requester.email?.value
        referenceDate = etatDate.referenceDate.description
        receivedOn = etatDate.receivedOn.description
        dueOn = etatDate.dueOn.description
        status = etatDate.status.rawValue
        var sections: [String: [StoredItem]] = [:]
        for (section, items) in etatDate.manual.items {
            sections[section.rawValue] = items.map {
                StoredItem(description: $0.description, amount: $0.amount?.minorUnits)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        manualSections = String(decoding: try encoder.encode(sections), as: UTF8.self)
        documentId = etatDate.documentID?.rawValue
        feeEntryId = etatDate.feeEntryID?.rawValue
        generatedAt = etatDate.generatedAt
        deliveredAt = etatDate.deliveredAt
        remindedAt = etatDate.remindedAt
        createdAt = etatDate.createdAt
    }

    func domain() throws -> EtatDate {
        guard let kind = EtatDate.Kind(rawValue: kind), let status = EtatDate.Status(rawValue: status),
            let role = EtatDate.Requester.Role(rawValue: requesterRole)
        else { throw CorruptRow(table: "etats_dates", reason: "kind, status or requester role of \(id)") }
        let stored = try JSONDecoder().decode([String: [StoredItem]].self, from: Data(manualSections.utf8))
        var items: [EtatDate.ManualSections.Section: [EtatDate.Item]] = [:]
        for (raw, lines) in stored {
            guard let section = EtatDate.ManualSections.Section(rawValue: raw) else {
                throw CorruptRow(table: "etats_dates", reason: "manual section \(raw) of \(id)")
            }
            items[section] = try lines.map {
                try EtatDate.Item(
                    description: $0.description, amount: $0.amount.map { Money(minorUnits: $0) }, field: raw)
            }
        }
        return EtatDate(
            id: EtatDateID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            lotID: LotID(lotId), reference: reference, kind: kind,
            requester: try EtatDate.Requester(
                role: role, name: requesterName, office: requesterOffice,
                email: try requesterEmail.map { try Email($0) }),
            referenceDate: try CalendarDate(parsing: referenceDate), receivedOn: try CalendarDate(parsing: receivedOn),
            dueOn: try CalendarDate(parsing: dueOn), status: status, manual: EtatDate.ManualSections(items),
            documentID: documentId.map(DocumentID.init), feeEntryID: feeEntryId.map(JournalEntryID.init),
            generatedAt: generatedAt, deliveredAt: deliveredAt, remindedAt: remindedAt, createdAt: createdAt)
    }
}

struct SQLEtatDateRepository: EtatDateRepository {
    let db: any SQLDatabase

    func nextNumber(of organization: OrganizationID, year: Int) async throws -> Int {
        let last = try await db.raw(
            """
            INSERT INTO etat_date_counters (organization_id, year, last_number)
            VALUES (\(bind: organization.rawValue), \(bind: year), 1)
            ON CONFLICT (organization_id, year) DO UPDATE SET last_number = etat_date_counters.last_number + 1
            RETURNING last_number
            """
        ).first()?.decode(column: "last_number", as: Int.self)
        guard let last else { throw CorruptRow(table: "etat_date_counters", reason: "no number returned") }
        return last
    }

    func insert(_ etatDate: EtatDate) async throws {
        try await db.insert(into: "etats_dates").model(try EtatDateRow(etatDate), nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: EtatDateID) async throws -> EtatDate? {
        try await db.select().columns("*").from("etats_dates").where("id", .equal, id.rawValue)
            .first(decoding: EtatDateRow.self, with: rowDecoder)?.domain()
    }

    func update(_ etatDate: EtatDate) async throws {
        let row = try EtatDateRow(etatDate)
        try await db.update("etats_dates").set("status", to: row.status).set("manual_sections", to: row.manualSections)
            .set("document_id", to: row.documentId).set("fee_entry_id", to: row.feeEntryId)
            .set("generated_at", to: row.generatedAt).set("delivered_at", to: row.deliveredAt)
            .set("reminded_at", to: row.remindedAt).where("id", .equal, row.id).run()
    }

    func list(of organization: OrganizationID, filter: EtatDateFilter, page: PageRequest) async throws
        -> Page<EtatDate>
    {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.where("organization_id", .equal, organization.rawValue)
            if let status = filter.status { query = query.where("status", .equal, status.rawValue) }
            if let day = filter.overdueOn {
                query = query.where("due_on", .lessThan, day.description)
                    .where(
                        "status", .in, [EtatDate.Status.requested.rawValue, EtatDate.Status.inProgress.rawValue])
            }
            return query
        }
        let (rows, total) = try await db.page(
            "etats_dates", page, as: EtatDateRow.self, filtered: filtered,
            ordered: { $0.orderBy("due_on").orderBy("reference") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func dueUnreminded(onOrBefore day: CalendarDate) async throws -> [EtatDate] {
        try await db.select().columns("*").from("etats_dates").where("reminded_at", .is, SQLLiteral.null)
            .where("status", .in, [EtatDate.Status.requested.rawValue, EtatDate.Status.inProgress.rawValue])
            .where("due_on", .lessThanOrEqual, day.description).orderBy("due_on").orderBy("id")
            .all(decoding: EtatDateRow.self, with: rowDecoder).map { try $0.domain() }
    }
}

struct SQLLegalFileSettingsRepository: LegalFileSettingsRepository {
    let db: any SQLDatabase

    func settings(of building: BuildingID) async throws -> LegalFileSettings? {
        try await db.select().column("etat_date_fee").from("legal_file_settings")
            .where("building_id", .equal, building.rawValue).first()
            .map {
                LegalFileSettings(
                    etatDateFee: Money(minorUnits: try $0.decode(column: "etat_date_fee", as: Int64.self)))
            }
    }

    func save(_ settings: LegalFileSettings, of building: BuildingID, at date: Date) async throws {
        try await db.raw(
            """
            INSERT INTO legal_file_settings (building_id, organization_id, etat_date_fee, updated_at)
            SELECT id, organization_id, \(bind: settings.etatDateFee.minorUnits), \(bind: date)
            FROM buildings WHERE id = \(bind: building.rawValue)
            ON CONFLICT (building_id) DO UPDATE SET etat_date_fee = excluded.etat_date_fee,
                updated_at = excluded.updated_at
            """
        ).run()
    }
}

struct TransferCreditRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let lotId: UUID
    let sellerId: UUID
    let buyerId: UUID
    let transferDate: String
    let amount: Int64
    let parts: String
    let journalEntryId: UUID?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, amount, parts
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case lotId = "lot_id"
        case sellerId = "seller_id"
        case buyerId = "buyer_id"
        case transferDate = "transfer_date"
        case journalEntryId = "journal_entry_id"
        case createdAt = "created_at"
    }

    /// A call's part as stored: dates as text, amounts in cents.
    struct StoredPart: Codable {
        let callId: UUID
        let title: String
        let periodStart: String
        let periodEnd: String
        let advance: Int64
        let days: Int
        let periodDays: Int
        let amount: Int64
    }

    init(_ credit: TransferCredit) throws {
        id = credit.id.rawValue
        organizationId = credit.organizationID.rawValue
        buildingId = credit.buildingID.rawValue
        lotId = credit.lotID.rawValue
        sellerId = credit.sellerID.rawValue
        buyerId = credit.buyerID.rawValue
        transferDate = credit.transferDate.description
        amount = credit.amount.minorUnits
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        parts = String(
            decoding: try encoder.encode(
                credit.parts.map {
                    StoredPart(
                        callId: $0.callID.rawValue, title: $0.title, periodStart: $0.periodStart.description,
                        periodEnd: $0.periodEnd.description, advance: $0.advance.minorUnits, days: $0.days,
                        periodDays: $0.periodDays, amount: $0.amount.minorUnits)
                }), as: UTF8.self)
        journalEntryId = credit.journalEntryID?.rawValue
        createdAt = credit.createdAt
    }

    func domain() throws -> TransferCredit {
        let stored = try JSONDecoder().decode([StoredPart].self, from: Data(parts.utf8))
        return TransferCredit(
            id: TransferCreditID(id), organizationID: OrganizationID(organizationId),
            buildingID: BuildingID(buildingId),
            lotID: LotID(lotId), sellerID: OwnerID(sellerId), buyerID: OwnerID(buyerId),
            transferDate: try CalendarDate(parsing: transferDate),
            parts: try stored.map {
                TransferCredit.Part(
                    callID: CallForFundsID($0.callId), title: $0.title,
                    periodStart: try CalendarDate(parsing: $0.periodStart),
                    periodEnd: try CalendarDate(parsing: $0.periodEnd), advance: Money(minorUnits: $0.advance),
                    days: $0.days, periodDays: $0.periodDays, amount: Money(minorUnits: $0.amount))
            }, journalEntryID: journalEntryId.map(JournalEntryID.init), createdAt: createdAt)
    }
}

struct SQLTransferCreditRepository: TransferCreditRepository {
    let db: any SQLDatabase

    func insert(_ credit: TransferCredit) async throws {
        try await db.insert(into: "transfer_credits").model(try TransferCreditRow(credit), nilEncodingStrategy: .asNil)
            .run()
    }

    func credits(of lot: LotID) async throws -> [TransferCredit] {
        try await db.select().columns("*").from("transfer_credits").where("lot_id", .equal, lot.rawValue)
            .orderBy("transfer_date", .descending).orderBy("created_at", .descending)
            .all(decoding: TransferCreditRow.self, with: rowDecoder).map { try $0.domain() }
    }
}
