import Application
import Domain
import Foundation
import SQLKit

struct SearchEntryRow: Codable {
    let organizationId: UUID
    let source: String
    let sourceId: UUID
    let title: String
    let body: String
    /// A JSON array of strings.
    let tags: String
    let kind: String?
    let entityType: String?
    let entityId: UUID?
    let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case source, title, body, tags, kind
        case organizationId = "organization_id"
        case sourceId = "source_id"
        case entityType = "entity_type"
        case entityId = "entity_id"
        case updatedAt = "updated_at"
    }

    init(_ entry: SearchEntry) throws {
        organizationId = entry.organizationID.rawValue
        source = entry.source
        sourceId = entry.sourceID
        title = entry.title
        body = entry.body
        tags = String(decoding: try JSONEncoder().encode(entry.tags), as: UTF8.self)
        kind = entry.kind
        entityType = entry.link?.type
        entityId = entry.link?.id
        updatedAt = entry.updatedAt
    }

    func domain() throws -> SearchEntry {
        var link: EntityLink?
        if let entityType, let entityId { link = EntityLink(type: entityType, id: entityId) }
        return SearchEntry(
            organizationID: OrganizationID(organizationId), source: source, sourceID: sourceId, title: title,
            body: body,
            tags: try JSONDecoder().decode([String].self, from: Data(tags.utf8)), kind: kind, link: link,
            updatedAt: updatedAt)
    }
}

/// The full-text index. The one repository that branches on the dialect for its whole
/// algorithm, by design: PostgreSQL ranks a `tsvector` (French stemming, on text Gestio folds),
/// SQLite an FTS5 table sharing the entry's rowid (its tokenizer folds; query words are prefixes).
struct SQLSearchIndexRepository: SearchIndexRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    static let columns = [
        "organization_id", "source", "source_id", "title", "body", "tags", "kind", "entity_type", "entity_id",
        "updated_at",
    ]

    func upsert(_ entry: SearchEntry) async throws {
        let row = try SearchEntryRow(entry)
        switch dialect {
        case .postgres:
            try await db.raw(
                """
                INSERT INTO search_entries (organization_id, source, source_id, title, body, tags, kind, entity_type,
                    entity_id, updated_at, vector)
                VALUES (\(bind: row.organizationId), \(bind: row.source), \(bind: row.sourceId), \(bind: row.title),
                    \(bind: row.body), \(bind: row.tags), \(bind: row.kind), \(bind: row.entityType),
                    \(bind: row.entityId), \(bind: row.updatedAt),
                    setweight(to_tsvector('french', \(bind: SearchText.fold(entry.title))), 'A')
                    || setweight(to_tsvector('french', \(bind: SearchText.fold(entry.tags.joined(separator: " ")))), 'A')
                    || setweight(to_tsvector('french', \(bind: SearchText.fold(entry.body))), 'B'))
                ON CONFLICT (source, source_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body,
                    tags = EXCLUDED.tags, kind = EXCLUDED.kind, entity_type = EXCLUDED.entity_type,
                    entity_id = EXCLUDED.entity_id, updated_at = EXCLUDED.updated_at, vector = EXCLUDED.vector
                """
            ).run()
        case .sqlite:
            try await db.insert(into: "search_entries").model(row, nilEncodingStrategy: .asNil)
                .onConflict(with: ["source", "source_id"]) { conflict in
                    try conflict.set(excludedContentOf: row)
                }
                .run()
            let rowid = try await rowID(source: entry.source, id: entry.sourceID)
            try await db.raw("DELETE FROM search_fts WHERE rowid = \(bind: rowid)").run()
            try await db.raw(
                """
                INSERT INTO search_fts (rowid, title, tags, body)
                VALUES (\(bind: rowid), \(bind: entry.title), \(bind: entry.tags.joined(separator: " ")), \(bind: entry.body))
                """
            ).run()
        }
    }

    private func rowID(source: String, id: UUID) async throws -> Int64 {
        guard
            let rowid = try await db.raw(
                "SELECT rowid FROM search_entries WHERE source = \(bind: source) AND source_id = \(bind: id)"
            ).first(decodingColumn: "rowid", as: Int64.self)
        else { throw CorruptRow(table: "search_entries", reason: "\(source) \(id) was just written") }
        return rowid
    }

    func remove(source: String, id: UUID) async throws {
        if dialect == .sqlite {
            try await db.raw(
                """
                DELETE FROM search_fts WHERE rowid IN
                    (SELECT rowid FROM search_entries WHERE source = \(bind: source) AND source_id = \(bind: id))
                """
            ).run()
        }
        try await db.delete(from: "search_entries").where("source", .equal, source).where("source_id", .equal, id)
            .run()
    }

    func clear(source: String) async throws {
        if dialect == .sqlite {
            try await db.raw(
                "DELETE FROM search_fts WHERE rowid IN (SELECT rowid FROM search_entries WHERE source = \(bind: source))"
            ).run()
        }
        try await db.delete(from: "search_entries").where("source", .equal, source).run()
    }

    func search(_ query: SearchQuery, in organization: OrganizationID, limit: Int, offset: Int) async throws
        -> [(entry: SearchEntry, rank: Double)]
    {
        struct Ranked: Decodable {
            let rank: Double
        }
        let columns = Self.columns.map { "e.\($0)" }.joined(separator: ", ")
        var sql: SQLQueryString
        switch dialect {
        case .postgres:
            sql = """
                SELECT \(unsafeRaw: columns), ts_rank_cd(e.vector, q) AS rank
                FROM search_entries e, plainto_tsquery('french', \(bind: query.words.joined(separator: " "))) q
                WHERE e.organization_id = \(bind: organization.rawValue) AND e.vector @@ q
                """
        case .sqlite:
            let match = query.words.map { "\"\(SearchText.stem($0))\"*" }.joined(separator: " ")
            sql = """
                SELECT \(unsafeRaw: columns), -bm25(search_fts, 10.0, 5.0, 1.0) AS rank
                FROM search_fts JOIN search_entries e ON e.rowid = search_fts.rowid
                WHERE search_fts MATCH \(bind: match) AND e.organization_id = \(bind: organization.rawValue)
                """
        }
        if let source = query.source { sql = sql + " AND e.source = \(bind: source)" }
        if let kind = query.kind { sql = sql + " AND e.kind = \(bind: kind)" }
        if let entityType = query.entityType { sql = sql + " AND e.entity_type = \(bind: entityType)" }
        sql = sql + " ORDER BY rank DESC, e.updated_at DESC LIMIT \(bind: limit) OFFSET \(bind: offset)"
        let rows = try await db.raw(sql).all()
        return try rows.map { row in
            (
                try row.decode(model: SearchEntryRow.self, with: rowDecoder).domain(),
                try row.decode(column: "rank", as: Double.self)
            )
        }
    }
}
