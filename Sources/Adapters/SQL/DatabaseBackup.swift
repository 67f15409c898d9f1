public import Foundation
import SQLKit

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

    /// Runs the tool and waits for it on a dispatch queue, never on a thread of the cooperative
    /// pool: a blocked pool thread stalls every task of the process (two cores: two threads).
    static func run(_ tool: String, arguments: [String], environment: [String: String]) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result { try runWaiting(tool, arguments: arguments, environment: environment) })
            }
        }
    }

    private static func runWaiting(_ tool: String, arguments: [String], environment: [String: String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BackupError(
                description: "\(tool) failed (\(process.terminationStatus)): "
                    + String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
