public import Foundation

public typealias ResourceID = Identifier<Resource>
public typealias BookingID = Identifier<Booking>

/// A common space of a building that residents book by the hour: a meeting room, the laundry, a
/// guest room. Its policy is the syndic's alone.
public struct Resource: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case meetingRoom = "meeting_room"
        case laundry, gym, rooftop
        case guestRoom = "guest_room"
        case parkingSpot = "parking_spot"
        case bikeStorage = "bike_storage"
        case other
    }

    public let id: ResourceID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public var name: String
    public var kind: Kind
    public var description: String?
    public var policy: BookingPolicy
    public let createdAt: Date

    public init(
        id: ResourceID, organizationID: OrganizationID, buildingID: BuildingID, name: String, kind: Kind,
        description: String?, policy: BookingPolicy = .standard, createdAt: Date
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.name = try Text.required(name, field: "name", minimum: 2, maximum: 100)
        self.kind = kind
        self.description = try Text.optional(description, field: "description", maximum: 1000)
        self.policy = policy
        self.createdAt = createdAt
    }
}

/// When a resource opens on one day of the week, in the building's time zone: minutes from
/// midnight, `[opens, closes)`.
public struct OpeningHours: Sendable, Equatable {
    /// 1 (Monday) to 7 (Sunday), as ISO 8601 numbers them.
    public let weekday: Int
    public let opens: Int
    public let closes: Int

    public init(weekday: Int, opens: Int, closes: Int) throws {
        guard (1...7).contains(weekday) else {
            throw DomainError.invalidValue(field: "openingHours", reason: "a weekday is 1 (Monday) to 7 (Sunday)")
        }
        guard (0..<1440).contains(opens), (1...1440).contains(closes), opens < closes else {
            throw DomainError.invalidValue(
                field: "openingHours", reason: "a day opens before it closes, between 00:00 and 24:00")
        }
        self.weekday = weekday
        self.opens = opens
        self.closes = closes
    }

    /// `HH:MM` (24:00 closes at midnight).
    public static func minutes(parsing text: String) throws -> Int {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hours = Int(parts[0]),
            let minutes = Int(parts[1]), (0...24).contains(hours), (0..<60).contains(minutes),
            hours * 60 + minutes <= 1440
        else { throw DomainError.invalidValue(field: "openingHours", reason: "a time is HH:MM, 00:00 to 24:00") }
        return hours * 60 + minutes
    }

    public static func text(_ minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}

/// The syndic's rules for booking one resource.
public struct BookingPolicy: Sendable, Equatable {
    public let minimumMinutes: Int
    public let maximumMinutes: Int
    /// How far ahead a booking may start.
    public let advanceDays: Int
    /// Bookings not yet over (pending, confirmed, checked in) one resident may hold on the resource.
    public let maxActivePerResident: Int
    /// The booker may cancel until this many hours before the start.
    public let cancellationCutoffHours: Int
    public let requiresApproval: Bool
    /// Minutes after the start during which the booker checks in; after them, a no-show.
    public let checkInWindowMinutes: Int
    /// Empty: open at all hours. Otherwise a booking fits within one day's hours.
    public let openingHours: [OpeningHours]
    /// Credits held while the booking is active, 0 to 100 (returned when it ends, kept on a no-show).
    public let deposit: Int

    public static let standard = BookingPolicy(
        unchecked: 30, maximumMinutes: 240, advanceDays: 30, maxActivePerResident: 2, cancellationCutoffHours: 24,
        requiresApproval: false, checkInWindowMinutes: 15, openingHours: [], deposit: 0)

    private init(
        unchecked minimumMinutes: Int, maximumMinutes: Int, advanceDays: Int, maxActivePerResident: Int,
        cancellationCutoffHours: Int, requiresApproval: Bool, checkInWindowMinutes: Int,
        openingHours: [OpeningHours], deposit: Int
    ) {
        self.minimumMinutes = minimumMinutes
        self.maximumMinutes = maximumMinutes
        self.advanceDays = advanceDays
        self.maxActivePerResident = maxActivePerResident
        self.cancellationCutoffHours = cancellationCutoffHours
        self.requiresApproval = requiresApproval
        self.checkInWindowMinutes = checkInWindowMinutes
        self.openingHours = openingHours.sorted { ($0.weekday, $0.opens) < ($1.weekday, $1.opens) }
        self.deposit = deposit
    }

