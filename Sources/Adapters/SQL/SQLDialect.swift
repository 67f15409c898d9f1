import PostgresNIO
import SQLiteNIO

/// Every difference between the two databases that the SQL code has to know, in one place.
public enum SQLDialect: String, Sendable {
    case postgres
    case sqlite

    /// True when the error reports a UNIQUE (or primary key) violation.
    func isUniqueViolation(_ error: any Error) -> Bool {
        switch self {
        case .postgres:
            return (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
        case .sqlite:
            guard let error = error as? SQLiteError else { return false }
            return error.reason == .constraint || error.reason == .constraintUniqueFailed
                || error.reason == .constraintPrimaryKeyFailed
        }
    }

    /// True when the error reports an exclusion constraint's refusal (PostgreSQL only).
    func isExclusionViolation(_ error: any Error) -> Bool {
        self == .postgres && (error as? PSQLError)?.serverInfo?[.sqlState] == "23P01"
    }

    /// Serializes concurrent migrators on one database (PostgreSQL only; SQLite's writer lock does it).
    var migrationLockStatement: String? {
        switch self {
        case .postgres: "SELECT pg_advisory_xact_lock(4242001)"
        case .sqlite: nil
        }
    }

    /// Row lock taken inside a transaction (PostgreSQL); nil where writers are serialized (SQLite).
    var rowLockSuffix: String? {
        switch self {
        case .postgres: "FOR UPDATE"
        case .sqlite: nil
        }
    }

    /// Column type of the migrations ledger's timestamp.
    var timestampType: String {
        switch self {
        case .postgres: "TIMESTAMPTZ"
        case .sqlite: "REAL"
        }
    }

    /// Claims rows other workers hold without waiting for them (PostgreSQL); SQLite's writers are
    /// serialized, so there is nothing to skip.
    var skipLockedClause: String {
        switch self {
        case .postgres: "FOR UPDATE SKIP LOCKED"
        case .sqlite: ""
        }
    }

    /// Minutes between two timestamp columns, in each dialect's arithmetic (TIMESTAMPTZ / REAL seconds).
    func minutes(from start: String, to end: String) -> String {
        switch self {
        case .postgres: "EXTRACT(EPOCH FROM (\(end) - \(start))) / 60.0"
        case .sqlite: "(\(end) - \(start)) / 60.0"
        }
    }

    /// A transaction-scoped advisory lock that answers at once whether it was taken (PostgreSQL);
    /// nil on SQLite, where one writer at a time already holds the database.
    func tryAdvisoryLockStatement(key: Int64) -> String? {
        switch self {
        case .postgres: "SELECT pg_try_advisory_xact_lock(\(key)) AS locked"
        case .sqlite: nil
        }
    }
}
