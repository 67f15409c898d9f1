import Application
import Hummingbird

/// Verifies `Authorization: Bearer <token>` and stores the principal in the context.
/// Routes behind it use `AuthenticatedContext`, which refuses to exist without one.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let identity: IdentityService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let header = request.headers[.authorization] else { throw RequestError.missingToken }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw RequestError.missingToken }
        var context = context
        let principal = try await identity.authenticate(accessToken: String(parts[1]))
        context.principal = principal
        context.trace.organizationID = principal.organizationID
        return try await next(request, context)
    }
}
