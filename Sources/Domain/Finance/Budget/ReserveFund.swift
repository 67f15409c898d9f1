import Foundation

/// The reserve fund rule (Civil Code art. 3.86 §3): from 5 years after the provisional acceptance
/// of the common parts, the association puts into its reserve fund each year at least 5 % of the
/// previous year's ordinary charges, unless the assembly decided by a 4/5 majority not to.
public struct ReserveFundCheck: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// The building has not recorded the provisional acceptance of its common parts.
        case acceptanceUnknown = "acceptance_unknown"
        /// The year is before the fifth anniversary of the provisional acceptance.
        case notYetRequired = "not_yet_required"
        /// An assembly waived it for the year by 4/5.
        case waived
        case met
        case shortfall
    }

    /// 5 %, in hundredths of a percent.
    public static let minimumBasisPoints: Int64 = 500
    public static let yearsAfterAcceptance = 5

    public let fiscalYear: Int
    public let provisionalAcceptance: CalendarDate?
    /// The fifth anniversary of the provisional acceptance.
    public let requiredFrom: CalendarDate?
    public let previousYearCharges: Money
    /// 5 % of the previous year's charges, to the cent (a half cent up).
    public let required: Money
    /// What the year's reserve calls brought in.
    public let received: Money
    public let status: Status

    public init(
        fiscalYear: Int, provisionalAcceptance: CalendarDate?, previousYearCharges: Money, received: Money,
        waived: Bool
    ) {
        self.fiscalYear = fiscalYear
        self.provisionalAcceptance = provisionalAcceptance
        let requiredFrom = provisionalAcceptance?.adding(years: Self.yearsAfterAcceptance)
        self.requiredFrom = requiredFrom
        self.previousYearCharges = previousYearCharges
        let charges = max(previousYearCharges.minorUnits, 0)
        required = Money(minorUnits: (charges * Self.minimumBasisPoints * 2 + 10_000) / 20_000)
        self.received = received
        if let requiredFrom {
            if fiscalYear < requiredFrom.year {
                status = .notYetRequired
            } else if waived {
                status = .waived
            } else {
                status = received.minorUnits >= required.minorUnits ? .met : .shortfall
            }
        } else {
            status = .acceptanceUnknown
        }
    }

    /// What the reserve fund lacks for the year (0 unless short).
    public var shortfall: Money {
        Money(minorUnits: status == .shortfall ? required.minorUnits - received.minorUnits : 0)
    }
}
