import Application
import Domain
import Foundation
import Hummingbird

struct OccupancyRequest: Decodable {
    let userId: UUID?
    let startDate: String?
}

struct OccupancyEndRequest: Decodable {
    let endDate: String?
}

struct OccupancyResponse: ResponseEncodable {
    let id, buildingId, lotId, userId, startDate: String
    let endDate: String?
    let createdAt: Date

    init(_ occupancy: Occupancy) {
        id = occupancy.id.description
        buildingId = occupancy.buildingID.description
        lotId = occupancy.lotID.description
        userId = occupancy.userID.description
        startDate = occupancy.startDate.description
        endDate = occupancy.endDate?.description
        createdAt = occupancy.createdAt
    }
}

struct ResidentResponse: ResponseEncodable {
    let role: String
    let ownerIds: [String]

    init(_ resident: Resident) {
        switch resident {
        case .manager: role = "manager"
        case .owner: role = "owner"
        case .occupant: role = "occupant"
        }
        ownerIds = resident.ownerIDs.map(\.description)
    }
}

struct PollRequest: Decodable {
    let title: String?
    let description: String?
    let type: String?
    let options: [String]?
    let allowMultiple: Bool?
    let anonymous: Bool?
    let endsAt: Date?
}

struct PollVoteRequest: Decodable {
    let optionIds: [UUID]?
    let rating: Int?
    let text: String?
}

struct PollResponse: ResponseEncodable {
    struct Option: Encodable {
        let id, label: String
    }

    let id, buildingId, createdBy, title, type, status: String
    let description: String?
    let options: [Option]
    let allowMultiple, anonymous: Bool
    let endsAt: Date
    let eligibleVoters, ballots: Int
    let hasVoted: Bool?
    let publishedAt, closedAt: Date?
    let createdAt: Date

    init(_ view: PollView) {
        let poll = view.poll
        id = poll.id.description
        buildingId = poll.buildingID.description
        createdBy = poll.createdBy.description
        title = poll.title
        type = poll.kind.rawValue
        status = poll.status.rawValue
        description = poll.description
        options = poll.options.map { Option(id: $0.id.description, label: $0.label) }
        allowMultiple = poll.allowsMultiple
        anonymous = poll.anonymous
        endsAt = poll.endsAt
        eligibleVoters = poll.eligibleVoters
        ballots = view.ballots
        hasVoted = view.hasVoted
        publishedAt = poll.publishedAt
        closedAt = poll.closedAt
        createdAt = poll.createdAt
    }
}

struct PollResultsResponse: ResponseEncodable {
    struct Count: Encodable {
        let key, label: String
        let votes: Int
        let percent: Double

        init(_ count: PollResults.Count) {
            key = count.key
            label = count.label
            votes = count.votes
            percent = count.percent
        }
    }

    let pollId, type, status: String
    let eligibleVoters, ballots: Int
    let participation: Double
    let counts: [Count]
    let averageRating: Double?
    let answers: [String]
    let winner: Count?
    let tie: Bool
    let tiedFor: [Count]

    init(_ poll: Poll, _ results: PollResults) {
        pollId = poll.id.description
        type = poll.kind.rawValue
        status = poll.status.rawValue
        eligibleVoters = results.eligibleVoters
        ballots = results.ballots
        participation = results.participation
        counts = results.counts.map(Count.init)
        averageRating = results.averageRating
        answers = results.answers
        winner = results.winner.map(Count.init)
        tie = results.isTie
        tiedFor = results.tiedFor.map(Count.init)
    }
}

struct PollStatisticsResponse: ResponseEncodable {
    let total, drafts, active, closed, cancelled: Int
    let averageParticipation: Double?

    init(_ statistics: PollStatistics) {
        total = statistics.total
        drafts = statistics.drafts
        active = statistics.active
        closed = statistics.closed
        cancelled = statistics.cancelled
        averageParticipation = statistics.averageParticipation
    }
}

struct NoticeRequest: Decodable {
    let type: String?
    let category: String?
    let title: String?
    let content: String?
    let eventDate: Date?
    let eventPlace: String?
    let expiresAt: Date?

    var input: NoticeInput {
        NoticeInput(
            type: type, category: category, title: title, content: content, eventDate: eventDate,
            eventPlace: eventPlace, expiresAt: expiresAt)
    }
}

