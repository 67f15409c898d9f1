public import Foundation

public typealias ChargeKeyID = Identifier<ChargeKey>

/// A special charge key (clé de répartition): each lot's weight for the charges it spreads, in
/// place of the lots' tantièmes. A lift whose ground-floor lots pay nothing, heating by heated
/// surface or by meter readings. It is the default key of the charge accounts it names; an
/// invoice may name another.
public struct ChargeKey: Sendable, Equatable {
    /// The largest weight of one lot: surfaces in cm², meter units… all fit.
    public static let maximumWeight: Int64 = 1_000_000_000

    public let id: ChargeKeyID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public private(set) var name: String
    /// Each lot's weight; a lot left out weighs nothing.
    public private(set) var weights: [LotID: Int64]
    /// The charge accounts (class 6) it spreads unless an invoice names another key.
    public private(set) var accounts: [String]
    public let createdAt: Date

    public init(
        id: ChargeKeyID, organizationID: OrganizationID, buildingID: BuildingID, name: String,
        weights: [LotID: Int64], accounts: [String], createdAt: Date
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.name = ""
        self.weights = [:]
        self.accounts = []
        self.createdAt = createdAt
        try replace(name: name, weights: weights, accounts: accounts)
    }

    public mutating func replace(name: String, weights: [LotID: Int64], accounts: [String]) throws {
        guard weights.values.allSatisfy({ (0...Self.maximumWeight).contains($0) }) else {
            throw DomainError.invalidValue(
                field: "weights", reason: "each lot's weight must be between 0 and \(Self.maximumWeight)")
        }
        guard weights.values.contains(where: { $0 > 0 }) else {
            throw DomainError.invalidValue(field: "weights", reason: "at least one lot must weigh more than 0")
        }
        let codes = try accounts.map { try PurchaseInvoice.chargeAccount($0) }
        guard Set(codes).count == codes.count else {
            throw DomainError.invalidValue(field: "accounts", reason: "names an account twice")
        }
        self.name = try Text.required(name, field: "name", maximum: 100)
        self.weights = weights.filter { $0.value > 0 }
        self.accounts = codes.sorted()
    }
}

/// How one amount is spread: over the lots by their weights, then over each lot's owners by
/// their shares on the day. Both steps are exact to the cent (largest remainder), so the lots'
/// parts add up to the amount, and each lot's owners' parts to the lot's.
public struct ChargeDistribution: Sendable, Equatable {
    public struct OwnerPart: Sendable, Equatable {
        public let ownerID: OwnerID
        public let share: Share
        public let amount: Money
    }

    public struct LotPart: Sendable, Equatable {
        public let lotID: LotID
        public let weight: Int64
        public let amount: Money
        /// Empty for a lot nobody owned that day: its part is not anyone's.
        public let owners: [OwnerPart]
    }

    public let amount: Money
    public let day: CalendarDate
    /// In the order of `lots` given.
    public let lots: [LotPart]

    /// `weights` by lot (the tantièmes for the default key); `ownerships` of the building, of
    /// which those active on `day` count.
    public init(
        _ amount: Money, over lots: [LotID], weights: [LotID: Int64], ownerships: [Ownership], on day: CalendarDate
    )
        throws
    {
        let weighed = lots.filter { (weights[$0] ?? 0) > 0 }
        let parts = try Allocation.split(
            amount, by: Dictionary(uniqueKeysWithValues: weighed.map { ($0.description, weights[$0]!) }))
        var result: [LotPart] = []
        for lot in lots {
            let lotAmount = parts[lot.description] ?? Money(minorUnits: 0, currency: amount.currency)
            let holders = ownerships.filter { $0.lotID == lot && $0.isActive(on: day) }
            var owners: [OwnerPart] = []
            if !holders.isEmpty, lotAmount.minorUnits > 0 {
                let shares = try Allocation.split(
                    lotAmount,
                    by: Dictionary(
                        holders.map { ($0.ownerID.description, $0.share.millionths) }, uniquingKeysWith: +))
                owners = holders.map { holding in
                    OwnerPart(
                        ownerID: holding.ownerID, share: holding.share,
                        amount: shares[holding.ownerID.description] ?? Money(minorUnits: 0))
                }
            } else {
                owners = holders.map {
                    OwnerPart(ownerID: $0.ownerID, share: $0.share, amount: Money(minorUnits: 0))
                }
            }
            result.append(LotPart(lotID: lot, weight: weights[lot] ?? 0, amount: lotAmount, owners: owners))
        }
        self.amount = amount
        self.day = day
        self.lots = result
    }

    /// Each owner's part, over all their lots (owners whose part is nothing left out).
    public var byOwner: [OwnerID: Money] {
        var parts: [OwnerID: Int64] = [:]
        for lot in lots {
            for owner in lot.owners where owner.amount.minorUnits != 0 {
                parts[owner.ownerID, default: 0] += owner.amount.minorUnits
            }
        }
        return parts.mapValues { Money(minorUnits: $0, currency: amount.currency) }
    }
}

/// One owner's yearly charge statement (décompte de charges): the year's actual ordinary
/// charges, by key and account, against the ordinary advances called from them for the year.
/// Extraordinary charges are borne by whoever owned the lot on the date of each call (art. 3.94
/// §2): they are what was called, listed for information, and so balance out.
public struct ChargeStatement: Sendable, Equatable {
    public struct Line: Sendable, Equatable, Comparable {
        /// The key's name, or nil for the tantièmes.
        public let key: String?
        public let accountCode: String
        public let amount: Money

        public static func < (lhs: Line, rhs: Line) -> Bool {
            (lhs.key ?? "", lhs.accountCode) < (rhs.key ?? "", rhs.accountCode)
        }
    }

