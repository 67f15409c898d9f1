import Domain
import Foundation
import Testing

@Suite("Finance operations domain: VAT, the invoice's approval, its bookings")
struct FinanceOperationsDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func day(_ text: String) -> CalendarDate { try! CalendarDate(parsing: text) }

    @Test("A VAT rate is a percentage with at most two decimals, from 0 to 100")
    func rates() throws {
        #expect(try VATRate(parsing: "21").basisPoints == 2100)
        #expect(try VATRate(parsing: "5,5").basisPoints == 550)
        #expect(try VATRate(parsing: "12.25").description == "12.25")
        #expect(try VATRate(parsing: "5.50").description == "5.5")
        #expect(try VATRate(parsing: "0").description == "0")
        #expect(try VATRate(parsing: "100").basisPoints == 10_000)
        for bad in ["101", "-6", "21.125", "", "abc", "1e2", ".5", "21."] {
            #expect(throws: DomainError.self, "\(bad)") { try VATRate(parsing: bad) }
        }
    }

    @Test("The VAT is rounded to the nearest cent, a half cent up, on exact integers")
    func vat() throws {
        let rate = try VATRate(parsing: "21")
        // 2666.94 × 21 % = 560.0574 → 560.06; 0.02 × 21 % = 0.0042 → 0.00; 0.10 × 5 % = 0.005 → 0.01.
        #expect(rate.vat(on: Money(minorUnits: 266_694)) == Money(minorUnits: 56_006))
        #expect(rate.vat(on: Money(minorUnits: 2)) == Money(minorUnits: 0))
        #expect(try VATRate(parsing: "5").vat(on: Money(minorUnits: 10)) == Money(minorUnits: 1))
        // The largest amount a client may send (12 whole digits) does not overflow at 100 %.
        let largest = Money(minorUnits: 99_999_999_999_999)
        #expect(try VATRate(parsing: "100").vat(on: largest) == largest)
    }

    func complete() throws -> PurchaseInvoice {
        var invoice = PurchaseInvoice(
            id: PurchaseInvoiceID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
            createdAt: now)
        var changes = PurchaseInvoice.Changes()
        changes.supplierID = .some(SupplierID(UUID()))
        changes.number = .some("F-12")
        changes.chargeAccount = .some("610")
        changes.invoiceDate = .some(day("2026-02-10"))
        changes.dueDate = .some(day("2026-03-10"))
        changes.netAmount = .some(Money(minorUnits: 50_000))
        changes.vatRate = .some(try VATRate(parsing: "21"))
        try invoice.apply(changes, at: now)
        return invoice
    }

    @Test("Submission asks for every field; edits only in draft or rejected; a resubmission clears the reason")
    func lifecycle() throws {
        var empty = PurchaseInvoice(
            id: PurchaseInvoiceID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
            createdAt: now)
        #expect(
            throws: DomainError.invalidValue(
                field: "supplier_id", reason: "is required before the invoice is submitted")
        ) {
            try empty.submit(boardApprovalRequired: false, at: now)
        }
        var invoice = try complete()
        try invoice.submit(boardApprovalRequired: false, at: now)
        #expect(throws: FinanceOperationsError.notEditable(.pendingApproval)) {
            try invoice.apply(PurchaseInvoice.Changes(), at: now)
        }
        #expect(throws: DomainError.self) { try invoice.reject(reason: "  ", at: now) }
        try invoice.reject(reason: "Montant faux", at: now)
        #expect(invoice.status == .rejected && invoice.rejectionReason == "Montant faux")
        try invoice.submit(boardApprovalRequired: false, at: now)
        #expect(invoice.status == .pendingApproval && invoice.rejectionReason == nil)
        var charge = PurchaseInvoice.Changes()
        charge.chargeAccount = .some("550")
        var draft = try complete()
        #expect(throws: DomainError.self) { try draft.apply(charge, at: now) }
        var early = PurchaseInvoice.Changes()
        early.dueDate = .some(day("2026-02-09"))
        #expect(throws: DomainError.self) { try draft.apply(early, at: now) }
    }

    @Test("Above the threshold both the syndic and the board approve, in either order, each once")
    func approvals() throws {
        let user = UserID(UUID())
        var invoice = try complete()
        try invoice.submit(boardApprovalRequired: true, at: now)
        #expect(try !invoice.approve(as: .board, by: user, boardApprovalRequired: true, at: now))
        #expect(throws: FinanceOperationsError.alreadyApproved(.board)) {
            try invoice.approve(as: .board, by: user, boardApprovalRequired: true, at: now)
        }
        #expect(try invoice.approve(as: .syndic, by: user, boardApprovalRequired: true, at: now))
        #expect(invoice.status == .approved)
        var small = try complete()
        try small.submit(boardApprovalRequired: false, at: now)
        #expect(throws: FinanceOperationsError.boardApprovalNotRequired) {
            try small.approve(as: .board, by: user, boardApprovalRequired: false, at: now)
        }
        #expect(try small.approve(as: .syndic, by: user, boardApprovalRequired: false, at: now))
    }

    @Test("Approval books ACH (VAT to 411 only when recovered); payment books FIN 440 / 550")
    func bookings() throws {
        let invoice = try complete()
        let charged = try invoice.purchaseEntry(
            id: JournalEntryID(UUID()), supplierName: "Dubois", recoversVAT: false, at: now)
        #expect(charged.journal == .purchases && charged.entryDate == day("2026-02-10"))
        #expect(charged.lines.map(\.accountCode) == ["610", "440"])
        #expect(charged.lines.map(\.debit.minorUnits) == [60_500, 0] && charged.lines[1].credit.minorUnits == 60_500)
        let recovered = try invoice.purchaseEntry(
            id: JournalEntryID(UUID()), supplierName: "Dubois", recoversVAT: true, at: now)
        #expect(recovered.lines.map(\.accountCode) == ["610", "411", "440"])
        #expect(recovered.lines.map(\.debit.minorUnits) == [50_000, 10_500, 0])
        let paid = try invoice.paymentEntry(
            id: JournalEntryID(UUID()), supplierName: "Dubois", on: day("2026-03-01"), at: now)
        #expect(paid.journal == .financial && paid.lines.map(\.accountCode) == ["440", "550"])
        #expect(paid.totalDebit == Money(minorUnits: 60_500) && paid.description == "Paiement Dubois n° F-12")
    }
}
