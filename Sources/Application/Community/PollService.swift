public import Domain
public import Foundation

/// A poll as its creator sends it.
public struct PollInput: Sendable {
    public var title: String?
    public var description: String?
    public var kind: String?
    public var options: [String]?
    public var allowMultiple: Bool?
    public var anonymous: Bool?
    public var endsAt: Date?

    public init(
        title: String? = nil, description: String? = nil, kind: String? = nil, options: [String]? = nil,
        allowMultiple: Bool? = nil, anonymous: Bool? = nil, endsAt: Date? = nil
    ) {
        self.title = title
        self.description = description
        self.kind = kind
        self.options = options
        self.allowMultiple = allowMultiple
        self.anonymous = anonymous
        self.endsAt = endsAt
    }
}

/// A poll with what the caller may know of it.
public struct PollView: Sendable {
    public let poll: Poll
    public let ballots: Int
    /// Whether the caller (an owner) has voted; nil for a manager without owner record.
    public let hasVoted: Bool?
}

/// Polls between assemblies: advisory consultations of a building's owners. Made by the syndic,
/// an admin or a board member; published to the owners of the day (frozen as its voters);
/// answered once per owner; closed by their creator, an admin, or the job when they end.
public struct PollService: Sendable, UseCaseSupport, CommunityUseCase {
    public static let closeJob = "community-polls"

    public static let notificationTypes = [
        NotificationType("community.poll_published", "a poll is open to the building's owners")
    ]

    let context: CommunityContext

    /// The building and the caller's place in it; occupants are refused: polls are the owners'.
    private func ownerOrManager(
        _ buildingID: BuildingID, _ principal: Principal,
        _ repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships
    )
        async throws -> (Building, Resident)
    {
        let (building, resident) = try await residents.resident(of: buildingID, principal, repos)
        if resident == .occupant { throw CommunityError.ownersOnly }
        return (building, resident)
    }

    /// A poll the caller may read: a manager's or creator's any, an owner's once published.
    private func visiblePoll(
        _ id: PollID, _ principal: Principal,
        _ repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesPolls
    ) async throws
        -> (Poll, Building, Resident)
    {
        try AccessPolicy.require(.useCommunity, by: principal)
        let poll = try TenantScope.visible(
            try await repos.polls.find(id), in: \.organizationID, principal, entity: "poll", id: id.description)
        let (building, resident) = try await ownerOrManager(poll.buildingID, principal, repos)
        if poll.status == .draft, !resident.isManager, poll.createdBy != principal.userID {
            throw ApplicationError.notFound(entity: "poll", id: id.description)
        }
        return (poll, building, resident)
    }

    /// Only its creator or an admin publishes, closes or cancels a poll.
    private func managedPoll(
        _ id: PollID, _ principal: Principal,
        _ repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesPolls
    ) async throws -> Poll {
        try AccessPolicy.require(.createPolls, by: principal)
        let (poll, _, _) = try await visiblePoll(id, principal, repos)
        guard poll.createdBy == principal.userID || !principal.roles.isDisjoint(with: [.admin, .superadmin]) else {
            throw CommunityError.notYours("the poll's creator or an admin")
        }
        return poll
    }

    private func view(_ poll: Poll, _ resident: Resident, _ repos: any UsesPolls) async throws -> PollView {
        try await views([poll], resident, repos)[0]
    }

    /// The polls with their ballots counted and whether the caller voted: two statements, however many polls.
    private func views(_ polls: [Poll], _ resident: Resident, _ repos: any UsesPolls) async throws -> [PollView] {
        let ids = polls.map(\.id)
        let counts = try await repos.polls.ballotCounts(of: ids)
        let owners = resident.ownerIDs
        let voted = try await repos.polls.voted(in: ids, among: owners)
        return polls.map {
            PollView(poll: $0, ballots: counts[$0.id] ?? 0, hasVoted: owners.isEmpty ? nil : voted.contains($0.id))
        }
    }

