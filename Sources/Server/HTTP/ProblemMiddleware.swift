import Foundation
import Hummingbird
import Logging

/// Turns every thrown error into problem+json. Unknown errors are logged and answered with a
/// generic 500 that reveals nothing of the server.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// The contract's paths and methods, to answer 405 for a wrong method.
    let routes: DocumentedRoutes

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            // PostgreSQL's text cannot hold U+0000 (a body's strings are checked as they are decoded).
            if let (name, _) = request.uri.queryParameters.first(where: { $0.value.contains("\0") }) {
                throw RequestError.invalidParameter(name: String(name), reason: "must not hold the character U+0000")
            }
            return try await next(request, context)
        } catch {
            if let error = error as? HTTPError, error.status == .notFound,
                case let allowed = routes.methods(for: request.uri.path), !allowed.isEmpty
            {
                // No route for this method, but the path exists with others: 405 with Allow.
                var problem = Problem(
                    .methodNotAllowed, code: "method_not_allowed",
                    detail: "\(request.method.rawValue) is not allowed here; use \(allowed.joined(separator: ", "))")
                problem.allowedMethods = allowed
                return problem.response(requestID: context.requestID)
            }
            if let problem = Problem(mapping: error) { return problem.response(requestID: context.requestID) }
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return Problem.unexpected.response(requestID: context.requestID)
        }
    }
}

/// The paths of the API contract and their methods, to tell a wrong method (405) from a path
/// that does not exist (404). The contract and the router list the same routes (a test pins it).
struct DocumentedRoutes: Sendable {
    private let routes: [(segments: [Substring], methods: [String])]

    init(document: [UInt8]) {
        let object = (try? JSONSerialization.jsonObject(with: Data(document))) as? [String: Any]
        let paths = object?["paths"] as? [String: [String: Any]] ?? [:]
        routes = paths.map { path, operations in
            (path.split(separator: "/"), operations.keys.map { $0.uppercased() }.sorted())
        }
    }

    /// The methods `path` answers; empty when no route has that shape.
    func methods(for path: String) -> [String] {
        let segments = path.split(separator: "/")
        let methods = routes.filter { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { pattern, segment in
                    pattern.hasPrefix("{") || pattern == segment
                }
        }.flatMap(\.methods)
        return Array(Set(methods)).sorted()
    }
}
