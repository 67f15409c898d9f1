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
                field: "supplierId", reason: "is required before the invoice is submitted")
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

    @Test("A distribution is exact to the cent over the lots, then over a lot's owners by their shares on the day")
    func distribution() throws {
        let (a, b, c) = (LotID(UUID()), LotID(UUID()), LotID(UUID()))
        let (anne, bruno, chloe) = (OwnerID(UUID()), OwnerID(UUID()), OwnerID(UUID()))
        let ownerships = [
            try Ownership(
                id: OwnershipID(UUID()), lotID: a, ownerID: anne, share: .whole, startDate: day("2020-01-01")),
            // Lot B is held one third, two thirds.
            try Ownership(
                id: OwnershipID(UUID()), lotID: b, ownerID: bruno, share: try Share(parsing: "0.333333"),
                startDate: day("2020-01-01")),
            try Ownership(
                id: OwnershipID(UUID()), lotID: b, ownerID: chloe, share: try Share(parsing: "0.666667"),
                startDate: day("2020-01-01")),
            // Lot C was sold on 1 July: the seller (Anne) before, the buyer (Chloé) from then.
            try Ownership(
                id: OwnershipID(UUID()), lotID: c, ownerID: anne, share: .whole, startDate: day("2020-01-01"),
                endDate: day("2026-07-01")),
            try Ownership(
                id: OwnershipID(UUID()), lotID: c, ownerID: chloe, share: .whole, startDate: day("2026-07-01")),
        ]
        let equal: [LotID: Int64] = [a: 1, b: 1, c: 1]
        let spread = try ChargeDistribution(
            Money(minorUnits: 10_000), over: [a, b, c], weights: equal, ownerships: ownerships, on: day("2026-03-10"))
        #expect(spread.lots.map(\.amount.minorUnits).sorted() == [3_333, 3_333, 3_334])
        #expect(spread.lots.reduce(0) { $0 + $1.amount.minorUnits } == 10_000)
        let lotB = try #require(spread.lots.first { $0.lotID == b })
        // 33.33 or 33.34 over 1/3 and 2/3: the parts add up to the lot's exactly.
        #expect(lotB.owners.reduce(0) { $0 + $1.amount.minorUnits } == lotB.amount.minorUnits)
        #expect(spread.byOwner[anne].map { $0.minorUnits } ?? 0 >= 6_666)
        let later = try ChargeDistribution(
            Money(minorUnits: 10_000), over: [a, b, c], weights: [c: 5], ownerships: ownerships, on: day("2026-09-10"))
        #expect(later.byOwner == [chloe: Money(minorUnits: 10_000)])
        #expect(later.lots.first { $0.lotID == a }?.amount == Money(minorUnits: 0))
        #expect(throws: DomainError.self) {
            try ChargeDistribution(
                Money(minorUnits: 100), over: [a], weights: [a: 0], ownerships: ownerships, on: day("2026-01-01"))
        }
    }

    @Test("A statement sets ordinary charges against ordinary advances; closing posts the balances against 700")
    func statements() throws {
        let (anne, bruno) = (OwnerID(UUID()), OwnerID(UUID()))
        var call = try CallForFunds(
            id: CallForFundsID(UUID()), buildingID: BuildingID(UUID()), title: "T1", period: .yearly,
            ordinary: Money(minorUnits: 300_000), extraordinary: Money(minorUnits: 100_000),
            callDate: day("2026-01-05"),
            dueDate: day("2026-02-05"), createdAt: now)
        try call.send(with: [
            Contribution(ownerID: anne, amount: Money(minorUnits: 100_000)),
            Contribution(ownerID: bruno, amount: Money(minorUnits: 300_000)),
        ])
        let advances = try ChargeStatement.advances(of: call)
        #expect(advances[anne]?.ordinary == Money(minorUnits: 75_000))
        #expect(advances[anne]?.extraordinary == Money(minorUnits: 25_000))
        let statements = ChargeStatement.statements(
            fiscalYear: 2026,
            charges: [
                ChargeStatement.Charge(
                    key: nil, accountCode: "610",
                    parts: [anne: Money(minorUnits: 50_000), bruno: Money(minorUnits: 150_000)]),
                ChargeStatement.Charge(
                    key: "Ascenseur", accountCode: "6101", parts: [bruno: Money(minorUnits: 200_000)]),
            ], advances: [advances])
        let byOwner = Dictionary(uniqueKeysWithValues: statements.map { ($0.ownerID, $0) })
        #expect(byOwner[anne]?.balance == Money(minorUnits: -25_000))
        #expect(byOwner[bruno]?.balance == Money(minorUnits: 125_000))
        #expect(byOwner[bruno]?.charges.map(\.accountCode) == ["610", "6101"])
        #expect(byOwner[anne]?.extraordinaryCalled == Money(minorUnits: 25_000))
        let entry = try #require(
            try ChargeStatement.closingEntry(
                statements, id: JournalEntryID(UUID()), building: BuildingID(UUID()), fiscalYear: 2026, at: now))
        #expect(entry.journal == .miscellaneous && entry.entryDate == day("2026-12-31"))
        #expect(entry.totalDebit == entry.totalCredit && entry.totalDebit == Money(minorUnits: 125_000))
        #expect(entry.lines.last?.accountCode == "700" && entry.lines.last?.credit == Money(minorUnits: 100_000))
        let settled = ChargeStatement.statements(fiscalYear: 2026, charges: [], advances: [])
        #expect(
            try ChargeStatement.closingEntry(
                settled, id: JournalEntryID(UUID()), building: BuildingID(UUID()), fiscalYear: 2026, at: now) == nil)
    }
}
