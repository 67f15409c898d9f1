public import Foundation

public typealias DuesReminderID = Identifier<DuesReminder>

/// The Belgian legal interest rate in civil matters (law of 5 May 1865 on interest-bearing loans,
/// art. 2 §1), in hundredths of a percent: set each calendar year from the December average of
/// the one-year Euribor (rounded up to the quarter point) plus 2 %, and published in the Moniteur
/// belge in January.
public enum LegalInterest {
    public static let rates: [Int: Int] = [
        2018: 200, 2019: 200, 2020: 175, 2021: 175, 2022: 150, 2023: 525, 2024: 575, 2025: 450, 2026: 450,
    ]

    /// The year's rate; before the table, its first year's; after it, the last one published
    /// (a year's rate is known only from its January).
    public static func rate(in year: Int) -> Int {
        if let rate = rates[year] { return rate }
        let years = rates.keys.sorted()
        return year < years[0] ? rates[years[0]]! : rates[years[years.count - 1]]!
    }
}

/// How far a reminder goes, by days overdue: a friendly email, a firm one, then the formal
/// notice (mise en demeure) by registered letter.
public enum ReminderLevel: String, Sendable, CaseIterable, Comparable {
    case first
    case second
    case formalNotice = "formal_notice"

    /// The days overdue from which the level is due.
    public var threshold: Int {
        switch self {
        case .first: 15
        case .second: 30
        case .formalNotice: 60
        }
    }

    public var next: ReminderLevel? {
        switch self {
        case .first: .second
        case .second: .formalNotice
        case .formalNotice: nil
        }
    }

    /// By registered letter (a PDF to print), not by email.
    public var byPost: Bool { self == .formalNotice }

    /// The highest level due after so many days overdue, nil before the first.
    public static func reached(daysOverdue days: Int) -> ReminderLevel? {
        allCases.last { $0.threshold <= days }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: ReminderLevel, rhs: ReminderLevel) -> Bool { lhs.rank < rhs.rank }
}

/// A yearly interest rate in hundredths of a percent, 0 to 100 %.
public struct InterestRate: Sendable, Hashable, CustomStringConvertible {
    public let basisPoints: Int

    public init(basisPoints: Int, field: String = "rate") throws {
        self.basisPoints = try VATRate(basisPoints: basisPoints, field: field).basisPoints
    }

    /// `4.5`, `4,50`, `8` (a percentage with at most two decimals).
    public init(parsing raw: String, field: String = "rate") throws {
        basisPoints = try VATRate(parsing: raw, field: field).basisPoints
    }

    public var description: String { (try? VATRate(basisPoints: basisPoints).description) ?? "" }
}

/// A building's rules for chasing unpaid contributions, from its statutes or internal rules.
public struct CollectionPolicy: Sendable, Equatable {
    /// When interest starts to run on an unpaid contribution.
    public enum InterestStart: String, Sendable, CaseIterable {
        /// From the formal notice (the legal default: art. 5.224 of the Civil Code).
        case formalNotice = "formal_notice"
        /// From the due date, where the statutes or internal rules provide contractual interest.
        case dueDate = "due_date"
    }

    public var interestStart: InterestStart
    /// The building's own rates by year; other years run at the legal rate.
    public var rates: [Int: InterestRate]
    /// The fixed fee charged to the owner's account when a reminder of the level is sent.
    public var fees: [ReminderLevel: Money]
    /// Whether the daily job creates and sends the reminders due without the syndic.
    public var automatic: Bool

    public static let legalDefault = CollectionPolicy(
        interestStart: .formalNotice, rates: [:], fees: [:], automatic: false)

    /// The largest fee accepted: 10,000.00 (a fee is a fixed sum, not a penalty clause).
    public static let maximumFee = Money(minorUnits: 1_000_000)

    public init(
        interestStart: InterestStart, rates: [Int: InterestRate], fees: [ReminderLevel: Money], automatic: Bool
    ) {
        self.interestStart = interestStart
        self.rates = rates
        self.fees = fees
        self.automatic = automatic
    }

    /// Checks the years and the fees.
    public func validated() throws -> CollectionPolicy {
        for year in rates.keys where !FiscalYear.range.contains(year) {
            throw DomainError.invalidValue(
                field: "rates.year",
                reason: "must be between \(FiscalYear.range.lowerBound) and \(FiscalYear.range.upperBound)")
        }
        for (level, fee) in fees where fee.minorUnits < 0 || Self.maximumFee < fee {
            throw DomainError.invalidValue(
                field: "fees.\(level.rawValue)", reason: "must be between 0 and \(Self.maximumFee.decimalString)")
        }
        return self
    }

