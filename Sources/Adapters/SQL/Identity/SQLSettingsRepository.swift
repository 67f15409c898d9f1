import Application
import Foundation
import SQLKit

struct SettingRow: Codable {
    let key: String
    let value: String
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case key
        case value
        case createdAt = "created_at"
    }
}

struct SQLSettingsRepository: SettingsRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func value(for key: String) async throws -> String? {
        try await db.select().column("value").from("settings").where("key", .equal, key)
            .first(decodingColumn: "value", as: String.self)
    }

    func insertIfAbsent(key: String, value: String, at date: Date) async throws -> String {
        // ON CONFLICT DO NOTHING keeps the first writer's value when two instances start together.
        try await db.insert(into: "settings")
            .row(SettingRow(key: key, value: value, createdAt: date))
            .ignoringConflicts(with: "key")
            .run()
        guard let stored = try await self.value(for: key) else {
            throw CorruptRow(table: "settings", reason: "\(key) missing right after insert")
        }
        return stored
    }
}
