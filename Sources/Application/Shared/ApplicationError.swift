public import Domain

/// Why a use case refused. The HTTP layer maps each case to a status and a stable `code`.
public enum ApplicationError: Error, Equatable, Sendable {
    /// Unknown id, or an id of another organization: the caller cannot tell which.
    case notFound(entity: String, id: String)
    case emailAlreadyRegistered(Email)
    case alreadyMember(Email)
    /// Same answer for an unknown email and a wrong password.
    case invalidCredentials
    case accountDisabled
    case notAMember
    case invalidAccessToken
    case invalidRefreshToken
    /// A rotated refresh token was presented again; its family is now revoked.
    case refreshTokenReused
    case invalidInvitation
    case invitationNotPending(status: Invitation.Status)
    case permissionDenied(Permission)
    /// A password reset link that is unknown, used or expired.
    case invalidResetToken
    /// An email confirmation link that is unknown, used or expired.
    case invalidConfirmationToken
    /// The current password given to change a password or turn 2FA off is wrong.
    case wrongPassword
    /// A 2FA or backup code that is wrong, malformed or already used.
    case invalidCode
    /// An mfa_token that is unknown, expired, completed or out of attempts.
    case invalidMFAToken
    case twoFactorAlreadyEnabled
    case twoFactorNotSetUp
    case twoFactorNotEnabled
    /// The organization requires 2FA for the caller's roles and it is not on yet.
    case twoFactorSetupRequired
    /// The person restricted the processing of their data: their account is read-only.
    case processingRestricted
}

extension ApplicationError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notFound(let entity, let id): "no \(entity) with id \(id)"
        case .emailAlreadyRegistered(let email): "\(email) is already registered"
        case .alreadyMember(let email): "\(email) is already a member"
        case .invalidCredentials: "wrong email or password"
        case .accountDisabled: "this account is deactivated"
        case .notAMember: "this account is not a member of that organization"
        case .invalidAccessToken: "the access token is invalid or expired"
        case .invalidRefreshToken: "the refresh token is invalid or expired"
        case .refreshTokenReused: "the refresh token was already used; its session is revoked"
        case .invalidInvitation: "the invitation token is not valid"
        case .invitationNotPending(let status): "the invitation is \(status.rawValue)"
        case .permissionDenied(let permission): "not allowed: \(permission.rawValue)"
        case .invalidResetToken: "the password reset link is not valid, used or expired"
        case .invalidConfirmationToken: "the confirmation link is not valid, used or expired"
        case .wrongPassword: "the current password is wrong"
        case .invalidCode: "the code is wrong or was already used"
        case .invalidMFAToken: "the mfa_token is not valid or expired; log in again"
        case .twoFactorAlreadyEnabled: "two-factor authentication is already on"
        case .twoFactorNotSetUp: "set up two-factor authentication first"
        case .twoFactorNotEnabled: "two-factor authentication is not on"
        case .twoFactorSetupRequired: "your organization requires two-factor authentication: set it up first"
        case .processingRestricted:
            "processing of your data is restricted: the account is read-only until you lift the restriction"
        }
    }
}