    public func rate(in year: Int) -> InterestRate {
        rates[year] ?? InterestRate(validated: LegalInterest.rate(in: year))
    }

    public func fee(at level: ReminderLevel) -> Money { fees[level] ?? Money(minorUnits: 0) }

    /// Interest on `amount` for each day after `start` up to and including `end`, each day at its
    /// year's rate: Σ amount × rate × days / 365 over the years crossed, rounded once to the
    /// nearest cent (a half cent up), in exact integers.
    public func interest(on amount: Money, from start: CalendarDate, through end: CalendarDate) -> Money {
        guard start < end, amount.minorUnits > 0 else { return Money(minorUnits: 0, currency: amount.currency) }
        // Σ days × basis points fits easily; times an amount below 10^14 cents it could not, so
        // the division is done on the quotient and the remainder apart.
        var dayPoints: Int64 = 0
        var day = start
        while day < end {
            // The days after `day` up to the end of the next day's year, or to `end`.
            let year = day.adding(days: 1).year
            let last = min((try? CalendarDate(year: year, month: 12, day: 31)) ?? end, end)
            dayPoints += Int64(day.days(until: last)) * Int64(rate(in: year).basisPoints)
            day = last
        }
        let divisor: Int64 = 365 * 10_000
        let whole = amount.minorUnits / divisor * dayPoints
        let rest = amount.minorUnits % divisor * dayPoints
        return Money(minorUnits: whole + (rest * 2 + divisor) / (2 * divisor), currency: amount.currency)
    }
}

extension InterestRate {
    init(validated basisPoints: Int) { self.basisPoints = basisPoints }
}

/// A registered letter's tracking number in the UPU S10 form bpost uses: two letters, eight
/// digits, a check digit, and the country (`RR123456785BE`).
public struct TrackingNumber: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init(parsing raw: String, field: String = "trackingNumber") throws {
        let text = raw.uppercased().filter { !$0.isWhitespace }
        let characters = Array(text)
        guard characters.count == 13, characters[0..<2].allSatisfy({ $0.isASCII && $0.isLetter }),
            characters[11..<13].allSatisfy({ $0.isASCII && $0.isLetter }),
            characters[2..<11].allSatisfy({ $0.isASCII && $0.isNumber })
        else {
            throw DomainError.invalidValue(
                field: field, reason: "must be two letters, nine digits and two letters, like RR123456785BE")
        }
        let digits = characters[2..<11].compactMap(\.wholeNumberValue)
        guard Self.checkDigit(of: Array(digits[0..<8])) == digits[8] else {
            throw DomainError.invalidValue(field: field, reason: "has a wrong check digit")
        }
        value = text
    }

    /// The S10 check digit: weights 8 6 4 2 3 5 9 7, then 11 − the sum mod 11 (10 gives 0, 11 gives 5).
    public static func checkDigit(of serial: [Int]) -> Int {
        let sum = zip(serial, [8, 6, 4, 2, 3, 5, 9, 7]).reduce(0) { $0 + $1.0 * $1.1 }
        let check = 11 - sum % 11
        return check == 10 ? 0 : (check == 11 ? 5 : check)
    }

    public var description: String { value }
}

