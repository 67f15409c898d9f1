import Application
import Bootstrap
import Domain
import Foundation
import HTTPServer
import Hummingbird
import HummingbirdTesting
import Logging
import SQLAdapters
import Synchronization
import Testing

/// Keeps every record logged through it, as `LineLogHandler` would write it.
final class CapturedLog: Sendable {
    let lines = Mutex<[String]>([])

    struct Handler: LogHandler {
        let log: CapturedLog
        let format: LogFormat
        var logLevel: Logger.Level = .info
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let line = LineLogHandler.line(
                format: format, time: Date(), level: event.level, label: "gestio", message: "\(event.message)",
                metadata: metadata.merging(event.metadata ?? [:]) { _, new in new })
            log.lines.withLock { $0.append(line) }
        }
    }

    func logger(_ format: LogFormat) -> Logger {
        Logger(label: "gestio") { _ in Handler(log: self, format: format) }
    }

    /// The JSON objects of the lines whose message is `message`.
    func objects(_ message: String) throws -> [[String: Any]] {
        try lines.withLock { $0 }.compactMap { line in
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
            return object["message"] as? String == message ? object : nil
        }
    }
}

@Suite("Observability")
struct ObservabilityTests {
    @Test("A JSON log line is one object: strings escaped, numbers and booleans kept as numbers and booleans")
    func jsonLine() throws {
        let line = LineLogHandler.line(
            format: .json, time: Date(timeIntervalSince1970: 1_796_000_000.25), level: .warning, label: "gestio",
            message: "a \"quoted\"\nmessage\u{1}",
            metadata: [
                "status": .stringConvertible(201), "duration_ms": .stringConvertible(1.25),
                "cached": .stringConvertible(true), "route": .string("/api/v1/x"),
                "ids": .array([.string("a"), .stringConvertible(2)]), "message": .string("shadowed"),
            ])
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["time"] as? String == "2026-11-30T00:53:20.250Z")
        #expect(object["level"] as? String == "warning")
        #expect(object["message"] as? String == "a \"quoted\"\nmessage\u{1}")
        #expect(object["status"] as? Int == 201)
        #expect(object["duration_ms"] as? Double == 1.25)
        #expect(object["cached"] as? Bool == true)
        #expect(object["route"] as? String == "/api/v1/x")
        #expect((object["ids"] as? [Any])?.count == 2)
        let text = LineLogHandler.line(
            format: .text, time: Date(timeIntervalSince1970: 0), level: .info, label: "gestio", message: "request",
            metadata: ["status": .stringConvertible(200), "route": .string("/health")])
        #expect(text == "1970-01-01T00:00:00.000Z info gestio: request route=/health status=200")
    }

    @Test("GESTIO_LOG_FORMAT chooses text or JSON, and a bad value names the key")
    func logFormatSetting() throws {
        #expect(try GestioConfiguration.fromEnvironment([:]).logFormat == .text)
        #expect(try GestioConfiguration.fromEnvironment(["GESTIO_LOG_FORMAT": "json"]).logFormat == .json)
        let error = #expect(throws: (any Error).self) {
            try GestioConfiguration.fromEnvironment(["GESTIO_LOG_FORMAT": "xml"])
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("GESTIO_LOG_FORMAT"))
    }

    @Test("Each request logs one line with its id, route, status, duration and, once authenticated, organization")
    func requestLine() async throws {
        try await TestDatabase.sqlite.withGestio { gestio in
            let session = try await gestio.identity.register(
                Registration(
                    email: "ines@example.com", password: "correct-horse-battery", name: "Inès",
                    destination: .newOrganization(name: "Syndic Inès")))
            let log = CapturedLog()
            let app = Application(router: gestio.router(), logger: log.logger(.json))
            try await app.test(.router) { client in
                try await client.execute(
                    uri: "/api/v1/auth/me", method: .get,
                    headers: [.authorization: "Bearer \(session.accessToken)", .init("X-Request-ID")!: "req-1"]
                ) { #expect($0.status == .ok) }
                try await client.execute(uri: "/api/v1/auth/me", method: .get) { #expect($0.status == .unauthorized) }
            }
            let requests = try log.objects("request")
            try #require(requests.count == 2)
            #expect(requests[0]["request_id"] as? String == "req-1")
            #expect(requests[0]["route"] as? String == "/api/v1/auth/me")
            #expect(requests[0]["method"] as? String == "GET")
            #expect(requests[0]["status"] as? Int == 200)
            #expect(requests[0]["duration_ms"] is Double || requests[0]["duration_ms"] is Int)
            #expect(requests[0]["organization"] as? String == session.member.organizationID.description)
            #expect(requests[1]["status"] as? Int == 401)
            #expect(requests[1]["organization"] == nil)
        }
    }

    @Test("The pool's gauges count callers holding a connection and callers waiting for one")
    func poolGauges() async throws {
        let store = try await SQLPersistence.open(.sqliteMemory, logger: .quiet)
        let (entered, enteredSignal) = AsyncStream<Void>.makeStream()
        let (release, releaseSignal) = AsyncStream<Void>.makeStream()
        #expect(store.poolUsage == PoolUsage(inUse: 0, waiting: 0, capacity: 1))
        async let holder: Void = store.withTransaction { _ in
            enteredSignal.yield()
            for await _ in release { break }
        }
        for await _ in entered { break }
        async let waiter: Void = store.withDatabase { _ in }
        var usage = store.poolUsage
        for _ in 0..<500 where usage.waiting == 0 {
            try await Task.sleep(for: .milliseconds(10))
            usage = store.poolUsage
        }
        #expect(usage == PoolUsage(inUse: 1, waiting: 1, capacity: 1))
        releaseSignal.finish()
        try await holder
        try await waiter
        #expect(store.poolUsage == PoolUsage(inUse: 0, waiting: 0, capacity: 1))
        await store.shutdown()
    }
}
