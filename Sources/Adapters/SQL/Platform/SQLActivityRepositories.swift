import Application
import Domain
import Foundation
import SQLKit

struct AuditRow: Codable {
    let id: UUID
    let organizationId: UUID
    let userId: UUID?
    let action: String
    let entity: String
    let entityId: String
    let payloadJson: String
    let at: Date
    /// Set by the audit-seal job, never at insert.
    var chainPosition: Int64? = nil
    var chainHash: String? = nil

    enum CodingKeys: String, CodingKey {
        case id, action, entity, at
        case organizationId = "organization_id"
        case userId = "user_id"
        case entityId = "entity_id"
        case payloadJson = "payload_json"
        case chainPosition = "chain_position"
        case chainHash = "chain_hash"
    }
}

struct SQLAuditRepository: AuditRepository {
    let db: any SQLDatabase

    func append(_ event: AuditEvent) async throws {
        let payload = String(
            decoding: try JSONSerialization.data(withJSONObject: event.payload, options: [.sortedKeys]), as: UTF8.self)
        try await db.insert(into: "audit_log")
            .model(
                AuditRow(
                    id: event.id.rawValue, organizationId: event.organizationID.rawValue,
                    userId: event.userID?.rawValue,
                    action: event.action, entity: event.entity, entityId: event.entityID, payloadJson: payload,
                    at: event.at),
                nilEncodingStrategy: .asNil
            ).run()
    }

    func list(of organization: OrganizationID, filter: AuditFilter, page: PageRequest) async throws -> Page<AuditEvent>
    {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.where("organization_id", .equal, organization.rawValue)
            if let entity = filter.entity { query = query.where("entity", .equal, entity) }
            if let entityID = filter.entityID { query = query.where("entity_id", .equal, entityID) }
            if let user = filter.userID { query = query.where("user_id", .equal, user.rawValue) }
            if let from = filter.from { query = query.where("at", .greaterThanOrEqual, SQLBind(from)) }
            if let to = filter.to { query = query.where("at", .lessThan, SQLBind(to)) }
            return query
        }
        let (rows, total) = try await db.page(
            "audit_log", page, as: AuditRow.self, filtered: filtered, ordered: { $0.orderBy("seq", .descending) })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func organizationsWithUnsealed() async throws -> [OrganizationID] {
        try await db.select().distinct().column("organization_id").from("audit_log")
            .where("chain_hash", .is, SQLLiteral.null)
            .all(decodingColumn: "organization_id", as: UUID.self).map(OrganizationID.init)
    }

    func organizationsInLog() async throws -> [OrganizationID] {
        try await db.select().distinct().column("organization_id").from("audit_log")
            .orderBy("organization_id")
            .all(decodingColumn: "organization_id", as: UUID.self).map(OrganizationID.init)
    }

    func chainHead(of organization: OrganizationID) async throws -> SealedAuditEvent? {
        try await db.select().columns("*").from("audit_log")
            .where("organization_id", .equal, organization.rawValue).where("chain_hash", .isNot, SQLLiteral.null)
            .orderBy("chain_position", .descending).limit(1)
            .first(decoding: AuditRow.self, with: rowDecoder)?.sealed()
    }

