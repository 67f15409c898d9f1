import Foundation

/// Where the data lives, parsed from a database URL:
/// `sqlite:///absolute/path.sqlite`, `sqlite://relative.sqlite`, `sqlite::memory:`,
/// `postgres://user[:password]@host[:port]/dbname[?sslmode=…&sslrootcert=/path/ca.pem&connect_timeout=10]`.
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
        /// How the connection is encrypted, as libpq's `sslmode` says it (default `prefer`).
        public var tls: TLSMode
        /// The PEM file of the certificate authorities trusted for the server's certificate
        /// (`sslrootcert`); the system's trust store when absent.
        public var rootCertificate: String?
        /// Seconds a connection may take to open, TLS and authentication included
        /// (`connect_timeout`, as libpq names it; 10 by default, 1 to 3600).
        public var connectTimeout: Int

        public static let defaultConnectTimeout = 10
        public static let connectTimeoutRange = 1...3600

        public init(
            host: String, port: Int, username: String, password: String?, database: String,
            tls: TLSMode = .prefer, rootCertificate: String? = nil, connectTimeout: Int = defaultConnectTimeout
        ) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database
            self.tls = tls
            self.rootCertificate = rootCertificate
            self.connectTimeout = connectTimeout
        }
    }

    /// libpq's `sslmode` values that Gestio honours (`allow` is refused: it only downgrades).
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        /// Clear text.
        case disable
        /// TLS when the server offers it, clear text otherwise; the certificate is not checked.
        case prefer
        /// TLS or no connection; the certificate is checked against `sslrootcert` when one is
        /// given (as libpq does), not checked otherwise.
        case require
        /// TLS, with a certificate signed by a trusted authority; any host name.
        case verifyCA = "verify-ca"
        /// TLS, with a trusted certificate issued for the host connected to.
        case verifyFull = "verify-full"
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
        var tls = TLSMode.prefer
        var rootCertificate: String?
        var connectTimeout = PostgresTarget.defaultConnectTimeout
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw InvalidURL(
                        url: url,
                        reason: "sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case "sslrootcert":
                guard let path = item.value, !path.isEmpty else {
                    throw InvalidURL(url: url, reason: "sslrootcert needs the path of a PEM file")
                }
                rootCertificate = path
            case "connect_timeout":
                let range = PostgresTarget.connectTimeoutRange
                guard let seconds = item.value.flatMap({ Int($0) }), range.contains(seconds) else {
                    throw InvalidURL(
                        url: url,
                        reason:
                            "connect_timeout must be a whole number of seconds from \(range.lowerBound) to \(range.upperBound)"
                    )
                }
                connectTimeout = seconds
            default:
                throw InvalidURL(
                    url: url,
                    reason: "unknown parameter \(item.name) (sslmode, sslrootcert and connect_timeout are known)")
            }
        }
        self = .postgres(
            PostgresTarget(
                host: host, port: components.port ?? 5432, username: user.removingPercentEncoding ?? user,
                password: components.password?.removingPercentEncoding, database: database, tls: tls,
                rootCertificate: rootCertificate, connectTimeout: connectTimeout))
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
            "PostgreSQL \(target.username)@\(target.host):\(target.port)/\(target.database) (sslmode \(target.tls.rawValue))"
        }
    }
}
