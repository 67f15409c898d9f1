public import Domain
public import Foundation
import Synchronization

/// A change pushed to connected clients over WebSockets once its transaction has committed.
public struct LiveEvent: Sendable, Codable, Equatable {
    /// The WebSocket endpoint that carries the event.
    public enum Channel: String, Sendable, Codable, CaseIterable {
        /// Dispatchers: new ride, SLA alert, intervention created.
        case notifications
        /// One driver: their own offers, schedule changes, cancellations.
        case demandes
        /// Every planning change, for every dispatcher's planning view.
        case planning
        /// A construction project's chat (`/ws/projects/{id}`): messages, read positions, and a
        /// member taken off the project (whose sockets close). `data.project_id` names the project.
        case project
        /// Not an endpoint: tells a user's open sockets that their session ended (logout, removal
        /// from the company, roles changed), so they close.
        case session
    }

    public let channel: Channel
    public let organizationID: OrganizationID
    /// When set, only this user receives the event (a driver's own offers).
    public let userID: UserID?
    /// `commande.created`, `commande.offered`, `demande.accepted`…
    public let type: String
    public let data: [String: String]
    public let at: Date

    public init(
        channel: Channel, organizationID: OrganizationID, userID: UserID? = nil, type: String,
        data: [String: String], at: Date
    ) {
        self.channel = channel
        self.organizationID = organizationID
        self.userID = userID
        self.type = type
        self.data = data
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case channel, type, data, at
        case organizationID = "organization_id"
        case userID = "user_id"
    }
}

extension LiveEvent {
    /// The user's sockets in the organization close: those of one sign-in session (`session`,
    /// at logout), or all of them (nil: removed from the company, roles changed).
    public static func sessionClosed(
        _ user: UserID, in organization: OrganizationID, session: TokenFamilyID?, reason: String, at now: Date
    ) -> LiveEvent {
        var data = ["reason": reason]
        if let session { data["session"] = session.description }
        return LiveEvent(
            channel: .session, organizationID: organization, userID: user, type: "session.closed", data: data, at: now)
    }

    /// Whether this `session.closed` event ends a socket opened with `session`.
    public func closes(session: TokenFamilyID?) -> Bool {
        guard channel == .session else { return false }
        guard let target = data["session"] else { return true }
        return target == session?.description
    }
}

/// Who listens: one socket, in one organization, on one channel, as one user.
public struct LiveSubscription: Sendable, Hashable {
    public let channel: LiveEvent.Channel
    public let organizationID: OrganizationID
    public let userID: UserID

    public init(channel: LiveEvent.Channel, organizationID: OrganizationID, userID: UserID) {
        self.channel = channel
        self.organizationID = organizationID
        self.userID = userID
    }

    /// Same channel and organization, and addressed to everyone or to this user.
    public func wants(_ event: LiveEvent) -> Bool {
        event.channel == channel && event.organizationID == organizationID
            && (event.userID == nil || event.userID == userID)
    }
}

/// Fans events out to everyone who listens: in-process, or across instances (PostgreSQL
/// LISTEN/NOTIFY). Publishing never fails a business operation: it happens after commit, and a
/// lost event only delays a screen until its next refresh.
public protocol EventBroadcaster: Sendable {
    func publish(_ events: [LiveEvent]) async
    /// Events for this subscription until the stream is dropped.
    func subscribe(_ subscription: LiveSubscription) -> AsyncStream<LiveEvent>
    /// Returns once events published from now on reach this process's subscribers.
    func ready() async
}

/// The local fan-out every broadcaster ends in: subscribers of this process, each with a
/// bounded buffer (a slow socket loses its oldest events, never blocks the others).
public final class LiveEventHub: Sendable {
    private struct Subscriber {
        let subscription: LiveSubscription
        let continuation: AsyncStream<LiveEvent>.Continuation
    }

    private let subscribers = Mutex<[UUID: Subscriber]>([:])
    let bufferSize: Int

    public init(bufferSize: Int = 256) { self.bufferSize = bufferSize }

    public var subscriberCount: Int { subscribers.withLock { $0.count } }

    public func subscribe(_ subscription: LiveSubscription) -> AsyncStream<LiveEvent> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: LiveEvent.self, bufferingPolicy: .bufferingNewest(bufferSize))
        let key = UUID()
        subscribers.withLock { $0[key] = Subscriber(subscription: subscription, continuation: continuation) }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: key) }
        }
        return stream
    }

    /// Hands each event to the subscribers that want it.
    public func deliver(_ events: [LiveEvent]) {
        let targets = subscribers.withLock { Array($0.values) }
        for event in events {
            for subscriber in targets where subscriber.subscription.wants(event) {
                subscriber.continuation.yield(event)
            }
        }
    }
}

/// One process: events go straight to the local hub (SQLite, or a single PostgreSQL instance
/// in tests).
public struct InProcessEventBroadcaster: EventBroadcaster {
    public let hub: LiveEventHub

    public init(hub: LiveEventHub = LiveEventHub()) { self.hub = hub }

    public func publish(_ events: [LiveEvent]) async { hub.deliver(events) }
    public func ready() async {}
    public func subscribe(_ subscription: LiveSubscription) -> AsyncStream<LiveEvent> {
        hub.subscribe(subscription)
    }
}
