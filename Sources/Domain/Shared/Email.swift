import Foundation

/// An email address, trimmed and lowercased so that one mailbox has one spelling.
public struct Email: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    /// Normalizes and validates; throws `DomainError.invalidValue(field: "email", …)`.
    public init(_ raw: String, field: String = "email") throws {
        let normalized = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard normalized.utf8.count <= 254 else {
            throw DomainError.invalidValue(field: field, reason: "must be at most 254 characters")
        }
        let parts = normalized.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
            !local.isEmpty, local.count <= 64,
            domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains(".."),
            !normalized.contains(where: { $0.isWhitespace || $0.isNewline })
        else {
            throw DomainError.invalidValue(field: field, reason: "is not a valid email address")
        }
        self.value = normalized
    }

    /// An address read back from storage, where only validated values are written. Skips the
    /// checks (they show in profiles of hot reads), but still refuses what cannot be normalized.
    public init(stored value: String) throws {
        guard !value.isEmpty, value.contains("@"), value == value.lowercased() else {
            throw DomainError.invalidValue(
                field: "email", reason: "stored value \"\(value)\" is not a normalized address")
        }
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { value }
}
