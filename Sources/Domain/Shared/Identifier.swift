public import Foundation

/// A typed identifier: `Identifier<User>` and `Identifier<Organization>` cannot be mixed up.
public struct Identifier<Entity>: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: UUID

    public init(_ rawValue: UUID) { self.rawValue = rawValue }

    /// Parses a UUID string; nil when it is not one.
    public init?(_ string: String) {
        guard let uuid = UUID(uuidString: string) else { return nil }
        self.rawValue = uuid
    }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(UUID.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Lowercased UUID text, the form used on the wire.
    public var description: String { rawValue.uuidString.lowercased() }
}

public typealias UserID = Identifier<User>
public typealias OrganizationID = Identifier<Organization>
public typealias InvitationID = Identifier<Invitation>
public typealias RefreshTokenID = Identifier<RefreshToken>
/// All refresh tokens descending from one login share a family; reuse of a rotated one revokes it.
public typealias TokenFamilyID = Identifier<RefreshTokenFamily>

/// Marker for `TokenFamilyID`.
public enum RefreshTokenFamily {}
