public import Domain
import Foundation

/// A supplier as a client sends it: checked once the caller may create one.
public struct SupplierInput: Sendable {
    public var name: String?
    public var vatNumber: String?
    public var iban: String?
    public var email: String?

    public init(name: String?, vatNumber: String?, iban: String?, email: String?) {
        self.name = name
        self.vatNumber = vatNumber
        self.iban = iban
        self.email = email
    }
}

/// The supplier invoices of the organization's buildings, from the draft (typed, or read from a
/// scan) to the booking in the purchases journal and the payment through the bank.
public struct InvoiceService: Sendable, UseCaseSupport {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail
    /// Books approved invoices and payments through the ledger's use case, in our transaction.
    let ledger: LedgerService
    /// Reads a scanned invoice's fields (nil: drafts from a document are not offered).
    let documents: DocumentsService?
    /// States `InvoiceApproving`: another module may refuse the approval (a works invoice
    /// needs a validated work report).
    let bus: DomainEventBus

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, ledger: LedgerService,
        documents: DocumentsService?, bus: DomainEventBus
    ) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.trail = AuditTrail(clock: clock, ids: ids)
        self.ledger = ledger
        self.documents = documents
        self.bus = bus
    }

    var today: CalendarDate { CalendarDate(utcDayOf: clock.now()) }

    // MARK: - Suppliers

    public func createSupplier(_ input: SupplierInput, as principal: Principal) async throws -> Supplier {
        try AccessPolicy.require(.manageInvoices, by: principal)
        guard let name = input.name else { throw DomainError.invalidValue(field: "name", reason: "is required") }
        let supplier = try Supplier(
            id: SupplierID(ids.make()), organizationID: principal.organizationID, name: name,
            vatNumber: try input.vatNumber.flatMap { try Supplier.vatNumber($0) },
            iban: try input.iban.flatMap { try Building.account($0, field: "iban") },
            email: try input.email.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try Email($0) },
            createdAt: clock.now())
        return try await persistence.write { (repos: any UsesAudit & UsesSuppliers) in
            try await repos.suppliers.insert(supplier)
            try await trail.record(
                "supplier.created", entity: "supplier", id: supplier.id.description, by: principal,
                organization: principal.organizationID, repos)
            return supplier
        }
    }

    public func updateSupplier(_ id: SupplierID, _ changes: Supplier.Changes, as principal: Principal) async throws
        -> Supplier
    {
        try AccessPolicy.require(.manageInvoices, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesSuppliers) in
            var supplier = try await visibleSupplier(id, principal, repos)
            try supplier.apply(changes)
            try await repos.suppliers.update(supplier)
            try await trail.record(
                "supplier.updated", entity: "supplier", id: id.description, by: principal,
                organization: principal.organizationID, repos)
            return supplier
        }
    }

    public func suppliers(filter: SupplierFilter, page: PageRequest, as principal: Principal) async throws
        -> Page<Supplier>
    {
        try AccessPolicy.require(.readInvoices, by: principal)
        return try await persistence.read { (repos: any UsesSuppliers) in
            try await repos.suppliers.list(of: principal.organizationID, filter: filter, page: page)
        }
    }

    public func supplier(_ id: SupplierID, as principal: Principal) async throws -> Supplier {
        try AccessPolicy.require(.readInvoices, by: principal)
        return try await persistence.read { (repos: any UsesSuppliers) in
            try await visibleSupplier(id, principal, repos)
        }
    }

    func visibleSupplier(_ id: SupplierID, _ principal: Principal, _ repos: any UsesSuppliers) async throws
        -> Supplier
    {
        try TenantScope.visible(
            try await repos.suppliers.find(id), in: \.organizationID, principal, entity: "supplier",
            id: id.description)
    }

    // MARK: - Settings

    public func purchaseSettings(of buildingID: BuildingID, as principal: Principal) async throws -> PurchaseSettings {
        try AccessPolicy.require(.readInvoices, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesPurchaseSettings) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            return try await repos.purchaseSettings.settings(of: buildingID) ?? .standard
        }
    }

    public func savePurchaseSettings(_ settings: PurchaseSettings, of buildingID: BuildingID, as principal: Principal)
        async throws -> PurchaseSettings
    {
        try AccessPolicy.require(.approveInvoices, by: principal)
        if let threshold = settings.boardApprovalThreshold, threshold.minorUnits < 0 {
            throw DomainError.invalidValue(field: "boardApprovalThreshold", reason: "must not be negative")
        }
        return try await persistence.write { (repos: any UsesAudit & UsesBuildings & UsesPurchaseSettings) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            try await repos.purchaseSettings.save(settings, of: buildingID, at: clock.now())
            try await trail.record(
                "purchase_settings.changed", entity: "building", id: buildingID.description,
                payload: [
                    "boardApprovalThreshold": settings.boardApprovalThreshold?.decimalString ?? "none",
                    "recoversVat": String(settings.recoversVAT),
                ], by: principal, organization: principal.organizationID, repos)
            return settings
        }
    }

    // MARK: - Invoices

    /// A draft; what it lacks is asked for at submission.
    public func createInvoice(
        in buildingID: BuildingID, _ changes: PurchaseInvoice.Changes, as principal: Principal
    ) async throws -> PurchaseInvoice {
        try AccessPolicy.require(.manageInvoices, by: principal)
        return try await persistence.write {
            (
                repos: any UsesAccounts & UsesAudit & UsesBuildings & UsesChargeKeys & UsesDocuments
                    & UsesPurchaseInvoices & UsesSuppliers
            ) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            var invoice = PurchaseInvoice(
                id: PurchaseInvoiceID(ids.make()), organizationID: principal.organizationID, buildingID: buildingID,
                createdAt: clock.now())
            try await check(changes, of: buildingID, principal, repos)
            try invoice.apply(changes, at: clock.now())
            try await repos.purchaseInvoices.insert(invoice)
            try await trail.record(
                "invoice.created", entity: "invoice", id: invoice.id.description, by: principal,
                organization: principal.organizationID, repos)
            return invoice
        }
    }

    /// A draft pre-filled from an invoice document whose text the documents module has read: the
    /// supplier matched by VAT number or IBAN, the number, dates and amounts, each with the
    /// confidence of its reading. The syndic reviews and corrects it before submitting.
    public func draftFromDocument(in buildingID: BuildingID, document documentID: DocumentID, as principal: Principal)
        async throws -> PurchaseInvoice
    {
        try AccessPolicy.require(.manageInvoices, by: principal)
        guard let documents else { throw DocumentError.readerUnavailable }
        // Read before our transaction starts.
        let reading = try await documents.scannedInvoice(documentID, as: principal)
        return try await persistence.write {
            (repos: any UsesAudit & UsesBuildings & UsesPurchaseInvoices & UsesSuppliers) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            let supplier = try await repos.suppliers.match(
                vatNumber: reading.vatNumber?.value, iban: reading.iban?.value, in: principal.organizationID)
            var changes = reading.changes
            changes.documentID = .some(documentID)
            var prefilled = reading.prefilled
            if let supplier {
                changes.supplierID = .some(supplier.id)
                let evidence =
                    supplier.vatNumber != nil && supplier.vatNumber == reading.vatNumber?.value
                    ? reading.vatNumber?.field : reading.iban?.field
                if let evidence {
                    prefilled.insert(evidence.taken(as: "supplier_id", value: supplier.id.description), at: 0)
                }
            }
            var invoice = PurchaseInvoice(
                id: PurchaseInvoiceID(ids.make()), organizationID: principal.organizationID, buildingID: buildingID,
                extracted: prefilled, createdAt: clock.now())
            try invoice.apply(changes, at: clock.now())
            try await repos.purchaseInvoices.insert(invoice)
            try await trail.record(
                "invoice.created", entity: "invoice", id: invoice.id.description,
                payload: ["documentId": documentID.description], by: principal,
                organization: principal.organizationID, repos)
            return invoice
        }
    }

    public func invoices(of buildingID: BuildingID, filter: InvoiceFilter, page: PageRequest, as principal: Principal)
        async throws -> Page<PurchaseInvoice>
    {
        try AccessPolicy.require(.readInvoices, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesPurchaseInvoices) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            return try await repos.purchaseInvoices.list(of: buildingID, filter: filter, page: page)
        }
    }

    public func invoice(_ id: PurchaseInvoiceID, as principal: Principal) async throws -> PurchaseInvoice {
        try AccessPolicy.require(.readInvoices, by: principal)
        return try await persistence.read { (repos: any UsesPurchaseInvoices) in
            try await visibleInvoice(id, principal, repos)
        }
    }

    public func updateInvoice(_ id: PurchaseInvoiceID, _ changes: PurchaseInvoice.Changes, as principal: Principal)
        async throws -> PurchaseInvoice
    {
        try AccessPolicy.require(.manageInvoices, by: principal)
        return try await change(id, principal, action: "invoice.updated") { invoice, repos, _ in
            try await check(changes, of: invoice.buildingID, principal, repos)
            try invoice.apply(changes, at: clock.now())
        }
    }

    public func submit(_ id: PurchaseInvoiceID, as principal: Principal) async throws -> PurchaseInvoice {
        try AccessPolicy.require(.manageInvoices, by: principal)
        return try await change(id, principal, action: "invoice.submitted") { invoice, repos, _ in
            let settings = try await repos.purchaseSettings.settings(of: invoice.buildingID) ?? .standard
            try invoice.submit(
                boardApprovalRequired: try await boardApprovalRequired(invoice, settings, repos), at: clock.now())
        }
    }

    /// The syndic's approval, or a board member's where the invoice needs one. The approval that
    /// completes it books the purchase entry in the same transaction.
    public func approve(_ id: PurchaseInvoiceID, as principal: Principal) async throws -> PurchaseInvoice {
        try await change(id, principal, action: "invoice.approved") { invoice, repos, facts in
            let approver = try await approver(principal, of: invoice.buildingID, repos)
            _ = try await facts.publish(
                InvoiceApproving(
                    invoice: invoice.id, building: invoice.buildingID, organization: invoice.organizationID,
                    category: invoice.category, at: clock.now()))
            let settings = try await repos.purchaseSettings.settings(of: invoice.buildingID) ?? .standard
            let required = try await boardApprovalRequired(invoice, settings, repos)
            guard
                try invoice.approve(
                    as: approver, by: principal.userID, boardApprovalRequired: required, at: clock.now())
            else { return }
            let entry = try await ledger.post(
                try invoice.purchaseEntry(
                    id: JournalEntryID(ids.make()), supplierName: try await supplierName(invoice, repos),
                    recoversVAT: settings.recoversVAT, at: clock.now()), repos)
            invoice.booked(PurchaseInvoice.Booking(entryID: entry.id, number: entry.number ?? ""))
        }
    }

    public func reject(_ id: PurchaseInvoiceID, reason: String, as principal: Principal) async throws
        -> PurchaseInvoice
    {
        try await change(id, principal, action: "invoice.rejected") { invoice, repos, _ in
            _ = try await approver(principal, of: invoice.buildingID, repos)
            try invoice.reject(reason: reason, at: clock.now())
        }
    }

    /// Pays an approved invoice (today unless told otherwise): FIN, 440 debited, 550 credited.
    public func pay(_ id: PurchaseInvoiceID, on day: CalendarDate?, as principal: Principal) async throws
        -> PurchaseInvoice
    {
        try AccessPolicy.require(.manageInvoices, by: principal)
        return try await change(id, principal, action: "invoice.paid") { invoice, repos, _ in
            let day = day ?? today
            if let invoiceDate = invoice.invoiceDate, day < invoiceDate {
                throw DomainError.invalidValue(field: "paidOn", reason: "must not be before the invoice date")
            }
            guard invoice.status == .approved else {
                throw DomainError.illegalTransition(entity: "invoice", from: invoice.status.rawValue, to: "paid")
            }
            let entry = try await ledger.post(
                try invoice.paymentEntry(
                    id: JournalEntryID(ids.make()), supplierName: try await supplierName(invoice, repos), on: day,
                    at: clock.now()), repos)
            try invoice.pay(
                on: day, booking: PurchaseInvoice.Booking(entryID: entry.id, number: entry.number ?? ""),
                at: clock.now())
        }
    }

    // MARK: - Helpers

    private func change(
        _ id: PurchaseInvoiceID, _ principal: Principal, action: String,
        _ body: @Sendable (inout PurchaseInvoice, any InvoiceChangeStores, EventPublisher) async throws -> Void
    ) async throws -> PurchaseInvoice {
        try await persistence.write(publishing: bus) {
            (
                repos: any InvoiceChangeStores & UsesAudit & UsesPurchaseInvoices, facts: EventPublisher
            ) in
            _ = try await visibleInvoice(id, principal, repos)
            try await repos.purchaseInvoices.lock(id)
            guard var invoice = try await repos.purchaseInvoices.find(id) else {
                throw ApplicationError.notFound(entity: "invoice", id: id.description)
            }
            try await body(&invoice, repos, facts)
            try await repos.purchaseInvoices.update(invoice)
            try await trail.record(
                action, entity: "invoice", id: id.description, payload: ["status": invoice.status.rawValue],
                by: principal, organization: principal.organizationID, repos)
            return invoice
        }
    }

    func visibleInvoice(_ id: PurchaseInvoiceID, _ principal: Principal, _ repos: any UsesPurchaseInvoices)
        async throws -> PurchaseInvoice
    {
        try TenantScope.visible(
            try await repos.purchaseInvoices.find(id), in: \.organizationID, principal, entity: "invoice",
            id: id.description)
    }

    /// The supplier, the charge account and the document a change names must be the caller's.
    private func check(
        _ changes: PurchaseInvoice.Changes, of buildingID: BuildingID, _ principal: Principal,
        _ repos: any UsesAccounts & UsesChargeKeys & UsesDocuments & UsesSuppliers
    ) async throws {
        if case .some(.some(let supplier)) = changes.supplierID {
            guard let found = try await repos.suppliers.find(supplier), found.organizationID == principal.organizationID
            else { throw DomainError.invalidValue(field: "supplierId", reason: "is not a supplier of yours") }
        }
        if case .some(.some(let account)) = changes.chargeAccount {
            let code = account.trimmingCharacters(in: .whitespaces)
            guard try await repos.accounts.existingCodes([code], in: buildingID).contains(code) else {
                throw DomainError.invalidValue(
                    field: "chargeAccount", reason: "\(code) is not in the building's chart of accounts")
            }
        }
        if case .some(.some(let key)) = changes.chargeKeyID {
            guard try await repos.chargeKeys.find(key)?.buildingID == buildingID else {
                throw DomainError.invalidValue(field: "chargeKeyId", reason: "is not a charge key of this building")
            }
        }
        if case .some(.some(let document)) = changes.documentID {
            guard let found = try await repos.documents.find(document),
                found.organizationID == principal.organizationID, found.deletedAt == nil
            else { throw DomainError.invalidValue(field: "documentId", reason: "is not a document of yours") }
        }
    }

    /// Above the building's threshold, where the building has a board, a board member approves too.
    private func boardApprovalRequired(
        _ invoice: PurchaseInvoice, _ settings: PurchaseSettings, _ repos: any UsesMandates
    ) async throws -> Bool {
        guard let total = invoice.total, let threshold = settings.boardApprovalThreshold, total > threshold
        else { return false }
        let today = today
        return try await repos.mandates.mandates(of: invoice.buildingID).contains {
            $0.role == .boardMember && $0.isActive(on: today)
        }
    }

    /// The syndic's staff approve as the syndic; a board member as the board, if they hold a
    /// current board mandate in the building through the owner record linked to their account.
    private func approver(_ principal: Principal, of buildingID: BuildingID, _ repos: any UsesMandates & UsesOwners)
        async throws -> PurchaseInvoice.Approver
    {
        if AccessPolicy.allows(principal, .approveInvoices) { return .syndic }
        try AccessPolicy.require(.approveInvoicesForBoard, by: principal)
        let today = today
        for mandate in try await repos.mandates.mandates(of: buildingID)
        where mandate.role == .boardMember && mandate.isActive(on: today) {
            if let owner = mandate.ownerID, try await repos.owners.find(owner)?.userID == principal.userID {
                return .board
            }
        }
        throw FinanceOperationsError.notOnBoard
    }

    private func supplierName(_ invoice: PurchaseInvoice, _ repos: any UsesSuppliers) async throws -> String {
        guard let id = invoice.supplierID, let supplier = try await repos.suppliers.find(id) else { return "" }
        return supplier.name
    }
}

