/// The identity module's stores.
public protocol IdentityStores: Sendable {
    var organizations: any OrganizationRepository { get }
    var users: any UserRepository { get }
    var memberships: any MembershipRepository { get }
    var invitations: any InvitationRepository { get }
    var refreshTokens: any RefreshTokenRepository { get }
    var settings: any SettingsRepository { get }
}