    /// What one approved ordinary invoice put on each owner.
    public struct Charge: Sendable {
        public let key: String?
        public let accountCode: String
        public let parts: [OwnerID: Money]

        public init(key: String?, accountCode: String, parts: [OwnerID: Money]) {
            self.key = key
            self.accountCode = accountCode
            self.parts = parts
        }
    }

    /// What one sent call asked of each owner, split into its ordinary and extraordinary parts.
    public struct Advance: Sendable, Equatable {
        public let ordinary: Money
        public let extraordinary: Money
    }

    public let ownerID: OwnerID
    public let fiscalYear: Int
    public let charges: [Line]
    public let ordinaryCharges: Money
    public let ordinaryAdvances: Money
    public let extraordinaryCalled: Money

    /// The statement of an owner who bore nothing and was called nothing that year.
    public static func none(for owner: OwnerID, fiscalYear: Int) -> ChargeStatement {
        let zero = Money(minorUnits: 0)
        return ChargeStatement(
            ownerID: owner, fiscalYear: fiscalYear, charges: [], ordinaryCharges: zero, ordinaryAdvances: zero,
            extraordinaryCalled: zero)
    }

    /// What the owner still owes for the year (negative: what is refunded to them).
    public var balance: Money { Money(minorUnits: ordinaryCharges.minorUnits - ordinaryAdvances.minorUnits) }

    /// Each owner's part of a sent call, ordinary and extraordinary: the call's two amounts
    /// spread over the frozen contributions in proportion to them, exactly.
    public static func advances(of call: CallForFunds) throws -> [OwnerID: Advance] {
        let weights = Dictionary(
            call.contributions.map { ($0.ownerID.description, $0.amount.minorUnits) }, uniquingKeysWith: +)
        guard weights.values.contains(where: { $0 > 0 }) else { return [:] }
        let ordinary = try Allocation.split(call.ordinary, by: weights)
        let extraordinary = try Allocation.split(call.extraordinary, by: weights)
        var result: [OwnerID: Advance] = [:]
        for contribution in call.contributions {
            let key = contribution.ownerID.description
            result[contribution.ownerID] = Advance(
                ordinary: ordinary[key] ?? Money(minorUnits: 0),
                extraordinary: extraordinary[key] ?? Money(minorUnits: 0))
        }
        return result
    }

    /// The statements of every owner who bore a charge or was called for the year, by owner id.
    public static func statements(fiscalYear: Int, charges: [Charge], advances: [[OwnerID: Advance]])
        -> [ChargeStatement]
    {
        var lines: [OwnerID: [String: (key: String?, account: String, cents: Int64)]] = [:]
        for charge in charges {
            for (owner, amount) in charge.parts where amount.minorUnits != 0 {
                let id = "\(charge.key ?? "")\u{1}\(charge.accountCode)"
                lines[owner, default: [:]][id, default: (charge.key, charge.accountCode, 0)].cents += amount.minorUnits
            }
        }
        var ordinary: [OwnerID: Int64] = [:]
        var extraordinary: [OwnerID: Int64] = [:]
        for call in advances {
            for (owner, advance) in call {
                ordinary[owner, default: 0] += advance.ordinary.minorUnits
                extraordinary[owner, default: 0] += advance.extraordinary.minorUnits
            }
        }
        let owners = Set(lines.keys).union(ordinary.keys).union(extraordinary.keys)
        return owners.sorted { $0.description < $1.description }.map { owner in
            let ownerLines = (lines[owner] ?? [:]).values.map {
                Line(key: $0.key, accountCode: $0.account, amount: Money(minorUnits: $0.cents))
            }.sorted()
            return ChargeStatement(
                ownerID: owner, fiscalYear: fiscalYear, charges: ownerLines,
                ordinaryCharges: Money(minorUnits: ownerLines.reduce(0) { $0 + $1.amount.minorUnits }),
                ordinaryAdvances: Money(minorUnits: ordinary[owner] ?? 0),
                extraordinaryCalled: Money(minorUnits: extraordinary[owner] ?? 0))
        }
    }

    /// The miscellaneous-journal entry that closes the year's statements on 31 December: each
    /// owner's balance on their account (410: debited when they owe, credited when refunded),
    /// against the ordinary calls' account (700). nil when every balance is zero.
    public static func closingEntry(
        _ statements: [ChargeStatement], id: JournalEntryID, building: BuildingID, fiscalYear: Int, at now: Date
    ) throws -> JournalEntry? {
        let zero = Money(minorUnits: 0)
        var lines: [JournalLine] = []
        var net: Int64 = 0
        for statement in statements where statement.balance.minorUnits != 0 {
            let amount = Money(minorUnits: abs(statement.balance.minorUnits))
            let owes = statement.balance.minorUnits > 0
            net += statement.balance.minorUnits
            lines.append(
                try JournalLine(
                    accountCode: "410", debit: owes ? amount : zero, credit: owes ? zero : amount,
                    description: "Copropriétaire \(statement.ownerID)", index: lines.count))
        }
        guard !lines.isEmpty else { return nil }
        if net != 0 {
            let amount = Money(minorUnits: abs(net))
            lines.append(
                try JournalLine(
                    accountCode: "700", debit: net > 0 ? zero : amount, credit: net > 0 ? amount : zero,
                    description: "Régularisation des charges \(fiscalYear)", index: lines.count))
        }
        return try JournalEntry(
            id: id, buildingID: building, journal: .miscellaneous, type: .chargeStatement,
            entryDate: try CalendarDate(year: fiscalYear, month: 12, day: 31),
            description: "Décomptes de charges \(fiscalYear)", documentRef: nil, lines: lines, createdAt: now)
    }
}
