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

    public init(_ member: Member) {
        id = member.user.id.description
        email = member.user.email.value
        name = member.name
        phone = member.phone
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
}

/// Small key/value settings the server keeps for itself (the generated JWT secret).
public protocol SettingsRepository: Sendable {
    func value(for key: String) async throws -> String?
    /// Stores `value` unless the key exists; returns the value that is stored afterwards.
    func insertIfAbsent(key: String, value: String, at: Date) async throws -> String
}
