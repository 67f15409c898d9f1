public import Domain
public import Foundation

/// Identity and access use cases: registration, sessions, invitations, roles.
/// HTTP routes and CLI commands both call these; neither holds a rule of its own.
public struct IdentityService: Sendable {
    let persistence: any Persistence
    let hasher: any PasswordHasher
    let accessTokens: any AccessTokenIssuer
    let secrets: any SecretTokenGenerator
    let clock: any WallClock
    let ids: any IDGenerator
    public let accessTokenLifetime: TimeInterval
    /// Where a closed session is announced, so its WebSockets close.
    let events: (any EventBroadcaster)?
    /// Where identity states its facts (a member's roles changed) for other modules to react.
    let roleChange: MemberRoleChange
    let trail: AuditTrail
    /// TOTP codes and the sealing of their secrets.
    let otp: any OneTimePasswords
    let throttle: SignInThrottle
    /// Reset links and lock notices go through the mail queue.
    let mail: MailDelivery?
    /// Where reset links point (`<publicURL>/password/reset?token=…`).
    let publicURL: String

    public init(
        persistence: any Persistence, hasher: any PasswordHasher, accessTokens: any AccessTokenIssuer,
        secrets: any SecretTokenGenerator, clock: any WallClock, ids: any IDGenerator,
        accessTokenLifetime: TimeInterval = 15 * 60, events: (any EventBroadcaster)? = nil, bus: DomainEventBus,
        otp: any OneTimePasswords, throttle: SignInThrottle, mail: MailDelivery?, publicURL: String
    ) {
        self.events = events
        self.trail = AuditTrail(clock: clock, ids: ids)
        self.roleChange = MemberRoleChange(bus: bus, trail: trail)
        self.otp = otp
        self.throttle = throttle
        self.mail = mail
        self.publicURL = publicURL
        self.persistence = persistence
        self.hasher = hasher
        self.accessTokens = accessTokens
        self.secrets = secrets
        self.clock = clock
        self.ids = ids
        self.accessTokenLifetime = accessTokenLifetime
    }
}

/// What a successful login, registration or refresh hands back.
public struct AuthSession: Sendable {
    public let accessToken: String
    public let refreshToken: String
    public let expiresIn: Int
    public let member: Member
    /// The organization requires 2FA for the member's roles and it is off: the access token
    /// allows nothing but setting it up (then refresh the session).
    public let twoFactorSetupRequired: Bool
}

/// What a correct password leads to: a session, or the second step when 2FA is on.
public enum LoginOutcome: Sendable {
    case signedIn(AuthSession)
    /// Send a code with the token to `verifySecondFactor` within `expiresIn` seconds.
    case secondFactorRequired(mfaToken: String, expiresIn: Int)
}

/// A new invitation and its token, shown once.
public struct IssuedInvitation: Sendable {
    public let invitation: Invitation
    public let token: String
}

public struct Registration: Sendable {
    public enum Destination: Sendable {
        /// Found a new organization and become its admin.
        case newOrganization(name: String)
        /// Join the organization of an invitation, with the invited role.
        case invitation(token: String)
        /// Become a customer of an organization that takes the public's bookings (an inspection
        /// centre's public page), with the `customer` role only.
        case customer(of: OrganizationID)
    }

    public let email: String
    public let password: String
    public let name: String
    public let destination: Destination
    public let client: SignInClient

    public init(
        email: String, password: String, name: String, destination: Destination, client: SignInClient = .unknown
    ) {
        self.email = email
        self.password = password
        self.name = name
        self.destination = destination
        self.client = client
    }
}

// MARK: - Sessions

