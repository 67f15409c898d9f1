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
                throw DomainError.invalidValue(field: "years_of_experience", reason: "must be from 0 to 50")
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
                throw DomainError.invalidValue(field: "hourly_rate", reason: "must be from 0 to 100 credits")
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
