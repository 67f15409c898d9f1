import Application
import Domain
import Foundation
import SQLKit

struct SupplierRow: Codable {
    let id: UUID
    let organizationId: UUID
    let name: String
    let vatNumber: String?
    let iban: String?
    let email: String?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, iban, email
        case organizationId = "organization_id"
        case vatNumber = "vat_number"
        case createdAt = "created_at"
    }

    init(_ supplier: Supplier) {
        id = supplier.id.rawValue
        organizationId = supplier.organizationID.rawValue
        name = supplier.name
        vatNumber = supplier.vatNumber?.value
        iban = supplier.iban?.value
        email = supplier.email?.value
        createdAt = supplier.createdAt
    }

    func domain() throws -> Supplier {
        func corrupt(_ column: String) -> CorruptRow { CorruptRow(table: "suppliers", reason: "\(column) of \(id)") }
        let vat = try vatNumber.map { try VATNumber($0) ?? { throw corrupt("vat_number") }() }
        let account = try iban.map { try IBAN($0) ?? { throw corrupt("iban") }() }
        return try Supplier(
            id: SupplierID(id), organizationID: OrganizationID(organizationId), name: name, vatNumber: vat,
            iban: account, email: try email.map(Email.init(stored:)), createdAt: createdAt)
    }
}

