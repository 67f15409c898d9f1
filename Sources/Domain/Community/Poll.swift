public import Foundation

public typealias PollID = Identifier<Poll>
public typealias PollOptionID = Identifier<Poll.Option>
public typealias PollBallotID = Identifier<PollBallot>

/// An advisory consultation of a building's owners between two assemblies. It decides nothing
/// (only the assembly does): it tells the syndic and the board what the owners think.
public struct Poll: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case yesNo = "yes_no"
        case multipleChoice = "multiple_choice"
        /// A mark from 1 to 5.
        case rating
        /// A written answer.
        case openEnded = "open_ended"
    }

    public enum Status: String, Sendable, CaseIterable {
        case draft, active, closed, cancelled

        static let moves: [Status: Set<Status>] = [
            .draft: [.active, .cancelled],
            .active: [.closed, .cancelled],
        ]
    }

    public struct Option: Sendable, Equatable {
        public let id: PollOptionID
        public let label: String

        public init(id: PollOptionID, label: String) throws {
            self.id = id
            self.label = try Text.required(label, field: "options", maximum: 200)
        }
    }

    /// A rating is from 1 to 5.
    public static let ratings = 1...5
    public static let maximumOptions = 20

    public let id: PollID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    /// The member who made it: with the admins, the only one who publishes, closes or cancels it.
    public let createdBy: UserID
    public private(set) var title: String
    public private(set) var description: String?
    public let kind: Kind
    public let options: [Option]
    /// Several options may be chosen (multiple choice only).
    public let allowsMultiple: Bool
    /// Ballots are kept without the owner; who voted is kept apart, to refuse a second vote.
    public let anonymous: Bool
    public let endsAt: Date
    public private(set) var status: Status
    /// The owners of the building when it was published: the participation's denominator.
    public private(set) var eligibleVoters: Int
    public private(set) var publishedAt: Date?
    public private(set) var closedAt: Date?
    public let createdAt: Date

    /// A new poll, as its creator words it. A yes/no poll without options gets "Oui" and "Non".
    public init(
        id: PollID, organizationID: OrganizationID, buildingID: BuildingID, createdBy: UserID, title: String,
        description: String?, kind: Kind, options: [Option], allowsMultiple: Bool, anonymous: Bool, endsAt: Date,
        status: Status = .draft, eligibleVoters: Int = 0, publishedAt: Date? = nil, closedAt: Date? = nil,
        createdAt: Date
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.createdBy = createdBy
        self.title = try Text.required(title, field: "title", minimum: 3, maximum: 255)
        self.description = try Text.optional(description, field: "description", maximum: 5000)
        self.kind = kind
        switch kind {
        case .yesNo:
            guard options.count == 2 else {
                throw DomainError.invalidValue(field: "options", reason: "a yes/no poll has exactly 2 options")
            }
        case .multipleChoice:
            guard (2...Self.maximumOptions).contains(options.count) else {
                throw DomainError.invalidValue(
                    field: "options", reason: "a multiple-choice poll has 2 to \(Self.maximumOptions) options")
            }
        case .rating, .openEnded:
            guard options.isEmpty else {
                throw DomainError.invalidValue(
                    field: "options", reason: "a \(kind.rawValue) poll has no options")
            }
        }
        let labels = options.map { $0.label.lowercased() }
        guard Set(labels).count == labels.count else {
            throw DomainError.invalidValue(field: "options", reason: "must be different from each other")
        }
        guard !allowsMultiple || kind == .multipleChoice else {
            throw DomainError.invalidValue(
                field: "allowMultiple", reason: "is for multiple-choice polls only")
        }
        self.options = options
        self.allowsMultiple = allowsMultiple
        self.anonymous = anonymous
        guard endsAt > createdAt else {
            throw DomainError.invalidValue(field: "endsAt", reason: "must be in the future")
        }
        self.endsAt = endsAt
        self.status = status
        self.eligibleVoters = eligibleVoters
        self.publishedAt = publishedAt
        self.closedAt = closedAt
        self.createdAt = createdAt
    }

    private mutating func move(to next: Status) throws {
        guard Status.moves[status]?.contains(next) == true else {
            throw DomainError.illegalTransition(entity: "poll", from: status.rawValue, to: next.rawValue)
        }
        status = next
    }

    /// Opened to the building's owners of today, who are its voters until it closes.
    public mutating func publish(eligibleVoters: Int, at now: Date) throws {
        guard endsAt > now else {
            throw DomainError.invalidValue(field: "endsAt", reason: "has passed: the poll would end before it opens")
        }
        guard eligibleVoters > 0 else { throw CommunityError.noEligibleVoters }
        try move(to: .active)
        self.eligibleVoters = eligibleVoters
        publishedAt = now
    }

    public mutating func close(at now: Date) throws {
        try move(to: .closed)
        closedAt = now
    }

    public mutating func cancel(at now: Date) throws {
        try move(to: .cancelled)
        closedAt = now
    }

    /// Open to votes at that moment.
    public func isOpen(at now: Date) -> Bool { status == .active && now < endsAt }
}

/// One owner's answer to a poll. An anonymous poll's ballot does not name the owner.
public struct PollBallot: Sendable, Equatable {
    public enum Answer: Sendable, Equatable {
        case options([PollOptionID])
        case rating(Int)
        case text(String)
    }

    public let id: PollBallotID
    public let pollID: PollID
    public let ownerID: OwnerID?
    public let answer: Answer
    public let castAt: Date

