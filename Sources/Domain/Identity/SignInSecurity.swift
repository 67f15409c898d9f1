public import Foundation

/// Where a sign-in came from, as the user sees it in their session list.
public struct SignInClient: Sendable, Equatable {
    public let userAgent: String?
    public let address: String?

    /// Kept to 256 characters: a client decides what it sends, not how much is stored.
    public init(userAgent: String?, address: String?) {
        self.userAgent = userAgent.map { String($0.prefix(256)) }
        self.address = address.map { String($0.prefix(64)) }
    }

    public static let unknown = SignInClient(userAgent: nil, address: nil)
}

/// One sign-in session (a refresh-token family): created at login, used at each refresh.
public struct SignInSession: Sendable, Equatable {
    public let id: TokenFamilyID
    public let userID: UserID
    public let organizationID: OrganizationID
    public let createdAt: Date
    public let lastUsedAt: Date
    public let client: SignInClient

    public init(
        id: TokenFamilyID, userID: UserID, organizationID: OrganizationID, createdAt: Date, lastUsedAt: Date,
        client: SignInClient
    ) {
        self.id = id
        self.userID = userID
        self.organizationID = organizationID
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.client = client
    }
}

/// A single-use password reset link, stored as the digest of its token.
public struct PasswordReset: Sendable, Equatable {
    public static let validity: TimeInterval = 30 * 60

    public let id: PasswordResetID
    public let userID: UserID
    public let tokenHash: String
    public let createdAt: Date
    public let expiresAt: Date
    public let usedAt: Date?

    public init(
        id: PasswordResetID, userID: UserID, tokenHash: String, createdAt: Date, expiresAt: Date, usedAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }

    public func isUsable(at now: Date) -> Bool { usedAt == nil && now < expiresAt }
}

/// A user's TOTP credential (RFC 6238): the secret, sealed by the application, and the newest
/// time step accepted, so that no code is accepted twice.
public struct TwoFactorCredential: Sendable, Equatable {
    public let userID: UserID
    public let sealedSecret: String
    public let createdAt: Date
    /// nil while set up but not yet confirmed by a first code.
    public let enabledAt: Date?
    public let lastStep: Int64

    public init(userID: UserID, sealedSecret: String, createdAt: Date, enabledAt: Date?, lastStep: Int64) {
        self.userID = userID
        self.sealedSecret = sealedSecret
        self.createdAt = createdAt
        self.enabledAt = enabledAt
        self.lastStep = lastStep
    }

    public var isEnabled: Bool { enabledAt != nil }
}

/// Time steps of RFC 6238: 30 seconds each, counted from the epoch; a code is accepted one
/// step early or late (clocks drift, people type slowly), and only for a step newer than the
/// last one accepted.
public enum TOTPWindow {
    public static let period: TimeInterval = 30
    public static let digits = 6

    public static func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / period).rounded(.down))
    }

    /// The steps a code typed at `date` may belong to, newest last, after `lastStep`.
    public static func acceptableSteps(at date: Date, after lastStep: Int64) -> [Int64] {
        let now = step(at: date)
        return [now - 1, now, now + 1].filter { $0 > lastStep }
    }

    /// A code as typed: six digits, spaces ignored; nil when it cannot be one.
    public static func normalized(_ code: String) -> String? {
        let digits = code.filter { !$0.isWhitespace }
        guard digits.count == Self.digits, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return digits
    }
}

/// The second step of a login when 2FA is on: 5 minutes and 5 attempts.
public struct MFAChallenge: Sendable, Equatable {
    public static let lifetime: TimeInterval = 5 * 60
    public static let maximumAttempts = 5

    public let id: MFAChallengeID
    public let tokenHash: String
    public let userID: UserID
    public let organizationID: OrganizationID
    public let createdAt: Date
    public let expiresAt: Date
    public let attempts: Int
    public let completedAt: Date?
    public let client: SignInClient

    public init(
        id: MFAChallengeID, tokenHash: String, userID: UserID, organizationID: OrganizationID, createdAt: Date,
        expiresAt: Date, attempts: Int, completedAt: Date?, client: SignInClient
    ) {
        self.id = id
        self.tokenHash = tokenHash
        self.userID = userID
        self.organizationID = organizationID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.attempts = attempts
        self.completedAt = completedAt
        self.client = client
    }

    public func isOpen(at now: Date) -> Bool {
        completedAt == nil && attempts < Self.maximumAttempts && now < expiresAt
    }
}

/// Backup codes: ten, shown once, each usable once; stored as digests.
public enum BackupCodes {
    public static let count = 10

    /// A code as typed: lowercase, without spaces or dashes.
    public static func normalized(_ code: String) -> String {
        String(code.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// `xxxxx-xxxxx` from ten random base-32 characters (50 bits).
    public static func format(_ bytes: [UInt8]) -> String {
        let text = Base32.encode(bytes).lowercased()
        let characters = Array(text.prefix(10))
        return String(characters.prefix(5)) + "-" + String(characters.dropFirst(5))
    }
}

/// RFC 4648 base 32 without padding: how authenticator apps take a TOTP secret.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    public static func encode(_ bytes: [UInt8]) -> String {
        var output = ""
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return output
    }

    /// nil when the text holds a character outside the alphabet (case and padding are ignored).
    public static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.uppercased() where character != "=" {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                output.append(UInt8((buffer >> UInt32(bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return output
    }
}

/// The roles an organization requires 2FA for (none by default).
public struct TwoFactorPolicy: Sendable, Equatable {
    public let organizationID: OrganizationID
    public let roles: Set<Role>

    public init(organizationID: OrganizationID, roles: Set<Role>) {
        self.organizationID = organizationID
        self.roles = roles
    }

    /// Whether a member holding `held` must sign in with 2FA.
    public func requires(_ held: Set<Role>) -> Bool { !roles.isDisjoint(with: held) }
}

/// A change of email waiting for its confirmation link (24 hours, single use).
public struct EmailChange: Sendable, Equatable {
    public static let validity: TimeInterval = 24 * 3600

    public let id: UUID
    public let userID: UserID
    public let newEmail: Email
    public let tokenHash: String
    public let createdAt: Date
    public let expiresAt: Date
    public let confirmedAt: Date?

    public init(
        id: UUID, userID: UserID, newEmail: Email, tokenHash: String, createdAt: Date, expiresAt: Date,
        confirmedAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.newEmail = newEmail
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.confirmedAt = confirmedAt
    }

    public func isUsable(at now: Date) -> Bool { confirmedAt == nil && now < expiresAt }
}
