public import Domain
import Foundation

/// A skill as a resident sends it; on an update, only the fields sent change.
public struct SkillInput: Sendable {
    public var name: String?
    public var description: String?
    public var category: String?
    public var level: String?
    public var yearsOfExperience: Int?
    public var certifications: [String]?
    public var hourlyRate: Int?
    public var available: Bool?
    public var availability: String?

    public init(
        name: String? = nil, description: String? = nil, category: String? = nil, level: String? = nil,
        yearsOfExperience: Int? = nil, certifications: [String]? = nil, hourlyRate: Int? = nil,
        available: Bool? = nil, availability: String? = nil
    ) {
        self.name = name
        self.description = description
        self.category = category
        self.level = level
        self.yearsOfExperience = yearsOfExperience
        self.certifications = certifications
        self.hourlyRate = hourlyRate
        self.available = available
        self.availability = availability
    }
}

/// The building's skills directory: what residents offer to help with, free or for credits.
/// Any resident (or the syndic) reads it; a skill is its owner's to change or remove.
public struct SkillService: Sendable, UseCaseSupport, CommunityUseCase {
    let context: CommunityContext

    private func details(_ input: SkillInput, over current: Skill.Details?) throws -> Skill.Details {
        try Skill.Details(
            name: input.name ?? current?.name ?? "", description: input.description ?? current?.description,
            category: try Self.parse(input.category, Skill.Category.self, field: "category") ?? current?.category
                ?? Self.parseRequired(nil, Skill.Category.self, field: "category"),
            level: try Self.parse(input.level, Skill.Level.self, field: "level") ?? current?.level ?? .intermediate,
            yearsOfExperience: input.yearsOfExperience ?? current?.yearsOfExperience ?? 0,
            certifications: input.certifications ?? current?.certifications ?? [],
            hourlyRate: input.hourlyRate ?? current?.hourlyRate ?? 0,
            available: input.available ?? current?.available ?? true,
            availability: input.availability ?? current?.availability)
    }

    func visibleSkill(
        _ id: SkillID, _ principal: Principal,
        _ repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesSkills
    ) async throws
        -> Skill
    {
        try AccessPolicy.require(.useCommunity, by: principal)
        let skill = try TenantScope.visible(
            try await repos.skills.find(id), in: \.organizationID, principal, entity: "skill", id: id.description)
        _ = try await residents.resident(of: skill.buildingID, principal, repos)
        return skill
    }

    private func ownSkill(
        _ id: SkillID, _ principal: Principal,
        _ repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesSkills
    ) async throws -> Skill {
        let skill = try await visibleSkill(id, principal, repos)
        guard skill.userID == principal.userID else { throw CommunityError.notYours("the skill's owner") }
        return skill
    }

    /// The caller offers a skill to the building's residents.
    public func create(_ input: SkillInput, in buildingID: BuildingID, as principal: Principal) async throws -> Skill {
        try await persistence.write {
            (repos: any UsesAudit & UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesSkills) in
            _ = try await residents.resident(of: buildingID, principal, repos)
            let skill = Skill(
                id: SkillID(ids.make()), organizationID: principal.organizationID, buildingID: buildingID,
                userID: principal.userID, details: try details(input, over: nil), createdAt: clock.now())
            try await repos.skills.insert(skill)
            try await audit("skill.created", skill, principal, repos)
            return skill
        }
    }

    public func skill(_ id: SkillID, as principal: Principal) async throws -> Skill {
        try await persistence.read {
            (repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesSkills) in
            try await visibleSkill(id, principal, repos)
        }
    }

    /// The building's skills by name; `level` keeps that level and above.
    public func list(
        in buildingID: BuildingID, category: String?, level: String?, free: Bool?, available: Bool?,
        page: PageRequest, as principal: Principal
    ) async throws -> Page<Skill> {
        try await persistence.read {
            (repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesSkills) in
            _ = try await residents.resident(of: buildingID, principal, repos)
            let filter = SkillFilter(
                category: try Self.parse(category, Skill.Category.self, field: "category"),
                level: try Self.parse(level, Skill.Level.self, field: "level"), free: free, available: available)
            return try await repos.skills.list(in: buildingID, filter: filter, page: page)
        }
    }

    public func update(_ id: SkillID, _ input: SkillInput, as principal: Principal) async throws -> Skill {
        try await persistence.write {
            (repos: any UsesAudit & UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesSkills) in
            var skill = try await ownSkill(id, principal, repos)
            skill.details = try details(input, over: skill.details)
            skill.updatedAt = clock.now()
            try await repos.skills.update(skill)
            try await audit("skill.updated", skill, principal, repos)
            return skill
        }
    }

    public func delete(_ id: SkillID, as principal: Principal) async throws {
        try await persistence.write {
            (repos: any UsesAudit & UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesSkills) in
            let skill = try await ownSkill(id, principal, repos)
            try await repos.skills.delete(skill.id)
            try await audit("skill.deleted", skill, principal, repos)
        }
    }

    private func audit(_ action: String, _ skill: Skill, _ principal: Principal, _ repos: any UsesAudit)
        async throws
    {
        try await trail.record(
            action, entity: "skill", id: skill.id.description, payload: ["building": skill.buildingID.description],
            by: principal, organization: skill.organizationID, repos)
    }
}
