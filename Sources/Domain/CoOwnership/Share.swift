/// A part of a lot's ownership, in (0, 1], held exactly in millionths (`"0.6"` is 600 000).
public struct Share: Hashable, Sendable, Comparable, CustomStringConvertible {
    public static let scale: Int64 = 1_000_000
    public static let whole = Share(millionths: scale)

    public let millionths: Int64

    init(millionths: Int64) { self.millionths = millionths }

    /// Parses a decimal string with up to 6 decimals, in (0, 1].
    public init(parsing text: String, field: String = "share") throws {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), let whole = pieces.first, !whole.isEmpty,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }), whole.count <= 2,
            pieces.count == 1 || (!pieces[1].isEmpty && pieces[1].allSatisfy({ $0.isASCII && $0.isNumber }))
        else {
            throw DomainError.invalidValue(field: field, reason: "must be a decimal string such as \"0.5\"")
        }
        let fraction = pieces.count == 2 ? String(pieces[1]) : ""
        guard fraction.count <= 6 else {
            throw DomainError.invalidValue(field: field, reason: "has more than 6 decimals")
        }
        let padded = fraction + String(repeating: "0", count: 6 - fraction.count)
        let value = Int64(whole)! * Self.scale + Int64(padded)!
        try self.init(validating: value, field: field)
    }

    /// A stored value in millionths; refuses anything outside (0, 1].
    public init(validating millionths: Int64, field: String = "share") throws {
        guard millionths > 0, millionths <= Self.scale else {
            throw DomainError.invalidValue(field: field, reason: "must be more than 0 and at most 1")
        }
        self.millionths = millionths
    }

    /// `"0.6"`, `"1"`, `"0.333333"`: the shortest exact decimal.
    public var description: String { Self.decimal(millionths) }

    /// Any non-negative number of millionths as the shortest exact decimal (`0` → `"0"`).
    public static func decimal(_ millionths: Int64) -> String {
        let whole = millionths / scale
        var fraction = String(millionths % scale)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
    }

    public static func < (lhs: Share, rhs: Share) -> Bool { lhs.millionths < rhs.millionths }
}
