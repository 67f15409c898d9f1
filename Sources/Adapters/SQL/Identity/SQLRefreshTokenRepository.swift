import Application
import Domain
import Foundation
import SQLKit

struct RefreshTokenRow: Codable {
    let id: UUID
    let familyId: UUID
    let userId: UUID
    let organizationId: UUID
    let tokenHash: String
    let issuedAt: Date
    let expiresAt: Date
    let rotatedAt: Date?
    let revokedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id
        case familyId = "family_id"
        case userId = "user_id"
        case organizationId = "organization_id"
        case tokenHash = "token_hash"
        case issuedAt = "issued_at"
        case expiresAt = "expires_at"
        case rotatedAt = "rotated_at"
        case revokedAt = "revoked_at"
    }
}

extension RefreshTokenRow {
    init(_ token: RefreshToken) {
        self.init(
            id: token.id.rawValue, familyId: token.familyID.rawValue, userId: token.userID.rawValue,
            organizationId: token.organizationID.rawValue, tokenHash: token.tokenHash, issuedAt: token.issuedAt,
            expiresAt: token.expiresAt, rotatedAt: token.rotatedAt, revokedAt: token.revokedAt)
    }

    var domain: RefreshToken {
        RefreshToken(
            id: RefreshTokenID(id), familyID: TokenFamilyID(familyId), userID: UserID(userId),
            organizationID: OrganizationID(organizationId), tokenHash: tokenHash, issuedAt: issuedAt,
            expiresAt: expiresAt, rotatedAt: rotatedAt, revokedAt: revokedAt)
    }
}

struct SQLRefreshTokenRepository: RefreshTokenRepository {
    let db: any SQLDatabase

    func insert(_ token: RefreshToken) async throws {
        try await db.insert(into: "refresh_tokens").row(RefreshTokenRow(token)).run()
    }

    func find(tokenHash: String) async throws -> RefreshToken? {
        try await db.select().columns("*").from("refresh_tokens").where("token_hash", .equal, tokenHash)
            .first(decoding: RefreshTokenRow.self, with: rowDecoder)?.domain
    }

    func markRotated(_ id: RefreshTokenID, at date: Date) async throws -> Bool {
        // The guard in WHERE makes rotation a compare-and-set: of two concurrent refreshes, one wins.
        let rows = try await db.update("refresh_tokens")
            .set("rotated_at", to: date)
            .where("id", .equal, id.rawValue)
            .where("rotated_at", .is, SQLLiteral.null)
            .where("revoked_at", .is, SQLLiteral.null)
            .returning("id")
            .all()
        return !rows.isEmpty
    }

    func isOpen(_ family: TokenFamilyID) async throws -> Bool {
        try await db.select().column(SQLLiteral.numeric("1")).from("refresh_tokens")
            .where("family_id", .equal, family.rawValue)
            .where("revoked_at", .is, SQLLiteral.null)
            .limit(1).first() != nil
    }

    func revokeFamily(_ family: TokenFamilyID, at date: Date) async throws {
        try await db.update("refresh_tokens")
            .set("revoked_at", to: date)
            .where("family_id", .equal, family.rawValue)
            .where("revoked_at", .is, SQLLiteral.null)
            .run()
    }

    func revokeAll(of user: UserID, keeping: TokenFamilyID?, at date: Date) async throws -> [RefreshToken] {
        var update = db.update("refresh_tokens").set("revoked_at", to: date)
            .where("user_id", .equal, user.rawValue).where("revoked_at", .is, SQLLiteral.null)
        if let keeping { update = update.where("family_id", .notEqual, keeping.rawValue) }
        let revoked = try await update.returning(SQLLiteral.all).all(decoding: RefreshTokenRow.self, with: rowDecoder)
        // One per session (family), for closing its sockets.
        var seen = Set<UUID>()
        return revoked.filter { seen.insert($0.familyId).inserted }.map(\.domain)
    }

    func deleteExpired(before date: Date) async throws -> Int {
        try await db.delete(from: "refresh_tokens").where("expires_at", .lessThan, date).returning("id").all().count
    }
}
