public import Foundation

public typealias CentreID = Identifier<Centre>
public typealias LaneID = Identifier<Lane>
public typealias InspectionOfferID = Identifier<InspectionOffer>

/// A stretch of a day, in minutes from midnight on the clocks of the place: `08:00–12:30`.
public struct DaySpan: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let start: Int
    public let end: Int

    public init(start: Int, end: Int, field: String = "hours") throws {
        guard (0...1440).contains(start), (0...1440).contains(end), start < end else {
            throw DomainError.invalidValue(field: field, reason: "a span must start before it ends, within the day")
        }
        self.start = start
        self.end = end
    }

    /// Parses `HH:MM-HH:MM` (24:00 ends the day).
    public init(parsing text: String, field: String = "hours") throws {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard ends.count == 2, let start = Self.minutes(ends[0]), let end = Self.minutes(ends[1]) else {
            throw DomainError.invalidValue(field: field, reason: "\"\(text.prefix(40))\" is not HH:MM-HH:MM")
        }
        try self.init(start: start, end: end, field: field)
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
            let hours = Int(parts[0]), let minutes = Int(parts[1]), (0...24).contains(hours),
            (0..<60).contains(minutes),
            hours < 24 || minutes == 0
        else { return nil }
        return hours * 60 + minutes
    }

    public func contains(_ other: DaySpan) -> Bool { start <= other.start && other.end <= end }

    public static func < (lhs: DaySpan, rhs: DaySpan) -> Bool { (lhs.start, lhs.end) < (rhs.start, rhs.end) }

    public var description: String {
        func text(_ minutes: Int) -> String {
            let hours = minutes / 60
            let rest = minutes % 60
            return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
        }
        return "\(text(start))-\(text(end))"
    }
}

/// Hours for each day of the week (ISO: 1 is Monday), as spans that never overlap; a day
/// without spans is closed.
public struct WeeklyHours: Sendable, Equatable {
    public let days: [Int: [DaySpan]]

    public init(_ days: [Int: [DaySpan]], field: String = "hours") throws {
        var sorted: [Int: [DaySpan]] = [:]
        for (weekday, spans) in days {
            guard (1...7).contains(weekday) else {
                throw DomainError.invalidValue(field: field, reason: "weekdays run from 1 (Monday) to 7 (Sunday)")
            }
            let ordered = spans.sorted()
            for (earlier, later) in zip(ordered, ordered.dropFirst()) where later.start < earlier.end {
                throw DomainError.invalidValue(field: field, reason: "\(earlier) and \(later) overlap")
            }
            if !ordered.isEmpty { sorted[weekday] = ordered }
        }
        self.days = sorted
    }

    /// The weekdays' names on the wire, Monday first.
    public static let weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// From `{"monday": ["08:00-12:00", "13:00-17:00"], …}`; a day left out is closed.
    public init(parsing named: [String: [String]], field: String = "hours") throws {
        var days: [Int: [DaySpan]] = [:]
        for (name, spans) in named {
            guard let index = Self.weekdayNames.firstIndex(of: name) else {
                throw DomainError.invalidValue(
                    field: field, reason: "\"\(name.prefix(20))\" is not a weekday (monday … sunday)")
            }
            guard spans.count <= 12 else {
                throw DomainError.invalidValue(field: field, reason: "at most 12 spans a day")
            }
            days[index + 1] = try spans.map { try DaySpan(parsing: $0, field: field) }
        }
        try self.init(days, field: field)
    }

    /// As the wire and the database write it: weekday name → spans.
    public var named: [String: [String]] {
        Dictionary(uniqueKeysWithValues: days.map { (Self.weekdayNames[$0.key - 1], $0.value.map(\.description)) })
    }

    public func spans(on date: CalendarDate) -> [DaySpan] { days[date.isoWeekday] ?? [] }

    /// Whether the whole of `span` lies within one span of that day.
    public func covers(_ span: DaySpan, on date: CalendarDate) -> Bool {
        spans(on: date).contains { $0.contains(span) }
    }
}

/// A vehicle inspection centre: where it is, its clocks, when it opens and when it is closed.
public struct Centre: Sendable, Equatable {
    public let id: CentreID
    public let organizationID: OrganizationID
    public var name: String
    /// Its public page's name in URLs: `/public/centres/{slug}`.
    public let slug: String
    public var address: String
    public var timeZone: TimeZone
    public var hours: WeeklyHours
    /// The centre's own closures, besides the legal public holidays when it keeps them.
    public var closures: Set<CalendarDate>
    public var closedOnPublicHolidays: Bool
    public var policy: AppointmentPolicy
    /// Printed on its receipts; a centre takes payments only once it has one.
    public var vatNumber: VATNumber?
    /// Its verdict settings: how long a failed vehicle has to come back (15 days by default).
    public var rules: InspectionRules = .standard
    public let createdAt: Date

