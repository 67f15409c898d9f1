public import Foundation
import Synchronization

/// Too many attempts from one client: try again after `retryAfter` seconds.
public struct RateLimited: Error, Equatable, Sendable {
    public let retryAfter: Int
}

/// At most `limit` attempts per key in each fixed window (per server instance), e.g. 10
/// public bookings per client address per hour. Windows of idle keys are dropped as time passes.
public final class RateLimiter: Sendable {
    public let limit: Int
    public let window: TimeInterval
    private let counts = Mutex<[String: (start: Date, count: Int)]>([:])

    public init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Counts one attempt; throws `RateLimited` past the limit.
    public func attempt(_ key: String, at now: Date) throws {
        let retryAfter: Int? = counts.withLock { counts in
            if counts.count > 10_000 { counts = counts.filter { now.timeIntervalSince($0.value.start) < window } }
            var entry = counts[key] ?? (now, 0)
            if now.timeIntervalSince(entry.start) >= window { entry = (now, 0) }
            guard entry.count < limit else {
                return max(1, Int((entry.start.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
            }
            entry.count += 1
            counts[key] = entry
            return nil
        }
        if let retryAfter { throw RateLimited(retryAfter: retryAfter) }
    }
}
