import Application
import Bootstrap
import Foundation
import Logging
import SQLAdapters
import SQLKit
import Synchronization
import Testing

/// The databases every contract test and feature runs against: SQLite always, PostgreSQL when
/// `GESTIO_TEST_POSTGRES_URL` points at a server (CI sets it).
enum TestDatabase: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case postgres

    static let postgresAdminURL = ProcessInfo.processInfo.environment["GESTIO_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// SQLite, plus PostgreSQL when configured.
    static var enabled: [TestDatabase] { postgresAdminURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var description: String { rawValue }

    /// A fresh, empty database for one test; `body` gets its URL and the database is dropped afterwards.
    func withFreshURL<T>(_ body: (String) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            return try await body("sqlite::memory:")
        case .postgres:
            return try await Self.withPostgresSlot { try await freshPostgresDatabase(body) }
        }
    }

    /// How many PostgreSQL test databases are open at once. Swift Testing starts every test case
    /// at once (800 scenarios among them); unbounded, their pools went past the test server's
    /// `max_connections` and a test was refused with "too many clients already". Each slot holds
    /// up to six sessions (an admin pool of two, a store of four), so 48 slots stay far below 1,000.
    static let postgresSlots = AsyncGate(permits: 48)

    /// Runs `body` holding one of the PostgreSQL slots; a body already holding one (a test that
    /// opens a second database inside its first) does not take another, so nesting cannot deadlock.
    static func withPostgresSlot<T>(_ body: () async throws -> T) async throws -> T {
        if holdsPostgresSlot { return try await body() }
        await postgresSlots.acquire()
        defer { postgresSlots.release() }
        return try await $holdsPostgresSlot.withValue(true) { try await body() }
    }

    @TaskLocal private static var holdsPostgresSlot = false

    private func freshPostgresDatabase<T>(_ body: (String) async throws -> T) async throws -> T {
        let target = try Self.postgresAdminTarget()
        let admin = try await SQLPersistence.open(.postgres(target), maxConnections: 2, logger: .quiet)
        let name = "gestio_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        do {
            try await admin.withDatabase { db in try await db.raw("CREATE DATABASE \(ident: name)").run() }
            let result: T
            do {
                result = try await body(Self.url(of: target, database: name))
            } catch {
                try? await admin.withDatabase { db in
                    try await db.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
                }
                await admin.shutdown()
                throw error
            }
            try await admin.withDatabase { db in
                try await db.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
            }
            await admin.shutdown()
            return result
        } catch {
            await admin.shutdown()
            throw error
        }
    }

    /// The server of `GESTIO_TEST_POSTGRES_URL`, with a connect timeout long enough for a machine
    /// busy running the whole suite (the 10 s default timed out on a 2-core CI machine).
    static func postgresAdminTarget() throws -> DatabaseLocation.PostgresTarget {
        guard let adminURL = postgresAdminURL, case .postgres(var target) = try DatabaseLocation(url: adminURL) else {
            throw TestSetupError("GESTIO_TEST_POSTGRES_URL is not a postgres:// URL")
        }
        target.connectTimeout = 120
        return target
    }

    static func url(of target: DatabaseLocation.PostgresTarget, database: String) -> String {
        let password = target.password.map { ":\($0)" } ?? ""
        return "postgres://\(target.username)\(password)@\(target.host):\(target.port)/\(database)"
            + "?connect_timeout=\(target.connectTimeout)"
    }

    /// A fresh, migrated store for a repository contract test, shut down afterwards.
    func withStore(_ body: (SQLPersistence) async throws -> Void) async throws {
        try await withFreshURL { url in
            let store = try await SQLPersistence.open(try DatabaseLocation(url: url), maxConnections: 4, logger: .quiet)
            do {
                try await Migrator(dialect: store.dialect).migrate(store)
                try await body(store)
                await store.shutdown()
            } catch {
                await store.shutdown()
                throw error
            }
        }
    }

    /// A started Gestio on a fresh database, with cheap bcrypt and a clock the test controls.
    func withGestio<T>(
        clock: TestClock = TestClock(), configure: (inout GestioConfiguration) -> Void = { _ in },
        _ body: (Gestio) async throws -> T
    ) async throws -> T {
        try await withFreshURL { url in
            var configuration = GestioConfiguration()
            configuration.databaseURL = url
            configuration.bcryptCost = 4
            configuration.maxDatabaseConnections = 4
            // Tests never reach a real payment provider: nothing listens on the discard port.
            configuration.paymentAPIURL = "http://127.0.0.1:9"
            let outbox = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-outbox-\(UUID())")
            configuration.mailOutbox = outbox.path
            defer { try? FileManager.default.removeItem(at: outbox) }
            let documents = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-documents-\(UUID())")
            configuration.documentsDirectory = documents.path
            defer { try? FileManager.default.removeItem(at: documents) }
            configure(&configuration)
            return try await Gestio.withStarted(configuration, logger: .quiet, clock: clock, body)
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// For a test that only means something on PostgreSQL: without `GESTIO_TEST_POSTGRES_URL` it is
    /// reported as skipped (never as passed), and CI fails on any skipped test while the URL is set.
    static var requiresPostgres: Self {
        .enabled(if: TestDatabase.postgresAdminURL != nil, "needs PostgreSQL (GESTIO_TEST_POSTGRES_URL)")
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A clock that stands still until a test moves it.
final class TestClock: WallClock {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = Mutex(start) }

    func now() -> Date { current.withLock { $0 } }

    func advance(by interval: TimeInterval) { current.withLock { $0 += interval } }

    func set(to date: Date) { current.withLock { $0 = date } }
}

extension Logger {
    /// Tests log warnings and worse only.
    static var quiet: Logger {
        var logger = Logger(label: "gestio-tests")
        logger.logLevel =
            ProcessInfo.processInfo.environment["GESTIO_TEST_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) }
            ?? .warning
        return logger
    }
}

extension LoginOutcome {
    /// The session of a login that must not need a second factor.
    func session() throws -> AuthSession {
        guard case .signedIn(let session) = self else { throw StepFailure("the login asked for a second factor") }
        return session
    }
}

extension Gestio {
    /// Sam registers a new organization; the principal is Sam acting as its admin.
    func registeredAdmin(organization: String = "Tilleuls") async throws -> Principal {
        let session = try await identity.register(
            Registration(
                email: "sam@example.com", password: "correct-horse-battery", name: "Sam",
                destination: .newOrganization(name: organization)))
        return Principal(userID: session.member.user.id, organizationID: session.member.organizationID, roles: [.admin])
    }
}
