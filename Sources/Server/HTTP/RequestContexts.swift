public import Application
import Domain
public import Foundation
public import Hummingbird
import Synchronization

/// The context of every request: a request id, and the caller once the auth middleware has run.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID = ""
    public var principal: Principal?
    /// The client's IP address (the peer of the connection), for per-address rate limits.
    public let remoteAddress: String?
    /// What inner middleware learn about the request for its log line (the organization).
    let trace = RequestTrace()

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    public var requestDecoder: JSONDecoder { JSONCoding.decoder }
    public var responseEncoder: JSONEncoder { JSONCoding.encoder }
    /// Bodies over this are refused with 413: 1 MiB unless the route's group sets its own
    /// (`RouterGroup.limitingBodies(to:)`).
    public var bodyLimit = JSONCoding.maximumBodySize
    public var maxUploadSize: Int { bodyLimit }
}

/// Shared by every copy of one request's context: the authentication middleware, deeper in the
/// chain, names the organization, and the observability middleware logs it.
final class RequestTrace: Sendable {
    private let organization = Mutex<OrganizationID?>(nil)

    var organizationID: OrganizationID? {
        get { organization.withLock { $0 } }
        set { organization.withLock { $0 = newValue } }
    }
}

/// The context of routes behind authentication. It cannot be built without a principal,
/// so a handler that forgets to require authentication does not compile.
public struct AuthenticatedContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let requestID: String
    public let principal: Principal

    public init(context: AppRequestContext) throws {
        guard let principal = context.principal else { throw RequestError.missingToken }
        self.coreContext = context.coreContext
        self.requestID = context.requestID
        self.principal = principal
        self.bodyLimit = context.bodyLimit
    }

    public var requestDecoder: JSONDecoder { JSONCoding.decoder }
    public var responseEncoder: JSONEncoder { JSONCoding.encoder }
    public var bodyLimit: Int
    public var maxUploadSize: Int { bodyLimit }
}

/// A context whose body limit a route group can set.
public protocol BodyLimitedContext: RequestContext {
    var bodyLimit: Int { get set }
}

extension AppRequestContext: BodyLimitedContext {}
extension AuthenticatedContext: BodyLimitedContext {}

/// Sets the body limit of the routes behind it: larger for uploads, smaller for sign-in.
struct BodyLimitMiddleware<Context: BodyLimitedContext>: RouterMiddleware {
    let bytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.bodyLimit = bytes
        return try await next(request, context)
    }
}

extension RouterGroup where Context: BodyLimitedContext {
    /// A group of this one whose routes refuse bodies over `bytes` with 413 (the default is 1 MiB).
    public func limitingBodies(to bytes: Int) -> RouterGroup<Context> {
        group().add(middleware: BodyLimitMiddleware(bytes: bytes))
    }
}

/// The API's JSON conventions: snake_case keys, RFC 3339 UTC timestamps.
enum JSONCoding {
    static let maximumBodySize = 1 << 20

    /// Shared and never mutated after creation, so one instance serves every request.
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        // Like `.iso8601`, but a bad time is reported at its field (`.iso8601` reports it at the
        // root, which read as "the body is not valid JSON").
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            guard let date = try? Date(try container.decode(String.self), strategy: .iso8601) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected an RFC 3339 time such as 2026-12-01T14:00:00Z")
            }
            return date
        }
        return decoder
    }()

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = SnakeCaseKeys.strategy
        // RFC 3339 in UTC, second precision.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.string(from: date))
        }
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()
}
