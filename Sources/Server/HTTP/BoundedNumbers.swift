import Domain

// Every integer and decimal a request body carries is bounded where it is decoded.
//
// These overloads have the exact signatures of the standard library's, so within this module
// they shadow them: every `Decodable` request type here (synthesized or written by hand) reads
// its numbers through them. A number outside `InputBounds` is a 400 naming its field, before
// any use case can multiply or add it. `BoundedNumbersTests` pins that the shadowing holds.
extension KeyedDecodingContainer {
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try integer(decode(JSONNumber.self, forKey: key).value, key)
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try decodeIfPresent(JSONNumber.self, forKey: key).map { try integer($0.value, key) }
    }

    func decode(_ type: [Int].Type, forKey key: Key) throws -> [Int] {
        try decode([JSONNumber].self, forKey: key).map { try integer($0.value, key) }
    }

    func decodeIfPresent(_ type: [Int].Type, forKey key: Key) throws -> [Int]? {
        try decodeIfPresent([JSONNumber].self, forKey: key)?.map { try integer($0.value, key) }
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try decimal(decode(JSONNumber.self, forKey: key).value, key)
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try decodeIfPresent(JSONNumber.self, forKey: key).map { try decimal($0.value, key) }
    }

    private func integer(_ value: Double, _ key: Key) throws -> Int {
        guard value.rounded() == value, InputBounds.decimal.contains(value) else {
            throw RequestError.wrongType(
                field: fieldPath(key),
                expected: "an integer between \(InputBounds.integer.lowerBound) and \(InputBounds.integer.upperBound)")
        }
        return Int(value)
    }

    private func decimal(_ value: Double, _ key: Key) throws -> Double {
        guard value.isFinite, InputBounds.decimal.contains(value) else {
            throw RequestError.wrongType(
                field: fieldPath(key),
                expected: "a number between \(InputBounds.integer.lowerBound) and \(InputBounds.integer.upperBound)")
        }
        return value
    }

    private func fieldPath(_ key: Key) -> String {
        (codingPath + [key]).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue.snakeCased }
            .joined(separator: ".")
    }
}

/// A JSON number as the standard library reads it, before any bound (reached through a single
/// value container, which the overloads above do not shadow).
private struct JSONNumber: Decodable {
    let value: Double

    init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Double.self)
    }
}
