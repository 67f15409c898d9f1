import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// Full-text search from the command line: a query in one organization, or a rebuild of the index.
struct SearchCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Full-text search: find (the default) or reindex.",
        subcommands: [Find.self, Reindex.self], defaultSubcommand: Find.self)

    struct Find: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Search one organization, best match first.")
        @OptionGroup var scope: OrganizationScope
        @Argument(help: "Words to find (accents and case do not matter).") var query: [String]
        @Option(name: .long, help: "Only this kind of thing (document).") var type: String?

        struct Output: Encodable {
            let type, id, title, snippet: String
            let rank: Double
        }

        func run() async throws {
            let principal = try scope.principal
            let (matches, _) = try await scope.common.withGestio {
                try await $0.search.search(
                    query.joined(separator: " "), source: type, kind: nil, entityType: nil,
                    page: PageRequest(page: 1, perPage: 50), as: principal)
            }
            let output = matches.map {
                Output(
                    type: $0.entry.source, id: $0.entry.sourceID.lowercasedText, title: $0.entry.title,
                    snippet: $0.snippet, rank: $0.rank)
            }
            try emit(output, json: scope.common.json) {
                (output.map { "\($0.type)  \($0.title)  \($0.id)\n    \($0.snippet)" } + ["\(output.count) match(es)"])
                    .joined(separator: "\n")
            }
        }
    }

    struct Reindex: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the full-text index from every module's records.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let counts = try await common.withGestio { try await $0.search.reindex() }
            try emit(counts, json: common.json) {
                counts.keys.sorted().map { "\($0): \(counts[$0]!) reindexed" }.joined(separator: "\n")
            }
        }
    }
}
