public import Foundation

/// The persons entitled to attend an assembly, frozen at the convocation (art. 3.89 §5 16°):
/// who votes for which lots, with which weight.
///
/// Each lot votes its full tantièmes through one voter: its sole owner, or, for a lot held by
/// several persons (joint ownership, usufruct and bare ownership), the representative they
/// named. A lot held by several persons with no representative has its vote suspended
/// (art. 3.87 §1). A person votes the sum of the lots they vote for.
public struct AssemblyRoll: Sendable, Equatable {
    public struct RollLot: Sendable, Equatable {
        public let lotID: LotID
        public let number: String
        public let tantiemes: Int
        /// Who votes for the lot; `nil` when its vote is suspended.
        public let voter: OwnerID?
        public init(lotID: LotID, number: String, tantiemes: Int, voter: OwnerID?) {
            self.lotID = lotID
            self.number = number
            self.tantiemes = tantiemes
            self.voter = voter
        }
    }

    public struct Voter: Sendable, Equatable {
        public let ownerID: OwnerID
        public let name: String
        /// The lots they vote for, by number.
        public let lots: [String]
        public let weight: Int
        public init(ownerID: OwnerID, name: String, lots: [String], weight: Int) {
            self.ownerID = ownerID
            self.name = name
            self.lots = lots
            self.weight = weight
        }
    }

    public let lots: [RollLot]

    public init(lots: [RollLot]) { self.lots = lots.sorted { $0.number < $1.number } }

    /// The roll on `date`: `ownerships` are the rows active that day, `representatives` the
    /// persons named for lots held by several.
    public init(
        lots: [Lot], ownerships: [Ownership], representatives: [LotID: OwnerID]
    ) {
        var holders: [LotID: Set<OwnerID>] = [:]
        var whole: [LotID: Bool] = [:]
        for row in ownerships {
            holders[row.lotID, default: []].insert(row.ownerID)
            if row.share == .whole { whole[row.lotID] = true }
        }
        self.init(
            lots: lots.map { lot in
                let owners = holders[lot.id] ?? []
                let voter: OwnerID? =
                    if owners.count == 1, whole[lot.id] == true {
                        owners.first
                    } else if let named = representatives[lot.id], owners.contains(named) {
                        named
                    } else {
                        nil
                    }
                return RollLot(lotID: lot.id, number: lot.number, tantiemes: lot.tantiemes, voter: voter)
            })
    }

    /// All votes of the building: every lot's tantièmes, suspended or not.
    public var totalWeight: Int { lots.reduce(0) { $0 + $1.tantiemes } }

    /// Each voter's weight: the sum of the lots they vote for.
    public var weights: [OwnerID: Int] {
        lots.reduce(into: [:]) { weights, lot in
            if let voter = lot.voter { weights[voter, default: 0] += lot.tantiemes }
        }
    }

    public var suspendedLots: [RollLot] { lots.filter { $0.voter == nil } }

    /// The voters, named from `names`, by lot number order of their first lot.
    public func voters(names: [OwnerID: String]) -> [Voter] {
        var order: [OwnerID] = []
        var lotsOf: [OwnerID: [String]] = [:]
        for lot in lots {
            guard let voter = lot.voter else { continue }
            if lotsOf[voter] == nil { order.append(voter) }
            lotsOf[voter, default: []].append(lot.number)
        }
        let weights = weights
        return order.map {
            Voter(ownerID: $0, name: names[$0] ?? "?", lots: lotsOf[$0] ?? [], weight: weights[$0] ?? 0)
        }
    }

    /// Voters for the head count: each voter once, however many lots they hold, and each lot
    /// whose vote is suspended once.
    public var heads: Int { Set(lots.compactMap(\.voter)).count + suspendedLots.count }
}

/// How an entitled voter takes part in the assembly.
public enum Attendance: String, Sendable, CaseIterable {
    case present, represented, absent
    /// Present by video, where the building allows it (a setting, off by default: the law
    /// reference leaves remote participation unverified).
    case remote

    /// Takes part in the assembly: counts for the quorum and votes.
    public var takesPart: Bool { self != .absent }
}

/// The quorum at the opening (art. 3.87 §5), with its figures.
public struct QuorumCheck: Sendable, Equatable {
    public enum Rule: String, Sendable, CaseIterable {
        /// More than half of the voters, holding at least half of the shares.
        case headsAndShares = "heads_and_shares"
        /// More than three quarters of the shares.
        case threeQuartersOfShares = "three_quarters_of_shares"
        /// A second convocation deliberates whatever the attendance.
        case secondConvocation = "second_convocation"
    }

