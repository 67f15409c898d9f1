import Application
import Domain
import Foundation
import Hummingbird

struct AuditEventResponse: ResponseEncodable {
    let id, action, entity, entityId: String
    let userId: String?
    let payload: [String: String]
    let at: Date

    init(_ event: AuditEvent) {
        id = event.id.description
        action = event.action
        entity = event.entity
        entityId = event.entityID
        userId = event.userID?.description
        // Keys as Application wrote them (camelCase; rows from before kept snake_case), spelled
        // for the wire.
        payload = WireName.keys(of: event.payload)
        at = event.at
    }
}

struct NotificationResponse: ResponseEncodable {
    let id, type, title, body: String
    let entity, entityId: String?
    let read: Bool
    let createdAt: Date

    init(_ notification: UserNotification) {
        id = notification.id.description
        type = notification.kind
        title = notification.title
        body = notification.body
        entity = notification.entity
        entityId = notification.entityID
        read = notification.read
        createdAt = notification.createdAt
    }
}

struct ReadAllResponse: ResponseEncodable {
    let marked: Int
}

/// `/api/v1/audit-log` (read-only, admins) and the caller's `/notifications`.
struct ActivityRoutes {
    let service: ActivityService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.get("audit-log") { request, context in
            let parameters = request.uri.queryParameters
            let filter = AuditFilter(
                entity: parameters.get("entity"), entityID: parameters.get("entity_id"),
                userID: try request.idQuery("user_id", as: UserID.self), from: try request.dayQuery("from"),
                to: try request.dayQuery("to", throughEndOfDay: true))
            return ListResponse(
                try await service.auditLog(filter: filter, page: try request.pageRequest(), as: context.principal),
                AuditEventResponse.init)
        }
        group.get("notifications") { request, context in
            let unread: Bool =
                switch request.uri.queryParameters.get("unread") {
                case nil, "false": false
                case "true": true
                default: throw RequestError.invalidParameter(name: "unread", reason: "must be true or false")
                }
            return ListResponse(
                try await service.notifications(
                    unreadOnly: unread, page: try request.pageRequest(), as: context.principal),
                NotificationResponse.init)
        }
        group.post("notifications/read-all") { _, context in
            ReadAllResponse(marked: try await service.markAllRead(as: context.principal))
        }
        group.post("notifications/{id}/read") { _, context in
            try await service.markRead(
                try context.parameters.id(as: NotificationID.self, entity: "notification"), as: context.principal)
            return HTTPResponse.Status.noContent
        }
        group.get("me/notification-preferences") { _, context in
            PreferencesResponse(try await service.notificationPreferences(as: context.principal))
        }
        group.put("me/notification-preferences") { request, context in
            let body = try await request.decodeJSON(PreferencesRequest.self, context: context)
            return PreferencesResponse(
                try await service.setNotificationPreferences(
                    body.preferences.map { ($0.type, $0.delivery) }, as: context.principal))
        }
    }
}

struct PreferencesRequest: Decodable {
    struct Choice: Decodable {
        let type: String
        let delivery: String
    }

    let preferences: [Choice]
}

/// Every notification type, with the caller's email delivery for it.
struct PreferencesResponse: ResponseEncodable {
    struct Item: Encodable {
        let type: String
        let summary: String
        let delivery: String
    }

    let preferences: [Item]

    init(_ items: [(NotificationType, NotificationDelivery)]) {
        preferences = items.map { Item(type: $0.0.name, summary: $0.0.summary, delivery: $0.1.rawValue) }
    }
}
