import Foundation

/// The fields of a vehicle registration certificate (certificat d'immatriculation,
/// inschrijvingsbewijs) the centre reads, by their harmonised codes (Directive 1999/37/EC).
public enum CardField: String, Sendable, CaseIterable {
    case plate = "A"
    case firstRegistration = "B"
    case make = "D.1"
    case type = "D.2"
    case commercialName = "D.3"
    case vin = "E"
    case category = "J"
    case cylinderCapacity = "P.1"
    case powerKW = "P.2"
    case fuel = "P.3"
    /// The roadworthiness field: on Belgian cards, the date the next inspection is due.
    case roadworthiness = "X.1"

    /// The name it goes by in a draft and in a document's fields.
    public var name: String {
        switch self {
        case .plate: "plate"
        case .firstRegistration: "first_registration"
        case .make: "make"
        case .type: "type"
        case .commercialName: "commercial_name"
        case .vin: "vin"
        case .category: "category"
        case .cylinderCapacity: "cylinder_capacity"
        case .powerKW: "power_kw"
        case .fuel: "fuel"
        case .roadworthiness: "roadworthiness"
        }
    }
}

/// One field read from a card: its value as the vehicle takes it, how sure the reading is, and
/// where it came from (a span of the recognized text, or the card's printed code).
public struct CardReading: Sendable, Equatable {
    public enum Origin: String, Sendable { case code, text }

    public let field: CardField
    public let value: String
    /// 0…1: the engine's confidence in the page times how well the value held its checks.
    public let confidence: Double
    public let origin: Origin
    /// Offsets in the text, in characters (0 and 0 for a field read from a code).
    public let start: Int
    public let end: Int
    /// What was read: the text at those offsets, or the code's `code=value` part.
    public let source: String

    /// Under this a field is flagged for the desk to check against the card.
    public static let checkBelow = 0.8

    public var needsCheck: Bool { confidence < Self.checkBelow }

    public var extracted: ExtractedField {
        ExtractedField(name: field.name, value: value, confidence: confidence, start: start, end: end, source: source)
    }
}

/// Reads a registration card: from the payload of a QR code printed on it when there is one
/// (`A=1-ABC-234;B=2019-03-14;…`, the codes and values separated by `;`, `|` or new lines, `=`
/// or `:` between), else from the recognized text, where each field follows its code (`D.1
/// VOLKSWAGEN`, several on a line or the value on the next). Every value is checked before it
/// is taken: a Belgian plate, a real date, a VIN's alphabet and, where the VIN has one, its
/// check digit, a known category and fuel, numbers in range. Letters and digits OCR confuses
/// (O and 0, I and 1, S and 5, B and 8) are put right where the field's shape says which it
/// must be; such a field counts as less sure. A code's fields are preferred to the text's.
public struct RegistrationCardReader: Sendable {
    public init() {}

    /// How a value was found, as a share of the page's confidence.
    enum Evidence: Double {
        case checkDigit = 1.0
        case shape = 0.95
        case freeText = 0.9
        case unchecked = 0.8
        case corrected = 0.75
    }

    public func read(text: String, confidence: Double, codes: [String]) -> [CardReading] {
        var found: [CardField: CardReading] = [:]
        for code in codes {
            for reading in fromCode(code) where found[reading.field] == nil { found[reading.field] = reading }
        }
        for reading in fromText(text, confidence: confidence) where found[reading.field] == nil {
            found[reading.field] = reading
        }
        return CardField.allCases.compactMap { found[$0] }
    }

    // MARK: - A printed code

