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
    public var description: String { rawValue.lowercasedText }
}

extension UUID {
    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in lowercase, written digit by digit: the same text
    /// as `uuidString.lowercased()`, without its `sprintf` and second copy (ids are written in
    /// every response).
    public var lowercasedText: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { buffer in
                var position = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        buffer[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    buffer[position] = digits[Int(byte >> 4)]
                    buffer[position + 1] = digits[Int(byte & 0x0F)]
                    position += 2
                }
                return position
            }
        }
    }
}

public typealias UserID = Identifier<User>
public typealias OrganizationID = Identifier<Organization>
public typealias InvitationID = Identifier<Invitation>
public typealias RefreshTokenID = Identifier<RefreshToken>
/// All refresh tokens descending from one login share a family; reuse of a rotated one revokes it.
public typealias TokenFamilyID = Identifier<RefreshTokenFamily>

/// Marker for `TokenFamilyID`.
public enum RefreshTokenFamily {}
public typealias PasswordResetID = Identifier<PasswordReset>
public typealias MFAChallengeID = Identifier<MFAChallenge>
