import Foundation
import SQLAdapters
import SQLKit
import Testing

@Suite("Migrations")
struct MigratorTests {
    static let migrationsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Migrations")

    func withStore(_ database: TestDatabase, _ body: (SQLPersistence) async throws -> Void) async throws {
        try await database.withFreshURL { url in
            let store = try await SQLPersistence.open(try DatabaseLocation(url: url), maxConnections: 2, logger: .quiet)
            do {
                try await body(store)
                await store.shutdown()
            } catch {
                await store.shutdown()
                throw error
            }
        }
    }

    @Test("Every SQL file of each dialect is embedded, and both dialects have the same files")
    func embeddedMatchesFolders() throws {
        for dialect in [SQLDialect.postgres, .sqlite] {
            let folder = Self.migrationsDirectory.appendingPathComponent(dialect.rawValue)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }
                .sorted()
            let embedded = Migrator(dialect: dialect).migrations
            #expect(embedded.map { String(format: "%04d_", $0.version) + $0.name + ".sql" } == files)
            for (migration, file) in zip(embedded, files) {
                #expect(migration.sql == (try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)))
            }
        }
        #expect(
            Migrator(dialect: .postgres).migrations.map(\.version)
                == Migrator(dialect: .sqlite).migrations.map(\.version))
    }

    @Test(
        "Making equipment optional on interventions (0011) keeps every intervention and its history",
        arguments: TestDatabase.enabled)
    func interventionRebuildKeepsHistory(_ database: TestDatabase) async throws {
        try await withStore(database) { store in
            let all = Migrator(dialect: store.dialect).migrations
            try await Migrator(migrations: all.filter { $0.version <= 10 }).migrate(store)
            let (org, equipement, job) = (UUID(), UUID(), UUID())
            let now = Date()
            try await store.withTransaction { db in
                try await db.insert(into: "organizations").columns("id", "name", "created_at")
                    .values(SQLBind(org), SQLBind("Maintenance"), SQLBind(now)).run()
                try await db.insert(into: "equipements")
                    .columns("id", "organization_id", "code", "name", "criticality", "status", "created_at")
                    .values(
                        SQLBind(equipement), SQLBind(org), SQLBind("E1"), SQLBind("Pompe"), SQLBind("normale"),
                        SQLBind("en_service"), SQLBind(now)
                    ).run()
                try await db.insert(into: "interventions")
                    .columns(
                        "id", "organization_id", "title", "kind", "priority", "equipement_id", "statut", "created_at",
                        "due_at"
                    )
                    .values(
                        SQLBind(job), SQLBind(org), SQLBind("Fuite"), SQLBind("corrective"), SQLBind("haute"),
                        SQLBind(equipement), SQLBind("ouverte"), SQLBind(now), SQLBind(now)
                    ).run()
                try await db.insert(into: "intervention_history").columns("intervention_id", "seq", "to_statut", "at")
                    .values(SQLBind(job), SQLBind(1), SQLBind("ouverte"), SQLBind(now)).run()
            }
            let applied = try await Migrator(dialect: store.dialect).migrate(store)
            #expect(applied.map(\.version).contains(11))
            let counts = try await store.withTransaction { db in
                (
                    try await db.raw("SELECT COUNT(*) AS n FROM interventions").first(
                        decodingColumn: "n", as: Int.self),
                    try await db.raw("SELECT COUNT(*) AS n FROM intervention_history")
                        .first(decodingColumn: "n", as: Int.self)
                )
            }
            #expect(counts.0 == 1)
            #expect(counts.1 == 1)
            // References are enforced again after migrating.
            await #expect(throws: (any Error).self) {
                try await store.withTransaction { db in
                    try await db.insert(into: "intervention_history").columns(
                        "intervention_id", "seq", "to_statut", "at"
                    )
                    .values(SQLBind(UUID()), SQLBind(1), SQLBind("ouverte"), SQLBind(now)).run()
                }
            }
        }
    }

    @Test("Applying twice is a no-op", arguments: TestDatabase.enabled)
    func idempotent(_ database: TestDatabase) async throws {
        try await withStore(database) { store in
            let migrator = Migrator(dialect: store.dialect)
            let first = try await migrator.migrate(store)
            #expect(first.count == migrator.migrations.count)
            #expect(try await migrator.migrate(store).isEmpty)
            let applied = try await migrator.applied(store)
            #expect(applied.map(\.version) == migrator.migrations.map(\.version))
            #expect(applied.map(\.checksum) == migrator.migrations.map(\.checksum))
        }
    }

    @Test("A changed, already applied file is refused", arguments: TestDatabase.enabled)
    func changedFileRefused(_ database: TestDatabase) async throws {
        try await withStore(database) { store in
            let original = try Migration(fileName: "0001_things.sql", sql: "CREATE TABLE things (id INTEGER);")
            try await Migrator(migrations: [original]).migrate(store)
            let edited = try Migration(fileName: "0001_things.sql", sql: "CREATE TABLE things (id INTEGER, name TEXT);")
            await #expect(throws: MigrationError.changedAfterApply(version: 1, name: "things")) {
                try await Migrator(migrations: [edited]).migrate(store)
            }
        }
    }

    @Test(
        "Migration 18 scrubs names and emails out of existing audit rows, past the append-only trigger",
        arguments: TestDatabase.enabled)
    func auditScrub(_ database: TestDatabase) async throws {
        try await withStore(database) { store in
            let all = Migrator(dialect: store.dialect).migrations
            try await Migrator(migrations: all.filter { $0.version <= 17 }).migrate(store)
            let org = UUID()
            try await store.withTransaction { db in
                for (action, payload) in [
                    ("member.invited", #"{"email":"chloe@example.com","role":"chauffeur"}"#),
                    ("client.created", #"{"nom":"Hôtel Royal"}"#), ("taxi.created", #"{"plaque":"1ABC123"}"#),
                ] {
                    try await db.insert(into: "audit_log")
                        .columns("id", "organization_id", "action", "entity", "entity_id", "payload_json", "at")
                        .values(
                            SQLBind(UUID()), SQLBind(org), SQLBind(action), SQLBind("x"), SQLBind("1"),
                            SQLBind(payload), SQLBind(Date())
                        ).run()
                }
            }
            try await Migrator(dialect: store.dialect).migrate(store)
            try await store.withDatabase { db in
                let payloads = try await db.select().column("payload_json").from("audit_log").orderBy("seq")
                    .all(decodingColumn: "payload_json", as: String.self)
                    .map { try JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }
                #expect(payloads == [["role": "chauffeur"], [:], ["plaque": "1ABC123"]])
            }
        }
    }

    @Test("A failing migration applies nothing", arguments: TestDatabase.enabled)
    func failingMigrationIsAtomic(_ database: TestDatabase) async throws {
        try await withStore(database) { store in
            let good = try Migration(fileName: "0001_a.sql", sql: "CREATE TABLE a (id INTEGER);")
            let bad = try Migration(fileName: "0002_b.sql", sql: "CREATE TABLE b (id INTEGER);\nTHIS IS NOT SQL;")
            await #expect(throws: (any Error).self) { try await Migrator(migrations: [good, bad]).migrate(store) }
            #expect(try await Migrator(migrations: [good]).applied(store).isEmpty)
            // Table `b` must not exist either: creating it again succeeds.
            try await store.withDatabase { db in try await db.raw("CREATE TABLE b (id INTEGER)").run() }
        }
    }

    @Test("A database migrated by a newer build is refused", arguments: TestDatabase.enabled)
    func unknownAppliedRefused(_ database: TestDatabase) async throws {
        try await withStore(database) { store in
            let one = try Migration(fileName: "0001_a.sql", sql: "CREATE TABLE a (id INTEGER);")
            let two = try Migration(fileName: "0002_b.sql", sql: "CREATE TABLE b (id INTEGER);")
            try await Migrator(migrations: [one, two]).migrate(store)
            await #expect(throws: MigrationError.unknownApplied(version: 2, name: "b")) {
                try await Migrator(migrations: [one]).migrate(store)
            }
        }
    }

    @Test("File names and statements are parsed")
    func parsing() throws {
        #expect(throws: MigrationError.badFileName("identity.sql")) { try Migration(fileName: "identity.sql", sql: "") }
        let migration = try Migration(
            fileName: "0012_x.sql",
            sql:
                "-- a comment; with a semicolon\nCREATE TABLE t (v TEXT DEFAULT 'a;b');\n\nINSERT INTO t VALUES ('c');\n"
        )
        #expect(migration.version == 12)
        #expect(migration.name == "x")
        #expect(migration.checksum.count == 64)
        #expect(migration.statements == ["CREATE TABLE t (v TEXT DEFAULT 'a;b')", "INSERT INTO t VALUES ('c')"])
        // A trigger's body keeps its semicolons; the statement ends after END.
        let trigger = try Migration(
            fileName: "0013_t.sql",
            sql: """
                CREATE TABLE t (v TEXT);
                CREATE TRIGGER t_deleted AFTER DELETE ON t BEGIN
                    DELETE FROM u WHERE v = old.v;
                    DELETE FROM w WHERE v = old.v;
                END;
                CREATE INDEX t_v ON t (v);
                """)
        #expect(trigger.statements.count == 3)
        #expect(trigger.statements[1].hasPrefix("CREATE TRIGGER") && trigger.statements[1].hasSuffix("END"))
        #expect(trigger.statements[1].contains("DELETE FROM w WHERE v = old.v;"))
    }
}
