public import Domain
public import Foundation

public protocol SkillSessionRepository: Sendable {
    func insert(_ session: SkillSession) async throws
    func find(_ id: SkillSessionID) async throws -> SkillSession?
    /// Stores the status and when it was settled.
    func update(_ session: SkillSession) async throws
    /// The skill's sessions, the newest first; only those `involving` takes part in, if given.
    func list(of skill: SkillID, involving: UserID?) async throws -> [SkillSession]
}

/// Help given through a skill, paid in the building's credits: one side records the hours, the
/// other confirms, and only then do the credits (hours × the skill's rate of the day) move from
/// the one helped to the one who helped, never below the building's trust limit.
extension SkillService {
    public static let notificationTypes = [
        NotificationType("community.skill_session", "a neighbour recorded help through a skill: confirm it")
    ]

    /// The caller records hours of help through the skill: its owner names who was helped
    /// (`recipient`); anyone else was helped by its owner.
    public func recordSession(_ skillID: SkillID, hours: Int, recipient: UUID?, as principal: Principal)
        async throws -> SkillSession
    {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesCommunitySettings & UsesCredits & UsesNotifications
                    & UsesOccupancies & UsesOwners & UsesOwnerships & UsesSkillSessions & UsesSkills
            ) in
            let skill = try await visibleSkill(skillID, principal, repos)
            let helped: UserID
            if skill.userID == principal.userID {
                guard let recipient else {
                    throw DomainError.invalidValue(field: "recipientId", reason: "names who was helped")
                }
                helped = UserID(recipient)
                try await requireResident(helped, of: skill, repos)
            } else {
                helped = principal.userID
            }
            let session = try SkillSession(
                id: SkillSessionID(ids.make()), skill: skill, recipientID: helped, hours: hours,
                recordedBy: principal.userID, at: clock.now())
            try await requireCredit(for: session, repos)
            try await repos.skillSessions.insert(session)
            try await audit("skill_session.recorded", session, principal, repos)
            _ = try await trail.notify(
                [session.awaitedFrom], in: session.organizationID, kind: "community.skill_session",
                title: "À confirmer : \(skill.details.name)",
                body: "\(session.hours) h pour \(session.credits) crédits, à confirmer de votre côté.",
                entity: "skill_session", id: session.id.description, repos)
            return session
        }
    }

    /// The other side confirms: the session is completed and the credits move, in one transaction.
    public func confirmSession(_ id: SkillSessionID, as principal: Principal) async throws -> SkillSession {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesCommunitySettings & UsesCredits & UsesOccupancies
                    & UsesOwners & UsesOwnerships & UsesSkillSessions
            ) in
            var session = try await visibleSession(id, principal, repos)
            let now = clock.now()
            try session.confirm(by: principal.userID, at: now)
            try await requireCredit(for: session, repos)
            try await repos.skillSessions.update(session)
            if let transfer = try session.transfer(id: CreditTransferID(ids.make()), at: now) {
                try await repos.credits.record(transfer)
            }
            try await audit("skill_session.confirmed", session, principal, repos)
            return session
        }
    }

    /// Either side calls it off before it is confirmed.
    public func cancelSession(_ id: SkillSessionID, as principal: Principal) async throws -> SkillSession {
        try await persistence.write {
            (repos: any UsesAudit & UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesSkillSessions)
            in
            var session = try await visibleSession(id, principal, repos)
            try session.cancel(by: principal.userID, at: clock.now())
            try await repos.skillSessions.update(session)
            try await audit("skill_session.cancelled", session, principal, repos)
            return session
        }
    }

    public func session(_ id: SkillSessionID, as principal: Principal) async throws -> SkillSession {
        try await persistence.read {
            (repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesSkillSessions) in
            try await visibleSession(id, principal, repos)
        }
    }

    /// The skill's sessions: all of them to its owner and the building's managers, one's own to others.
    public func sessions(of skillID: SkillID, as principal: Principal) async throws -> [SkillSession] {
        try await persistence.read {
            (repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesSkillSessions & UsesSkills)
            in
            let skill = try await visibleSkill(skillID, principal, repos)
            let seesAll = skill.userID == principal.userID || AccessPolicy.allows(principal, .manageCommunity)
            return try await repos.skillSessions.list(of: skill.id, involving: seesAll ? nil : principal.userID)
        }
    }

    /// A session, to its two sides and the building's managers.
    private func visibleSession(
        _ id: SkillSessionID, _ principal: Principal,
        _ repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesSkillSessions
    )
        async throws -> SkillSession
    {
        try AccessPolicy.require(.useCommunity, by: principal)
        let session = try TenantScope.visible(
            try await repos.skillSessions.find(id), in: \.organizationID, principal, entity: "skill_session",
            id: id.description)
        let (_, resident) = try await residents.resident(of: session.buildingID, principal, repos)
        guard session.involves(principal.userID) || resident.isManager else {
            throw ApplicationError.notFound(entity: "skill_session", id: id.description)
        }
        return session
    }

    /// The one helped must own or occupy a lot of the skill's building today (the syndic, acting
    /// by role, has no account in the building's credits).
    private func requireResident(
        _ user: UserID, of skill: Skill, _ repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships
    ) async throws {
        guard let building = try await repos.buildings.find(skill.buildingID) else {
            throw ApplicationError.notFound(entity: "building", id: skill.buildingID.description)
        }
        let today = residents.today(in: building)
        let owns = try await !residents.owners(of: user, in: building, on: today, repos).isEmpty
        let occupies = try await repos.occupancies.open(of: user, in: building.id).contains { $0.isActive(on: today) }
        guard owns || occupies else {
            throw DomainError.invalidValue(field: "recipientId", reason: "is not a resident of this building")
        }
    }

    /// The credits may not take the one helped below the building's trust limit.
    private func requireCredit(for session: SkillSession, _ repos: any UsesCommunitySettings & UsesCredits) async throws
    {
        guard session.credits > 0 else { return }
        let settings = try await repos.communitySettings.settings(of: session.buildingID) ?? .standard
        let balance = try await repos.credits.balance(of: .resident(session.recipientID), in: session.buildingID)
        guard balance - session.credits >= settings.trustLimit else {
            throw CommunityError.insufficientCredit(
                balance: balance, needed: session.credits, limit: settings.trustLimit)
        }
    }

    private func audit(
        _ action: String, _ session: SkillSession, _ principal: Principal, _ repos: any UsesAudit
    ) async throws {
        try await trail.record(
            action, entity: "skill_session", id: session.id.description,
            payload: [
                "skill": session.skillID.description, "hours": "\(session.hours)", "credits": "\(session.credits)",
            ], by: principal, organization: session.organizationID, repos)
    }
}
