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
}
