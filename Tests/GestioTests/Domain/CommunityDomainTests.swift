import Domain
import Foundation
import Testing

@Suite("Community domain: polls, their results, notices, occupants and bookings")
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

    // MARK: Bookings

    static let brussels = TimeZone(identifier: "Europe/Brussels")!

    func instant(_ text: String) throws -> Date {
        try #require(try? Date(text, strategy: .iso8601))
    }

    @Test("The policy refuses each breach with its reason; a booking fits within one day's opening hours")
    func bookingPolicy() throws {
        let weekdays = try (1...5).map { try OpeningHours(weekday: $0, opens: 8 * 60, closes: 22 * 60) }
        let policy = try BookingPolicy(
            minimumMinutes: 30, maximumMinutes: 240, advanceDays: 30, maxActivePerResident: 2,
            cancellationCutoffHours: 24, requiresApproval: false, checkInWindowMinutes: 15, openingHours: weekdays,
            deposit: 0)
        let monday = try instant("2026-03-02T09:00:00Z")
        func check(_ from: String, _ to: String) throws -> BookingRefusal? {
            do {
                try policy.check(try instant(from)..<(try instant(to)), at: monday, in: Self.brussels)
                return nil
            } catch let refusal as BookingRefusal { return refusal }
        }
        #expect(try check("2026-03-04T17:00:00Z", "2026-03-04T19:00:00Z") == nil)
        // 08:00 to 22:00 in Brussels is 07:00 to 21:00 UTC in winter: both ends touch it.
        #expect(try check("2026-03-04T07:00:00Z", "2026-03-04T07:30:00Z") == nil)
        #expect(try check("2026-03-04T20:30:00Z", "2026-03-04T21:00:00Z") == nil)
        #expect(try check("2026-03-04T20:30:00Z", "2026-03-04T21:01:00Z") == .outsideOpeningHours)
        #expect(try check("2026-03-07T10:00:00Z", "2026-03-07T11:00:00Z") == .outsideOpeningHours)
        #expect(try check("2026-03-04T17:00:00Z", "2026-03-04T17:29:00Z") == .tooShort(30))
        #expect(try check("2026-03-04T12:00:00Z", "2026-03-04T16:01:00Z") == .tooLong(240))
        #expect(try check("2026-04-02T10:00:00Z", "2026-04-02T11:00:00Z") == .tooFarAhead(30))
        #expect(try check("2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z") == .inThePast)
        #expect(throws: DomainError.self) {
            try BookingPolicy(
                minimumMinutes: 60, maximumMinutes: 30, advanceDays: 30, maxActivePerResident: 2,
                cancellationCutoffHours: 24, requiresApproval: false, checkInWindowMinutes: 15, openingHours: [],
                deposit: 0)
        }
        #expect(throws: DomainError.self) {
            try BookingPolicy(
                minimumMinutes: 30, maximumMinutes: 60, advanceDays: 30, maxActivePerResident: 2,
                cancellationCutoffHours: 24, requiresApproval: false, checkInWindowMinutes: 15,
                openingHours: [
                    try OpeningHours(weekday: 1, opens: 480, closes: 720),
                    try OpeningHours(weekday: 1, opens: 700, closes: 900),
                ], deposit: 0)
        }
        #expect(try OpeningHours.minutes(parsing: "24:00") == 1440)
        #expect(throws: DomainError.self) { try OpeningHours.minutes(parsing: "24:30") }
        #expect(throws: DomainError.self) { try OpeningHours.minutes(parsing: "7:00") }
    }

    @Test(
        "A booking's life: cancelled before the cutoff by its booker, at any time by the syndic; checked in within its window"
    )
    func bookingLife() throws {
        let policy = BookingPolicy.standard
        let start = try instant("2026-03-04T17:00:00Z")
        var booking = Booking(
            id: BookingID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
            resourceID: ResourceID(UUID()), bookerID: UserID(UUID()), start: start, end: start.addingTimeInterval(3600),
            seriesID: nil, deposit: 0, status: .confirmed, createdAt: start, updatedAt: start)
        var late = booking
        #expect(throws: BookingRefusal.pastCutoff(hours: 24)) {
            try late.cancel(at: start.addingTimeInterval(-23 * 3600), byManager: false, policy: policy)
        }
        try late.cancel(at: start.addingTimeInterval(-23 * 3600), byManager: true, policy: policy)
        #expect(late.status == .cancelled)
        #expect(throws: BookingRefusal.notCheckInTime) {
            try booking.checkIn(at: start.addingTimeInterval(-60), policy: policy)
        }
        #expect(booking.due(at: start.addingTimeInterval(14 * 60), policy: policy) == nil)
        #expect(booking.due(at: start.addingTimeInterval(15 * 60), policy: policy) == .noShow)
        try booking.checkIn(at: start.addingTimeInterval(5 * 60), policy: policy)
        #expect(booking.due(at: start.addingTimeInterval(59 * 60), policy: policy) == nil)
        #expect(booking.due(at: start.addingTimeInterval(3600), policy: policy) == .completed)
        #expect(throws: DomainError.self) { try booking.approve(at: start) }
        #expect(booking.overlaps(start.addingTimeInterval(3600)..<start.addingTimeInterval(7200)) == false)
        #expect(booking.overlaps(start.addingTimeInterval(-3600)..<start) == false)
        #expect(booking.overlaps(start.addingTimeInterval(3599)..<start.addingTimeInterval(7200)))
    }

    @Test("Three no-shows within 60 days block for 30 days after the third; a weekly series keeps its local time")
    func noShowsAndSeries() throws {
        let day: Double = 86_400
        let base = try instant("2026-01-01T10:00:00Z")
        #expect(Booking.blockEnd(noShows: [base, base.addingTimeInterval(30 * day)]) == nil)
        #expect(
            Booking.blockEnd(noShows: [base, base.addingTimeInterval(30 * day), base.addingTimeInterval(60 * day)])
                == base.addingTimeInterval(90 * day))
        #expect(
            Booking.blockEnd(noShows: [base, base.addingTimeInterval(30 * day), base.addingTimeInterval(61 * day)])
                == nil)
        // 19:00 in Brussels on 25 March (UTC+1), then on 1 April (UTC+2, after the clocks changed).
        let series = try Booking.weekly(
            try instant("2026-03-25T18:00:00Z")..<(try instant("2026-03-25T19:00:00Z")), weeks: 2, in: Self.brussels)
        #expect(series.map(\.lowerBound) == [try instant("2026-03-25T18:00:00Z"), try instant("2026-04-01T17:00:00Z")])
        #expect(series[1].upperBound.timeIntervalSince(series[1].lowerBound) == 3600)
        #expect(throws: BookingRefusal.seriesTooLong) {
            try Booking.weekly(base..<base.addingTimeInterval(3600), weeks: 15, in: Self.brussels)
        }
        #expect(throws: DomainError.self) {
            try Booking.weekly(base..<base.addingTimeInterval(3600), weeks: 0, in: Self.brussels)
        }
        #expect(throws: DomainError.self) {
            try Booking.weekly(base..<base.addingTimeInterval(8 * day), weeks: 2, in: Self.brussels)
        }
    }

    @Test("Free slots: the open hours from now to the horizon, without what is taken, none shorter than the minimum")
    func freeSlots() throws {
        let policy = try BookingPolicy(
            minimumMinutes: 60, maximumMinutes: 240, advanceDays: 30, maxActivePerResident: 2,
            cancellationCutoffHours: 24, requiresApproval: false, checkInWindowMinutes: 15,
            openingHours: [try OpeningHours(weekday: 3, opens: 8 * 60, closes: 22 * 60)], deposit: 0)
        let wednesday = try CalendarDate(parsing: "2026-03-04")
        let busy = [
            try instant("2026-03-04T10:00:00Z")..<(try instant("2026-03-04T12:00:00Z")),
            try instant("2026-03-04T12:30:00Z")..<(try instant("2026-03-04T13:00:00Z")),
        ]
        let slots = Booking.freeSlots(
            policy: policy, from: wednesday, to: wednesday.adding(days: 1), busy: busy,
            now: try instant("2026-03-04T08:20:00Z"), zone: Self.brussels)
        #expect(
            slots == [
                try instant("2026-03-04T08:20:00Z")..<(try instant("2026-03-04T10:00:00Z")),
                try instant("2026-03-04T13:00:00Z")..<(try instant("2026-03-04T21:00:00Z")),
            ])
    }

    @Test("A skill session: its owner cannot be helped by it; the other side confirms; the credits of a paid one")
    func skillSession() throws {
        let provider = UserID(UUID())
        let recipient = UserID(UUID())
        let skill = Skill(
            id: SkillID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
            userID: provider,
            details: try Skill.Details(
                name: "Plomberie", description: nil, category: .homeRepair, level: .advanced, yearsOfExperience: 3,
                certifications: [], hourlyRate: 10, available: true, availability: nil),
            createdAt: now)
        #expect(throws: CommunityError.self) {
            try SkillSession(
                id: SkillSessionID(UUID()), skill: skill, recipientID: provider, hours: 1, recordedBy: provider, at: now
            )
        }
        #expect(throws: DomainError.self) {
            try SkillSession(
                id: SkillSessionID(UUID()), skill: skill, recipientID: recipient, hours: 41, recordedBy: recipient,
                at: now)
        }
        var session = try SkillSession(
            id: SkillSessionID(UUID()), skill: skill, recipientID: recipient, hours: 3, recordedBy: recipient, at: now)
        #expect(session.credits == 30 && session.awaitedFrom == provider)
        #expect(try session.transfer(id: CreditTransferID(UUID()), at: now) == nil)
        #expect(throws: CommunityError.self) { try session.confirm(by: recipient, at: now) }
        try session.confirm(by: provider, at: now)
        let transfer = try #require(try session.transfer(id: CreditTransferID(UUID()), at: now))
        #expect(transfer.kind == .skillSession && transfer.reference == session.id.rawValue)
        #expect(transfer.legs == [.init(.resident(recipient), -30), .init(.resident(provider), 30)])
        #expect(throws: DomainError.self) { try session.cancel(by: provider, at: now) }
    }
}
