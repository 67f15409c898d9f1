/// The identity module's stores.
public protocol IdentityStores: Sendable {
    var organizations: any OrganizationRepository { get }
    var users: any UserRepository { get }
    var memberships: any MembershipRepository { get }
    var invitations: any InvitationRepository { get }
    var refreshTokens: any RefreshTokenRepository { get }
    var settings: any SettingsRepository { get }
}

/// What identity's use cases see: its own stores and the platform's (audit, mail queue). A
/// change of roles hands the bus the whole transaction (`MemberRoleChange`), for other modules'
/// reactions.
typealias IdentityScope = IdentityStores & PlatformStores
