import Application
import Domain
import Foundation
import SQLKit

struct PasswordResetRow: Codable {
    let id: UUID
    let userId: UUID
    let tokenHash: String
    let createdAt: Date
    let expiresAt: Date
    let usedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id
        case userId = "user_id"
        case tokenHash = "token_hash"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case usedAt = "used_at"
    }
}

struct SQLPasswordResetRepository: PasswordResetRepository {
    let db: any SQLDatabase

    func insert(_ reset: PasswordReset) async throws {
        try await db.insert(into: "password_resets")
            .row(
                PasswordResetRow(
                    id: reset.id.rawValue, userId: reset.userID.rawValue, tokenHash: reset.tokenHash,
                    createdAt: reset.createdAt, expiresAt: reset.expiresAt, usedAt: reset.usedAt)
            ).run()
    }

    func find(tokenHash: String) async throws -> PasswordReset? {
        try await db.select().columns("*").from("password_resets").where("token_hash", .equal, tokenHash)
            .first(decoding: PasswordResetRow.self, with: rowDecoder)
            .map {
                PasswordReset(
                    id: PasswordResetID($0.id), userID: UserID($0.userId), tokenHash: $0.tokenHash,
                    createdAt: $0.createdAt, expiresAt: $0.expiresAt, usedAt: $0.usedAt)
            }
    }

    func useAll(of user: UserID, claiming id: PasswordResetID, at date: Date) async throws -> Bool {
        // The claimed link first, as a compare-and-set: of two concurrent resets, one wins.
        let claimed = try await db.update("password_resets").set("used_at", to: date)
            .where("id", .equal, id.rawValue).where("used_at", .is, SQLLiteral.null)
            .returning("id").all()
        guard !claimed.isEmpty else { return false }
        try await db.update("password_resets").set("used_at", to: date)
            .where("user_id", .equal, user.rawValue).where("used_at", .is, SQLLiteral.null).run()
        return true
    }

    func deleteExpired(before date: Date) async throws -> Int {
        try await db.delete(from: "password_resets").where("expires_at", .lessThan, date).returning("id").all().count
    }
}

struct TwoFactorRow: Codable {
    let userId: UUID
    let sealedSecret: String
    let createdAt: Date
    let enabledAt: Date?
    let lastStep: Int64

    enum CodingKeys: String, CodingKey {
        case userId = "user_id"
        case sealedSecret = "sealed_secret"
        case createdAt = "created_at"
        case enabledAt = "enabled_at"
        case lastStep = "last_step"
    }
}

struct BackupCodeRow: Codable {
    let userId: UUID
    let codeHash: String
    let usedAt: Date?

    enum CodingKeys: String, CodingKey {
        case userId = "user_id"
        case codeHash = "code_hash"
        case usedAt = "used_at"
    }
}

struct SQLTwoFactorRepository: TwoFactorRepository {
    let db: any SQLDatabase

    func credential(of user: UserID) async throws -> TwoFactorCredential? {
        try await db.select().columns("*").from("two_factor_credentials").where("user_id", .equal, user.rawValue)
            .first(decoding: TwoFactorRow.self, with: rowDecoder)
            .map {
                TwoFactorCredential(
                    userID: UserID($0.userId), sealedSecret: $0.sealedSecret, createdAt: $0.createdAt,
                    enabledAt: $0.enabledAt, lastStep: $0.lastStep)
            }
    }

    func save(_ credential: TwoFactorCredential) async throws {
        try await db.delete(from: "two_factor_backup_codes").where("user_id", .equal, credential.userID.rawValue)
            .run()
        try await db.insert(into: "two_factor_credentials")
            .row(
                TwoFactorRow(
                    userId: credential.userID.rawValue, sealedSecret: credential.sealedSecret,
                    createdAt: credential.createdAt, enabledAt: credential.enabledAt, lastStep: credential.lastStep)
            )
            .onConflict(with: "user_id") {
                $0.set(excludedValueOf: "sealed_secret").set(excludedValueOf: "created_at")
                    .set(excludedValueOf: "enabled_at").set(excludedValueOf: "last_step")
            }
            .run()
    }

    func enable(_ user: UserID, at date: Date, step: Int64, backupCodeHashes: [String]) async throws {
        try await db.update("two_factor_credentials").set("enabled_at", to: date).set("last_step", to: step)
            .where("user_id", .equal, user.rawValue).run()
        try await db.delete(from: "two_factor_backup_codes").where("user_id", .equal, user.rawValue).run()
        guard !backupCodeHashes.isEmpty else { return }
        try await db.insert(into: "two_factor_backup_codes")
            .models(backupCodeHashes.map { BackupCodeRow(userId: user.rawValue, codeHash: $0, usedAt: nil) })
            .run()
    }

