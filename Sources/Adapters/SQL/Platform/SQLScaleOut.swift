public import Application
public import Foundation
import SQLKit

/// The first insert of a (job, period) row wins the period; the primary key decides, on every
/// instance, inside the caller's transaction.
struct SQLJobRunRepository: JobRunRepository {
    let db: any SQLDatabase

    func claim(job: String, period: Date, instance: String, at now: Date, forgetBefore: Date) async throws -> Bool {
        try await db.raw(
            "DELETE FROM job_runs WHERE job = \(bind: job) AND period_start < \(bind: forgetBefore)"
        ).run()
        let claimed = try await db.raw(
            """
            INSERT INTO job_runs (job, period_start, instance, claimed_at)
            VALUES (\(bind: job), \(bind: period), \(bind: instance), \(bind: now))
            ON CONFLICT (job, period_start) DO NOTHING
            RETURNING job
            """
        ).first()
        return claimed != nil
    }
}

/// Rate-limit counts in the database, shared by every instance: one upsert per attempt, in its
/// own statement (outside any use case's transaction, so a refused request still counts).
public struct SQLRateLimitStore: RateLimitStore {
    let persistence: SQLPersistence

    public init(persistence: SQLPersistence) {
        self.persistence = persistence
    }

    public func hit(scope: String, key: String, windowStart: Date) async throws -> Int {
        try await persistence.withDatabase { db in
            try await db.raw(
                """
                INSERT INTO rate_limit_hits (scope, client_key, window_start, hits)
                VALUES (\(bind: scope), \(bind: key), \(bind: windowStart), 1)
                ON CONFLICT (scope, client_key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
                RETURNING hits
                """
            ).first(decodingColumn: "hits", as: Int.self) ?? 0
        }
    }

    public func hits(scope: String, key: String, windowStart: Date) async throws -> Int {
        try await persistence.withDatabase { db in
            try await db.select().column("hits").from("rate_limit_hits")
                .where("scope", .equal, scope).where("client_key", .equal, key)
                .where("window_start", .equal, windowStart)
                .first(decodingColumn: "hits", as: Int.self) ?? 0
        }
    }

    public func forget(before date: Date) async throws -> Int {
        try await persistence.withDatabase { db in
            try await db.raw(
                "DELETE FROM rate_limit_hits WHERE window_start < \(bind: date) RETURNING scope"
            ).all().count
        }
    }
}
