import Foundation

/// An ISO 4217 currency code such as `EUR`.
public struct Currency: Hashable, Sendable, Codable, CustomStringConvertible {
    public let code: String
    /// Digits after the decimal point; 2 for every currency Gestio handles today.
    public let minorUnitDigits: Int

    public init(_ code: String, minorUnitDigits: Int = 2) throws {
        let upper = code.uppercased()
        guard upper.count == 3, upper.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw DomainError.invalidValue(field: "currency", reason: "must be a three-letter ISO 4217 code")
        }
        self.code = upper
        self.minorUnitDigits = minorUnitDigits
    }

    private init(validated code: String, minorUnitDigits: Int) {
        self.code = code
        self.minorUnitDigits = minorUnitDigits
    }

    public static let euro = Currency(validated: "EUR", minorUnitDigits: 2)
    public var description: String { code }
}

/// An amount of money held exactly, in integer minor units (cents), never as a float.
public struct Money: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency = .euro) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// The largest amount accepted from outside: 999,999,999,999.99 (10¹⁴ minor units), so that
    /// ninety thousand such amounts still add up without overflowing `Int64`.
    public static let maximumWholeDigits = 12

    /// Parses `"1234.56"`, `"-3.5"` or `"12"`; more decimals than the currency allows is an error,
    /// not a silent rounding.
    public init(parsing text: String, currency: Currency = .euro, field: String = "amount") throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var digits = Substring(trimmed)
        let negative = digits.hasPrefix("-")
        if negative || digits.hasPrefix("+") { digits = digits.dropFirst() }
        let pieces = digits.split(separator: ".", omittingEmptySubsequences: false)
        let scale = currency.minorUnitDigits
        guard (1...2).contains(pieces.count), let whole = pieces.first, !whole.isEmpty,
            whole.allSatisfy(\.isASCIIDigit)
        else {
            throw DomainError.invalidValue(field: field, reason: "must be a decimal amount such as \"1234.56\"")
        }
        let significant = whole.drop(while: { $0 == "0" })
        guard significant.count <= Self.maximumWholeDigits else {
            throw DomainError.invalidValue(field: field, reason: "must be at most 999999999999.99")
        }
        var fraction = pieces.count == 2 ? String(pieces[1]) : ""
        guard fraction.allSatisfy(\.isASCIIDigit), pieces.count == 1 || !fraction.isEmpty else {
            throw DomainError.invalidValue(field: field, reason: "must be a decimal amount such as \"1234.56\"")
        }
        guard fraction.count <= scale else {
            throw DomainError.invalidValue(field: field, reason: "has more than \(scale) decimals")
        }
        fraction += String(repeating: "0", count: scale - fraction.count)
        let magnitude = (Int64(significant) ?? 0) * Self.power(scale) + (Int64(fraction) ?? 0)
        self.init(minorUnits: negative ? -magnitude : magnitude, currency: currency)
    }

    /// The amount as a decimal string with the currency's digits: `"1234.56"`.
    public var decimalString: String {
        let scale = currency.minorUnitDigits
        let magnitude = minorUnits.magnitude
        let divisor = UInt64(Self.power(scale))
        let whole = magnitude / divisor
        let fraction = String(magnitude % divisor)
        let padded = String(repeating: "0", count: scale - fraction.count) + fraction
        let sign = minorUnits < 0 ? "-" : ""
        return scale == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(padded)"
    }

    public var description: String { "\(decimalString) \(currency.code)" }

    public static func + (lhs: Money, rhs: Money) throws -> Money {
        try requireSameCurrency(lhs, rhs)
        let (sum, overflow) = lhs.minorUnits.addingReportingOverflow(rhs.minorUnits)
        guard !overflow else { throw DomainError.invalidValue(field: "amount", reason: "is too large") }
        return Money(minorUnits: sum, currency: lhs.currency)
    }

    public static func - (lhs: Money, rhs: Money) throws -> Money {
        try requireSameCurrency(lhs, rhs)
        let (difference, overflow) = lhs.minorUnits.subtractingReportingOverflow(rhs.minorUnits)
        guard !overflow else { throw DomainError.invalidValue(field: "amount", reason: "is too large") }
        return Money(minorUnits: difference, currency: lhs.currency)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        precondition(lhs.currency == rhs.currency, "comparing amounts in different currencies")
        return lhs.minorUnits < rhs.minorUnits
    }

    private static func requireSameCurrency(_ lhs: Money, _ rhs: Money) throws {
        guard lhs.currency == rhs.currency else {
            throw DomainError.invalidValue(
                field: "currency", reason: "cannot combine \(lhs.currency.code) with \(rhs.currency.code)")
        }
    }

    private static func power(_ digits: Int) -> Int64 {
        (0..<digits).reduce(1) { value, _ in value * 10 }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Money {
    /// As a French or Belgian document prints it: `1234,56 €`.
    public var printed: String { decimalString.replacingOccurrences(of: ".", with: ",") + " \u{20AC}" }
}