/// A reminder to an owner of a contribution still unpaid after its due date, at one level:
/// pending → sent → paid or escalated; cancelled only before it is sent.
public struct DuesReminder: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case pending, sent, paid, escalated, cancelled

        /// The legal moves, as data.
        static let moves: [Status: Set<Status>] = [
            .pending: [.sent, .paid, .cancelled],
            .sent: [.paid, .escalated],
        ]

        public var isActive: Bool { self == .pending || self == .sent }
    }

    public let id: DuesReminderID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let callID: CallForFundsID
    public let ownerID: OwnerID
    public let level: ReminderLevel
    public private(set) var status: Status
    /// What the owner still owed on the call when the reminder was made.
    public let amount: Money
    /// The call's due date, from which the days overdue count.
    public let dueDate: CalendarDate
    /// The building's fee for the level, charged to the owner's account when sent.
    public let fee: Money
    public let createdOn: CalendarDate
    public private(set) var sentOn: CalendarDate?
    /// When it was paid, escalated or cancelled: its interest stops there.
    public private(set) var closedOn: CalendarDate?
    public private(set) var trackingNumber: TrackingNumber?
    /// The letter (with the owner's statement), kept when sent.
    public private(set) var documentID: DocumentID?
    /// The entry that charged the fee to the owner's account.
    public private(set) var feeEntryID: JournalEntryID?
    /// A formal notice escalated: the file goes to the bailiff.
    public private(set) var forBailiff: Bool
    public let createdAt: Date

    public init(
        id: DuesReminderID, organizationID: OrganizationID, buildingID: BuildingID, callID: CallForFundsID,
        ownerID: OwnerID, level: ReminderLevel, status: Status = .pending, amount: Money, dueDate: CalendarDate,
        fee: Money, createdOn: CalendarDate, sentOn: CalendarDate? = nil, closedOn: CalendarDate? = nil,
        trackingNumber: TrackingNumber? = nil, documentID: DocumentID? = nil, feeEntryID: JournalEntryID? = nil,
        forBailiff: Bool = false, createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.callID = callID
        self.ownerID = ownerID
        self.level = level
        self.status = status
        self.amount = amount
        self.dueDate = dueDate
        self.fee = fee
        self.createdOn = createdOn
        self.sentOn = sentOn
        self.closedOn = closedOn
        self.trackingNumber = trackingNumber
        self.documentID = documentID
        self.feeEntryID = feeEntryID
        self.forBailiff = forBailiff
        self.createdAt = createdAt
    }

    /// A new reminder for an owner's unpaid part of a call, at the level its days overdue reach.
    public static func due(
        id: DuesReminderID, organizationID: OrganizationID, call: CallForFunds, owner: OwnerID, unpaid: Money,
        level: ReminderLevel? = nil, policy: CollectionPolicy, on today: CalendarDate, at now: Date
    ) throws -> DuesReminder {
        let days = call.dueDate.days(until: today)
        guard call.status == .sent, unpaid.minorUnits > 0 else { throw FinanceOperationsError.nothingOverdue }
        guard let reached = ReminderLevel.reached(daysOverdue: days) else {
            throw FinanceOperationsError.thresholdNotReached(.first, daysOverdue: max(days, 0))
        }
        let level = level ?? reached
        guard level <= reached else { throw FinanceOperationsError.thresholdNotReached(level, daysOverdue: days) }
        return DuesReminder(
            id: id, organizationID: organizationID, buildingID: call.buildingID, callID: call.id, ownerID: owner,
            level: level, amount: unpaid, dueDate: call.dueDate, fee: policy.fee(at: level), createdOn: today,
            createdAt: now)
    }

    public func daysOverdue(on day: CalendarDate) -> Int { max(dueDate.days(until: closedOn ?? day), 0) }

    /// The interest on the amount up to `day` (or to its closing): from the due date under
    /// contractual interest, else from the formal notice's sending (nil: none sent yet).
    public func interest(under policy: CollectionPolicy, formalNoticeSentOn: CalendarDate?, on day: CalendarDate)
        -> Money
    {
        guard let start = interestStart(under: policy, formalNoticeSentOn: formalNoticeSentOn) else {
            return Money(minorUnits: 0, currency: amount.currency)
        }
        return policy.interest(on: amount, from: start, through: closedOn ?? day)
    }

    public func interestStart(under policy: CollectionPolicy, formalNoticeSentOn: CalendarDate?) -> CalendarDate? {
        switch policy.interestStart {
        case .dueDate: dueDate
        case .formalNotice: formalNoticeSentOn ?? (level == .formalNotice ? sentOn : nil)
        }
    }

    private mutating func move(to next: Status, on day: CalendarDate) throws {
        guard Status.moves[status]?.contains(next) == true else {
            throw DomainError.illegalTransition(entity: "dues_reminder", from: status.rawValue, to: next.rawValue)
        }
        status = next
        if next == .sent { sentOn = day } else { closedOn = day }
    }

    /// Pending → sent.
    public mutating func send(on day: CalendarDate) throws { try move(to: .sent, on: day) }

    /// What sending made: the fee's entry (when there is a fee) and the letter kept.
    public mutating func record(feeEntry: JournalEntryID?, document: DocumentID?) {
        feeEntryID = feeEntry ?? feeEntryID
        documentID = document ?? documentID
    }

    public mutating func cancel(on day: CalendarDate) throws { try move(to: .cancelled, on: day) }

    /// The owner paid what the reminder chases.
    public mutating func settle(on day: CalendarDate) throws { try move(to: .paid, on: day) }

    /// Sent → escalated: the next level takes over, or after a formal notice the bailiff.
    public mutating func escalate(on day: CalendarDate) throws {
        try move(to: .escalated, on: day)
        forBailiff = level == .formalNotice
    }

    /// The registered letter's number, once it is posted (a formal notice only, not closed).
    public mutating func track(_ number: TrackingNumber) throws {
        guard level == .formalNotice else { throw FinanceOperationsError.notByPost(level) }
        guard status.isActive else {
            throw DomainError.illegalTransition(entity: "dues_reminder", from: status.rawValue, to: "tracked")
        }
        trackingNumber = number
    }
}
