public import Domain
public import Foundation

/// The current time. Use cases read it here so tests can fix it.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// New identifiers for entities.
public protocol IDGenerator: Sendable {
    func make() -> UUID
}

/// Password hashing (bcrypt in production). CPU-heavy: implementations run off the cooperative pool.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async throws -> String
    func verify(_ password: String, against hash: String) async throws -> Bool
    /// Takes as long as a failed `verify`, so a login for an unknown email cannot be told apart by timing.
    func verifyNothing(_ password: String) async
}

/// Opaque secrets handed to clients (refresh tokens, invitation tokens), stored only as hashes.
public protocol SecretTokenGenerator: Sendable {
    /// A new random token, URL-safe.
    func makeToken() -> String
    /// A deterministic, one-way digest of a token, the only form that is stored.
    func digest(_ token: String) -> String
}

/// TOTP codes (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) and the sealing of their
/// secrets at rest (AES-GCM under a key of the server's).
public protocol OneTimePasswords: Sendable {
    /// Cryptographically random bytes: a new secret (20 bytes), a backup code.
    func randomBytes(_ count: Int) -> [UInt8]
    func code(secret: [UInt8], step: Int64) -> String
    func seal(_ secret: [UInt8]) throws -> String
    /// Throws when the sealed text was not sealed under this key or was altered.
    func open(_ sealed: String) throws -> [UInt8]
}

/// What a signed access token says about its bearer.
public struct AccessClaims: Sendable, Equatable {
    public let userID: UserID
    public let organizationID: OrganizationID
    public let roles: Set<Role>
    public let issuedAt: Date
    public let expiresAt: Date
    public let tokenID: String
    /// The sign-in session (refresh-token family) the token belongs to: logging out closes its
    /// WebSockets. Absent in tokens from builds before it was added.
    public let sessionID: TokenFamilyID?
    /// The organization requires 2FA for these roles and the user has not enabled it: the token
    /// allows nothing but setting it up (`scope: 2fa_setup`).
    public let twoFactorSetupOnly: Bool

    public init(
        userID: UserID, organizationID: OrganizationID, roles: Set<Role>, issuedAt: Date, expiresAt: Date,
        tokenID: String, sessionID: TokenFamilyID? = nil, twoFactorSetupOnly: Bool = false
    ) {
        self.twoFactorSetupOnly = twoFactorSetupOnly
        self.userID = userID
        self.organizationID = organizationID
        self.roles = roles
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.tokenID = tokenID
        self.sessionID = sessionID
    }
}

/// Signs and checks access tokens (JWT HS256 in production).
public protocol AccessTokenIssuer: Sendable {
    func sign(_ claims: AccessClaims) async throws -> String
    /// Throws `ApplicationError.invalidAccessToken` for a bad signature, a malformed or an expired token.
    func verify(_ token: String) async throws -> AccessClaims
}

/// Runs work against the store: `read` for queries, `write` for one atomic transaction.
/// Whatever `write`'s closure does is committed together or not at all.
/// How busy the database pool is, for `/metrics`.
public struct PoolUsage: Sendable, Equatable {
    /// Connections held by a use case right now.
    public var inUse: Int
    /// Callers waiting for a connection.
    public var waiting: Int
    /// The most connections the pool opens.
    public var capacity: Int

    public init(inUse: Int, waiting: Int, capacity: Int) {
        self.inUse = inUse
        self.waiting = waiting
        self.capacity = capacity
    }
}

public protocol Persistence: Sendable {
    func read<T: Sendable>(_ work: @Sendable (any Repositories) async throws -> T) async throws -> T
    func write<T: Sendable>(_ work: @Sendable (any Repositories) async throws -> T) async throws -> T
    /// For a write that is a single statement: run without BEGIN and COMMIT, two round trips
    /// fewer, since the database makes one statement atomic by itself (its deferred constraints
    /// are checked when it ends). `work` must write with at most one statement.
    func writeOneStatement<T: Sendable>(_ work: @Sendable (any Repositories) async throws -> T) async throws -> T
    /// True when the database answers a trivial query.
    func isReachable() async -> Bool
    /// Refreshes the query planner's statistics where the database does not do it by itself
    /// (SQLite's `PRAGMA optimize`; PostgreSQL's autovacuum already analyzes).
    func optimize() async throws
}

/// Every module's stores, bound to one connection or transaction: the composition of each
/// module's own store port (`IdentityStores`, `CoOwnershipStores`, …, each in its module's
/// folder). A use case's closure may take only the ports it uses, `{ (stores: any
/// PlatformStores) in … }`, since `any Repositories` converts to any of them.
public protocol Repositories: IdentityStores, CoOwnershipStores, FinanceStores, MaintenanceStores, DispatchStores,
    GovernanceStores, FinanceOperationsStores, LegalFileStores, CommunityStores, ConstructionStores,
    DocumentsStores, InspectionStores, PlatformStores
{}
