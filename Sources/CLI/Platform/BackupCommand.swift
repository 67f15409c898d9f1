import ArgumentParser
import Bootstrap
import Foundation

/// `gestio backup`: one copy of the database now, as the daily job takes it.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database (SQLite: VACUUM INTO; PostgreSQL: pg_dump) and keep the newest ones.")
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: "Directory of the backups (default GESTIO_BACKUP_DIR or ./backups).") var dir: String?
    @Option(name: .long, help: "How many backups to keep (default GESTIO_BACKUP_KEEP or 7).") var keep: Int?

    struct Output: Encodable {
        let file: String
        let bytes: Int
        let removed: [String]
    }

    func run() async throws {
        let (dir, keep) = (dir, keep)
        let overrides: (inout GestioConfiguration) -> Void = {
            if let dir { $0.backupDirectory = dir }
            if let keep { $0.backupKeep = keep }
        }
        let report = try await common.withGestio(configure: overrides) { gestio in
            guard let report = try await gestio.backup() else {
                throw ValidationError("another instance is taking a backup now; nothing done")
            }
            return report
        }
        let output = Output(file: report.file, bytes: report.bytes, removed: report.removed)
        try emit(output, json: common.json) {
            "backed up to \(output.file) (\(output.bytes) bytes)"
                + (output.removed.isEmpty ? "" : "; removed \(output.removed.joined(separator: ", "))")
        }
    }
}