struct NoticeResponse: ResponseEncodable {
    let id, buildingId, authorId, type, category, title, content, status: String
    let eventDate: Date?
    let eventPlace: String?
    let expiresAt: Date?
    let pinned: Bool
    let publishedAt, expiredAt, archivedAt: Date?
    let createdAt, updatedAt: Date

    init(_ notice: Notice) {
        id = notice.id.description
        buildingId = notice.buildingID.description
        authorId = notice.authorID.description
        type = notice.content.kind.rawValue
        category = notice.content.category.rawValue
        title = notice.content.title
        content = notice.content.body
        status = notice.status.rawValue
        eventDate = notice.content.eventAt
        eventPlace = notice.content.eventPlace
        expiresAt = notice.content.expiresAt
        pinned = notice.pinned
        publishedAt = notice.publishedAt
        expiredAt = notice.expiredAt
        archivedAt = notice.archivedAt
        createdAt = notice.createdAt
        updatedAt = notice.updatedAt
    }
}

struct SkillRequest: Decodable {
    let name: String?
    let description: String?
    let category: String?
    let level: String?
    let yearsOfExperience: Int?
    let certifications: [String]?
    let hourlyRate: Int?
    let available: Bool?
    let availability: String?

    var input: SkillInput {
        SkillInput(
            name: name, description: description, category: category, level: level,
            yearsOfExperience: yearsOfExperience, certifications: certifications, hourlyRate: hourlyRate,
            available: available, availability: availability)
    }
}

struct SkillResponse: ResponseEncodable {
    let id, buildingId, userId, name, category, level: String
    let description, availability: String?
    let yearsOfExperience, hourlyRate: Int
    let certifications: [String]
    let available, free, professional: Bool
    let createdAt, updatedAt: Date

    init(_ skill: Skill) {
        id = skill.id.description
        buildingId = skill.buildingID.description
        userId = skill.userID.description
        name = skill.details.name
        category = skill.details.category.rawValue
        level = skill.details.level.rawValue
        description = skill.details.description
        availability = skill.details.availability
        yearsOfExperience = skill.details.yearsOfExperience
        hourlyRate = skill.details.hourlyRate
        certifications = skill.details.certifications
        available = skill.details.available
        free = skill.isFree
        professional = skill.isProfessional
        createdAt = skill.createdAt
        updatedAt = skill.updatedAt
    }
}

struct SharedObjectRequest: Decodable {
    let name: String?
    let description: String?
    let category: String?
    let condition: String?
    let dailyRate: Int?
    let deposit: Int?
    let loanDays: Int?

    var input: SharedObjectInput {
        SharedObjectInput(
            name: name, description: description, category: category, condition: condition, dailyRate: dailyRate,
            deposit: deposit, loanDays: loanDays)
    }
}

struct SharedObjectResponse: ResponseEncodable {
    struct Loan: Encodable {
        let id, borrowerId, dueOn: String
        let borrowedAt: Date
        let deposit, dailyRate: Int
    }

    let id, buildingId, ownerId, name, category, condition, status: String
    let description: String?
    let dailyRate, deposit, loanDays: Int
    let loan: Loan?
    let createdAt: Date

    init(_ view: SharedObjectView) {
        let object = view.object
        id = object.id.description
        buildingId = object.buildingID.description
        ownerId = object.ownerID.description
        name = object.details.name
        category = object.details.category.rawValue
        condition = object.details.condition.rawValue
        status = view.overdue ? "overdue" : object.isAvailable ? "available" : "borrowed"
        description = object.details.description
        dailyRate = object.details.dailyRate
        deposit = object.details.deposit
        loanDays = object.details.loanDays
        loan = view.loan.map {
            Loan(
                id: $0.id.description, borrowerId: $0.borrowerID.description, dueOn: $0.dueOn.description,
                borrowedAt: $0.borrowedAt, deposit: $0.deposit, dailyRate: $0.dailyRate)
        }
        createdAt = object.createdAt
    }
}

struct CreditsResponse: ResponseEncodable {
    struct Movement: Encodable {
        let transferId, kind: String
        let reference: String?
        let credits: Int
        let at: Date
    }

    let buildingId: String
    let balance, trustLimit: Int
    let data: [Movement]
    let pagination: ListResponse<Movement>.Pagination

