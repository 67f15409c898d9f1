public import Foundation
import SQLKit
import Subprocess

/// What one backup did.
public struct BackupReport: Sendable, Equatable {
    public let file: String
    public let bytes: Int
    /// Older backups deleted to keep the configured number.
    public let removed: [String]
}

public struct BackupError: Error, CustomStringConvertible {
    public let description: String
}

extension SQLPersistence {
    /// Writes a consistent copy of the database into `directory` and keeps the newest `keep`
    /// copies: SQLite with `VACUUM INTO` (an online, consistent copy that opens as a database),
    /// PostgreSQL with `pg_dump --format=custom` (restore with `pg_restore`).
    public func backup(into directory: String, keep: Int, pgDump: String = "pg_dump", at now: Date) async throws
        -> BackupReport
    {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stamp = Self.stamp(now)
        let file: String
        switch location {
        case .sqliteMemory:
            throw BackupError(description: "an in-memory SQLite database has nothing to back up")
        case .sqliteFile:
            file = (directory as NSString).appendingPathComponent("gestio-\(stamp).sqlite")
            try? FileManager.default.removeItem(atPath: file)
            let quoted = file.replacingOccurrences(of: "'", with: "''")
            try await withDatabase { db in try await db.raw("VACUUM INTO '\(unsafeRaw: quoted)'").run() }
        case .postgres(let target):
            file = (directory as NSString).appendingPathComponent("gestio-\(stamp).dump")
            try await Self.run(
                pgDump,
                arguments: [
                    "--format=custom", "--no-owner", "--file=\(file)", "--host=\(target.host)",
                    "--port=\(target.port)", "--username=\(target.username)", "--dbname=\(target.database)",
                ],
                environment: target.libpqEnvironment)
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        return BackupReport(file: file, bytes: bytes, removed: try Self.prune(directory, keep: keep))
    }

    /// `20261121T030000Z`: names sort by time.
    static func stamp(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().dateTimeSeparator(.standard).time(includingFractionalSeconds: false)
        )
        .replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "") + "Z"
    }

    /// Deletes the oldest `gestio-*` backups beyond `keep`.
    static func prune(_ directory: String, keep: Int) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasPrefix("gestio-") && ($0.hasSuffix(".sqlite") || $0.hasSuffix(".dump")) }
            .sorted(by: >)
        let stale = names.dropFirst(max(1, keep))
        for name in stale {
            try FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
        }
        return Array(stale)
    }

    /// Runs the tool (found on the PATH) through swift-subprocess, which waits without holding a
    /// thread (pidfd and epoll) and gives the child no descriptor but its own three.
    static func run(_ tool: String, arguments: [String], environment: [String: String]) async throws {
        let result = try await Subprocess.run(
            .name(tool), arguments: Arguments(arguments),
            environment: .inherit.updating(
                Dictionary(uniqueKeysWithValues: environment.map { (Environment.Key(stringLiteral: $0.key), $0.value) })
            ),
            output: .discarded, error: .string(limit: 64 * 1024))
        guard result.terminationStatus.isSuccess else {
            throw BackupError(
                description: "\(tool) failed (\(result.terminationStatus)): "
                    + result.standardError.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