    public init(id: PollBallotID, pollID: PollID, ownerID: OwnerID?, answer: Answer, castAt: Date) {
        self.id = id
        self.pollID = pollID
        self.ownerID = ownerID
        self.answer = answer
        self.castAt = castAt
    }

    /// An answer as a client sends it, checked against the poll: options of this poll (one unless
    /// several are allowed), a rating from 1 to 5, or a text of at most 2,000 characters.
    public static func answer(to poll: Poll, options: [UUID]?, rating: Int?, text: String?) throws -> Answer {
        switch poll.kind {
        case .yesNo, .multipleChoice:
            let chosen = options ?? []
            guard !chosen.isEmpty else {
                throw DomainError.invalidValue(field: "optionIds", reason: "choose an option of the poll")
            }
            guard Set(chosen).count == chosen.count else {
                throw DomainError.invalidValue(field: "optionIds", reason: "names an option twice")
            }
            guard chosen.count == 1 || poll.allowsMultiple else {
                throw DomainError.invalidValue(field: "optionIds", reason: "this poll takes one option only")
            }
            let known = Set(poll.options.map(\.id.rawValue))
            guard chosen.allSatisfy(known.contains) else {
                throw DomainError.invalidValue(field: "optionIds", reason: "names an option that is not this poll's")
            }
            return .options(chosen.map(PollOptionID.init))
        case .rating:
            guard let rating, Poll.ratings.contains(rating) else {
                throw DomainError.invalidValue(field: "rating", reason: "must be from 1 to 5")
            }
            return .rating(rating)
        case .openEnded:
            return .text(try Text.required(text ?? "", field: "text", maximum: 2000))
        }
    }
}

/// What a poll's ballots say: the participation, each option's count and share, and the winner.
/// A tie for the first place has no winner: the tied options are named instead.
public struct PollResults: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        /// An option's id, or the rating ("1" to "5").
        public let key: String
        public let label: String
        public let votes: Int
        /// Of the ballots cast, in percent with two decimals.
        public let percent: Double
    }

    public let eligibleVoters: Int
    public let ballots: Int
    /// Of the eligible voters, in percent with two decimals.
    public let participation: Double
    public let counts: [Count]
    /// A rating poll's mean mark, two decimals.
    public let averageRating: Double?
    /// An open-ended poll's answers, oldest first.
    public let answers: [String]
    public let winner: Count?
    /// The options sharing the first place when there is a tie (empty otherwise).
    public let tiedFor: [Count]

    public var isTie: Bool { !tiedFor.isEmpty }

    static func percent(_ part: Int, of whole: Int) -> Double {
        guard whole > 0 else { return 0 }
        return (Double(part) * 10_000 / Double(whole)).rounded() / 100
    }

    public init(poll: Poll, ballots: [PollBallot]) {
        eligibleVoters = poll.eligibleVoters
        self.ballots = ballots.count
        participation = Self.percent(ballots.count, of: poll.eligibleVoters)
        var counts: [Count] = []
        var average: Double?
        var answers: [String] = []
        switch poll.kind {
        case .yesNo, .multipleChoice:
            for option in poll.options {
                let votes = ballots.filter {
                    if case .options(let chosen) = $0.answer { return chosen.contains(option.id) }
                    return false
                }.count
                counts.append(
                    Count(
                        key: option.id.description, label: option.label, votes: votes,
                        percent: Self.percent(votes, of: ballots.count)))
            }
        case .rating:
            var marks: [Int] = []
            for ballot in ballots { if case .rating(let mark) = ballot.answer { marks.append(mark) } }
            for mark in Poll.ratings {
                let votes = marks.filter { $0 == mark }.count
                counts.append(
                    Count(key: "\(mark)", label: "\(mark)", votes: votes, percent: Self.percent(votes, of: marks.count))
                )
            }
            if !marks.isEmpty {
                average = (Double(marks.reduce(0, +)) * 100 / Double(marks.count)).rounded() / 100
            }
        case .openEnded:
            for ballot in ballots.sorted(by: { $0.castAt < $1.castAt }) {
                if case .text(let text) = ballot.answer { answers.append(text) }
            }
        }
        self.counts = counts
        averageRating = average
        self.answers = answers
        let most = counts.map(\.votes).max() ?? 0
        let first = most > 0 ? counts.filter { $0.votes == most } : []
        winner = first.count == 1 ? first[0] : nil
        tiedFor = first.count > 1 ? first : []
    }
}

/// Figures of a building's polls.
public struct PollStatistics: Sendable, Equatable {
    public let total: Int
    public let drafts: Int
    public let active: Int
    public let closed: Int
    public let cancelled: Int
    /// The mean participation of the closed polls, in percent with two decimals (nil without one).
    public let averageParticipation: Double?

    /// `closed` gives each closed poll's ballots and eligible voters.
    public init(statuses: [Poll.Status], closed: [(ballots: Int, eligible: Int)]) {
        total = statuses.count
        drafts = statuses.filter { $0 == .draft }.count
        active = statuses.filter { $0 == .active }.count
        self.closed = statuses.filter { $0 == .closed }.count
        cancelled = statuses.filter { $0 == .cancelled }.count
        // Averaged unrounded, then rounded once.
        let rates = closed.map { $0.eligible > 0 ? Double($0.ballots) / Double($0.eligible) : 0 }
        averageParticipation =
            rates.isEmpty ? nil : (rates.reduce(0, +) * 10_000 / Double(rates.count)).rounded() / 100
    }
}