struct SQLSupplierRepository: SupplierRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ supplier: Supplier) async throws {
        do {
            try await db.insert(into: "suppliers").model(SupplierRow(supplier), nilEncodingStrategy: .asNil).run()
        } catch  where dialect.isUniqueViolation(error) {
            throw SupplierExists(vatNumber: supplier.vatNumber?.description ?? "")
        }
    }

    func find(_ id: SupplierID) async throws -> Supplier? {
        try await db.select().columns("*").from("suppliers").where("id", .equal, id.rawValue)
            .first(decoding: SupplierRow.self, with: rowDecoder)?.domain()
    }

    func update(_ supplier: Supplier) async throws {
        let row = SupplierRow(supplier)
        do {
            try await db.update("suppliers").set("name", to: row.name).set("vat_number", to: row.vatNumber)
                .set("iban", to: row.iban).set("email", to: row.email).where("id", .equal, row.id).run()
        } catch  where dialect.isUniqueViolation(error) {
            throw SupplierExists(vatNumber: supplier.vatNumber?.description ?? "")
        }
    }

    func list(of organization: OrganizationID, filter: SupplierFilter, page: PageRequest) async throws
        -> Page<Supplier>
    {
        let pattern = filter.name.map(likeContaining)
        let (rows, total) = try await db.page(
            "suppliers", page, as: SupplierRow.self,
            filtered: { query in
                query.where("organization_id", .equal, organization.rawValue)
                if let pattern { query.where(SQLQueryString("LOWER(name) LIKE \(bind: pattern) ESCAPE '!'")) }
                return query
            }, ordered: { $0.orderBy("name").orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func match(vatNumber: VATNumber?, iban: IBAN?, in organization: OrganizationID) async throws -> Supplier? {
        if let vatNumber,
            let row = try await db.select().columns("*").from("suppliers")
                .where("organization_id", .equal, organization.rawValue).where("vat_number", .equal, vatNumber.value)
                .first(decoding: SupplierRow.self, with: rowDecoder)
        {
            return try row.domain()
        }
        guard let iban else { return nil }
        return try await db.select().columns("*").from("suppliers")
            .where("organization_id", .equal, organization.rawValue).where("iban", .equal, iban.value)
            .orderBy("created_at").orderBy("id").first(decoding: SupplierRow.self, with: rowDecoder)?.domain()
    }
}

struct PurchaseInvoiceRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let supplierId: UUID?
    let number: String?
    let category: String
    let chargeAccount: String?
    let invoiceDate: String?
    let dueDate: String?
    let netAmount: Int64?
    let vatRateBp: Int?
    let nature: String
    let chargeKeyId: UUID?
    let documentId: UUID?
    let description: String?
    let status: String
    let rejectionReason: String?
    let syndicApprovedBy: UUID?
    let syndicApprovedAt: Date?
    let boardApprovedBy: UUID?
    let boardApprovedAt: Date?
    let boardApprovalRequired: Bool
    let purchaseEntryId: UUID?
    let purchaseEntryNumber: String?
    let paymentEntryId: UUID?
    let paymentEntryNumber: String?
    let paidOn: String?
    let extracted: String
    let createdAt: Date
    let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, number, category, nature, description, status, extracted
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case supplierId = "supplier_id"
        case chargeAccount = "charge_account"
        case invoiceDate = "invoice_date"
        case dueDate = "due_date"
        case netAmount = "net_amount"
        case vatRateBp = "vat_rate_bp"
        case chargeKeyId = "charge_key_id"
        case documentId = "document_id"
        case rejectionReason = "rejection_reason"
        case syndicApprovedBy = "syndic_approved_by"
        case syndicApprovedAt = "syndic_approved_at"
        case boardApprovedBy = "board_approved_by"
        case boardApprovedAt = "board_approved_at"
        case boardApprovalRequired = "board_approval_required"
        case purchaseEntryId = "purchase_entry_id"
        case purchaseEntryNumber = "purchase_entry_number"
        case paymentEntryId = "payment_entry_id"
        case paymentEntryNumber = "payment_entry_number"
        case paidOn = "paid_on"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ invoice: PurchaseInvoice) throws {
        id = invoice.id.rawValue
        organizationId = invoice.organizationID.rawValue
        buildingId = invoice.buildingID.rawValue
        supplierId = invoice.supplierID?.rawValue
        number = invoice.number
        category = invoice.category.rawValue
        chargeAccount = invoice.chargeAccount
        invoiceDate = invoice.invoiceDate?.description
        dueDate = invoice.dueDate?.description
        netAmount = invoice.netAmount?.minorUnits
        vatRateBp = invoice.vatRate?.basisPoints
        nature = invoice.nature.rawValue
        chargeKeyId = invoice.chargeKeyID?.rawValue
        documentId = invoice.documentID?.rawValue
        description = invoice.description
        status = invoice.status.rawValue
        rejectionReason = invoice.rejectionReason
        syndicApprovedBy = invoice.syndicApproval?.userID.rawValue
        syndicApprovedAt = invoice.syndicApproval?.at
        boardApprovedBy = invoice.boardApproval?.userID.rawValue
        boardApprovedAt = invoice.boardApproval?.at
        boardApprovalRequired = invoice.boardApprovalRequired
        purchaseEntryId = invoice.purchaseBooking?.entryID.rawValue
        purchaseEntryNumber = invoice.purchaseBooking?.number
        paymentEntryId = invoice.paymentBooking?.entryID.rawValue
        paymentEntryNumber = invoice.paymentBooking?.number
        paidOn = invoice.paidOn?.description
        extracted = String(decoding: try JSONEncoder().encode(invoice.extracted), as: UTF8.self)
        createdAt = invoice.createdAt
        updatedAt = invoice.updatedAt
    }

    func domain() throws -> PurchaseInvoice {
        func corrupt(_ column: String) -> CorruptRow {
            CorruptRow(table: "purchase_invoices", reason: "\(column) of \(id)")
        }
        guard let category = PurchaseInvoice.Category(rawValue: category) else { throw corrupt("category") }
        guard let nature = PurchaseInvoice.Nature(rawValue: nature) else { throw corrupt("nature") }
        guard let status = PurchaseInvoice.Status(rawValue: status) else { throw corrupt("status") }
        func approval(_ user: UUID?, _ at: Date?) -> PurchaseInvoice.Approval? {
            guard let user, let at else { return nil }
            return PurchaseInvoice.Approval(userID: UserID(user), at: at)
        }
        func booking(_ entry: UUID?, _ number: String?) -> PurchaseInvoice.Booking? {
            guard let entry, let number else { return nil }
            return PurchaseInvoice.Booking(entryID: JournalEntryID(entry), number: number)
        }
        return PurchaseInvoice(
            id: PurchaseInvoiceID(id), organizationID: OrganizationID(organizationId),
            buildingID: BuildingID(buildingId), supplierID: supplierId.map(SupplierID.init), number: number,
            category: category, chargeAccount: chargeAccount,
            invoiceDate: try invoiceDate.map { try CalendarDate(parsing: $0) },
            dueDate: try dueDate.map { try CalendarDate(parsing: $0) },
            netAmount: netAmount.map { Money(minorUnits: $0) },
            vatRate: try vatRateBp.map { try VATRate(basisPoints: $0) }, nature: nature,
            chargeKeyID: chargeKeyId.map(ChargeKeyID.init),
            documentID: documentId.map(DocumentID.init), description: description, status: status,
            rejectionReason: rejectionReason, syndicApproval: approval(syndicApprovedBy, syndicApprovedAt),
            boardApproval: approval(boardApprovedBy, boardApprovedAt), boardApprovalRequired: boardApprovalRequired,
            purchaseBooking: booking(purchaseEntryId, purchaseEntryNumber),
            paymentBooking: booking(paymentEntryId, paymentEntryNumber),
            paidOn: try paidOn.map { try CalendarDate(parsing: $0) },
            extracted: try JSONDecoder().decode([ExtractedField].self, from: Data(extracted.utf8)),
            createdAt: createdAt,
            updatedAt: updatedAt)
    }
}

