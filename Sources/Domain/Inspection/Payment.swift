public import Foundation

public typealias PaymentID = Identifier<Payment>
public typealias RefundID = Identifier<Refund>

/// How a booking was paid: online through the organization's payment provider, or at the desk.
public enum PaymentMethod: String, Sendable, CaseIterable {
    case online
    case cash
    case cardTerminal = "card_terminal"

    /// The desk records these itself; online payments are confirmed by the provider.
    public var isDesk: Bool { self != .online }
}

/// An online payment waits for the provider (`pending`) and then `succeeded` or `failed`; a desk
/// payment is `succeeded` when recorded.
public enum PaymentStatus: String, Sendable, CaseIterable {
    case pending, succeeded, failed
}

/// A receipt's number: gapless per centre and calendar year (`2026-000042`).
public struct ReceiptNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let sequence: Int

    public init(year: Int, sequence: Int) {
        self.year = year
        self.sequence = sequence
    }

    public var description: String {
        let digits = String(sequence)
        return "\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.year, lhs.sequence) < (rhs.year, rhs.sequence) }
}

/// Money given back on a payment, with its reason.
public struct Refund: Sendable, Equatable {
    public let id: RefundID
    public let paymentID: PaymentID
    public let organizationID: OrganizationID
    public let amount: Money
    public let reason: String
    /// Staff who refunded; nil when the platform did (a payment that came too late).
    public let by: UserID?
    /// The provider's refund id, for online payments.
    public let providerReference: String?
    public let at: Date

    public init(
        id: RefundID, paymentID: PaymentID, organizationID: OrganizationID, amount: Money, reason: String, by: UserID?,
        providerReference: String?, at: Date
    ) throws {
        self.id = id
        self.paymentID = paymentID
        self.organizationID = organizationID
        self.amount = amount
        self.reason = try Text.required(reason, field: "reason", minimum: 2, maximum: 500)
        self.by = by
        self.providerReference = providerReference
        self.at = at
    }
}

/// A payment for an appointment, with its receipt once it succeeded and what was refunded of it.
public struct Payment: Sendable, Equatable {
    public let id: PaymentID
    public let organizationID: OrganizationID
    public let centreID: CentreID
    public let appointmentID: AppointmentID
    public let amount: Money
    public let method: PaymentMethod
    public private(set) var status: PaymentStatus
    /// The provider's payment intent, for online payments.
    public let providerReference: String?
    /// Issued when the payment succeeds.
    public private(set) var receipt: ReceiptNumber?
    public private(set) var refunded: Money
    /// Staff who recorded a desk payment.
    public let recordedBy: UserID?
    public let createdAt: Date
    public private(set) var paidAt: Date?

    /// The largest single payment accepted: 100,000 (the highest service price).
    public static let maximum: Int64 = 10_000_000

    public init(
        id: PaymentID, organizationID: OrganizationID, centreID: CentreID, appointmentID: AppointmentID,
        amount: Money, method: PaymentMethod, status: PaymentStatus, providerReference: String?,
        receipt: ReceiptNumber?, refunded: Money, recordedBy: UserID?, createdAt: Date, paidAt: Date?
    ) {
        self.id = id
        self.organizationID = organizationID
        self.centreID = centreID
        self.appointmentID = appointmentID
        self.amount = amount
        self.method = method
        self.status = status
        self.providerReference = providerReference
        self.receipt = receipt
        self.refunded = refunded
        self.recordedBy = recordedBy
        self.createdAt = createdAt
        self.paidAt = paidAt
    }

    /// Money received at the desk, with its receipt.
    public static func atDesk(
        id: PaymentID, appointment: Appointment, amount: Money, method: PaymentMethod, by person: UserID,
        receipt: ReceiptNumber, at now: Date
    ) throws -> Payment {
        guard method.isDesk else {
            throw DomainError.invalidValue(field: "method", reason: "the desk records cash or card_terminal")
        }
        try validate(amount, field: "amount")
        return Payment(
            id: id, organizationID: appointment.organizationID, centreID: appointment.centreID,
            appointmentID: appointment.id, amount: amount, method: method, status: .succeeded,
            providerReference: nil, receipt: receipt, refunded: Money(minorUnits: 0, currency: amount.currency),
            recordedBy: person, createdAt: now, paidAt: now)
    }

    /// An online payment of the booking's price, waiting for the provider.
    public static func online(id: PaymentID, appointment: Appointment, providerReference: String, at now: Date)
        -> Payment
    {
        Payment(
            id: id, organizationID: appointment.organizationID, centreID: appointment.centreID,
            appointmentID: appointment.id, amount: appointment.price, method: .online, status: .pending,
            providerReference: providerReference, receipt: nil,
            refunded: Money(minorUnits: 0, currency: appointment.price.currency), recordedBy: nil, createdAt: now,
            paidAt: nil)
    }

    static func validate(_ amount: Money, field: String) throws {
        guard amount.minorUnits > 0, amount.minorUnits <= maximum else {
            throw DomainError.invalidValue(field: field, reason: "must be more than 0 and at most 100,000")
        }
    }

