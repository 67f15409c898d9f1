import Foundation
import SQLAdapters
import SQLKit
import Testing

@Suite("Database backups")
struct BackupTests {
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-backup-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("SQLite: the copy opens as a database with the same rows, and only the newest copies are kept")
    func sqlite() async throws {
        let work = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let store = try await SQLPersistence.open(
            try DatabaseLocation(url: "sqlite://\(work)/live.sqlite"), logger: .quiet)
        let backups = "\(work)/backups"
        var reports: [BackupReport] = []
        do {
            try await Migrator(dialect: .sqlite).migrate(store)
            try await store.withTransaction { db in
                try await db.insert(into: "organizations").columns("id", "name", "created_at")
                    .values(SQLBind(UUID()), SQLBind("Copro du Parc"), SQLBind(Date())).run()
            }
            let start = Date(timeIntervalSince1970: 1_795_000_000)
            for day in 0..<3 {
                reports.append(try await store.backup(into: backups, keep: 2, at: start + Double(day) * 86_400))
            }
            await store.shutdown()
        } catch {
            await store.shutdown()
            throw error
        }
        #expect(reports.map(\.removed.count) == [0, 0, 1])
        #expect(reports[2].removed == [URL(fileURLWithPath: reports[0].file).lastPathComponent])
        let kept = try FileManager.default.contentsOfDirectory(atPath: backups).sorted()
        #expect(kept == reports[1...].map { URL(fileURLWithPath: $0.file).lastPathComponent })
        let copy = try await SQLPersistence.open(
            try DatabaseLocation(url: "sqlite://\(reports[2].file)"), logger: .quiet)
        let names = try await copy.withTransaction { db in
            try await db.raw("SELECT name FROM organizations").all().map {
                try $0.decode(column: "name", as: String.self)
            }
        }
        await copy.shutdown()
        #expect(names == ["Copro du Parc"])
    }

    @Test("PostgreSQL: pg_dump writes a custom-format dump", .requiresPostgres)
    func postgres() async throws {
        let work = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try await TestDatabase.postgres.withFreshURL { url in
            let store = try await SQLPersistence.open(try DatabaseLocation(url: url), logger: .quiet)
            do {
                try await Migrator(dialect: .postgres).migrate(store)
                let report = try await store.backup(into: work, keep: 3, at: Date())
                let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: report.file)).read(upToCount: 5)
                #expect(head == Data("PGDMP".utf8))
                #expect(report.bytes > 1000)
                await store.shutdown()
            } catch {
                await store.shutdown()
                throw error
            }
        }
    }
}
