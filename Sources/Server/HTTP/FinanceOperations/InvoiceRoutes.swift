import Application
import Domain
import Foundation
import Hummingbird

/// A VAT rate sent as a string (`"21"`, `"5.5"`) or a number (`21`, `5.5`).
struct RateInput: Decodable {
    let rate: VATRate

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let field = fieldPath(decoder.codingPath)
        if let text = try? container.decode(String.self) {
            rate = try VATRate(parsing: text, field: field)
        } else if let number = try? container.decode(Decimal.self) {
            rate = try VATRate(parsing: "\(number)", field: field)
        } else if (try? container.decode(JSONNumber.self)) != nil {
            // A number too large for any rate (1e308).
            throw DomainError.invalidValue(field: field, reason: "must be between 0 and 100")
        } else {
            throw DecodingError.typeMismatch(
                String.self, .init(codingPath: decoder.codingPath, debugDescription: "a rate is a string or a number"))
        }
    }
}

/// A supplier to create or change: in a PATCH, fields left out stay and `null` or an empty
/// string clears an optional one.
struct SupplierRequest: Decodable {
    let name: String?
    let vatNumber: String??
    let iban: String??
    let email: String??

    enum CodingKeys: String, CodingKey {
        case name, vatNumber, iban, email
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        vatNumber = try container.decodePatch(String.self, forKey: .vatNumber)
        iban = try container.decodePatch(String.self, forKey: .iban)
        email = try container.decodePatch(String.self, forKey: .email)
    }

    static func vat(_ raw: String??) throws -> VATNumber?? {
        try raw.map { try $0.flatMap { try Supplier.vatNumber($0) } }
    }

    static func iban(_ raw: String??) throws -> IBAN?? {
        try raw.map { try $0.flatMap { try Building.account($0, field: "iban") } }
    }

    static func email(_ raw: String??) throws -> Email?? {
        try raw.map { value in
            guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return try Email(value)
        }
    }

    var input: SupplierInput {
        SupplierInput(name: name, vatNumber: vatNumber ?? nil, iban: iban ?? nil, email: email ?? nil)
    }

    func changes() throws -> Supplier.Changes {
        Supplier.Changes(
            name: name, vatNumber: try Self.vat(vatNumber), iban: try Self.iban(iban), email: try Self.email(email))
    }
}

struct SupplierResponse: ResponseEncodable {
    let id, name: String
    let vatNumber, iban, email: String?
    let createdAt: Date

    init(_ supplier: Supplier) {
        id = supplier.id.description
        name = supplier.name
        vatNumber = supplier.vatNumber?.description
        iban = supplier.iban?.value
        email = supplier.email?.value
        createdAt = supplier.createdAt
    }
}

/// An invoice's fields as a client sends them, for a new draft or a change: fields left out stay,
/// `null` clears an optional one.
struct InvoiceRequest: Decodable {
    let supplierId: UUID??
    let number: String??
    let category: String?
    let chargeAccount: String??
    let invoiceDate: String??
    let dueDate: String??
    let netAmount: AmountInput??
    let vatRate: RateInput??
    let nature: String?
    let chargeKeyId: UUID??
    let documentId: UUID??
    let description: String??

    enum CodingKeys: String, CodingKey {
        case supplierId, number, category, chargeAccount, invoiceDate, dueDate, netAmount, vatRate, nature,
            chargeKeyId, documentId, description
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        supplierId = try container.decodePatch(UUID.self, forKey: .supplierId)
        number = try container.decodePatch(String.self, forKey: .number)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        chargeAccount = try container.decodePatch(String.self, forKey: .chargeAccount)
        invoiceDate = try container.decodePatch(String.self, forKey: .invoiceDate)
        dueDate = try container.decodePatch(String.self, forKey: .dueDate)
        netAmount = try container.decodePatch(AmountInput.self, forKey: .netAmount)
        vatRate = try container.decodePatch(RateInput.self, forKey: .vatRate)
        nature = try container.decodeIfPresent(String.self, forKey: .nature)
        chargeKeyId = try container.decodePatch(UUID.self, forKey: .chargeKeyId)
        documentId = try container.decodePatch(UUID.self, forKey: .documentId)
        description = try container.decodePatch(String.self, forKey: .description)
    }

