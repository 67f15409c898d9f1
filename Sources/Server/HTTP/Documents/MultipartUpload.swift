import Application
import Domain
import Foundation
import Hummingbird
import MultipartKit

/// A `multipart/form-data` upload read as it arrives: the one file part is streamed into the
/// blob store's staging file (never held whole in memory), the other parts are short text
/// fields (at most 64 KiB together).
struct MultipartUpload {
    var fields: [String: [String]] = [:]
    var upload: Upload?

    func field(_ name: String) -> String? { fields[name]?.last }

    static let maxFieldBytes = 64 * 1024

    static func read(_ request: Request, maxFileBytes: Int64, staging: () async throws -> any BlobStaging)
        async throws -> MultipartUpload
    {
        guard let contentType = request.headers[.contentType],
            contentType.lowercased().hasPrefix("multipart/form-data"),
            let boundary = parameter("boundary", in: contentType), !boundary.isEmpty, boundary.count <= 200
        else {
            throw DocumentError.unsupportedMediaType(detail: "send the file as multipart/form-data with a boundary")
        }
        // Refused before a byte is read when the client says it is too large.
        if let length = request.headers[.contentLength].flatMap({ Int64($0) }),
            length > maxFileBytes + Int64(maxFieldBytes) + 16 * 1024
        {
            throw DocumentError.tooLarge(limit: maxFileBytes)
        }
        let collector = PartCollector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.header(name, value) }
        parser.onBody = { buffer in collector.body(&buffer) }
        parser.onPartComplete = { collector.complete() }
        var headerNames = MultipartHeaderNames(boundary: boundary)
        let file = try await staging()
        do {
            for try await chunk in request.body {
                guard headerNames.accept(chunk.readableBytesView) else {
                    throw RequestError.malformedBody(detail: "a part's header name holds a byte that is not ASCII")
                }
                do { try parser.execute(chunk) } catch {
                    throw RequestError.malformedBody(detail: "the multipart body is malformed")
                }
                if let problem = collector.problem { throw problem }
                if let bytes = collector.takeFileBytes() { try await file.write(bytes) }
            }
            guard collector.finished, let name = collector.fileName else {
                if collector.finished { throw RequestError.missingField("file") }
                throw RequestError.malformedBody(detail: "the multipart body ends before its closing boundary")
            }
            let staged = try await file.finish()
            return MultipartUpload(
                fields: collector.fields,
                upload: Upload(staged: staged, fileName: name, declaredType: collector.fileType))
        } catch {
            await file.abandon()
            throw error
        }
    }

    /// `boundary=…` (quoted or not) in a header value.
    static func parameter(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }
}

/// The parser's callbacks write here; the request's task drains the file bytes after each chunk.
private final class PartCollector {
    var fields: [String: [String]] = [:]
    var fileName: String?
    var fileType: String?
    var finished = false
    var problem: (any Error)?
    private var headers: [String: String] = [:]
    private var partName: String?
    private var isFile = false
    private var fieldBytes: [UInt8] = []
    private var totalFieldBytes = 0
    /// The file's bytes parsed from the last chunk, in one piece (the parser cuts the body at
    /// every CR, which binary files hold every few hundred bytes).
    private var pendingFile: [UInt8] = []
    private var sawFile = false

    func header(_ name: String, _ value: String) {
        headers[name.lowercased()] = value
    }

    func body(_ buffer: inout ByteBuffer) {
        if partName == nil { startPart() }
        guard problem == nil else { return }
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        if isFile {
            pendingFile += bytes
        } else {
            totalFieldBytes += bytes.count
            guard totalFieldBytes <= MultipartUpload.maxFieldBytes else {
                problem = RequestError.payloadTooLarge(limit: MultipartUpload.maxFieldBytes)
                return
            }
            fieldBytes += bytes
        }
    }

    func complete() {
        if partName == nil { startPart() }
        if !isFile, let name = partName, problem == nil {
            fields[name, default: []].append(String(decoding: fieldBytes, as: UTF8.self))
        }
        headers = [:]
        partName = nil
        isFile = false
        fieldBytes = []
        finished = true
    }

    func takeFileBytes() -> [UInt8]? {
        guard !pendingFile.isEmpty else { return nil }
        defer { pendingFile = [] }
        return pendingFile
    }

    private func startPart() {
        finished = false
        let disposition = headers["content-disposition"] ?? ""
        partName = MultipartUpload.parameter("name", in: disposition) ?? ""
        let name = Self.fileName(in: disposition)
        isFile = name != nil
        if let name {
            guard !sawFile else {
                problem = RequestError.malformedBody(detail: "send one file per request")
                return
            }
            sawFile = true
            fileName = name
            fileType = headers["content-type"]
        }
    }

    /// `filename*=UTF-8''…` (RFC 5987) when present, else `filename="…"`.
    static func fileName(in disposition: String) -> String? {
        if let extended = MultipartUpload.parameter("filename*", in: disposition) {
            let parts = extended.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count == 3, parts[0].lowercased() == "utf-8",
                let decoded = String(parts[2]).removingPercentEncoding
            {
                return decoded
            }
        }
        return MultipartUpload.parameter("filename", in: disposition)
    }
}

/// Watches a multipart body as it streams for a header name holding a byte above 127, which
/// multipart-kit's parser (4.x) reads past the end of its 128-entry table of allowed characters
/// and so traps on, stopping the server: the body is refused before the parser sees it. Header
/// names are ASCII tokens (RFC 7578), so nothing valid is refused; header values and part bodies
/// may hold any byte.
struct MultipartHeaderNames {
    private enum State {
        /// In a part's body (or the preamble): `matched` bytes of CRLF, `--` and the boundary seen.
        case body(matched: Int)
        /// Just after a delimiter: `--` closes the body; anything else runs to the end of the line.
        case afterDelimiter(dashes: Int)
        case restOfDelimiterLine
        case headerName(length: Int)
        case headerValue
        /// The CR of the empty line that ends the headers was read.
        case endOfHeaders
        /// After the closing delimiter: the epilogue, never parsed.
        case closed
    }

    private let delimiter: [UInt8]
    /// The body opens with `--boundary`, as if a CRLF came before it.
    private var state = State.body(matched: 2)

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// False as soon as a header name holds a byte above 127.
    mutating func accept(_ bytes: some Sequence<UInt8>) -> Bool {
        for byte in bytes {
            switch state {
            case .body(let matched):
                if byte == delimiter[matched] {
                    state = matched + 1 == delimiter.count ? .afterDelimiter(dashes: 0) : .body(matched: matched + 1)
                } else {
                    state = .body(matched: byte == delimiter[0] ? 1 : 0)
                }
            case .afterDelimiter(let dashes):
                if byte == UInt8(ascii: "-") {
                    state = dashes == 1 ? .closed : .afterDelimiter(dashes: dashes + 1)
                } else {
                    state = byte == UInt8(ascii: "\n") ? .headerName(length: 0) : .restOfDelimiterLine
                }
            case .restOfDelimiterLine:
                if byte == UInt8(ascii: "\n") { state = .headerName(length: 0) }
            case .headerName(let length):
                if byte == UInt8(ascii: ":") {
                    state = .headerValue
                } else if byte == UInt8(ascii: "\r") && length == 0 {
                    state = .endOfHeaders
                } else if byte > 127 {
                    return false
                } else {
                    state = .headerName(length: length + 1)
                }
            case .headerValue:
                if byte == UInt8(ascii: "\n") { state = .headerName(length: 0) }
            case .endOfHeaders:
                state = .body(matched: 0)
            case .closed:
                return true
            }
        }
        return true
    }
}
