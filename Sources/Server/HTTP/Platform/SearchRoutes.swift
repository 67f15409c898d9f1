import Application
import Domain
import Foundation
import Hummingbird

/// `GET /api/v1/search?q=&type=&kind=&entity_type=`: ranked matches with snippets, in the
/// caller's organization, each shown only to whom its module says may see it.
struct SearchRoutes {
    let search: SearchService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.get("search") { request, context in
            guard let text = try request.textQuery("q", maxLength: 200) else { throw RequestError.missingField("q") }
            let (matches, page) = try await search.search(
                text, source: try request.textQuery("type", maxLength: 50),
                kind: try request.textQuery("kind", maxLength: 50),
                entityType: try request.textQuery("entity_type", maxLength: 50), page: try request.pageRequest(),
                as: context.principal)
            return SearchResponse(matches: matches, page: page)
        }
    }
}

struct SearchResponse: ResponseEncodable {
    struct Match: Encodable {
        let type: String
        let id: String
        let title: String
        let kind: String?
        let entityType: String?
        let entityId: String?
        let tags: [String]
        let snippet: String
        let rank: Double
        let updatedAt: Date
    }

    let data: [Match]
    let page: Int
    let perPage: Int

    init(matches: [SearchMatch], page: PageRequest) {
        data = matches.map {
            Match(
                type: $0.entry.source, id: $0.entry.sourceID.lowercasedText, title: $0.entry.title, kind: $0.entry.kind,
                entityType: $0.entry.link?.type, entityId: $0.entry.link?.id.lowercasedText, tags: $0.entry.tags,
                snippet: $0.snippet, rank: $0.rank, updatedAt: $0.entry.updatedAt)
        }
        self.page = page.page
        perPage = page.perPage
    }
}