    func changes() throws -> PurchaseInvoice.Changes {
        func date(_ raw: String??, _ field: String) throws -> CalendarDate?? {
            try raw.map { try $0.map { try CalendarDate(parsing: $0, field: field) } }
        }
        var changes = PurchaseInvoice.Changes()
        changes.supplierID = supplierId.map { $0.map(SupplierID.init) }
        changes.number = number
        changes.category = try category.map { try InvoiceRoutes.parse($0, PurchaseInvoice.Category.self, "category") }
        changes.chargeAccount = chargeAccount
        changes.invoiceDate = try date(invoiceDate, "invoice_date")
        changes.dueDate = try date(dueDate, "due_date")
        changes.netAmount = netAmount.map { $0?.money }
        changes.vatRate = vatRate.map { $0?.rate }
        changes.nature = try nature.map { try InvoiceRoutes.parse($0, PurchaseInvoice.Nature.self, "nature") }
        changes.chargeKeyID = chargeKeyId.map { $0.map(ChargeKeyID.init) }
        changes.documentID = documentId.map { $0.map(DocumentID.init) }
        changes.description = description
        return changes
    }
}

struct PrefilledFieldResponse: Encodable {
    let field, value, source: String
    let confidence: Double
}

struct InvoiceResponse: ResponseEncodable {
    let id, buildingId, category, nature, status: String
    let supplierId, number, chargeAccount, invoiceDate, dueDate, netAmount, vatRate, vat, total: String?
    let chargeKeyId, documentId, description, rejectionReason: String?
    let boardApprovalRequired: Bool
    let syndicApprovedBy, boardApprovedBy: String?
    let syndicApprovedAt, boardApprovedAt: Date?
    let purchaseEntryId, purchaseEntryNumber, paymentEntryId, paymentEntryNumber, paidOn: String?
    let prefilled: [PrefilledFieldResponse]
    let createdAt, updatedAt: Date

    init(_ invoice: PurchaseInvoice) {
        id = invoice.id.description
        buildingId = invoice.buildingID.description
        category = invoice.category.rawValue
        nature = invoice.nature.rawValue
        status = invoice.status.rawValue
        supplierId = invoice.supplierID?.description
        number = invoice.number
        chargeAccount = invoice.chargeAccount
        invoiceDate = invoice.invoiceDate?.description
        dueDate = invoice.dueDate?.description
        netAmount = invoice.netAmount?.decimalString
        vatRate = invoice.vatRate?.description
        vat = invoice.vat?.decimalString
        total = invoice.total?.decimalString
        chargeKeyId = invoice.chargeKeyID?.description
        documentId = invoice.documentID?.description
        description = invoice.description
        rejectionReason = invoice.rejectionReason
        boardApprovalRequired = invoice.boardApprovalRequired
        syndicApprovedBy = invoice.syndicApproval?.userID.description
        syndicApprovedAt = invoice.syndicApproval?.at
        boardApprovedBy = invoice.boardApproval?.userID.description
        boardApprovedAt = invoice.boardApproval?.at
        purchaseEntryId = invoice.purchaseBooking?.entryID.description
        purchaseEntryNumber = invoice.purchaseBooking?.number
        paymentEntryId = invoice.paymentBooking?.entryID.description
        paymentEntryNumber = invoice.paymentBooking?.number
        paidOn = invoice.paidOn?.description
        prefilled = invoice.extracted.map {
            PrefilledFieldResponse(field: $0.name, value: $0.value, source: $0.source, confidence: $0.confidence)
        }
        createdAt = invoice.createdAt
        updatedAt = invoice.updatedAt
    }
}

struct FromDocumentRequest: Decodable {
    let documentId: UUID?
}

struct RejectionRequest: Decodable {
    let reason: String?
}

struct InvoicePaymentRequest: Decodable {
    let paidOn: String?
}

struct PurchaseSettingsRequest: Decodable {
    let boardApprovalThreshold: AmountInput??
    let recoversVat: Bool?

    enum CodingKeys: String, CodingKey {
        case boardApprovalThreshold, recoversVat
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        boardApprovalThreshold = try container.decodePatch(AmountInput.self, forKey: .boardApprovalThreshold)
        recoversVat = try container.decodeIfPresent(Bool.self, forKey: .recoversVat)
    }
}

struct PurchaseSettingsResponse: ResponseEncodable {
    let boardApprovalThreshold: String?
    let recoversVat: Bool

    init(_ settings: PurchaseSettings) {
        boardApprovalThreshold = settings.boardApprovalThreshold?.decimalString
        recoversVat = settings.recoversVAT
    }
}

/// Suppliers, supplier invoices and how each building approves and books them.
struct InvoiceRoutes {
    let service: InvoiceService

    static func parse<T: RawRepresentable & CaseIterable>(_ raw: String, _: T.Type, _ field: String) throws -> T
    where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw DomainError.invalidValue(
                field: field, reason: "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    func add(to group: RouterGroup<AuthenticatedContext>) {
        addSupplierRoutes(to: group)
        addInvoiceRoutes(to: group)
        addActionRoutes(to: group)
    }

