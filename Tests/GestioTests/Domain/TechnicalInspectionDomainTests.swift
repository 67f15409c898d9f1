import Domain
import Foundation
import Testing

@Suite("Legal file domain: regulated technical inspections")
struct TechnicalInspectionDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func day(_ text: String) -> CalendarDate { try! CalendarDate(parsing: text) }

    func inspection(
        _ status: TechnicalInspection.Status = .scheduled, due: String = "2026-06-30", months: Int = 12
    ) throws -> TechnicalInspection {
        try TechnicalInspection(
            id: TechnicalInspectionID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
            equipementID: EquipementID(UUID()), planID: PreventivePlanID(UUID()), type: .lift, region: .brussels,
            frequency: try LegalFrequency(months: months, source: "test", verified: true), dueOn: day(due),
            scheduledOn: nil, inspector: nil, status: status, createdAt: now)
    }

    @Test("Belgian postal codes give the region; anything else gives none")
    func regions() {
        #expect(Region(belgianPostalCode: "1000") == .brussels)
        #expect(Region(belgianPostalCode: "1299") == .brussels)
        #expect(Region(belgianPostalCode: "1300") == .wallonia)
        #expect(Region(belgianPostalCode: "4000") == .wallonia)
        #expect(Region(belgianPostalCode: "1500") == .flanders)
        #expect(Region(belgianPostalCode: "9000") == .flanders)
        #expect(Region(belgianPostalCode: "75001") == nil)
        #expect(Region(belgianPostalCode: "0999") == nil)
        #expect(Region(belgianPostalCode: "abcd") == nil)
    }

    @Test("The legal table gives every type a frequency and a source in every region")
    func table() {
        for type in InspectionType.allCases {
            for region in Region.allCases {
                let frequency = LegalFrequencies.frequency(of: type, in: region)
                #expect(LegalFrequency.monthsRange.contains(frequency.months), "\(type) \(region)")
                #expect(!frequency.source.isEmpty && frequency.source != "bonne pratique", "\(type) \(region)")
                #expect(!frequency.overridden)
            }
        }
        #expect(LegalFrequencies.frequency(of: .fireExtinguishers, in: .flanders).verified)
        #expect(!LegalFrequencies.frequency(of: .lift, in: .wallonia).verified)
        #expect(throws: DomainError.self) { try LegalFrequency(months: 0, source: "x", verified: true) }
        #expect(throws: DomainError.self) { try LegalFrequency(months: 601, source: "x", verified: true) }
    }

    @Test("A month step keeps the day, or the month's last day")
    func monthSteps() throws {
        let yearly = try LegalFrequency(months: 12, source: "x", verified: true)
        #expect(yearly.after(day("2024-02-29")) == day("2025-02-28"))
        let half = try LegalFrequency(months: 6, source: "x", verified: true)
        #expect(half.after(day("2026-08-31")) == day("2027-02-28"))
        #expect(half.after(day("2026-01-15")) == day("2026-07-15"))
    }

    @Test("Every action from every state: only the legal moves pass")
    func transitions() throws {
        let actions: [(String, (inout TechnicalInspection) throws -> Void)] = [
            ("start", { try $0.start(at: now) }),
            ("complete", { try $0.complete(on: day("2026-06-01"), findings: nil, certificate: nil, validUntil: nil) }),
            ("fail", { try $0.fail(on: day("2026-06-01"), findings: "x", intervention: InterventionID(UUID())) }),
            ("cancel", { try $0.cancel() }),
        ]
        let allowed: [TechnicalInspection.Status: Set<String>] = [
            .scheduled: ["start", "cancel"], .inProgress: ["complete", "fail", "cancel"],
        ]
        for status in TechnicalInspection.Status.allCases {
            for (name, action) in actions {
                var value = try inspection(status)
                if allowed[status]?.contains(name) == true {
                    #expect(throws: Never.self, "\(name) from \(status)") { try action(&value) }
                } else {
                    #expect(throws: DomainError.self, "\(name) from \(status)") { try action(&value) }
                }
            }
        }
    }

    @Test("The next due date: one period after completion, the certificate's end when sooner, none when cancelled")
    func nextDueDate() throws {
        var passed = try inspection(.inProgress)
        #expect(passed.nextDueDate == day("2026-06-30"))
        try passed.complete(on: day("2026-05-20"), findings: "ok", certificate: nil, validUntil: nil)
        #expect(passed.nextDueDate == day("2027-05-20"))
        var certified = try inspection(.inProgress)
        try certified.complete(
            on: day("2026-05-20"), findings: nil, certificate: DocumentID(UUID()), validUntil: day("2027-01-31"))
        #expect(certified.nextDueDate == day("2027-01-31"))
        var invalid = try inspection(.inProgress)
        #expect(throws: DomainError.self) {
            try invalid.complete(
                on: day("2026-05-20"), findings: nil, certificate: DocumentID(UUID()), validUntil: day("2026-05-20"))
        }
        #expect(throws: DomainError.self) {
            try invalid.complete(on: day("2026-05-20"), findings: nil, certificate: nil, validUntil: day("2027-05-20"))
        }
        var failed = try inspection(.inProgress)
        #expect(throws: DomainError.self) {
            try failed.fail(on: day("2026-05-20"), findings: "  ", intervention: InterventionID(UUID()))
        }
        try failed.fail(on: day("2026-05-20"), findings: "Câble usé", intervention: InterventionID(UUID()))
        #expect(failed.nextDueDate == day("2026-06-30"))
        var cancelled = try inspection()
        try cancelled.cancel()
        #expect(cancelled.nextDueDate == nil)
    }

    @Test("Alerts come at 90, 60 and 30 days before and on the due date; overdue the day after")
    func alerts() throws {
        let open = try inspection(due: "2026-06-30")
        #expect(open.alertsReached(on: day("2026-03-31")).isEmpty)
        #expect(open.alertsReached(on: day("2026-04-01")) == [90])
        #expect(open.alertsReached(on: day("2026-05-01")) == [90, 60])
        #expect(open.alertsReached(on: day("2026-05-31")) == [90, 60, 30])
        #expect(open.alertsReached(on: day("2026-06-30")) == [90, 60, 30, 0])
        #expect(!open.isOverdue(on: day("2026-06-30")))
        #expect(open.isOverdue(on: day("2026-07-01")))
        let done = try inspection(.completed, due: "2026-06-30")
        #expect(done.alertsReached(on: day("2026-06-30")).isEmpty)
        #expect(!done.isOverdue(on: day("2026-07-01")))
    }
}
