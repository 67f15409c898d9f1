import Domain
import Foundation
import Testing

@Suite("Dues reminders domain: interest, levels, tracking numbers, the reminder's states")
struct DuesReminderDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func day(_ text: String) -> CalendarDate { try! CalendarDate(parsing: text) }

    func euros(_ cents: Int64) -> Money { Money(minorUnits: cents) }

    func policy(_ start: CollectionPolicy.InterestStart, rates: [Int: Int] = [:]) throws -> CollectionPolicy {
        CollectionPolicy(
            interestStart: start, rates: try rates.mapValues { try InterestRate(basisPoints: $0) },
            fees: [.first: euros(500)], automatic: false)
    }

    @Test("Interest is amount × rate × days / 365, each year at its rate, rounded once to the cent, half up")
    func interest() throws {
        let legal = try policy(.dueDate)
        // 100.00 at 4.5 % for 20 days = 0.2466.
        #expect(legal.interest(on: euros(10_000), from: day("2026-02-05"), through: day("2026-02-25")) == euros(25))
        // 10 days of 2025 at 10 % and 10 days of 2026 at 2 % on 1000.00: 1000 × 1.2 / 365 = 3.2877.
        let split = try policy(.dueDate, rates: [2025: 1000, 2026: 200])
        #expect(split.interest(on: euros(100_000), from: day("2025-12-21"), through: day("2026-01-10")) == euros(329))
        // The day after 31 December counts in the new year: from 31 December to 1 January is one 2026 day.
        #expect(split.interest(on: euros(3_650_000), from: day("2025-12-31"), through: day("2026-01-01")) == euros(200))
        // 73.00 at 2.5 % for one day is exactly half a cent: rounded up.
        let half = try policy(.dueDate, rates: [2026: 250])
        #expect(half.interest(on: euros(7_300), from: day("2026-03-01"), through: day("2026-03-02")) == euros(1))
        #expect(legal.interest(on: euros(10_000), from: day("2026-03-02"), through: day("2026-03-01")) == euros(0))
        // The largest amount at 100 % over a century does not overflow.
        let most = try policy(.dueDate, rates: Dictionary(uniqueKeysWithValues: (2000...2100).map { ($0, 10_000) }))
        let big = most.interest(on: euros(99_999_999_999_999), from: day("2000-01-01"), through: day("2099-12-31"))
        #expect(big.minorUnits > 99_999_999_999_999 * 99)
    }

    @Test("The legal rate comes from the published table; later years keep the last one published")
    func legalRate() throws {
        #expect(LegalInterest.rate(in: 2024) == 575)
        #expect(LegalInterest.rate(in: 2026) == 450)
        #expect(LegalInterest.rate(in: 2031) == 450)
        #expect(LegalInterest.rate(in: 1990) == 200)
        let own = try policy(.formalNotice, rates: [2026: 800])
        #expect(own.rate(in: 2026).basisPoints == 800 && own.rate(in: 2025).basisPoints == 450)
    }

    @Test("Levels by days overdue: the first from 15, the second from 30, the formal notice from 60")
    func levels() {
        #expect(ReminderLevel.reached(daysOverdue: 14) == nil)
        #expect(ReminderLevel.reached(daysOverdue: 15) == .first)
        #expect(ReminderLevel.reached(daysOverdue: 29) == .first)
        #expect(ReminderLevel.reached(daysOverdue: 30) == .second)
        #expect(ReminderLevel.reached(daysOverdue: 65) == .formalNotice)
        #expect(ReminderLevel.first < .formalNotice && ReminderLevel.formalNotice.next == nil)
    }

    @Test("A tracking number has the S10 form and its check digit")
    func trackingNumbers() throws {
        #expect(try TrackingNumber(parsing: " rr 123 456 785 be ").value == "RR123456785BE")
        #expect(TrackingNumber.checkDigit(of: [1, 2, 3, 4, 5, 6, 7, 8]) == 5)
        // Weighted sums of 0 and 56 (1 mod 11) give 11 (→ 5) and 10 (→ 0).
        #expect(TrackingNumber.checkDigit(of: [0, 0, 0, 0, 0, 0, 0, 0]) == 5)
        #expect(TrackingNumber.checkDigit(of: [0, 0, 0, 0, 0, 0, 0, 8]) == 0)
        for bad in ["RR123456789BE", "RR12345678BE", "1R123456785BE", "RR123456785B1", ""] {
            #expect(throws: DomainError.self, "\(bad)") { try TrackingNumber(parsing: bad) }
        }
    }

    func sentCall(due: String) throws -> CallForFunds {
        var call = try CallForFunds(
            id: CallForFundsID(UUID()), buildingID: BuildingID(UUID()), title: "T1", period: .quarterly,
            ordinary: euros(10_000), extraordinary: euros(0), callDate: day("2026-01-05"), dueDate: day(due),
            createdAt: now)
        try call.send(with: [Contribution(ownerID: OwnerID(UUID()), amount: euros(10_000))])
        return call
    }

    func reminder(level: ReminderLevel? = nil, on today: String) throws -> DuesReminder {
        let call = try sentCall(due: "2026-02-05")
        return try DuesReminder.due(
            id: DuesReminderID(UUID()), organizationID: OrganizationID(UUID()), call: call,
            owner: call.contributions[0].ownerID, unpaid: euros(10_000), level: level,
            policy: try policy(.formalNotice),
            on: day(today), at: now)
    }

    @Test("A reminder is made at the level reached, never above it, and only for what is unpaid")
    func making() throws {
        #expect(try reminder(on: "2026-02-25").level == .first)
        #expect(try reminder(on: "2026-02-25").fee == euros(500))
        #expect(try reminder(on: "2026-04-11").level == .formalNotice)
        #expect(try reminder(level: .first, on: "2026-04-11").level == .first)
        #expect(throws: FinanceOperationsError.thresholdNotReached(.first, daysOverdue: 10)) {
            try reminder(on: "2026-02-15")
        }
        #expect(throws: FinanceOperationsError.thresholdNotReached(.second, daysOverdue: 20)) {
            try reminder(level: .second, on: "2026-02-25")
        }
        let call = try sentCall(due: "2026-02-05")
        #expect(throws: FinanceOperationsError.nothingOverdue) {
            try DuesReminder.due(
                id: DuesReminderID(UUID()), organizationID: OrganizationID(UUID()), call: call,
                owner: call.contributions[0].ownerID, unpaid: euros(0), policy: try policy(.formalNotice),
                on: day("2026-03-25"), at: now)
        }
    }

    @Test("pending → sent → escalated or paid; cancelled only before sending; the bailiff after a formal notice")
    func states() throws {
        var first = try reminder(on: "2026-02-25")
        #expect(throws: DomainError.self) { try first.escalate(on: day("2026-03-12")) }
        try first.send(on: day("2026-02-25"))
        #expect(throws: DomainError.self) { try first.cancel(on: day("2026-02-26")) }
        #expect(throws: FinanceOperationsError.notByPost(.first)) {
            try first.track(try TrackingNumber(parsing: "RR123456785BE"))
        }
        try first.escalate(on: day("2026-03-12"))
        #expect(first.status == .escalated && !first.forBailiff && first.closedOn == day("2026-03-12"))
        #expect(throws: DomainError.self) { try first.settle(on: day("2026-03-13")) }

        var notice = try reminder(on: "2026-04-11")
        try notice.track(try TrackingNumber(parsing: "RR123456785BE"))
        try notice.send(on: day("2026-04-11"))
        try notice.escalate(on: day("2026-05-11"))
        #expect(notice.forBailiff && notice.trackingNumber?.value == "RR123456785BE")

        var pending = try reminder(on: "2026-02-25")
        try pending.settle(on: day("2026-02-26"))
        #expect(pending.status == .paid && pending.daysOverdue(on: day("2026-06-01")) == 21)
    }

    @Test("Interest runs from the due date when contractual, else from the formal notice's sending")
    func interestStart() throws {
        var first = try reminder(on: "2026-02-25")
        let legal = try policy(.formalNotice)
        #expect(first.interest(under: legal, formalNoticeSentOn: nil, on: day("2026-02-25")) == euros(0))
        #expect(
            first.interest(under: try policy(.dueDate), formalNoticeSentOn: nil, on: day("2026-02-25")) == euros(25))
        // 100.00 × 4.5 % × 30 / 365 = 0.3699, from a formal notice sent on 11 April.
        #expect(first.interest(under: legal, formalNoticeSentOn: day("2026-04-11"), on: day("2026-05-11")) == euros(37))
        var notice = try reminder(on: "2026-04-11")
        try notice.send(on: day("2026-04-11"))
        #expect(notice.interest(under: legal, formalNoticeSentOn: nil, on: day("2026-05-11")) == euros(37))
        // A closed reminder's interest stops at its closing.
        try first.settle(on: day("2026-02-25"))
        #expect(
            first.interest(under: try policy(.dueDate), formalNoticeSentOn: nil, on: day("2026-12-31")) == euros(25))
    }
}
