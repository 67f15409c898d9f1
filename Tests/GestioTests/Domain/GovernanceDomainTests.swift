import Domain
import Foundation
import Testing

@Suite("Governance domain")
struct GovernanceDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A fixture date (the literals below are valid).
    func day(_ text: String) -> CalendarDate { try! CalendarDate(parsing: text) }

    func assembly(_ status: GeneralAssembly.Status, date: String = "2026-03-20", urgent: String? = nil) throws
        -> GeneralAssembly
    {
        try GeneralAssembly(
            id: AssemblyID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
            kind: .ordinary, date: day(date), startTime: "19:30", place: "Salle des fêtes", videoLink: nil,
            chair: "Anne", secretary: "Marc", status: status, urgentReason: urgent, createdAt: now)
    }

    // MARK: the legal calendar

    @Test("Easter and the ten Belgian holidays match the reference's check values, with 2008's override")
    func holidays() throws {
        let easters = [
            2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2028: "2028-04-16",
            2029: "2029-04-01", 2030: "2030-04-21",
        ]
        for (year, date) in easters { #expect(LegalCalendar.easter(year) == (day(date))) }
        let expected = [
            "2026-01-01", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25", "2026-07-21", "2026-08-15",
            "2026-11-01", "2026-11-11", "2026-12-25",
        ]
        #expect(LegalCalendar.belgium.holidays(2026).map(\.description) == expected)
        // 2008: Easter on 23 March put Ascension on 1 May; the AR of 3 June 2007 added 2 May.
        #expect(LegalCalendar.belgium.holidays(2008).contains(day("2008-05-02")))
        #expect(LegalCalendar.belgium.holidays(2008).count == 10)  // 1 May counted once, 2 May added
        #expect(LegalCalendar(overrides: [:]).holidays(2008).count == 9)
    }

    @Test("Day numbers round-trip and weekdays are right")
    func dayArithmetic() throws {
        #expect(day("1970-01-01").dayNumber == 0)
        #expect(day("2026-02-02").isoWeekday == 1)  // a Monday
        #expect(day("2026-02-01").isoWeekday == 7)
        for text in ["1969-12-31", "2000-02-29", "2024-12-31", "2100-03-01"] {
            let date = day(text)
            #expect(CalendarDate(dayNumber: date.dayNumber) == date)
        }
        #expect(day("2026-12-25").adding(days: 10) == day("2027-01-04"))
        // A client's date at either end of years 1…9999 stops there instead of trapping
        // (`GET /centres/{id}/revenue?from=9999-12-31&to=9999-12-31` stopped the server).
        #expect(day("9999-12-31").adding(days: 1) == day("9999-12-31"))
        #expect(day("9999-12-01").adding(days: 365) == day("9999-12-31"))
        #expect(day("0001-01-01").adding(days: -1) == day("0001-01-01"))
        #expect(day("2026-01-01").adding(days: .max) == day("9999-12-31"))
        #expect(day("2026-01-01").adding(days: .min) == day("0001-01-01"))
        #expect(CalendarDate(dayNumber: .min) == day("0001-01-01"))
    }

    @Test("Art. 1.7: the first day is not counted, and a period ending on a non-working day moves on")
    func periods() throws {
        // The reference's two examples: Monday 2 Feb 2026 + 15 → Tuesday 17 Feb.
        #expect(LegalCalendar.belgium.periodEnd(from: day("2026-02-02"), days: 15) == day("2026-02-17"))
        // Thursday 16 Apr 2026 + 15 → Friday 1 May, a holiday → Monday 4 May.
        #expect(LegalCalendar.belgium.periodEnd(from: day("2026-04-16"), days: 15) == day("2026-05-04"))
        // Friday 6 Mar 2026 + 15 → Saturday 21 Mar → Monday 23 Mar.
        #expect(LegalCalendar.belgium.periodEnd(from: day("2026-03-06"), days: 15) == day("2026-03-23"))
        // A one-day period does not move.
        #expect(LegalCalendar.belgium.periodEnd(from: day("2026-03-20"), days: 1) == day("2026-03-21"))
    }

    // MARK: the assembly

    @Test("Each action is allowed exactly from its states, and a refusal names the allowed next states")
    func stateMachine() throws {
        let expected: [GeneralAssembly.Status: Set<GeneralAssembly.Action>] = [
            .draft: [.convene, .cancel], .convened: [.open, .closeWithoutQuorum, .cancel], .opened: [.close],
            .closed: [.signMinutes], .minutesSigned: [], .cancelled: [],
        ]
        for status in GeneralAssembly.Status.allCases {
            for action in GeneralAssembly.Action.allCases {
                var value = try assembly(status)
                if expected[status, default: []].contains(action) {
                    try value.perform(action)
                    #expect(value.status == action.to)
                } else {
                    #expect(throws: GovernanceError.self, "\(action) from \(status)") { try value.perform(action) }
                }
            }
        }
        var signed = try assembly(.minutesSigned)
        #expect(throws: GovernanceError.illegalTransition(from: .minutesSigned, requested: .cancelled, allowed: [])) {
            try signed.perform(.cancel)
        }
    }

    @Test("Convening refuses less than 15 days' notice counted by art. 1.7, unless urgent")
    func notice() throws {
        // Sent Friday 6 Mar 2026: the 15th day is Saturday 21 Mar, so the period runs to Monday 23.
        var early = try assembly(.draft, date: "2026-03-20")
        #expect(throws: GovernanceError.noticeTooShort(earliest: day("2026-03-23"), noticeDays: 15)) {
            try early.convene(on: day("2026-03-06"), noticeDays: 15, calendar: .belgium)
        }
        #expect(early.status == .draft)
        var onTime = try assembly(.draft, date: "2026-03-23")
        try onTime.convene(on: day("2026-03-06"), noticeDays: 15, calendar: .belgium)
        #expect(onTime.status == .convened && onTime.convenedOn == day("2026-03-06"))
        // The internal rules may ask for more: 20 days from 6 Mar is Thursday 26 Mar.
        var longer = try assembly(.draft, date: "2026-03-25")
        #expect(throws: GovernanceError.noticeTooShort(earliest: day("2026-03-26"), noticeDays: 20)) {
            try longer.convene(on: day("2026-03-06"), noticeDays: 20, calendar: .belgium)
        }
        var urgent = try assembly(.draft, date: "2026-03-10", urgent: "Roof leak: the insurer needs a decision")
        try urgent.convene(on: day("2026-03-06"), noticeDays: 15, calendar: .belgium)
        #expect(urgent.status == .convened)
    }

    @Test("Changes to the date need a draft; the place may change until the assembly closes")
    func editing() throws {
        var convened = try assembly(.convened)
        #expect(throws: GovernanceError.notEditable(.convened)) {
            try convened.apply(.init(date: day("2026-04-01")))
        }
        try convened.apply(.init(place: .some("Salle B")))
        #expect(convened.place == "Salle B")
        #expect(throws: DomainError.self) { try convened.apply(.init(place: .some(nil))) }
        #expect(throws: DomainError.self) { try convened.apply(.init(videoLink: .some("http://x y"))) }
    }

    // MARK: the roll and the quorum

    /// Building of 1000: A 300 (lots 1+2: 200+100), B 250, C 200, D 150, lot 5 (100) held by E and F
    /// without a representative.
    struct Fixture {
        let a = OwnerID(UUID()), b = OwnerID(UUID()), c = OwnerID(UUID()), d = OwnerID(UUID())
        let e = OwnerID(UUID()), f = OwnerID(UUID())
        let roll: AssemblyRoll

        init() {
            let lots: [(String, Int, OwnerID?)] = [
                ("1", 200, a), ("2", 100, a), ("3", 250, b), ("4", 200, c),
                ("5", 100, nil), ("6", 150, d),
            ]
            roll = AssemblyRoll(
                lots: lots.map { .init(lotID: LotID(UUID()), number: $0.0, tantiemes: $0.1, voter: $0.2) })
        }
    }

    @Test("The roll: a sole owner votes their lots' sum; joint owners vote through their representative or not at all")
    func roll() throws {
        let building = BuildingID(UUID())
        let (a, b, e) = (OwnerID(UUID()), OwnerID(UUID()), OwnerID(UUID()))
        func lot(_ number: String, _ tantiemes: Int) throws -> Lot {
            try Lot(
                id: LotID(UUID()), buildingID: building, number: number, kind: .apartment, floor: nil,
                surfaceHundredths: nil, tantiemes: tantiemes, createdAt: now)
        }
        let (one, two, three) = (try lot("1", 600), try lot("2", 300), try lot("3", 100))
        func row(_ lot: Lot, _ owner: OwnerID, _ share: String) throws -> Ownership {
            try Ownership(
                id: OwnershipID(UUID()), lotID: lot.id, ownerID: owner, share: Share(parsing: share),
                startDate: day("2020-01-01"))
        }
        let rows = [
            try row(one, a, "1"), try row(two, a, "1"), try row(three, b, "0.5"), try row(three, e, "0.5"),
        ]
        let suspended = AssemblyRoll(lots: [one, two, three], ownerships: rows, representatives: [:])
        #expect(suspended.weights == [a: 900])
        #expect(suspended.suspendedLots.map(\.number) == ["3"])
        #expect(suspended.heads == 2 && suspended.totalWeight == 1000)
        let named = AssemblyRoll(lots: [one, two, three], ownerships: rows, representatives: [three.id: e])
        #expect(named.weights == [a: 900, e: 100])
        #expect(named.voters(names: [a: "Alice", e: "Eve"]).map(\.lots) == [["1", "2"], ["3"]])
        // A representative who no longer holds the lot does not vote for it.
        let stale = AssemblyRoll(
            lots: [one, two, three], ownerships: rows, representatives: [three.id: OwnerID(UUID())])
        #expect(stale.suspendedLots.count == 1)
    }

    @Test("Quorum: more than half the heads with half the shares, or more than three quarters of the shares")
    func quorum() {
        let fixture = Fixture()
        let roll = fixture.roll
        // Heads: A, B, C, D and the suspended lot 5 = 5; shares 1000.
        // A+B+C present: 3 heads of 5 (> half), 750 shares ≥ 500 → met by heads and shares.
        let met = QuorumCheck(
            roll: roll, attendance: [fixture.a: .present, fixture.b: .represented, fixture.c: .present],
            secondConvocation: false)
        #expect(met.rule == .headsAndShares && met.headsPresent == 3 && met.sharesPresent == 750)
        // A+B: 2 heads of 5 (not > half), 550 shares (not > 750) → missed.
        let missed = QuorumCheck(
            roll: roll, attendance: [fixture.a: .present, fixture.b: .present], secondConvocation: false)
        #expect(!missed.isMet && missed.sharesPresent == 550 && missed.headsTotal == 5)
        // Attending by video counts as present: A remote, B and C present → 3 heads, 750 shares.
        #expect(
            QuorumCheck(
                roll: roll, attendance: [fixture.a: .remote, fixture.b: .present, fixture.c: .present],
                secondConvocation: false
            ).sharesPresent == 750)
        // A second convocation deliberates whatever the attendance.
        #expect(QuorumCheck(roll: roll, attendance: [:], secondConvocation: true).rule == .secondConvocation)
        // Three quarters alone: one owner of 800 in a building of 1000 with 4 other owners of 50.
        let big = OwnerID(UUID())
        let small = (0..<4).map { _ in OwnerID(UUID()) }
        let skewed = AssemblyRoll(
            lots: [.init(lotID: LotID(UUID()), number: "A", tantiemes: 800, voter: big)]
                + small.enumerated().map {
                    .init(lotID: LotID(UUID()), number: "B\($0.offset)", tantiemes: 50, voter: $0.element)
                })
        // 1 head of 5, 800 shares: 4·800 = 3200 > 3·1000 → met by three quarters.
        #expect(
            QuorumCheck(roll: skewed, attendance: [big: .present], secondConvocation: false).rule
                == .threeQuartersOfShares)
        // Exactly three quarters is not more than three quarters.
        let even = AssemblyRoll(lots: [
            .init(lotID: LotID(UUID()), number: "A", tantiemes: 750, voter: big),
            .init(lotID: LotID(UUID()), number: "B", tantiemes: 125, voter: small[0]),
            .init(lotID: LotID(UUID()), number: "C", tantiemes: 125, voter: small[1]),
        ])
        #expect(!QuorumCheck(roll: even, attendance: [big: .present], secondConvocation: false).isMet)
    }

    @Test("Proxies: a fourth is refused above 10 % of all votes and allowed within it")
    func proxies() throws {
        // Building of 10 000: a holder of 100 with three principals of 200 takes a fourth of 300.
        // 100 + 200·3 + 300 = 1000 = 10 % of 10 000 → allowed (within, not above).
        try ProxyRules.check(holderWeight: 100, principalWeights: [200, 200, 200, 300], totalWeight: 10_000)
        // One more tantième: 1001 > 1000 → refused.
        #expect(throws: GovernanceError.tooManyProxies(count: 4, votes: 1001, total: 10_000)) {
            try ProxyRules.check(holderWeight: 101, principalWeights: [200, 200, 200, 300], totalWeight: 10_000)
        }
        // Up to three proxies, there is no limit on weight.
        try ProxyRules.check(holderWeight: 5000, principalWeights: [1000, 1000, 1000], totalWeight: 10_000)
    }

    // MARK: votes

    func cast(_ voter: OwnerID, _ weight: Int, _ ballot: Ballot, by group: ProxyHolder? = nil) -> VoteTally.Cast {
        .init(voter: voter, group: group ?? .owner(voter), weight: weight, ballot: ballot)
    }

    @Test("Two thirds of the votes cast: abstentions do not count; adopted at exactly 2/3, rejected below")
    func twoThirds() {
        let (a, b, c, d) = (OwnerID(UUID()), OwnerID(UUID()), OwnerID(UUID()), OwnerID(UUID()))
        let present: [OwnerID: (group: ProxyHolder, weight: Int)] = [
            a: (.owner(a), 400), b: (.owner(b), 200), c: (.owner(c), 150), d: (.owner(d), 250),
        ]
        // yes 400 (A), no 200 (B), abstain 150 (C) + 250 (D): cast = 600; 3·400 = 1200 ≥ 2·600 → adopted.
        let adopted = VoteTally(
            majority: .twoThirds,
            casts: [
                cast(a, 400, .yes), cast(b, 200, .no), cast(c, 150, .abstain),
                cast(d, 250, .abstain),
            ],
            participants: present, excluded: [], excludedWeights: [:], buildingTotal: 1000)
        #expect(adopted.adopted && adopted.yes == 400 && adopted.no == 200 && adopted.abstain == 400)
        #expect(adopted.base == 600 && adopted.yesHeads == 1 && adopted.abstainHeads == 2)
        // yes 400 + 150 (A, C) = 550, no 200 + 250 = 450: 3·550 = 1650 < 2·1000 = 2000 → rejected.
        let rejected = VoteTally(
            majority: .twoThirds,
            casts: [
                cast(a, 400, .yes), cast(b, 200, .no), cast(c, 150, .yes),
                cast(d, 250, .no),
            ],
            participants: present, excluded: [], excludedWeights: [:], buildingTotal: 1000)
        #expect(!rejected.adopted && rejected.yes == 550 && rejected.no == 450)
    }

    @Test("Absolute majority is more than half; four fifths at least 4/5; nobody voting adopts nothing")
    func majorities() {
        let (a, b) = (OwnerID(UUID()), OwnerID(UUID()))
        let present: [OwnerID: (group: ProxyHolder, weight: Int)] = [a: (.owner(a), 500), b: (.owner(b), 500)]
        func tally(_ majority: Majority, _ casts: [VoteTally.Cast]) -> VoteTally {
            VoteTally(
                majority: majority, casts: casts, participants: present, excluded: [], excludedWeights: [:],
                buildingTotal: 1000)
        }
        // 500 yes, 500 no: 2·500 = 1000 is not > 1000 → a tie is rejected.
        #expect(!tally(.absolute, [cast(a, 500, .yes), cast(b, 500, .no)]).adopted)
        // 500 yes, 500 abstain: cast 500, 2·500 > 500 → adopted.
        #expect(tally(.absolute, [cast(a, 500, .yes), cast(b, 500, .abstain)]).adopted)
        #expect(!tally(.absolute, [cast(a, 500, .abstain)]).adopted)
        // Four fifths: 500 yes / 500 cast → adopted; 500 yes / 1000 cast → 2500 < 4000 rejected.
        #expect(tally(.fourFifths, [cast(a, 500, .yes), cast(b, 500, .abstain)]).adopted)
        #expect(!tally(.fourFifths, [cast(a, 500, .yes), cast(b, 500, .no)]).adopted)
    }

    @Test("Unanimity counts all the building's votes, present or not")
    func unanimity() {
        let (a, b) = (OwnerID(UUID()), OwnerID(UUID()))
        let present: [OwnerID: (group: ProxyHolder, weight: Int)] = [a: (.owner(a), 600), b: (.owner(b), 300)]
        // Both present vote yes: 900 of the building's 1000 → rejected (the absent 100 did not agree).
        let partial = VoteTally(
            majority: .unanimity, casts: [cast(a, 600, .yes), cast(b, 300, .yes)], participants: present,
            excluded: [], excludedWeights: [:], buildingTotal: 1000)
        #expect(!partial.adopted && partial.base == 1000)
        let whole = VoteTally(
            majority: .unanimity, casts: [cast(a, 600, .yes), cast(b, 300, .yes)], participants: present,
            excluded: [], excludedWeights: [:], buildingTotal: 900)
        #expect(whole.adopted)
    }

    @Test("The vote cap cuts a dominant voter to the others' total, proxies included")
    func voteCap() {
        let (a, b, c, d) = (OwnerID(UUID()), OwnerID(UUID()), OwnerID(UUID()), OwnerID(UUID()))
        // A 600 yes; B 150 no, C 100 no present; D 150 absent. Others present: 250.
        // A is cut by 600 − 250 = 350 to 250: yes 250, no 250 → absolute: 500 not > 500 → rejected.
        let present: [OwnerID: (group: ProxyHolder, weight: Int)] = [
            a: (.owner(a), 600), b: (.owner(b), 150), c: (.owner(c), 100),
        ]
        let capped = VoteTally(
            majority: .absolute, casts: [cast(a, 600, .yes), cast(b, 150, .no), cast(c, 100, .no)],
            participants: present, excluded: [], excludedWeights: [:], buildingTotal: 1000)
        #expect(capped.cuts == [a: 350] && capped.yes == 250 && capped.no == 250 && !capped.adopted)
        // A holder of 300 with a principal D of 150: group 450 against B + C = 250 → cut 200, from
        // the heavier vote (the holder's own) first: A 300 → 100, D 150 uncut.
        let withProxy: [OwnerID: (group: ProxyHolder, weight: Int)] = [
            a: (.owner(a), 300), d: (.owner(a), 150), b: (.owner(b), 150), c: (.owner(c), 100),
        ]
        let group = VoteTally(
            majority: .absolute,
            casts: [cast(a, 300, .yes), cast(d, 150, .yes, by: .owner(a)), cast(b, 150, .no), cast(c, 100, .no)],
            participants: withProxy, excluded: [], excludedWeights: [:], buildingTotal: 1000)
        // yes 100 + 150 = 250, no 250 → rejected; the cut is shown.
        #expect(group.cuts == [a: 200] && group.yes == 250 && group.totalCut == 200 && !group.adopted)
    }

    @Test("A voter in conflict of interest is excluded from the vote and from the base")
    func conflict() {
        let (a, b, c) = (OwnerID(UUID()), OwnerID(UUID()), OwnerID(UUID()))
        let present: [OwnerID: (group: ProxyHolder, weight: Int)] = [
            a: (.owner(a), 300), b: (.owner(b), 200), c: (.owner(c), 250),
        ]
        // C, the contractor, votes yes on its own contract but is excluded: yes 300, no 200.
        // The cap without C: A 300 against B 200 → A cut by 100 → yes 200, no 200 → rejected.
        let tally = VoteTally(
            majority: .absolute, casts: [cast(a, 300, .yes), cast(b, 200, .no), cast(c, 250, .yes)],
            participants: present, excluded: [c], excludedWeights: [c: 250], buildingTotal: 1000)
        #expect(tally.excludedWeight == 250 && tally.yes == 200 && tally.no == 200 && tally.cuts == [a: 100])
        #expect(!tally.adopted)
    }

    @Test("An agenda item takes the catalogue's majority, or another with a reason")
    func agenda() throws {
        func item(_ type: DecisionType, _ majority: Majority?, _ reason: String?) throws -> AgendaItem {
            try AgendaItem(
                id: AgendaItemID(UUID()), assemblyID: AssemblyID(UUID()), position: 1, title: "Point",
                explanation: nil, decisionType: type, majority: majority, majorityReason: reason, proposedBy: nil,
                budgetID: type == .budgetApproval ? BudgetID(UUID()) : nil, fiscalYear: nil, createdAt: now)
        }
        #expect(try item(.commonPartsWorks, nil, nil).majority == .twoThirds)
        #expect(try item(.chargeAllocationChange, nil, nil).majority == .fourFifths)
        #expect(try item(.quotePartsChange, nil, nil).majority == .unanimity)
        #expect(try item(.budgetApproval, nil, nil).majority == .absolute)
        #expect(throws: DomainError.self) { try item(.commonPartsWorks, .absolute, nil) }
        #expect(try item(.commonPartsWorks, .fourFifths, "The statutes ask for 4/5").majority == .fourFifths)
    }

    @Test(
        "A written decision needs every owner's yes; one no fails it; a suspended lot or a missing answer keeps it open"
    )
    func writtenDecision() throws {
        let (a, b) = (OwnerID(UUID()), OwnerID(UUID()))
        let roll = AssemblyRoll(lots: [
            .init(lotID: LotID(UUID()), number: "1", tantiemes: 600, voter: a),
            .init(lotID: LotID(UUID()), number: "2", tantiemes: 400, voter: b),
        ])
        #expect(WrittenDecision.outcome(roll: roll, answers: [a: true]) == .open)
        #expect(WrittenDecision.outcome(roll: roll, answers: [a: true, b: true]) == .adopted)
        #expect(WrittenDecision.outcome(roll: roll, answers: [a: false]) == .failed)
        let suspended = AssemblyRoll(
            lots: roll.lots + [.init(lotID: LotID(UUID()), number: "3", tantiemes: 10, voter: nil)])
        #expect(WrittenDecision.outcome(roll: suspended, answers: [a: true, b: true]) == .open)
        var decision = try WrittenDecision(
            id: WrittenDecisionID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
            title: "Hall", text: "Repeindre", dueOn: day("2026-04-30"), createdAt: now)
        try decision.record(roll: roll, answers: [a: true], at: now)
        #expect(decision.status == .open && decision.concludedAt == nil)
        try decision.close(at: now)
        #expect(decision.status == .failed && decision.concludedAt == now)
        #expect(throws: GovernanceError.writtenDecisionConcluded(.failed)) { try decision.close(at: now) }
        #expect(throws: DomainError.self) { try WrittenDecision.checkDue(day("2026-03-01"), today: day("2026-03-02")) }
        #expect(throws: DomainError.self) { try WrittenDecision.checkDue(day("2027-03-10"), today: day("2026-03-02")) }
        try WrittenDecision.checkDue(day("2026-03-02"), today: day("2026-03-02"))
    }

    @Test(
        "A syndic's mandate lasts at most 3 years, flagged within 90 days of its end; the board counts lots but parkings and cellars"
    )
    func mandates() throws {
        func mandate(_ role: Mandate.Role, _ start: String, _ end: String, owner: OwnerID? = nil) throws -> Mandate {
            try Mandate(
                id: MandateID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
                role: role,
                ownerID: owner, holderName: "Syndic Dupont", startsOn: day(start), endsOn: day(end),
                resolutionID: ResolutionID(UUID()), createdAt: now)
        }
        let syndic = try mandate(.syndic, "2026-03-23", "2029-03-23")
        #expect(throws: DomainError.self) { try mandate(.syndic, "2026-03-23", "2029-03-24") }
        #expect(throws: DomainError.self) { try mandate(.boardMember, "2026-03-23", "2027-03-23") }
        #expect(throws: DomainError.self) { try mandate(.auditor, "2026-03-23", "2027-04-24") }
        // 2029-03-23 − 90 days = 2028-12-23: flagged from that day, not the day before.
        #expect(syndic.endsSoon(after: day("2028-12-23")) && !syndic.endsSoon(after: day("2028-12-22")))
        #expect(!syndic.endsSoon(after: day("2029-03-23")))  // ended
        #expect(day("2028-02-29").adding(years: 1) == day("2029-02-28"))
        let building = BuildingID(UUID())
        let lots = try (1...21).map {
            try Lot(
                id: LotID(UUID()), buildingID: building, number: "\($0)", kind: $0 > 19 ? .parking : .apartment,
                floor: nil, surfaceHundredths: nil, tantiemes: 10, createdAt: now)
        }
        let summary = GovernanceSummary(lots: lots, mandates: [syndic], today: day("2026-04-01"))
        #expect(summary.countedLots == 19 && !summary.boardRequired && summary.syndic == syndic && !summary.hasBoard)
    }

    @Test("A proposal reaching the syndic 21 days before the period's first day goes on that year's ordinary assembly")
    func proposals() throws {
        let ordinary = try assembly(.draft, date: "2026-03-27")
        func proposal(_ received: String, to target: AssemblyID? = nil) throws -> AgendaProposal {
            try AgendaProposal(
                id: AgendaProposalID(UUID()), organizationID: ordinary.organizationID, buildingID: ordinary.buildingID,
                title: "Local vélos", explanation: nil, decisionType: .commonPartsWorks, proposedBy: "Anne",
                proposerUserID: UserID(UUID()), receivedOn: day(received), assemblyID: target, createdAt: now)
        }
        let start = try MonthDay(parsing: "03-27")
        // 27 March − 21 days = 6 March: in time; the 7th waits for next year.
        #expect(try proposal("2026-03-06").belongs(to: ordinary, convenedOn: day("2026-03-07"), periodStart: start))
        #expect(!(try proposal("2026-03-07").belongs(to: ordinary, convenedOn: day("2026-03-07"), periodStart: start)))
        // Without a period in the internal rules, the assembly's own date stands for it.
        #expect(try proposal("2026-03-06").belongs(to: ordinary, convenedOn: day("2026-03-07"), periodStart: nil))
        // An extraordinary assembly takes the proposals addressed to it until it is convened.
        let extraordinary = try GeneralAssembly(
            id: AssemblyID(UUID()), organizationID: ordinary.organizationID, buildingID: ordinary.buildingID,
            kind: .extraordinary, date: day("2026-04-20"), startTime: "19:00", place: "Salle", videoLink: nil,
            createdAt: now)
        let addressed = try proposal("2026-03-20", to: extraordinary.id)
        #expect(addressed.belongs(to: extraordinary, convenedOn: day("2026-03-20"), periodStart: start))
        #expect(!addressed.belongs(to: extraordinary, convenedOn: day("2026-03-19"), periodStart: start))
        #expect(!addressed.belongs(to: ordinary, convenedOn: day("2026-03-20"), periodStart: start))
        #expect(throws: DomainError.self) { try MonthDay(parsing: "02-29") }
        #expect(throws: DomainError.self) { try GovernanceSettings(noticeDays: 14, assemblyPeriodStart: nil) }
    }

    @Test("A requisition needs a fifth of the shares, and the syndic has 30 days counted as art. 1.7 does")
    func requisition() throws {
        let (a, b) = (OwnerID(UUID()), OwnerID(UUID()))
        let roll = AssemblyRoll(lots: [
            .init(lotID: LotID(UUID()), number: "1", tantiemes: 800, voter: a),
            .init(lotID: LotID(UUID()), number: "2", tantiemes: 200, voter: b),
        ])
        func make(_ owners: [OwnerID], _ received: String) throws -> AssemblyRequisition {
            try AssemblyRequisition.make(
                id: RequisitionID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
                owners: owners, roll: roll, receivedOn: day(received), today: day("2026-03-10"), calendar: .belgium,
                createdAt: now)
        }
        // 200 of 1000 is exactly a fifth: 5 × 200 ≥ 1000.
        var requisition = try make([b, b], "2026-03-06")
        #expect(requisition.owners == [b] && requisition.shares == 200)
        // 6 March + 30 = Sunday 5 April; Easter Monday 6 April is a holiday: due Tuesday 7 April.
        #expect(requisition.dueOn == day("2026-04-07"))
        #expect(!requisition.isOverdue(on: day("2026-04-07")) && requisition.isOverdue(on: day("2026-04-08")))
        requisition.convened(by: AssemblyID(UUID()), on: day("2026-04-08"))
        #expect(requisition.wasLate && !requisition.isOverdue(on: day("2026-05-01")))
        let small = AssemblyRoll(
            lots: roll.lots.map {
                .init(lotID: $0.lotID, number: $0.number, tantiemes: $0.number == "2" ? 199 : 801, voter: $0.voter)
            })
        #expect(throws: GovernanceError.belowOneFifth(shares: 199, total: 1000)) {
            try AssemblyRequisition.make(
                id: RequisitionID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
                owners: [b], roll: small, receivedOn: day("2026-03-06"), today: day("2026-03-10"), calendar: .belgium,
                createdAt: now)
        }
        #expect(throws: DomainError.self) { try make([a], "2026-03-11") }
    }
}
