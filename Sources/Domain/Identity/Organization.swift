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
    public static func validatedName(_ raw: String, field: String = "organizationName") throws -> String {
        try User.validatedName(raw, field: field)
    }
}

/// A user's place in an organization: one or more roles, and the name and phone number the
/// organization knows them by (its own record: the account, shared across organizations, keeps
/// the name its owner chose).
public struct Membership: Sendable, Equatable {
    public let userID: UserID
    public let organizationID: OrganizationID
    public private(set) var roles: Set<Role>
    public private(set) var displayName: String?
    public private(set) var phone: String?
    public let createdAt: Date

    /// A membership always holds at least one role.
    public init(
        userID: UserID, organizationID: OrganizationID, roles: Set<Role>, displayName: String? = nil,
        phone: String? = nil, createdAt: Date
    ) throws {
        try Self.validate(roles)
        self.userID = userID
        self.organizationID = organizationID
        self.roles = roles
        self.displayName = try displayName.map { try User.validatedName($0) }
        self.phone = try Text.optional(phone, field: "phone", maximum: 30)
        self.createdAt = createdAt
    }

    /// `nil` leaves a field as it is; `.some(nil)` clears it (the account's name shows again).
    public mutating func editProfile(displayName: String??, phone: String??) throws {
        if let displayName { self.displayName = try displayName.map { try User.validatedName($0) } }
        if let phone { self.phone = try Text.optional(phone, field: "phone", maximum: 30) }
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
