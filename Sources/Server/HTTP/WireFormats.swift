public import Foundation
import Synchronization

/// RFC 3339 timestamps in UTC, written from the broken-down time: no formatter object, no time
/// zone lookup (Foundation's format style showed in the request profile).
public enum RFC3339 {
    /// `2026-12-01T14:00:00Z`, or with `.mmm` milliseconds.
    public static func string(from date: Date, milliseconds: Bool = false) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var text = ""
        text.reserveCapacity(24)
        func append(_ value: Int32, width: Int) {
            let digits = String(value)
            if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
            text += digits
        }
        append(parts.tm_year + 1900, width: 4)
        text += "-"
        append(parts.tm_mon + 1, width: 2)
        text += "-"
        append(parts.tm_mday, width: 2)
        text += "T"
        append(parts.tm_hour, width: 2)
        text += ":"
        append(parts.tm_min, width: 2)
        text += ":"
        append(parts.tm_sec, width: 2)
        if milliseconds {
            text += "."
            append(Int32(min(999, Int((interval - Double(seconds)) * 1000))), width: 3)
        }
        text += "Z"
        return text
    }
}

/// The API's snake_case keys, each converted once by Foundation's own `convertToSnakeCase` and
/// then remembered: the conversion ran for every key of every response before.
enum SnakeCaseKeys {
    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private static let cache = Mutex<[String: String]>([:])

    static let strategy = JSONEncoder.KeyEncodingStrategy.custom { path in
        let key = path[path.count - 1]
        if key.intValue != nil { return key }
        return Key(stringValue: snakeCase(key.stringValue))
    }

    static func snakeCase(_ key: String) -> String {
        if let known = cache.withLock({ $0[key] }) { return known }
        let converted = convert(key)
        cache.withLock { $0[key] = converted }
        return converted
    }

    /// Foundation's conversion, read back from a one-key object it encodes.
    private static func convert(_ key: String) -> String {
        struct Probe: Encodable {
            let key: String
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(0, forKey: Key(stringValue: key))
            }
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(Probe(key: key)),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Int],
            let converted = object.keys.first
        else { return key }
        return converted
    }
}

/// Request ids: 128 random bits as 32 hex digits (a UUID's text went through `sprintf`).
enum RequestIDs {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return hex(generator.next()) + hex(generator.next())
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// The wire spelling of a name Application and Domain give in Swift's camelCase: a field an
/// error names (`lines[2].accountCode` → `lines[2].account_code`), a live event's data key.
/// Each identifier that starts with a lowercase letter has its words joined by `_`, as the API's
/// JSON keys are; anything else (indexes, dots, a header name such as `Idempotency-Key`) is kept.
/// Nothing is cached: a name can come from a client's file (an import's column).
public enum WireName {
    public static func of(_ name: String) -> String {
        var result = ""
        result.reserveCapacity(name.count + 4)
        /// Inside an identifier that began with a lowercase letter.
        var converting = false
        var previous: Character?
        for character in name {
            let startsWord = previous.map { !($0.isLetter || $0.isNumber || $0 == "_") } ?? true
            if startsWord { converting = character.isLowercase }
            if converting, character.isUppercase, let previous, previous.isLowercase || previous.isNumber {
                result.append("_")
            }
            result.append(converting ? Character(character.lowercased()) : character)
            previous = character
        }
        return result
    }

    /// The keys of a dictionary Application filled (a live event's data, an audit payload).
    public static func keys(of dictionary: [String: String]) -> [String: String] {
        Dictionary(dictionary.map { (of($0.key), $0.value) }) { first, _ in first }
    }
}
