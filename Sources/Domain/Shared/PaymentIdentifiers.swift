/// An International Bank Account Number, checked by ISO 13616's mod 97 and by its country's
/// length. Stored without spaces, upper case; printed in groups of four.
public struct IBAN: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    /// Lengths of the countries a Belgian co-ownership meets (SEPA); any other country with a
    /// plausible length (15 to 34) is accepted on its check digits alone.
    public static let lengths: [String: Int] = [
        "BE": 16, "FR": 27, "NL": 18, "LU": 20, "DE": 22, "ES": 24, "IT": 27, "PT": 25, "GB": 22, "IE": 22,
        "AT": 20, "CH": 21, "PL": 28, "MC": 27,
    ]

    public init?(_ raw: String) {
        let compact = String(raw.uppercased().filter { !$0.isWhitespace && $0 != "-" })
        guard (15...34).contains(compact.count), compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return nil }
        let country = String(compact.prefix(2))
        guard country.allSatisfy(\.isLetter), compact.dropFirst(2).prefix(2).allSatisfy(\.isNumber) else { return nil }
        if let length = Self.lengths[country], length != compact.count { return nil }
        guard Self.mod97(compact.dropFirst(4) + compact.prefix(4)) == 1 else { return nil }
        value = compact
    }

    public var countryCode: String { String(value.prefix(2)) }

    /// In groups of four, as printed on a notice: `BE68 5390 0754 7034`.
    public var description: String {
        var groups: [String] = []
        var rest = Substring(value)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    /// The remainder of the number the letters and digits spell (A = 10 … Z = 35) divided by 97.
    static func mod97<S: StringProtocol>(_ text: S) -> Int {
        var remainder = 0
        for character in text {
            guard let scalar = character.unicodeScalars.first, character.isASCII else { return -1 }
            let digits: Int
            if character.isNumber {
                digits = Int(scalar.value) - 48
                remainder = (remainder * 10 + digits) % 97
            } else {
                digits = Int(scalar.value) - 55
                remainder = (remainder * 100 + digits) % 97
            }
        }
        return remainder
    }
}

/// A bank's identifier (ISO 9362): 4 letters of the bank, 2 of the country, 2 letters or digits
/// of the place, optionally 3 of the branch.
public struct BIC: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init?(_ raw: String) {
        let compact = String(raw.uppercased().filter { !$0.isWhitespace })
        guard compact.count == 8 || compact.count == 11, compact.allSatisfy(\.isASCII) else { return nil }
        let characters = Array(compact)
        guard characters[0..<6].allSatisfy(\.isLetter),
            characters[6...].allSatisfy({ $0.isLetter || $0.isNumber })
        else { return nil }
        value = compact
    }

    public var description: String { value }
}

/// A VAT identification number with its check digits: Belgian (`BE` and 10 digits, the last two
/// being 97 minus the first eight mod 97) or French (`FR`, a two-digit key, and the SIREN:
/// the key is 12 + 3 × (SIREN mod 97), mod 97).
public struct VATNumber: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init?(_ raw: String) {
        let compact = String(raw.uppercased().filter { $0.isLetter || $0.isNumber })
        guard compact.count >= 4, compact.allSatisfy(\.isASCII) else { return nil }
        let country = compact.prefix(2)
        let digits = compact.dropFirst(2)
        switch country {
        case "BE":
            let number = digits.count == 9 ? "0" + digits : String(digits)
            guard number.count == 10, number.allSatisfy(\.isNumber), let base = Int(number.prefix(8)),
                let check = Int(number.suffix(2)), number.first == "0" || number.first == "1",
                97 - base % 97 == check
            else { return nil }
            value = "BE" + number
        case "FR":
            guard digits.count == 11, digits.allSatisfy(\.isNumber), let key = Int(digits.prefix(2)),
                let siren = Int(digits.suffix(9)), (12 + 3 * (siren % 97)) % 97 == key
            else { return nil }
            value = "FR" + digits
        default:
            return nil
        }
    }

    /// `BE0403.170.701`, `FR40303265045`.
    public var description: String {
        guard value.hasPrefix("BE") else { return value }
        let digits = Array(value.dropFirst(2))
        return "BE" + String(digits[0..<4]) + "." + String(digits[4..<7]) + "." + String(digits[7..<10])
    }
}

/// The Belgian structured communication (`+++123/4567/89012+++`): ten digits and a two-digit
/// check, the ten digits mod 97 (97 when that is 0). Banks carry it unchanged, so a payment can
/// be matched to what it pays.
public struct StructuredCommunication: Sendable, Hashable, CustomStringConvertible {
    /// The twelve digits.
    public let digits: String

    public init?(_ raw: String) {
        let compact = String(raw.filter(\.isNumber))
        let stripped = raw.filter { !$0.isWhitespace && !"+*/".contains($0) }
        guard compact.count == 12, stripped == compact, let base = Int(compact.prefix(10)),
            let check = Int(compact.suffix(2)), Self.check(base) == check
        else { return nil }
        digits = compact
    }

    /// The communication for a ten-digit number (0 ≤ base < 10¹⁰).
    public init(base: Int) throws {
        guard (0..<10_000_000_000).contains(base) else {
            throw DomainError.invalidValue(field: "communication", reason: "needs a number of at most ten digits")
        }
        let ten = String(base)
        let padded = String(repeating: "0", count: 10 - ten.count) + ten
        let check = Self.check(base)
        digits = padded + (check < 10 ? "0" : "") + String(check)
    }

    static func check(_ base: Int) -> Int {
        let remainder = base % 97
        return remainder == 0 ? 97 : remainder
    }

    public var description: String {
        let characters = Array(digits)
        return "+++" + String(characters[0..<3]) + "/" + String(characters[3..<7]) + "/" + String(characters[7..<12])
            + "+++"
    }
}
