import Application
import Domain
import Foundation
import SQLAdapters
import Testing

/// The full-text index, the same on SQLite (FTS5) and PostgreSQL (tsvector).
@Suite("Search index contract")
struct SearchIndexContractTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func withIndex(
        _ database: TestDatabase, _ body: (SQLPersistence, OrganizationID, OrganizationID) async throws -> Void
    ) async throws {
        try await database.withStore { store in
            let tilleuls = Organization(id: OrganizationID(UUID()), name: "Tilleuls", createdAt: start)
            let marronniers = Organization(id: OrganizationID(UUID()), name: "Marronniers", createdAt: start)
            try await store.write { repos in
                try await repos.organizations.insert(tilleuls)
                try await repos.organizations.insert(marronniers)
            }
            try await body(store, tilleuls.id, marronniers.id)
        }
    }

    func entry(
        _ organization: OrganizationID, _ title: String, body: String = "", tags: [String] = [],
        source: String = "documents", kind: String? = "other", link: EntityLink? = nil, at offset: Double = 0
    ) -> SearchEntry {
        SearchEntry(
            organizationID: organization, source: source, sourceID: UUID(), title: title, body: body, tags: tags,
            kind: kind, link: link, updatedAt: start.addingTimeInterval(offset))
    }

    func search(
        _ store: SQLPersistence, _ text: String, in organization: OrganizationID, source: String? = nil,
        kind: String? = nil, entityType: String? = nil, limit: Int = 20
    ) async throws -> [String] {
        try await store.read { repos in
            try await repos.searchIndex.search(
                SearchQuery(words: SearchText.words(text), source: source, kind: kind, entityType: entityType),
                in: organization, limit: limit, offset: 0)
        }.map(\.entry.title)
    }

    @Test(
        "Words match without case or accents, plurals find singulars, and every word must match",
        arguments: TestDatabase.enabled)
    func matching(_ database: TestDatabase) async throws {
        try await withIndex(database) { store, tilleuls, _ in
            try await store.write { repos in
                try await repos.searchIndex.upsert(
                    entry(tilleuls, "Devis façade", body: "Ravalement de la FAÇADE nord, échafaudage compris"))
                try await repos.searchIndex.upsert(entry(tilleuls, "Plan ascenseur", body: "Cabine et machinerie"))
            }
            #expect(try await search(store, "facade", in: tilleuls) == ["Devis façade"])
            #expect(try await search(store, "ÉCHAFAUDAGE", in: tilleuls) == ["Devis façade"])
            #expect(try await search(store, "ascenseurs", in: tilleuls) == ["Plan ascenseur"])
            #expect(try await search(store, "facade ascenseur", in: tilleuls).isEmpty, "both words must match")
            #expect(try await search(store, "toiture", in: tilleuls).isEmpty)
        }
    }

    @Test(
        "An organization finds only its own entries, narrowed by source, kind and linked entity type",
        arguments: TestDatabase.enabled)
    func scoping(_ database: TestDatabase) async throws {
        try await withIndex(database) { store, tilleuls, marronniers in
            let building = EntityLink(type: "building", id: UUID())
            let entry = EntityLink(type: "journal_entry", id: UUID())
            try await store.write { repos in
                try await repos.searchIndex.upsert(
                    self.entry(tilleuls, "Facture chauffage", kind: "invoice", link: entry))
                try await repos.searchIndex.upsert(
                    self.entry(tilleuls, "Devis chauffage", kind: "quote", link: building))
                try await repos.searchIndex.upsert(self.entry(tilleuls, "Note chauffage", source: "notices", kind: nil))
                try await repos.searchIndex.upsert(self.entry(marronniers, "Facture chauffage Marronniers"))
            }
            #expect(
                Set(try await search(store, "chauffage", in: tilleuls))
                    == ["Facture chauffage", "Devis chauffage", "Note chauffage"])
            #expect(try await search(store, "chauffage", in: marronniers) == ["Facture chauffage Marronniers"])
            #expect(try await search(store, "chauffage", in: tilleuls, kind: "invoice") == ["Facture chauffage"])
            #expect(
                try await search(store, "chauffage", in: tilleuls, entityType: "journal_entry") == ["Facture chauffage"]
            )
            #expect(try await search(store, "chauffage", in: tilleuls, entityType: "building") == ["Devis chauffage"])
            #expect(try await search(store, "chauffage", in: tilleuls, source: "notices") == ["Note chauffage"])
            #expect(try await search(store, "chauffage", in: tilleuls, source: "notices", kind: "quote").isEmpty)
        }
    }

    @Test(
        "A word in the title ranks above the same word in the body; removed and cleared entries are not found",
        arguments: TestDatabase.enabled)
    func rankingAndRemoval(_ database: TestDatabase) async throws {
        try await withIndex(database) { store, tilleuls, _ in
            let inBody = entry(tilleuls, "Procès-verbal", body: "Point 4 : remplacement de la chaudière")
            let inTitle = entry(tilleuls, "Chaudière", body: "Contrat d'entretien annuel")
            let notice = entry(tilleuls, "Avis chaudière", source: "notices")
            try await store.write { repos in
                for entry in [inBody, inTitle, notice] { try await repos.searchIndex.upsert(entry) }
            }
            #expect(
                try await search(store, "chaudiere", in: tilleuls, source: "documents") == [
                    "Chaudière", "Procès-verbal",
                ])
            // A changed entry is found by its new words only.
            try await store.write { repos in
                try await repos.searchIndex.upsert(
                    SearchEntry(
                        organizationID: tilleuls, source: "documents", sourceID: inTitle.sourceID, title: "Chauffe-eau",
                        body: "", tags: [], kind: "other", link: nil, updatedAt: start))
            }
            #expect(try await search(store, "chaudiere", in: tilleuls, source: "documents") == ["Procès-verbal"])
            #expect(try await search(store, "chauffe", in: tilleuls) == ["Chauffe-eau"])
            try await store.write { repos in
                try await repos.searchIndex.remove(source: "documents", id: inBody.sourceID)
            }
            #expect(try await search(store, "chaudiere", in: tilleuls) == ["Avis chaudière"])
            try await store.write { repos in try await repos.searchIndex.clear(source: "notices") }
            #expect(try await search(store, "chaudiere", in: tilleuls).isEmpty)
        }
    }

    @Test(
        "A word on more pages than the ranking window is ranked among its newest matches only",
        arguments: TestDatabase.enabled)
    func rankingWindow(_ database: TestDatabase) async throws {
        try await withIndex(database) { store, tilleuls, _ in
            let window = 2000
            try await store.write { repos in
                // The oldest pages name the word in their title (they would rank first)…
                for index in 0..<5 {
                    try await repos.searchIndex.upsert(
                        entry(tilleuls, "Toiture \(index)", body: "toiture", at: Double(index)))
                }
                // …then more than a window of newer pages name it in their body.
                for index in 0..<window {
                    try await repos.searchIndex.upsert(
                        entry(tilleuls, "Page \(index)", body: "rapport toiture page \(index)", at: Double(10 + index)))
                }
            }
            let found = try await search(store, "toiture", in: tilleuls, limit: 5)
            #expect(found.count == 5)
            #expect(found.allSatisfy { $0.hasPrefix("Page ") }, "the oldest pages are outside the window: \(found)")
            // Found directly, the old pages are still there.
            try await store.write { repos in
                try await repos.searchIndex.upsert(entry(tilleuls, "Toiture neuve", body: "ardoises", at: 99_999))
            }
            #expect(try await search(store, "ardoises", in: tilleuls) == ["Toiture neuve"])
        }
    }
}
