public import Foundation

public typealias SkillID = Identifier<Skill>

/// What a resident offers to help their neighbours with, free or for a few credits an hour.
public struct Skill: Sendable, Equatable {
    public enum Category: String, Sendable, CaseIterable {
        case homeRepair = "home_repair"
        case languages, technology, education, arts, sports, cooking, gardening, health, legal, financial
        case petCare = "pet_care"
        case other
    }

    public enum Level: String, Sendable, CaseIterable, Comparable {
        case beginner, intermediate, advanced, expert

        /// 0 for beginner to 3 for expert: "this level or above" is a comparison of ranks.
        public var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }

    /// What the resident says of the skill, checked together.
    public struct Details: Sendable, Equatable {
        public let name: String
        public let description: String?
        public let category: Category
        public let level: Level
        public let yearsOfExperience: Int
        public let certifications: [String]
        /// Credits per hour, 0 to 100; 0 is free.
        public let hourlyRate: Int
        public let available: Bool
        /// When the resident is usually free ("weekends", "evenings after 18:00").
        public let availability: String?

        public static let maximumCertifications = 20

        public init(
            name: String, description: String?, category: Category, level: Level, yearsOfExperience: Int,
            certifications: [String], hourlyRate: Int, available: Bool, availability: String?
        ) throws {
            self.name = try Text.required(name, field: "name", minimum: 3, maximum: 100)
            self.description = try Text.optional(description, field: "description", maximum: 1000)
            self.category = category
            self.level = level
            guard (0...50).contains(yearsOfExperience) else {
                throw DomainError.invalidValue(field: "yearsOfExperience", reason: "must be from 0 to 50")
            }
            self.yearsOfExperience = yearsOfExperience
            guard certifications.count <= Self.maximumCertifications else {
                throw DomainError.invalidValue(
                    field: "certifications", reason: "at most \(Self.maximumCertifications)")
            }
            self.certifications = try certifications.map {
                try Text.required($0, field: "certifications", maximum: 200)
            }
            guard (0...100).contains(hourlyRate) else {
                throw DomainError.invalidValue(field: "hourlyRate", reason: "must be from 0 to 100 credits")
            }
            self.hourlyRate = hourlyRate
            self.available = available
            self.availability = try Text.optional(availability, field: "availability", maximum: 500)
        }
    }

    public let id: SkillID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    /// The resident who offers it: the only one who changes or removes it.
    public let userID: UserID
    public var details: Details
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: SkillID, organizationID: OrganizationID, buildingID: BuildingID, userID: UserID, details: Details,
        createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.userID = userID
        self.details = details
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// An expert, or certified.
    public var isProfessional: Bool { details.level == .expert || !details.certifications.isEmpty }

    public var isFree: Bool { details.hourlyRate == 0 }
}

public typealias SkillSessionID = Identifier<SkillSession>

/// Help given through a skill: so many hours at the skill's rate of the day it was recorded. One
/// side records it, the other confirms it; only then do the credits move, from the one helped to
/// the one who helped. Either side cancels it before.
public struct SkillSession: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case requested, completed, cancelled

        static let moves: [Status: Set<Status>] = [.requested: [.completed, .cancelled]]
    }

    public let id: SkillSessionID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let skillID: SkillID
    /// The skill's owner, who helped.
    public let providerID: UserID
    /// The resident who was helped, who pays.
    public let recipientID: UserID
    public let hours: Int
    /// Credits an hour when it was recorded.
    public let hourlyRate: Int
    /// Who recorded it: their confirmation is given.
    public let recordedBy: UserID
    public private(set) var status: Status
    public let createdAt: Date
    public private(set) var settledAt: Date?

    public static let hoursRange = 1...40

    public init(
        id: SkillSessionID, skill: Skill, recipientID: UserID, hours: Int, recordedBy: UserID, at now: Date
    ) throws {
        guard recipientID != skill.userID else {
            throw CommunityError.notYours("another resident than the skill's owner")
        }
        guard Self.hoursRange.contains(hours) else {
            throw DomainError.invalidValue(field: "hours", reason: "must be from 1 to 40")
        }
        self.init(
            id: id, organizationID: skill.organizationID, buildingID: skill.buildingID, skillID: skill.id,
            providerID: skill.userID, recipientID: recipientID, hours: hours, hourlyRate: skill.details.hourlyRate,
            recordedBy: recordedBy, status: .requested, createdAt: now, settledAt: nil)
    }

    public init(
        id: SkillSessionID, organizationID: OrganizationID, buildingID: BuildingID, skillID: SkillID,
        providerID: UserID, recipientID: UserID, hours: Int, hourlyRate: Int, recordedBy: UserID, status: Status,
        createdAt: Date, settledAt: Date?
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.skillID = skillID
        self.providerID = providerID
        self.recipientID = recipientID
        self.hours = hours
        self.hourlyRate = hourlyRate
        self.recordedBy = recordedBy
        self.status = status
        self.createdAt = createdAt
        self.settledAt = settledAt
    }

    /// What the one helped pays the one who helped.
    public var credits: Int { hours * hourlyRate }

    /// The side that has not recorded it yet: the one whose confirmation completes it.
    public var awaitedFrom: UserID { recordedBy == providerID ? recipientID : providerID }

    public func involves(_ user: UserID) -> Bool { user == providerID || user == recipientID }

    private mutating func move(to next: Status, at now: Date) throws {
        guard Status.moves[status]?.contains(next) == true else {
            throw DomainError.illegalTransition(entity: "skill_session", from: status.rawValue, to: next.rawValue)
        }
        status = next
        settledAt = now
    }

    /// The other side confirms: the session is completed (the caller moves the credits).
    public mutating func confirm(by user: UserID, at now: Date) throws {
        guard user == awaitedFrom else { throw CommunityError.notYours("the other side of the session") }
        try move(to: .completed, at: now)
    }

    /// Either side calls it off before it is confirmed.
    public mutating func cancel(by user: UserID, at now: Date) throws {
        guard involves(user) else { throw CommunityError.notYours("the two sides of the session") }
        try move(to: .cancelled, at: now)
    }

    /// The credit transfer of a completed session: nothing for a free skill.
    public func transfer(id: CreditTransferID, at now: Date) throws -> CreditTransfer? {
        guard status == .completed, credits > 0 else { return nil }
        return try CreditTransfer(
            id: id, organizationID: organizationID, buildingID: buildingID, kind: .skillSession,
            reference: self.id.rawValue,
            legs: [.init(.resident(recipientID), -credits), .init(.resident(providerID), credits)], at: now)
    }
}