    func unsealed(of organization: OrganizationID, limit: Int) async throws -> [AuditEvent] {
        try await db.select().columns("*").from("audit_log")
            .where("organization_id", .equal, organization.rawValue).where("chain_hash", .is, SQLLiteral.null)
            .orderBy("seq").limit(limit)
            .all(decoding: AuditRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func unsealedCount(of organization: OrganizationID) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_log")
            .where("organization_id", .equal, organization.rawValue).where("chain_hash", .is, SQLLiteral.null)
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    func seal(_ id: AuditEventID, position: Int64, hash: String) async throws -> Bool {
        try await !db.update("audit_log").set("chain_position", to: position).set("chain_hash", to: hash)
            .where("id", .equal, id.rawValue).where("chain_hash", .is, SQLLiteral.null)
            .returning("id").all().isEmpty
    }

    func sealed(of organization: OrganizationID, after position: Int64, limit: Int) async throws
        -> [SealedAuditEvent]
    {
        try await db.select().columns("*").from("audit_log")
            .where("organization_id", .equal, organization.rawValue).where("chain_position", .greaterThan, position)
            .orderBy("chain_position").limit(limit)
            .all(decoding: AuditRow.self, with: rowDecoder).compactMap { try $0.sealed() }
    }
}

extension AuditRow {
    func domain() throws -> AuditEvent {
        AuditEvent(
            id: AuditEventID(id), organizationID: OrganizationID(organizationId), userID: userId.map(UserID.init),
            action: action, entity: entity, entityID: entityId,
            payload: try JSONDecoder().decode([String: String].self, from: Data(payloadJson.utf8)), at: at)
    }

    /// nil for a row not sealed yet.
    func sealed() throws -> SealedAuditEvent? {
        guard let chainPosition, let chainHash else { return nil }
        return SealedAuditEvent(event: try domain(), position: chainPosition, hash: chainHash)
    }
}

struct NotificationRow: Codable {
    let id: UUID
    let organizationId: UUID
    let userId: UUID
    let kind: String
    let title: String
    let body: String
    let entity: String?
    let entityId: String?
    let read: Bool
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, kind, title, body, entity, read
        case organizationId = "organization_id"
        case userId = "user_id"
        case entityId = "entity_id"
        case createdAt = "created_at"
    }
}

struct SQLNotificationRepository: NotificationRepository {
    let db: any SQLDatabase

    func insert(_ notification: UserNotification) async throws {
        try await db.insert(into: "notifications")
            .model(
                NotificationRow(
                    id: notification.id.rawValue, organizationId: notification.organizationID.rawValue,
                    userId: notification.userID.rawValue, kind: notification.kind, title: notification.title,
                    body: notification.body, entity: notification.entity, entityId: notification.entityID,
                    read: notification.read, createdAt: notification.createdAt),
                nilEncodingStrategy: .asNil
            ).run()
        // The recipient's choice for this type: to the digest, or no email at all.
        try await db.raw(
            """
            UPDATE notifications SET email_status = CASE
                WHEN EXISTS (
                    SELECT 1 FROM users WHERE id = \(bind: notification.userID.rawValue) AND restricted_at IS NOT NULL)
                THEN 'skipped'
                WHEN (
                    SELECT delivery FROM notification_preferences
                    WHERE user_id = \(bind: notification.userID.rawValue) AND event_type = \(bind: notification.kind)
                ) = 'off' THEN 'skipped' ELSE 'digest' END
            WHERE id = \(bind: notification.id.rawValue) AND (EXISTS (
                SELECT 1 FROM notification_preferences
                WHERE user_id = \(bind: notification.userID.rawValue) AND event_type = \(bind: notification.kind)
                AND delivery <> 'immediate') OR EXISTS (
                SELECT 1 FROM users WHERE id = \(bind: notification.userID.rawValue) AND restricted_at IS NOT NULL))
            """
        ).run()
    }

    func list(for user: UserID, in organization: OrganizationID, unreadOnly: Bool, page: PageRequest) async throws
        -> Page<UserNotification>
    {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            let query = query.where("user_id", .equal, user.rawValue)
                .where("organization_id", .equal, organization.rawValue)
            return unreadOnly ? query.where("read", .equal, false) : query
        }
        let (rows, total) = try await db.page(
            "notifications", page, as: NotificationRow.self, filtered: filtered,
            ordered: { $0.orderBy("created_at", .descending).orderBy("id") })
        return Page(items: rows.map { $0.domain() }, request: page, totalItems: total)
    }

    func markRead(_ id: NotificationID, for user: UserID) async throws -> Bool {
        try await db.raw(
            """
            UPDATE notifications SET read = \(bind: true)
            WHERE id = \(bind: id.rawValue) AND user_id = \(bind: user.rawValue)
            RETURNING id
            """
        ).first() != nil
    }

    func markAllRead(for user: UserID, in organization: OrganizationID) async throws -> Int {
        try await db.raw(
            """
            UPDATE notifications SET read = \(bind: true)
            WHERE user_id = \(bind: user.rawValue) AND organization_id = \(bind: organization.rawValue)
                AND read = \(bind: false)
            RETURNING id
            """
        ).all().count
    }
}