extension IdentityService {
    /// Creates a user and either a new organization it administers, its invited membership, or
    /// a customer's membership of a centre's organization.
    public func register(_ registration: Registration) async throws -> AuthSession {
        let email = try Email(registration.email)
        let name = try User.validatedName(registration.name)
        try PasswordPolicy.validate(registration.password)
        let organizationName: String?
        let invitationHash: String?
        let customerOf: OrganizationID?
        switch registration.destination {
        case .newOrganization(let raw):
            (organizationName, invitationHash, customerOf) = (try Organization.validatedName(raw), nil, nil)
        case .invitation(let token):
            (organizationName, invitationHash, customerOf) = (nil, secrets.digest(token), nil)
        case .customer(let organization):
            (organizationName, invitationHash, customerOf) = (nil, nil, organization)
        }
        let passwordHash = try await hasher.hash(registration.password)
        let now = clock.now()
        let user = User(
            id: UserID(ids.make()), email: email, name: name, passwordHash: passwordHash, isActive: true,
            createdAt: now)
        let organizationID = OrganizationID(ids.make())

        let (member, refreshToken) = try await persistence.write(publishing: roleChange.bus) {
            (
                repos: any UsesInvitations & UsesMemberships & UsesOrganizations & UsesRefreshTokens
                    & UsesSignInSessions & UsesUsers, facts: EventPublisher
            ) in
            let membership: Membership
            var accepted: InvitationAccepted?
            if let organizationName {
                try await repos.organizations.insert(
                    Organization(id: organizationID, name: organizationName, createdAt: now))
                membership = try Membership(
                    userID: user.id, organizationID: organizationID, roles: [.admin], createdAt: now)
            } else if let customerOf {
                guard try await repos.organizations.find(customerOf) != nil else {
                    throw ApplicationError.notFound(entity: "organization", id: customerOf.description)
                }
                membership = try Membership(
                    userID: user.id, organizationID: customerOf, roles: [.customer], createdAt: now)
            } else {
                guard let invitationHash else { throw ApplicationError.invalidInvitation }
                let invitation = try await acceptPendingInvitation(
                    invitationHash, for: email,
                    otherwise: DomainError.invalidValue(field: "email", reason: "does not match the invitation"),
                    at: now,
                    repos)
                membership = try Membership(
                    userID: user.id, organizationID: invitation.organizationID, roles: [invitation.role], createdAt: now
                )
                accepted = InvitationAccepted(
                    invitation: invitation.id, user: user.id, organization: invitation.organizationID, at: now)
            }
            if try await repos.users.find(email: email) != nil { throw ApplicationError.emailAlreadyRegistered(email) }
            try await repos.users.insert(user)
            try await repos.memberships.insert(membership)
            // A new account has no socket open yet: the reactions' live events have no one to reach.
            if let accepted { _ = try await facts.publish(accepted) }
            let member = Member(user: user, organizationID: membership.organizationID, roles: membership.roles)
            let token = try await openSession(for: member, client: registration.client, at: now, repos)
            return (member, token)
        }
        // A new account has no 2FA, but an invited role may require it.
        let setupOnly = try await persistence.read { (repos: any UsesTwoFactor & UsesTwoFactorPolicies) in
            try await mustSetUpTwoFactor(member, repos)
        }
        return try await session(for: member, refreshToken: refreshToken, setupOnly: setupOnly, at: now)
    }

