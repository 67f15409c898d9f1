import Domain

// Every integer and decimal a request body carries is bounded where it is decoded, and an
// optional field is either left out or given a value.
//
// These overloads have the exact signatures of the standard library's, so within this module
// they shadow them: every `Decodable` request type here (synthesized or written by hand) reads
// its numbers through them. A number outside `InputBounds` is a 400 naming its field, before
// any use case can multiply or add it. copro_structure.feature ("Numbers too large for any
// building…") pins that the shadowing holds, on both databases.
extension KeyedDecodingContainer {
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try integer(decode(JSONNumber.self, forKey: key).value, key)
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard try isGiven(key) else { return nil }
        return try decode(Int.self, forKey: key)
    }

    func decode(_ type: [Int].Type, forKey key: Key) throws -> [Int] {
        try decode([JSONNumber].self, forKey: key).map { try integer($0.value, key) }
    }

    func decodeIfPresent(_ type: [Int].Type, forKey key: Key) throws -> [Int]? {
        guard try isGiven(key) else { return nil }
        return try decode([Int].self, forKey: key)
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try decimal(decode(JSONNumber.self, forKey: key).value, key)
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        guard try isGiven(key) else { return nil }
        return try decode(Double.self, forKey: key)
    }

    // An optional field is left out, or given a value: an explicit `null` is refused (400), since
    // it would read as "clear it" where nothing can be cleared. Fields that can be cleared are
    // read with `decodePatch`, and the contract declares them nullable.
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard try isGiven(key) else { return nil }
        return try decode(String.self, forKey: key)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard try isGiven(key) else { return nil }
        return try decode(Bool.self, forKey: key)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard try isGiven(key) else { return nil }
        return try decode(T.self, forKey: key)
    }

    /// Whether the field is in the body; `null` is a 400 naming it.
    private func isGiven(_ key: Key) throws -> Bool {
        guard contains(key) else { return false }
        if try decodeNil(forKey: key) {
            throw RequestError.wrongType(
                field: fieldPath(key), expected: "a value, not null (leave the field out instead)")
        }
        return true
    }

    private func integer(_ value: Double, _ key: Key) throws -> Int {
        guard let integer = Int(exactly: value), InputBounds.integer.contains(integer) else {
            throw RequestError.wrongType(
                field: fieldPath(key),
                expected: "an integer between \(InputBounds.integer.lowerBound) and \(InputBounds.integer.upperBound)")
        }
        return integer
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
        HTTPServer.fieldPath(codingPath + [key])
    }
}

/// A JSON number as the standard library reads it, before any bound (reached through a single
/// value container, which the overloads above do not shadow).
struct JSONNumber: Decodable {
    let value: Double

    init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Double.self)
    }
}
