public import Application
import Foundation
public import Logging
import PostgresKit
import PostgresNIO
public import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// The `Persistence` port over SQLKit, for PostgreSQL (a pooled `PostgresClient`) and SQLite
/// (one writer connection owned by a gate, so write transactions never interleave, and for a
/// file, a few read-only connections that read beside it, as WAL allows).
public final class SQLPersistence: Persistence {
    public let location: DatabaseLocation
    public let dialect: SQLDialect
    let backend: Backend
    let logger: Logger
    /// Live-event listeners holding a connection each; stopped before the pool closes.
    let listeners = Mutex<[PostgresEventBroadcaster]>([])
    /// Calls inside `withDatabase` or `withTransaction`, and of those, the ones holding a connection.
    private let usage = Mutex((entered: 0, leased: 0))
    /// The most connections the pool may open (1 for SQLite).
    public let poolCapacity: Int
    /// What the SQLite writer's holder is doing (`BEGIN IMMEDIATE`, the use case's work, `COMMIT`…)
    /// and since when; nil while nobody holds it.
    private let writerStage = Mutex<(stage: String, since: Date)?>(nil)

    enum Backend: Sendable {
        case postgres(PostgresClient, Task<Void, Never>)
        /// `readers` is nil for an in-memory database, which other connections cannot see.
        case sqlite(writer: SQLiteGate, readers: SQLiteGate?)
    }

    /// Read connections beside SQLite's writer by default: enough for two cores to read while one
    /// writes.
    public static let defaultSQLiteReaders = 3

    /// Opens the database (creating an SQLite file if needed). Call `shutdown()` when done.
    /// `sqliteReaders` read-only connections are opened beside an SQLite file's writer (0: reads
    /// run on the writer, one at a time with the writes).
    public static func open(
        _ location: DatabaseLocation, maxConnections: Int = 20, sqliteReaders: Int = defaultSQLiteReaders,
        logger: Logger
    ) async throws -> SQLPersistence {
        switch location {
        case .postgres(let target):
            try await DatabaseUnreachable.probe(target, logger: logger)
            var configuration = PostgresClient.Configuration(
                host: target.host, port: target.port, username: target.username, password: target.password,
                database: target.database, tls: try target.clientTLS)
            configuration.options.maximumConnections = maxConnections
            configuration.options.minimumConnections = 0
            configuration.options.connectTimeout = .seconds(Int64(target.connectTimeout))
            let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            // Wait until the runner task is about to call run(), so the first lease does not warn.
            let (started, signal) = AsyncStream<Void>.makeStream()
            let runner = Task {
                signal.finish()
                await client.run()
            }
            for await _ in started {}
            return SQLPersistence(
                location: location, backend: .postgres(client, runner), capacity: maxConnections, logger: logger)
        case .sqliteFile(let path):
            // The writer puts the file in WAL mode first; readers open after it, read-only.
            var connections: [SQLiteConnection] = []
            do {
                let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                connections.append(writer)
                try await configure(writer, fileBacked: true)
                for _ in 0..<max(0, sqliteReaders) {
                    let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                    connections.append(reader)
                    try await reader.sql().raw("PRAGMA busy_timeout = 5000").run()
                    try await reader.sql().raw("PRAGMA query_only = ON").run()
                }
            } catch {
                await SQLiteGate.closeAll(connections)
                throw error
            }
            let readers = Array(connections.dropFirst())
            return SQLPersistence(
                location: location,
                backend: .sqlite(
                    writer: SQLiteGate(connections: [connections[0]]),
                    readers: readers.isEmpty ? nil : SQLiteGate(connections: readers)),
                capacity: connections.count, logger: logger)
        case .sqliteMemory:
            let connection = try await SQLiteConnection.open(storage: .memory, logger: logger)
            do {
                try await configure(connection, fileBacked: false)
            } catch {
                await SQLiteGate.closeAll([connection])
                throw error
            }
            return SQLPersistence(
                location: location, backend: .sqlite(writer: SQLiteGate(connections: [connection]), readers: nil),
                capacity: 1, logger: logger)
        }
    }

    private init(location: DatabaseLocation, backend: Backend, capacity: Int, logger: Logger) {
        self.location = location
        self.dialect = location.dialect
        self.backend = backend
        self.poolCapacity = capacity
        self.logger = logger
    }

