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

    public init(
        userID: UserID, organizationID: OrganizationID, roles: Set<Role>, issuedAt: Date, expiresAt: Date,
        tokenID: String, sessionID: TokenFamilyID? = nil
    ) {
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
public protocol Persistence: Sendable {
    func read<T: Sendable>(_ work: @Sendable (any Repositories) async throws -> T) async throws -> T
    func write<T: Sendable>(_ work: @Sendable (any Repositories) async throws -> T) async throws -> T
    /// True when the database answers a trivial query.
    func isReachable() async -> Bool
    /// Refreshes the query planner's statistics where the database does not do it by itself
    /// (SQLite's `PRAGMA optimize`; PostgreSQL's autovacuum already analyzes).
    func optimize() async throws
}

/// Every repository, bound to one connection or transaction. Modules add their repositories here.
public protocol Repositories: Sendable {
    var organizations: any OrganizationRepository { get }
    var users: any UserRepository { get }
    var memberships: any MembershipRepository { get }
    var invitations: any InvitationRepository { get }
    var refreshTokens: any RefreshTokenRepository { get }
    var settings: any SettingsRepository { get }
    var buildings: any BuildingRepository { get }
    var lots: any LotRepository { get }
    var owners: any OwnerRepository { get }
    var ownerships: any OwnershipRepository { get }
    var budgets: any BudgetRepository { get }
    var accounts: any AccountRepository { get }
    var journal: any JournalRepository { get }
    var callsForFunds: any CallForFundsRepository { get }
    var budgetAlerts: any BudgetAlertRepository { get }
    var audit: any AuditRepository { get }
    var notifications: any NotificationRepository { get }
    var equipements: any EquipementRepository { get }
    var techniciens: any TechnicienRepository { get }
    var interventions: any InterventionRepository { get }
    var plans: any PreventivePlanRepository { get }
    var maintenanceSettings: any MaintenanceSettingsRepository { get }
    var jobLocks: any JobLockRepository { get }
    var emailOutbox: any EmailOutboxRepository { get }
    var mailQueue: any MailQueueRepository { get }
    var societes: any SocieteRepository { get }
    var taxis: any TaxiRepository { get }
    var dispatchClients: any DispatchClientRepository { get }
    var commandes: any CommandeRepository { get }
    var demandes: any DemandeRepository { get }
    var dispatchStats: any DispatchStatsRepository { get }
}
