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
        organization: OrganizationID, _ repos: any UsesAudit
    ) async throws {
        try await repos.audit.append(
            AuditEvent(
                id: AuditEventID(ids.make()), organizationID: organization, userID: Self.actor(principal),
                action: action,
                entity: entity, entityID: id, payload: payload, at: clock.now()))
    }

    /// An event about a person's account (sign-in, 2FA, password, privacy), written into the audit
    /// log of each organization they belong to: an account is not one organization's. By the
    /// person themselves, or nil for a job or the operator. Ids only, never secrets or addresses.
    func recordAboutAccount(
        _ action: String, user: UserID, payload: [String: String] = [:], byTheUser: Bool,
        _ repos: any UsesAudit & UsesMemberships
    ) async throws {
        for membership in try await repos.memberships.memberships(of: user) {
            let organization = membership.organizationID
            try await record(
                action, entity: "user", id: user.description, payload: payload,
                by: byTheUser ? Principal(userID: user, organizationID: organization, roles: []) : nil,
                organization: organization, repos)
        }
    }

    /// One notification per user, in a stable order; returns how many were written.
    @discardableResult
    func notify(
        _ users: Set<UserID>, in organization: OrganizationID, kind: String, title: String, body: String,
        entity: String, id: String, _ repos: any UsesNotifications
    ) async throws -> Int {
        for user in users.sorted(by: { $0.description < $1.description }) {
            try await notify(
                user, in: organization, kind: kind, title: title, body: body, entity: entity, id: id, repos)
        }
        return users.count
    }

    func notify(
        _ user: UserID, in organization: OrganizationID, kind: String, title: String, body: String, entity: String,
        id: String, _ repos: any UsesNotifications
    ) async throws {
        try await repos.notifications.insert(
            UserNotification(
                id: NotificationID(ids.make()), organizationID: organization, userID: user, kind: kind, title: title,
                body: body, entity: entity, entityID: id, createdAt: clock.now()))
    }
}

/// Reading the audit log (organization admins) and one's own notifications (everyone), and
/// each user's choice of how notifications are emailed. Its use cases see only the platform's
/// stores (`any PlatformStores`), the first module narrowed so.
public struct ActivityService: Sendable {
    public static let digestJob = "notification-digest"

    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    /// Every module's notification types, the ones users choose a delivery for.
    public let notificationTypes: [NotificationType]

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator,
        notificationTypes: [NotificationType] = []
    ) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.notificationTypes = notificationTypes
    }

    /// Each registered type with the caller's delivery (immediate unless chosen otherwise).
    public func notificationPreferences(as principal: Principal) async throws -> [(
        NotificationType, NotificationDelivery
    )] {
        let chosen = try await persistence.read { (repos: any UsesNotificationPreferences) in
            try await repos.notificationPreferences.preferences(of: principal.userID)
        }
        return notificationTypes.map { ($0, chosen[$0.name] ?? .immediate) }
    }

    /// Sets the caller's delivery for some types; emails already waiting follow at once (an
    /// objection to email, Art. 21, takes effect in the queue, not at the next send).
    public func setNotificationPreferences(_ choices: [(type: String, delivery: String)], as principal: Principal)
        async throws -> [(NotificationType, NotificationDelivery)]
    {
        let known = Set(notificationTypes.map(\.name))
        let parsed = try choices.enumerated().map { index, choice -> (String, NotificationDelivery) in
            guard known.contains(choice.type) else {
                throw DomainError.invalidValue(
                    field: "preferences[\(index)].type", reason: "is not a notification type (see GET)")
            }
            guard let delivery = NotificationDelivery(rawValue: choice.delivery) else {
                throw DomainError.invalidValue(
                    field: "preferences[\(index)].delivery", reason: "must be immediate, daily_digest or off")
            }
            return (choice.type, delivery)
        }
        let now = clock.now()
        try await persistence.write { (repos: any UsesNotificationPreferences) in
            for (type, delivery) in parsed {
                try await repos.notificationPreferences.set(delivery, for: type, of: principal.userID, at: now)
            }
        }
        return try await notificationPreferences(as: principal)
    }

    /// The daily digest: one email per user listing the notifications they chose to receive so,
    /// queued for the mail job.
    public func runDigestJob() async throws -> JobReport {
        let now = clock.now()
        var sent = 0
        while true {
            let (batch, emails) = try await persistence.write {
                (repos: any UsesMailQueue & UsesNotificationPreferences) -> (Int, Int) in
                let pending = try await repos.notificationPreferences.takeDigests(limit: 500)
                let byUser = Dictionary(grouping: pending, by: \.notification.userID)
                for (_, items) in byUser.sorted(by: { $0.key.description < $1.key.description }) {
                    guard let first = items.first else { continue }
                    let lines = items.map { "- \($0.notification.title): \($0.notification.body)" }
                    try await repos.mailQueue.enqueue(
                        QueuedEmail(
                            id: ids.make(), organizationID: nil,
                            message: EmailMessage(
                                to: first.to, subject: "Your Gestio digest: \(items.count) notification(s)",
                                body: (["Since the last digest:", ""] + lines + [
                                    "", "Choose how each type reaches you in your notification preferences.",
                                ]).joined(separator: "\n")), createdAt: now))
                }
                return (pending.count, byUser.count)
            }
            sent += emails
            if batch < 500 { break }
        }
        return JobReport(job: Self.digestJob, ran: true, created: sent, skipped: 0, notified: sent)
    }

    public func auditLog(filter: AuditFilter, page: PageRequest, as principal: Principal) async throws -> Page<
        AuditEvent
    > {
        try AccessPolicy.require(.readAuditLog, by: principal)
        return try await persistence.read { (repos: any UsesAudit) in
            try await repos.audit.list(of: principal.organizationID, filter: filter, page: page)
        }
    }

    public func notifications(unreadOnly: Bool, page: PageRequest, as principal: Principal) async throws -> Page<
        UserNotification
    > {
        try await persistence.read { (repos: any UsesNotifications) in
            try await repos.notifications.list(
                for: principal.userID, in: principal.organizationID, unreadOnly: unreadOnly, page: page)
        }
    }

    public func markRead(_ id: NotificationID, as principal: Principal) async throws {
        try await persistence.write { (repos: any UsesNotifications) in
            guard try await repos.notifications.markRead(id, for: principal.userID) else {
                throw ApplicationError.notFound(entity: "notification", id: id.description)
            }
        }
    }

    public func markAllRead(as principal: Principal) async throws -> Int {
        try await persistence.write { (repos: any UsesNotifications) in
            try await repos.notifications.markAllRead(for: principal.userID, in: principal.organizationID)
        }
    }
}
