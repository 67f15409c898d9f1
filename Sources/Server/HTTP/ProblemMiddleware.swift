import Hummingbird
import Logging

/// Turns every thrown error into problem+json. Unknown errors are logged and answered with a
/// generic 500 that reveals nothing of the server.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            if let problem = Problem(mapping: error) { return problem.response(requestID: context.requestID) }
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return Problem.unexpected.response(requestID: context.requestID)
        }
    }
}
