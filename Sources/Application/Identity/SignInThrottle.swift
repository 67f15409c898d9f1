public import Foundation

/// Brute-force protection for sign-in: after 5 failures for one account in a 15-minute
/// window, or 20 from one address, every attempt is refused with `RateLimited` until the window
/// ends, even with the right password. The same rule covers 2FA codes and password resets, each
/// counted apart. The counts live in the rate-limit store, so on PostgreSQL they hold across
/// instances. Accounts are keyed by the digest of the email, never the email itself.
public struct SignInThrottle: Sendable {
    public static let window: TimeInterval = 15 * 60
    public static let failuresPerAccount = 5
    public static let failuresPerAddress = 20

    /// What is being attempted; each has its own counts.
    public enum Attempt: String, Sendable, CaseIterable {
        case login
        case twoFactor = "two-factor"
        case passwordReset = "password-reset"
    }

    let store: any RateLimitStore

    public init(store: any RateLimitStore) { self.store = store }

    private func limiters(_ attempt: Attempt) -> (account: RateLimiter, address: RateLimiter) {
        (
            RateLimiter(
                scope: "\(attempt.rawValue)-account", limit: Self.failuresPerAccount, window: Self.window,
                store: store),
            RateLimiter(
                scope: "\(attempt.rawValue)-address", limit: Self.failuresPerAddress, window: Self.window,
                store: store)
        )
    }

    /// Throws `RateLimited` when the account or the address has used up its failures.
    func check(_ attempt: Attempt, account: String?, address: String?, at now: Date) async throws {
        let (byAccount, byAddress) = limiters(attempt)
        if let account { try await byAccount.check(account, at: now) }
        try await byAddress.check(Self.addressKey(address), at: now)
    }

    /// Counts one failure; true when it is the one that locks the account for the window (its
    /// owner is told once).
    func fail(_ attempt: Attempt, account: String?, address: String?, at now: Date) async throws -> Bool {
        let (byAccount, byAddress) = limiters(attempt)
        try await byAddress.record(Self.addressKey(address), at: now)
        guard let account else { return false }
        return try await byAccount.record(account, at: now) == Self.failuresPerAccount
    }

    /// When the window that locked the account ends.
    func lockedUntil(at now: Date) -> Date {
        limiters(.login).account.windowStart(at: now).addingTimeInterval(Self.window)
    }

    /// A request without a known peer (tests through the router) counts as one address.
    static func addressKey(_ address: String?) -> String { address ?? "unknown" }
}