    func fromCode(_ payload: String) -> [CardReading] {
        guard payload.count <= 4000 else { return [] }
        var readings: [CardReading] = []
        for part in payload.split(whereSeparator: { ";|\n\r".contains($0) }) {
            guard let separator = part.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let code = part[..<separator].trimmingCharacters(in: .whitespaces).uppercased()
            let raw = part[part.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            guard let field = CardField(rawValue: code), !readings.contains(where: { $0.field == field }),
                let (value, _) = Self.checked(field, raw)
            else { continue }
            readings.append(
                CardReading(
                    field: field, value: value, confidence: 1, origin: .code, start: 0, end: 0, source: String(part)))
        }
        return readings
    }

    // MARK: - Recognized text

    /// A word of a line: its characters' offsets in the text.
    struct Word {
        let range: Range<Int>
        let text: String
    }

    func fromText(_ text: String, confidence: Double) -> [CardReading] {
        let characters = Array(text.prefix(20_000))
        let engine = min(1, max(0, confidence))
        var lines: [[Word]] = []
        var current: [Word] = []
        var start: Int?
        for index in 0...characters.count {
            let character = index < characters.count ? characters[index] : "\n"
            if character.isWhitespace {
                if let begun = start, let word = Self.word(characters, begun..<index) { current.append(word) }
                start = nil
                if character.isNewline {
                    if !current.isEmpty { lines.append(Self.split(current)) }
                    current = []
                }
            } else if start == nil {
                start = index
            }
        }
        // Each code with the words that follow it, to the next code on the line.
        var readings: [CardField: CardReading] = [:]
        for (lineIndex, line) in lines.enumerated() {
            var positions: [(index: Int, code: String)] = []
            for (index, word) in line.enumerated() {
                if let code = Self.code(word.text, atLineStart: index == 0) { positions.append((index, code)) }
            }
            for (number, position) in positions.enumerated() {
                guard let field = CardField(rawValue: position.code), readings[field] == nil else { continue }
                let end = number + 1 < positions.count ? positions[number + 1].index : line.count
                var words = Array(line[(position.index + 1)..<end])
                // Nothing after the code: the value is the next line, when that line holds no code.
                if words.isEmpty, lineIndex + 1 < lines.count,
                    let next = lines[lineIndex + 1].first, Self.code(next.text, atLineStart: true) == nil
                {
                    words = lines[lineIndex + 1]
                }
                guard let found = Self.value(field, in: words, characters) else { continue }
                readings[field] = CardReading(
                    field: field, value: found.value,
                    confidence: (engine * found.evidence.rawValue * 100).rounded() / 100, origin: .text,
                    start: found.span.lowerBound, end: found.span.upperBound,
                    source: String(characters[found.span]))
            }
        }
        return CardField.allCases.compactMap { readings[$0] }
    }

    /// Specks OCR reads around a word; a word of specks alone is no word.
    static let specks: Set<Character> = [
        "_", "|", ";", ":", "“", "”", "\"", "©", "=", "*", "—", "–", "'", "‘", "’", "~",
    ]

    static func word(_ characters: [Character], _ range: Range<Int>) -> Word? {
        var (lower, upper) = (range.lowerBound, range.upperBound)
        while lower < upper, specks.contains(characters[lower]) { lower += 1 }
        while upper > lower, specks.contains(characters[upper - 1]) { upper -= 1 }
        guard lower < upper, characters[lower..<upper].contains(where: { $0.isLetter || $0.isNumber }) else {
            return nil
        }
        return Word(range: lower..<upper, text: String(characters[lower..<upper]))
    }

    /// A code glued to its value (`JM1`, `D.3SANDERO`, `P.11995`) as two words, when the rest is a
    /// value the code's field takes.
    static func split(_ line: [Word]) -> [Word] {
        var words: [Word] = []
        for (index, word) in line.enumerated() {
            let characters = Array(word.text)
            var parted = false
            if code(word.text, atLineStart: index == 0) == nil, characters.count >= 2 {
                for length in 1...min(4, characters.count - 1) {
                    let head = String(characters[..<length])
                    let rest = String(characters[length...])
                    guard let code = code(head, atLineStart: index == 0), let field = CardField(rawValue: code),
                        checked(field, rest) != nil
                    else { continue }
                    let middle = word.range.lowerBound + length
                    words.append(Word(range: word.range.lowerBound..<middle, text: head))
                    words.append(Word(range: middle..<word.range.upperBound, text: rest))
                    parted = true
                    break
                }
            }
            if !parted { words.append(word) }
        }
        return words
    }

    /// The longest run of the words after a code that the field takes. Free text stops at the
    /// first word in lower case after one in capitals: cards print in capitals, OCR's specks not.
    static func value(_ field: CardField, in words: [Word], _ characters: [Character])
        -> (value: String, evidence: Evidence, span: Range<Int>)?
    {
        var words = words
        // A date where there is one, else the words as they are.
        if field == .roadworthiness {
            for count in stride(from: min(words.count, 6), through: 1, by: -1) {
                let span = words[0].range.lowerBound..<words[count - 1].range.upperBound
                if let (value, evidence) = date(String(characters[span])) { return (value, evidence, span) }
            }
        }
        if [.make, .type, .commercialName, .roadworthiness].contains(field), let first = words.first,
            !first.text.contains(where: \.isLowercase),
            let cut = words.firstIndex(where: { $0.text.contains(where: \.isLowercase) })
        {
            words = Array(words[..<cut])
        }
        for count in stride(from: min(words.count, 6), through: 1, by: -1) {
            let span = words[0].range.lowerBound..<words[count - 1].range.upperBound
            if let (value, evidence) = checked(field, String(characters[span])) { return (value, evidence, span) }
        }
        return nil
    }

    /// The code a word is, as OCR may print it (`D1`, `D,1`, `0.1`, `P.l`, `X.1:`), or nil. A
    /// single letter counts only at the start of a line; a code with a number anywhere, but
    /// inside a line only with its point (a model named `C3` is not a code), but for P and X.
    static func code(_ word: String, atLineStart: Bool) -> String? {
        var characters = Array(word.folding(options: .diacriticInsensitive, locale: nil).uppercased())
        while let last = characters.last, ":.".contains(last), characters.count > 1 { characters.removeLast() }
        guard (1...7).contains(characters.count) else { return nil }
        let single: Set<Character> = ["A", "B", "E", "G", "H", "I", "J", "K", "Q", "R", "Y", "Z"]
        if characters.count == 1 { return atLineStart && single.contains(characters[0]) ? String(characters) : nil }
        var letter = characters[0]
        if "0O".contains(letter) { letter = "D" }
        let compound: Set<Character> = ["C", "D", "F", "P", "S", "V", "X"]
        guard compound.contains(letter) else { return nil }
        var parts: [String] = []
        var index = 1
        var pointed = false
        while index < characters.count {
            if ".,·".contains(characters[index]) {
                pointed = true
                index += 1
                continue
            }
            let digit: Character? =
                characters[index].isASCII && characters[index].isNumber
                ? characters[index] : ("LI|".contains(characters[index]) ? "1" : nil)
            guard let digit else { return nil }
            parts.append(String(digit))
            index += 1
        }
        // Inside a line, a code wants its point; but P and X, which no model's name starts with.
        guard (1...2).contains(parts.count), pointed || atLineStart || "PX".contains(letter) else { return nil }
        return ([String(letter)] + parts).joined(separator: ".")
    }

    // MARK: - Values

    /// The value a field takes from what was read, and how it held its checks; nil when it does not.
    static func checked(_ field: CardField, _ raw: String) -> (String, Evidence)? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.count <= 100 else { return nil }
        switch field {
        case .plate: return plate(text)
        case .firstRegistration, .roadworthiness:
            if let date = date(text) { return date }
            return field == .roadworthiness ? (text, .freeText) : nil
        case .make, .type, .commercialName:
            return text.contains(where: \.isLetter) || text.contains(where: \.isNumber) ? (text, .freeText) : nil
        case .vin: return vin(text)
        case .category: return category(text)
        case .cylinderCapacity: return number(text, in: 1...20_000).map { ($0, .shape) }
        case .powerKW: return number(text, in: 1...2_000).map { ($0, .shape) }
        case .fuel: return fuel(text).map { ($0, .shape) }
        }
    }

