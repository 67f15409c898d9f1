public import Foundation

/// A person who can sign in. Belongs to organizations through memberships.
public struct User: Sendable, Equatable {
    public let id: UserID
    public var email: Email
    public var name: String
    /// The password hash as produced by the PasswordHasher port (never the password).
    public var passwordHash: String
    public var isActive: Bool
    public let createdAt: Date
    /// The person's own phone number, if they gave one (an organization may keep its own).
    public var phone: String?
    /// Since when processing is restricted (GDPR Art. 18): the account is read-only.
    public var restrictedAt: Date?

    public init(
        id: UserID, email: Email, name: String, passwordHash: String, isActive: Bool, createdAt: Date,
        phone: String? = nil, restrictedAt: Date? = nil
    ) {
        self.restrictedAt = restrictedAt
        self.id = id
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.isActive = isActive
        self.createdAt = createdAt
        self.phone = phone
    }

    /// A phone number as given: trimmed, at most 30 characters; empty clears it (nil).
    public static func validatedPhone(_ raw: String, field: String = "phone") throws -> String? {
        try Text.optional(raw, field: field, maximum: 30)
    }

    /// Validates a display name: trimmed, 1...200 characters.
    public static func validatedName(_ raw: String, field: String = "name") throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw DomainError.invalidValue(field: field, reason: "must not be empty") }
        guard name.count <= 200 else {
            throw DomainError.invalidValue(field: field, reason: "must be at most 200 characters")
        }
        return name
    }
}

/// The password rule users see: long enough to resist guessing, short enough for bcrypt.
public enum PasswordPolicy {
    public static let minimumLength = 10
    /// bcrypt ignores bytes after the 72nd; refuse rather than silently truncate.
    public static let maximumBytes = 72

    public static func validate(_ password: String, field: String = "password") throws {
        guard password.count >= minimumLength else {
            throw DomainError.invalidValue(field: field, reason: "must be at least \(minimumLength) characters")
        }
        guard password.utf8.count <= maximumBytes else {
            throw DomainError.invalidValue(field: field, reason: "must be at most \(maximumBytes) bytes")
        }
    }
}