struct SQLEmailOutboxRepository: EmailOutboxRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func claim(dueAt now: Date, leaseUntil: Date, limit: Int) async throws -> [PendingEmail] {
        let skipLocked = SQLQueryString(dialect.skipLockedClause)
        let rows = try await db.raw(
            """
            UPDATE notifications SET email_next_at = \(bind: leaseUntil)
            WHERE id IN (
                SELECT id FROM notifications
                WHERE email_status = 'pending' AND (email_next_at IS NULL OR email_next_at <= \(bind: now))
                ORDER BY created_at LIMIT \(bind: limit) \(skipLocked))
            RETURNING *
            """
        ).all()
        guard !rows.isEmpty else { return [] }
        let notifications = try rows.map { try $0.decode(model: NotificationRow.self, with: rowDecoder) }
        let attempts = Dictionary(
            uniqueKeysWithValues: try rows.map {
                (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "email_attempts", as: Int.self))
            })
        let emails = try await recipientAddresses(notifications.map(\.userId), db)
        return try notifications.sorted { $0.createdAt < $1.createdAt }.compactMap { row in
            guard let address = emails[row.userId] else { return nil }
            return PendingEmail(
                notification: row.domain(), to: try Email(stored: address), attempts: attempts[row.id] ?? 0)
        }
    }

    func markSent(_ id: NotificationID) async throws {
        try await db.update("notifications").set("email_status", to: "sent").set("email_error", to: SQLLiteral.null)
            .where("id", .equal, id.rawValue).run()
    }

    func markFailed(_ id: NotificationID, attempts: Int, retryAt: Date?, error: String) async throws {
        try await db.update("notifications").set("email_status", to: retryAt == nil ? "failed" : "pending")
            .set("email_attempts", to: attempts).set("email_next_at", to: retryAt)
            .set("email_error", to: String(error.prefix(1000)))
            .where("id", .equal, id.rawValue).run()
    }
}

struct MailQueueRow: Codable {
    let id: UUID
    let organizationId: UUID?
    let toEmail: String
    let subject: String
    let body: String
    let createdAt: Date
    let status: String
    let attempts: Int
    let nextAt: Date
    /// A JSON array of document versions.
    let attachments: String

    enum CodingKeys: String, CodingKey {
        case id, subject, body, status, attempts, attachments
        case organizationId = "organization_id"
        case toEmail = "to_email"
        case createdAt = "created_at"
        case nextAt = "next_at"
    }
}

struct SQLMailQueueRepository: MailQueueRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func enqueue(_ email: QueuedEmail) async throws {
        try await db.insert(into: "mail_queue")
            .model(
                MailQueueRow(
                    id: email.id, organizationId: email.organizationID?.rawValue, toEmail: email.message.to.value,
                    subject: email.message.subject, body: email.message.body, createdAt: email.createdAt,
                    status: "pending", attempts: email.attempts, nextAt: email.createdAt,
                    attachments: String(decoding: try JSONEncoder().encode(email.attachments), as: UTF8.self))
            )
            .run()
    }

    func claim(dueAt now: Date, leaseUntil: Date, limit: Int, ids: [UUID]?) async throws -> [QueuedEmail] {
        let skipLocked = SQLQueryString(dialect.skipLockedClause)
        let only: SQLQueryString = ids.map { "AND id IN \(SQLBind.group($0))" } ?? ""
        let rows = try await db.raw(
            """
            UPDATE mail_queue SET next_at = \(bind: leaseUntil)
            WHERE id IN (
                SELECT id FROM mail_queue
                WHERE status = 'pending' AND next_at <= \(bind: now) \(only)
                ORDER BY created_at LIMIT \(bind: limit) \(skipLocked))
            RETURNING *
            """
        ).all(decoding: MailQueueRow.self, with: rowDecoder)
        return try rows.sorted { $0.createdAt < $1.createdAt }.map { row in
            QueuedEmail(
                id: row.id, organizationID: row.organizationId.map(OrganizationID.init),
                message: EmailMessage(to: try Email(stored: row.toEmail), subject: row.subject, body: row.body),
                createdAt: row.createdAt, attempts: row.attempts,
                attachments: try JSONDecoder().decode([AttachmentReference].self, from: Data(row.attachments.utf8)))
        }
    }

    func markSent(_ id: UUID, at: Date) async throws {
        // The body may hold a magic link: it is not kept once sent.
        try await db.update("mail_queue").set("status", to: "sent").set("sent_at", to: at).set("body", to: "")
            .set("error", to: SQLLiteral.null).where("id", .equal, id).run()
    }

    func markFailed(_ id: UUID, attempts: Int, retryAt: Date?, error: String) async throws {
        var update = db.update("mail_queue").set("status", to: retryAt == nil ? "failed" : "pending")
            .set("attempts", to: attempts).set("error", to: String(error.prefix(1000)))
        // Given up: the body (which may hold a magic link) is not kept.
        update = retryAt.map { update.set("next_at", to: $0) } ?? update.set("body", to: "")
        try await update.where("id", .equal, id).run()
    }
}

