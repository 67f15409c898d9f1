import Domain
import Foundation
import Hummingbird
import NIOCore

extension Request {
    /// Decodes a JSON body (at most 1 MiB) and turns decoding failures into precise client errors.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: some RequestContext) async throws -> T {
        guard let value = try await decodeOptionalJSON(type, context: context) else {
            throw RequestError.malformedJSON(detail: "the request body is empty")
        }
        return value
    }

    /// The whole body, refused with 413 past `limit` bytes.
    func body(upTo limit: Int) async throws -> ByteBuffer {
        var request = self
        do {
            return try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw RequestError.payloadTooLarge(limit: limit)
        }
    }

    /// The body's bytes (at most the context's upload size), for files read by the use case.
    func bytes(context: some RequestContext) async throws -> [UInt8] {
        Array(try await body(upTo: context.maxUploadSize).readableBytesView)
    }

    /// The body as UTF-8 text (at most the context's upload size), for CSV uploads.
    func text(context: some RequestContext) async throws -> String {
        let buffer = try await body(upTo: context.maxUploadSize)
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw RequestError.malformedBody(detail: "the request body is not UTF-8 text")
        }
        return text
    }

    /// Like `decodeJSON`, for routes whose body may be left out entirely.
    func decodeOptionalJSON<T: Decodable>(_ type: T.Type, context: some RequestContext) async throws -> T? {
        let buffer = try await body(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return nil }
        // Scanned as contiguous bytes: a byte-by-byte walk over a ByteBufferView is slow in a debug
        // build, and runs on a thread of the cooperative pool.
        let (isNull, holdsNUL) = buffer.withUnsafeReadableBytes { bytes in
            // A body is a JSON object: `null` is not one (leave the body out instead).
            (
                bytes.lazy.filter { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }.elementsEqual("null".utf8),
                JSONText.holdsNUL(bytes)
            )
        }
        if isNull {
            throw RequestError.malformedJSON(detail: "the body must be a JSON object, not null")
        }
        if holdsNUL {
            throw RequestError.malformedJSON(detail: "a string holds the character U+0000, which no text may hold")
        }
        do {
            return try JSONCoding.decoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw RequestError(error)
        }
    }

    /// An optional id in the query string; a value that is not a UUID (an empty one too) is a bad
    /// parameter.
    func idQuery<Entity>(_ name: String, as type: Identifier<Entity>.Type) throws -> Identifier<Entity>? {
        guard let raw = uri.queryParameters.get(name) else { return nil }
        guard let uuid = UUID(uuidString: String(raw)) else {
            throw RequestError.invalidParameter(name: name, reason: "must be a UUID")
        }
        return Identifier(uuid)
    }

    /// An optional query parameter naming one of an enumeration's wire values; another value is a
    /// bad parameter that lists the values allowed.
    func enumQuery<T: RawRepresentable & CaseIterable>(_ name: String, as _: T.Type) throws -> T?
    where T.RawValue == String {
        guard let raw = uri.queryParameters.get(name) else { return nil }
        guard let value = T(rawValue: String(raw)) else {
            throw RequestError.invalidParameter(
                name: name, reason: "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// An optional `true` or `false` query parameter; another value is a bad parameter.
    func boolQuery(_ name: String) throws -> Bool? {
        switch uri.queryParameters.get(name) {
        case nil: return nil
        case "true": return true
        case "false": return false
        default: throw RequestError.invalidParameter(name: name, reason: "must be true or false")
        }
    }

    /// An optional text query parameter of at most `maxLength` characters, else 400 naming it.
    func textQuery(_ name: String, maxLength: Int) throws -> String? {
        guard let raw = uri.queryParameters.get(name) else { return nil }
        guard raw.count <= maxLength else {
            throw RequestError.invalidParameter(name: name, reason: "must be at most \(maxLength) characters")
        }
        return String(raw)
    }

    /// An integer query parameter, bounded where it is decoded: a value outside `range` (or too
    /// long to be an `Int`) is a 400 naming the parameter, so no arithmetic on it can overflow.
    func integerQuery(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int) throws -> Int {
        guard let raw = uri.queryParameters.get(name) else { return defaultValue }
        guard let value = Int(raw), range.contains(value) else {
            throw RequestError.invalidParameter(
                name: name, reason: "must be an integer between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }
}

extension RequestError {
    init(_ error: DecodingError) {
        func path(_ codingPath: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            fieldPath(codingPath + (key.map { [$0] } ?? []))
        }
        switch error {
        case .keyNotFound(let key, let context):
            self = .missingField(path(context.codingPath, key))
        case .valueNotFound(_, let context):
            self = .missingField(path(context.codingPath))
        case .typeMismatch(let type, let context):
            self = .wrongType(field: path(context.codingPath), expected: Self.jsonTypeName(type))
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            self = .malformedJSON(detail: "the body is not valid JSON")
        case .dataCorrupted(let context):
            self = .wrongType(field: path(context.codingPath), expected: "a valid value")
        @unknown default:
            self = .malformedJSON(detail: "the body could not be read")
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}

extension KeyedDecodingContainer {
    /// A field of a PATCH body: absent → nil (leave it), `null` → `.some(nil)` (clear it), a value → the value.
    func decodePatch<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T?? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) { return .some(nil) }
        return .some(try decode(T.self, forKey: key))
    }
}

/// A JSON field as problems name it: `lines[0].account_code`.
func fieldPath(_ keys: [any CodingKey]) -> String {
    keys.reduce(into: "") { path, key in
        if let index = key.intValue {
            path += "[\(index)]"
        } else {
            path += (path.isEmpty ? "" : ".") + key.stringValue.snakeCased
        }
    }
}

/// What JSON text carries that its decoded values cannot keep.
enum JSONText {
    /// Whether a string of the JSON text holds U+0000 (written `\u0000`: a raw NUL byte is not
    /// JSON). PostgreSQL's text cannot store it, so it is refused for every body on both databases.
    static func holdsNUL(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "\\") else { continue }
            // An escape: `\\` is a backslash (the next byte is not an escape's start), `\u` four hex digits.
            guard iterator.next() == UInt8(ascii: "u") else { continue }
            var digits: [UInt8] = []
            while digits.count < 4, let digit = iterator.next() { digits.append(digit) }
            if digits.elementsEqual("0000".utf8) { return true }
        }
        return false
    }
}
