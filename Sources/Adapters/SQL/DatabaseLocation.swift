import Foundation

/// Where the data lives, parsed from a database URL:
/// `sqlite:///absolute/path.sqlite`, `sqlite://relative.sqlite`, `sqlite::memory:`,
/// `postgres://user[:password]@host[:port]/dbname`.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(PostgresTarget)

    public struct PostgresTarget: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String

        public init(host: String, port: Int, username: String, password: String?, database: String) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database
        }
    }

    public struct InvalidURL: Error, CustomStringConvertible {
        public let url: String
        public let reason: String
        public var description: String { "invalid database URL \"\(url)\": \(reason)" }
    }

    public init(url: String) throws {
        if url == "sqlite::memory:" || url == "sqlite://:memory:" {
            self = .sqliteMemory
            return
        }
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw InvalidURL(url: url, reason: "missing file path") }
            self = .sqliteFile(path: path.removingPercentEncoding ?? path)
            return
        }
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"),
            let components = URLComponents(string: url)
        else {
            throw InvalidURL(
                url: url, reason: "expected sqlite:///path, sqlite::memory: or postgres://user@host:port/db")
        }
        guard let host = components.host, !host.isEmpty else { throw InvalidURL(url: url, reason: "missing host") }
        guard let user = components.user, !user.isEmpty else { throw InvalidURL(url: url, reason: "missing user") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw InvalidURL(url: url, reason: "missing database name") }
        self = .postgres(
            PostgresTarget(
                host: host, port: components.port ?? 5432, username: user.removingPercentEncoding ?? user,
                password: components.password?.removingPercentEncoding, database: database))
    }

    public var dialect: SQLDialect {
        switch self {
        case .sqliteFile, .sqliteMemory: .sqlite
        case .postgres: .postgres
        }
    }

    /// A description safe to log: never the password.
    public var description: String {
        switch self {
        case .sqliteFile(let path): "SQLite file \(path)"
        case .sqliteMemory: "SQLite in memory"
        case .postgres(let target):
            "PostgreSQL \(target.username)@\(target.host):\(target.port)/\(target.database)"
        }
    }
}
