/// Rules of a co-ownership's structure that a request can break (each is a 409).
public enum CoOwnershipError: Error, Equatable, Sendable, CustomStringConvertible {
    case tantiemesExceeded(total: Int, allowed: Int)
    case sharesExceeded(lotID: LotID?, totalMillionths: Int64)
    case lotNumberTaken(String)
    case notReadyForBilling([String])
    case ownerHasNoShare

    public var description: String {
        switch self {
        case .tantiemesExceeded(let total, let allowed):
            "the lots' tantièmes would reach \(total), more than the building's total of \(allowed)"
        case .sharesExceeded(_, let total):
            "the lot's current shares would reach \(Share.percent(total)), more than 100%"
        case .lotNumberTaken(let number): "lot number \(number) already exists in this building"
        case .notReadyForBilling(let missing):
            "the building is not ready for billing: \(missing.joined(separator: "; "))"
        case .ownerHasNoShare: "the seller owns no current share of this lot"
        }
    }
}

/// Whether a building can be billed: its lots' tantièmes sum to its total, and every lot is
/// fully owned (open shares summing to exactly 100 %).
public struct BillingReadiness: Sendable, Equatable {
    public let lotTantiemes: Int
    public let totalTantiemes: Int
    /// Lot numbers whose open shares do not sum to 100 %, with the sum in millionths.
    public let incompleteLots: [(number: String, shareMillionths: Int64)]
    public var isReady: Bool { lotTantiemes == totalTantiemes && incompleteLots.isEmpty }

    /// `openOwnerships` are the rows that count: the current ones, or those active on a billing date.
    public init(building: Building, lots: [Lot], openOwnerships: [Ownership]) {
        lotTantiemes = lots.reduce(0) { $0 + $1.tantiemes }
        totalTantiemes = building.totalTantiemes
        var shares: [LotID: Int64] = [:]
        for ownership in openOwnerships {
            shares[ownership.lotID, default: 0] += ownership.share.millionths
        }
        incompleteLots = lots.sorted { $0.number < $1.number }.compactMap { lot in
            let total = shares[lot.id] ?? 0
            return total == Share.scale ? nil : (lot.number, total)
        }
    }

    /// Human reasons, for a 409 naming what is missing.
    public var missing: [String] {
        var reasons: [String] = []
        if lotTantiemes != totalTantiemes {
            reasons.append("lots hold \(lotTantiemes) of \(totalTantiemes) tantièmes")
        }
        for lot in incompleteLots {
            reasons.append("lot \(lot.number) is owned at \(Share.percent(lot.shareMillionths)) instead of 100%")
        }
        return reasons
    }

    public static func == (lhs: BillingReadiness, rhs: BillingReadiness) -> Bool {
        lhs.lotTantiemes == rhs.lotTantiemes && lhs.totalTantiemes == rhs.totalTantiemes
            && lhs.incompleteLots.map(\.number) == rhs.incompleteLots.map(\.number)
            && lhs.incompleteLots.map(\.shareMillionths) == rhs.incompleteLots.map(\.shareMillionths)
    }
}

extension Share {
    /// `"60%"`, `"33.3333%"` from millionths.
    static func percent(_ millionths: Int64) -> String {
        let hundredthsOfPercent = millionths  // 1 millionth = 0.0001 %
        let whole = hundredthsOfPercent / 10_000
        var fraction = String(hundredthsOfPercent % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)%" : "\(whole).\(fraction)%"
    }
}
