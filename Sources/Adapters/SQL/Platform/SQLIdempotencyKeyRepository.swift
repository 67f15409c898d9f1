import Application
import Domain
import Foundation
import SQLKit

struct SQLIdempotencyKeyRepository: IdempotencyKeyRepository {
    let db: any SQLDatabase

    private struct Row: Decodable {
        let fingerprint: String
        let status: Int?
        let contentType: String?
        let body: String?

        enum CodingKeys: String, CodingKey {
            case fingerprint, status, body
            case contentType = "content_type"
        }
    }

    func claim(
        _ key: String, of user: UserID, in organization: OrganizationID, fingerprint: String, at: Date,
        expiredBefore: Date, abandonedBefore: Date
    ) async throws -> IdempotencyClaim {
        try await db.delete(from: "idempotency_keys").where("user_id", .equal, user.rawValue)
            .where {
                $0.where("created_at", .lessThan, expiredBefore).orWhere { abandoned in
                    abandoned.where("status", .is, SQLLiteral.null).where("created_at", .lessThan, abandonedBefore)
                }
            }.run()
        let inserted = try await db.raw(
            """
            INSERT INTO idempotency_keys (user_id, idempotency_key, organization_id, fingerprint, created_at)
            VALUES (\(bind: user.rawValue), \(bind: key), \(bind: organization.rawValue), \(bind: fingerprint), \(bind: at))
            ON CONFLICT DO NOTHING RETURNING fingerprint
            """
        ).all()
        if !inserted.isEmpty { return .claimed }
        guard
            let row = try await db.select().columns("fingerprint", "status", "content_type", "body")
                .from("idempotency_keys").where("user_id", .equal, user.rawValue)
                .where("idempotency_key", .equal, key).first(decoding: Row.self)
        else {
            // Taken and released between the insert and the read: the client may send it again.
            return .inProgress
        }
        guard row.fingerprint == fingerprint else { return .reused }
        guard let status = row.status else { return .inProgress }
        return .answered(StoredAnswer(status: status, contentType: row.contentType, body: row.body ?? ""))
    }

    func answer(_ key: String, of user: UserID, with answer: StoredAnswer) async throws {
        try await db.update("idempotency_keys").set("status", to: answer.status)
            .set("content_type", to: answer.contentType).set("body", to: answer.body)
            .where("user_id", .equal, user.rawValue).where("idempotency_key", .equal, key).run()
    }

    func purge(createdBefore time: Date) async throws -> Int {
        try await db.raw("DELETE FROM idempotency_keys WHERE created_at < \(bind: time) RETURNING user_id").all().count
    }

    func release(_ key: String, of user: UserID) async throws {
        try await db.delete(from: "idempotency_keys").where("user_id", .equal, user.rawValue)
            .where("idempotency_key", .equal, key).run()
    }
}
