import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

extension BenchCommands {
    /// The full-text index under load: `--documents` one-page texts (400 words each, drawn with a
    /// Zipf-like law from a vocabulary of 5,000 French-looking words) indexed for one organization,
    /// then `--queries` searches of one or two words timed at the index (the query the search route
    /// runs: ranked, 20 results), p50, p95 and the slowest.
    struct SearchIndex: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search", abstract: "Index many one-page documents, then time full-text queries.")

        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "Documents to index.") var documents = 100_000
        @Option(name: .long, help: "Queries to time.") var queries = 200

        struct Output: Encodable {
            let database: String
            let documents: Int
            let indexSeconds: Double
            let queries: Int
            let p50Milliseconds: Double
            let p95Milliseconds: Double
            let maxMilliseconds: Double
            let meanResults: Double
        }

        func run() async throws {
            guard documents > 0, queries > 0 else {
                throw ValidationError("--documents and --queries must be positive")
            }
            let (documents, queries) = (self.documents, self.queries)
            let output = try await common.withGestio { gestio in
                let (principal, _) = try await benchBuilding(gestio, tantiemes: 1000)
                var random = SplitMix(seed: 14)
                let vocabulary = (0..<5000).map { Self.word($0, &random) }
                let clock = ContinuousClock()
                let indexed = try await clock.measure {
                    var next = 0
                    while next < documents {
                        let batch = (next..<min(documents, next + 1000)).map { number in
                            SearchEntry(
                                organizationID: principal.organizationID, source: "bench", sourceID: UUID(),
                                title: "Document \(number) \(vocabulary[Self.zipf(&random, vocabulary.count)])",
                                body: (0..<400).map { _ in vocabulary[Self.zipf(&random, vocabulary.count)] }
                                    .joined(separator: " "),
                                tags: [], kind: "other", link: nil, updatedAt: Date())
                        }
                        try await gestio.persistence.write { (repos: any PlatformStores) in
                            for entry in batch { try await repos.searchIndex.upsert(entry) }
                        }
                        next += batch.count
                    }
                }
                try await gestio.persistence.optimize()
                var times: [Double] = []
                var results = 0
                for _ in 0..<queries {
                    // Words of middling frequency (ranks 50 to 2,000), one or two of them.
                    let count = Int(random.next() % 2) + 1
                    let words = (0..<count).map { _ in
                        SearchText.words(vocabulary[50 + Int(random.next() % 1950)]).first ?? "a"
                    }
                    let query = SearchQuery(words: words)
                    let elapsed = try await clock.measure {
                        results += try await gestio.persistence.read { (repos: any PlatformStores) in
                            try await repos.searchIndex.search(
                                query, in: principal.organizationID, limit: 20, offset: 0)
                        }.count
                    }
                    times.append(elapsed.milliseconds)
                }
                times.sort()
                return Output(
                    database: gestio.location.description, documents: documents,
                    indexSeconds: indexed.milliseconds / 1000, queries: queries,
                    p50Milliseconds: times[times.count / 2], p95Milliseconds: times[times.count * 95 / 100],
                    maxMilliseconds: times[times.count - 1], meanResults: Double(results) / Double(queries))
            }
            try emit(output, json: common.json) {
                String(
                    format:
                        "%@: %d documents indexed in %.1f s; %d queries: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%.1f results each)",
                    output.database, output.documents, output.indexSeconds, output.queries, output.p50Milliseconds,
                    output.p95Milliseconds, output.maxMilliseconds, output.meanResults)
            }
        }

        /// A pronounceable word for a rank (syllables of French-looking letters).
        static func word(_ rank: Int, _ random: inout SplitMix) -> String {
            let syllables = [
                "ra", "le", "mon", "ti", "sur", "ber", "cha", "vo", "del", "pri", "és", "quin", "tau", "gne",
            ]
            let length = 2 + Int(random.next() % 3)
            return (0..<length).map { _ in syllables[Int(random.next() % UInt64(syllables.count))] }.joined()
                + String(rank % 7 == 0 ? "s" : "")
        }

        /// A rank from 0 to `count` − 1, small ranks far likelier (an approximate Zipf law).
        static func zipf(_ random: inout SplitMix, _ count: Int) -> Int {
            let uniform = Double(random.next() % 1_000_000) / 1_000_000
            return min(count - 1, Int(pow(Double(count), uniform)) - 1)
        }
    }
}

/// A small seeded generator, so two runs index the same texts.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
