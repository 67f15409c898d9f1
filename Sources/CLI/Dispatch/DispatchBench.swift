import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation
import HTTPServer
import Hummingbird
import HummingbirdWebSocket
import Logging
import SQLAdapters
import SQLKit
import ServiceLifecycle
import Synchronization
import WSClient

/// `gestio bench dispatch`: the planning's month view over many rides, and one planning event
/// fanned out to many WebSocket clients of one instance.
struct DispatchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Time the month view over many rides, and a planning event's delivery to many WebSockets.")

    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "Rides to create over 30 days.") var rides = 20_000
    @Option(name: .long, help: "WebSocket clients on /ws/planning.") var clients = 1_000
    @Option(name: .long, help: "Planning events to fan out (one at a time).") var events = 20
    @Option(name: .long, help: "Concurrent writers while creating rides.") var writers = 8

    struct Output: Encodable {
        let database: String
        let rides: Int
        let monthPageMillisecondsMedian, monthPageMillisecondsMax: Double
        let monthTotal: Int
        let clients, events: Int
        let deliveryMillisecondsP50, deliveryMillisecondsP99, deliveryMillisecondsMax: Double
    }

    func run() async throws {
        guard rides > 0, clients > 0, events > 0, writers > 0 else { throw ValidationError("counts must be positive") }
        let (rides, clients, events, writers) = (self.rides, self.clients, self.events, self.writers)
        var configuration = try common.configuration()
        configuration.bcryptCost = 4
        let output = try await Gestio.withStarted(configuration, logger: common.logger(configuration, quiet: true)) {
            gestio in
            let session = try await gestio.identity.register(
                Registration(
                    email: "bench-\(UUID().uuidString.prefix(8).lowercased())@example.com",
                    password: "correct-horse-battery", name: "Bench",
                    destination: .newOrganization(name: "Bench \(UUID().uuidString.prefix(8))")))
            let principal = Principal(
                userID: session.member.user.id, organizationID: session.member.organizationID, roles: [.admin])
            let start = CalendarDate(utcDayOf: Date()).startOfDayUTC.addingTimeInterval(86_400)
            let dispatch = gestio.dispatch
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for index in stride(from: writer, to: rides, by: writers) {
                            _ = try await dispatch.createCommande(
                                CommandeInput(
                                    pickup: "Rue \(index)", destination: "Gare \(index % 7)",
                                    pickupAt: start.addingTimeInterval(Double(index % (30 * 96)) * 900)),
                                as: principal)
                        }
                    }
                }
                try await group.waitForAll()
            }
            // A long-running server has statistics: SQLite's from the hourly db-optimize job,
            // PostgreSQL's (and its visibility map) from autovacuum after this many inserts.
            try await gestio.persistence.optimize()
            if gestio.persistence.dialect == .postgres {
                try await gestio.persistence.withDatabase { try await $0.raw("VACUUM ANALYZE commandes").run() }
            }
            let clock = ContinuousClock()
            var pages: [Double] = []
            var total = 0
            for _ in 0..<21 {
                let took = try await clock.measure {
                    total = try await dispatch.commandes(
                        filter: CommandeFilter(from: start, to: start.addingTimeInterval(30 * 86_400)),
                        page: try PageRequest(page: 1, perPage: 100), as: principal
                    ).totalItems
                }
                pages.append(took.milliseconds)
            }
            pages.sort()
            let delivery = try await Self.fanOut(
                gestio, token: session.accessToken, clients: clients, events: events, principal: principal)
            return Output(
                database: gestio.location.description, rides: rides,
                monthPageMillisecondsMedian: pages[pages.count / 2], monthPageMillisecondsMax: pages.last ?? 0,
                monthTotal: total, clients: clients, events: events,
                deliveryMillisecondsP50: Self.percentile(delivery, 0.50),
                deliveryMillisecondsP99: Self.percentile(delivery, 0.99), deliveryMillisecondsMax: delivery.last ?? 0)
        }
        try emit(output, json: common.json) {
            """
            \(output.database): \(output.rides) rides; month view (page of 100 of \(output.monthTotal)): \
            median \(String(format: "%.2f", output.monthPageMillisecondsMedian)) ms, \
            max \(String(format: "%.2f", output.monthPageMillisecondsMax)) ms
            \(output.clients) WebSocket clients × \(output.events) events: delivery p50 \
            \(String(format: "%.1f", output.deliveryMillisecondsP50)) ms, p99 \
            \(String(format: "%.1f", output.deliveryMillisecondsP99)) ms, max \
            \(String(format: "%.1f", output.deliveryMillisecondsMax)) ms
            """
        }
    }

    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }

    /// Connects the clients to a live server, then publishes `events` planning events one at a
    /// time, each waiting until every client has it; returns every delivery latency, sorted.
    static func fanOut(_ gestio: Gestio, token: String, clients: Int, events: Int, principal: Principal) async throws
        -> [Double]
    {
        let (ports, signal) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: gestio.router(), server: .http1WebSocketUpgrade(webSocketRouter: gestio.liveRouter()),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                signal.yield(channel.localAddress?.port ?? 0)
                signal.finish()
            }, logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        let services = ServiceGroup(
            configuration: .init(services: [.init(service: app)], gracefulShutdownSignals: [], logger: app.logger))
        let server = Task { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw ValidationError("the server did not start") }
        let board = Board(clients: clients)
        let sockets = (0..<clients).map { index in
            Task {
                try await WebSocketClient.connect(
                    url: "ws://127.0.0.1:\(port)/ws/planning?token=\(token)",
                    logger: Logger(label: "ws", factory: { _ in SwiftLogNoOpLogHandler() })
                ) { inbound, _, _ in
                    for try await message in inbound.messages(maxSize: 1 << 16) {
                        guard case .text(let text) = message else { continue }
                        board.received(text, by: index)
                    }
                }
            }
        }
        defer {
            for socket in sockets { socket.cancel() }
        }
        try await board.wait { $0.ready == clients }
        var latencies: [Double] = []
        for round in 0..<events {
            board.startRound(round)
            await gestio.events.publish([
                LiveEvent(
                    channel: .planning, organizationID: principal.organizationID, type: "bench.round",
                    data: ["round": String(round)], at: Date())
            ])
            try await board.wait { $0.deliveries.count == clients }
            latencies += board.takeDeliveries()
        }
        await services.triggerGracefulShutdown()
        _ = try? await server.value
        return latencies.sorted()
    }

    /// Who has what: ready clients and this round's delivery times.
    final class Board: Sendable {
        struct State {
            var ready = 0
            var round = -1
            var sentAt = ContinuousClock.now
            var deliveries: [Double] = []
        }

        let state = Mutex(State())
        let clients: Int

        init(clients: Int) { self.clients = clients }

        func received(_ text: String, by client: Int) {
            let now = ContinuousClock.now
            state.withLock { state in
                if text.contains("\"ready\"") {
                    state.ready += 1
                } else if text.contains("\"round\":\"\(state.round)\"") {
                    state.deliveries.append((now - state.sentAt).milliseconds)
                }
            }
        }

        func startRound(_ round: Int) {
            state.withLock {
                $0.round = round
                $0.deliveries = []
                $0.sentAt = ContinuousClock.now
            }
        }

        func takeDeliveries() -> [Double] { state.withLock { $0.deliveries } }

        func wait(_ condition: (State) -> Bool) async throws {
            let deadline = ContinuousClock.now + .seconds(60)
            while !state.withLock({ condition($0) }) {
                guard ContinuousClock.now < deadline else { throw ValidationError("timed out waiting for clients") }
                try await Task.sleep(for: .milliseconds(1))
            }
        }
    }
}
