import Domain
import Foundation
import Testing

@Suite("Legal file domain: the état daté's periods, reference, states and sections")
struct LegalFileDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func day(_ text: String) -> CalendarDate { try! CalendarDate(parsing: text) }

    func request(_ kind: EtatDate.Kind, received: String, reference: String = "2026-05-15") throws -> EtatDate {
        EtatDate(
            id: EtatDateID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
            lotID: LotID(UUID()), reference: EtatDate.reference(year: 2026, number: 12), kind: kind,
            requester: try EtatDate.Requester(role: .notary, name: "Maître Dubois", office: nil, email: nil),
            referenceDate: day(reference), receivedOn: day(received), createdAt: now)
    }

    @Test("15 or 30 days from receipt, the day of receipt not counted, a holiday or weekend end moved on")
    func dueDates() throws {
        #expect(try request(.information, received: "2026-04-29").dueOn == day("2026-05-15"))
        #expect(try request(.notary, received: "2026-04-29").dueOn == day("2026-05-29"))
        #expect(try request(.notary, received: "2026-04-25").dueOn == day("2026-05-26"))
        // 15 days after 2 May 2026 is Sunday 17 May: Monday 18 May.
        #expect(try request(.information, received: "2026-05-02").dueOn == day("2026-05-18"))
    }

    @Test("The reference is gapless digits per year; expired 90 days after the reference date")
    func referenceAndExpiry() throws {
        #expect(EtatDate.reference(year: 2026, number: 12) == "ED-2026-000012")
        #expect(EtatDate.reference(year: 2027, number: 1_234_567) == "ED-2027-1234567")
        let etatDate = try request(.information, received: "2026-04-29")
        #expect(!etatDate.isExpired(on: day("2026-08-13")) && etatDate.isExpired(on: day("2026-08-14")))
        #expect(!etatDate.isOverdue(on: day("2026-05-15")) && etatDate.isOverdue(on: day("2026-05-16")))
    }

    @Test("requested → in_progress → generated → delivered; generated again from delivered; sections first")
    func states() throws {
        var etatDate = try request(.notary, received: "2026-04-29")
        #expect(throws: DomainError.self) { try etatDate.generate(on: day("2026-05-01"), at: now) }
        #expect(throws: DomainError.self) { try etatDate.deliver(at: now) }
        try etatDate.start()
        #expect(throws: LegalFileError.sectionsMissing(EtatDate.ManualSections.Section.allCases.map(\.rawValue))) {
            try etatDate.generate(on: day("2026-05-01"), at: now)
        }
        for section in EtatDate.ManualSections.Section.allCases { etatDate.manual.items[section] = [] }
        #expect(throws: LegalFileError.expired(day("2026-05-15"))) {
            try etatDate.generate(on: day("2026-08-14"), at: now)
        }
        try etatDate.generate(on: day("2026-05-01"), at: now)
        try etatDate.deliver(at: now)
        try etatDate.generate(on: day("2026-05-02"), at: now)
        #expect(etatDate.status == .generated)
        #expect(throws: DomainError.self) { try etatDate.start() }
    }

    @Test("A request for information needs only the disputes; a notary's needs every section")
    func sections() throws {
        var information = try request(.information, received: "2026-04-29")
        #expect(information.manual.missing(for: .information) == [.disputes])
        information.manual.items[.disputes] = [
            try EtatDate.Item(description: "Litige ascenseur", amount: Money(minorUnits: 250_000), field: "disputes[0]")
        ]
        #expect(information.manual.missing(for: .information).isEmpty)
        #expect(information.manual.missing(for: .notary).count == 4)
        #expect(throws: DomainError.self) {
            try EtatDate.Item(description: " ", amount: nil, field: "disputes[0]")
        }
        #expect(throws: DomainError.self) {
            try EtatDate.Item(description: "x", amount: Money(minorUnits: -1), field: "disputes[0]")
        }
    }
}

extension LegalFileDomainTests {
    func sentCall(_ period: CallForFunds.Period, on callDate: String, seller: OwnerID, other: OwnerID) throws
        -> CallForFunds
    {
        var call = try CallForFunds(
            id: CallForFundsID(UUID()), buildingID: BuildingID(UUID()), title: "Provisions", period: period,
            ordinary: Money(minorUnits: 100_000), extraordinary: Money(minorUnits: 10_000), callDate: day(callDate),
            dueDate: day(callDate).adding(days: 30), createdAt: now)
        try call.send(with: [
            Contribution(ownerID: seller, amount: Money(minorUnits: 44_000)),
            Contribution(ownerID: other, amount: Money(minorUnits: 66_000)),
        ])
        return call
    }

    @Test("At the deed the seller gets back the ordinary advance for the period's days from the transfer on")
    func transferCredit() throws {
        let (seller, other) = (OwnerID(UUID()), OwnerID(UUID()))
        let quarter = try sentCall(.quarterly, on: "2026-04-01", seller: seller, other: other)
        // 400.00 × 46 / 91 = 202.1978.
        let parts = try TransferCredit.parts(of: [quarter], seller: seller, transferDate: day("2026-05-16"))
        #expect(parts.map(\.amount) == [Money(minorUnits: 20_220)])
        #expect(parts.first?.periodEnd == day("2026-06-30") && parts.first?.advance == Money(minorUnits: 40_000))
        // On the first day of the period, all of it; on the day after it ends, nothing.
        #expect(
            try TransferCredit.parts(of: [quarter], seller: seller, transferDate: day("2026-04-01")).map(\.amount)
                == [Money(minorUnits: 40_000)])
        #expect(try TransferCredit.parts(of: [quarter], seller: seller, transferDate: day("2026-07-01")).isEmpty)
        // A one-time call has no period; the other owner has no credit; a month ending on the 31st.
        let works = try sentCall(.oneTime, on: "2026-04-01", seller: seller, other: other)
        #expect(try TransferCredit.parts(of: [works], seller: seller, transferDate: day("2026-05-16")).isEmpty)
        let month = try sentCall(.monthly, on: "2026-01-31", seller: seller, other: other)
        let february = try TransferCredit.parts(of: [month], seller: seller, transferDate: day("2026-02-14"))
        #expect(february.first?.periodEnd == day("2026-02-27") && february.first?.periodDays == 28)
        #expect(
            try TransferCredit.parts(of: [quarter], seller: OwnerID(UUID()), transferDate: day("2026-05-16")).isEmpty)
    }
}
