public import Foundation

/// A free slot: when, and the lane and inspector that would take it, held together.
public struct FreeSlot: Sendable, Equatable {
    public let start: Date
    public let end: Date
    public let laneID: LaneID
    public let inspectorID: UserID
}

/// The free slots of a centre for one service and category. A slot needs, over its whole length,
/// the centre open, a lane that takes the category and is not booked, and an inspector certified
/// for it, at work and not booked. Slots follow each other from each opening span's start, one
/// service's length apart.
public struct Availability: Sendable {
    /// At most this many days are searched at once.
    public static let maximumDays = 62

    public let centre: Centre
    public let lanes: [Lane]
    public let inspectors: [InspectorSchedule]
    /// What is already booked, by lane and by inspector (half-open intervals).
    public let bookedLanes: [LaneID: [DateInterval]]
    public let bookedInspectors: [UserID: [DateInterval]]
    public let calendar: LegalCalendar

    public init(
        centre: Centre, lanes: [Lane], inspectors: [InspectorSchedule], bookedLanes: [LaneID: [DateInterval]],
        bookedInspectors: [UserID: [DateInterval]], calendar: LegalCalendar = .belgium
    ) {
        self.centre = centre
        self.lanes = lanes.sorted { $0.name < $1.name }
        self.inspectors = inspectors.sorted { $0.inspectorID.rawValue.uuidString < $1.inspectorID.rawValue.uuidString }
        self.bookedLanes = bookedLanes
        self.bookedInspectors = bookedInspectors
        self.calendar = calendar
    }

    /// The free slots from `from` to `to` (whole days, the centre's), none starting before `now`.
    public func slots(
        for offer: InspectionOffer, category: VehicleCategory, from: CalendarDate, to: CalendarDate, now: Date
    ) throws -> [FreeSlot] {
        guard let minutes = offer.duration(for: category) else {
            throw DomainError.invalidValue(
                field: "category", reason: "the service \"\(offer.name)\" does not apply to \(category.rawValue)")
        }
        guard from <= to, from.days(until: to) < Self.maximumDays else {
            throw DomainError.invalidValue(
                field: "dateTo", reason: "must be on or after date_from, at most \(Self.maximumDays) days later")
        }
        var free: [FreeSlot] = []
        var day = from
        while day <= to {
            defer { day = day.adding(days: 1) }
            guard !centre.isClosed(on: day, calendar: calendar) else { continue }
            for opening in centre.hours.spans(on: day) {
                var start = opening.start
                while start + minutes <= opening.end {
                    defer { start += minutes }
                    let span = try DaySpan(start: start, end: start + minutes)
                    guard let slot = pair(span, on: day, category: category), slot.start >= now else { continue }
                    free.append(slot)
                }
            }
        }
        return free
    }

    /// The lane and inspector that would take the service starting at `start`; nil when the
    /// slot is not free (or not one the centre offers: outside its hours, on a closed day).
    public func pair(at start: Date, for offer: InspectionOffer, category: VehicleCategory) -> FreeSlot? {
        guard let minutes = offer.duration(for: category) else { return nil }
        let day = CalendarDate(dayOf: start, in: centre.timeZone)
        guard !centre.isClosed(on: day, calendar: calendar) else { return nil }
        let midnight = centre.instant(day, minutes: 0)
        let offset = Int(start.timeIntervalSince(midnight) / 60)
        // Slots follow each other from the start of an opening span, as `slots` lists them.
        guard start == midnight.addingTimeInterval(TimeInterval(offset * 60)),
            let span = try? DaySpan(start: offset, end: offset + minutes),
            centre.hours.spans(on: day).contains(where: {
                $0.start <= span.start && span.end <= $0.end && (span.start - $0.start) % minutes == 0
            })
        else { return nil }
        return pair(span, on: day, category: category)
    }

    private func pair(_ span: DaySpan, on day: CalendarDate, category: VehicleCategory) -> FreeSlot? {
        let interval = DateInterval(
            start: centre.instant(day, minutes: span.start), end: centre.instant(day, minutes: span.end))
        func free(_ booked: [DateInterval]?) -> Bool {
            !(booked ?? []).contains { $0.start < interval.end && interval.start < $0.end }
        }
        guard
            let lane = lanes.first(where: { $0.categories.contains(category) && free(bookedLanes[$0.id]) }),
            let inspector = inspectors.first(where: {
                $0.categories.contains(category) && $0.works(span, on: day) && free(bookedInspectors[$0.inspectorID])
            })
        else { return nil }
        return FreeSlot(start: interval.start, end: interval.end, laneID: lane.id, inspectorID: inspector.inspectorID)
    }
}
