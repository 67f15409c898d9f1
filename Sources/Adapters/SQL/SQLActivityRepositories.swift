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

    enum CodingKeys: String, CodingKey {
        case id, action, entity, at
        case organizationId = "organization_id"
        case userId = "user_id"
        case entityId = "entity_id"
        case payloadJson = "payload_json"
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
        let total =
            try await filtered(
                db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from("audit_log")
            ).first(decodingColumn: "count", as: Int.self) ?? 0
        let rows = try await filtered(db.select().columns("*").from("audit_log"))
            .orderBy("seq", .descending).limit(page.perPage).offset(page.offset)
            .all(decoding: AuditRow.self, with: rowDecoder)
        return Page(
            items: try rows.map { row in
                AuditEvent(
                    id: AuditEventID(row.id), organizationID: OrganizationID(row.organizationId),
                    userID: row.userId.map(UserID.init), action: row.action, entity: row.entity,
                    entityID: row.entityId,
                    payload: try JSONDecoder().decode([String: String].self, from: Data(row.payloadJson.utf8)),
                    at: row.at)
            }, request: page, totalItems: total)
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
    }

    func list(for user: UserID, in organization: OrganizationID, unreadOnly: Bool, page: PageRequest) async throws
        -> Page<UserNotification>
    {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            let query = query.where("user_id", .equal, user.rawValue)
                .where("organization_id", .equal, organization.rawValue)
            return unreadOnly ? query.where("read", .equal, false) : query
        }
        let total =
            try await filtered(
                db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from("notifications")
            ).first(decodingColumn: "count", as: Int.self) ?? 0
        let rows = try await filtered(db.select().columns("*").from("notifications"))
            .orderBy("created_at", .descending).orderBy("id").limit(page.perPage).offset(page.offset)
            .all(decoding: NotificationRow.self, with: rowDecoder)
        return Page(
            items: rows.map { row in
                UserNotification(
                    id: NotificationID(row.id), organizationID: OrganizationID(row.organizationId),
                    userID: UserID(row.userId), kind: row.kind, title: row.title, body: row.body, entity: row.entity,
                    entityID: row.entityId, read: row.read, createdAt: row.createdAt)
            }, request: page, totalItems: total)
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
