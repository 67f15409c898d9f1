import Application
import Bootstrap
import Foundation
import Logging
import SQLAdapters
import ServiceLifecycle
import StorageAdapters
import Synchronization
import Testing

/// What several instances on one database share: rate-limit counts and scheduled job periods.
@Suite("Several instances")
struct ScaleOutTests {
    static let hour = Date(timeIntervalSince1970: 1_796_000_400)

    /// The same contract for every rate-limit store.
    static func rateLimitContract(_ store: any RateLimitStore) async throws {
        #expect(try await store.hit(scope: "booking", key: "10.0.0.1", windowStart: hour) == 1)
        #expect(try await store.hit(scope: "booking", key: "10.0.0.1", windowStart: hour) == 2)
        #expect(try await store.hits(scope: "booking", key: "10.0.0.1", windowStart: hour) == 2, "read, not counted")
        #expect(try await store.hits(scope: "booking", key: "10.0.0.9", windowStart: hour) == 0, "never seen")
        #expect(try await store.hit(scope: "booking", key: "10.0.0.2", windowStart: hour) == 1, "another client")
        #expect(try await store.hit(scope: "login", key: "10.0.0.1", windowStart: hour) == 1, "another scope")
        let next = hour.addingTimeInterval(3600)
        #expect(try await store.hit(scope: "booking", key: "10.0.0.1", windowStart: next) == 1, "a new window")
        #expect(try await store.forget(before: next) == 3)
        #expect(try await store.hit(scope: "booking", key: "10.0.0.1", windowStart: hour) == 1, "forgotten")
        #expect(try await store.hit(scope: "booking", key: "10.0.0.1", windowStart: next) == 2, "kept")
    }