    /// The writer's settings: foreign keys on, wait on a busy file, and for a file WAL.
    private static func configure(_ connection: SQLiteConnection, fileBacked: Bool) async throws {
        let db = connection.sql()
        try await db.raw("PRAGMA foreign_keys = ON").run()
        try await db.raw("PRAGMA busy_timeout = 5000").run()
        if fileBacked {
            try await db.raw("PRAGMA journal_mode = WAL").run()
            try await db.raw("PRAGMA synchronous = NORMAL").run()
        }
    }

    /// What the SQLite writer's holder is doing and for how long (`COMMIT for 312 s`), for a report
    /// on a step that does not end; nil while the writer is free (and on PostgreSQL).
    public var writerActivity: String? {
        writerStage.withLock { $0 }.map { "\($0.stage) for \(Int(Date().timeIntervalSince($0.since))) s" }
    }

    private func stage(_ name: String?) {
        writerStage.withLock { $0 = name.map { ($0, Date()) } }
    }

    /// Statements run by the use cases (through `read` and `write`) since start.
    public let statements = StatementCounter()

    /// Connections in use right now, and callers waiting for one, for the metrics endpoint.
    public var poolUsage: PoolUsage {
        let counts = usage.withLock { $0 }
        return PoolUsage(inUse: counts.leased, waiting: counts.entered - counts.leased, capacity: poolCapacity)
    }

    /// Counts `work` as holding a connection (the caller was counted as entered before waiting for it).
    private func leased<T>(_ work: () async throws -> T) async throws -> T {
        usage.withLock { $0.leased += 1 }
        defer { usage.withLock { $0.leased -= 1 } }
        return try await Self.$holding.withValue(ObjectIdentifier(self)) { try await work() }
    }

    /// The persistence whose connection the current task holds, if any.
    @TaskLocal static var holding: ObjectIdentifier?

    /// A task that asks for a second connection while it holds one can wait forever: SQLite's
    /// writer is one connection, and a pool whose every connection is held by such tasks has none
    /// left to give. Such a call is a bug; debug builds stop on it, with its stack.
    private func refuseNested(_ function: StaticString = #function) {
        guard Self.holding == ObjectIdentifier(self) else { return }
        logger.critical("a connection was asked for while one is held", metadata: ["call": "\(function)"])
        assertionFailure("nested connection lease in \(function): the caller already holds a connection")
    }

    /// The use cases' view of one connection: every repository, each statement counted.
    private func repositories(_ db: any SQLDatabase) -> SQLRepositories {
        SQLRepositories(db: CountingDatabase(base: db, counter: statements), dialect: dialect)
    }

    /// `body` on a connection of `gate`, counted as waiting, then as holding it.
    private func onGate<T: Sendable>(_ gate: SQLiteGate, _ body: @Sendable (any SQLDatabase) async throws -> T)
        async throws -> T
    {
        refuseNested()
        usage.withLock { $0.entered += 1 }
        defer { usage.withLock { $0.entered -= 1 } }
        return try await gate.exclusive { db in try await self.leased { try await body(db) } }
    }

    /// On an SQLite file, reads run on a read-only connection beside the writer: they see the last
    /// committed state and never wait for a write transaction.
    public func read<T: Sendable>(_ work: @Sendable (any Repositories) async throws -> T) async throws -> T {
        if case .sqlite(_, let readers?) = backend {
            return try await onGate(readers) { db in try await work(self.repositories(db)) }
        }
        return try await withDatabase { db in try await work(self.repositories(db)) }
    }

    public func write<T: Sendable>(_ work: @Sendable (any Repositories) async throws -> T) async throws -> T {
        try await withTransaction { db in try await work(self.repositories(db)) }
    }

    public func writeOneStatement<T: Sendable>(_ work: @Sendable (any Repositories) async throws -> T) async throws
        -> T
    {
        try await withDatabase { db in try await work(self.repositories(db)) }
    }

    public func optimize() async throws {
        guard dialect == .sqlite else { return }
        try await withDatabase { db in try await db.raw("PRAGMA optimize=0x10002").run() }
    }

    public func isReachable() async -> Bool {
        do {
            return try await withDatabase { db in
                try await db.raw("SELECT 1 AS ok").first(decodingColumn: "ok", as: Int.self) == 1
            }
        } catch {
            logger.warning("database unreachable", metadata: ["error": "\(String(reflecting: error))"])
            return false
        }
    }

