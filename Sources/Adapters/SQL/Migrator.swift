import Crypto
public import Foundation
import PostgresMigrations
import SQLKit
import SQLiteMigrations

/// One numbered SQL file, as embedded in the binary.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String

    /// SHA-256 of the file, recorded when applied; a later change to the file is refused.
    public var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Parses `0001_identity.sql` into version 1, name `identity`.
    public init(fileName: String, sql: String) throws {
        let stem = fileName.hasSuffix(".sql") ? String(fileName.dropLast(4)) : fileName
        guard let separator = stem.firstIndex(of: "_"), let version = Int(stem[..<separator]), version > 0 else {
            throw MigrationError.badFileName(fileName)
        }
        self.version = version
        self.name = String(stem[stem.index(after: separator)...])
        self.sql = sql
    }

    /// The file's statements, split on `;` outside quotes, `$$` bodies and SQLite trigger bodies
    /// (`CREATE TRIGGER … BEGIN …; END`), comment lines removed.
    public var statements: [String] {
        var statements: [String] = []
        var current = ""
        var inQuote = false
        var inDollarBody = false
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            if !inQuote, !inDollarBody, line.trimmingCharacters(in: .whitespaces).hasPrefix("--") { continue }
            var previous: Character?
            for character in line {
                if character == "$", previous == "$", !inQuote { inDollarBody.toggle() }
                if character == "'", !inDollarBody { inQuote.toggle() }
                if character == ";" && !inQuote && !inDollarBody && !Self.isOpenTrigger(current) {
                    statements.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
                previous = character
            }
            current.append("\n")
        }
        statements.append(current)
        return statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// A trigger whose body has begun and not ended: its `;` are the body's.
    private static func isOpenTrigger(_ statement: String) -> Bool {
        // `CREATE [TEMP] TRIGGER …`
        let words = statement.uppercased().split(whereSeparator: { $0.isWhitespace })
        guard words.first == "CREATE", words.prefix(3).contains("TRIGGER") else { return false }
        return words.contains("BEGIN") && words.last != "END"
    }
}

public enum MigrationError: Error, Equatable, CustomStringConvertible {
    case badFileName(String)
    case changedAfterApply(version: Int, name: String)
    case unknownApplied(version: Int, name: String)
    /// SQLite: after the migrations, rows point at rows that do not exist.
    case foreignKeyViolations(tables: [String])

    public var description: String {
        switch self {
        case .foreignKeyViolations(let tables):
            "the migrations would leave rows with dangling references in \(tables.joined(separator: ", "))"
        case .badFileName(let name):
            "migration file \(name) must be named NNNN_name.sql"
        case .changedAfterApply(let version, let name):
            "migration \(version) (\(name)) was changed after it was applied; add a new migration instead of editing it"
        case .unknownApplied(let version, let name):
            "the database has migration \(version) (\(name)) that this build does not know; it was made by a newer gestio"
        }
    }
}

/// Applies the embedded migrations in order, in one transaction, recording each in `schema_migrations`.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(dialect: SQLDialect) {
        let files: [(String, [UInt8])] =
            switch dialect {
            case .postgres: PostgresMigrationFiles.all
            case .sqlite: SQLiteMigrationFiles.all
            }
        // The file list is fixed at build time and its names are checked by tests.
        self.migrations = files.map { try! Migration(fileName: $0.0, sql: String(decoding: $0.1, as: UTF8.self)) }
            .sorted { $0.version < $1.version }
    }

    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    public struct AppliedMigration: Sendable, Codable, Equatable {
        public let version: Int
        public let name: String
        public let checksum: String
        public let appliedAt: Date

        enum CodingKeys: String, CodingKey {
            case version
            case name
            case checksum
            case appliedAt = "applied_at"
        }
    }

    /// Applies what is pending and returns it; applying twice is a no-op.
    @discardableResult
    public func migrate(_ persistence: SQLPersistence, at now: Date = Date()) async throws -> [Migration] {
        guard persistence.dialect == .sqlite else { return try await apply(persistence, at: now) }
        // SQLite rebuilds a table to change a constraint (create, copy, drop, rename); with
        // foreign keys enforced, the drop would cascade into the rows that reference it. So they
        // are off while migrating (SQLite ignores the pragma inside a transaction), and
        // `foreign_key_check` proves every reference still holds before the commit.
        try await persistence.withDatabase { try await $0.raw("PRAGMA foreign_keys = OFF").run() }
        do {
            let applied = try await apply(persistence, at: now)
            try await persistence.withDatabase { try await $0.raw("PRAGMA foreign_keys = ON").run() }
            return applied
        } catch {
            try? await persistence.withDatabase { try await $0.raw("PRAGMA foreign_keys = ON").run() }
            throw error
        }
    }

    private func apply(_ persistence: SQLPersistence, at now: Date) async throws -> [Migration] {
        let dialect = persistence.dialect
        let migrations = self.migrations
        return try await persistence.withTransaction { db in
            if let lock = dialect.migrationLockStatement { try await db.raw(SQLQueryString(lock)).run() }
            try await Self.createLedger(db, dialect: dialect)
            let applied = try await Self.applied(db)
            try Self.verify(applied, against: migrations)
            let appliedVersions = Set(applied.map(\.version))
            let pending = migrations.filter { !appliedVersions.contains($0.version) }
            for migration in pending {
                for statement in migration.statements { try await db.raw(SQLQueryString(statement)).run() }
                try await db.insert(into: "schema_migrations")
                    .row(
                        AppliedMigration(
                            version: migration.version, name: migration.name, checksum: migration.checksum,
                            appliedAt: now)
                    )
                    .run()
            }
            if dialect == .sqlite, !pending.isEmpty {
                let violations = try await db.raw("PRAGMA foreign_key_check").all()
                if !violations.isEmpty {
                    let tables = Set(violations.compactMap { try? $0.decode(column: "table", as: String.self) })
                    throw MigrationError.foreignKeyViolations(tables: tables.sorted())
                }
            }
            return pending
        }
    }

    /// What the database has applied, oldest first (empty for a new database).
    public func applied(_ persistence: SQLPersistence) async throws -> [AppliedMigration] {
        let dialect = persistence.dialect
        return try await persistence.withTransaction { db in
            try await Self.createLedger(db, dialect: dialect)
            return try await Self.applied(db)
        }
    }

    private static func createLedger(_ db: any SQLDatabase, dialect: SQLDialect) async throws {
        try await db.raw(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                checksum TEXT NOT NULL,
                applied_at \(unsafeRaw: dialect.timestampType) NOT NULL
            )
            """
        ).run()
    }

    private static func applied(_ db: any SQLDatabase) async throws -> [AppliedMigration] {
        try await db.select().columns("*").from("schema_migrations").orderBy("version")
            .all(decoding: AppliedMigration.self, with: rowDecoder)
    }

    private static func verify(_ applied: [AppliedMigration], against migrations: [Migration]) throws {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for record in applied {
            guard let migration = known[record.version] else {
                throw MigrationError.unknownApplied(version: record.version, name: record.name)
            }
            guard migration.checksum == record.checksum else {
                throw MigrationError.changedAfterApply(version: record.version, name: record.name)
            }
        }
    }
}
