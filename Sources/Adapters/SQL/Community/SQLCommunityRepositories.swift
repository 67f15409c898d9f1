import Application
import Domain
import Foundation
import SQLKit

struct OccupancyRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let lotId: UUID
    let userId: UUID
    let startDate: String
    let endDate: String?
    let createdBy: UUID
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case lotId = "lot_id"
        case userId = "user_id"
        case startDate = "start_date"
        case endDate = "end_date"
        case createdBy = "created_by"
        case createdAt = "created_at"
    }

    init(_ occupancy: Occupancy) {
        id = occupancy.id.rawValue
        organizationId = occupancy.organizationID.rawValue
        buildingId = occupancy.buildingID.rawValue
        lotId = occupancy.lotID.rawValue
        userId = occupancy.userID.rawValue
        startDate = occupancy.startDate.description
        endDate = occupancy.endDate?.description
        createdBy = occupancy.createdBy.rawValue
        createdAt = occupancy.createdAt
    }

    func domain() throws -> Occupancy {
        Occupancy(
            id: OccupancyID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            lotID: LotID(lotId), userID: UserID(userId), startDate: try CalendarDate(parsing: startDate),
            endDate: try endDate.map { try CalendarDate(parsing: $0) }, createdBy: UserID(createdBy),
            createdAt: createdAt)
    }
}

struct SQLOccupancyRepository: OccupancyRepository {
    let db: any SQLDatabase

    func insert(_ occupancy: Occupancy) async throws {
        try await db.insert(into: "occupancies").model(OccupancyRow(occupancy), nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: OccupancyID) async throws -> Occupancy? {
        try await db.select().columns("*").from("occupancies").where("id", .equal, id.rawValue)
            .first(decoding: OccupancyRow.self, with: rowDecoder)?.domain()
    }

    func update(_ occupancy: Occupancy) async throws {
        try await db.update("occupancies").set("end_date", to: occupancy.endDate?.description)
            .where("id", .equal, occupancy.id.rawValue).run()
    }

    func list(of lot: LotID) async throws -> [Occupancy] {
        try await db.select().columns("*").from("occupancies").where("lot_id", .equal, lot.rawValue)
            .orderBy("start_date", .descending).orderBy("created_at", .descending).orderBy("id")
            .all(decoding: OccupancyRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func open(of user: UserID, in building: BuildingID) async throws -> [Occupancy] {
        try await db.select().columns("*").from("occupancies").where("user_id", .equal, user.rawValue)
            .where("building_id", .equal, building.rawValue).where("end_date", .is, SQLLiteral.null)
            .orderBy("start_date").orderBy("id")
            .all(decoding: OccupancyRow.self, with: rowDecoder).map { try $0.domain() }
    }
}

struct PollRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let createdBy: UUID
    let title: String
    let description: String?
    let kind: String
    let allowsMultiple: Bool
    let anonymous: Bool
    let endsAt: Date
    let status: String
    let eligibleVoters: Int
    let publishedAt: Date?
    let closedAt: Date?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, title, description, kind, anonymous, status
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case createdBy = "created_by"
        case allowsMultiple = "allows_multiple"
        case endsAt = "ends_at"
        case eligibleVoters = "eligible_voters"
        case publishedAt = "published_at"
        case closedAt = "closed_at"
        case createdAt = "created_at"
    }

    init(_ poll: Poll) {
        id = poll.id.rawValue
        organizationId = poll.organizationID.rawValue
        buildingId = poll.buildingID.rawValue
        createdBy = poll.createdBy.rawValue
        title = poll.title
        description = poll.description
        kind = poll.kind.rawValue
        allowsMultiple = poll.allowsMultiple
        anonymous = poll.anonymous
        endsAt = poll.endsAt
        status = poll.status.rawValue
        eligibleVoters = poll.eligibleVoters
        publishedAt = poll.publishedAt
        closedAt = poll.closedAt
        createdAt = poll.createdAt
    }

    func domain(options: [Poll.Option]) throws -> Poll {
        guard let kind = Poll.Kind(rawValue: kind), let status = Poll.Status(rawValue: status) else {
            throw CorruptRow(table: "polls", reason: "kind or status of \(id)")
        }
        return try Poll(
            id: PollID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            createdBy: UserID(createdBy), title: title, description: description, kind: kind, options: options,
            allowsMultiple: allowsMultiple, anonymous: anonymous, endsAt: endsAt, status: status,
            eligibleVoters: eligibleVoters, publishedAt: publishedAt, closedAt: closedAt,
            createdAt: createdAt)
    }
}

struct SQLPollRepository: PollRepository {
    let db: any SQLDatabase