/// The email address of each of these users, for mailing their notifications.
func recipientAddresses(_ users: [UUID], _ db: any SQLDatabase) async throws -> [UUID: String] {
    Dictionary(
        uniqueKeysWithValues: try await db.select().column("id").column("email").from("users")
            .where("id", .in, Array(Set(users))).all()
            .map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "email", as: String.self)) })
}

extension NotificationRow {
    func domain() -> UserNotification {
        UserNotification(
            id: NotificationID(id), organizationID: OrganizationID(organizationId), userID: UserID(userId), kind: kind,
            title: title, body: body, entity: entity, entityID: entityId, read: read, createdAt: createdAt)
    }
}

struct SQLNotificationPreferenceRepository: NotificationPreferenceRepository {
    let db: any SQLDatabase

    func preferences(of user: UserID) async throws -> [String: NotificationDelivery] {
        var result: [String: NotificationDelivery] = [:]
        for row in try await db.select().columns("event_type", "delivery").from("notification_preferences")
            .where("user_id", .equal, user.rawValue).all()
        {
            let raw = try row.decode(column: "delivery", as: String.self)
            guard let delivery = NotificationDelivery(rawValue: raw) else {
                throw CorruptRow(table: "notification_preferences", reason: "unknown delivery \(raw)")
            }
            result[try row.decode(column: "event_type", as: String.self)] = delivery
        }
        return result
    }

    func set(_ delivery: NotificationDelivery, for type: String, of user: UserID, at date: Date) async throws {
        try await db.insert(into: "notification_preferences")
            .columns("user_id", "event_type", "delivery", "updated_at")
            .values(SQLBind(user.rawValue), SQLBind(type), SQLBind(delivery.rawValue), SQLBind(date))
            .onConflict(with: ["user_id", "event_type"]) {
                $0.set(excludedValueOf: "delivery").set(excludedValueOf: "updated_at")
            }
            .run()
        // The emails of this type still waiting follow the new choice at once.
        try await db.update("notifications").set("email_status", to: Self.emailStatus(delivery))
            .where("user_id", .equal, user.rawValue).where("kind", .equal, type)
            .where("email_status", .in, ["pending", "digest", "skipped"])
            .where("email_attempts", .equal, 0)
            .run()
    }

    func takeDigests(limit: Int) async throws -> [PendingEmail] {
        let rows = try await db.select().columns("*").from("notifications").where("email_status", .equal, "digest")
            .orderBy("created_at").orderBy("id").limit(limit)
            .all(decoding: NotificationRow.self, with: rowDecoder)
        guard !rows.isEmpty else { return [] }
        try await db.update("notifications").set("email_status", to: "digested")
            .where("id", .in, rows.map(\.id)).run()
        let emails = try await recipientAddresses(rows.map(\.userId), db)
        return try rows.compactMap { row in
            guard let address = emails[row.userId] else { return nil }
            return PendingEmail(notification: row.domain(), to: try Email(stored: address), attempts: 0)
        }
    }

    func dropWaitingEmails(of user: UserID) async throws {
        try await db.update("notifications").set("email_status", to: "skipped")
            .where("user_id", .equal, user.rawValue).where("email_status", .in, ["pending", "digest"]).run()
    }

    /// The notifications' email status a delivery gives.
    static func emailStatus(_ delivery: NotificationDelivery) -> String {
        switch delivery {
        case .immediate: "pending"
        case .dailyDigest: "digest"
        case .off: "skipped"
        }
    }
}