    /// Checks the password and opens a session in the chosen organization (default: the oldest
    /// membership), or starts the second step when the account has 2FA on. Failures count
    /// towards the sign-in throttle, which refuses every attempt once it is reached.
    public func login(
        email rawEmail: String, password: String, organization: OrganizationID? = nil,
        client: SignInClient = .unknown
    ) async throws -> LoginOutcome {
        let now = clock.now()
        let account = accountKey(rawEmail)
        try await throttle.check(.login, account: account, address: client.address, at: now)
        let found = try await persistence.read { (repos: any UsesMemberships & UsesUsers) -> (User, [Membership])? in
            guard let email = try? Email(rawEmail), let user = try await repos.users.find(email: email) else {
                return nil
            }
            return (user, try await repos.memberships.memberships(of: user.id))
        }
        guard let (user, memberships) = found else {
            // Spend the same time as a real check so response time does not reveal which emails exist.
            await hasher.verifyNothing(password)
            try await failed(.login, account: account, user: nil, client: client, at: now)
            throw ApplicationError.invalidCredentials
        }
        guard try await hasher.verify(password, against: user.passwordHash) else {
            try await failed(.login, account: account, user: user, client: client, at: now)
            throw ApplicationError.invalidCredentials
        }
        guard user.isActive else { throw ApplicationError.accountDisabled }
        let membership = organization.map { id in memberships.first { $0.organizationID == id } } ?? memberships.first
        guard let membership else { throw ApplicationError.notAMember }
        let member = Member(user: user, organizationID: membership.organizationID, roles: membership.roles)
        enum Opened: Sendable {
            case session(IssuedRefreshToken, setupOnly: Bool)
            case secondStep(mfaToken: String)
        }
        let opened = try await persistence.write {
            (
                repos: any UsesAudit & UsesMFAChallenges & UsesMemberships & UsesRefreshTokens & UsesSignInSessions
                    & UsesTwoFactor & UsesTwoFactorPolicies
            ) -> Opened in
            if try await repos.twoFactor.credential(of: user.id)?.isEnabled == true {
                let mfaToken = secrets.makeToken()
                try await repos.mfaChallenges.insert(
                    MFAChallenge(
                        id: MFAChallengeID(ids.make()), tokenHash: secrets.digest(mfaToken), userID: user.id,
                        organizationID: membership.organizationID, createdAt: now,
                        expiresAt: now.addingTimeInterval(MFAChallenge.lifetime), attempts: 0, completedAt: nil,
                        client: client))
                return .secondStep(mfaToken: mfaToken)
            }
            let token = try await openSession(for: member, client: client, at: now, repos)
            try await auditAccount(
                "sign_in.succeeded", user: user.id, payload: ["session": token.family.description], repos)
            return .session(token, setupOnly: try await mustSetUpTwoFactor(member, repos))
        }
        switch opened {
        case .secondStep(let mfaToken):
            return .secondFactorRequired(mfaToken: mfaToken, expiresIn: Int(MFAChallenge.lifetime))
        case .session(let refreshToken, let setupOnly):
            return .signedIn(
                try await session(for: member, refreshToken: refreshToken, setupOnly: setupOnly, at: now))
        }
    }

    /// Rotates a refresh token. A token presented after it was rotated revokes its whole family.
    public func refresh(refreshToken: String) async throws -> AuthSession {
        let now = clock.now()
        let hash = secrets.digest(refreshToken)
        enum Outcome: Sendable {
            case rotated(Member, refreshToken: IssuedRefreshToken, setupOnly: Bool)
            /// The family was revoked; the refusal is reported once that is committed.
            case revoked(ApplicationError, RefreshToken)
        }
        let outcome = try await persistence.write {
            (
                repos: any UsesMemberships & UsesRefreshTokens & UsesSignInSessions & UsesTwoFactor
                    & UsesTwoFactorPolicies
            ) -> Outcome in
            guard let token = try await repos.refreshTokens.find(tokenHash: hash) else {
                throw ApplicationError.invalidRefreshToken
            }
            switch token.status(at: now) {
            case .revoked, .expired:
                throw ApplicationError.invalidRefreshToken
            case .rotated:
                try await repos.refreshTokens.revokeFamily(token.familyID, at: now)
                return .revoked(.refreshTokenReused, token)
            case .active:
                guard try await repos.refreshTokens.markRotated(token.id, at: now) else {
                    // A concurrent refresh rotated it first: the same token was used twice.
                    try await repos.refreshTokens.revokeFamily(token.familyID, at: now)
                    return .revoked(.refreshTokenReused, token)
                }
                guard let member = try await repos.memberships.member(token.userID, in: token.organizationID) else {
                    try await repos.refreshTokens.revokeFamily(token.familyID, at: now)
                    return .revoked(.invalidRefreshToken, token)
                }
                guard member.user.isActive else {
                    try await repos.refreshTokens.revokeFamily(token.familyID, at: now)
                    return .revoked(.accountDisabled, token)
                }
                // The successor is written in the same transaction as the rotation, so a concurrent
                // reuse that revokes the family always revokes the successor too.
                try await repos.signInSessions.touch(token.familyID, at: now)
                return .rotated(
                    member,
                    refreshToken: try await issueRefreshToken(for: member, family: token.familyID, at: now, in: repos),
                    setupOnly: try await mustSetUpTwoFactor(member, repos))
            }
        }
        // The revocation above is committed before the refusal is reported.
        switch outcome {
        case .rotated(let member, let refreshToken, let setupOnly):
            return try await session(for: member, refreshToken: refreshToken, setupOnly: setupOnly, at: now)
        case .revoked(let refusal, let token):
            await announceClosed(token, reason: "session_revoked", at: now)
            throw refusal
        }
    }

