import Application
import Foundation
import Hummingbird

/// `/health`, `/ready`, `/metrics`, `/openapi.json`: unauthenticated, outside `/api/v1`; and
/// a plain HTTP request to a WebSocket endpoint (426, rather than "no such route").
struct SystemRoutes {
    let persistence: any Persistence
    let metrics: HTTPMetrics
    let poolUsage: @Sendable () -> PoolUsage
    /// The assembled OpenAPI document.
    let contract: [UInt8]

    struct Status: ResponseEncodable {
        let status: String
    }

    func add(to router: Router<AppRequestContext>) {
        router.get("health") { _, _ in Status(status: "ok") }
        router.get("ready") { _, _ in
            guard await persistence.isReachable() else {
                throw Problem(.serviceUnavailable, code: "database_unreachable", detail: "the database does not answer")
            }
            return Status(status: "ready")
        }
        router.get("metrics") { _, _ in
            let usage = poolUsage()
            metrics.recordPool(usage)
            var buffer: [UInt8] = []
            metrics.registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        for path in LiveSocket.endpoints.map(\.path) + [LiveSocket.projectPath] {
            router.get(RouterPath(path)) { _, context -> HTTPResponse.Status in
                // A path naming no project by its id names nothing, whatever the protocol.
                if let id = context.parameters.get("id"), UUID(uuidString: id) == nil {
                    throw ApplicationError.notFound(entity: "project", id: id)
                }
                throw Problem(
                    .upgradeRequired, code: "websocket_required",
                    detail: "this endpoint speaks WebSocket: open it with an Upgrade: websocket request")
            }
        }
        router.get("openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: contract)))
        }
    }
}