    /// Digits OCR reads as letters, and letters as digits.
    static let asDigit: [Character: Character] = [
        "O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "|": "1", "Z": "2", "S": "5", "B": "8", "G": "6", "T": "7",
    ]
    static let asLetter: [Character: Character] = ["0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"]

    static func plate(_ text: String) -> (String, Evidence)? {
        if let plate = try? Plate(text) { return (plate.value, .shape) }
        let compact = Array(text.uppercased().filter { !" -.·:_".contains($0) })
        for shape in ["DLLLDDD", "DDDLLL", "LLLDDD"] where shape.count == compact.count {
            let fixed = zip(shape, compact).map { want, got -> Character in
                want == "D" ? (got.isNumber ? got : asDigit[got] ?? got) : (got.isLetter ? got : asLetter[got] ?? got)
            }
            if let plate = try? Plate(String(fixed)) { return (plate.value, .corrected) }
        }
        return nil
    }

    /// `14/03/2019`, `14.03.2019`, `14-03-2019` or `2019-03-14`, as a date.
    static func date(_ text: String) -> (String, Evidence)? {
        let raw = text.uppercased().split(whereSeparator: { "/.-".contains($0) }).map(String.init)
        let parts = raw.map {
            String($0.map { character in character.isNumber ? character : asDigit[character] ?? character })
        }
        let corrected = parts != raw
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
        let (day, month, year) =
            parts[0].count == 4 ? (parts[2], parts[1], parts[0]) : (parts[0], parts[1], parts[2])
        guard year.count == 4, (1...2).contains(day.count), (1...2).contains(month.count),
            let y = Int(year), let m = Int(month), let d = Int(day),
            let date = try? CalendarDate(year: y, month: m, day: d), (1900...2200).contains(y)
        else { return nil }
        return (date.description, corrected ? .corrected : .shape)
    }