struct SQLPurchaseInvoiceRepository: PurchaseInvoiceRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ invoice: PurchaseInvoice) async throws {
        try await db.insert(into: "purchase_invoices").model(
            try PurchaseInvoiceRow(invoice), nilEncodingStrategy: .asNil
        ).run()
    }

    func find(_ id: PurchaseInvoiceID) async throws -> PurchaseInvoice? {
        try await db.select().columns("*").from("purchase_invoices").where("id", .equal, id.rawValue)
            .first(decoding: PurchaseInvoiceRow.self, with: rowDecoder)?.domain()
    }

    func lock(_ id: PurchaseInvoiceID) async throws {
        try await db.lockRow(of: "purchase_invoices", id: id.rawValue, dialect: dialect)
    }

    func update(_ invoice: PurchaseInvoice) async throws {
        try await db.update("purchase_invoices").set(
            model: try PurchaseInvoiceRow(invoice), nilEncodingStrategy: .asNil
        )
        .where("id", .equal, invoice.id.rawValue).run()
    }

    func list(of building: BuildingID, filter: InvoiceFilter, page: PageRequest) async throws
        -> Page<PurchaseInvoice>
    {
        let (rows, total) = try await db.page(
            "purchase_invoices", page, as: PurchaseInvoiceRow.self,
            filtered: { query in
                query.where("building_id", .equal, building.rawValue)
                if let status = filter.status { query.where("status", .equal, status.rawValue) }
                if let category = filter.category { query.where("category", .equal, category.rawValue) }
                if let supplier = filter.supplierID { query.where("supplier_id", .equal, supplier.rawValue) }
                return query
            },
            ordered: {
                $0.orderBy(SQLRaw("invoice_date IS NULL DESC")).orderBy("invoice_date", .descending)
                    .orderBy("created_at", .descending).orderBy("id")
            })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }
}

extension SQLPurchaseInvoiceRepository {
    func booked(in building: BuildingID, fiscalYear: Int) async throws -> [PurchaseInvoice] {
        try await db.select().columns("*").from("purchase_invoices").where("building_id", .equal, building.rawValue)
            .where(
                "status", .in, [PurchaseInvoice.Status.approved.rawValue, PurchaseInvoice.Status.paid.rawValue]
            )
            .where("invoice_date", .greaterThanOrEqual, "\(fiscalYear)-01-01")
            .where("invoice_date", .lessThanOrEqual, "\(fiscalYear)-12-31").orderBy("invoice_date").orderBy("id")
            .all(decoding: PurchaseInvoiceRow.self, with: rowDecoder).map { try $0.domain() }
    }
}

struct PurchaseSettingsRow: Codable {
    let buildingId: UUID
    let organizationId: UUID
    let boardApprovalThreshold: Int64?
    let recoversVat: Bool
    let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case buildingId = "building_id"
        case organizationId = "organization_id"
        case boardApprovalThreshold = "board_approval_threshold"
        case recoversVat = "recovers_vat"
        case updatedAt = "updated_at"
    }
}

struct SQLPurchaseSettingsRepository: PurchaseSettingsRepository {
    let db: any SQLDatabase

    func settings(of building: BuildingID) async throws -> PurchaseSettings? {
        try await db.select().columns("*").from("purchase_settings").where("building_id", .equal, building.rawValue)
            .first(decoding: PurchaseSettingsRow.self, with: rowDecoder).map {
                PurchaseSettings(
                    boardApprovalThreshold: $0.boardApprovalThreshold.map { Money(minorUnits: $0) },
                    recoversVAT: $0.recoversVat)
            }
    }

    func save(_ settings: PurchaseSettings, of building: BuildingID, at date: Date) async throws {
        try await db.raw(
            """
            INSERT INTO purchase_settings (building_id, organization_id, board_approval_threshold, recovers_vat, updated_at)
            SELECT id, organization_id, \(bind: settings.boardApprovalThreshold?.minorUnits), \(bind: settings.recoversVAT), \(bind: date)
            FROM buildings WHERE id = \(bind: building.rawValue)
            ON CONFLICT (building_id) DO UPDATE SET board_approval_threshold = excluded.board_approval_threshold,
                recovers_vat = excluded.recovers_vat, updated_at = excluded.updated_at
            """
        ).run()
    }
}
