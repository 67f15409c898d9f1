public import Application
import Logging
import ServiceLifecycle

/// A periodic job: its name (for `gestio jobs run NAME` and the logs), how often it runs, and
/// the use case it calls.
public struct ScheduledJob: Sendable {
    public let name: String
    public let summary: String
    public let interval: Duration
    public let run: @Sendable () async throws -> JobReport
}

extension Gestio {
    /// Every module's periodic jobs. Later modules add theirs here.
    public var jobs: [ScheduledJob] {
        [
            ScheduledJob(
                name: MaintenanceService.preventiveJob,
                summary: "create the preventive interventions whose plans are due", interval: .seconds(300),
                run: { [maintenance] in try await maintenance.runPreventiveJob() }),
            ScheduledJob(
                name: MaintenanceService.slaBreachJob,
                summary: "notify once per intervention past its SLA due time", interval: .seconds(300),
                run: { [maintenance] in try await maintenance.runSLABreachJob() }),
            ScheduledJob(
                name: DispatchService.watchdogJob,
                summary: "raise one prise_en_charge intervention per ride left in the pool too long",
                interval: .seconds(300), run: { [dispatch] in try await dispatch.runPendingWatchdog() }),
            ScheduledJob(
                name: MailDelivery.job, summary: "mail pending notifications, retrying failures with backoff",
                interval: .seconds(60), run: { [mail] in try await mail.run() }),
            ScheduledJob(
                name: "db-optimize", summary: "refresh the query planner's statistics (SQLite)",
                interval: .seconds(3600),
                run: { [persistence] in
                    try await persistence.optimize()
                    return JobReport(job: "db-optimize", ran: true, created: 0, skipped: 0, notified: 0)
                }),
        ]
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
    private func loop(_ job: ScheduledJob) async {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await Self.runOnce(job, logger: logger)
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: job.interval) }
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