    /// The provider confirmed it: the receipt is issued.
    public mutating func succeed(receipt number: ReceiptNumber, at now: Date) throws {
        guard status == .pending else {
            throw DomainError.illegalTransition(entity: "payment", from: status.rawValue, to: "succeeded")
        }
        status = .succeeded
        receipt = number
        paidAt = now
    }

    /// The provider refused it; the customer may start another.
    public mutating func fail() throws {
        guard status == .pending else {
            throw DomainError.illegalTransition(entity: "payment", from: status.rawValue, to: "failed")
        }
        status = .failed
    }

    /// What can still be given back.
    public var refundable: Money {
        Money(minorUnits: amount.minorUnits - refunded.minorUnits, currency: amount.currency)
    }

    /// Gives back `amount` (all that remains when nil) for `reason`.
    public mutating func refund(
        _ amount: Money?, id: RefundID, reason: String, by person: UserID?, providerReference: String?, at now: Date
    ) throws -> Refund {
        guard status == .succeeded else {
            throw DomainError.illegalTransition(entity: "payment", from: status.rawValue, to: "refunded")
        }
        let given = amount ?? refundable
        try Self.validate(given, field: "amount")
        guard given.currency == self.amount.currency, given.minorUnits <= refundable.minorUnits else {
            throw DomainError.invalidValue(field: "amount", reason: "is more than the \(refundable) left to refund")
        }
        let refund = try Refund(
            id: id, paymentID: self.id, organizationID: organizationID, amount: given, reason: reason, by: person,
            providerReference: providerReference, at: now)
        refunded = Money(minorUnits: refunded.minorUnits + given.minorUnits, currency: refunded.currency)
        return refund
    }
}

/// What the provider told us about a payment, once its signature is checked.
public struct PaymentEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case succeeded
        case failed
        /// Any other event type: recorded (so a replay is recognised) and otherwise ignored.
        case other(String)
    }

    /// The provider's event id: an event is applied once.
    public let id: String
    public let kind: Kind
    /// The payment intent it is about, if any.
    public let paymentReference: String?

    public init(id: String, kind: Kind, paymentReference: String?) {
        self.id = id
        self.kind = kind
        self.paymentReference = paymentReference
    }
}

/// A centre's day at the till: payments and refunds by method, against the receipts issued.
public struct CashUp: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let method: PaymentMethod
        public var payments: Int
        public var received: Money
        public var refunds: Int
        public var refunded: Money
        public var net: Money {
            Money(minorUnits: received.minorUnits - refunded.minorUnits, currency: received.currency)
        }
    }

    public let centreID: CentreID
    public let date: CalendarDate
    /// One line per method, in the order of `PaymentMethod.allCases`.
    public let lines: [Line]
    /// The receipts issued that day, first to last.
    public let receipts: [ReceiptNumber]
    /// Payments received that day without a receipt (none, unless something went wrong).
    public let unreceipted: Int
    /// Numbers between the day's first and last receipt that none of its payments carries.
    public let missingReceipts: [ReceiptNumber]

    /// `payments`: those received that day; `refunds`: those given that day, with their payment's method.
    public init(
        centreID: CentreID, date: CalendarDate, payments: [Payment], refunds: [(Refund, PaymentMethod)],
        currency: Currency = .euro
    ) {
        let zero = Money(minorUnits: 0, currency: currency)
        var lines = PaymentMethod.allCases.map {
            Line(method: $0, payments: 0, received: zero, refunds: 0, refunded: zero)
        }
        let received = payments.filter { $0.status == .succeeded }
        for payment in received {
            let index = PaymentMethod.allCases.firstIndex(of: payment.method)!
            lines[index].payments += 1
            lines[index].received = Money(
                minorUnits: lines[index].received.minorUnits + payment.amount.minorUnits, currency: currency)
        }
        for (refund, method) in refunds {
            let index = PaymentMethod.allCases.firstIndex(of: method)!
            lines[index].refunds += 1
            lines[index].refunded = Money(
                minorUnits: lines[index].refunded.minorUnits + refund.amount.minorUnits, currency: currency)
        }
        let numbers = received.compactMap(\.receipt).sorted()
        self.centreID = centreID
        self.date = date
        self.lines = lines
        self.receipts = numbers
        self.unreceipted = received.count - numbers.count
        if let first = numbers.first, let last = numbers.last, first.year == last.year {
            let present = Set(numbers.map(\.sequence))
            missingReceipts = (first.sequence...last.sequence).filter { !present.contains($0) }.map {
                ReceiptNumber(year: first.year, sequence: $0)
            }
        } else {
            missingReceipts = []
        }
    }

    public var total: Money {
        Money(minorUnits: lines.reduce(0) { $0 + $1.net.minorUnits }, currency: lines[0].received.currency)
    }

    /// Every payment has its receipt and the day's receipts follow one another.
    public var balances: Bool { unreceipted == 0 && missingReceipts.isEmpty }
}