    init(_ statement: CreditStatement) {
        buildingId = statement.buildingID.description
        balance = statement.balance
        trustLimit = statement.trustLimit
        data = statement.history.items.map {
            Movement(
                transferId: $0.transfer.id.description, kind: $0.transfer.kind.rawValue,
                reference: $0.transfer.reference?.uuidString.lowercased(), credits: $0.credits, at: $0.transfer.at)
        }
        let page = statement.history
        pagination = .init(
            page: page.request.page, perPage: page.request.perPage, totalItems: page.totalItems,
            totalPages: page.totalPages)
    }
}

struct SkillSessionRequest: Decodable {
    let hours: Int?
    /// Who was helped, when the skill's owner records it.
    let recipientId: UUID?
}

struct SkillSessionResponse: ResponseEncodable {
    let id, skillId, buildingId, providerId, recipientId, recordedBy, awaitedFrom, status: String
    let hours, hourlyRate, credits: Int
    let createdAt: Date
    let settledAt: Date?

    init(_ session: SkillSession) {
        id = session.id.description
        skillId = session.skillID.description
        buildingId = session.buildingID.description
        providerId = session.providerID.description
        recipientId = session.recipientID.description
        recordedBy = session.recordedBy.description
        awaitedFrom = session.awaitedFrom.description
        status = session.status.rawValue
        hours = session.hours
        hourlyRate = session.hourlyRate
        credits = session.credits
        createdAt = session.createdAt
        settledAt = session.settledAt
    }
}

struct CommunitySettingsRequest: Decodable {
    let trustLimit: Int?
    let maxLoans: Int?
}

struct CommunitySettingsResponse: ResponseEncodable {
    let trustLimit, maxLoans: Int

    init(_ settings: CommunitySettings) {
        trustLimit = settings.trustLimit
        maxLoans = settings.maxLoans
    }
}

/// The building's community: occupants, polls between assemblies, the notice board, skills,
/// shared objects and credits, bookings of common spaces.
struct CommunityRoutes {
    let services: CommunityServices

    func add(to group: RouterGroup<AuthenticatedContext>) {
        addOccupancyRoutes(to: group)
        addPollRoutes(to: group)
        addNoticeRoutes(to: group)
        addSkillRoutes(to: group)
        addSkillSessionRoutes(to: group)
        addSharedObjectRoutes(to: group)
        addBookingRoutes(to: group)
    }

