public import Domain
public import Foundation

public protocol OrganizationRepository: Sendable {
    func insert(_ organization: Organization) async throws
    func find(_ id: OrganizationID) async throws -> Organization?
}

public protocol UserRepository: Sendable {
    /// Throws `ApplicationError.emailAlreadyRegistered` when the email is taken.
    func insert(_ user: User) async throws
    func find(_ id: UserID) async throws -> User?
    func find(email: Email) async throws -> User?
    func update(_ user: User) async throws
    /// The names of those of `ids` that exist, in one query (a report naming its people).
    func names(of ids: Set<UserID>) async throws -> [UserID: String]
}

/// A user seen from one organization: the user, the roles held there, and the name and phone
/// number the organization knows them by.
public struct Member: Sendable, Equatable {
    public let user: User
    public let organizationID: OrganizationID
    public let roles: Set<Role>
    public let displayName: String?
    public let phone: String?

    public init(
        user: User, organizationID: OrganizationID, roles: Set<Role>, displayName: String? = nil, phone: String? = nil
    ) {
        self.user = user
        self.organizationID = organizationID
        self.roles = roles
        self.displayName = displayName
        self.phone = phone
    }

    /// The organization's name for them, else the account's.
    public var name: String { displayName ?? user.name }
}

/// A member as every presentation shows it (HTTP JSON, CLI JSON): never the password hash.
public struct MemberSummary: Codable, Sendable, Equatable {
    public let id: String
    public let email: String
    public let name: String
    public let isActive: Bool
    public let createdAt: Date
    public let organizationId: String
    public let roles: [String]
    public let phone: String?
    /// GDPR Art. 18: the account is read-only.
    public let processingRestricted: Bool

    public init(_ member: Member) {
        id = member.user.id.description
        email = member.user.email.value
        name = member.name
        // The organization's record of their phone, else their own.
        phone = member.phone ?? member.user.phone
        processingRestricted = member.user.restrictedAt != nil
        isActive = member.user.isActive
        createdAt = member.user.createdAt
        organizationId = member.organizationID.description
        roles = member.roles.sorted().map(\.rawValue)
    }
}

public protocol MembershipRepository: Sendable {
    func insert(_ membership: Membership) async throws
    func find(user: UserID, organization: OrganizationID) async throws -> Membership?
    /// The user's memberships, oldest first.
    func memberships(of user: UserID) async throws -> [Membership]
    func replaceRoles(_ membership: Membership) async throws
    /// Stores the membership's display name and phone.
    func updateProfile(_ membership: Membership) async throws
    func member(_ user: UserID, in organization: OrganizationID) async throws -> Member?
    /// Removes the user from the organization (their roles go with it).
    func delete(user: UserID, organization: OrganizationID) async throws
    /// Members ordered by email.
    func members(of organization: OrganizationID, page: PageRequest) async throws -> Page<Member>
    /// Active members holding at least one of the roles.
    func users(withAnyOf roles: Set<Role>, in organization: OrganizationID) async throws -> Set<UserID>
}

public protocol InvitationRepository: Sendable {
    func insert(_ invitation: Invitation) async throws
    func find(tokenHash: String) async throws -> Invitation?
    func markAccepted(_ invitation: Invitation) async throws
    /// Deletes invitations not accepted that expired before `date`; returns how many.
    func deleteExpired(before date: Date) async throws -> Int
}

public protocol RefreshTokenRepository: Sendable {
    func insert(_ token: RefreshToken) async throws
    func find(tokenHash: String) async throws -> RefreshToken?
    /// Marks the token rotated only if it is still active; false when another request got there first.
    func markRotated(_ id: RefreshTokenID, at: Date) async throws -> Bool
    /// Revokes every token of the family that is not revoked yet.
    func revokeFamily(_ family: TokenFamilyID, at: Date) async throws
    /// Whether the sign-in session still has a token that is not revoked (false after logout).
    func isOpen(_ family: TokenFamilyID) async throws -> Bool
    /// Revokes every session of the user, but `keeping` (the caller's own, at a password change);
    /// returns the families revoked.
    func revokeAll(of user: UserID, keeping: TokenFamilyID?, at: Date) async throws -> [RefreshToken]
    /// Deletes tokens that expired before `date`; returns how many.
    func deleteExpired(before date: Date) async throws -> Int
}

/// Small key/value settings the server keeps for itself (the generated JWT secret).
public protocol SettingsRepository: Sendable {
    func value(for key: String) async throws -> String?
    /// Stores `value` unless the key exists; returns the value that is stored afterwards.
    func insertIfAbsent(key: String, value: String, at: Date) async throws -> String
}

public protocol PasswordResetRepository: Sendable {
    func insert(_ reset: PasswordReset) async throws
    func find(tokenHash: String) async throws -> PasswordReset?
    /// Marks every unused link of the user used (the one being used, and any older one).
    /// Returns false when `id` was used already (a concurrent request got there first).
    func useAll(of user: UserID, claiming id: PasswordResetID, at: Date) async throws -> Bool
    /// Deletes links that expired before `date`; returns how many.
    func deleteExpired(before date: Date) async throws -> Int
}

public protocol TwoFactorRepository: Sendable {
    func credential(of user: UserID) async throws -> TwoFactorCredential?
    /// Inserts or replaces the user's credential (and forgets its backup codes).
    func save(_ credential: TwoFactorCredential) async throws
    /// Enables the pending credential at `step`, with its backup codes' digests.
    func enable(_ user: UserID, at: Date, step: Int64, backupCodeHashes: [String]) async throws
    /// Records `step` as used, only if it is newer than the last one: false when the code was
    /// already used (here or by a concurrent request).
    func advance(_ user: UserID, to step: Int64) async throws -> Bool
    /// Uses an unused backup code; false when there is none with that digest.
    func useBackupCode(_ user: UserID, hash: String, at: Date) async throws -> Bool
    /// Removes the credential and its backup codes; false when there was none.
    func delete(_ user: UserID) async throws -> Bool
}

public protocol MFAChallengeRepository: Sendable {
    func insert(_ challenge: MFAChallenge) async throws
    func find(tokenHash: String) async throws -> MFAChallenge?
    /// Counts one wrong code.
    func recordFailure(_ id: MFAChallengeID) async throws
    /// Completes the challenge if it is still open; false when it was completed already.
    func complete(_ id: MFAChallengeID, at: Date) async throws -> Bool
    /// Deletes challenges that expired before `date`; returns how many.
    func deleteExpired(before date: Date) async throws -> Int
}

public protocol TwoFactorPolicyRepository: Sendable {
    func policy(of organization: OrganizationID) async throws -> TwoFactorPolicy
    func save(_ policy: TwoFactorPolicy, at: Date) async throws
}

public protocol SignInSessionRepository: Sendable {
    func insert(_ session: SignInSession) async throws
    func touch(_ id: TokenFamilyID, at: Date) async throws
    func find(_ id: TokenFamilyID) async throws -> SignInSession?
    /// The user's sessions that still have a live refresh token at `now`, newest first.
    func open(of user: UserID, at now: Date) async throws -> [SignInSession]
    /// Deletes sessions that have no refresh token left; returns how many.
    func deleteOrphaned() async throws -> Int
}

public protocol EmailChangeRepository: Sendable {
    func insert(_ change: EmailChange) async throws
    func find(tokenHash: String) async throws -> EmailChange?
    /// Confirms the change if it is not confirmed yet; false when another request did.
    func confirm(_ id: UUID, at: Date) async throws -> Bool
}
