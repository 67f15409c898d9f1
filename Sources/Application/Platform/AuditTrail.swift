public import Domain
public import Foundation

public struct AuditFilter: Sendable {
    public var entity: String?
    public var entityID: String?
    public var userID: UserID?
    public var from: Date?
    public var to: Date?

    public init(
        entity: String? = nil, entityID: String? = nil, userID: UserID? = nil, from: Date? = nil, to: Date? = nil
    ) {
        self.entity = entity
        self.entityID = entityID
        self.userID = userID
        self.from = from
        self.to = to
    }
}

/// Append-only: there is no update or delete, here or in any route.
public protocol AuditRepository: Sendable {
    func append(_ event: AuditEvent) async throws
    /// Newest first.
    func list(of organization: OrganizationID, filter: AuditFilter, page: PageRequest) async throws -> Page<AuditEvent>

    // The hash chain (`AuditChain`).
    /// Organizations that have rows not sealed yet.
    func organizationsWithUnsealed() async throws -> [OrganizationID]
    /// Every organization with at least one row.
    func organizationsInLog() async throws -> [OrganizationID]
    /// The last sealed row of the organization's chain.
    func chainHead(of organization: OrganizationID) async throws -> SealedAuditEvent?
    /// Rows not sealed yet, in the order they were appended.
    func unsealed(of organization: OrganizationID, limit: Int) async throws -> [AuditEvent]
    func unsealedCount(of organization: OrganizationID) async throws -> Int
    /// Seals a row not sealed yet; false when it was sealed already.
    func seal(_ id: AuditEventID, position: Int64, hash: String) async throws -> Bool
    /// Sealed rows after `position`, by position.
    func sealed(of organization: OrganizationID, after position: Int64, limit: Int) async throws -> [SealedAuditEvent]
}

/// An audit row with its place in its organization's chain.
public struct SealedAuditEvent: Sendable, Equatable {
    public let event: AuditEvent
    public let position: Int64
    public let hash: String

    public init(event: AuditEvent, position: Int64, hash: String) {
        self.event = event
        self.position = position
        self.hash = hash
    }
}

public protocol NotificationRepository: Sendable {
    func insert(_ notification: UserNotification) async throws
    /// Newest first.
    func list(for user: UserID, in organization: OrganizationID, unreadOnly: Bool, page: PageRequest) async throws
        -> Page<UserNotification>
    /// Marks one of the user's notifications read; false when the user has no such notification.
    func markRead(_ id: NotificationID, for user: UserID) async throws -> Bool
    /// Returns how many were unread.
    func markAllRead(for user: UserID, in organization: OrganizationID) async throws -> Int
}

/// Writes domain events to the audit log and notifications to users, inside the caller's
/// transaction: a change and its trace commit or roll back together. Every module uses it.
public struct AuditTrail: Sendable {
    let clock: any WallClock
    let ids: any IDGenerator

    public init(clock: any WallClock, ids: any IDGenerator) {
        self.clock = clock
        self.ids = ids
    }

    /// The user behind an action: nil for a job, and for the operator at the command line (who
    /// has no user account).
    static func actor(_ principal: Principal?) -> UserID? {
        principal.flatMap { $0 == .operator(of: $0.organizationID) ? nil : $0.userID }
    }

    func record(
        _ action: String, entity: String, id: String, payload: [String: String] = [:], by principal: Principal?,
        organization: OrganizationID, _ repos: any PlatformStores
    ) async throws {
        try await repos.audit.append(
            AuditEvent(
                id: AuditEventID(ids.make()), organizationID: organization, userID: Self.actor(principal),
                action: action,
                entity: entity, entityID: id, payload: payload, at: clock.now()))
    }

    /// One notification per user, in a stable order; returns how many were written.
    @discardableResult
    func notify(
        _ users: Set<UserID>, in organization: OrganizationID, kind: String, title: String, body: String,
        entity: String, id: String, _ repos: any PlatformStores
    ) async throws -> Int {
        for user in users.sorted(by: { $0.description < $1.description }) {
            try await notify(
                user, in: organization, kind: kind, title: title, body: body, entity: entity, id: id, repos)
        }
        return users.count
    }

    func notify(
        _ user: UserID, in organization: OrganizationID, kind: String, title: String, body: String, entity: String,
        id: String, _ repos: any PlatformStores
    ) async throws {
        try await repos.notifications.insert(
            UserNotification(
                id: NotificationID(ids.make()), organizationID: organization, userID: user, kind: kind, title: title,
                body: body, entity: entity, entityID: id, createdAt: clock.now()))
    }
}

/// Reading the audit log (organization admins) and one's own notifications (everyone). Its use
/// cases see only the platform's stores (`any PlatformStores`), the first module narrowed so.
public struct ActivityService: Sendable {
    let persistence: any Persistence

    public init(persistence: any Persistence) { self.persistence = persistence }

    public func auditLog(filter: AuditFilter, page: PageRequest, as principal: Principal) async throws -> Page<
        AuditEvent
    > {
        try AccessPolicy.require(.readAuditLog, by: principal)
        return try await persistence.read { (repos: any PlatformStores) in
            try await repos.audit.list(of: principal.organizationID, filter: filter, page: page)
        }
    }

    public func notifications(unreadOnly: Bool, page: PageRequest, as principal: Principal) async throws -> Page<
        UserNotification
    > {
        try await persistence.read { (repos: any PlatformStores) in
            try await repos.notifications.list(
                for: principal.userID, in: principal.organizationID, unreadOnly: unreadOnly, page: page)
        }
    }

    public func markRead(_ id: NotificationID, as principal: Principal) async throws {
        try await persistence.write { (repos: any PlatformStores) in
            guard try await repos.notifications.markRead(id, for: principal.userID) else {
                throw ApplicationError.notFound(entity: "notification", id: id.description)
            }
        }
    }

    public func markAllRead(as principal: Principal) async throws -> Int {
        try await persistence.write { (repos: any PlatformStores) in
            try await repos.notifications.markAllRead(for: principal.userID, in: principal.organizationID)
        }
    }
}