    /// Runs `body` on one connection, outside any transaction.
    public func withDatabase<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        refuseNested()
        usage.withLock { $0.entered += 1 }
        defer { usage.withLock { $0.entered -= 1 } }
        switch backend {
        case .postgres(let client, _):
            return try await client.withConnection { connection in
                try await self.leased { try await body(connection.sql(queryLogLevel: nil)) }
            }
        case .sqlite(let gate, _):
            return try await gate.exclusive { db in
                self.stage("work outside a transaction")
                defer { self.stage(nil) }
                return try await self.leased { try await body(db) }
            }
        }
    }

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    public func withTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        refuseNested()
        usage.withLock { $0.entered += 1 }
        defer { usage.withLock { $0.entered -= 1 } }
        switch backend {
        case .postgres(let client, _):
            do {
                return try await client.withTransaction(logger: logger) { connection in
                    try await self.leased { try await body(connection.sql(queryLogLevel: nil)) }
                }
            } catch let error as PostgresTransactionError {
                // Report what went wrong inside, as SQLite does; the rollback has happened.
                if let closureError = error.closureError, error.rollbackError == nil { throw closureError }
                throw error
            }
        case .sqlite(let gate, _):
            return try await gate.exclusive { db in
                try await self.leased { try await self.sqliteTransaction(db, body) }
            }
        }
    }

    private func sqliteTransaction<T: Sendable>(
        _ db: any SQLDatabase, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        defer { stage(nil) }
        stage("BEGIN IMMEDIATE")
        try await db.raw("BEGIN IMMEDIATE").run()
        do {
            stage("the transaction's work")
            let result = try await body(db)
            stage("COMMIT")
            try await db.raw("COMMIT").run()
            return result
        } catch {
            stage("ROLLBACK")
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    /// Closes connections; the value must not be used afterwards.
    public func shutdown() async {
        for listener in listeners.withLock({ $0 }) { await listener.stop() }
        switch backend {
        case .postgres(_, let runner):
            runner.cancel()
            await runner.value
        case .sqlite(let writer, let readers):
            await readers?.close()
            await writer.close()
        }
    }
}

/// Owns SQLite connections and hands each to one task at a time, in arrival order: the writer's
/// gate holds one connection, so write transactions never interleave; the readers' gate a few.
actor SQLiteGate {
    private let connections: [SQLiteConnection]
    private var idle: [any SQLDatabase]
    private var waiters: [CheckedContinuation<any SQLDatabase, Never>] = []

    init(connections: [SQLiteConnection]) {
        self.connections = connections
        self.idle = connections.map { $0.sql() }
    }

    nonisolated func exclusive<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = await acquire()
        do {
            let result = try await body(db)
            await release(db)
            return result
        } catch {
            await release(db)
            throw error
        }
    }

    private func acquire() async -> any SQLDatabase {
        if let db = idle.popLast() { return db }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func release(_ db: any SQLDatabase) {
        if waiters.isEmpty {
            idle.append(db)
        } else {
            // The connection passes straight to the next waiter.
            waiters.removeFirst().resume(returning: db)
        }
    }

    /// Closes every connection, even when the caller was cancelled (a start that failed, a test
    /// stopped): an unstructured task does not inherit the cancellation, so the close is not cut
    /// short and no connection is left open.
    func close() async { await Self.closeAll(connections) }

    static func closeAll(_ connections: [SQLiteConnection]) async {
        await Task { for connection in connections { try? await connection.close() } }.value
    }
}

/// The PostgreSQL server could not be reached or refused the connection, said plainly: the pool
/// alone would only report that its circuit breaker tripped.
public struct DatabaseUnreachable: Error, CustomStringConvertible {
    public let target: String
    public let reason: String

    public var description: String { "cannot open the PostgreSQL database \(target): \(reason)" }

    /// One connection opened and closed before the pool starts.
    static func probe(_ target: DatabaseLocation.PostgresTarget, logger: Logger) async throws {
        var configuration = PostgresConnection.Configuration(
            host: target.host, port: target.port, username: target.username, password: target.password,
            database: target.database, tls: try target.connectionTLS)
        configuration.options.connectTimeout = .seconds(Int64(target.connectTimeout))
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw DatabaseUnreachable(
                target: "\(target.database) at \(target.host):\(target.port) as \(target.username)",
                reason: Self.reason(error))
        }
    }

    /// The server's own message (`database "x" does not exist`, `password authentication failed…`)
    /// or the network's (`connection refused`).
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return String(describing: underlying) }
        return String(reflecting: error)
    }
}
