/// The identity module's stores.
public protocol IdentityStores:
    UsesOrganizations,
    UsesUsers,
    UsesMemberships,
    UsesInvitations,
    UsesRefreshTokens,
    UsesSettings,
    UsesPasswordResets,
    UsesTwoFactor,
    UsesMFAChallenges,
    UsesTwoFactorPolicies,
    UsesSignInSessions,
    UsesEmailChanges
{}

/// A use case that reads or writes `organizations`.
public protocol UsesOrganizations: Sendable { var organizations: any OrganizationRepository { get } }

/// A use case that reads or writes `users`.
public protocol UsesUsers: Sendable { var users: any UserRepository { get } }

/// A use case that reads or writes `memberships`.
public protocol UsesMemberships: Sendable { var memberships: any MembershipRepository { get } }

/// A use case that reads or writes `invitations`.
public protocol UsesInvitations: Sendable { var invitations: any InvitationRepository { get } }

/// A use case that reads or writes `refreshTokens`.
public protocol UsesRefreshTokens: Sendable { var refreshTokens: any RefreshTokenRepository { get } }

/// A use case that reads or writes `settings`.
public protocol UsesSettings: Sendable { var settings: any SettingsRepository { get } }

/// A use case that reads or writes `passwordResets`.
public protocol UsesPasswordResets: Sendable { var passwordResets: any PasswordResetRepository { get } }

/// A use case that reads or writes `twoFactor`.
public protocol UsesTwoFactor: Sendable { var twoFactor: any TwoFactorRepository { get } }

/// A use case that reads or writes `mfaChallenges`.
public protocol UsesMFAChallenges: Sendable { var mfaChallenges: any MFAChallengeRepository { get } }

/// A use case that reads or writes `twoFactorPolicies`.
public protocol UsesTwoFactorPolicies: Sendable { var twoFactorPolicies: any TwoFactorPolicyRepository { get } }

/// A use case that reads or writes `signInSessions`.
public protocol UsesSignInSessions: Sendable { var signInSessions: any SignInSessionRepository { get } }

/// A use case that reads or writes `emailChanges`.
public protocol UsesEmailChanges: Sendable { var emailChanges: any EmailChangeRepository { get } }