/// What a purchase invoice's draft takes from an invoice document's reading: its changes, and
/// the list of what was pre-filled with its confidence.
extension ScannedInvoice {
    var changes: PurchaseInvoice.Changes {
        var changes = PurchaseInvoice.Changes()
        if let number = byName["invoice_number"]?.value { changes.number = .some(String(number.prefix(100))) }
        let invoiceDate = date("invoice_date")
        if let invoiceDate { changes.invoiceDate = .some(invoiceDate) }
        if let due = date("due_date"), invoiceDate.map({ due >= $0 }) ?? true { changes.dueDate = .some(due) }
        if let (net, _) = net { changes.netAmount = .some(net) }
        if let (rate, _) = rate { changes.vatRate = .some(rate) }
        return changes
    }

    /// What the draft took from the reading, under the invoice's own field names.
    var prefilled: [ExtractedField] {
        let changes = changes
        var fields: [ExtractedField] = []
        func add(_ name: String, _ value: String, from field: ExtractedField) {
            fields.append(field.taken(as: name, value: value))
        }
        if case .some(.some(let number)) = changes.number, let field = byName["invoice_number"] {
            add("number", number, from: field)
        }
        if case .some(.some(let day)) = changes.invoiceDate, let field = byName["invoice_date"] {
            add("invoice_date", day.description, from: field)
        }
        if case .some(.some(let day)) = changes.dueDate, let field = byName["due_date"] {
            add("due_date", day.description, from: field)
        }
        if let (net, field) = net { add("net_amount", net.decimalString, from: field) }
        if let (rate, field) = rate { add("vat_rate", rate.description, from: field) }
        if let field = byName["total"] { add("total", field.value, from: field) }
        return fields
    }
}

/// What the changes run through `change(_:_:action:_:)` use, together (`scripts/store-uses.py`).
typealias InvoiceChangeStores = UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesChargeKeys & UsesDocuments
    & UsesJournal & UsesMandates & UsesOwners & UsesPurchaseSettings & UsesSuppliers
