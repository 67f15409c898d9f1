import Application
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// `Idempotency-Key` on an authenticated write (POST, PUT, PATCH, DELETE): the first answer is
/// kept for the user and key, and a replay of the same request gets it again, with
/// `Idempotent-Replayed: true`, without running. A request that fails keeps nothing, so it may
/// be sent again. The request is told apart by its method, path, content type and body (a
/// digest of a JSON body; the length of another).
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let service: IdempotencyService

    static let writes: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard Self.writes.contains(request.method), let key = request.headers[.idempotencyKey],
            let principal = context.principal
        else { return try await next(request, context) }
        guard IdempotencyService.isValid(key) else {
            throw Problem(
                .badRequest, code: "invalid_idempotency_key",
                detail: "an Idempotency-Key is 1 to \(IdempotencyService.maximumKeyLength) visible ASCII characters",
                field: "Idempotency-Key")
        }
        var request = request
        let fingerprint = try await Self.fingerprint(of: &request, context: context)
        switch try await service.claim(key, fingerprint: fingerprint, as: principal) {
        case .answered(let answer):
            var headers: HTTPFields = [.idempotentReplayed: "true"]
            if let type = answer.contentType { headers[.contentType] = type }
            return Response(
                status: .init(code: answer.status), headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: answer.body)))
        case .inProgress:
            throw Problem(
                .conflict, code: "idempotency_key_in_use",
                detail: "a request with this Idempotency-Key is still running; send it again once it has answered")
        case .reused:
            throw Problem(
                .unprocessableContent, code: "idempotency_key_reused",
                detail: "this Idempotency-Key was sent with another request; use a new key for a new request",
                field: "Idempotency-Key")
        case .claimed:
            break
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            try? await service.release(key, as: principal)
            throw error
        }
        let collector = BodyCollector()
        try await response.body.write(collector)
        let body = collector.buffer.withLock { $0 }
        guard response.status.code < 500, let text = String(validating: body.readableBytesView, as: UTF8.self) else {
            try? await service.release(key, as: principal)
            return Response(status: response.status, headers: response.headers, body: .init(byteBuffer: body))
        }
        try await service.keep(
            StoredAnswer(status: response.status.code, contentType: response.headers[.contentType], body: text),
            for: key, as: principal)
        return Response(status: response.status, headers: response.headers, body: .init(byteBuffer: body))
    }

    /// Method, path with query, content type, and the body: a JSON body is read here (within
    /// the context's limit) and digested; another (an upload) counts by its declared length.
    static func fingerprint(of request: inout Request, context: Context) async throws -> String {
        let type = request.headers[.contentType] ?? ""
        var body = "length \(request.headers[.contentLength] ?? "?")"
        if type.lowercased().hasPrefix("application/json") {
            let buffer: ByteBuffer
            do {
                buffer = try await request.collectBody(upTo: context.maxUploadSize)
            } catch is NIOTooManyBytesError {
                throw RequestError.payloadTooLarge(limit: context.maxUploadSize)
            }
            body = "fnv1a \(fnv1a(buffer.readableBytesView))"
        }
        return "\(request.method.rawValue) \(request.uri.description) \(type) \(body)"
    }

    /// FNV-1a, 64 bits: the same on every instance and after a restart (unlike `Hasher`). It
    /// tells a different request apart; it guards nothing against an attacker, who could only
    /// replay their own answers.
    static func fnv1a(_ bytes: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// Collects a response's body, to keep it and send it.
private final class BodyCollector: ResponseBodyWriter, Sendable {
    let buffer = Mutex(ByteBuffer())

    func write(_ part: ByteBuffer) async throws {
        _ = buffer.withLock { $0.writeImmutableBuffer(part) }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

extension HTTPField.Name {
    static let idempotencyKey = Self("Idempotency-Key")!
    static let idempotentReplayed = Self("Idempotent-Replayed")!
}
