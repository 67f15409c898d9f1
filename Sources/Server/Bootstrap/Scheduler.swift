public import Application
public import Foundation
import Logging
public import SQLAdapters
import ServiceLifecycle

/// When a job runs: every so often from the server's start, or once a day at a UTC time.
public enum JobSchedule: Sendable, Equatable, CustomStringConvertible {
    case every(Duration)
    /// Minutes after midnight UTC.
    case dailyAt(minutes: Int)

    /// The next run strictly after `date`; `.every` counts from `date`.
    public func nextRun(after date: Date) -> Date {
        switch self {
        case .every(let interval):
            let (seconds, attoseconds) = interval.components
            return date.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
        case .dailyAt(let minutes):
            let day = (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
            let today = Date(timeIntervalSince1970: day + Double(minutes * 60))
            return today > date ? today : today.addingTimeInterval(86_400)
        }
    }

    /// Whether the server runs the job once at start (interval jobs) or waits for its time.
    var runsAtStart: Bool { if case .every = self { true } else { false } }

    public var description: String {
        switch self {
        case .every(let interval): "every \(interval.components.seconds) s"
        case .dailyAt(let minutes): String(format: "daily at %02d:%02d UTC", minutes / 60, minutes % 60)
        }
    }
}

/// A periodic job: its name (for `gestio jobs run NAME` and the logs), when it runs, and the use
/// case it calls.
public struct ScheduledJob: Sendable {
    public let name: String
    public let summary: String
    public let schedule: JobSchedule
    public let run: @Sendable () async throws -> JobReport

    init(name: String, summary: String, interval: Duration, run: @escaping @Sendable () async throws -> JobReport) {
        self.init(name: name, summary: summary, schedule: .every(interval), run: run)
    }

    init(name: String, summary: String, schedule: JobSchedule, run: @escaping @Sendable () async throws -> JobReport) {
        self.name = name
        self.summary = summary
        self.schedule = schedule
        self.run = run
    }
}

extension Gestio {
    /// Every module's periodic jobs (each module lists its own in `Modules.swift`).
    public var jobs: [ScheduledJob] { Self.modules.flatMap { $0.jobs(self) } }

    public static let backupJob = "backup"

    /// One backup now (`gestio backup`, and the daily job); nil when another PostgreSQL instance
    /// is taking one (advisory lock). `skipped` in the job's report counts the pruned old copies.
    public func backup() async throws -> BackupReport? {
        let (directory, keep, pgDump) = (configuration.backupDirectory, configuration.backupKeep, configuration.pgDump)
        guard persistence.dialect == .postgres else {
            return try await persistence.backup(into: directory, keep: keep, at: Date())
        }
        return try await persistence.write { repos in
            guard try await repos.jobLocks.tryLock(job: Self.backupJob) else { return nil }
            return try await persistence.backup(into: directory, keep: keep, pgDump: pgDump, at: Date())
        }
    }

    public struct UnknownJob: Error, CustomStringConvertible {
        public let name: String
        public let known: [String]
        public var description: String { "no job named \(name); jobs: \(known.joined(separator: ", "))" }
    }

    /// Runs one job now, as the scheduler would.
    public func runJob(named name: String) async throws -> JobReport {
        guard let job = jobs.first(where: { $0.name == name }) else {
            throw UnknownJob(name: name, known: jobs.map(\.name))
        }
        return try await job.run()
    }
}

/// Runs each job at its interval for the server's lifetime. A failing run is logged and the job
/// tries again at its next tick; it never stops the server. PostgreSQL's advisory locks (taken
/// by the jobs themselves) keep two instances from running one job at once.
struct SchedulerService: Service {
    let jobs: [ScheduledJob]
    let logger: Logger

    func run() async throws {
        await withDiscardingTaskGroup { group in
            for job in jobs {
                group.addTask { await loop(job) }
            }
        }
    }

    /// A run in progress finishes; the wait for the next one ends at once on graceful shutdown.
    /// Interval jobs run at start, then after each interval; daily jobs wait for their time.
    private func loop(_ job: ScheduledJob) async {
        var first = true
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if !first || job.schedule.runsAtStart { await Self.runOnce(job, logger: logger) }
            first = false
            let wait = max(0, job.schedule.nextRun(after: Date()).timeIntervalSinceNow)
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(wait)) }
            } catch {
                return
            }
        }
    }

    static func runOnce(_ job: ScheduledJob, logger: Logger) async {
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let report = try await job.run()
            logger.info(
                "job run",
                metadata: [
                    "job": "\(job.name)", "ran": "\(report.ran)", "created": "\(report.created)",
                    "skipped": "\(report.skipped)", "notified": "\(report.notified)",
                    "duration": "\(clock.now - started)",
                ])
        } catch {
            logger.error("job failed", metadata: ["job": "\(job.name)", "error": "\(String(reflecting: error))"])
        }
    }
}