    private struct OptionRow: Codable {
        let id: UUID
        let pollId: UUID
        let organizationId: UUID
        let position: Int
        let label: String

        enum CodingKeys: String, CodingKey {
            case id, position, label
            case pollId = "poll_id"
            case organizationId = "organization_id"
        }
    }

    private struct BallotRow: Codable {
        let id: UUID
        let pollId: UUID
        let organizationId: UUID
        let ownerId: UUID?
        let optionIds: String?
        let rating: Int?
        let answer: String?
        let castAt: Date

        enum CodingKeys: String, CodingKey {
            case id, rating, answer
            case pollId = "poll_id"
            case organizationId = "organization_id"
            case ownerId = "owner_id"
            case optionIds = "option_ids"
            case castAt = "cast_at"
        }

        func domain() throws -> PollBallot {
            let answer: PollBallot.Answer
            if let optionIds {
                answer = .options(optionIds.split(separator: ",").compactMap { PollOptionID(String($0)) })
            } else if let rating {
                answer = .rating(rating)
            } else if let text = self.answer {
                answer = .text(text)
            } else {
                throw CorruptRow(table: "poll_ballots", reason: "no answer in \(id)")
            }
            return PollBallot(
                id: PollBallotID(id), pollID: PollID(pollId), ownerID: ownerId.map(OwnerID.init), answer: answer,
                castAt: castAt)
        }
    }

    /// The polls of the rows, with their options (one more statement).
    private func polls(_ rows: [PollRow]) async throws -> [Poll] {
        guard !rows.isEmpty else { return [] }
        let options = try await db.select().columns("*").from("poll_options")
            .where("poll_id", .in, rows.map(\.id)).orderBy("position")
            .all(decoding: OptionRow.self, with: rowDecoder)
        let byPoll = Dictionary(grouping: options, by: \.pollId)
        return try rows.map { row in
            try row.domain(
                options: try (byPoll[row.id] ?? []).map { try Poll.Option(id: PollOptionID($0.id), label: $0.label) })
        }
    }

    func insert(_ poll: Poll) async throws {
        try await db.insert(into: "polls").model(PollRow(poll), nilEncodingStrategy: .asNil).run()
        guard !poll.options.isEmpty else { return }
        try await db.insert(into: "poll_options").models(
            poll.options.enumerated().map { index, option in
                OptionRow(
                    id: option.id.rawValue, pollId: poll.id.rawValue, organizationId: poll.organizationID.rawValue,
                    position: index, label: option.label)
            }
        ).run()
    }

    func find(_ id: PollID) async throws -> Poll? {
        let rows = try await db.select().columns("*").from("polls").where("id", .equal, id.rawValue)
            .all(decoding: PollRow.self, with: rowDecoder)
        return try await polls(rows).first
    }

    func update(_ poll: Poll) async throws {
        let row = PollRow(poll)
        try await db.update("polls").set("status", to: row.status).set("eligible_voters", to: row.eligibleVoters)
            .set("published_at", to: row.publishedAt).set("closed_at", to: row.closedAt)
            .where("id", .equal, row.id).run()
    }

    func list(in building: BuildingID, filter: PollFilter, page: PageRequest) async throws -> Page<Poll> {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.where("building_id", .equal, building.rawValue)
            if let status = filter.status { query = query.where("status", .equal, status.rawValue) }
            if !filter.allDrafts {
                query = query.where { group in
                    var group = group.where("status", .notEqual, Poll.Status.draft.rawValue)
                    if let user = filter.includeDraftsOf { group = group.orWhere("created_by", .equal, user.rawValue) }
                    return group
                }
            }
            return query
        }
        let (rows, total) = try await db.page(
            "polls", page, as: PollRow.self, filtered: filtered,
            ordered: { $0.orderBy("created_at", .descending).orderBy("id") })
        return Page(items: try await polls(rows), request: page, totalItems: total)
    }