    public init(
        id: CentreID, organizationID: OrganizationID, name: String, slug: String, address: String,
        timeZone: String, hours: WeeklyHours, closures: Set<CalendarDate> = [], closedOnPublicHolidays: Bool = true,
        policy: AppointmentPolicy = .standard, createdAt: Date
    ) throws {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw DomainError.invalidValue(
                field: "timeZone", reason: "is not a time zone name such as Europe/Brussels")
        }
        guard (2...60).contains(slug.count),
            slug.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }),
            slug.first != "-", slug.last != "-"
        else {
            throw DomainError.invalidValue(
                field: "slug", reason: "2 to 60 lowercase letters, digits and dashes, not starting or ending with one")
        }
        self.id = id
        self.organizationID = organizationID
        self.name = try Text.required(name, field: "name", minimum: 2, maximum: 200)
        self.slug = slug
        self.address = try Text.required(address, field: "address", minimum: 2, maximum: 300)
        self.timeZone = zone
        self.hours = hours
        self.closures = closures
        self.closedOnPublicHolidays = closedOnPublicHolidays
        self.policy = policy
        self.createdAt = createdAt
    }

    public func isClosed(on date: CalendarDate, calendar: LegalCalendar = .belgium) -> Bool {
        closures.contains(date) || (closedOnPublicHolidays && calendar.isHoliday(date))
    }

    /// The instant the centre's clocks show `minutes` after midnight on `date` (in a clock change,
    /// the first such instant).
    public func instant(_ date: CalendarDate, minutes: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let midnight = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
        return calendar.date(byAdding: .minute, value: minutes, to: midnight)!
    }
}

/// An inspection lane and the categories of vehicles it can take.
public struct Lane: Sendable, Equatable {
    public let id: LaneID
    public let centreID: CentreID
    public var name: String
    public var categories: Set<VehicleCategory>

    public init(id: LaneID, centreID: CentreID, name: String, categories: Set<VehicleCategory>) throws {
        guard !categories.isEmpty else {
            throw DomainError.invalidValue(field: "categories", reason: "a lane takes at least one category")
        }
        self.id = id
        self.centreID = centreID
        self.name = try Text.required(name, field: "name", minimum: 1, maximum: 100)
        self.categories = categories
    }
}

/// A service a centre offers (`/centres/{id}/services`): a periodic inspection, a re-inspection,
/// an inspection before sale…, with how long it takes for each category it applies to, its price
/// and its VAT rate.
public struct InspectionOffer: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case periodic
        /// Contre-visite: only the points failed last time are checked again.
        case reinspection
        case beforeSale = "before_sale"
        case afterRepair = "after_repair"
        case lpg
        case other
    }

    public let id: InspectionOfferID
    public let centreID: CentreID
    public var kind: Kind
    public var name: String
    /// Minutes, per category the service applies to.
    public var durations: [VehicleCategory: Int]
    /// VAT included.
    public var price: Money
    /// In hundredths of a percent: 2100 is 21 %.
    public var vatRateBasisPoints: Int

    public init(
        id: InspectionOfferID, centreID: CentreID, kind: Kind, name: String, durations: [VehicleCategory: Int],
        price: Money, vatRateBasisPoints: Int
    ) throws {
        guard !durations.isEmpty else {
            throw DomainError.invalidValue(field: "durations", reason: "a service applies to at least one category")
        }
        guard durations.values.allSatisfy({ (5...480).contains($0) }) else {
            throw DomainError.invalidValue(field: "durations", reason: "each lasts from 5 to 480 minutes")
        }
        guard price.minorUnits >= 0, price.minorUnits <= 10_000_000 else {
            throw DomainError.invalidValue(field: "price", reason: "must be between 0 and 100,000")
        }
        guard (0...10_000).contains(vatRateBasisPoints) else {
            throw DomainError.invalidValue(field: "vatRate", reason: "must be between 0 and 100 %")
        }
        self.id = id
        self.centreID = centreID
        self.kind = kind
        self.name = try Text.required(name, field: "name", minimum: 2, maximum: 200)
        self.durations = durations
        self.price = price
        self.vatRateBasisPoints = vatRateBasisPoints
    }

    /// How long the service takes for the category; nil when it does not apply to it.
    public func duration(for category: VehicleCategory) -> Int? { durations[category] }
}

/// When an inspector works, what they are certified to inspect, and the days they are away.
public struct InspectorSchedule: Sendable, Equatable {
    public struct Absence: Sendable, Equatable {
        public enum Reason: String, Sendable, CaseIterable {
            case leave, training, sickness, other
        }

        public let from: CalendarDate
        public let to: CalendarDate
        public let reason: Reason

        public init(from: CalendarDate, to: CalendarDate, reason: Reason) throws {
            guard from <= to, from.days(until: to) <= 366 else {
                throw DomainError.invalidValue(
                    field: "exceptions", reason: "an absence runs forward, for a year at most")
            }
            self.from = from
            self.to = to
            self.reason = reason
        }

        public func covers(_ date: CalendarDate) -> Bool { from <= date && date <= to }
    }

    public let inspectorID: UserID
    public let centreID: CentreID
    public var weekly: WeeklyHours
    public var absences: [Absence]
    public var categories: Set<VehicleCategory>

    public init(
        inspectorID: UserID, centreID: CentreID, weekly: WeeklyHours, absences: [Absence],
        categories: Set<VehicleCategory>
    ) throws {
        guard !categories.isEmpty else {
            throw DomainError.invalidValue(
                field: "categories", reason: "an inspector is certified for at least one category")
        }
        guard absences.count <= 100 else {
            throw DomainError.invalidValue(field: "exceptions", reason: "at most 100 absences")
        }
        self.inspectorID = inspectorID
        self.centreID = centreID
        self.weekly = weekly
        self.absences = absences
        self.categories = categories
    }

    /// Whether they are at work over the whole span that day.
    public func works(_ span: DaySpan, on date: CalendarDate) -> Bool {
        !absences.contains { $0.covers(date) } && weekly.covers(span, on: date)
    }
}
