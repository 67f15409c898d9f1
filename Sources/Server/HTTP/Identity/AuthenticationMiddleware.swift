import Application
import Hummingbird

/// Verifies `Authorization: Bearer <token>` and stores the principal in the context.
/// Routes behind it use `AuthenticatedContext`, which refuses to exist without one.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let identity: IdentityService

    static let allowedBeforeTwoFactorSetup: Set<String> = [
        "/api/v1/auth/me", "/api/v1/auth/2fa/setup", "/api/v1/auth/2fa/enable",
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let header = request.headers[.authorization] else { throw RequestError.missingToken }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw RequestError.missingToken }
        var context = context
        let principal = try await identity.authenticate(accessToken: String(parts[1]))
        // Under an organization's 2FA policy, a user without 2FA may only set it up.
        if principal.mustSetUpTwoFactor, !Self.allowedBeforeTwoFactorSetup.contains(request.uri.path) {
            throw ApplicationError.twoFactorSetupRequired
        }
        // Restricted processing (Art. 18): nothing changes but the restriction itself. Read only
        // for requests that would change something, so reads cost nothing more.
        if request.method != .get, request.method != .head,
            !IdentityService.allowedWhileRestricted.contains(request.uri.path),
            try await identity.isRestricted(principal.userID)
        {
            throw ApplicationError.processingRestricted
        }
        context.principal = principal
        context.trace.organizationID = principal.organizationID
        return try await next(request, context)
    }
}
