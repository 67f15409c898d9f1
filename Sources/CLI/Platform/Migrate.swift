import ArgumentParser
import Bootstrap
import SQLAdapters

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply pending database migrations and list what is applied.")

    @OptionGroup var common: CommonOptions

    struct Output: Encodable {
        let database: String
        let applied: [Migrator.AppliedMigration]
    }

    func run() async throws {
        // Gestio.start applies pending migrations; this reports the result.
        let output = try await common.withGestio { gestio in
            Output(
                database: gestio.location.description,
                applied: try await Migrator(dialect: gestio.location.dialect).applied(gestio.persistence))
        }
        try emit(output, json: common.json) {
            (["\(output.database): \(output.applied.count) migration(s) applied"]
                + output.applied.map {
                    "  \(String(repeating: "0", count: max(0, 4 - String($0.version).count)))\($0.version) \($0.name)"
                }).joined(separator: "\n")
        }
    }
}
