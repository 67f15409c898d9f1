public import Application
import AsyncHTTPClient
import Crypto
public import Domain
public import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Where an S3-compatible object store is, and the keys to it (GESTIO_S3_*).
public struct S3Settings: Sendable, Equatable {
    /// `scheme://host[:port]`, no path: requests are path-style (`/bucket/key`), which AWS,
    /// MinIO, Ceph, Scaleway, OVH and moto all take.
    public var endpoint: String
    public var bucket: String
    public var region: String
    public var accessKeyID: String
    public var secretAccessKey: String

    public init(endpoint: String, bucket: String, region: String, accessKeyID: String, secretAccessKey: String) {
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.bucket = bucket
        self.region = region
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
    }

    /// A bucket name S3 accepts: 3 to 63 lower-case letters, digits, dots and hyphens.
    public static func isBucketName(_ name: String) -> Bool {
        (3...63).contains(name.count)
            && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "." || $0 == "-" }
            && name.first != "." && name.first != "-" && name.last != "." && name.last != "-"
    }
}

/// Blobs in an S3-compatible bucket, so that several instances share documents. Objects are named
/// as files are on disk (`<organization>/<first two hex digits>/<digest>`), so quotas, the purge
/// and erasure stay per organization. An upload is still staged on local disk (hashed as it
/// arrives, its type checked) and sent once whole, with its SHA-256 as the signed payload hash:
/// the store refuses bytes that changed on the way.
public struct S3BlobStore: BlobStore {
    public let settings: S3Settings
    let stagingDirectory: URL
    let maxUploadBytes: Int64
    let signer: SignatureV4
    let client: HTTPClient
    let host: String
    static let chunkSize = 256 * 1024
    /// A whole object moves within this time; a listing, a check or a delete within `shortTimeout`
    /// (connections refused are retried until then).
    static let transferTimeout = TimeAmount.minutes(10)
    let shortTimeout: TimeAmount

    public init(
        settings: S3Settings, stagingDirectory: URL, maxUploadBytes: Int64, requestTimeout: Duration = .seconds(30)
    ) throws {
        guard let url = URL(string: settings.endpoint), let scheme = url.scheme, ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty, url.path.isEmpty || url.path == "/"
        else { throw S3Error.badEndpoint(settings.endpoint) }
        self.settings = settings
        self.stagingDirectory = stagingDirectory
        self.maxUploadBytes = maxUploadBytes
        self.signer = SignatureV4(
            accessKeyID: settings.accessKeyID, secretAccessKey: settings.secretAccessKey, region: settings.region)
        self.client = .shared
        self.shortTimeout = .nanoseconds(
            requestTimeout.components.seconds * 1_000_000_000 + requestTimeout.components.attoseconds / 1_000_000_000)
        self.host = url.port.map { "\(host):\($0)" } ?? host
    }

    func key(of digest: BlobDigest, in organization: OrganizationID) -> String {
        "\(organization)/\(digest.hex.prefix(2))/\(digest.hex)"
    }

    public func stage() async throws -> any BlobStaging {
        try FileStaging.start(in: stagingDirectory, limit: maxUploadBytes)
    }