    /// Ends the session the refresh token belongs to. Unknown tokens are ignored: logging out twice is fine.
    public func logout(refreshToken: String) async throws {
        let now = clock.now()
        let hash = secrets.digest(refreshToken)
        let token = try await persistence.write { (repos: any UsesRefreshTokens) -> RefreshToken? in
            guard let token = try await repos.refreshTokens.find(tokenHash: hash) else { return nil }
            try await repos.refreshTokens.revokeFamily(token.familyID, at: now)
            return token
        }
        if let token { await announceClosed(token, reason: "logged_out", at: now) }
    }

    /// The session's WebSockets close (logout, a reused refresh token).
    func announceClosed(_ token: RefreshToken, reason: String, at now: Date) async {
        await events?.publish([
            .sessionClosed(token.userID, in: token.organizationID, session: token.familyID, reason: reason, at: now)
        ])
    }

    /// Verifies an access token and returns who presented it.
    public func authenticate(accessToken: String) async throws -> Principal {
        try await session(accessToken: accessToken).principal
    }

    /// Who presented the token, until when it is valid (a WebSocket closes then), and the sign-in
    /// session it belongs to (its WebSockets close at logout).
    public func session(accessToken: String) async throws -> (
        principal: Principal, expiresAt: Date, session: TokenFamilyID?
    ) {
        let claims = try await accessTokens.verify(accessToken)
        guard claims.expiresAt > clock.now() else { throw ApplicationError.invalidAccessToken }
        return (
            Principal(
                userID: claims.userID, organizationID: claims.organizationID, roles: claims.roles,
                mustSetUpTwoFactor: claims.twoFactorSetupOnly, sessionID: claims.sessionID),
            claims.expiresAt, claims.sessionID
        )
    }

    /// Like `session(accessToken:)`, and refused once the session has logged out: a WebSocket,
    /// which lives on, is not reopened with an access token whose session was closed.
    public func liveSession(accessToken: String) async throws -> (
        principal: Principal, expiresAt: Date, session: TokenFamilyID?
    ) {
        let verified = try await session(accessToken: accessToken)
        // A token that may only set up 2FA opens no live channel.
        guard !verified.principal.mustSetUpTwoFactor else { throw ApplicationError.twoFactorSetupRequired }
        if let family = verified.session {
            guard
                try await persistence.read({ (repos: any UsesRefreshTokens) in
                    try await repos.refreshTokens.isOpen(family)
                })
            else {
                throw ApplicationError.invalidAccessToken
            }
        }
        return verified
    }

    /// Seconds from now until `date`, by this service's clock.
    public func secondsUntil(_ date: Date) -> TimeInterval { date.timeIntervalSince(clock.now()) }

    /// A refresh token as handed out (shown once), and the session (family) it belongs to.
    struct IssuedRefreshToken: Sendable {
        let token: String
        let family: TokenFamilyID
    }

    /// A new sign-in session: its first refresh token and the row its owner sees in their list.
    func openSession(
        for member: Member, client: SignInClient, at now: Date, _ repos: any UsesRefreshTokens & UsesSignInSessions
    )
        async throws -> IssuedRefreshToken
    {
        let token = try await issueRefreshToken(for: member, family: nil, at: now, in: repos)
        try await repos.signInSessions.insert(
            SignInSession(
                id: token.family, userID: member.user.id, organizationID: member.organizationID, createdAt: now,
                lastUsedAt: now, client: client))
        return token
    }

    /// Stores a new refresh token (its digest) and returns the token itself.
    private func issueRefreshToken(
        for member: Member, family: TokenFamilyID?, at now: Date, in repos: any UsesRefreshTokens
    )
        async throws -> IssuedRefreshToken
    {
        let token = secrets.makeToken()
        let family = family ?? TokenFamilyID(ids.make())
        try await repos.refreshTokens.insert(
            RefreshToken(
                id: RefreshTokenID(ids.make()), familyID: family, userID: member.user.id,
                organizationID: member.organizationID, tokenHash: secrets.digest(token), issuedAt: now,
                expiresAt: now.addingTimeInterval(RefreshToken.lifetime)))
        return IssuedRefreshToken(token: token, family: family)
    }

