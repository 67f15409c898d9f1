/// How a user wants a type of notification emailed. The notification itself is always kept
/// in the app; this governs the email only.
public enum NotificationDelivery: String, Sendable, CaseIterable, Codable {
    case immediate
    case dailyDigest = "daily_digest"
    case off
}

/// A type of notification a module sends (`intervention.assigned`…), registered by the module
/// so that users can choose its delivery.
public struct NotificationType: Sendable, Equatable {
    public let name: String
    public let summary: String

    public init(_ name: String, _ summary: String) {
        self.name = name
        self.summary = summary
    }
}
