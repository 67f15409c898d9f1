public import Foundation

public typealias TransferCreditID = Identifier<TransferCredit>

/// At the deed, the seller's share of the working fund for the part of a period after the
/// transfer (art. 3.94 §5): each periodic call covering the transfer date gave the seller an
/// ordinary advance for the whole period; the days from the transfer to the period's end are the
/// buyer's, so that part is credited to the seller (and taken over by the buyer). The reserve
/// fund's part stays with the association. A call's period starts on its call date and lasts a
/// month, a quarter or a year; a one-time call has no period.
public struct TransferCredit: Sendable, Equatable {
    /// One call's share of the credit.
    public struct Part: Sendable, Equatable {
        public let callID: CallForFundsID
        public let title: String
        public let periodStart: CalendarDate
        /// The last day of the period.
        public let periodEnd: CalendarDate
        /// The seller's ordinary advance on the call.
        public let advance: Money
        /// The days of the period from the transfer on.
        public let days: Int
        public let periodDays: Int
        public let amount: Money

        public init(
            callID: CallForFundsID, title: String, periodStart: CalendarDate, periodEnd: CalendarDate, advance: Money,
            days: Int, periodDays: Int, amount: Money
        ) {
            self.callID = callID
            self.title = title
            self.periodStart = periodStart
            self.periodEnd = periodEnd
            self.advance = advance
            self.days = days
            self.periodDays = periodDays
            self.amount = amount
        }
    }

    public let id: TransferCreditID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let lotID: LotID
    public let sellerID: OwnerID
    public let buyerID: OwnerID
    /// The first day the buyer owns the lot.
    public let transferDate: CalendarDate
    public let parts: [Part]
    public let journalEntryID: JournalEntryID?
    public let createdAt: Date

    public init(
        id: TransferCreditID, organizationID: OrganizationID, buildingID: BuildingID, lotID: LotID,
        sellerID: OwnerID, buyerID: OwnerID, transferDate: CalendarDate, parts: [Part],
        journalEntryID: JournalEntryID?, createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.lotID = lotID
        self.sellerID = sellerID
        self.buyerID = buyerID
        self.transferDate = transferDate
        self.parts = parts
        self.journalEntryID = journalEntryID
        self.createdAt = createdAt
    }

    public var amount: Money { Money(minorUnits: parts.reduce(0) { $0 + $1.amount.minorUnits }) }

    /// The months a call's period lasts; nil for a one-time call.
    static func months(of period: CallForFunds.Period) -> Int? {
        switch period {
        case .monthly: 1
        case .quarterly: 3
        case .yearly: 12
        case .oneTime: nil
        }
    }

    /// The seller's parts on the calls sent (or paid) whose period covers the transfer date:
    /// ordinary advance × days from the transfer to the period's end / days of the period,
    /// rounded to the cent (a half cent up).
    public static func parts(of calls: [CallForFunds], seller: OwnerID, transferDate: CalendarDate) throws -> [Part] {
        var parts: [Part] = []
        for call in calls where call.status != .draft {
            guard let months = months(of: call.period) else { continue }
            let next = try Frequency(every: months, unit: .months).advance(call.callDate)
            guard call.callDate <= transferDate, transferDate < next else { continue }
            guard let advance = try ChargeStatement.advances(of: call)[seller]?.ordinary, advance.minorUnits > 0
            else { continue }
            let periodDays = call.callDate.days(until: next)
            let days = transferDate.days(until: next)
            // An advance is at most 10^14 cents and a period at most 366 days: the product fits.
            let numerator = advance.minorUnits * Int64(days)
            let amount = (numerator * 2 + Int64(periodDays)) / (2 * Int64(periodDays))
            parts.append(
                Part(
                    callID: call.id, title: call.title, periodStart: call.callDate, periodEnd: next.adding(days: -1),
                    advance: advance, days: days, periodDays: periodDays, amount: Money(minorUnits: amount)))
        }
        return parts
    }
}
