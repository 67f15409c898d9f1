public import Foundation
import Synchronization

/// Too many attempts from one client: try again after `retryAfter` seconds.
public struct RateLimited: Error, Equatable, Sendable {
    public let retryAfter: Int

    public init(retryAfter: Int) { self.retryAfter = retryAfter }
}

/// Where attempts are counted. On PostgreSQL the counts live in the database, so every instance
/// sees the same ones; with SQLite (one process) they stay in memory.
public protocol RateLimitStore: Sendable {
    /// Counts one attempt of `key` within `scope` in the window that starts at `windowStart`, and
    /// returns the window's attempts, this one included.
    func hit(scope: String, key: String, windowStart: Date) async throws -> Int
    /// The window's attempts so far, without counting one.
    func hits(scope: String, key: String, windowStart: Date) async throws -> Int
    /// Forgets windows that started before `date`; returns how many were forgotten.
    func forget(before date: Date) async throws -> Int
}

/// At most `limit` attempts per key in each fixed window, e.g. 10 public bookings per client
/// address per hour. Windows are aligned on the epoch (`window` seconds each), so every
/// instance cuts time the same way; attempts refused still count.
public struct RateLimiter: Sendable {
    public let scope: String
    public let limit: Int
    public let window: TimeInterval
    let store: any RateLimitStore

    public init(scope: String, limit: Int, window: TimeInterval, store: any RateLimitStore) {
        self.scope = scope
        self.limit = limit
        self.window = window
        self.store = store
    }

    /// Counts one attempt; throws `RateLimited` past the limit.
    public func attempt(_ key: String, at now: Date) async throws {
        let start = windowStart(at: now)
        let hits = try await store.hit(scope: scope, key: key, windowStart: start)
        guard hits <= limit else { throw refusal(at: now) }
    }

    /// Throws `RateLimited` when the window already holds `limit` attempts, without counting
    /// one: for limits on failures, checked before the attempt and counted only if it fails.
    public func check(_ key: String, at now: Date) async throws {
        guard try await store.hits(scope: scope, key: key, windowStart: windowStart(at: now)) < limit else {
            throw refusal(at: now)
        }
    }

    /// Counts one failed attempt and returns the window's count, this one included.
    @discardableResult
    public func record(_ key: String, at now: Date) async throws -> Int {
        try await store.hit(scope: scope, key: key, windowStart: windowStart(at: now))
    }

    func windowStart(at now: Date) -> Date {
        Date(timeIntervalSince1970: (now.timeIntervalSince1970 / window).rounded(.down) * window)
    }

    /// Refused until the current window ends.
    func refusal(at now: Date) -> RateLimited {
        RateLimited(
            retryAfter: max(1, Int(windowStart(at: now).addingTimeInterval(window).timeIntervalSince(now).rounded(.up)))
        )
    }
}

/// Counts in this process only: right for one process (SQLite), wrong behind a load balancer.
public final class InProcessRateLimitStore: RateLimitStore {
    private struct Window: Hashable {
        let scope: String
        let key: String
        let start: Date
    }
    private let counts = Mutex<[Window: Int]>([:])

    public init() {}

    public func hit(scope: String, key: String, windowStart: Date) async throws -> Int {
        counts.withLock { counts in
            // Bounded memory: windows older than the newest one seen are dropped past 10,000 keys.
            if counts.count > 10_000 { counts = counts.filter { $0.key.start >= windowStart } }
            let window = Window(scope: scope, key: key, start: windowStart)
            counts[window, default: 0] += 1
            return counts[window]!
        }
    }

    public func hits(scope: String, key: String, windowStart: Date) async throws -> Int {
        counts.withLock { $0[Window(scope: scope, key: key, start: windowStart)] ?? 0 }
    }

    public func forget(before date: Date) async throws -> Int {
        counts.withLock { counts in
            let before = counts.count
            counts = counts.filter { $0.key.start >= date }
            return before - counts.count
        }
    }
}