    public func create(_ input: PollInput, in buildingID: BuildingID, as principal: Principal) async throws
        -> PollView
    {
        try AccessPolicy.require(.createPolls, by: principal)
        return try await persistence.write {
            (repos: any UsesAudit & UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesPolls) in
            let (_, resident) = try await ownerOrManager(buildingID, principal, repos)
            let kind = try Self.parseRequired(input.kind, Poll.Kind.self, field: "type")
            guard let endsAt = input.endsAt else {
                throw DomainError.invalidValue(field: "endsAt", reason: "is required")
            }
            var labels = input.options ?? []
            if kind == .yesNo && labels.isEmpty { labels = ["Oui", "Non"] }
            guard labels.count <= Poll.maximumOptions else {
                throw DomainError.invalidValue(field: "options", reason: "at most \(Poll.maximumOptions)")
            }
            let poll = try Poll(
                id: PollID(ids.make()), organizationID: principal.organizationID, buildingID: buildingID,
                createdBy: principal.userID, title: input.title ?? "", description: input.description, kind: kind,
                options: try labels.map { try Poll.Option(id: PollOptionID(ids.make()), label: $0) },
                allowsMultiple: input.allowMultiple ?? false, anonymous: input.anonymous ?? false, endsAt: endsAt,
                createdAt: clock.now())
            try await repos.polls.insert(poll)
            try await audit("poll.created", poll, principal, repos)
            return try await view(poll, resident, repos)
        }
    }

    public func poll(_ id: PollID, as principal: Principal) async throws -> PollView {
        try await persistence.read {
            (repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesPolls) in
            let (poll, _, resident) = try await visiblePoll(id, principal, repos)
            return try await view(poll, resident, repos)
        }
    }

    /// The building's polls, newest first; drafts are their creator's and the managers'.
    public func list(in buildingID: BuildingID, status: String?, page: PageRequest, as principal: Principal)
        async throws -> Page<PollView>
    {
        try await persistence.read {
            (repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesPolls) in
            let (_, resident) = try await ownerOrManager(buildingID, principal, repos)
            let filter = PollFilter(
                status: try Self.parse(status, Poll.Status.self, field: "status"),
                includeDraftsOf: principal.userID, allDrafts: resident.isManager)
            let polls = try await repos.polls.list(in: buildingID, filter: filter, page: page)
            return Page(
                items: try await views(polls.items, resident, repos), request: page, totalItems: polls.totalItems)
        }
    }