    private func addSharedObjectRoutes(to group: RouterGroup<AuthenticatedContext>) {
        let service = services.sharedObjects
        group.post("buildings/{id}/shared-objects") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(SharedObjectRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: SharedObjectResponse(
                    try await service.create(body.input, in: building, as: context.principal)))
        }
        group.get("buildings/{id}/shared-objects") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            return ListResponse(
                try await service.list(
                    in: building, status: try request.enumQuery("status", as: SharedObjectFilter.Status.self)?.rawValue,
                    category: try request.enumQuery("category", as: SharedObject.Category.self)?.rawValue,
                    page: try request.pageRequest(), as: context.principal),
                SharedObjectResponse.init)
        }
        group.get("shared-objects/{id}") { _, context in
            SharedObjectResponse(try await service.object(try objectID(context), as: context.principal))
        }
        group.patch("shared-objects/{id}") { request, context in
            let id = try objectID(context)
            let body = try await request.decodeJSON(SharedObjectRequest.self, context: context)
            return SharedObjectResponse(try await service.update(id, body.input, as: context.principal))
        }
        group.delete("shared-objects/{id}") { _, context in
            try await service.delete(try objectID(context), as: context.principal)
            return HTTPResponse.Status.noContent
        }
        group.post("shared-objects/{id}/borrow") { _, context in
            SharedObjectResponse(try await service.borrow(try objectID(context), as: context.principal))
        }
        group.post("shared-objects/{id}/return") { _, context in
            SharedObjectResponse(try await service.giveBack(try objectID(context), as: context.principal))
        }
        group.get("me/credits") { request, context in
            try AccessPolicy.require(.useCommunity, by: context.principal)
            guard let building = try request.idQuery("building_id", as: BuildingID.self) else {
                throw RequestError.missingField("building_id")
            }
            return CreditsResponse(
                try await service.credits(in: building, page: try request.pageRequest(), as: context.principal))
        }
        group.get("buildings/{id}/community-settings") { _, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            return CommunitySettingsResponse(try await service.settings(of: building, as: context.principal))
        }
        group.put("buildings/{id}/community-settings") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(CommunitySettingsRequest.self, context: context)
            return CommunitySettingsResponse(
                try await service.setSettings(
                    of: building, trustLimit: body.trustLimit, maxLoans: body.maxLoans, as: context.principal))
        }
    }

    private func objectID(_ context: AuthenticatedContext) throws -> SharedObjectID {
        try context.parameters.id(as: SharedObjectID.self, entity: "shared_object")
    }

    private func addSkillRoutes(to group: RouterGroup<AuthenticatedContext>) {
        let service = services.skills
        group.post("buildings/{id}/skills") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(SkillRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: SkillResponse(try await service.create(body.input, in: building, as: context.principal)))
        }
        group.get("buildings/{id}/skills") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            return ListResponse(
                try await service.list(
                    in: building, category: try request.enumQuery("category", as: Skill.Category.self)?.rawValue,
                    level: try request.enumQuery("level", as: Skill.Level.self)?.rawValue,
                    free: try request.boolQuery("free"), available: try request.boolQuery("available"),
                    page: try request.pageRequest(), as: context.principal),
                SkillResponse.init)
        }
        group.get("skills/{id}") { _, context in
            SkillResponse(try await service.skill(try skillID(context), as: context.principal))
        }
        group.patch("skills/{id}") { request, context in
            let id = try skillID(context)
            let body = try await request.decodeJSON(SkillRequest.self, context: context)
            return SkillResponse(try await service.update(id, body.input, as: context.principal))
        }
        group.delete("skills/{id}") { _, context in
            try await service.delete(try skillID(context), as: context.principal)
            return HTTPResponse.Status.noContent
        }
    }

    private func addSkillSessionRoutes(to group: RouterGroup<AuthenticatedContext>) {
        let service = services.skills
        group.post("skills/{id}/sessions") { request, context in
            let id = try skillID(context)
            let body = try await request.decodeJSON(SkillSessionRequest.self, context: context)
            guard let hours = body.hours else { throw RequestError.missingField("hours") }
            return EditedResponse(
                status: .created,
                response: SkillSessionResponse(
                    try await service.recordSession(
                        id, hours: hours, recipient: body.recipientId, as: context.principal)))
        }
        group.get("skills/{id}/sessions") { _, context in
            DataResponse(
                data: try await service.sessions(of: try skillID(context), as: context.principal)
                    .map(SkillSessionResponse.init))
        }
        group.get("skill-sessions/{id}") { _, context in
            SkillSessionResponse(try await service.session(try sessionID(context), as: context.principal))
        }
        group.post("skill-sessions/{id}/confirm") { _, context in
            SkillSessionResponse(try await service.confirmSession(try sessionID(context), as: context.principal))
        }
        group.post("skill-sessions/{id}/cancel") { _, context in
            SkillSessionResponse(try await service.cancelSession(try sessionID(context), as: context.principal))
        }
    }

    private func sessionID(_ context: AuthenticatedContext) throws -> SkillSessionID {
        try context.parameters.id(as: SkillSessionID.self, entity: "skill_session")
    }

    private func skillID(_ context: AuthenticatedContext) throws -> SkillID {
        try context.parameters.id(as: SkillID.self, entity: "skill")
    }

    private func addOccupancyRoutes(to group: RouterGroup<AuthenticatedContext>) {
        let service = services.occupancies
        group.post("lots/{id}/occupants") { request, context in
            let lot = try context.parameters.id(as: LotID.self, entity: "lot")
            let body = try await request.decodeJSON(OccupancyRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: OccupancyResponse(
                    try await service.link(body.userId, to: lot, startDate: body.startDate, as: context.principal)))
        }
        group.get("lots/{id}/occupants") { _, context in
            let lot = try context.parameters.id(as: LotID.self, entity: "lot")
            return DataResponse(
                data: try await service.occupants(of: lot, as: context.principal).map(OccupancyResponse.init))
        }
        group.post("occupancies/{id}/end") { request, context in
            let id = try context.parameters.id(as: OccupancyID.self, entity: "occupancy")
            let body = try await request.decodeJSON(OccupancyEndRequest.self, context: context)
            return OccupancyResponse(try await service.end(id, endDate: body.endDate, as: context.principal))
        }
        group.get("buildings/{id}/community/me") { _, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            return ResidentResponse(try await service.resident(of: building, as: context.principal))
        }
    }

    private func addPollRoutes(to group: RouterGroup<AuthenticatedContext>) {
        let service = services.polls
        group.post("buildings/{id}/polls") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(PollRequest.self, context: context)
            let input = PollInput(
                title: body.title, description: body.description, kind: body.type, options: body.options,
                allowMultiple: body.allowMultiple, anonymous: body.anonymous, endsAt: body.endsAt)
            return EditedResponse(
                status: .created,
                response: PollResponse(try await service.create(input, in: building, as: context.principal)))
        }
        group.get("buildings/{id}/polls") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            return ListResponse(
                try await service.list(
                    in: building, status: try request.enumQuery("status", as: Poll.Status.self)?.rawValue,
                    page: try request.pageRequest(), as: context.principal),
                PollResponse.init)
        }
        group.get("buildings/{id}/polls/statistics") { _, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            return PollStatisticsResponse(try await service.statistics(of: building, as: context.principal))
        }
        group.get("polls/{id}") { _, context in
            PollResponse(try await service.poll(try pollID(context), as: context.principal))
        }
        group.post("polls/{id}/publish") { _, context in
            PollResponse(try await service.publish(try pollID(context), as: context.principal))
        }
        group.post("polls/{id}/close") { _, context in
            PollResponse(try await service.close(try pollID(context), as: context.principal))
        }
        group.post("polls/{id}/cancel") { _, context in
            PollResponse(try await service.cancel(try pollID(context), as: context.principal))
        }
        group.post("polls/{id}/votes") { request, context in
            let id = try pollID(context)
            let body = try await request.decodeJSON(PollVoteRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: PollResponse(
                    try await service.vote(
                        id, optionIDs: body.optionIds, rating: body.rating, text: body.text, as: context.principal)))
        }
        group.get("polls/{id}/results") { _, context in
            let (poll, results) = try await service.results(try pollID(context), as: context.principal)
            return PollResultsResponse(poll, results)
        }
    }

    private func addNoticeRoutes(to group: RouterGroup<AuthenticatedContext>) {
        let service = services.notices
        group.post("buildings/{id}/notices") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(NoticeRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: NoticeResponse(try await service.create(body.input, in: building, as: context.principal)))
        }
        group.get("buildings/{id}/notices") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            return ListResponse(
                try await service.list(
                    in: building, status: try request.enumQuery("status", as: Notice.Status.self)?.rawValue,
                    type: try request.enumQuery("type", as: Notice.Kind.self)?.rawValue,
                    category: try request.enumQuery("category", as: Notice.Category.self)?.rawValue,
                    pinned: try request.boolQuery("pinned"), page: try request.pageRequest(), as: context.principal),
                NoticeResponse.init)
        }
        group.get("notices/{id}") { _, context in
            NoticeResponse(try await service.notice(try noticeID(context), as: context.principal))
        }
        group.patch("notices/{id}") { request, context in
            let id = try noticeID(context)
            let body = try await request.decodeJSON(NoticeRequest.self, context: context)
            return NoticeResponse(try await service.update(id, body.input, as: context.principal))
        }
        group.delete("notices/{id}") { _, context in
            try await service.delete(try noticeID(context), as: context.principal)
            return HTTPResponse.Status.noContent
        }
        group.post("notices/{id}/publish") { _, context in
            NoticeResponse(try await service.publish(try noticeID(context), as: context.principal))
        }
        group.post("notices/{id}/expire") { _, context in
            NoticeResponse(try await service.expire(try noticeID(context), as: context.principal))
        }
        group.post("notices/{id}/archive") { _, context in
            NoticeResponse(try await service.archive(try noticeID(context), as: context.principal))
        }
        group.post("notices/{id}/pin") { _, context in
            NoticeResponse(try await service.pin(try noticeID(context), true, as: context.principal))
        }
        group.post("notices/{id}/unpin") { _, context in
            NoticeResponse(try await service.pin(try noticeID(context), false, as: context.principal))
        }
    }

    private func pollID(_ context: AuthenticatedContext) throws -> PollID {
        try context.parameters.id(as: PollID.self, entity: "poll")
    }

    private func noticeID(_ context: AuthenticatedContext) throws -> NoticeID {
        try context.parameters.id(as: NoticeID.self, entity: "notice")
    }
}
