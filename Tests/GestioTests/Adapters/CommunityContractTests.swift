import Application
import Domain
import Foundation
import SQLAdapters
import Testing

/// The community's repositories, on SQLite and (when configured) PostgreSQL.
@Suite("Community repository contract")
struct CommunityContractTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000.5)

    struct Scene {
        let organization: OrganizationID
        let user: UserID
        let building: Building
        let lot: Lot
        let owners: [Owner]
    }

    /// A building with one lot, its owners Anne (linked to the user) and Bruno, and a member.
    func withStore(_ database: TestDatabase, _ body: (SQLPersistence, Scene) async throws -> Void) async throws {
        try await database.withStore { store in
            let organization = Organization(id: OrganizationID(UUID()), name: "ACP", createdAt: now)
            let user = User(
                id: UserID(UUID()), email: try Email("anne@example.com"), name: "Anne", passwordHash: "h",
                isActive: true, createdAt: now)
            let building = try Building(
                id: BuildingID(UUID()), organizationID: organization.id, name: "Les Tilleuls", address: "Rue 1",
                city: "Liège", postalCode: "4000", country: "BE", totalTantiemes: 1000, createdAt: now,
                timeZone: "Europe/Paris")
            let lot = try Lot(
                id: LotID(UUID()), buildingID: building.id, number: "A", kind: .apartment, floor: nil,
                surfaceHundredths: nil, tantiemes: 600, createdAt: now)
            let owners = try [("Anne", user.id as UserID?), ("Bruno", nil)].map {
                try Owner(
                    id: OwnerID(UUID()), organizationID: organization.id, kind: .natural, name: $0.0, email: nil,
                    phone: nil, address: nil, userID: $0.1, createdAt: now)
            }
            try await store.write { repos in
                try await repos.organizations.insert(organization)
                try await repos.users.insert(user)
                try await repos.buildings.insert(building)
                try await repos.lots.insert(lot)
                for owner in owners { try await repos.owners.insert(owner) }
            }
            try await body(
                store, Scene(organization: organization.id, user: user.id, building: building, lot: lot, owners: owners)
            )
        }
    }

    @Test("A building keeps its time zone; an owner record is found from its account", arguments: TestDatabase.enabled)
    func timeZoneAndLinkedOwners(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let (building, linked) = try await store.read { repos in
                (
                    try await repos.buildings.find(scene.building.id),
                    try await repos.owners.linked(to: scene.user, in: scene.organization)
                )
            }
            #expect(building?.timeZone == "Europe/Paris")
            #expect(linked.map(\.name) == ["Anne"])
            let elsewhere = try await store.read { repos in
                try await repos.owners.linked(to: scene.user, in: OrganizationID(UUID()))
            }
            #expect(elsewhere.isEmpty)
        }
    }

    @Test(
        "Occupancies round-trip, list newest first, and an ended one is no longer open", arguments: TestDatabase.enabled
    )
    func occupancies(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            var link = Occupancy(
                id: OccupancyID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                lotID: scene.lot.id, userID: scene.user, startDate: try CalendarDate(parsing: "2026-01-01"),
                createdBy: scene.user, createdAt: now)
            try await store.write { [link] repos in try await repos.occupancies.insert(link) }
            let linkID = link.id
            let inserted = link
            #expect(try await store.read { repos in try await repos.occupancies.find(linkID) } == inserted)
            #expect(
                try await store.read { repos in try await repos.occupancies.open(of: scene.user, in: scene.building.id)
                }
                .map(\.id) == [link.id])
            try link.end(on: try CalendarDate(parsing: "2026-06-01"))
            try await store.write { [link] repos in try await repos.occupancies.update(link) }
            #expect(
                try await store.read { repos in try await repos.occupancies.open(of: scene.user, in: scene.building.id)
                }
                .isEmpty)
            let ended = link
            #expect(try await store.read { repos in try await repos.occupancies.list(of: scene.lot.id) } == [ended])
        }
    }

    @Test(
        "Polls round-trip with their options; voters are frozen; a vote is marked once; ballots keep their answer",
        arguments: TestDatabase.enabled)
    func polls(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            var poll = try Poll(
                id: PollID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                createdBy: scene.user, title: "Quelle couleur ?", description: "Pour le hall", kind: .multipleChoice,
                options: try ["Blanc", "Gris", "Vert"].map { try Poll.Option(id: PollOptionID(UUID()), label: $0) },
                allowsMultiple: true, anonymous: true, endsAt: now.addingTimeInterval(3600), createdAt: now)
            let draft = try Poll(
                id: PollID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                createdBy: UserID(UUID()), title: "Brouillon", description: nil, kind: .rating, options: [],
                allowsMultiple: false, anonymous: false, endsAt: now.addingTimeInterval(3600), createdAt: now)
            try await store.write { [poll] repos in
                try await repos.polls.insert(poll)
                try await repos.polls.insert(draft)
            }
            let (pollID, stored) = (poll.id, poll)
            #expect(try await store.read { repos in try await repos.polls.find(pollID) } == stored)
            try poll.publish(eligibleVoters: 2, at: now)
            let owners = scene.owners.map(\.id)
            let marked = try await store.write { [poll] repos in
                try await repos.polls.update(poll)
                try await repos.polls.addVoters(owners, to: poll)
                let first = try await repos.polls.markVoted(owners[0], in: poll.id, at: now)
                let again = try await repos.polls.markVoted(owners[0], in: poll.id, at: now)
                let stranger = try await repos.polls.markVoted(OwnerID(UUID()), in: poll.id, at: now)
                try await repos.polls.insertBallot(
                    PollBallot(
                        id: PollBallotID(UUID()), pollID: poll.id, ownerID: nil,
                        answer: .options([poll.options[0].id, poll.options[2].id]), castAt: now),
                    organization: scene.organization)
                return [first, again, stranger]
            }
            #expect(marked == [true, false, false])
            let (found, voters, ballots) = try await store.read { [poll] repos in
                (
                    try await repos.polls.find(poll.id), try await repos.polls.voters(of: poll.id, among: owners),
                    try await repos.polls.ballots(of: poll.id)
                )
            }
            #expect(found?.status == .active && found?.eligibleVoters == 2)
            #expect(voters.count == 2)
            #expect(voters.filter { $0.votedAt != nil }.map(\.owner) == [owners[0]])
            #expect(ballots.map(\.answer) == [.options([poll.options[0].id, poll.options[2].id])])
            #expect(ballots.first?.ownerID == nil)
            let other = PollID(UUID())
            let (counts, votedIn, nobody) = try await store.read { [poll] repos in
                (
                    try await repos.polls.ballotCounts(of: [poll.id, other]),
                    try await repos.polls.voted(in: [poll.id, other], among: owners),
                    try await repos.polls.voted(in: [poll.id], among: [owners[1]])
                )
            }
            #expect(counts == [poll.id: 1])
            #expect(votedIn == [poll.id] && nobody.isEmpty)
            let page = try PageRequest(page: 1, perPage: 10)
            let (others, managers, summaries, ended) = try await store.read { repos in
                (
                    try await repos.polls.list(
                        in: scene.building.id, filter: PollFilter(includeDraftsOf: scene.user), page: page),
                    try await repos.polls.list(in: scene.building.id, filter: PollFilter(allDrafts: true), page: page),
                    try await repos.polls.summaries(in: scene.building.id),
                    try await repos.polls.ended(at: now.addingTimeInterval(3600))
                )
            }
            #expect(others.items.map(\.id) == [poll.id])
            #expect(managers.totalItems == 2)
            #expect(summaries.filter { $0.status == .active }.map(\.ballots) == [1])
            #expect(ended.map(\.id) == [poll.id])
        }
    }

    @Test(
        "Notices round-trip; a resident sees the board and their drafts; lapsed ones are found; deletion removes",
        arguments: TestDatabase.enabled)
    func notices(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            func notice(_ title: String, author: UserID, expires: Date? = nil) throws -> Notice {
                Notice(
                    id: NoticeID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                    authorID: author,
                    content: try Notice.Content(
                        kind: .event, category: .social, title: title, body: "Dans la cour",
                        eventAt: now.addingTimeInterval(7200), eventPlace: "Cour", expiresAt: expires, now: now),
                    createdAt: now)
            }
            let other = UserID(UUID())
            var party = try notice("Fête des voisins", author: other, expires: now.addingTimeInterval(3600))
            let mine = try notice("Mon brouillon", author: scene.user)
            let theirs = try notice("Leur brouillon", author: other)
            try party.publish(at: now)
            try party.pin(true, at: now)
            try await store.write { [party] repos in
                for item in [party, mine, theirs] { try await repos.notices.insert(item) }
            }
            let (partyID, published) = (party.id, party)
            #expect(try await store.read { repos in try await repos.notices.find(partyID) } == published)
            let page = try PageRequest(page: 1, perPage: 10)
            let (board, drafts, all, pinned, lapsed) = try await store.read { repos in
                (
                    try await repos.notices.list(
                        in: scene.building.id, filter: NoticeFilter(viewer: scene.user), page: page),
                    try await repos.notices.list(
                        in: scene.building.id, filter: NoticeFilter(status: .draft, viewer: scene.user), page: page),
                    try await repos.notices.list(in: scene.building.id, filter: NoticeFilter(), page: page),
                    try await repos.notices.list(in: scene.building.id, filter: NoticeFilter(pinned: true), page: page),
                    try await repos.notices.lapsed(at: now.addingTimeInterval(3600))
                )
            }
            #expect(board.items.map(\.id) == [party.id, mine.id])
            #expect(drafts.items.map(\.id) == [mine.id])
            #expect(all.totalItems == 3)
            #expect(pinned.items.map(\.id) == [party.id])
            #expect(lapsed.map(\.id) == [party.id])
            try await store.write { repos in try await repos.notices.delete(mine.id) }
            #expect(try await store.read { repos in try await repos.notices.find(mine.id) } == nil)
        }
    }

    @Test(
        "Skills round-trip with their certifications and filter by category, level and above, price",
        arguments: TestDatabase.enabled)
    func skills(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            func skill(_ name: String, _ category: Skill.Category, _ level: Skill.Level, rate: Int) throws -> Skill {
                Skill(
                    id: SkillID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                    userID: scene.user,
                    details: try Skill.Details(
                        name: name, description: "Avec plaisir", category: category, level: level,
                        yearsOfExperience: 4, certifications: level == .expert ? ["VCA", "Brevet"] : [],
                        hourlyRate: rate, available: rate == 0, availability: "le soir"),
                    createdAt: now)
            }
            var plumbing = try skill("Plomberie", .homeRepair, .expert, rate: 10)
            let dutch = try skill("Néerlandais", .languages, .intermediate, rate: 0)
            let cats = try skill("Chats", .petCare, .beginner, rate: 0)
            try await store.write { [plumbing] repos in
                for item in [plumbing, dutch, cats] { try await repos.skills.insert(item) }
            }
            let (plumbingID, stored) = (plumbing.id, plumbing)
            #expect(try await store.read { repos in try await repos.skills.find(plumbingID) } == stored)
            let page = try PageRequest(page: 1, perPage: 10)
            func names(_ filter: SkillFilter) async throws -> [String] {
                try await store.read { repos in
                    try await repos.skills.list(in: scene.building.id, filter: filter, page: page).items.map(
                        \.details.name)
                }
            }
            #expect(try await names(SkillFilter()) == ["Chats", "Néerlandais", "Plomberie"])
            #expect(try await names(SkillFilter(level: .intermediate)) == ["Néerlandais", "Plomberie"])
            #expect(try await names(SkillFilter(free: false)) == ["Plomberie"])
            #expect(try await names(SkillFilter(category: .petCare, free: true, available: true)) == ["Chats"])
            plumbing.details = try Skill.Details(
                name: "Plomberie", description: nil, category: .homeRepair, level: .advanced, yearsOfExperience: 5,
                certifications: [], hourlyRate: 0, available: true, availability: nil)
            try await store.write { [plumbing] repos in
                try await repos.skills.update(plumbing)
                try await repos.skills.delete(cats.id)
            }
            let updated = plumbing
            #expect(try await store.read { repos in try await repos.skills.find(plumbingID) } == updated)
            #expect(try await names(SkillFilter()) == ["Néerlandais", "Plomberie"])
        }
    }

    @Test(
        "Objects list by status; one open loan per object; the ledger sums legs into balances and lists its history",
        arguments: TestDatabase.enabled)
    func sharedObjects(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let lender = UserID(UUID())
            try await store.write { repos in
                try await repos.users.insert(
                    User(
                        id: lender, email: try Email("lender@example.com"), name: "Léa", passwordHash: "h",
                        isActive: true, createdAt: now))
            }
            var drill = SharedObject(
                id: SharedObjectID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                ownerID: lender,
                details: try SharedObject.Details(
                    name: "Perceuse", description: nil, category: .tools, condition: .good, dailyRate: 2, deposit: 10,
                    loanDays: 7),
                createdAt: now)
            let loan = ObjectLoan(
                id: ObjectLoanID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                objectID: drill.id, borrowerID: scene.user, lenderID: lender, deposit: 10, dailyRate: 2,
                borrowedAt: now, dueOn: try CalendarDate(parsing: "2027-01-22"))
            drill.loanID = loan.id
            let held = try CreditTransfer(
                id: CreditTransferID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                kind: .depositHeld, reference: loan.id.rawValue,
                legs: [.init(.resident(scene.user), -10), .init(.deposits, 10)], at: now)
            try await store.write { [drill] repos in
                try await repos.sharedObjects.insert(drill)
                try await repos.objectLoans.insert(loan)
                try await repos.credits.record(held)
            }
            // A second open loan of the same object is refused by the database itself.
            let drillID = drill.id
            await #expect(throws: CommunityError.objectUnavailable) {
                try await store.write { repos in
                    try await repos.objectLoans.insert(
                        ObjectLoan(
                            id: ObjectLoanID(UUID()), organizationID: scene.organization,
                            buildingID: scene.building.id, objectID: drillID, borrowerID: lender,
                            lenderID: lender, deposit: 0, dailyRate: 0, borrowedAt: now,
                            dueOn: try CalendarDate(parsing: "2027-01-22")))
                }
            }
            let page = try PageRequest(page: 1, perPage: 10)
            let today = try CalendarDate(parsing: "2027-01-23")
            let (borrowed, overdue, available, late, balance, deposits, history) = try await store.read { repos in
                (
                    try await repos.sharedObjects.list(
                        in: scene.building.id, filter: SharedObjectFilter(status: .borrowed, today: today), page: page),
                    try await repos.sharedObjects.list(
                        in: scene.building.id, filter: SharedObjectFilter(status: .overdue, today: today), page: page),
                    try await repos.sharedObjects.list(
                        in: scene.building.id, filter: SharedObjectFilter(status: .available, today: today),
                        page: page),
                    try await repos.objectLoans.overdue(before: today),
                    try await repos.credits.balance(of: .resident(scene.user), in: scene.building.id),
                    try await repos.credits.balance(of: .deposits, in: scene.building.id),
                    try await repos.credits.history(of: .resident(scene.user), in: scene.building.id, page: page)
                )
            }
            #expect(borrowed.totalItems == 1 && overdue.totalItems == 1 && available.totalItems == 0)
            #expect(late.map(\.id) == [loan.id])
            #expect(balance == -10 && deposits == 10)
            #expect(history.items.map(\.credits) == [-10])
            // The legs come back in the account's order, not the order written.
            let read = try #require(history.items.first?.transfer)
            #expect(
                read.id == held.id && read.kind == held.kind && read.reference == held.reference && read.at == held.at)
            #expect(read.legs.sorted { $0.credits < $1.credits } == held.legs.sorted { $0.credits < $1.credits })
            #expect(
                try await store.read { repos in try await repos.objectLoans.open(of: scene.user, in: scene.building.id)
                }.count == 1)
        }
    }

    @Test(
        "The credit history cannot be changed in SQL, and PostgreSQL refuses an unbalanced transfer",
        arguments: TestDatabase.enabled)
    func creditHistoryHolds(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let transfer = try CreditTransfer(
                id: CreditTransferID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                kind: .correction, reference: nil, legs: [.init(.resident(scene.user), 5), .init(.deposits, -5)],
                at: now)
            try await store.write { repos in try await repos.credits.record(transfer) }
            await #expect(throws: (any Error).self) {
                try await store.withDatabase { db in try await db.raw("UPDATE credit_legs SET credits = 500").run() }
            }
            if database == .postgres {
                await #expect(throws: (any Error).self) {
                    try await store.withTransaction { db in
                        try await db.raw(
                            """
                            INSERT INTO credit_legs (transfer_id, organization_id, building_id, account, credits)
                            VALUES (\(bind: transfer.id.rawValue), \(bind: scene.organization.rawValue),
                                \(bind: scene.building.id.rawValue), 'someone', 7)
                            """
                        ).run()
                    }
                }
            }
            #expect(
                try await store.read { repos in
                    try await repos.credits.balance(of: .resident(scene.user), in: scene.building.id)
                } == 5)
        }
    }

    @Test(
        "A resource keeps its policy; bookings: overlap by half-open intervals, counts, no-shows, what the job settles",
        arguments: TestDatabase.enabled)
    func resourcesAndBookings(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let policy = try BookingPolicy(
                minimumMinutes: 60, maximumMinutes: 120, advanceDays: 10, maxActivePerResident: 3,
                cancellationCutoffHours: 12, requiresApproval: true, checkInWindowMinutes: 20,
                openingHours: [try OpeningHours(weekday: 6, opens: 600, closes: 1440)], deposit: 5)
            let room = try Resource(
                id: ResourceID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                name: "Salle", kind: .meetingRoom, description: nil, policy: policy, createdAt: now)
            @Sendable func booking(_ from: Double, _ to: Double, _ status: Booking.Status) -> Booking {
                Booking(
                    id: BookingID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                    resourceID: room.id, bookerID: scene.user, start: now.addingTimeInterval(from * 3600),
                    end: now.addingTimeInterval(to * 3600), seriesID: nil, deposit: 5, status: status, createdAt: now,
                    updatedAt: now)
            }
            let early = booking(1, 2, .confirmed)
            let next = booking(2, 3, .pending)
            let gone = booking(-5, -4, .noShow)
            let late = booking(-2, -1, .checkedIn)
            try await store.write { repos in
                try await repos.resources.insert(room)
                for item in [early, next, gone, late] { try await repos.bookings.insert(item) }
            }
            let found = try await store.read { repos in try await repos.resources.find(room.id) }
            #expect(found == room)
            try await store.read { repos in
                let touching = try await repos.bookings.overlapping(
                    room.id, now.addingTimeInterval(3600)..<now.addingTimeInterval(7200))
                #expect(touching.map(\.id) == [early.id])
                let both = try await repos.bookings.overlapping(
                    room.id, now.addingTimeInterval(5400)..<now.addingTimeInterval(9000))
                #expect(both.map(\.id) == [early.id, next.id])
                #expect(try await repos.bookings.activeCount(of: scene.user, on: room.id, at: now) == 2)
                #expect(
                    try await repos.bookings.noShows(
                        of: scene.user, in: scene.building.id, since: now.addingTimeInterval(-86_400))
                        == [gone.start])
                #expect(Set(try await repos.bookings.unsettled(at: now).map(\.id)) == [late.id])
                let page = try await repos.bookings.mine(
                    scene.user, in: scene.organization, page: try PageRequest(page: 1, perPage: 2))
                #expect(page.totalItems == 4 && page.items.map(\.id) == [next.id, early.id])
            }
            var cancelled = next
            try cancelled.cancel(at: now, byManager: true, policy: policy)
            try await store.write { [cancelled] repos in try await repos.bookings.update(cancelled) }
            // A cancelled booking holds no slot: the same hour may be booked again.
            try await store.write { repos in try await repos.bookings.insert(booking(2, 3, .confirmed)) }
            let stored = try await store.read { repos in try await repos.bookings.find(next.id) }
            #expect(stored?.status == .cancelled)
            // PostgreSQL refuses an overlap by itself, whatever the caller checked (SQLite's single
            // writer leaves it to the booking's transaction).
            if database == .postgres {
                await #expect(throws: BookingOverlap.self) {
                    try await store.write { repos in try await repos.bookings.insert(booking(1.5, 2.5, .pending)) }
                }
            }
        }
    }

    @Test(
        "Skill sessions round-trip; a skill lists all its sessions, or those a user takes part in",
        arguments: TestDatabase.enabled)
    func skillSessions(_ database: TestDatabase) async throws {
        try await withStore(database) { store, scene in
            let helper = User(
                id: UserID(UUID()), email: try Email("bruno@example.com"), name: "Bruno", passwordHash: "h",
                isActive: true, createdAt: now)
            let skill = Skill(
                id: SkillID(UUID()), organizationID: scene.organization, buildingID: scene.building.id,
                userID: helper.id,
                details: try Skill.Details(
                    name: "Cours de guitare", description: nil, category: .arts, level: .expert, yearsOfExperience: 9,
                    certifications: [], hourlyRate: 20, available: true, availability: nil),
                createdAt: now)
            var first = try SkillSession(
                id: SkillSessionID(UUID()), skill: skill, recipientID: scene.user, hours: 2, recordedBy: scene.user,
                at: now)
            let second = try SkillSession(
                id: SkillSessionID(UUID()), skill: skill, recipientID: scene.user, hours: 1, recordedBy: helper.id,
                at: now.addingTimeInterval(60))
            try await store.write { [first] repos in
                try await repos.users.insert(helper)
                try await repos.skills.insert(skill)
                try await repos.skillSessions.insert(first)
                try await repos.skillSessions.insert(second)
            }
            try first.confirm(by: helper.id, at: now.addingTimeInterval(120))
            try await store.write { [first] repos in try await repos.skillSessions.update(first) }
            let (found, all, mine, strangers) = try await store.read { [first] repos in
                (
                    try await repos.skillSessions.find(first.id),
                    try await repos.skillSessions.list(of: skill.id, involving: nil),
                    try await repos.skillSessions.list(of: skill.id, involving: scene.user),
                    try await repos.skillSessions.list(of: skill.id, involving: UserID(UUID()))
                )
            }
            #expect(found == first)
            #expect(all.map(\.id) == [second.id, first.id] && mine.count == 2 && strangers.isEmpty)
        }
    }
}