    func summaries(in building: BuildingID) async throws -> [(status: Poll.Status, ballots: Int, eligible: Int)] {
        struct Row: Decodable {
            let status: String
            let eligibleVoters: Int
            let ballots: Int

            enum CodingKeys: String, CodingKey {
                case status, ballots
                case eligibleVoters = "eligible_voters"
            }
        }
        return try await db.raw(
            """
            SELECT p.status, p.eligible_voters,
                (SELECT COUNT(*) FROM poll_ballots b WHERE b.poll_id = p.id) AS ballots
            FROM polls p WHERE p.building_id = \(bind: building.rawValue)
            """
        ).all(decoding: Row.self).compactMap { row in
            Poll.Status(rawValue: row.status).map { ($0, row.ballots, row.eligibleVoters) }
        }
    }

    func addVoters(_ owners: [OwnerID], to poll: Poll) async throws {
        struct Row: Codable {
            let pollId: UUID
            let ownerId: UUID
            let organizationId: UUID

            enum CodingKeys: String, CodingKey {
                case pollId = "poll_id"
                case ownerId = "owner_id"
                case organizationId = "organization_id"
            }
        }
        let rows = owners.map {
            Row(pollId: poll.id.rawValue, ownerId: $0.rawValue, organizationId: poll.organizationID.rawValue)
        }
        try await db.insertInChunks(into: "poll_voters", rows)
    }

    func voters(of poll: PollID, among owners: [OwnerID]) async throws -> [(owner: OwnerID, votedAt: Date?)] {
        guard !owners.isEmpty else { return [] }
        struct Row: Decodable {
            let ownerId: UUID
            let votedAt: Date?

            enum CodingKeys: String, CodingKey {
                case ownerId = "owner_id"
                case votedAt = "voted_at"
            }
        }
        return try await db.select().columns("owner_id", "voted_at").from("poll_voters")
            .where("poll_id", .equal, poll.rawValue).where("owner_id", .in, owners.map(\.rawValue))
            .orderBy("owner_id")
            .all(decoding: Row.self, with: rowDecoder).map { (OwnerID($0.ownerId), $0.votedAt) }
    }

    func markVoted(_ owner: OwnerID, in poll: PollID, at date: Date) async throws -> Bool {
        try await db.update("poll_voters").set("voted_at", to: date)
            .where("poll_id", .equal, poll.rawValue).where("owner_id", .equal, owner.rawValue)
            .where("voted_at", .is, SQLLiteral.null)
            .returning("owner_id").first() != nil
    }

    func insertBallot(_ ballot: PollBallot, organization: OrganizationID) async throws {
        var optionIds: String?
        var rating: Int?
        var answer: String?
        switch ballot.answer {
        case .options(let ids): optionIds = ids.map(\.description).joined(separator: ",")
        case .rating(let mark): rating = mark
        case .text(let text): answer = text
        }
        try await db.insert(into: "poll_ballots").model(
            BallotRow(
                id: ballot.id.rawValue, pollId: ballot.pollID.rawValue, organizationId: organization.rawValue,
                ownerId: ballot.ownerID?.rawValue, optionIds: optionIds, rating: rating, answer: answer,
                castAt: ballot.castAt),
            nilEncodingStrategy: .asNil
        ).run()
    }

