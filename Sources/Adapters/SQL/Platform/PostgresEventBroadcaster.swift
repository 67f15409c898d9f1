public import Application
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// Live events across server instances: `publish` sends each event with `pg_notify` on one
/// channel, and every instance (this one included) LISTENs on a connection of its own and hands
/// what arrives to its local hub. A lost listening connection is re-established with backoff;
/// events sent meanwhile are lost, which only delays a screen until its next refresh.
public final class PostgresEventBroadcaster: EventBroadcaster {
    static let channel = "gestio_live"

    private let client: PostgresClient
    private let hub: LiveEventHub
    private let logger: Logger
    private let listener = Mutex<Task<Void, Never>?>(nil)
    /// The first `ready()` starts listening; every caller waits for the LISTEN to be in place.
    private let startup = Mutex<Task<Void, Never>?>(nil)
    /// Set by `stop()`: a listener started afterwards is cancelled at once.
    private let stopped = Mutex(false)

    init(client: PostgresClient, hub: LiveEventHub, logger: Logger) {
        self.client = client
        self.hub = hub
        self.logger = logger
    }

    /// Listening starts with the first subscriber (a CLI command never holds a connection for
    /// it); returns once the LISTEN is in place, so nothing published afterwards is missed.
    public func ready() async {
        let task = startup.withLock { task in
            if let task { return task }
            let started = Task { await self.start() }
            task = started
            return started
        }
        await task.value
    }

    private func start() async {
        let (ready, signal) = AsyncStream<Void>.makeStream()
        let task = Task { [client, hub, logger] in
            var delay: Duration = .milliseconds(100)
            while !Task.isCancelled {
                do {
                    try await client.withConnection { connection in
                        try await connection.listen(on: Self.channel) { notifications in
                            signal.finish()
                            delay = .milliseconds(100)
                            for try await notification in notifications {
                                guard let event = Self.decode(notification.payload) else { continue }
                                hub.deliver([event])
                            }
                        }
                    }
                } catch {
                    if Task.isCancelled { break }
                    logger.warning("live events: listening failed, retrying", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(10))
            }
            signal.finish()
        }
        listener.withLock { $0 = task }
        if stopped.withLock({ $0 }) { task.cancel() }
        for await _ in ready {}
    }

    /// Stops listening, whatever the listener is doing: connected, or still trying to connect
    /// (which `ready()` may be waiting for).
    func stop() async {
        stopped.withLock { $0 = true }
        listener.withLock { $0 }?.cancel()
        await startup.withLock { $0 }?.value
        let task = listener.withLock { task in
            defer { task = nil }
            return task
        }
        task?.cancel()
        await task?.value
    }

    public func publish(_ events: [LiveEvent]) async {
        for event in events {
            guard let payload = Self.encode(event) else { continue }
            do {
                try await client.query("SELECT pg_notify(\(Self.channel), \(payload))", logger: logger)
            } catch {
                logger.warning("live events: publish failed", metadata: ["type": "\(event.type)", "error": "\(error)"])
            }
        }
    }

    public func subscribe(_ subscription: LiveSubscription) -> AsyncStream<LiveEvent> {
        hub.subscribe(subscription)
    }

    static func encode(_ event: LiveEvent) -> String? {
        guard let data = try? coder.encoder.encode(event) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ payload: String) -> LiveEvent? {
        try? coder.decoder.decode(LiveEvent.self, from: Data(payload.utf8))
    }

    private static let coder: (encoder: JSONEncoder, decoder: JSONDecoder) = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return (encoder, decoder)
    }()
}

extension SQLPersistence {
    /// The broadcaster for this database: LISTEN/NOTIFY on PostgreSQL, so that every instance's
    /// sockets hear every change; in-process on SQLite (one process owns the file).
    public func makeEventBroadcaster() async -> any EventBroadcaster {
        switch backend {
        case .postgres(let client, _):
            let broadcaster = PostgresEventBroadcaster(client: client, hub: LiveEventHub(), logger: logger)
            listeners.withLock { $0.append(broadcaster) }
            return broadcaster
        case .sqlite:
            return InProcessEventBroadcaster()
        }
    }
}
