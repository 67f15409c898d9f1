public import Application
public import Foundation
public import Logging
public import SQLAdapters
public import ServiceLifecycle

/// When a job runs: in each period of a fixed length (periods aligned on the epoch, so every
/// instance cuts time the same way), or once a day at a UTC time.
public enum JobSchedule: Sendable, Equatable, CustomStringConvertible {
    case every(Duration)
    /// Minutes after midnight UTC.
    case dailyAt(minutes: Int)

    /// The start of the next period strictly after `date`.
    public func nextRun(after date: Date) -> Date {
        period(containing: date).addingTimeInterval(length)
    }

    /// The start of the period `date` falls in: the one a run at `date` claims.
    public func period(containing date: Date) -> Date {
        switch self {
        case .every:
            return Date(timeIntervalSince1970: (date.timeIntervalSince1970 / length).rounded(.down) * length)
        case .dailyAt(let minutes):
            let day = (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
            let today = Date(timeIntervalSince1970: day + Double(minutes * 60))
            return today <= date ? today : today.addingTimeInterval(-86_400)
        }
    }

    /// Seconds between two periods.
    var length: TimeInterval {
        switch self {
        case .every(let interval):
            let (seconds, attoseconds) = interval.components
            return max(0.001, Double(seconds) + Double(attoseconds) / 1e18)
        case .dailyAt: return 86_400
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

    public init(
        name: String, summary: String, interval: Duration, run: @escaping @Sendable () async throws -> JobReport
    ) {
        self.init(name: name, summary: summary, schedule: .every(interval), run: run)
    }

    public init(
        name: String, summary: String, schedule: JobSchedule, run: @escaping @Sendable () async throws -> JobReport
    ) {
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

/// Who runs a period of a job: the instance whose claim is first. Claims are rows in `job_runs`,
/// so instances sharing a PostgreSQL database run each job once per period between them.
public struct JobClaims: Sendable {
    /// This instance's name in the claims (host and process id).
    public let instance: String
    let claim: @Sendable (_ job: String, _ period: Date) async throws -> Bool

    public init(instance: String, claim: @escaping @Sendable (_ job: String, _ period: Date) async throws -> Bool) {
        self.instance = instance
        self.claim = claim
    }
}

extension Gestio {
    /// Claims through `job_runs`; claims older than a week are deleted as new ones are taken.
    public func jobClaims(instance: String = Gestio.instanceName) -> JobClaims {
        JobClaims(instance: instance) { [persistence] job, period in
            let now = Date()
            return try await persistence.write { repos in
                try await repos.jobRuns.claim(
                    job: job, period: period, instance: instance, at: now,
                    forgetBefore: now.addingTimeInterval(-7 * 86_400))
            }
        }
    }

    /// `host:pid`, as claims and logs name this process.
    public static var instanceName: String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }
}

/// Runs each job once per period for the server's lifetime, when this instance claims the
/// period first. A failing run is logged and the job tries again in its next period; it never
/// stops the server. The jobs' own advisory locks still keep a hand-run (`gestio jobs run`) from
/// overlapping a scheduled one.
public struct SchedulerService: Service {
    let jobs: [ScheduledJob]
    let claims: JobClaims
    let logger: Logger

    public init(jobs: [ScheduledJob], claims: JobClaims, logger: Logger) {
        self.jobs = jobs
        self.claims = claims
        self.logger = logger
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            for job in jobs {
                group.addTask { await loop(job) }
            }
        }
    }

    /// A run in progress finishes; the wait for the next one ends at once on graceful shutdown.
    /// Interval jobs try their current period at start, then each period's start; daily jobs wait
    /// for their time.
    private func loop(_ job: ScheduledJob) async {
        // The period woken for: a sleep that ends a hair before its boundary still claims it.
        var awaited: Date? = job.schedule.runsAtStart ? Date() : nil
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if let awaited { await runIfClaimed(job, at: max(awaited, Date())) }
            let next = job.schedule.nextRun(after: Date())
            awaited = next
            let wait = max(0, next.timeIntervalSinceNow)
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(wait)) }
            } catch {
                return
            }
        }
    }

    /// Runs the period containing `time`, unless another instance (or an earlier run) claimed it.
    func runIfClaimed(_ job: ScheduledJob, at time: Date) async {
        let period = job.schedule.period(containing: time)
        do {
            guard try await claims.claim(job.name, period) else {
                logger.debug(
                    "job period taken", metadata: ["job": "\(job.name)", "period": "\(period)"])
                return
            }
        } catch {
            logger.error("job claim failed", metadata: ["job": "\(job.name)", "error": "\(String(reflecting: error))"])
            return
        }
        await Self.runOnce(job, logger: logger)
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