    /// Signs the access token that goes with a stored refresh token.
    func session(for member: Member, refreshToken: IssuedRefreshToken, setupOnly: Bool, at now: Date) async throws
        -> AuthSession
    {
        let claims = AccessClaims(
            userID: member.user.id, organizationID: member.organizationID, roles: member.roles, issuedAt: now,
            expiresAt: now.addingTimeInterval(accessTokenLifetime), tokenID: ids.make().lowercasedText,
            sessionID: refreshToken.family, twoFactorSetupOnly: setupOnly)
        return AuthSession(
            accessToken: try await accessTokens.sign(claims), refreshToken: refreshToken.token,
            expiresIn: Int(accessTokenLifetime), member: member, twoFactorSetupRequired: setupOnly)
    }
}

// MARK: - Members

extension IdentityService {
    /// The caller's session: their account, and the organization and roles their token grants.
    /// One primary-key read; roles changed since the token was issued show from the next refresh.
    public func me(_ principal: Principal) async throws -> Member {
        let user = try await persistence.read { (repos: any UsesUsers) in
            try await repos.users.find(principal.userID)
        }
        guard let user else { throw ApplicationError.invalidAccessToken }
        guard user.isActive else { throw ApplicationError.accountDisabled }
        return Member(user: user, organizationID: principal.organizationID, roles: principal.roles)
    }

    /// A member of the caller's organization; a user elsewhere is reported as not found.
    public func member(_ id: UserID, as principal: Principal) async throws -> Member {
        try AccessPolicy.require(.readMember, by: principal)
        let member = try await persistence.read { (repos: any UsesMemberships) in
            try await repos.memberships.member(id, in: principal.organizationID)
        }
        guard let member else { throw ApplicationError.notFound(entity: "user", id: id.description) }
        try await PersonalDataReadLog(persistence: persistence, clock: clock, ids: ids)
            .record(.user(id), purpose: "member profile", in: principal.organizationID, by: principal)
        return member
    }

    public func members(page: PageRequest, as principal: Principal) async throws -> Page<Member> {
        try AccessPolicy.require(.listMembers, by: principal)
        return try await persistence.read { (repos: any UsesMemberships) in
            try await repos.memberships.members(of: principal.organizationID, page: page)
        }
    }

    /// Replaces a member's roles in the caller's organization.
    public func changeRoles(of id: UserID, to rawRoles: [String], as principal: Principal) async throws -> Member {
        try AccessPolicy.require(.changeMemberRoles, by: principal)
        let roles = try Self.roles(rawRoles, for: id, by: principal)
        return try await setRoles(of: id, in: principal.organizationID, to: roles, by: principal)
    }

    /// Parses the roles a member is given. An admin cannot drop their own admin role, so an
    /// organization always keeps someone who can manage it.
    public static func roles(_ rawRoles: [String], for id: UserID, by principal: Principal) throws -> Set<Role> {
        let roles = try Set(rawRoles.map { try Role(parsing: $0, field: "roles") })
        if id == principal.userID, !roles.contains(.admin), principal.roles.contains(.admin) {
            throw DomainError.invalidValue(field: "roles", reason: "an admin cannot remove their own admin role")
        }
        return roles
    }

    /// Creates an invitation to the caller's organization.
    public func invite(
        email rawEmail: String, role rawRole: String, to organization: OrganizationID, as principal: Principal
    )
        async throws -> IssuedInvitation
    {
        try AccessPolicy.requireSameOrganization(
            organization, as: principal, entity: "organization", id: organization.description)
        try AccessPolicy.require(.inviteMembers, by: principal)
        let email = try Email(rawEmail)
        let role = try Role(parsing: rawRole)
        let (invitation, token) = try prepareInvitation(
            email: email, role: role, to: organization, by: principal.userID)
        try await persistence.write { (repos: any UsesInvitations & UsesMemberships & UsesUsers) in
            if let existing = try await repos.users.find(email: email),
                try await repos.memberships.find(user: existing.id, organization: organization) != nil
            {
                throw ApplicationError.alreadyMember(email)
            }
            try await repos.invitations.insert(invitation)
        }
        return IssuedInvitation(invitation: invitation, token: token)
    }