    private func invoiceID(_ context: AuthenticatedContext) throws -> PurchaseInvoiceID {
        try context.parameters.id(as: PurchaseInvoiceID.self, entity: "invoice")
    }

    private func addSupplierRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.post("suppliers") { request, context in
            let body = try await request.decodeJSON(SupplierRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: SupplierResponse(try await service.createSupplier(body.input, as: context.principal)))
        }
        group.get("suppliers") { request, context in
            ListResponse(
                try await service.suppliers(
                    filter: SupplierFilter(name: try request.textQuery("name", maxLength: 200)),
                    page: try request.pageRequest(), as: context.principal),
                SupplierResponse.init)
        }
        group.get("suppliers/{id}") { _, context in
            SupplierResponse(
                try await service.supplier(
                    try context.parameters.id(as: SupplierID.self, entity: "supplier"), as: context.principal))
        }
        group.patch("suppliers/{id}") { request, context in
            let id = try context.parameters.id(as: SupplierID.self, entity: "supplier")
            let body = try await request.decodeJSON(SupplierRequest.self, context: context)
            return SupplierResponse(try await service.updateSupplier(id, try body.changes(), as: context.principal))
        }
    }

    private func addInvoiceRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.post("buildings/{id}/invoices") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(InvoiceRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: InvoiceResponse(
                    try await service.createInvoice(in: building, try body.changes(), as: context.principal)))
        }
        group.post("buildings/{id}/invoices/from-document") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(FromDocumentRequest.self, context: context)
            guard let document = body.documentId else { throw RequestError.missingField("document_id") }
            return EditedResponse(
                status: .created,
                response: InvoiceResponse(
                    try await service.draftFromDocument(
                        in: building, document: DocumentID(document), as: context.principal)))
        }
        group.get("buildings/{id}/invoices") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let filter = InvoiceFilter(
                status: try request.enumQuery("status", as: PurchaseInvoice.Status.self),
                category: try request.enumQuery("category", as: PurchaseInvoice.Category.self),
                supplierID: try request.idQuery("supplier_id", as: SupplierID.self))
            return ListResponse(
                try await service.invoices(
                    of: building, filter: filter, page: try request.pageRequest(), as: context.principal),
                InvoiceResponse.init)
        }
        group.get("invoices/{id}") { _, context in
            InvoiceResponse(try await service.invoice(try invoiceID(context), as: context.principal))
        }
        group.patch("invoices/{id}") { request, context in
            let id = try invoiceID(context)
            let body = try await request.decodeJSON(InvoiceRequest.self, context: context)
            return InvoiceResponse(try await service.updateInvoice(id, try body.changes(), as: context.principal))
        }
        group.get("buildings/{id}/purchase-settings") { _, context in
            PurchaseSettingsResponse(
                try await service.purchaseSettings(
                    of: try context.parameters.id(as: BuildingID.self, entity: "building"), as: context.principal))
        }
        group.put("buildings/{id}/purchase-settings") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(PurchaseSettingsRequest.self, context: context)
            guard let recovers = body.recoversVat else { throw RequestError.missingField("recovers_vat") }
            return PurchaseSettingsResponse(
                try await service.savePurchaseSettings(
                    PurchaseSettings(
                        boardApprovalThreshold: body.boardApprovalThreshold.flatMap { $0?.money },
                        recoversVAT: recovers), of: building, as: context.principal))
        }
    }

    private func addActionRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.post("invoices/{id}/submit") { _, context in
            InvoiceResponse(try await service.submit(try invoiceID(context), as: context.principal))
        }
        group.post("invoices/{id}/approve") { _, context in
            InvoiceResponse(try await service.approve(try invoiceID(context), as: context.principal))
        }
        group.post("invoices/{id}/reject") { request, context in
            let id = try invoiceID(context)
            let body = try await request.decodeJSON(RejectionRequest.self, context: context)
            guard let reason = body.reason else { throw RequestError.missingField("reason") }
            return InvoiceResponse(try await service.reject(id, reason: reason, as: context.principal))
        }
        group.post("invoices/{id}/pay") { request, context in
            let id = try invoiceID(context)
            let body = try await request.decodeOptionalJSON(InvoicePaymentRequest.self, context: context)
            let day = try body?.paidOn.map { try CalendarDate(parsing: $0, field: "paid_on") }
            return InvoiceResponse(try await service.pay(id, on: day, as: context.principal))
        }
    }
}