    func advance(_ user: UserID, to step: Int64) async throws -> Bool {
        try await !db.update("two_factor_credentials").set("last_step", to: step)
            .where("user_id", .equal, user.rawValue).where("last_step", .lessThan, step)
            .returning("user_id").all().isEmpty
    }

    func useBackupCode(_ user: UserID, hash: String, at date: Date) async throws -> Bool {
        try await !db.update("two_factor_backup_codes").set("used_at", to: date)
            .where("user_id", .equal, user.rawValue).where("code_hash", .equal, hash)
            .where("used_at", .is, SQLLiteral.null)
            .returning("user_id").all().isEmpty
    }

    func delete(_ user: UserID) async throws -> Bool {
        try await db.delete(from: "two_factor_backup_codes").where("user_id", .equal, user.rawValue).run()
        return try await !db.delete(from: "two_factor_credentials").where("user_id", .equal, user.rawValue)
            .returning("user_id").all().isEmpty
    }
}

struct MFAChallengeRow: Codable {
    let id: UUID
    let tokenHash: String
    let userId: UUID
    let organizationId: UUID
    let createdAt: Date
    let expiresAt: Date
    let attempts: Int
    let completedAt: Date?
    let userAgent: String?
    let address: String?

    enum CodingKeys: String, CodingKey {
        case id
        case tokenHash = "token_hash"
        case userId = "user_id"
        case organizationId = "organization_id"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case attempts
        case completedAt = "completed_at"
        case userAgent = "user_agent"
        case address
    }
}

struct SQLMFAChallengeRepository: MFAChallengeRepository {
    let db: any SQLDatabase

    func insert(_ challenge: MFAChallenge) async throws {
        try await db.insert(into: "mfa_challenges")
            .row(
                MFAChallengeRow(
                    id: challenge.id.rawValue, tokenHash: challenge.tokenHash, userId: challenge.userID.rawValue,
                    organizationId: challenge.organizationID.rawValue, createdAt: challenge.createdAt,
                    expiresAt: challenge.expiresAt, attempts: challenge.attempts, completedAt: challenge.completedAt,
                    userAgent: challenge.client.userAgent, address: challenge.client.address)
            ).run()
    }

    func find(tokenHash: String) async throws -> MFAChallenge? {
        try await db.select().columns("*").from("mfa_challenges").where("token_hash", .equal, tokenHash)
            .first(decoding: MFAChallengeRow.self, with: rowDecoder)
            .map {
                MFAChallenge(
                    id: MFAChallengeID($0.id), tokenHash: $0.tokenHash, userID: UserID($0.userId),
                    organizationID: OrganizationID($0.organizationId), createdAt: $0.createdAt,
                    expiresAt: $0.expiresAt, attempts: $0.attempts, completedAt: $0.completedAt,
                    client: SignInClient(userAgent: $0.userAgent, address: $0.address))
            }
    }

    func recordFailure(_ id: MFAChallengeID) async throws {
        try await db.update("mfa_challenges").set("attempts", to: SQLRaw("attempts + 1"))
            .where("id", .equal, id.rawValue).run()
    }

    func complete(_ id: MFAChallengeID, at date: Date) async throws -> Bool {
        try await !db.update("mfa_challenges").set("completed_at", to: date)
            .where("id", .equal, id.rawValue).where("completed_at", .is, SQLLiteral.null)
            .where("attempts", .lessThan, MFAChallenge.maximumAttempts)
            .returning("id").all().isEmpty
    }

    func deleteExpired(before date: Date) async throws -> Int {
        try await db.delete(from: "mfa_challenges").where("expires_at", .lessThan, date).returning("id").all().count
    }
}

struct TwoFactorPolicyRow: Codable {
    let organizationId: UUID
    let roles: String
    let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case organizationId = "organization_id"
        case roles
        case updatedAt = "updated_at"
    }
}

struct SQLTwoFactorPolicyRepository: TwoFactorPolicyRepository {
    let db: any SQLDatabase

    func policy(of organization: OrganizationID) async throws -> TwoFactorPolicy {
        let stored = try await db.select().column("roles").from("two_factor_policies")
            .where("organization_id", .equal, organization.rawValue)
            .first(decodingColumn: "roles", as: String.self)
        let roles = try (stored ?? "").split(separator: ",").map { raw in
            guard let role = Role(rawValue: String(raw)) else {
                throw CorruptRow(table: "two_factor_policies", reason: "unknown role \(raw)")
            }
            return role
        }
        return TwoFactorPolicy(organizationID: organization, roles: Set(roles))
    }

