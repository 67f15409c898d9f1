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
        }
    }
}