    static func vin(_ text: String) -> (String, Evidence)? {
        let compact = text.uppercased().filter { !" -".contains($0) }
        if let vin = try? VIN(compact) { return (vin.value, vin.hasValidCheckDigit ? .checkDigit : .unchecked) }
        let fixed = String(compact.map { ["I": "1", "O": "0", "Q": "0"][$0] ?? $0 })
        guard let vin = try? VIN(fixed) else { return nil }
        return (vin.value, vin.hasValidCheckDigit ? .checkDigit : .corrected)
    }

    /// `M1`, `N1G`, `L3e`, `O2`: the category a lane takes (every L and O as one).
    static func category(_ text: String) -> (String, Evidence)? {
        var characters = Array(text.uppercased().filter { !" .".contains($0) })
        guard (1...4).contains(characters.count) else { return nil }
        if characters.count >= 2, let digit = asDigit[characters[1]], "MNLO".contains(characters[0]) {
            characters[1] = digit
        }
        switch characters[0] {
        case "L", "O": return (String(characters[0]), .shape)
        case "M", "N":
            guard characters.count >= 2, let category = VehicleCategory(rawValue: String(characters[0...1])) else {
                return nil
            }
            return (category.rawValue, .shape)
        default: return nil
        }
    }

    /// A whole number (`1 498`, `1.498`) or one with a decimal (`81,0` → `81`, `81,5` → `81.5`).
    static func number(_ text: String, in range: ClosedRange<Int>) -> String? {
        let cleaned = text.filter { !" \u{00A0}".contains($0) }
        guard cleaned.count <= 10 else { return nil }
        let pieces = cleaned.split(whereSeparator: { ".,".contains($0) }).map(String.init)
        guard !pieces.isEmpty, pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        var whole = pieces[0]
        var fraction = ""
        if pieces.count == 2, pieces[1].count == 3 {
            whole += pieces[1]
        } else if pieces.count == 2 {
            fraction = String(pieces[1].prefix(1))
        } else if pieces.count > 2 {
            return nil
        }
        guard let value = Int(whole), range.contains(value) else { return nil }
        return fraction.isEmpty || fraction == "0" ? String(value) : "\(value).\(fraction)"
    }

    /// The fuel's words in French, Dutch, German and English (a typo allowed in long words).
    static let fuels: [(word: String, fuel: Fuel)] = [
        ("essence", .petrol), ("benzine", .petrol), ("benzin", .petrol), ("petrol", .petrol),
        ("gasoline", .petrol), ("diesel", .diesel), ("gazole", .diesel), ("lpg", .lpg), ("gpl", .lpg),
        ("cng", .cng), ("gnc", .cng), ("aardgas", .cng), ("electrique", .electric), ("electricite", .electric),
        ("elektrisch", .electric), ("elektriciteit", .electric), ("electric", .electric), ("hybride", .hybrid),
        ("hybrid", .hybrid), ("hydrogene", .hydrogen), ("waterstof", .hydrogen), ("hydrogen", .hydrogen),
    ]

    static func fuel(_ text: String) -> String? {
        let words = IntentRecognizer.fold(text, keeping: " ")
        // `Essence/Benzine` or `Hybride essence`: a hybrid whatever it burns.
        let kinds = words.compactMap { word in fuels.first { IntentRecognizer.matches(word: word, $0.word) }?.fuel }
        guard let first = kinds.first else { return nil }
        return kinds.contains(.hybrid) ? Fuel.hybrid.rawValue : first.rawValue
    }
}