    func ballots(of poll: PollID) async throws -> [PollBallot] {
        try await db.select().columns("*").from("poll_ballots").where("poll_id", .equal, poll.rawValue)
            .orderBy("cast_at").orderBy("id")
            .all(decoding: BallotRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func ballotCounts(of polls: [PollID]) async throws -> [PollID: Int] {
        guard !polls.isEmpty else { return [:] }
        let rows = try await db.select().column("poll_id").column(
            SQLFunction("COUNT", args: SQLLiteral.all), as: "count"
        )
        .from("poll_ballots").where("poll_id", .in, polls.map(\.rawValue)).groupBy("poll_id").all()
        var counts: [PollID: Int] = [:]
        for row in rows {
            counts[PollID(try row.decode(column: "poll_id", as: UUID.self))] = try row.decode(
                column: "count", as: Int.self)
        }
        return counts
    }

    func voted(in polls: [PollID], among owners: [OwnerID]) async throws -> Set<PollID> {
        guard !polls.isEmpty, !owners.isEmpty else { return [] }
        return Set(
            try await db.select().distinct().column("poll_id").from("poll_voters")
                .where("poll_id", .in, polls.map(\.rawValue)).where("owner_id", .in, owners.map(\.rawValue))
                .where("voted_at", .isNot, SQLLiteral.null)
                .all(decodingColumn: "poll_id", as: UUID.self).map(PollID.init))
    }

    func ended(at date: Date) async throws -> [Poll] {
        let rows = try await db.select().columns("*").from("polls")
            .where("status", .equal, Poll.Status.active.rawValue).where("ends_at", .lessThanOrEqual, date)
            .orderBy("ends_at").orderBy("id").limit(500)
            .all(decoding: PollRow.self, with: rowDecoder)
        return try await polls(rows)
    }
}

struct NoticeRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let authorId: UUID
    let kind: String
    let category: String
    let title: String
    let content: String
    let eventAt: Date?
    let eventPlace: String?
    let expiresAt: Date?
    let status: String
    let pinned: Bool
    let publishedAt: Date?
    let expiredAt: Date?
    let archivedAt: Date?
    let createdAt: Date
    let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, kind, category, title, content, status, pinned
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case authorId = "author_id"
        case eventAt = "event_at"
        case eventPlace = "event_place"
        case expiresAt = "expires_at"
        case publishedAt = "published_at"
        case expiredAt = "expired_at"
        case archivedAt = "archived_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ notice: Notice) {
        id = notice.id.rawValue
        organizationId = notice.organizationID.rawValue
        buildingId = notice.buildingID.rawValue
        authorId = notice.authorID.rawValue
        kind = notice.content.kind.rawValue
        category = notice.content.category.rawValue
        title = notice.content.title
        content = notice.content.body
        eventAt = notice.content.eventAt
        eventPlace = notice.content.eventPlace
        expiresAt = notice.content.expiresAt
        status = notice.status.rawValue
        pinned = notice.pinned
        publishedAt = notice.publishedAt
        expiredAt = notice.expiredAt
        archivedAt = notice.archivedAt
        createdAt = notice.createdAt
        updatedAt = notice.updatedAt
    }

