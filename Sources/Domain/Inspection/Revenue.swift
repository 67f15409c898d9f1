import Foundation

/// How a centre's revenue report is split.
public enum RevenueGrouping: String, Sendable, CaseIterable {
    case service, day, inspector
}

/// The bookings of a period under one key (a service, a day on the centre's clocks, an
/// inspector), or all of them: what they brought in and how they ended.
public struct RevenueLine: Sendable, Equatable {
    /// The service's or inspector's id, or the day; empty for the total.
    public let key: String
    public let label: String
    /// Received for these bookings, whenever paid, less what was refunded.
    public private(set) var revenue: Money
    /// Not cancelled (a no-show counts: its slot was taken).
    public private(set) var bookings = 0
    /// Inspected (`done`).
    public private(set) var done = 0
    /// Inspected under a re-inspection service.
    public private(set) var reinspections = 0
    public private(set) var noShows = 0
    public private(set) var cancelled = 0

    init(key: String, label: String, currency: Currency) {
        self.key = key
        self.label = label
        revenue = Money(minorUnits: 0, currency: currency)
    }

    /// The share of re-inspections among the inspections done, 0 when none was done.
    public var reinspectionShare: Double { done == 0 ? 0 : Double(reinspections) / Double(done) }

    mutating func add(_ appointment: Appointment, reinspection: Bool, received: Money) throws {
        revenue = try revenue + received
        switch appointment.status {
        case .cancelled: cancelled += 1
        case .noShow:
            noShows += 1
            bookings += 1
        case .done:
            done += 1
            bookings += 1
            if reinspection { reinspections += 1 }
        case .held, .confirmed, .checkedIn, .inInspection: bookings += 1
        }
    }
}

/// A centre's revenue over whole days (at most 366): the bookings that started then, what they
/// brought in (payments received, whenever, less refunds), the share of re-inspections and the
/// no-shows, split by service, day or inspector.
public struct RevenueReport: Sendable, Equatable {
    public static let longest = 366

    public let from, to: CalendarDate
    public let grouping: RevenueGrouping
    /// In the order of their keys: services and inspectors by name, days in order.
    public let lines: [RevenueLine]
    public let total: RevenueLine

    /// The days from `from` to `to`, both included.
    public static func period(from: CalendarDate, to: CalendarDate) throws -> (CalendarDate, CalendarDate) {
        guard from <= to else {
            throw DomainError.invalidValue(field: "to", reason: "must not be before from")
        }
        guard from.days(until: to) < longest else {
            throw DomainError.invalidValue(field: "to", reason: "a report covers at most \(longest) days")
        }
        return (from, to)
    }

    /// `payments` are those of `appointments` (the others are ignored); a payment counts once
    /// it succeeded, less what was refunded of it.
    public init(
        from: CalendarDate, to: CalendarDate, grouping: RevenueGrouping, centre: Centre, appointments: [Appointment],
        payments: [Payment], services: [InspectionOffer], inspectors: [UserID: String], currency: Currency = .euro
    ) throws {
        (self.from, self.to) = try Self.period(from: from, to: to)
        self.grouping = grouping
        var received: [AppointmentID: Money] = [:]
        for payment in payments where payment.status == .succeeded {
            let net = try payment.amount - payment.refunded
            received[payment.appointmentID] =
                try (received[payment.appointmentID] ?? Money(minorUnits: 0, currency: currency)) + net
        }
        let offers = Dictionary(services.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [String: RevenueLine] = [:]
        var total = RevenueLine(key: "", label: "total", currency: currency)
        for appointment in appointments {
            let offer = offers[appointment.offerID]
            let key: String
            let label: String
            switch grouping {
            case .service:
                key = appointment.offerID.description
                label = offer?.name ?? key
            case .day:
                key = CalendarDate(dayOf: appointment.start, in: centre.timeZone).description
                label = key
            case .inspector:
                key = appointment.inspectorID.description
                label = inspectors[appointment.inspectorID] ?? key
            }
            let money = received[appointment.id] ?? Money(minorUnits: 0, currency: currency)
            let reinspection = offer?.kind == .reinspection
            var line = lines[key] ?? RevenueLine(key: key, label: label, currency: currency)
            try line.add(appointment, reinspection: reinspection, received: money)
            lines[key] = line
            try total.add(appointment, reinspection: reinspection, received: money)
        }
        self.lines = lines.values.sorted {
            grouping == .day ? $0.key < $1.key : ($0.label, $0.key) < ($1.label, $1.key)
        }
        self.total = total
    }
}
