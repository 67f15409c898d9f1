public import Foundation

public typealias CallForFundsID = Identifier<CallForFunds>

/// What one owner owes on a call, and what they paid.
public struct Contribution: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case unpaid, partial, paid
    }

    public let ownerID: OwnerID
    public let amount: Money
    public private(set) var paid: Money
    /// What the owner writes on the transfer, given when the call is sent (unique in the
    /// organization), so the payment can be matched to this contribution.
    public let communication: StructuredCommunication?

    public init(
        ownerID: OwnerID, amount: Money, paid: Money = Money(minorUnits: 0),
        communication: StructuredCommunication? = nil
    ) {
        self.ownerID = ownerID
        self.amount = amount
        self.paid = paid
        self.communication = communication
    }

    /// The same contribution with its structured communication.
    public func communicated(by communication: StructuredCommunication) -> Contribution {
        Contribution(ownerID: ownerID, amount: amount, paid: paid, communication: communication)
    }

    public var due: Money { Money(minorUnits: amount.minorUnits - paid.minorUnits, currency: amount.currency) }

    public var status: Status {
        paid.minorUnits == 0 ? (amount.minorUnits == 0 ? .paid : .unpaid) : (due.minorUnits == 0 ? .paid : .partial)
    }

    /// A payment of at most what is still due.
    public mutating func pay(_ payment: Money) throws {
        guard payment.minorUnits > 0 else {
            throw DomainError.invalidValue(field: "amount", reason: "must be more than 0")
        }
        guard payment.minorUnits <= due.minorUnits else {
            throw DomainError.invalidValue(
                field: "amount", reason: "\(payment.decimalString) is more than the \(due.decimalString) still due")
        }
        paid = Money(minorUnits: paid.minorUnits + payment.minorUnits, currency: paid.currency)
    }
}

/// A call for funds: Draft → Sent → Paid; overdue is derived from the due date.
public struct CallForFunds: Sendable, Equatable {
    public enum Period: String, Sendable, CaseIterable, Codable {
        case quarterly, monthly, yearly
        case oneTime = "one_time"
    }

    public enum Status: String, Sendable, CaseIterable, Codable {
        case draft, sent, paid
    }

    public let id: CallForFundsID
    public let buildingID: BuildingID
    public let title: String
    public let period: Period
    public let ordinary: Money
    public let extraordinary: Money
    public let callDate: CalendarDate
    public let dueDate: CalendarDate
    public private(set) var status: Status
    /// Frozen when the call is sent.
    public private(set) var contributions: [Contribution]
    public let createdAt: Date

    public init(
        id: CallForFundsID, buildingID: BuildingID, title: String, period: Period, ordinary: Money,
        extraordinary: Money,
        callDate: CalendarDate, dueDate: CalendarDate, status: Status = .draft, contributions: [Contribution] = [],
        createdAt: Date
    ) throws {
        guard ordinary.minorUnits >= 0, extraordinary.minorUnits >= 0 else {
            throw DomainError.invalidValue(field: "ordinaryAmount", reason: "amounts must not be negative")
        }
        guard ordinary.minorUnits + extraordinary.minorUnits > 0 else {
            throw DomainError.invalidValue(field: "ordinaryAmount", reason: "the call's total must be more than 0")
        }
        guard dueDate > callDate else {
            throw DomainError.invalidValue(field: "dueDate", reason: "must be after the call date")
        }
        self.id = id
        self.buildingID = buildingID
        self.title = try Text.required(title, field: "title")
        self.period = period
        self.ordinary = ordinary
        self.extraordinary = extraordinary
        self.callDate = callDate
        self.dueDate = dueDate
        self.status = status
        self.contributions = contributions
        self.createdAt = createdAt
    }

    public var total: Money {
        Money(minorUnits: ordinary.minorUnits + extraordinary.minorUnits, currency: ordinary.currency)
    }

    /// Sent, not fully paid, and past its due date on `today`.
    public func isOverdue(on today: CalendarDate) -> Bool { status == .sent && today > dueDate }

    /// Each owner's part of the total: Σ over their lots of (lot tantièmes / building total) ×
    /// their share of the lot, rounded so that the parts add up to the total exactly.
    public static func contributions(total: Money, lots: [Lot], ownerships: [Ownership]) throws -> [Contribution] {
        let tantiemes = Dictionary(uniqueKeysWithValues: lots.map { ($0.id, Int64($0.tantiemes)) })
        var weights: [String: Int64] = [:]
        var owners: [String: OwnerID] = [:]
        for ownership in ownerships {
            guard let lotTantiemes = tantiemes[ownership.lotID] else { continue }
            let key = ownership.ownerID.description
            weights[key, default: 0] += lotTantiemes * ownership.share.millionths
            owners[key] = ownership.ownerID
        }
        let parts = try Allocation.split(total, by: weights)
        return parts.keys.sorted().compactMap { key in
            owners[key].map { Contribution(ownerID: $0, amount: parts[key]!) }
        }
    }

    /// Draft → Sent, freezing the contributions.
    public mutating func send(with contributions: [Contribution]) throws {
        guard status == .draft else {
            throw DomainError.illegalTransition(
                entity: "call_for_funds", from: status.rawValue, to: Status.sent.rawValue)
        }
        self.contributions = contributions
        status = .sent
    }

    /// Records an owner's payment; the call is paid once every contribution is.
    public mutating func pay(_ amount: Money, by owner: OwnerID) throws {
        guard status == .sent else {
            throw DomainError.illegalTransition(entity: "call_for_funds", from: status.rawValue, to: "payment")
        }
        guard let index = contributions.firstIndex(where: { $0.ownerID == owner }) else {
            throw DomainError.invalidValue(field: "ownerId", reason: "owes nothing on this call")
        }
        try contributions[index].pay(amount)
        if contributions.allSatisfy({ $0.status == .paid }) { status = .paid }
    }

    public func checkDeletable() throws {
        guard status == .draft else {
            throw DomainError.illegalTransition(entity: "call_for_funds", from: status.rawValue, to: "deleted")
        }
    }
}
