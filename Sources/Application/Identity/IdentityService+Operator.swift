public import Domain

/// Operator commands, run by whoever holds the database URL (the `gestio` CLI).
/// They skip the per-member access policy, since the operator already has the whole database.
extension IdentityService {
    public func createOrganization(name rawName: String) async throws -> Organization {
        let organization = Organization(
            id: OrganizationID(ids.make()), name: try Organization.validatedName(rawName, field: "name"),
            createdAt: clock.now())
        try await persistence.write { (repos: any UsesOrganizations) in
            try await repos.organizations.insert(organization)
        }
        return organization
    }

    /// Creates a user who is a member of an existing organization with the given roles.
    public func createUser(
        email rawEmail: String, name rawName: String, password: String, organization: OrganizationID,
        roles rawRoles: [String]
    ) async throws -> Member {
        let email = try Email(rawEmail)
        let name = try User.validatedName(rawName)
        try PasswordPolicy.validate(password)
        let roles = try Set(rawRoles.map { try Role(parsing: $0, field: "roles") })
        let now = clock.now()
        let user = User(
            id: UserID(ids.make()), email: email, name: name, passwordHash: try await hasher.hash(password),
            isActive: true, createdAt: now)
        let membership = try Membership(userID: user.id, organizationID: organization, roles: roles, createdAt: now)
        return try await persistence.write { (repos: any UsesMemberships & UsesOrganizations & UsesUsers) in
            guard try await repos.organizations.find(organization) != nil else {
                throw ApplicationError.notFound(entity: "organization", id: organization.description)
            }
            if try await repos.users.find(email: email) != nil { throw ApplicationError.emailAlreadyRegistered(email) }
            try await repos.users.insert(user)
            try await repos.memberships.insert(membership)
            return Member(user: user, organizationID: organization, roles: roles)
        }
    }

    public func listMembers(of organization: OrganizationID, page: PageRequest) async throws -> Page<Member> {
        try await persistence.read { (repos: any UsesMemberships & UsesOrganizations) in
            guard try await repos.organizations.find(organization) != nil else {
                throw ApplicationError.notFound(entity: "organization", id: organization.description)
            }
            return try await repos.memberships.members(of: organization, page: page)
        }
    }

    public func setRoles(of user: UserID, in organization: OrganizationID, to rawRoles: [String]) async throws -> Member
    {
        let roles = try Set(rawRoles.map { try Role(parsing: $0, field: "roles") })
        return try await setRoles(of: user, in: organization, to: roles, by: nil)
    }

    /// Deactivates or reactivates a user everywhere. A deactivated user cannot log in or refresh.
    public func setActive(_ user: UserID, _ isActive: Bool) async throws -> User {
        try await persistence.write { (repos: any UsesUsers) in
            guard var found = try await repos.users.find(user) else {
                throw ApplicationError.notFound(entity: "user", id: user.description)
            }
            found.isActive = isActive
            try await repos.users.update(found)
            return found
        }
    }

    /// Turns a user's 2FA off (a lost phone and lost backup codes), after checking who they are
    /// by other means. Returns false when it was not set up.
    public func resetTwoFactor(of user: UserID) async throws -> Bool {
        try await persistence.write { (repos: any UsesAudit & UsesMemberships & UsesTwoFactor & UsesUsers) in
            guard try await repos.users.find(user) != nil else {
                throw ApplicationError.notFound(entity: "user", id: user.description)
            }
            guard try await repos.twoFactor.delete(user) else { return false }
            try await trail.recordAboutAccount("two_factor.reset", user: user, byTheUser: false, repos)
            return true
        }
    }

    public static let retentionJob = "sign-in-retention"

    /// Deletes what served sign-in once its life is over: reset links and second login steps a
    /// day after they expired, refresh tokens (and the sessions left without any) after theirs,
    /// invitations 30 days after they expired unaccepted.
    public func purgeExpired() async throws -> JobReport {
        let now = clock.now()
        let deleted = try await persistence.write {
            (
                repos: any UsesAudit & UsesInvitations & UsesMFAChallenges & UsesPasswordResets & UsesRefreshTokens
                    & UsesSignInSessions
            ) -> Int in
            let dayAgo = now.addingTimeInterval(-86_400)
            let deleted = [
                "password_resets": try await repos.passwordResets.deleteExpired(before: dayAgo),
                "mfa_challenges": try await repos.mfaChallenges.deleteExpired(before: dayAgo),
                "refresh_tokens": try await repos.refreshTokens.deleteExpired(before: now),
                "sign_in_sessions": try await repos.signInSessions.deleteOrphaned(),
                "invitations": try await repos.invitations.deleteExpired(before: now.addingTimeInterval(-30 * 86_400)),
            ]
            try await trail.recordRetention(job: Self.retentionJob, deleted: deleted, before: now, repos)
            return deleted.values.reduce(0, +)
        }
        return JobReport(job: Self.retentionJob, ran: true, created: 0, skipped: deleted, notified: 0)
    }

    /// The key material that seals TOTP secrets: the configured one, else one generated on first
    /// start and kept in the database (like the JWT secret).
    public static func twoFactorKey(
        configured: String?, persistence: any Persistence, secrets: any SecretTokenGenerator, clock: any WallClock
    ) async throws -> String {
        if let configured, !configured.isEmpty { return configured }
        let candidate = secrets.makeToken()
        return try await persistence.write { (repos: any UsesSettings) in
            try await repos.settings.insertIfAbsent(key: "two_factor_key", value: candidate, at: clock.now())
        }
    }

    /// The JWT signing secret: the configured one, else one generated on first start and kept in the database.
    public static func signingSecret(
        configured: String?, persistence: any Persistence, secrets: any SecretTokenGenerator, clock: any WallClock
    )
        async throws -> String
    {
        if let configured, !configured.isEmpty { return configured }
        let candidate = secrets.makeToken() + secrets.makeToken()
        return try await persistence.write { (repos: any UsesSettings) in
            try await repos.settings.insertIfAbsent(key: "jwt_secret", value: candidate, at: clock.now())
        }
    }
}
