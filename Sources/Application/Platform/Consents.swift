public import Domain
public import Foundation

public protocol ConsentRepository: Sendable {
    func insert(_ consent: Consent) async throws
    func find(_ id: ConsentID) async throws -> Consent?
    /// Newest first.
    func list(of subject: Consent.Subject) async throws -> [Consent]
    /// Dates the withdrawal if the consent is still given; false when it was withdrawn already.
    func withdraw(_ id: ConsentID, at: Date) async throws -> Bool
}

/// Consent records: a member's own (in their organization), and those the organization's staff
/// record for a person without an account (an owner).
public struct ConsentService: Sendable {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail

    public init(persistence: any Persistence, clock: any WallClock, ids: any IDGenerator) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.trail = AuditTrail(clock: clock, ids: ids)
    }

    /// The caller's consents, in every organization.
    public func mine(as principal: Principal) async throws -> [Consent] {
        try await persistence.read { (repos: any UsesConsents) in
            try await repos.consents.list(of: .user(principal.userID))
        }
    }

    /// The caller consents, in their organization.
    public func give(purpose: String, textVersion: String, as principal: Principal) async throws -> Consent {
        let consent = try Consent(
            id: ConsentID(ids.make()), organizationID: principal.organizationID, subject: .user(principal.userID),
            purpose: purpose, textVersion: textVersion, givenAt: clock.now(), recordedBy: principal.userID)
        try await persistence.write { (repos: any UsesAudit & UsesConsents) in
            try await repos.consents.insert(consent)
            try await record("consent.given", consent, principal, repos)
        }
        return consent
    }

    /// The caller withdraws one of their consents; another person's is not found.
    public func withdrawMine(_ id: ConsentID, as principal: Principal) async throws -> Consent {
        try await withdraw(id, principal) { $0.subject == .user(principal.userID) }
    }

    /// The consents recorded for an owner of the caller's organization.
    public func ownerConsents(_ owner: OwnerID, as principal: Principal) async throws -> [Consent] {
        try AccessPolicy.require(.readCoOwnership, by: principal)
        let consents = try await persistence.read { (repos: any UsesConsents & UsesOwners) in
            _ = try await TenantScope.owner(owner, principal, repos)
            return try await repos.consents.list(of: .owner(owner))
        }
        try await PersonalDataReadLog(persistence: persistence, clock: clock, ids: ids)
            .record(.owner(owner), purpose: "owner consents", in: principal.organizationID, by: principal)
        return consents
    }

    /// The syndic records an owner's consent (given on paper, at an assembly…), at `givenAt` or now.
    public func recordOwnerConsent(
        _ owner: OwnerID, purpose: String, textVersion: String, givenAt: Date?, as principal: Principal
    ) async throws -> Consent {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        let now = clock.now()
        if let givenAt, givenAt > now {
            throw DomainError.invalidValue(field: "givenAt", reason: "must not be in the future")
        }
        let consent = try Consent(
            id: ConsentID(ids.make()), organizationID: principal.organizationID, subject: .owner(owner),
            purpose: purpose, textVersion: textVersion, givenAt: givenAt ?? now, recordedBy: principal.userID)
        try await persistence.write { (repos: any UsesAudit & UsesConsents & UsesOwners) in
            _ = try await TenantScope.owner(owner, principal, repos)
            try await repos.consents.insert(consent)
            try await record("consent.given", consent, principal, repos)
        }
        return consent
    }

    /// The syndic records an owner's withdrawal.
    public func withdrawOwnerConsent(_ owner: OwnerID, _ id: ConsentID, as principal: Principal) async throws -> Consent
    {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        return try await withdraw(id, principal) {
            $0.subject == .owner(owner) && $0.organizationID == principal.organizationID
        }
    }

    private func withdraw(_ id: ConsentID, _ principal: Principal, belongs: @Sendable (Consent) -> Bool)
        async throws -> Consent
    {
        let now = clock.now()
        return try await persistence.write { (repos: any UsesAudit & UsesConsents) -> Consent in
            guard var consent = try await repos.consents.find(id), belongs(consent) else {
                throw ApplicationError.notFound(entity: "consent", id: id.description)
            }
            guard try await repos.consents.withdraw(id, at: now) else {
                throw DomainError.illegalTransition(entity: "consent", from: "withdrawn", to: "withdrawn")
            }
            consent = try Consent(
                id: consent.id, organizationID: consent.organizationID, subject: consent.subject,
                purpose: consent.purpose, textVersion: consent.textVersion, givenAt: consent.givenAt,
                withdrawnAt: now, recordedBy: consent.recordedBy)
            try await record("consent.withdrawn", consent, principal, repos)
            return consent
        }
    }

    private func record(_ action: String, _ consent: Consent, _ principal: Principal, _ repos: any UsesAudit)
        async throws
    {
        try await trail.record(
            action, entity: "consent", id: consent.id.description,
            payload: ["purpose": consent.purpose, "textVersion": consent.textVersion], by: principal,
            organization: consent.organizationID, repos)
    }
}