    /// Opens the poll; the building's owners of today become its voters, and are told.
    public func publish(_ id: PollID, as principal: Principal) async throws -> PollView {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesNotifications & UsesOccupancies & UsesOwners & UsesOwnerships
                    & UsesPolls
            ) in
            var poll = try await managedPoll(id, principal, repos)
            let building = try await TenantScope.building(poll.buildingID, principal, repos)
            let owners = try await residents.currentOwners(of: building, on: residents.today(in: building), repos)
                .sorted { $0.description < $1.description }
            try poll.publish(eligibleVoters: owners.count, at: clock.now())
            try await repos.polls.update(poll)
            try await repos.polls.addVoters(owners, to: poll)
            try await audit("poll.published", poll, principal, repos, ["voters": "\(owners.count)"])
            var users = try await residents.ownerUsers(of: building, repos)
            users.remove(principal.userID)
            try await trail.notify(
                users, in: poll.organizationID, kind: "community.poll_published", title: "Sondage : \(poll.title)",
                body: "Un sondage est ouvert aux propriétaires de \(building.name) jusqu'au "
                    + "\(CalendarDate(dayOf: poll.endsAt, in: building.zone)).",
                entity: "poll", id: poll.id.description, repos)
            return try await view(poll, .manager, repos)
        }
    }

    public func close(_ id: PollID, as principal: Principal) async throws -> PollView {
        try await persistence.write {
            (repos: any UsesAudit & UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesPolls) in
            var poll = try await managedPoll(id, principal, repos)
            try poll.close(at: clock.now())
            try await repos.polls.update(poll)
            try await audit("poll.closed", poll, principal, repos)
            return try await view(poll, .manager, repos)
        }
    }

    public func cancel(_ id: PollID, as principal: Principal) async throws -> PollView {
        try await persistence.write {
            (repos: any UsesAudit & UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesPolls) in
            var poll = try await managedPoll(id, principal, repos)
            try poll.cancel(at: clock.now())
            try await repos.polls.update(poll)
            try await audit("poll.cancelled", poll, principal, repos)
            return try await view(poll, .manager, repos)
        }
    }

    /// The caller's answer, as one of the poll's voters: once (409 after), while it is open. An
    /// anonymous poll's ballot does not name them; who voted is kept apart.
    public func vote(
        _ id: PollID, optionIDs: [UUID]?, rating: Int?, text: String?, as principal: Principal
    ) async throws -> PollView {
        try AccessPolicy.require(.castVote, by: principal)
        return try await persistence.write {
            (repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesPolls) in
            let (poll, _, resident) = try await visiblePoll(id, principal, repos)
            let now = clock.now()
            guard poll.isOpen(at: now) else { throw CommunityError.pollNotOpen }
            let voters = try await repos.polls.voters(of: poll.id, among: resident.ownerIDs)
            guard !voters.isEmpty else { throw CommunityError.notEligible }
            guard let voter = voters.first(where: { $0.votedAt == nil })?.owner else {
                throw CommunityError.alreadyVoted
            }
            let answer = try PollBallot.answer(to: poll, options: optionIDs, rating: rating, text: text)
            guard try await repos.polls.markVoted(voter, in: poll.id, at: now) else {
                throw CommunityError.alreadyVoted
            }
            try await repos.polls.insertBallot(
                PollBallot(
                    id: PollBallotID(ids.make()), pollID: poll.id, ownerID: poll.anonymous ? nil : voter,
                    answer: answer,
                    castAt: now),
                organization: poll.organizationID)
            return try await view(poll, resident, repos)
        }
    }

    public func results(_ id: PollID, as principal: Principal) async throws -> (Poll, PollResults) {
        try await persistence.read {
            (repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesPolls) in
            let (poll, _, _) = try await visiblePoll(id, principal, repos)
            return (poll, PollResults(poll: poll, ballots: try await repos.polls.ballots(of: poll.id)))
        }
    }

    public func statistics(of buildingID: BuildingID, as principal: Principal) async throws -> PollStatistics {
        try await persistence.read {
            (repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesPolls) in
            _ = try await ownerOrManager(buildingID, principal, repos)
            let summaries = try await repos.polls.summaries(in: buildingID)
            return PollStatistics(
                statuses: summaries.map(\.status),
                closed: summaries.filter { $0.status == .closed }.map { ($0.ballots, $0.eligible) })
        }
    }

    /// Closes every active poll whose end has come.
    public func runCloseJob() async throws -> JobReport {
        let now = clock.now()
        let closed = try await persistence.write { (repos: any UsesAudit & UsesPolls) in
            var count = 0
            for var poll in try await repos.polls.ended(at: now) {
                try poll.close(at: now)
                try await repos.polls.update(poll)
                try await trail.record(
                    "poll.closed", entity: "poll", id: poll.id.description,
                    payload: ["building": poll.buildingID.description, "by": "job"], by: nil,
                    organization: poll.organizationID, repos)
                count += 1
            }
            return count
        }
        return JobReport(job: Self.closeJob, ran: true, created: closed, skipped: 0, notified: 0)
    }

    private func audit(
        _ action: String, _ poll: Poll, _ principal: Principal, _ repos: any UsesAudit,
        _ payload: [String: String] = [:]
    ) async throws {
        try await trail.record(
            action, entity: "poll", id: poll.id.description,
            payload: payload.merging(["building": poll.buildingID.description]) { $1 }, by: principal,
            organization: poll.organizationID, repos)
    }
}
