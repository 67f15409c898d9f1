import Logging
import NIOCore
import SQLKit
import Synchronization

/// Forwards to a database and counts the statements it runs: the number a use case issues is
/// observable (a list must not issue one query per row).
struct CountingDatabase: SQLDatabase {
    let base: any SQLDatabase
    let counter: StatementCounter

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLKit.SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        counter.increment()
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        counter.increment()
        try await base.execute(sql: query, onRow)
    }
}

/// How many SQL statements the use cases have run through one `SQLPersistence`.
public final class StatementCounter: Sendable {
    private let count = Atomic<Int>(0)

    init() {}

    func increment() { count.add(1, ordering: .relaxed) }

    public var value: Int { count.load(ordering: .relaxed) }
}
