public import Domain
public import Foundation

/// The first answer to a write request sent with an `Idempotency-Key`.
public struct StoredAnswer: Sendable, Equatable {
    public let status: Int
    public let contentType: String?
    public let body: String

    public init(status: Int, contentType: String?, body: String) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

/// What a key holds when a request arrives with it.
public enum IdempotencyClaim: Sendable, Equatable {
    /// The key is new: this request runs, and its answer is kept.
    case claimed
    /// The request was answered: its answer is given again, and nothing runs.
    case answered(StoredAnswer)
    /// The first request with this key is still running.
    case inProgress
    /// The key was used for another request (another method, path or body).
    case reused
}

public protocol IdempotencyKeyRepository: Sendable {
    /// Claims the key for the request `fingerprint`, or says what it holds. Keys of the user
    /// older than `expiredBefore`, and keys still unanswered since before `abandonedBefore`, are
    /// forgotten first.
    func claim(
        _ key: String, of user: UserID, in organization: OrganizationID, fingerprint: String, at: Date,
        expiredBefore: Date, abandonedBefore: Date
    ) async throws -> IdempotencyClaim
    /// Keeps the answer of a claimed key.
    func answer(_ key: String, of user: UserID, with answer: StoredAnswer) async throws
    /// Forgets a claimed key whose request failed, so that it can be sent again.
    func release(_ key: String, of user: UserID) async throws
    /// Forgets every user's keys created before `time`; how many.
    func purge(createdBefore time: Date) async throws -> Int
}

/// Write requests a client may safely send again (an offline site replaying its changes): the
/// first answer to a user's `Idempotency-Key` is kept 24 hours and given back to every replay,
/// which changes nothing. A replay while the first request runs is refused (409), as is the key
/// sent with another request (422). A request that fails keeps nothing (its transaction rolled
/// back), so it may be sent again with the same key. A key whose request never answered (the
/// process stopped while it ran) is free again after 10 minutes.
public struct IdempotencyService: Sendable {
    public static let purgeJob = "idempotency-keys"
    /// How long an answer is kept.
    public static let lifetime: TimeInterval = 24 * 3600
    /// How long a key stays "in progress" without an answer before a replay may take it: longer
    /// than any request runs (uploads included), short enough that a request lost with its
    /// process does not block the client's replays for a day.
    public static let lease: TimeInterval = 600
    /// The longest key accepted.
    public static let maximumKeyLength = 255
    /// The largest answer kept; a larger one is not kept (its key is released).
    public static let maximumAnswerBytes = 1 << 20

    let persistence: any Persistence
    let clock: any WallClock

    public init(persistence: any Persistence, clock: any WallClock) {
        self.persistence = persistence
        self.clock = clock
    }

    /// A key is 1 to 255 visible ASCII characters (a UUID, usually).
    public static func isValid(_ key: String) -> Bool {
        (1...maximumKeyLength).contains(key.utf8.count) && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    public func claim(_ key: String, fingerprint: String, as principal: Principal) async throws -> IdempotencyClaim {
        let now = clock.now()
        return try await persistence.write { (repos: any UsesIdempotencyKeys) in
            try await repos.idempotencyKeys.claim(
                key, of: principal.userID, in: principal.organizationID, fingerprint: fingerprint, at: now,
                expiredBefore: now.addingTimeInterval(-Self.lifetime),
                abandonedBefore: now.addingTimeInterval(-Self.lease))
        }
    }

    public func keep(_ answer: StoredAnswer, for key: String, as principal: Principal) async throws {
        guard answer.body.utf8.count <= Self.maximumAnswerBytes else { return try await release(key, as: principal) }
        try await persistence.write { (repos: any UsesIdempotencyKeys) in
            try await repos.idempotencyKeys.answer(key, of: principal.userID, with: answer)
        }
    }

    public func release(_ key: String, as principal: Principal) async throws {
        try await persistence.write { (repos: any UsesIdempotencyKeys) in
            try await repos.idempotencyKeys.release(key, of: principal.userID)
        }
    }

    /// Forgets the answers older than their lifetime, of every user (a claim forgets only its
    /// own user's).
    public func runPurgeJob() async throws -> JobReport {
        let purged = try await persistence.write { (repos: any UsesIdempotencyKeys) in
            try await repos.idempotencyKeys.purge(createdBefore: clock.now().addingTimeInterval(-Self.lifetime))
        }
        return JobReport(job: Self.purgeJob, ran: true, created: 0, skipped: purged, notified: 0)
    }
}
