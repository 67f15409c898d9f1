public import Domain
public import Foundation

/// `GET /stats/flotte?date=`: one day of the fleet.
public struct FleetDay: Sendable {
    public struct TaxiLine: Sendable {
        public let taxi: Taxi
        public let ridesByStatus: [String: Int]
        /// Minutes held by accepted, started or finished rides.
        public let busyMinutes: Int
        /// Busy minutes over the 24-hour day, in basis points (10000 = 100 %).
        public let occupancyBasisPoints: Int
    }

    public let day: CalendarDate
    public let taxis: [TaxiLine]
    public let ridesByStatus: [String: Int]
    /// Rides not cancelled, by pickup hour (UTC), 24 values.
    public let ridesPerHour: [Int]
    /// Rides in the pool or offered, not yet on any taxi.
    public let unassigned: Int
}

/// `GET /me/stats?period=`: a driver's current period and the previous one.
public struct DriverStats: Sendable {
    public enum Period: String, Sendable, CaseIterable { case week, month, year }

    public let period: Period
    public let from: Date
    public let to: Date
    public let current: DriverFigures
    public let previous: DriverFigures
    /// `snapshot` when the previous week comes from the weekly snapshot job, else `live`.
    public let previousSource: String
}

extension DispatchService {
    public static let snapshotJob = "driver-stats-snapshot"

    public func fleetDay(_ date: Date?, as principal: Principal) async throws -> FleetDay {
        try AccessPolicy.require(.readDispatch, by: principal)
        let day = CalendarDate(utcDayOf: date ?? clock.now())
        let start = day.startOfDayUTC
        let end = start.addingTimeInterval(86_400)
        return try await persistence.read { (repos: any UsesDispatchStats & UsesTaxis) in
            let taxis = try await repos.taxis.list(
                of: principal.organizationID, page: try PageRequest(page: 1, perPage: PageRequest.maximumPerPage))
            let tallies = try await repos.dispatchStats.tallies(of: principal.organizationID, from: start, to: end)
            let times = try await repos.dispatchStats.pickupTimes(of: principal.organizationID, from: start, to: end)
            var perHour = Array(repeating: 0, count: 24)
            for time in times { perHour[min(23, max(0, Int(time.timeIntervalSince(start) / 3600)))] += 1 }
            let lines = taxis.items.map { taxi in
                let mine = tallies.filter { $0.taxiID == taxi.id }
                let busy = mine.filter { [.assignee, .enCours, .terminee].contains($0.status) }.map(\.minutes)
                    .reduce(0, +)
                return FleetDay.TaxiLine(
                    taxi: taxi,
                    ridesByStatus: Dictionary(mine.map { ($0.status.rawValue, $0.count) }, uniquingKeysWith: +),
                    busyMinutes: busy, occupancyBasisPoints: min(10_000, busy * 10_000 / 1440))
            }
            return FleetDay(
                day: day, taxis: lines,
                ridesByStatus: Dictionary(tallies.map { ($0.status.rawValue, $0.count) }, uniquingKeysWith: +),
                ridesPerHour: perHour,
                unassigned: tallies.filter { $0.taxiID == nil && $0.status != .annulee }.map(\.count).reduce(0, +))
        }
    }

    public func myStats(period: DriverStats.Period, as principal: Principal) async throws -> DriverStats {
        try AccessPolicy.require(.drive, by: principal)
        let (from, to, previousFrom) = Self.bounds(of: period, around: clock.now())
        return try await persistence.read { (repos: any UsesDispatchStats) in
            let stats = repos.dispatchStats
            let current = try await stats.figures(
                driver: principal.userID, in: principal.organizationID, from: from, to: to)
            if period == .week,
                let snapshot = try await stats.snapshot(
                    driver: principal.userID, in: principal.organizationID, weekStart: previousFrom)
            {
                return DriverStats(
                    period: period, from: from, to: to, current: current, previous: snapshot,
                    previousSource: "snapshot")
            }
            let previous = try await stats.figures(
                driver: principal.userID, in: principal.organizationID, from: previousFrom, to: from)
            return DriverStats(
                period: period, from: from, to: to, current: current, previous: previous, previousSource: "live")
        }
    }

    /// The job of Monday 00:00 (it runs hourly and is idempotent): keeps every driver's figures
    /// of the week that just ended, so later changes do not rewrite the comparison.
    public func runWeeklySnapshot() async throws -> JobReport {
        let now = clock.now()
        let (thisWeek, _, lastWeek) = Self.bounds(of: .week, around: now)
        return try await persistence.write { (repos: any UsesDispatchStats & UsesJobLocks) in
            guard try await repos.jobLocks.tryLock(job: Self.snapshotJob) else {
                return JobReport(job: Self.snapshotJob, ran: false, created: 0, skipped: 0, notified: 0)
            }
            var created = 0
            var skipped = 0
            for (organization, driver) in try await repos.dispatchStats.drivers() {
                let figures = try await repos.dispatchStats.figures(
                    driver: driver, in: organization, from: lastWeek, to: thisWeek)
                if try await repos.dispatchStats.saveSnapshot(
                    figures, driver: driver, in: organization, weekStart: lastWeek, at: now)
                {
                    created += 1
                } else {
                    skipped += 1
                }
            }
            return JobReport(job: Self.snapshotJob, ran: true, created: created, skipped: skipped, notified: 0)
        }
    }

    /// The period containing `now` (weeks start on Monday, UTC) and the start of the one before.
    static func bounds(of period: DriverStats.Period, around now: Date) -> (from: Date, to: Date, previous: Date) {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let component: Calendar.Component =
            switch period {
            case .week: .weekOfYear
            case .month: .month
            case .year: .year
            }
        let interval = calendar.dateInterval(of: component, for: now) ?? DateInterval(start: now, duration: 0)
        let previous = calendar.date(byAdding: component, value: -1, to: interval.start) ?? interval.start
        return (interval.start, interval.end, previous)
    }
}
