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
            let scope = Self.scope(
                organization: entry.organizationID, source: entry.source, kind: entry.kind,
                entityType: entry.link?.type)
            try await db.raw(
                """
                INSERT INTO search_fts (rowid, scope, title, tags, body)
                VALUES (\(bind: rowid), \(bind: scope.joined(separator: " ")), \(bind: entry.title),
                    \(bind: entry.tags.joined(separator: " ")), \(bind: entry.body))
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

    // On SQLite the full-text twin's row leaves with its entry (trigger, migration 0030).
    func remove(source: String, id: UUID) async throws {
        try await db.delete(from: "search_entries").where("source", .equal, source).where("source_id", .equal, id)
            .run()
    }

    func clear(source: String) async throws {
        try await db.delete(from: "search_entries").where("source", .equal, source).run()
    }

    /// How many of the newest matches are ranked when a query matches more: a word on half of
    /// 100,000 pages would otherwise be scored on every one of them (docs/PERFORMANCE.md).
    static let rankingWindow = 2000

    func search(_ query: SearchQuery, in organization: OrganizationID, limit: Int, offset: Int) async throws
        -> [(entry: SearchEntry, rank: Double)]
    {
        func columns(of alias: String) -> String { Self.columns.map { "\(alias).\($0)" }.joined(separator: ", ") }
        let sql: SQLQueryString
        switch dialect {
        case .postgres:
            // The newest matches from the GIN index (search_window, migration 0031), then
            // ts_rank_cd within them.
            let words = query.words.joined(separator: " ")
            sql = """
                SELECT \(unsafeRaw: columns(of: "c")), ts_rank_cd(c.vector, q) AS rank
                FROM search_window(
                    \(bind: organization.rawValue), plainto_tsquery('french', \(bind: words)), \(bind: query.source),
                    \(bind: query.kind), \(bind: query.entityType), \(bind: Self.rankingWindow)
                ) c, plainto_tsquery('french', \(bind: words)) q
                ORDER BY rank DESC, c.updated_at DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
                """
        case .sqlite:
            // The organization and the filters are tokens of the scope column, so FTS5 alone
            // finds the matches; the words are prefixes of their stems in title, tags or body.
            let scope = Self.scope(
                organization: organization, source: query.source, kind: query.kind, entityType: query.entityType)
            let words = query.words.map { "\"\(SearchText.stem($0))\"*" }.joined(separator: " ")
            let match = "scope : (\(scope.joined(separator: " "))) AND {title tags body} : (\(words))"
            // Two steps: where the window of newest matches starts (cheap: the index's order),
            // then bm25 within it, the page joined with the entries.
            let floor = try await db.raw(
                """
                SELECT rowid FROM search_fts WHERE search_fts MATCH \(bind: match)
                ORDER BY rowid DESC LIMIT 1 OFFSET \(bind: Self.rankingWindow - 1)
                """
            ).first(decodingColumn: "rowid", as: Int64.self)
            sql = """
                SELECT \(unsafeRaw: columns(of: "e")), -r.rank AS rank FROM (
                    SELECT rowid, rank FROM search_fts
                    WHERE search_fts MATCH \(bind: match) AND rowid >= \(bind: floor ?? 0)
                    ORDER BY rank LIMIT \(bind: limit) OFFSET \(bind: offset)
                ) r JOIN search_entries e ON e.rowid = r.rowid
                ORDER BY r.rank, e.updated_at DESC
                """
        }
        let rows = try await db.raw(sql).all()
        return try rows.map { row in
            (
                try row.decode(model: SearchEntryRow.self, with: rowDecoder).domain(),
                try row.decode(column: "rank", as: Double.self)
            )
        }
    }

    /// An entry's scope as FTS5 tokens: `o` and the organization's hex digits, `s` and the
    /// source, `k` and the kind, `e` and the linked entity's type (letters and digits only,
    /// as the migration that filled the column wrote them).
    static func scope(organization: OrganizationID, source: String?, kind: String?, entityType: String?) -> [String] {
        func token(_ prefix: String, _ value: String) -> String {
            prefix
                + String(
                    value.lowercased().unicodeScalars.filter {
                        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
                    })
        }
        var tokens = [token("o", organization.rawValue.uuidString)]
        if let source { tokens.append(token("s", source)) }
        if let kind { tokens.append(token("k", kind)) }
        if let entityType { tokens.append(token("e", entityType)) }
        return tokens
    }
}
