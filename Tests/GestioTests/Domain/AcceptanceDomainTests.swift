import Domain
import Foundation
import Testing

@Suite("Construction acceptance: signatures, the snag list, final acceptance, warranties by trade type")
struct AcceptanceDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let project = ProjectID(UUID())
    let organization = OrganizationID(UUID())
    let trade = TradeID(UUID())
    let client = UserID(UUID())
    let architect = UserID(UUID())

    func day(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    func acceptance(on date: String = "2027-02-10") throws -> Acceptance {
        try Acceptance(
            id: AcceptanceID(UUID()), projectID: project, organizationID: organization, tradeID: trade,
            provisionalOn: try day(date), remarks: nil, createdBy: architect, createdAt: now)
    }

    func snag(_ title: String, deadline: String = "2027-03-01") throws -> Snag {
        try Snag(
            id: SnagID(UUID()), acceptanceID: AcceptanceID(UUID()), projectID: project, organizationID: organization,
            tradeID: trade, title: title, description: nil, deadline: try day(deadline), photoDocumentID: nil,
            createdAt: now)
    }

    @Test("Each stage is signed once by the client and once by the architect, and by no one else")
    func signatures() throws {
        var record = try acceptance()
        #expect(record.missingSignatures(.provisional) == [.maitreOuvrage, .architecte])
        try record.signOff(as: .architecte, by: architect, at: now)
        #expect(throws: ConstructionError.alreadySigned(.architecte)) {
            try record.signOff(as: .architecte, by: architect, at: now)
        }
        #expect(throws: ConstructionError.projectRoleDenied(.signAcceptance)) {
            try record.signOff(as: .entrepriseGenerale, by: UserID(UUID()), at: now)
        }
        #expect(record.missingSignatures(.provisional) == [.maitreOuvrage])
        try record.signOff(as: .maitreOuvrage, by: client, at: now)
        #expect(record.missingSignatures(.provisional).isEmpty)
        #expect(record.missingSignatures(.final) == [.maitreOuvrage, .architecte])
    }

    @Test("The final acceptance waits for both signatures and every snag verified, and is not before the provisional")
    func finalAcceptance() throws {
        var record = try acceptance()
        var leak = try snag("Fuite sous l'évier")
        let verified = try {
            var snag = try snag("Joint de douche")
            try snag.move(to: .fixed, at: now)
            try snag.move(to: .verified, at: now)
            return snag
        }()
        try record.signOff(as: .architecte, by: architect, at: now)
        #expect(throws: ConstructionError.notSignedOff([.maitreOuvrage])) {
            try record.pronounceFinal(on: try day("2027-02-15"), snags: [])
        }
        try record.signOff(as: .maitreOuvrage, by: client, at: now)
        #expect(throws: ConstructionError.snagsOpen(["Fuite sous l'évier"])) {
            try record.pronounceFinal(on: try day("2027-02-15"), snags: [leak, verified])
        }
        try leak.move(to: .fixed, at: now)
        #expect(throws: ConstructionError.snagsOpen(["Fuite sous l'évier"])) {
            try record.pronounceFinal(on: try day("2027-02-15"), snags: [leak, verified])
        }
        try leak.move(to: .verified, at: now)
        #expect(throws: DomainError.self) { try record.pronounceFinal(on: try day("2027-02-09"), snags: [leak]) }
        try record.pronounceFinal(on: try day("2027-02-15"), snags: [leak, verified])
        #expect(record.stage == .final)
        #expect(record.finalOn == (try day("2027-02-15")))
        #expect(throws: DomainError.self) { try record.pronounceFinal(on: try day("2027-02-16"), snags: []) }
    }

    @Test("A snag goes open → fixed → verified, or back to open when the fix does not hold; late only while open")
    func snagLife() throws {
        var item = try snag("Fissure du linteau", deadline: "2027-03-01")
        #expect(!item.isLate(on: try day("2027-03-01")))
        #expect(item.isLate(on: try day("2027-03-02")))
        #expect(throws: DomainError.self) { try item.move(to: .verified, at: now) }
        try item.move(to: .fixed, at: now)
        #expect(item.fixedAt == now)
        #expect(!item.isLate(on: try day("2027-03-02")))
        try item.move(to: .open, at: now)
        #expect(item.fixedAt == nil)
        try item.move(to: .fixed, at: now)
        try item.move(to: .verified, at: now)
        #expect(throws: DomainError.self) { try item.move(to: .open, at: now) }
        #expect(throws: DomainError.self) { try snag("ab") }
    }

    @Test("Ten years for earthworks, structure and roofing, one year for the others, counted from date to date")
    func warranties() throws {
        for kind in Trade.Kind.allCases {
            let expected: ProjectWarranty.Kind =
                [.earthworks, .structuralWork, .roofing].contains(kind) ? .decennial : .oneYear
            #expect(ProjectWarranty.Kind(kind) == expected, "\(kind)")
        }
        let structure = ProjectWarranty(
            projectID: project, organizationID: organization, tradeID: trade, acceptanceID: AcceptanceID(UUID()),
            kind: .decennial, startsOn: try day("2026-03-01"))
        #expect(structure.endsOn == (try day("2036-03-01")))
        let plumbing = ProjectWarranty(
            projectID: project, organizationID: organization, tradeID: trade, acceptanceID: AcceptanceID(UUID()),
            kind: .oneYear, startsOn: try day("2028-02-29"))
        #expect(plumbing.endsOn == (try day("2029-02-28")))
        #expect(!plumbing.endsSoon(on: try day("2028-11-29")))
        #expect(plumbing.endsSoon(on: try day("2028-11-30")))
        #expect(plumbing.endsSoon(on: try day("2029-02-28")))
        #expect(!plumbing.endsSoon(on: try day("2029-03-01")))
        #expect(plumbing.isRunning(on: try day("2029-02-28")))
        #expect(!plumbing.isRunning(on: try day("2029-03-01")))
    }
}
