import HTTPTypes
import Hummingbird

/// What a browser is told about this API: the origins allowed to call it from another site
/// (none by default), and whether HSTS is sent (only when the deployment is behind TLS).
public struct HTTPSecurity: Sendable {
    /// Exact origins (`https://app.example.com`) whose browser front-ends may call the API.
    public var allowedOrigins: Set<String>
    /// `Strict-Transport-Security: max-age=…` on every response when set.
    public var hstsMaxAge: Int?

    public init(allowedOrigins: Set<String> = [], hstsMaxAge: Int? = nil) {
        self.allowedOrigins = allowedOrigins
        self.hstsMaxAge = hstsMaxAge
    }
}

/// Security headers on every answer, and CORS for the allow-listed origins: a preflight from an
/// allowed origin is answered here (204); any other request from one gets
/// `Access-Control-Allow-Origin` with its origin. Other origins get no CORS header, so browsers
/// keep refusing them; their preflights fall through to the router (405).
struct SecurityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let security: HTTPSecurity

    static let methods = "GET, POST, PUT, PATCH, DELETE"
    static let headers = "Authorization, Content-Type, X-Request-ID"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let origin = request.headers[.origin].flatMap { security.allowedOrigins.contains($0) ? $0 : nil }
        var response: Response
        if let origin, request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            response = Response(status: .noContent)
            response.headers[.accessControlAllowMethods] = Self.methods
            response.headers[.accessControlAllowHeaders] = Self.headers
            response.headers[.accessControlMaxAge] = "600"
            response.headers[.accessControlAllowOrigin] = origin
        } else {
            response = try await next(request, context)
            if let origin {
                response.headers[.accessControlAllowOrigin] = origin
                response.headers[.accessControlExposeHeaders] = "X-Request-ID, Retry-After, Allow"
            }
        }
        if !security.allowedOrigins.isEmpty { response.headers[.vary] = "Origin" }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'"
        if let maxAge = security.hstsMaxAge {
            response.headers[.strictTransportSecurity] = "max-age=\(maxAge); includeSubDomains"
        }
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
