public import Foundation

/// An admin's invitation for someone to join an organization with a role.
/// The token itself is shown once; only its hash is kept.
public struct Invitation: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case pending, accepted, expired
    }

    public let id: InvitationID
    public let organizationID: OrganizationID
    public let email: Email
    public let role: Role
    public let tokenHash: String
    public let invitedBy: UserID
    public let createdAt: Date
    public let expiresAt: Date
    public private(set) var acceptedAt: Date?

    public static let validity: TimeInterval = 7 * 24 * 3600

    public init(
        id: InvitationID, organizationID: OrganizationID, email: Email, role: Role, tokenHash: String,
        invitedBy: UserID, createdAt: Date, expiresAt: Date, acceptedAt: Date? = nil
    ) throws {
        guard role != .superadmin else {
            throw DomainError.invalidValue(field: "role", reason: "superadmin cannot be granted by an organization")
        }
        self.id = id
        self.organizationID = organizationID
        self.email = email
        self.role = role
        self.tokenHash = tokenHash
        self.invitedBy = invitedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.acceptedAt = acceptedAt
    }

    public func status(at now: Date) -> Status {
        if acceptedAt != nil { return .accepted }
        return now >= expiresAt ? .expired : .pending
    }

    /// Pending → accepted; any other state refuses.
    public mutating func accept(at now: Date) throws {
        let current = status(at: now)
        guard current == .pending else {
            throw DomainError.illegalTransition(
                entity: "invitation", from: current.rawValue, to: Status.accepted.rawValue)
        }
        acceptedAt = now
    }
}