    func domain() throws -> Notice {
        guard let kind = Notice.Kind(rawValue: kind), let category = Notice.Category(rawValue: category),
            let status = Notice.Status(rawValue: status)
        else { throw CorruptRow(table: "notices", reason: "kind, category or status of \(id)") }
        return Notice(
            id: NoticeID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            authorID: UserID(authorId),
            content: Notice.Content(
                stored: kind, category: category, title: title, body: content, eventAt: eventAt,
                eventPlace: eventPlace, expiresAt: expiresAt),
            status: status, pinned: pinned, publishedAt: publishedAt, expiredAt: expiredAt, archivedAt: archivedAt,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}

struct SQLNoticeRepository: NoticeRepository {
    let db: any SQLDatabase

    func insert(_ notice: Notice) async throws {
        try await db.insert(into: "notices").model(NoticeRow(notice), nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: NoticeID) async throws -> Notice? {
        try await db.select().columns("*").from("notices").where("id", .equal, id.rawValue)
            .first(decoding: NoticeRow.self, with: rowDecoder)?.domain()
    }

    func update(_ notice: Notice) async throws {
        let row = NoticeRow(notice)
        try await db.update("notices").set("kind", to: row.kind).set("category", to: row.category)
            .set("title", to: row.title).set("content", to: row.content).set("event_at", to: row.eventAt)
            .set("event_place", to: row.eventPlace).set("expires_at", to: row.expiresAt).set("status", to: row.status)
            .set("pinned", to: row.pinned).set("published_at", to: row.publishedAt)
            .set("expired_at", to: row.expiredAt).set("archived_at", to: row.archivedAt)
            .set("updated_at", to: row.updatedAt).where("id", .equal, row.id).run()
    }

    func delete(_ id: NoticeID) async throws {
        try await db.delete(from: "notices").where("id", .equal, id.rawValue).run()
    }

    func list(in building: BuildingID, filter: NoticeFilter, page: PageRequest) async throws -> Page<Notice> {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.where("building_id", .equal, building.rawValue)
            if let status = filter.status { query = query.where("status", .equal, status.rawValue) }
            if let kind = filter.kind { query = query.where("kind", .equal, kind.rawValue) }
            if let category = filter.category { query = query.where("category", .equal, category.rawValue) }
            if let pinned = filter.pinned { query = query.where("pinned", .equal, pinned) }
            if let viewer = filter.viewer {
                // A resident sees the board and their own drafts only.
                switch filter.status {
                case nil:
                    query = query.where { group in
                        group.where("status", .equal, Notice.Status.published.rawValue)
                            .orWhere { own in
                                own.where("status", .equal, Notice.Status.draft.rawValue)
                                    .where("author_id", .equal, viewer.rawValue)
                            }
                    }
                case .draft?: query = query.where("author_id", .equal, viewer.rawValue)
                default: break
                }
            }
            return query
        }
        let (rows, total) = try await db.page(
            "notices", page, as: NoticeRow.self, filtered: filtered,
            ordered: {
                $0.orderBy("pinned", .descending).orderBy("published_at", .descending)
                    .orderBy("created_at", .descending).orderBy("id")
            })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func lapsed(at date: Date) async throws -> [Notice] {
        try await db.select().columns("*").from("notices")
            .where("status", .equal, Notice.Status.published.rawValue).where("expires_at", .lessThanOrEqual, date)
            .orderBy("expires_at").orderBy("id").limit(500)
            .all(decoding: NoticeRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func published() async throws -> [Notice] {
        try await db.select().columns("*").from("notices")
            .where("status", .equal, Notice.Status.published.rawValue).orderBy("id")
            .all(decoding: NoticeRow.self, with: rowDecoder).map { try $0.domain() }
    }
}

struct SkillRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let userId: UUID
    let name: String
    let description: String?
    let category: String
    /// The level's rank (0 beginner … 3 expert), so "this level or above" is a comparison.
    let level: Int
    let yearsOfExperience: Int
    /// One certification per line.
    let certifications: String
    let hourlyRate: Int
    let available: Bool
    let availability: String?
    let createdAt: Date
    let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, description, category, level, certifications, available, availability
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case userId = "user_id"
        case yearsOfExperience = "years_of_experience"
        case hourlyRate = "hourly_rate"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ skill: Skill) {
        id = skill.id.rawValue
        organizationId = skill.organizationID.rawValue
        buildingId = skill.buildingID.rawValue
        userId = skill.userID.rawValue
        name = skill.details.name
        description = skill.details.description
        category = skill.details.category.rawValue
        level = skill.details.level.rank
        yearsOfExperience = skill.details.yearsOfExperience
        certifications = skill.details.certifications.joined(separator: "\n")
        hourlyRate = skill.details.hourlyRate
        available = skill.details.available
        availability = skill.details.availability
        createdAt = skill.createdAt
        updatedAt = skill.updatedAt
    }

    func domain() throws -> Skill {
        guard let category = Skill.Category(rawValue: category), Skill.Level.allCases.indices.contains(level) else {
            throw CorruptRow(table: "skills", reason: "category or level of \(id)")
        }
        return Skill(
            id: SkillID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            userID: UserID(userId),
            details: try Skill.Details(
                name: name, description: description, category: category, level: Skill.Level.allCases[level],
                yearsOfExperience: yearsOfExperience,
                certifications: certifications.split(separator: "\n").map(String.init), hourlyRate: hourlyRate,
                available: available, availability: availability),
            createdAt: createdAt, updatedAt: updatedAt)
    }
}

struct SQLSkillRepository: SkillRepository {
    let db: any SQLDatabase

    func insert(_ skill: Skill) async throws {
        try await db.insert(into: "skills").model(SkillRow(skill), nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: SkillID) async throws -> Skill? {
        try await db.select().columns("*").from("skills").where("id", .equal, id.rawValue)
            .first(decoding: SkillRow.self, with: rowDecoder)?.domain()
    }

    func update(_ skill: Skill) async throws {
        let row = SkillRow(skill)
        try await db.update("skills").set("name", to: row.name).set("description", to: row.description)
            .set("category", to: row.category).set("level", to: row.level)
            .set("years_of_experience", to: row.yearsOfExperience).set("certifications", to: row.certifications)
            .set("hourly_rate", to: row.hourlyRate).set("available", to: row.available)
            .set("availability", to: row.availability).set("updated_at", to: row.updatedAt)
            .where("id", .equal, row.id).run()
    }

    func delete(_ id: SkillID) async throws {
        try await db.delete(from: "skills").where("id", .equal, id.rawValue).run()
    }

    func list(in building: BuildingID, filter: SkillFilter, page: PageRequest) async throws -> Page<Skill> {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.where("building_id", .equal, building.rawValue)
            if let category = filter.category { query = query.where("category", .equal, category.rawValue) }
            if let level = filter.level { query = query.where("level", .greaterThanOrEqual, level.rank) }
            if let free = filter.free { query = query.where("hourly_rate", free ? .equal : .greaterThan, 0) }
            if let available = filter.available { query = query.where("available", .equal, available) }
            return query
        }
        let (rows, total) = try await db.page(
            "skills", page, as: SkillRow.self, filtered: filtered, ordered: { $0.orderBy("name").orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }
}

struct SkillSessionRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let skillId: UUID
    let providerId: UUID
    let recipientId: UUID
    let hours: Int
    let hourlyRate: Int
    let recordedBy: UUID
    let status: String
    let createdAt: Date
    let settledAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, hours, status
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case skillId = "skill_id"
        case providerId = "provider_id"
        case recipientId = "recipient_id"
        case hourlyRate = "hourly_rate"
        case recordedBy = "recorded_by"
        case createdAt = "created_at"
        case settledAt = "settled_at"
    }

    init(_ session: SkillSession) {
        id = session.id.rawValue
        organizationId = session.organizationID.rawValue
        buildingId = session.buildingID.rawValue
        skillId = session.skillID.rawValue
        providerId = session.providerID.rawValue
        recipientId = session.recipientID.rawValue
        hours = session.hours
        hourlyRate = session.hourlyRate
        recordedBy = session.recordedBy.rawValue
        status = session.status.rawValue
        createdAt = session.createdAt
        settledAt = session.settledAt
    }

    func domain() throws -> SkillSession {
        guard let status = SkillSession.Status(rawValue: status) else {
            throw CorruptRow(table: "skill_sessions", reason: "status of \(id)")
        }
        return SkillSession(
            id: SkillSessionID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            skillID: SkillID(skillId), providerID: UserID(providerId), recipientID: UserID(recipientId), hours: hours,
            hourlyRate: hourlyRate, recordedBy: UserID(recordedBy), status: status, createdAt: createdAt,
            settledAt: settledAt)
    }
}

struct SQLSkillSessionRepository: SkillSessionRepository {
    let db: any SQLDatabase

    func insert(_ session: SkillSession) async throws {
        try await db.insert(into: "skill_sessions").model(SkillSessionRow(session), nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: SkillSessionID) async throws -> SkillSession? {
        try await db.select().columns("*").from("skill_sessions").where("id", .equal, id.rawValue)
            .first(decoding: SkillSessionRow.self, with: rowDecoder)?.domain()
    }

    func update(_ session: SkillSession) async throws {
        try await db.update("skill_sessions").set("status", to: session.status.rawValue)
            .set("settled_at", to: session.settledAt).where("id", .equal, session.id.rawValue).run()
    }

    func list(of skill: SkillID, involving user: UserID?) async throws -> [SkillSession] {
        var query = db.select().columns("*").from("skill_sessions").where("skill_id", .equal, skill.rawValue)
        if let user {
            query = query.where {
                $0.where("provider_id", .equal, user.rawValue).orWhere("recipient_id", .equal, user.rawValue)
            }
        }
        return try await query.orderBy("created_at", .descending).orderBy("id").limit(500)
            .all(decoding: SkillSessionRow.self, with: rowDecoder).map { try $0.domain() }
    }
}
