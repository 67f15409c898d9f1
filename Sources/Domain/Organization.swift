public import Foundation

/// A tenant: a syndic's office, a maintenance company, a taxi company… Every business record
/// belongs to exactly one organization.
public struct Organization: Sendable, Equatable {
    public let id: OrganizationID
    public var name: String
    public let createdAt: Date

    public init(id: OrganizationID, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }

    /// Validates an organization name: trimmed, 1...200 characters.
    public static func validatedName(_ raw: String, field: String = "organization_name") throws -> String {
        try User.validatedName(raw, field: field)
    }
}

/// A user's place in an organization: one or more roles.
public struct Membership: Sendable, Equatable {
    public let userID: UserID
    public let organizationID: OrganizationID
    public private(set) var roles: Set<Role>
    public let createdAt: Date

    /// A membership always holds at least one role.
    public init(userID: UserID, organizationID: OrganizationID, roles: Set<Role>, createdAt: Date) throws {
        try Self.validate(roles)
        self.userID = userID
        self.organizationID = organizationID
        self.roles = roles
        self.createdAt = createdAt
    }

    public mutating func replaceRoles(with roles: Set<Role>) throws {
        try Self.validate(roles)
        self.roles = roles
    }

    private static func validate(_ roles: Set<Role>) throws {
        guard !roles.isEmpty else {
            throw DomainError.invalidValue(field: "roles", reason: "must hold at least one role")
        }
        // Only the platform grants platform-wide rights; an organization cannot.
        guard !roles.contains(.superadmin) else {
            throw DomainError.invalidValue(field: "roles", reason: "superadmin cannot be granted by an organization")
        }
    }
}
