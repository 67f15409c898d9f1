import Domain

extension DocumentsService {
    /// The reading of an invoice document the caller may see: refused when the document is not an
    /// invoice (422 on `document_id`) or its text is not read yet (409 `text_not_ready`).
    func scannedInvoice(_ id: DocumentID, as principal: Principal) async throws -> ScannedInvoice {
        // Both reads check that the caller may see the document.
        let view = try await document(id, as: principal)
        guard view.document.kind == .invoice else {
            throw DomainError.invalidValue(field: "documentId", reason: "must be a document of kind invoice")
        }
        let text = try await text(of: id, as: principal)
        guard text.status == .done else { throw DocumentError.textNotReady(text.status) }
        return ScannedInvoice(fields: text.fields)
    }
}

/// The fields the documents module read from an invoice document, the most confident reading of
/// each, as values: what a purchase invoice's draft or a construction cost is pre-filled from.
struct ScannedInvoice {
    let byName: [String: ExtractedField]

    init(fields: [ExtractedField]) {
        var byName: [String: ExtractedField] = [:]
        for field in fields where (byName[field.name]?.confidence ?? -1) < field.confidence {
            byName[field.name] = field
        }
        self.byName = byName
    }

    var vatNumber: (value: VATNumber, field: ExtractedField)? {
        byName["vat_number"].flatMap { field in VATNumber(field.value).map { ($0, field) } }
    }

    var iban: (value: IBAN, field: ExtractedField)? {
        byName["iban"].flatMap { field in IBAN(field.value).map { ($0, field) } }
    }

    func date(_ name: String) -> CalendarDate? { byName[name].flatMap { try? CalendarDate(parsing: $0.value) } }
    func money(_ name: String) -> Money? {
        byName[name].flatMap { try? Money(parsing: $0.value) }.flatMap { $0.minorUnits > 0 ? $0 : nil }
    }

    /// The net amount read, or the total less the VAT read.
    var net: (Money, ExtractedField)? {
        if let net = money("net_amount"), let field = byName["net_amount"] { return (net, field) }
        guard let total = money("total"), let vat = byName["vat"].flatMap({ try? Money(parsing: $0.value) }),
            vat < total, let field = byName["total"]
        else { return nil }
        return (Money(minorUnits: total.minorUnits - vat.minorUnits), field)
    }

    /// The rate read, or the Belgian rate that gives exactly the VAT read on the net amount.
    var rate: (VATRate, ExtractedField)? {
        if let field = byName["vat_rate"], let rate = try? VATRate(parsing: field.value) { return (rate, field) }
        guard let (net, _) = net, let field = byName["vat"], let vat = try? Money(parsing: field.value),
            let rate = VATRate.belgian.first(where: { $0.vat(on: net) == vat })
        else { return nil }
        return (rate, field)
    }
}