    public init(
        minimumMinutes: Int, maximumMinutes: Int, advanceDays: Int, maxActivePerResident: Int,
        cancellationCutoffHours: Int, requiresApproval: Bool, checkInWindowMinutes: Int,
        openingHours: [OpeningHours], deposit: Int
    ) throws {
        func within(_ value: Int, _ range: ClosedRange<Int>, _ field: String, _ unit: String) throws {
            guard range.contains(value) else {
                throw DomainError.invalidValue(
                    field: field, reason: "must be from \(range.lowerBound) to \(range.upperBound) \(unit)")
            }
        }
        try within(minimumMinutes, 5...1440, "minimumMinutes", "minutes")
        // Two weeks: a guest room is booked for nights.
        try within(maximumMinutes, 5...20_160, "maximumMinutes", "minutes")
        guard minimumMinutes <= maximumMinutes else {
            throw DomainError.invalidValue(field: "maximumMinutes", reason: "must not be less than the minimum")
        }
        try within(advanceDays, 1...365, "advanceDays", "days")
        try within(maxActivePerResident, 1...50, "maxActivePerResident", "bookings")
        try within(cancellationCutoffHours, 0...720, "cancellationCutoffHours", "hours")
        try within(checkInWindowMinutes, 1...240, "checkInWindowMinutes", "minutes")
        try within(deposit, 0...100, "deposit", "credits")
        let sorted = openingHours.sorted { ($0.weekday, $0.opens) < ($1.weekday, $1.opens) }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) where earlier.weekday == later.weekday {
            guard earlier.closes <= later.opens else {
                throw DomainError.invalidValue(field: "openingHours", reason: "a day's hours must not overlap")
            }
        }
        guard openingHours.count <= 28 else {
            throw DomainError.invalidValue(field: "openingHours", reason: "at most 28 ranges")
        }
        self.init(
            unchecked: minimumMinutes, maximumMinutes: maximumMinutes, advanceDays: advanceDays,
            maxActivePerResident: maxActivePerResident, cancellationCutoffHours: cancellationCutoffHours,
            requiresApproval: requiresApproval, checkInWindowMinutes: checkInWindowMinutes,
            openingHours: sorted, deposit: deposit)
    }

    /// The open ranges of one local day, as instants (none on a closed day).
    public func openRanges(on day: CalendarDate, in zone: TimeZone) -> [Range<Date>] {
        let midnight = day.midnight(in: zone)
        let nextMidnight = day.adding(days: 1).midnight(in: zone)
        guard !openingHours.isEmpty else { return [midnight..<nextMidnight] }
        let weekday = day.isoWeekday
        return openingHours.filter { $0.weekday == weekday }.map { hours in
            let opens = day.instant(minutes: hours.opens, in: zone)
            let closes = hours.closes == 1440 ? nextMidnight : day.instant(minutes: hours.closes, in: zone)
            return opens..<max(opens, closes)
        }
    }

    /// Refuses a booking of `[start, end)` made at `now` that breaks the policy, with its reason.
    public func check(_ interval: Range<Date>, at now: Date, in zone: TimeZone) throws {
        guard interval.lowerBound >= now else { throw BookingRefusal.inThePast }
        let minutes = Int(interval.upperBound.timeIntervalSince(interval.lowerBound) / 60)
        guard minutes >= minimumMinutes else { throw BookingRefusal.tooShort(minimumMinutes) }
        guard minutes <= maximumMinutes else { throw BookingRefusal.tooLong(maximumMinutes) }
        guard interval.lowerBound <= now.addingTimeInterval(Double(advanceDays) * 86_400) else {
            throw BookingRefusal.tooFarAhead(advanceDays)
        }
        guard !openingHours.isEmpty else { return }
        let day = CalendarDate(dayOf: interval.lowerBound, in: zone)
        let fits = openRanges(on: day, in: zone).contains {
            $0.lowerBound <= interval.lowerBound && interval.upperBound <= $0.upperBound
        }
        guard fits else { throw BookingRefusal.outsideOpeningHours }
    }
}