    /// An invitation accepted by someone who already has an account, signed in in any of their
    /// organizations: they become a member of the inviting organization with the invited role, or
    /// gain that role when they are one already. They then sign in there (`organization_id`).
    public func acceptInvitation(token: String, as principal: Principal) async throws -> Member {
        let now = clock.now()
        let hash = secrets.digest(token)
        let (member, live) = try await persistence.write(publishing: roleChange.bus) {
            (repos: any UsesAudit & UsesInvitations & UsesMemberships & UsesUsers, facts: EventPublisher) in
            guard let user = try await repos.users.find(principal.userID) else {
                throw ApplicationError.notFound(entity: "user", id: principal.userID.description)
            }
            let invitation = try await acceptPendingInvitation(
                hash, for: user.email,
                otherwise: DomainError.invalidValue(
                    field: "invitationToken", reason: "was sent to another email address than the account's"),
                at: now, repos)
            var live: [LiveEvent] = []
            if var membership = try await repos.memberships.find(user: user.id, organization: invitation.organizationID)
            {
                live += try await roleChange.apply(
                    to: &membership, roles: membership.roles.union([invitation.role]), by: principal, at: now, repos,
                    facts)
            } else {
                try await repos.memberships.insert(
                    try Membership(
                        userID: user.id, organizationID: invitation.organizationID, roles: [invitation.role],
                        createdAt: now))
            }
            try await trail.record(
                "invitation.accepted", entity: "user", id: user.id.description,
                payload: ["invitation": invitation.id.description, "role": invitation.role.rawValue], by: principal,
                organization: invitation.organizationID, repos)
            live += try await facts.publish(
                InvitationAccepted(
                    invitation: invitation.id, user: user.id, organization: invitation.organizationID, at: now))
            guard let member = try await repos.memberships.member(user.id, in: invitation.organizationID) else {
                throw ApplicationError.notFound(entity: "user", id: user.id.description)
            }
            return (member, live)
        }
        await events?.publish(live)
        return member
    }

    /// The pending invitation the token names, marked accepted; refused when it is unknown, no
    /// longer pending, or for another email (`otherwise`).
    private func acceptPendingInvitation(
        _ hash: String, for email: Email, otherwise mismatch: DomainError, at now: Date, _ repos: any UsesInvitations
    ) async throws -> Invitation {
        guard var invitation = try await repos.invitations.find(tokenHash: hash) else {
            throw ApplicationError.invalidInvitation
        }
        let status = invitation.status(at: now)
        guard status == .pending else { throw ApplicationError.invitationNotPending(status: status) }
        guard invitation.email == email else { throw mismatch }
        try invitation.accept(at: now)
        try await repos.invitations.markAccepted(invitation)
        return invitation
    }

    /// An invitation and its token, not yet stored: for use cases that invite inside their own
    /// transaction (the onboarding wizard).
    public func prepareInvitation(email: Email, role: Role, to organization: OrganizationID, by inviter: UserID)
        throws -> (Invitation, String)
    {
        let now = clock.now()
        let token = secrets.makeToken()
        let invitation = try Invitation(
            id: InvitationID(ids.make()), organizationID: organization, email: email, role: role,
            tokenHash: secrets.digest(token), invitedBy: inviter, createdAt: now,
            expiresAt: now.addingTimeInterval(Invitation.validity))
        return (invitation, token)
    }

    /// Replaces the roles through `MemberRoleChange`, the one path every route and command takes.
    func setRoles(of id: UserID, in organization: OrganizationID, to roles: Set<Role>, by principal: Principal?)
        async throws -> Member
    {
        let now = clock.now()
        // The whole transaction: the role change's reactions write their own modules' stores.
        let (member, live) = try await persistence.write(publishing: roleChange.bus) {
            (repos: any UsesAudit & UsesMemberships, facts: EventPublisher) in
            guard var membership = try await repos.memberships.find(user: id, organization: organization) else {
                throw ApplicationError.notFound(entity: "user", id: id.description)
            }
            let live = try await roleChange.apply(
                to: &membership, roles: roles, by: principal, at: now, repos, facts)
            guard let member = try await repos.memberships.member(id, in: organization) else {
                throw ApplicationError.notFound(entity: "user", id: id.description)
            }
            return (member, live)
        }
        await events?.publish(live)
        return member
    }
}