    @Test(
        "Rate-limit counts: per scope, client and window, and ended windows forgotten", arguments: TestDatabase.enabled)
    func rateLimitStore(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await Self.rateLimitContract(SQLRateLimitStore(persistence: store))
        }
    }

    @Test("The in-process rate-limit store keeps the same contract")
    func inProcessRateLimitStore() async throws {
        try await Self.rateLimitContract(InProcessRateLimitStore())
    }

    @Test("A limiter refuses past its limit until its window ends, and says when to come back")
    func limiter() async throws {
        let limiter = RateLimiter(scope: "booking", limit: 2, window: 3600, store: InProcessRateLimitStore())
        let now = Self.hour.addingTimeInterval(600)
        try await limiter.attempt("a", at: now)
        try await limiter.attempt("a", at: now.addingTimeInterval(1))
        await #expect(throws: RateLimited(retryAfter: 3000)) { try await limiter.attempt("a", at: now) }
        await #expect(throws: RateLimited(retryAfter: 1)) {
            try await limiter.attempt("a", at: Self.hour.addingTimeInterval(3599.5))
        }
        try await limiter.attempt("a", at: Self.hour.addingTimeInterval(3600))
        try await limiter.attempt("b", at: now)
    }

    @Test("Two instances on one PostgreSQL database share the limit", .requiresPostgres)
    func sharedLimit() async throws {
        try await TestDatabase.postgres.withFreshURL { url in
            let first = try await SQLPersistence.open(try DatabaseLocation(url: url), maxConnections: 2, logger: .quiet)
            let second = try await SQLPersistence.open(
                try DatabaseLocation(url: url), maxConnections: 2, logger: .quiet)
            try await Migrator(dialect: .postgres).migrate(first)
            let a = RateLimiter(scope: "booking", limit: 3, window: 3600, store: SQLRateLimitStore(persistence: first))
            let b = RateLimiter(scope: "booking", limit: 3, window: 3600, store: SQLRateLimitStore(persistence: second))
            let now = Self.hour
            try await a.attempt("10.0.0.9", at: now)
            try await b.attempt("10.0.0.9", at: now)
            try await a.attempt("10.0.0.9", at: now)
            await #expect(throws: RateLimited.self) { try await b.attempt("10.0.0.9", at: now) }
            await #expect(throws: RateLimited.self) { try await a.attempt("10.0.0.9", at: now) }
            await first.shutdown()
            await second.shutdown()
        }
    }

    @Test("Failed logins on two instances add up: the account is paused on both", .requiresPostgres)
    func sharedSignInThrottle() async throws {
        try await TestDatabase.postgres.withFreshURL { url in
            var configuration = GestioConfiguration()
            configuration.databaseURL = url
            configuration.bcryptCost = 4
            configuration.maxDatabaseConnections = 2
            configuration.mailOutbox =
                FileManager.default.temporaryDirectory
                .appendingPathComponent("gestio-outbox-\(UUID())").path
            defer { try? FileManager.default.removeItem(atPath: configuration.mailOutbox) }
            let clock = TestClock()
            try await Gestio.withStarted(configuration, logger: .quiet, clock: clock) { first in
                try await Gestio.withStarted(configuration, logger: .quiet, clock: clock) { second in
                    _ = try await first.identity.register(
                        Registration(
                            email: "alice@example.com", password: "correct-horse-battery", name: "Alice",
                            destination: .newOrganization(name: "Tilleuls")))
                    for instance in [first, second, first, second, first] {
                        await #expect(throws: ApplicationError.invalidCredentials) {
                            _ = try await instance.identity.login(
                                email: "alice@example.com", password: "wrong-password")
                        }
                    }
                    for instance in [first, second] {
                        await #expect(throws: RateLimited.self) {
                            _ = try await instance.identity.login(
                                email: "alice@example.com", password: "correct-horse-battery")
                        }
                    }
                }
            }
        }
    }

    @Test(
        "Two instances on one database and one S3 bucket share documents: uploaded on one, downloaded on the other",
        .requiresPostgres, .requiresS3)
    func sharedDocuments() async throws {
        try await TestDatabase.postgres.withFreshURL { url in
            let s3 = try TestBlobStore.freshS3Settings()
            func configuration(_ name: String) -> GestioConfiguration {
                var configuration = GestioConfiguration()
                configuration.databaseURL = url
                configuration.bcryptCost = 4
                configuration.maxDatabaseConnections = 2
                configuration.ocrWorkers = 0
                configuration.s3 = s3
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-\(name)-\(UUID())")
                configuration.mailOutbox = folder.appendingPathComponent("outbox").path
                configuration.documentsDirectory = folder.appendingPathComponent("documents").path
                return configuration
            }
            let first = configuration("first")
            let second = configuration("second")
            defer {
                for folder in [first, second].map({ URL(fileURLWithPath: $0.documentsDirectory) }) {
                    try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())
                }
            }
            try await S3BlobStore(
                settings: s3, stagingDirectory: URL(fileURLWithPath: first.documentsDirectory), maxUploadBytes: 1
            ).createBucket()
            try await Gestio.withStarted(first, logger: .quiet, clock: TestClock()) { one in
                try await Gestio.withStarted(second, logger: .quiet, clock: TestClock()) { two in
                    let admin = try await one.registeredAdmin()
                    let bytes = TestFiles.pdf(saying: "Procès-verbal")
                    let staging = try await one.documents.stage()
                    try await staging.write(bytes)
                    let document = try await one.documents.create(
                        NewDocument(title: "PV"),
                        upload: Upload(staged: try await staging.finish(), fileName: "pv.pdf", declaredType: nil),
                        as: admin)
                    var read: [UInt8] = []
                    for try await chunk in try await two.documents.content(
                        of: document.document.id, version: 1, as: admin
                    )
                    .bytes {
                        read += chunk
                    }
                    #expect(read == bytes)
                    // Nothing of the bytes stayed on either instance's disk: the bucket holds them.
                    for configuration in [first, second] {
                        let left = FileManager.default.subpaths(atPath: configuration.documentsDirectory) ?? []
                        #expect(left.allSatisfy { $0 == ".staging" }, "\(left)")
                    }
                }
            }
        }
    }

    @Test("A job's period is claimed once; old claims are deleted", arguments: TestDatabase.enabled)
    func jobClaims(_ database: TestDatabase) async throws {
        try await database.withStore { (store: SQLPersistence) async throws -> Void in
            let claim = { (job: String, period: Date, instance: String, forgetBefore: Date) async throws -> Bool in
                try await store.write { repos in
                    try await repos.jobRuns.claim(
                        job: job, period: period, instance: instance, at: Self.hour, forgetBefore: forgetBefore)
                }
            }
            let never = Date.distantPast
            #expect(try await claim("mail", Self.hour, "a", never))
            #expect(try await !claim("mail", Self.hour, "b", never), "taken by a")
            #expect(try await !claim("mail", Self.hour, "a", never), "taken, even by the same instance")
            #expect(try await claim("mail", Self.hour.addingTimeInterval(60), "b", never), "the next period")
            #expect(try await claim("backup", Self.hour, "b", never), "another job")
            // Claims before the cut are forgotten, so that period could be claimed again.
            let cut = Self.hour.addingTimeInterval(1)
            #expect(try await claim("mail", Self.hour.addingTimeInterval(120), "a", cut))
            #expect(try await claim("mail", Self.hour, "b", never))
        }
    }

    @Test("Periods are aligned on the epoch, so every instance cuts time the same way")
    func periods() {
        let every = JobSchedule.every(.seconds(60))
        #expect(every.period(containing: Self.hour.addingTimeInterval(59.9)) == Self.hour)
        #expect(every.period(containing: Self.hour.addingTimeInterval(60)) == Self.hour.addingTimeInterval(60))
        #expect(every.nextRun(after: Self.hour.addingTimeInterval(5)) == Self.hour.addingTimeInterval(60))
        let daily = JobSchedule.dailyAt(minutes: 180)
        let midnight = Date(timeIntervalSince1970: 1_795_996_800)
        #expect(
            daily.period(containing: midnight.addingTimeInterval(3 * 3600)) == midnight.addingTimeInterval(3 * 3600))
        #expect(daily.period(containing: midnight.addingTimeInterval(3600)) == midnight.addingTimeInterval(-21 * 3600))
    }

    @Test("Two instances both running the scheduler run each job once per period", .requiresPostgres)
    func schedulerOnce() async throws {
        try await TestDatabase.postgres.withFreshURL { url in
            var configuration = GestioConfiguration()
            configuration.databaseURL = url
            configuration.bcryptCost = 4
            configuration.maxDatabaseConnections = 4
            let first = try await Gestio.start(configuration, logger: .quiet)
            let second = try await Gestio.start(configuration, logger: .quiet)
            let runs = Mutex<[(instance: String, period: Date)]>([])
            let schedule = JobSchedule.every(.seconds(1))
            func scheduler(_ gestio: Gestio, _ instance: String) -> SchedulerService {
                let job = ScheduledJob(name: "tick", summary: "records who ran which period", schedule: schedule) {
                    runs.withLock { $0.append((instance, schedule.period(containing: Date()))) }
                    return JobReport(job: "tick", ran: true, created: 0, skipped: 0, notified: 0)
                }
                return SchedulerService(jobs: [job], claims: gestio.jobClaims(instance: instance), logger: .quiet)
            }
            let group = ServiceGroup(
                services: [scheduler(first, "a"), scheduler(second, "b")], gracefulShutdownSignals: [],
                logger: .quiet)
            try await withThrowingTaskGroup { tasks in
                tasks.addTask { try await group.run() }
                // Until four periods ran (a loaded machine may take longer than four seconds).
                for _ in 0..<300 where runs.withLock({ $0.count }) < 4 {
                    try await Task.sleep(for: .milliseconds(100))
                }
                // Both instances keep ticking through one more period boundary, then stop.
                try await Task.sleep(for: .milliseconds(1_200))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            // A run's own clock may already read the next second on a loaded machine, so the periods
            // are the claimed ones: one claim row per run, and one row per period (the primary key).
            let recorded = runs.withLock { $0 }
            #expect(recorded.count >= 4, "four periods ran within 30 s: \(recorded)")
            let claims = try await first.persistence.withDatabase { db in
                try await db.raw("SELECT instance, period_start FROM job_runs WHERE job = 'tick'").all()
            }
            let periods = try claims.map { try $0.decode(column: "period_start", as: Date.self) }
            #expect(claims.count == recorded.count, "every run had its claim, and no run went without one")
            #expect(Set(periods).count == periods.count, "a period was claimed twice: \(periods)")
            let instances = try Set(claims.map { try $0.decode(column: "instance", as: String.self) })
            #expect(instances.isSubset(of: ["a", "b"]))
            await first.shutdown()
            await second.shutdown()
        }
    }
}