/// Why a booking breaks its resource's policy (422), or the booker's record (403).
public enum BookingRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case inThePast
    case tooShort(Int)
    case tooLong(Int)
    case tooFarAhead(Int)
    case outsideOpeningHours
    case tooManyBookings(Int)
    /// Three no-shows in 60 days: no new booking until then.
    case blocked(until: Date)
    /// The booker's cancellation comes after the cutoff.
    case pastCutoff(hours: Int)
    /// Checking in is from the start to the end of the check-in window.
    case notCheckInTime
    /// A weekly series lasts at most 3 months.
    case seriesTooLong

    public var code: String {
        switch self {
        case .inThePast: "booking_in_the_past"
        case .tooShort: "booking_too_short"
        case .tooLong: "booking_too_long"
        case .tooFarAhead: "booking_too_far_ahead"
        case .outsideOpeningHours: "outside_opening_hours"
        case .tooManyBookings: "too_many_bookings"
        case .blocked: "booking_blocked"
        case .pastCutoff: "cancellation_cutoff_passed"
        case .notCheckInTime: "not_check_in_time"
        case .seriesTooLong: "series_too_long"
        }
    }

    public var description: String {
        switch self {
        case .inThePast: "a booking starts in the future"
        case .tooShort(let minutes): "a booking of this resource lasts at least \(minutes) minutes"
        case .tooLong(let minutes): "a booking of this resource lasts at most \(minutes) minutes"
        case .tooFarAhead(let days): "this resource is booked at most \(days) days ahead"
        case .outsideOpeningHours: "the booking does not fit within the resource's opening hours"
        case .tooManyBookings(let max): "you already hold \(max) active bookings of this resource, its maximum"
        case .blocked(let until):
            "three missed bookings in 60 days: no new booking until \(until.formatted(.iso8601))"
        case .pastCutoff(let hours): "a booking is cancelled at least \(hours) hours before it starts"
        case .notCheckInTime: "checking in is from the start of the booking to the end of its check-in window"
        case .seriesTooLong: "a weekly series lasts at most 3 months"
        }
    }
}

