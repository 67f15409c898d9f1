public import Foundation

public typealias OwnerPaymentID = Identifier<OwnerPayment>

/// One payment received from an owner against a call for funds, and the bank entry that records it.
public struct OwnerPayment: Sendable, Equatable {
    public let id: OwnerPaymentID
    public let callID: CallForFundsID
    public let ownerID: OwnerID
    public let buildingID: BuildingID
    public let amount: Money
    public let paidOn: CalendarDate
    public let journalEntryID: JournalEntryID
    public let createdAt: Date

    public init(
        id: OwnerPaymentID, callID: CallForFundsID, ownerID: OwnerID, buildingID: BuildingID, amount: Money,
        paidOn: CalendarDate, journalEntryID: JournalEntryID, createdAt: Date
    ) {
        self.id = id
        self.callID = callID
        self.ownerID = ownerID
        self.buildingID = buildingID
        self.amount = amount
        self.paidOn = paidOn
        self.journalEntryID = journalEntryID
        self.createdAt = createdAt
    }
}

/// What a sent call asked of one owner.
public struct CalledAmount: Sendable, Equatable {
    public let callID: CallForFundsID
    public let buildingID: BuildingID
    public let title: String
    public let callDate: CalendarDate
    public let dueDate: CalendarDate
    public let amount: Money

    public init(
        callID: CallForFundsID, buildingID: BuildingID, title: String, callDate: CalendarDate, dueDate: CalendarDate,
        amount: Money
    ) {
        self.callID = callID
        self.buildingID = buildingID
        self.title = title
        self.callDate = callDate
        self.dueDate = dueDate
        self.amount = amount
    }
}

/// An owner's account with the co-ownership: the calls sent to them (debits) and their payments
/// (credits) by date, with the running balance they owe (negative when they paid in advance).
public struct OwnerStatement: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public enum Kind: String, Sendable { case call, payment }

        public let kind: Kind
        public let date: CalendarDate
        public let callID: CallForFundsID
        public let buildingID: BuildingID
        public let description: String
        public let debit: Money
        public let credit: Money
        public let balance: Money
    }

    public let ownerID: OwnerID
    public let lines: [Line]
    public let totalCalled: Money
    public let totalPaid: Money
    public var balance: Money { Money(minorUnits: totalCalled.minorUnits - totalPaid.minorUnits) }

    /// On one day a call comes before the payments against it; ties keep a stable order.
    public init(owner: OwnerID, calls: [CalledAmount], payments: [OwnerPayment]) {
        let zero = Money(minorUnits: 0)
        let titles = Dictionary(calls.map { ($0.callID, $0.title) }, uniquingKeysWith: { first, _ in first })
        typealias Item = (
            date: CalendarDate, order: Int, tieBreak: String,
            line: (Line.Kind, CallForFundsID, BuildingID, String, Money, Money)
        )
        var items: [Item] = calls.map { call in
            (
                call.callDate, 0, call.callID.description,
                (.call, call.callID, call.buildingID, "Appel de fonds: \(call.title)", call.amount, zero)
            )
        }
        items += payments.map { payment in
            let title = titles[payment.callID].map { ": \($0)" } ?? ""
            return (
                payment.paidOn, 1, payment.id.description,
                (.payment, payment.callID, payment.buildingID, "Paiement\(title)", zero, payment.amount)
            )
        }
        items.sort { ($0.date, $0.order, $0.tieBreak) < ($1.date, $1.order, $1.tieBreak) }
        var running: Int64 = 0
        lines = items.map { item in
            let (kind, call, building, description, debit, credit) = item.line
            running += debit.minorUnits - credit.minorUnits
            return Line(
                kind: kind, date: item.date, callID: call, buildingID: building, description: description,
                debit: debit, credit: credit, balance: Money(minorUnits: running))
        }
        ownerID = owner
        totalCalled = Money(minorUnits: calls.reduce(0) { $0 + $1.amount.minorUnits })
        totalPaid = Money(minorUnits: payments.reduce(0) { $0 + $1.amount.minorUnits })
    }
}
