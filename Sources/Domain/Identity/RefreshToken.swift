public import Foundation

/// One opaque refresh token, stored only as a hash. Every refresh rotates it: the old one is
/// marked rotated and a new one of the same family is issued. Presenting a rotated token again
/// means it was copied, so the whole family is revoked.
public struct RefreshToken: Sendable, Equatable {
    public enum Status: String, Sendable {
        case active, rotated, revoked, expired
    }

    public let id: RefreshTokenID
    public let familyID: TokenFamilyID
    public let userID: UserID
    public let organizationID: OrganizationID
    public let tokenHash: String
    public let issuedAt: Date
    public let expiresAt: Date
    public private(set) var rotatedAt: Date?
    public private(set) var revokedAt: Date?

    public static let lifetime: TimeInterval = 30 * 24 * 3600

    public init(
        id: RefreshTokenID, familyID: TokenFamilyID, userID: UserID, organizationID: OrganizationID,
        tokenHash: String, issuedAt: Date, expiresAt: Date, rotatedAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.familyID = familyID
        self.userID = userID
        self.organizationID = organizationID
        self.tokenHash = tokenHash
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.rotatedAt = rotatedAt
        self.revokedAt = revokedAt
    }

    /// Revocation wins over rotation: a revoked family stays dead.
    public func status(at now: Date) -> Status {
        if revokedAt != nil { return .revoked }
        if rotatedAt != nil { return .rotated }
        return now >= expiresAt ? .expired : .active
    }

    public mutating func rotate(at now: Date) throws {
        let current = status(at: now)
        guard current == .active else {
            throw DomainError.illegalTransition(
                entity: "refresh_token", from: current.rawValue, to: Status.rotated.rawValue)
        }
        rotatedAt = now
    }
}