/// One resident's use of a resource over `[start, end)`.
public struct Booking: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case pending, confirmed
        case checkedIn = "checked_in"
        case completed, cancelled
        case noShow = "no_show"

        static let moves: [Status: Set<Status>] = [
            .pending: [.confirmed, .cancelled],
            .confirmed: [.checkedIn, .cancelled, .noShow],
            .checkedIn: [.completed],
        ]

        /// Holding its slot: these are the statuses an overlap is checked against.
        public var holdsSlot: Bool { self == .pending || self == .confirmed || self == .checkedIn }
        public static let holding: [Status] = allCases.filter(\.holdsSlot)
    }

    public let id: BookingID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let resourceID: ResourceID
    public let bookerID: UserID
    public let start: Date
    public let end: Date
    /// The weekly series it was booked in, if any.
    public let seriesID: UUID?
    /// Credits held for it (the policy's deposit when booked).
    public let deposit: Int
    public private(set) var status: Status
    public let createdAt: Date
    public private(set) var updatedAt: Date

    public init(
        id: BookingID, organizationID: OrganizationID, buildingID: BuildingID, resourceID: ResourceID,
        bookerID: UserID, start: Date, end: Date, seriesID: UUID?, deposit: Int, status: Status, createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.resourceID = resourceID
        self.bookerID = bookerID
        self.start = start
        self.end = end
        self.seriesID = seriesID
        self.deposit = deposit
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var interval: Range<Date> { start..<end }

    /// Half-open: a booking ending when another starts does not overlap it.
    public func overlaps(_ other: Range<Date>) -> Bool { start < other.upperBound && other.lowerBound < end }

    private mutating func move(to next: Status, at now: Date) throws {
        guard Status.moves[status]?.contains(next) == true else {
            throw DomainError.illegalTransition(entity: "booking", from: status.rawValue, to: next.rawValue)
        }
        status = next
        updatedAt = now
    }

    public mutating func approve(at now: Date) throws { try move(to: .confirmed, at: now) }

    /// From the start to the end of the check-in window.
    public mutating func checkIn(at now: Date, policy: BookingPolicy) throws {
        guard status == .confirmed else { return try move(to: .checkedIn, at: now) }
        guard now >= start, now < start.addingTimeInterval(Double(policy.checkInWindowMinutes) * 60) else {
            throw BookingRefusal.notCheckInTime
        }
        try move(to: .checkedIn, at: now)
    }

    /// The booker cancels until the cutoff; the syndic (`byManager`) at any time before it is over.
    public mutating func cancel(at now: Date, byManager: Bool, policy: BookingPolicy) throws {
        if !byManager, status.holdsSlot,
            now > start.addingTimeInterval(-Double(policy.cancellationCutoffHours) * 3600)
        {
            throw BookingRefusal.pastCutoff(hours: policy.cancellationCutoffHours)
        }
        try move(to: .cancelled, at: now)
    }

    /// What the job does with a booking at `now`: a confirmed one past its check-in window is a
    /// no-show, a checked-in one past its end completed, a pending one never approved by its start
    /// cancelled. Nil when nothing is due.
    public func due(at now: Date, policy: BookingPolicy) -> Status? {
        switch status {
        case .confirmed where now >= start.addingTimeInterval(Double(policy.checkInWindowMinutes) * 60): .noShow
        case .checkedIn where now >= end: .completed
        case .pending where now >= start: .cancelled
        default: nil
        }
    }

    public mutating func settle(_ next: Status, at now: Date) throws { try move(to: next, at: now) }

    /// The end of a block on new bookings from these no-shows (their starts): three within 60 days
    /// block for 30 days after the third. Nil when no block was ever earned.
    public static func blockEnd(noShows: [Date]) -> Date? {
        let sorted = noShows.sorted()
        var end: Date?
        for index in sorted.indices.dropFirst(2) where sorted[index].timeIntervalSince(sorted[index - 2]) <= 60 * 86_400
        {
            end = sorted[index].addingTimeInterval(30 * 86_400)
        }
        return end
    }

    /// The weekly occurrences of `[start, end)`, at the same local time, `weeks` in all (1 = no
    /// repetition), within 3 months of the first.
    public static func weekly(_ interval: Range<Date>, weeks: Int, in zone: TimeZone) throws -> [Range<Date>] {
        guard weeks >= 1 else { throw DomainError.invalidValue(field: "weeks", reason: "must be at least 1") }
        guard weeks <= 14 else { throw BookingRefusal.seriesTooLong }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let length = interval.upperBound.timeIntervalSince(interval.lowerBound)
        // Occurrences a week apart would overlap each other.
        guard weeks == 1 || length <= 6 * 86_400 else {
            throw DomainError.invalidValue(field: "weeks", reason: "a booking longer than 6 days cannot repeat weekly")
        }
        let limit = calendar.date(byAdding: .month, value: 3, to: interval.lowerBound) ?? interval.lowerBound
        var occurrences: [Range<Date>] = []
        for week in 0..<weeks {
            guard let start = calendar.date(byAdding: .day, value: 7 * week, to: interval.lowerBound) else { break }
            guard start <= limit else { throw BookingRefusal.seriesTooLong }
            occurrences.append(start..<start.addingTimeInterval(length))
        }
        return occurrences
    }

    /// The free ranges of `policy`'s open hours from `from` to `to` (local days, inclusive), not
    /// earlier than `now` nor beyond the booking horizon, without `busy`, none shorter than the minimum.
    public static func freeSlots(
        policy: BookingPolicy, from: CalendarDate, to: CalendarDate, busy: [Range<Date>], now: Date, zone: TimeZone
    ) -> [Range<Date>] {
        let horizon = now.addingTimeInterval(Double(policy.advanceDays) * 86_400)
        var open: [Range<Date>] = []
        var day = from
        while day <= to {
            open += policy.openRanges(on: day, in: zone)
            day = day.adding(days: 1)
        }
        let sortedBusy = busy.sorted { $0.lowerBound < $1.lowerBound }
        var free: [Range<Date>] = []
        for range in open {
            var cursor = max(range.lowerBound, now)
            // A slot may begin up to the horizon; it still ends by the range's close.
            let limit = range.upperBound
            guard cursor < limit, cursor <= horizon else { continue }
            for taken in sortedBusy where taken.upperBound > cursor && taken.lowerBound < limit {
                if taken.lowerBound > cursor { free.append(cursor..<taken.lowerBound) }
                cursor = max(cursor, taken.upperBound)
            }
            if cursor < limit { free.append(cursor..<limit) }
        }
        // Adjacent open ranges (midnight between two open days) join into one slot.
        var joined: [Range<Date>] = []
        for slot in free {
            if let last = joined.last, last.upperBound == slot.lowerBound {
                joined[joined.count - 1] = last.lowerBound..<slot.upperBound
            } else {
                joined.append(slot)
            }
        }
        let minimum = Double(policy.minimumMinutes) * 60
        return joined.filter { $0.upperBound.timeIntervalSince($0.lowerBound) >= minimum }
    }
}

extension CalendarDate {
    /// Midnight at the start of the day where the clocks show `zone`'s time.
    public func midnight(in zone: TimeZone) -> Date { instant(minutes: 0, in: zone) }

    /// The instant `minutes` after this day's midnight on `zone`'s clocks.
    public func instant(minutes: Int, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: year, month: month, day: day, hour: minutes / 60, minute: minutes % 60)
        return calendar.date(from: components) ?? startOfDayUTC
    }
}