    public let headsPresent: Int
    public let headsTotal: Int
    public let sharesPresent: Int
    public let sharesTotal: Int
    /// The rule that made the quorum, or `nil` when it is missed.
    public let rule: Rule?

    public var isMet: Bool { rule != nil }

    public init(headsPresent: Int, headsTotal: Int, sharesPresent: Int, sharesTotal: Int, rule: Rule?) {
        self.headsPresent = headsPresent
        self.headsTotal = headsTotal
        self.sharesPresent = sharesPresent
        self.sharesTotal = sharesTotal
        self.rule = rule
    }

    /// The check for `roll` with `attendance` (voters missing from it are absent).
    public init(roll: AssemblyRoll, attendance: [OwnerID: Attendance], secondConvocation: Bool) {
        let weights = roll.weights
        let present = weights.keys.filter { (attendance[$0] ?? .absent).takesPart }
        let heads = present.count
        let shares = present.reduce(0) { $0 + (weights[$1] ?? 0) }
        let total = roll.totalWeight
        let rule: Rule? =
            if 2 * heads > roll.heads && 2 * shares >= total {
                .headsAndShares
            } else if 4 * shares > 3 * total {
                .threeQuartersOfShares
            } else if secondConvocation {
                .secondConvocation
            } else {
                nil
            }
        self.init(headsPresent: heads, headsTotal: roll.heads, sharesPresent: shares, sharesTotal: total, rule: rule)
    }
}

/// Who holds a proxy: an owner of the building, or another person named on it.
public enum ProxyHolder: Sendable, Equatable, Hashable {
    case owner(OwnerID)
    case person(String)
}

/// The limits on proxies (art. 3.87 §7): nobody holds more than 3, unless their own votes and
/// their principals' stay within 10 % of all the building's votes.
public enum ProxyRules {
    public static let maximumWithoutLimit = 3

    /// Checks that `holder` may take one more proxy. `holderWeight` is the holder's own votes (0
    /// for a person who is not an owner); `principalWeights` are the votes of every principal,
    /// the new one included.
    public static func check(holderWeight: Int, principalWeights: [Int], totalWeight: Int) throws {
        guard principalWeights.count > maximumWithoutLimit else { return }
        let sum = principalWeights.reduce(holderWeight, +)
        // 10 % of all votes, exactly: sum / total ≤ 1/10 ⇔ 10·sum ≤ total.
        guard 10 * sum <= totalWeight else {
            throw GovernanceError.tooManyProxies(count: principalWeights.count, votes: sum, total: totalWeight)
        }
    }
}

public typealias ProxyID = Identifier<Proxy>

/// A written proxy for one assembly: the principal is represented by the holder (art. 3.87 §7).
public struct Proxy: Sendable, Equatable {
    public let id: ProxyID
    public let assemblyID: AssemblyID
    public let principal: OwnerID
    public let holder: ProxyHolder
    /// The holder as the proxy names them (the owner's name, or the person's).
    public let holderName: String
    /// The signed proxy, when uploaded as a document.
    public let documentID: DocumentID?
    public let createdAt: Date

    public init(
        id: ProxyID, assemblyID: AssemblyID, principal: OwnerID, holder: ProxyHolder, holderName: String,
        documentID: DocumentID?, createdAt: Date
    ) throws {
        if case .owner(let owner) = holder, owner == principal {
            throw DomainError.invalidValue(field: "holderOwnerId", reason: "must be someone else than the principal")
        }
        self.id = id
        self.assemblyID = assemblyID
        self.principal = principal
        self.holder = holder
        self.holderName = try Text.required(holderName, field: "holderName")
        self.documentID = documentID
        self.createdAt = createdAt
    }
}

/// A vote as recorded on a resolution: by the syndic during the meeting, or by the owner.
public struct Vote: Sendable, Equatable {
    public let resolutionID: ResolutionID
    public let voter: OwnerID
    public let ballot: Ballot
    /// The voter's weight on the roll when they voted.
    public let weight: Int
    public let castBy: UserID
    public let castAt: Date

    public init(resolutionID: ResolutionID, voter: OwnerID, ballot: Ballot, weight: Int, castBy: UserID, castAt: Date) {
        self.resolutionID = resolutionID
        self.voter = voter
        self.ballot = ballot
        self.weight = weight
        self.castBy = castBy
        self.castAt = castAt
    }
}
