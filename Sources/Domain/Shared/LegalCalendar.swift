/// Day arithmetic on calendar dates (days since 1970-01-01, proleptic Gregorian), pure integers.
extension CalendarDate {
    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The first and last days a `CalendarDate` holds (0001-01-01 and 9999-12-31).
    public static let dayNumbers = -719_162...2_932_896

    /// The date `dayNumber` days after 1970-01-01, held to years 1…9999: a client's date near
    /// either end plus or minus a period stops at that end instead of stopping the process.
    public init(dayNumber: Int) {
        let z = min(max(dayNumber, Self.dayNumbers.lowerBound), Self.dayNumbers.upperBound) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        try! self.init(year: year, month: month, day: day)
    }

    public func adding(days: Int) -> CalendarDate {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        return CalendarDate(dayNumber: overflow ? (days < 0 ? Int.min : Int.max) : sum)
    }

    /// The same day `months` later, or that month's last day (31 January + 1 month = 28 or 29
    /// February).
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let (newYear, newMonth) = (index / 12, index % 12 + 1)
        let newDay = min(day, CalendarDate.daysIn(month: newMonth, year: newYear))
        return (try? CalendarDate(year: newYear, month: newMonth, day: newDay)) ?? self
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// ISO weekday: 1 is Monday, 7 is Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let remainder = (dayNumber + 3) % 7
        return (remainder < 0 ? remainder + 7 : remainder) + 1
    }
}

/// The Belgian legal calendar: the ten legal public holidays (law of 4 January 1974, AR of
/// 18 April 1974), with per-year overrides by royal decree, and the Civil Code's way of counting
/// a period (art. 1.7).
public struct LegalCalendar: Sendable {
    /// Holidays a royal decree moved for one year: the dates removed and the dates added.
    public struct Override: Sendable, Equatable {
        public let removed: [CalendarDate]
        public let added: [CalendarDate]
        public init(removed: [CalendarDate], added: [CalendarDate]) {
            self.removed = removed
            self.added = added
        }
    }

    public let overrides: [Int: Override]

    public init(overrides: [Int: Override] = LegalCalendar.belgianOverrides) { self.overrides = overrides }

    /// 2008: Ascension fell on 1 May; the AR of 3 June 2007 made 2 May the holiday instead.
    public static let belgianOverrides: [Int: Override] = [
        2008: Override(removed: [], added: [try! CalendarDate(year: 2008, month: 5, day: 2)])
    ]

    public static let belgium = LegalCalendar()

    /// Easter Sunday by the anonymous Gregorian computus (Meeus–Jones–Butcher).
    public static func easter(_ year: Int) -> CalendarDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return try! CalendarDate(year: year, month: month, day: day)
    }

    /// The legal public holidays of `year`, in date order.
    public func holidays(_ year: Int) -> [CalendarDate] {
        let easter = Self.easter(year)
        func fixed(_ month: Int, _ day: Int) -> CalendarDate { try! CalendarDate(year: year, month: month, day: day) }
        var days: Set<CalendarDate> = [
            fixed(1, 1), easter.adding(days: 1), fixed(5, 1), easter.adding(days: 39), easter.adding(days: 50),
            fixed(7, 21), fixed(8, 15), fixed(11, 1), fixed(11, 11), fixed(12, 25),
        ]
        if let override = overrides[year] {
            days.subtract(override.removed)
            days.formUnion(override.added)
        }
        return days.sorted()
    }

    public func isHoliday(_ date: CalendarDate) -> Bool { holidays(date.year).contains(date) }

    /// Not a Saturday, a Sunday or a legal public holiday.
    public func isWorkingDay(_ date: CalendarDate) -> Bool { date.isoWeekday <= 5 && !isHoliday(date) }

    /// The last day of a period of `days` calendar days that starts with `event` (art. 1.7): the
    /// day of the event is not counted, the period ends on the `days`-th day after it, and a period
    /// of two days or more ending on a Saturday, Sunday or holiday runs to the next working day.
    public func periodEnd(from event: CalendarDate, days: Int) -> CalendarDate {
        var end = event.adding(days: days)
        guard days >= 2 else { return end }
        while !isWorkingDay(end) { end = end.adding(days: 1) }
        return end
    }
}
