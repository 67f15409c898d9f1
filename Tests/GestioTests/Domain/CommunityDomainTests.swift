import Domain
import Foundation
import Testing

@Suite("Community domain: polls, their results, notices and occupants")
struct CommunityDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func poll(
        _ kind: Poll.Kind, options: [String] = [], multiple: Bool = false, status: Poll.Status = .draft,
        eligible: Int = 0
    ) throws -> Poll {
        try Poll(
            id: PollID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
            createdBy: UserID(UUID()), title: "Repeindre le hall ?", description: nil, kind: kind,
            options: try options.map { try Poll.Option(id: PollOptionID(UUID()), label: $0) }, allowsMultiple: multiple,
            anonymous: false, endsAt: now.addingTimeInterval(86_400), status: status, eligibleVoters: eligible,
            createdAt: now)
    }

    func ballot(_ poll: Poll, _ answer: PollBallot.Answer) -> PollBallot {
        PollBallot(id: PollBallotID(UUID()), pollID: poll.id, ownerID: nil, answer: answer, castAt: now)
    }

    @Test("Each type takes the options it needs, and nothing else")
    func optionsByType() throws {
        #expect(throws: DomainError.self) { try poll(.yesNo, options: ["Oui"]) }
        #expect(throws: DomainError.self) { try poll(.multipleChoice, options: ["Seul"]) }
        #expect(throws: DomainError.self) { try poll(.rating, options: ["1"]) }
        #expect(throws: DomainError.self) { try poll(.openEnded, options: ["x"]) }
        #expect(throws: DomainError.self) { try poll(.yesNo, options: ["Oui", "oui"]) }
        #expect(throws: DomainError.self) { try poll(.yesNo, options: ["Oui", "Non"], multiple: true) }
        #expect(throws: DomainError.self) {
            try poll(.multipleChoice, options: (1...21).map { "Option \($0)" })
        }
        _ = try poll(.multipleChoice, options: ["A", "B", "C"], multiple: true)
        _ = try poll(.rating)
    }

    @Test("Every action from every state: draft → active → closed, cancelled from draft or active")
    func transitions() throws {
        let actions: [(String, (inout Poll) throws -> Void)] = [
            ("publish", { try $0.publish(eligibleVoters: 3, at: now) }),
            ("close", { try $0.close(at: now) }),
            ("cancel", { try $0.cancel(at: now) }),
        ]
        let allowed: Set<String> = ["draft/publish", "draft/cancel", "active/close", "active/cancel"]
        for status in Poll.Status.allCases {
            for (name, action) in actions {
                var subject = try poll(.yesNo, options: ["Oui", "Non"], status: status)
                let key = "\(status.rawValue)/\(name)"
                if allowed.contains(key) {
                    try action(&subject)
                } else {
                    #expect(throws: DomainError.self, "\(key)") { try action(&subject) }
                }
            }
        }
        var empty = try poll(.yesNo, options: ["Oui", "Non"])
        #expect(throws: CommunityError.noEligibleVoters) { try empty.publish(eligibleVoters: 0, at: now) }
        var late = try poll(.yesNo, options: ["Oui", "Non"])
        #expect(throws: DomainError.self) { try late.publish(eligibleVoters: 2, at: now.addingTimeInterval(90_000)) }
    }

    @Test("An answer is checked against its poll")
    func answers() throws {
        let single = try poll(.multipleChoice, options: ["A", "B"])
        let ids = single.options.map(\.id.rawValue)
        #expect(
            try PollBallot.answer(to: single, options: [ids[0]], rating: nil, text: nil)
                == .options([single.options[0].id]))
        #expect(throws: DomainError.self) { try PollBallot.answer(to: single, options: ids, rating: nil, text: nil) }
        #expect(throws: DomainError.self) { try PollBallot.answer(to: single, options: [], rating: nil, text: nil) }
        #expect(throws: DomainError.self) {
            try PollBallot.answer(to: single, options: [UUID()], rating: nil, text: nil)
        }
        let several = try poll(.multipleChoice, options: ["A", "B"], multiple: true)
        let both = several.options.map(\.id.rawValue)
        #expect(throws: DomainError.self) {
            try PollBallot.answer(to: several, options: [both[0], both[0]], rating: nil, text: nil)
        }
        _ = try PollBallot.answer(to: several, options: both, rating: nil, text: nil)
        let marks = try poll(.rating)
        #expect(throws: DomainError.self) { try PollBallot.answer(to: marks, options: nil, rating: 0, text: nil) }
        #expect(throws: DomainError.self) { try PollBallot.answer(to: marks, options: nil, rating: 6, text: nil) }
        #expect(try PollBallot.answer(to: marks, options: nil, rating: 5, text: nil) == .rating(5))
        let open = try poll(.openEnded)
        #expect(throws: DomainError.self) { try PollBallot.answer(to: open, options: nil, rating: nil, text: "  ") }
    }

    @Test("Results: participation and shares to two decimals, a single first place wins, a tie has no winner")
    func results() throws {
        let subject = try poll(.multipleChoice, options: ["A", "B", "C"], multiple: true, status: .active, eligible: 3)
        let (a, b, c) = (subject.options[0].id, subject.options[1].id, subject.options[2].id)
        let winner = PollResults(
            poll: subject, ballots: [ballot(subject, .options([a, b])), ballot(subject, .options([a]))])
        #expect(winner.participation == 66.67)
        #expect(winner.counts.map(\.votes) == [2, 1, 0])
        #expect(winner.counts.map(\.percent) == [100, 50, 0])
        #expect(winner.winner?.label == "A")
        #expect(!winner.isTie)
        let tie = PollResults(poll: subject, ballots: [ballot(subject, .options([a])), ballot(subject, .options([c]))])
        #expect(tie.winner == nil)
        #expect(tie.tiedFor.map(\.label) == ["A", "C"])
        let none = PollResults(poll: subject, ballots: [])
        #expect(none.winner == nil && !none.isTie && none.participation == 0)
        let marks = try poll(.rating, status: .active, eligible: 4)
        let rated = PollResults(
            poll: marks, ballots: [ballot(marks, .rating(4)), ballot(marks, .rating(5)), ballot(marks, .rating(5))])
        #expect(rated.averageRating == 4.67)
        #expect(rated.winner?.label == "5")
        #expect(rated.participation == 75)
    }

    @Test("Statistics count by status and average the closed polls' participation")
    func statistics() {
        let figures = PollStatistics(
            statuses: [.draft, .active, .closed, .closed, .cancelled], closed: [(1, 3), (2, 2)])
        #expect(figures.total == 5)
        #expect(figures.closed == 2)
        #expect(figures.averageParticipation == 66.67)
        #expect(PollStatistics(statuses: [], closed: []).averageParticipation == nil)
    }

    func content(_ kind: Notice.Kind, date: Date? = nil, place: String? = nil, expires: Date? = nil) throws
        -> Notice.Content
    {
        try Notice.Content(
            kind: kind, category: .general, title: "Fête des voisins", body: "Dans la cour", eventAt: date,
            eventPlace: place, expiresAt: expires, now: now)
    }

    @Test("A notice's content: an event needs its date and place, a title 5 to 255 characters, an expiry ahead")
    func noticeContent() throws {
        #expect(throws: DomainError.self) { try content(.event, place: "Cour") }
        #expect(throws: DomainError.self) { try content(.event, date: now) }
        _ = try content(.event, date: now, place: "Cour")
        #expect(throws: DomainError.self) { try content(.announcement, expires: now) }
        #expect(throws: DomainError.self) {
            try Notice.Content(
                kind: .announcement, category: .general, title: "Clé", body: "x", eventAt: nil, eventPlace: nil,
                expiresAt: nil, now: now)
        }
        #expect(throws: DomainError.self) {
            try Notice.Content(
                kind: .announcement, category: .general, title: "Titre", body: String(repeating: "x", count: 10_001),
                eventAt: nil, eventPlace: nil, expiresAt: nil, now: now)
        }
    }

    @Test(
        "A notice: draft → published → expired → archived; edits on drafts, pins on published ones, unpinned on leaving"
    )
    func noticeLife() throws {
        var notice = Notice(
            id: NoticeID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
            authorID: UserID(UUID()), content: try content(.announcement), createdAt: now)
        #expect(throws: DomainError.self) { try notice.pin(true, at: now) }
        #expect(throws: DomainError.self) { try notice.expire(at: now) }
        #expect(notice.isDeletable)
        try notice.publish(at: now)
        #expect(!notice.isDeletable)
        #expect(throws: DomainError.self) { try notice.edit(try content(.classifiedAd), at: now) }
        try notice.pin(true, at: now)
        #expect(notice.pinned)
        try notice.expire(at: now)
        #expect(!notice.pinned && notice.isDeletable)
        #expect(throws: DomainError.self) { try notice.publish(at: now) }
        try notice.archive(at: now)
        #expect(throws: DomainError.self) { try notice.archive(at: now) }
    }

    @Test("An occupant lives in the lot from the start date until the end date, which is no longer theirs")
    func occupancy() throws {
        let start = try CalendarDate(parsing: "2026-01-01")
        var link = Occupancy(
            id: OccupancyID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
            lotID: LotID(UUID()), userID: UserID(UUID()), startDate: start, createdBy: UserID(UUID()), createdAt: now)
        #expect(!link.isActive(on: try CalendarDate(parsing: "2025-12-31")))
        #expect(link.isActive(on: start))
        #expect(throws: DomainError.self) { try link.end(on: try CalendarDate(parsing: "2025-06-01")) }
        try link.end(on: try CalendarDate(parsing: "2026-07-01"))
        #expect(link.isActive(on: try CalendarDate(parsing: "2026-06-30")))
        #expect(!link.isActive(on: try CalendarDate(parsing: "2026-07-01")))
        #expect(throws: DomainError.self) { try link.end(on: try CalendarDate(parsing: "2026-08-01")) }
    }

    @Test("A building's time zone is an IANA name, Europe/Brussels unless set; its day is read there")
    func timeZone() throws {
        func building(_ zone: String) throws -> Building {
            try Building(
                id: BuildingID(UUID()), organizationID: OrganizationID(UUID()), name: "R", address: "Rue 1",
                city: "Liège", postalCode: "4000", country: "BE", totalTantiemes: 1000, createdAt: now, timeZone: zone)
        }
        #expect(throws: DomainError.self) { try building("Mars/Olympus") }
        #expect(throws: DomainError.self) { try building("") }
        let brussels = try building(Building.defaultTimeZone)
        // 23:30 UTC on 31 March 2026 is already 1 April in Brussels (summer time, UTC+2).
        let lateEvening = try Date("2026-03-31T23:30:00Z", strategy: .iso8601)
        #expect(CalendarDate(dayOf: lateEvening, in: brussels.zone).description == "2026-04-01")
        #expect(CalendarDate(utcDayOf: lateEvening).description == "2026-03-31")
    }

    @Test("A skill's bounds; professional when expert or certified; free at 0 credits")
    func skills() throws {
        func details(
            name: String = "Plomberie", level: Skill.Level = .advanced, years: Int = 3, certifications: [String] = [],
            rate: Int = 0
        ) throws -> Skill.Details {
            try Skill.Details(
                name: name, description: nil, category: .homeRepair, level: level, yearsOfExperience: years,
                certifications: certifications, hourlyRate: rate, available: true, availability: nil)
        }
        #expect(throws: DomainError.self) { try details(name: "Py") }
        #expect(throws: DomainError.self) { try details(years: 51) }
        #expect(throws: DomainError.self) { try details(rate: -1) }
        #expect(throws: DomainError.self) { try details(rate: 101) }
        #expect(throws: DomainError.self) { try details(certifications: [" "]) }
        func skill(_ details: Skill.Details) -> Skill {
            Skill(
                id: SkillID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
                userID: UserID(UUID()), details: details, createdAt: now)
        }
        #expect(!skill(try details()).isProfessional)
        #expect(skill(try details(level: .expert)).isProfessional)
        #expect(skill(try details(certifications: ["VCA"])).isProfessional)
        #expect(skill(try details(rate: 0)).isFree)
        #expect(!skill(try details(rate: 1)).isFree)
        #expect(Skill.Level.beginner < .intermediate && Skill.Level.advanced < .expert)
    }

    @Test("Credits: a transfer balances or is refused; a loan counts each day begun; the rules' bounds")
    func credits() throws {
        let (organization, building, user) = (OrganizationID(UUID()), BuildingID(UUID()), UserID(UUID()))
        func transfer(_ legs: [CreditTransfer.Leg]) throws -> CreditTransfer {
            try CreditTransfer(
                id: CreditTransferID(UUID()), organizationID: organization, buildingID: building, kind: .depositHeld,
                reference: nil, legs: legs, at: now)
        }
        #expect(throws: DomainError.self) { try transfer([.init(.resident(user), -10), .init(.deposits, 9)]) }
        #expect(throws: DomainError.self) { try transfer([.init(.resident(user), 0)]) }
        #expect(try transfer([.init(.resident(user), -10), .init(.deposits, 10), .init(.deposits, 0)]).legs.count == 2)
        var loan = ObjectLoan(
            id: ObjectLoanID(UUID()), organizationID: organization, buildingID: building,
            objectID: SharedObjectID(UUID()), borrowerID: user, lenderID: UserID(UUID()), deposit: 10, dailyRate: 2,
            borrowedAt: now, dueOn: try CalendarDate(parsing: "2027-01-22"))
        #expect(loan.daysBegun(until: now) == 1)
        #expect(loan.daysBegun(until: now.addingTimeInterval(3 * 86_400)) == 3)
        #expect(loan.daysBegun(until: now.addingTimeInterval(3 * 86_400 + 1)) == 4)
        #expect(loan.isOverdue(on: try CalendarDate(parsing: "2027-01-23")))
        #expect(!loan.isOverdue(on: try CalendarDate(parsing: "2027-01-22")))
        loan.markReturned(at: now.addingTimeInterval(3 * 86_400))
        #expect(loan.rental == 6)
        #expect(!loan.isOverdue(on: try CalendarDate(parsing: "2027-02-01")))
        #expect(throws: DomainError.self) { try CommunitySettings(trustLimit: 1, maxLoans: 3) }
        #expect(throws: DomainError.self) { try CommunitySettings(trustLimit: -100, maxLoans: 0) }
        #expect(CommunitySettings.standard == (try CommunitySettings(trustLimit: -100, maxLoans: 3)))
        #expect(throws: DomainError.self) {
            try SharedObject.Details(
                name: "Perceuse", description: nil, category: .tools, condition: .good, dailyRate: 21, deposit: 0,
                loanDays: 7)
        }
        #expect(throws: DomainError.self) {
            try SharedObject.Details(
                name: "Perceuse", description: nil, category: .tools, condition: .good, dailyRate: 0, deposit: 101,
                loanDays: 7)
        }
        #expect(throws: DomainError.self) {
            try SharedObject.Details(
                name: "Perceuse", description: nil, category: .tools, condition: .good, dailyRate: 0, deposit: 0,
                loanDays: 91)
        }
    }
}