@Suite("SQLite readers")
struct SQLiteReaderTests {
    @Test("On an SQLite file, reads go on while a write transaction is held, and see only what was committed")
    func readsBesideTheWriter() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-readers-\(UUID()).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let store = try await SQLPersistence.open(.sqliteFile(path: path), logger: .quiet)
        try await Migrator(dialect: .sqlite).migrate(store)
        #expect(store.poolUsage.capacity == 1 + SQLPersistence.defaultSQLiteReaders)
        let count: @Sendable () async throws -> Int = {
            try await store.read { repos in try await repos.settings.value(for: "readers-test") == nil ? 0 : 1 }
        }
        let (held, heldSignal) = AsyncStream<Void>.makeStream()
        let (release, releaseSignal) = AsyncStream<Void>.makeStream()
        async let writer: Void = store.write { repos in
            _ = try await repos.settings.insertIfAbsent(key: "readers-test", value: "written", at: Date())
            heldSignal.yield()
            for await _ in release { break }
        }
        for await _ in held { break }
        // The writer holds its transaction, uncommitted; reads answer at once from the last commit.
        let reads = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<6 { group.addTask { try await count() } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(reads == Array(repeating: 0, count: 6))
        releaseSignal.finish()
        try await writer
        #expect(try await count() == 1, "committed, now visible")
        // A read connection refuses to write.
        await #expect(throws: (any Error).self) {
            try await store.read { repos in
                try await repos.settings.insertIfAbsent(key: "readers-test-2", value: "again", at: Date())
            }
        }
        await store.shutdown()
    }
}

extension SQLiteReaderTests {
    @Test("GESTIO_SQLITE_READERS sets how many readers an SQLite file gets; 0 reads on the writer")
    func readersSetting() async throws {
        #expect(try GestioConfiguration.fromEnvironment([:]).sqliteReaders == SQLPersistence.defaultSQLiteReaders)
        #expect(try GestioConfiguration.fromEnvironment(["GESTIO_SQLITE_READERS": "0"]).sqliteReaders == 0)
        #expect(throws: (any Error).self) { try GestioConfiguration.fromEnvironment(["GESTIO_SQLITE_READERS": "17"]) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-readers-\(UUID()).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        for readers in [0, 1] {
            let store = try await SQLPersistence.open(.sqliteFile(path: path), sqliteReaders: readers, logger: .quiet)
            #expect(store.poolUsage.capacity == 1 + readers)
            do {
                try await Migrator(dialect: .sqlite).migrate(store)
                #expect(try await store.read { repos in try await repos.settings.value(for: "nothing") } == nil)
            } catch {
                Issue.record(error)
            }
            await store.shutdown()
        }
    }
}