    public func commit(_ staged: StagedBlob, to organization: OrganizationID) async throws -> Bool {
        let key = key(of: staged.digest, in: organization)
        let head = try await send("HEAD", key: key, timeout: shortTimeout)
        if head.status == .ok { return false }
        guard head.status == .notFound else { throw try await S3Error.answer(head, to: "HEAD \(key)") }
        let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: staged.path))
        defer { try? file.close() }
        // Read as the store takes them: one chunk in memory at a time.
        let chunks = AsyncThrowingStream<ByteBuffer, any Error> {
            guard let data = try file.read(upToCount: Self.chunkSize), !data.isEmpty else { return nil }
            return ByteBuffer(data: data)
        }
        let put = try await send(
            "PUT", key: key, headers: [("Content-Type", "application/octet-stream")],
            body: .stream(chunks, length: .known(staged.size)), payloadHash: staged.digest.hex,
            timeout: Self.transferTimeout)
        guard put.status == .ok else { throw try await S3Error.answer(put, to: "PUT \(key)") }
        _ = try await put.body.collect(upTo: 64 * 1024)
        return true
    }

    public func discard(_ staged: StagedBlob) async { FileStaging.discard(staged) }

    public func read(_ digest: BlobDigest, of organization: OrganizationID, range: ClosedRange<Int64>?) async throws
        -> AsyncThrowingStream<[UInt8], any Error>
    {
        let key = key(of: digest, in: organization)
        let headers = range.map { [("Range", "bytes=\($0.lowerBound)-\($0.upperBound)")] } ?? []
        let response = try await send("GET", key: key, headers: headers, timeout: Self.transferTimeout)
        guard response.status == .ok || response.status == .partialContent else {
            if response.status == .notFound { throw BlobMissing(path: "s3://\(settings.bucket)/\(key)") }
            throw try await S3Error.answer(response, to: "GET \(key)")
        }
        let body = response.body
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await buffer in body {
                        continuation.yield(Array(buffer.readableBytesView))
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public func delete(_ digest: BlobDigest, of organization: OrganizationID) async throws {
        let key = key(of: digest, in: organization)
        let response = try await send("DELETE", key: key, timeout: shortTimeout)
        // S3 answers 204 whether or not the object was there.
        guard response.status == .noContent || response.status == .ok || response.status == .notFound else {
            throw try await S3Error.answer(response, to: "DELETE \(key)")
        }
    }

    public func organizations() async throws -> [OrganizationID] {
        try await list(prefix: "", delimiter: "/").prefixes.compactMap {
            OrganizationID($0.hasSuffix("/") ? String($0.dropLast()) : $0)
        }
    }

    public func blobs(of organization: OrganizationID) async throws -> [(digest: BlobDigest, storedAt: Date)] {
        try await list(prefix: "\(organization)/", delimiter: nil).objects.compactMap { object in
            guard let name = object.key.split(separator: "/").last, let digest = BlobDigest(hex: String(name)) else {
                return nil
            }
            return (digest, object.lastModified)
        }
    }

    /// Makes the bucket (for a new deployment and the tests); an existing one of ours is left as is.
    public func createBucket() async throws {
        // Outside us-east-1 the region is named in the body.
        let body =
            settings.region == "us-east-1"
            ? ""
            : "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint>\(settings.region)</LocationConstraint></CreateBucketConfiguration>"
        let response = try await send(
            "PUT", key: nil, body: .bytes(ByteBuffer(string: body)),
            payloadHash: SignatureV4.hex(SHA256.hash(data: Array(body.utf8))), timeout: shortTimeout)
        guard response.status == .ok else {
            let error = try await S3Error.answer(response, to: "PUT bucket \(settings.bucket)")
            if case .refused(_, _, let code, _) = error, code == "BucketAlreadyOwnedByYou" { return }
            throw error
        }
    }

    /// Checks at start that the bucket answers to these keys, so a wrong setting stops the server
    /// with a clear message instead of failing the first upload.
    public func check() async throws {
        let response = try await send("HEAD", key: nil, timeout: shortTimeout)
        guard response.status == .ok else {
            throw try await S3Error.answer(response, to: "HEAD bucket \(settings.bucket)")
        }
    }

    // MARK: - Requests

    private struct Listing {
        var objects: [(key: String, lastModified: Date)] = []
        var prefixes: [String] = []
    }

    /// ListObjectsV2, every page of it.
    private func list(prefix: String, delimiter: String?) async throws -> Listing {
        var listing = Listing()
        var token: String?
        repeat {
            var query = [(name: "list-type", value: "2"), (name: "prefix", value: prefix)]
            if let delimiter { query.append((name: "delimiter", value: delimiter)) }
            if let token { query.append((name: "continuation-token", value: token)) }
            let response = try await send("GET", key: nil, query: query, timeout: shortTimeout)
            guard response.status == .ok else { throw try await S3Error.answer(response, to: "list \(prefix)") }
            let page = ListPage(xml: Data(buffer: try await response.body.collect(upTo: 16 * 1024 * 1024)))
            listing.objects += page.objects
            listing.prefixes += page.prefixes
            token = page.truncated ? page.nextToken : nil
        } while token != nil
        return listing
    }

    private func send(
        _ method: String, key: String?, query: [(name: String, value: String)] = [],
        headers: [(String, String)] = [], body: HTTPClientRequest.Body? = nil,
        payloadHash: String = SignatureV4.emptyPayloadHash, timeout: TimeAmount
    ) async throws -> HTTPClientResponse {
        let path = "/\(settings.bucket)" + (key.map { "/\($0)" } ?? "")
        let encodedPath = SignatureV4.encode(path: path)
        let encodedQuery = query.map { "\(SignatureV4.encode($0.name))=\(SignatureV4.encode($0.value))" }
            .joined(separator: "&")
        var request = HTTPClientRequest(
            url: settings.endpoint + encodedPath + (encodedQuery.isEmpty ? "" : "?" + encodedQuery))
        request.method = HTTPMethod(rawValue: method)
        var signed = [(name: "host", value: host)]
        for (name, value) in headers {
            request.headers.add(name: name, value: value)
            signed.append((name: name, value: value))
        }
        request.headers.replaceOrAdd(name: "Host", value: host)
        for (name, value) in signer.sign(
            method: method, path: path, query: query, headers: signed, payloadHash: payloadHash, at: Date())
        {
            request.headers.replaceOrAdd(name: name, value: value)
        }
        if let body { request.body = body }
        do {
            return try await client.execute(request, timeout: timeout)
        } catch {
            throw S3Error.unreachable(endpoint: settings.endpoint, reason: String(describing: error))
        }
    }
}

/// What the object store answered when it did not do what was asked.
public enum S3Error: Error, CustomStringConvertible, Equatable {
    case badEndpoint(String)
    case unreachable(endpoint: String, reason: String)
    case refused(request: String, status: Int, code: String, message: String)

    public var description: String {
        switch self {
        case .badEndpoint(let endpoint):
            "the S3 endpoint \(endpoint) is not scheme://host[:port] (http or https, no path)"
        case .unreachable(let endpoint, let reason): "the S3 endpoint \(endpoint) cannot be reached: \(reason)"
        case .refused(let request, let status, let code, let message):
            "the object store refused \(request): \(status) \(code) \(message)"
        }
    }

    static func answer(_ response: HTTPClientResponse, to request: String) async throws -> S3Error {
        let body = (try? await response.body.collect(upTo: 64 * 1024)).map { Data(buffer: $0) } ?? Data()
        let page = ListPage(xml: body)
        // A HEAD answer has no body to say why.
        let status = Int(response.status.code)
        let code = page.errorCode ?? (status == 404 ? "NotFound" : status == 403 ? "AccessDenied" : "-")
        let message =
            page.errorMessage ?? (status == 403 ? "check the keys and the region" : response.status.reasonPhrase)
        return .refused(request: request, status: status, code: code, message: message)
    }
}

/// A ListObjectsV2 page (or an error document), read with Foundation's XML parser.
final class ListPage: NSObject, XMLParserDelegate {
    private(set) var objects: [(key: String, lastModified: Date)] = []
    private(set) var prefixes: [String] = []
    private(set) var truncated = false
    private(set) var nextToken: String?
    private(set) var errorCode: String?
    private(set) var errorMessage: String?
    private var path: [String] = []
    private var text = ""
    private var key: String?
    private var lastModified: Date?

    init(xml: Data) {
        super.init()
        let parser = XMLParser(data: xml)
        parser.delegate = self
        _ = parser.parse()
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        path.append(elementName)
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        switch (parent, elementName) {
        case ("Contents", "Key"): key = text
        case ("Contents", "LastModified"): lastModified = Self.date(text)
        case ("CommonPrefixes", "Prefix"): prefixes.append(text)
        case ("ListBucketResult", "IsTruncated"): truncated = text == "true"
        case ("ListBucketResult", "NextContinuationToken"): nextToken = text
        case ("Error", "Code"): errorCode = text
        case ("Error", "Message"): errorMessage = text
        case (_, "Contents"):
            if let key { objects.append((key, lastModified ?? .distantPast)) }
            key = nil
            lastModified = nil
        default: break
        }
        path.removeLast()
    }

    /// `2009-10-12T17:50:30.000Z`, with or without the fraction.
    static func date(_ text: String) -> Date? {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}
