/// The identity module's stores.
public protocol IdentityStores: Sendable {
    var organizations: any OrganizationRepository { get }
    var users: any UserRepository { get }
    var memberships: any MembershipRepository { get }
    var invitations: any InvitationRepository { get }
    var refreshTokens: any RefreshTokenRepository { get }
    var settings: any SettingsRepository { get }
    var passwordResets: any PasswordResetRepository { get }
    var twoFactor: any TwoFactorRepository { get }
    var mfaChallenges: any MFAChallengeRepository { get }
    var twoFactorPolicies: any TwoFactorPolicyRepository { get }
    var signInSessions: any SignInSessionRepository { get }
    var emailChanges: any EmailChangeRepository { get }
}

/// What identity's use cases see: its own stores and the platform's (audit, mail queue). A
/// change of roles hands the bus the whole transaction (`MemberRoleChange`), for other modules'
/// reactions.
typealias IdentityScope = IdentityStores & PlatformStores
