public import Foundation

public typealias AuditEventID = Identifier<AuditEvent>
public typealias NotificationID = Identifier<UserNotification>

/// A domain event as the audit trail keeps it: who did what to which entity, when, with what data.
public struct AuditEvent: Sendable, Equatable {
    public let id: AuditEventID
    public let organizationID: OrganizationID
    public let userID: UserID?
    public let action: String
    public let entity: String
    public let entityID: String
    /// The event's data as a JSON object.
    public let payload: [String: String]
    public let at: Date

    public init(
        id: AuditEventID, organizationID: OrganizationID, userID: UserID?, action: String, entity: String,
        entityID: String, payload: [String: String], at: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.userID = userID
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.payload = payload
        self.at = at
    }
}

/// A message for one user, about an entity, read or not.
public struct UserNotification: Sendable, Equatable {
    public let id: NotificationID
    public let organizationID: OrganizationID
    public let userID: UserID
    public let kind: String
    public let title: String
    public let body: String
    public let entity: String?
    public let entityID: String?
    public var read: Bool
    public let createdAt: Date

    public init(
        id: NotificationID, organizationID: OrganizationID, userID: UserID, kind: String, title: String, body: String,
        entity: String?, entityID: String?, read: Bool = false, createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.userID = userID
        self.kind = kind
        self.title = title
        self.body = body
        self.entity = entity
        self.entityID = entityID
        self.read = read
        self.createdAt = createdAt
    }
}