    func save(_ policy: TwoFactorPolicy, at date: Date) async throws {
        try await db.insert(into: "two_factor_policies")
            .row(
                TwoFactorPolicyRow(
                    organizationId: policy.organizationID.rawValue,
                    roles: policy.roles.sorted().map(\.rawValue).joined(separator: ","), updatedAt: date)
            )
            .onConflict(with: "organization_id") { $0.set(excludedValueOf: "roles").set(excludedValueOf: "updated_at") }
            .run()
    }
}

struct SignInSessionRow: Codable {
    let id: UUID
    let userId: UUID
    let organizationId: UUID
    let createdAt: Date
    let lastUsedAt: Date
    let userAgent: String?
    let address: String?

    enum CodingKeys: String, CodingKey {
        case id
        case userId = "user_id"
        case organizationId = "organization_id"
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
        case userAgent = "user_agent"
        case address
    }

    var domain: SignInSession {
        SignInSession(
            id: TokenFamilyID(id), userID: UserID(userId), organizationID: OrganizationID(organizationId),
            createdAt: createdAt, lastUsedAt: lastUsedAt, client: SignInClient(userAgent: userAgent, address: address))
    }
}

struct SQLSignInSessionRepository: SignInSessionRepository {
    let db: any SQLDatabase

    func insert(_ session: SignInSession) async throws {
        try await db.insert(into: "sign_in_sessions")
            .row(
                SignInSessionRow(
                    id: session.id.rawValue, userId: session.userID.rawValue,
                    organizationId: session.organizationID.rawValue, createdAt: session.createdAt,
                    lastUsedAt: session.lastUsedAt, userAgent: session.client.userAgent,
                    address: session.client.address)
            ).run()
    }

    func touch(_ id: TokenFamilyID, at date: Date) async throws {
        try await db.update("sign_in_sessions").set("last_used_at", to: date).where("id", .equal, id.rawValue).run()
    }

    func find(_ id: TokenFamilyID) async throws -> SignInSession? {
        try await db.select().columns("*").from("sign_in_sessions").where("id", .equal, id.rawValue)
            .first(decoding: SignInSessionRow.self, with: rowDecoder)?.domain
    }

    func open(of user: UserID, at now: Date) async throws -> [SignInSession] {
        // Open: a refresh token of the family is neither rotated nor revoked, and not expired.
        try await db.raw(
            """
            SELECT s.* FROM sign_in_sessions s
            WHERE s.user_id = \(bind: user.rawValue) AND EXISTS (
                SELECT 1 FROM refresh_tokens t WHERE t.family_id = s.id AND t.revoked_at IS NULL
                AND t.rotated_at IS NULL AND t.expires_at > \(bind: now))
            ORDER BY s.created_at DESC, s.id
            """
        )
        .all(decoding: SignInSessionRow.self, with: rowDecoder).map(\.domain)
    }

    func deleteOrphaned() async throws -> Int {
        try await db.raw(
            """
            DELETE FROM sign_in_sessions
            WHERE NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = sign_in_sessions.id)
            RETURNING id
            """
        ).all().count
    }
}

struct EmailChangeRow: Codable {
    let id: UUID
    let userId: UUID
    let newEmail: String
    let tokenHash: String
    let createdAt: Date
    let expiresAt: Date
    let confirmedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id
        case userId = "user_id"
        case newEmail = "new_email"
        case tokenHash = "token_hash"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case confirmedAt = "confirmed_at"
    }
}

struct SQLEmailChangeRepository: EmailChangeRepository {
    let db: any SQLDatabase

    func insert(_ change: EmailChange) async throws {
        try await db.insert(into: "email_changes")
            .row(
                EmailChangeRow(
                    id: change.id, userId: change.userID.rawValue, newEmail: change.newEmail.value,
                    tokenHash: change.tokenHash, createdAt: change.createdAt, expiresAt: change.expiresAt,
                    confirmedAt: change.confirmedAt)
            ).run()
    }

    func find(tokenHash: String) async throws -> EmailChange? {
        guard
            let row = try await db.select().columns("*").from("email_changes").where("token_hash", .equal, tokenHash)
                .first(decoding: EmailChangeRow.self, with: rowDecoder)
        else { return nil }
        guard let email = try? Email(stored: row.newEmail) else {
            throw CorruptRow(table: "email_changes", reason: "bad email for \(row.id)")
        }
        return EmailChange(
            id: row.id, userID: UserID(row.userId), newEmail: email, tokenHash: row.tokenHash,
            createdAt: row.createdAt, expiresAt: row.expiresAt, confirmedAt: row.confirmedAt)
    }

    func confirm(_ id: UUID, at date: Date) async throws -> Bool {
        try await !db.update("email_changes").set("confirmed_at", to: date)
            .where("id", .equal, id).where("confirmed_at", .is, SQLLiteral.null)
            .returning("id").all().isEmpty
    }
}
