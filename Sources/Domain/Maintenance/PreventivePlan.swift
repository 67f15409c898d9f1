public import Foundation

public typealias PreventivePlanID = Identifier<PreventivePlan>

/// How often a preventive job comes back: every N days, weeks or months.
public struct Frequency: Sendable, Equatable {
    public enum Unit: String, Sendable, CaseIterable { case days, weeks, months }

    public let every: Int
    public let unit: Unit

    public init(every: Int, unit: Unit) throws {
        guard (1...1000).contains(every) else {
            throw DomainError.invalidValue(field: "frequency.every", reason: "must be from 1 to 1000")
        }
        self.every = every
        self.unit = unit
    }

    /// The date one period later; a month step keeps the day, or the month's last day
    /// (31 January + 1 month = 28 or 29 February).
    public func advance(_ date: CalendarDate) -> CalendarDate {
        switch unit {
        case .days, .weeks:
            let days = unit == .days ? every : every * 7
            return CalendarDate(utcDayOf: date.startOfDayUTC.addingTimeInterval(Double(days) * 86_400 + 3_600))
        case .months:
            return date.adding(months: every)
        }
    }
}

/// A preventive maintenance plan on a piece of equipment. The preventive job turns each due
/// date into one `ouverte` preventive intervention and moves the plan forward.
public struct PreventivePlan: Sendable, Equatable {
    /// What the job does for a plan on a day: the due date it creates an intervention for, and
    /// the earlier due dates it skips (the plan was not run in time).
    public struct Due: Sendable, Equatable {
        public let date: CalendarDate
        public let skipped: [CalendarDate]
        public let next: CalendarDate
    }

    public let id: PreventivePlanID
    public let organizationID: OrganizationID
    public var equipementID: EquipementID
    public var title: String
    public var frequency: Frequency
    public var nextDate: CalendarDate
    public private(set) var lastDate: CalendarDate?
    public var checklist: [String]
    public let createdAt: Date

    public init(
        id: PreventivePlanID, organizationID: OrganizationID, equipementID: EquipementID, title: String,
        frequency: Frequency, nextDate: CalendarDate, lastDate: CalendarDate? = nil, checklist: [String],
        createdAt: Date
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.equipementID = equipementID
        self.title = try Text.required(title, field: "title")
        self.frequency = frequency
        self.nextDate = nextDate
        self.lastDate = lastDate
        guard checklist.count <= 100 else {
            throw DomainError.invalidValue(field: "checklist", reason: "must hold at most 100 items")
        }
        self.checklist = try checklist.map { try Text.required($0, field: "checklist", maximum: 500) }
        self.createdAt = createdAt
    }

    /// nil while the next date is still to come. Several missed periods give one intervention,
    /// for the latest due date, and the others as skipped.
    public func due(on today: CalendarDate) -> Due? {
        guard nextDate <= today else { return nil }
        var date = nextDate
        var skipped: [CalendarDate] = []
        while case let following = frequency.advance(date), following <= today, skipped.count < 10_000 {
            skipped.append(date)
            date = following
        }
        return Due(date: date, skipped: skipped, next: frequency.advance(date))
    }

    /// Records that the job handled `due`: last = its date, next = one period later.
    public mutating func handled(_ due: Due) {
        lastDate = due.date
        nextDate = due.next
    }
}
