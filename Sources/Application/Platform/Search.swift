public import Domain
public import Foundation
import Synchronization

/// One searchable thing: a document now; minutes, notices and tasks as their modules come.
public struct SearchEntry: Sendable, Equatable {
    public let organizationID: OrganizationID
    /// The module's name for what it indexed (`document`).
    public let source: String
    public let sourceID: UUID
    public let title: String
    public let body: String
    public let tags: [String]
    /// Its type within the source (a document's `plan`, `invoice`…).
    public let kind: String?
    public let link: EntityLink?
    public let updatedAt: Date

    public init(
        organizationID: OrganizationID, source: String, sourceID: UUID, title: String, body: String, tags: [String],
        kind: String?, link: EntityLink?, updatedAt: Date
    ) {
        self.organizationID = organizationID
        self.source = source
        self.sourceID = sourceID
        self.title = title
        self.body = body
        self.tags = tags
        self.kind = kind
        self.link = link
        self.updatedAt = updatedAt
    }
}

public struct SearchQuery: Sendable, Equatable {
    /// Folded words, all of which must match (French stemming on PostgreSQL).
    public let words: [String]
    public let source: String?
    public let kind: String?
    public let entityType: String?

    public init(words: [String], source: String? = nil, kind: String? = nil, entityType: String? = nil) {
        self.words = words
        self.source = source
        self.kind = kind
        self.entityType = entityType
    }
}

public struct SearchMatch: Sendable {
    public let entry: SearchEntry
    /// Higher is better; comparable within one answer only.
    public let rank: Double
    /// Words around the first match, HTML-escaped, matches in `<mark>`.
    public let snippet: String
}

/// The full-text index: PostgreSQL's `tsvector` (French, accent-insensitive) or SQLite's FTS5
/// (`unicode61 remove_diacritics`). Written in the transaction that changes the source.
public protocol SearchIndexRepository: Sendable {
    func upsert(_ entry: SearchEntry) async throws
    func remove(source: String, id: UUID) async throws
    /// Best first.
    func search(_ query: SearchQuery, in organization: OrganizationID, limit: Int, offset: Int) async throws
        -> [(entry: SearchEntry, rank: Double)]
    /// Empties the index of one source (before a rebuild).
    func clear(source: String) async throws
}

/// What a module registers for its entries: who may find them, and how to rebuild them.
public struct SearchSource: Sendable {
    public let name: String
    /// Whether the caller may see this entry (its own rules: permission, linked entity…).
    let visible: @Sendable (SearchEntry, Principal) async -> Bool
    /// Writes every entry of the source again; returns how many.
    let reindex: @Sendable () async throws -> Int

    public init(
        name: String, visible: @escaping @Sendable (SearchEntry, Principal) async -> Bool,
        reindex: @escaping @Sendable () async throws -> Int
    ) {
        self.name = name
        self.visible = visible
        self.reindex = reindex
    }
}

/// `GET /search`: ranked matches in the caller's organization, each shown only to whom its
/// source says may see it.
public final class SearchService: Sendable {
    let persistence: any Persistence
    private let sources = Mutex<[String: SearchSource]>([:])

    public init(persistence: any Persistence) {
        self.persistence = persistence
    }

    public func register(_ sources: [SearchSource]) {
        self.sources.withLock { registered in for source in sources { registered[source.name] = source } }
    }

    public var sourceNames: [String] { sources.withLock { $0.keys.sorted() } }

    public func search(
        _ text: String, source: String?, kind: String?, entityType: String?, page: PageRequest, as principal: Principal
    ) async throws -> (matches: [SearchMatch], page: PageRequest) {
        let words = SearchText.words(text)
        guard !words.isEmpty else {
            throw DomainError.invalidValue(field: "q", reason: "needs at least one word")
        }
        if let source, !sourceNames.contains(source) {
            throw DomainError.invalidValue(
                field: "type", reason: "must be one of \(sourceNames.joined(separator: ", "))")
        }
        let query = SearchQuery(words: words, source: source, kind: kind, entityType: entityType)
        let found = try await persistence.read { (repos: any UsesSearchIndex) in
            try await repos.searchIndex.search(
                query, in: principal.organizationID, limit: page.perPage, offset: page.offset)
        }
        var matches: [SearchMatch] = []
        for (entry, rank) in found {
            guard let source = sources.withLock({ $0[entry.source] }), await source.visible(entry, principal) else {
                continue
            }
            let text = entry.title + " " + entry.body
            matches.append(
                SearchMatch(entry: entry, rank: rank, snippet: SearchText.snippet(of: text, matching: words)))
        }
        return (matches, page)
    }

    /// Rebuilds every source's entries (`gestio search reindex`).
    public func reindex() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for source in sources.withLock({ Array($0.values) }) {
            try await persistence.write { (repos: any UsesSearchIndex) in
                try await repos.searchIndex.clear(source: source.name)
            }
            counts[source.name] = try await source.reindex()
        }
        return counts
    }
}
