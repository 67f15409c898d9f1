public import Application
import Domain
import Foundation
public import Hummingbird
public import HummingbirdWebSocket
import Logging

/// The context of WebSocket upgrade requests.
public struct LiveSocketContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<LiveSocketContext>
    /// Who opened the socket; set once by `LiveSocketAuthentication` at the upgrade.
    var session: LiveSession?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
    }
}

/// `/ws/notifications` (dispatchers: new ride, refusals, SLA alerts), `/ws/demandes` (a
/// driver's own offers, reschedules, cancellations) and `/ws/planning` (every planning change).
/// The access token comes with the upgrade, as `?token=` or as the second value of
/// `Sec-WebSocket-Protocol: bearer, <token>`; the first message is `{"type":"ready"}`, then one
/// JSON message per event; the socket closes (1008) when the token expires.
public func buildLiveRouter(identity: IdentityService, events: any EventBroadcaster) -> Router<LiveSocketContext> {
    let router = Router(context: LiveSocketContext.self)
    router.add(middleware: LiveSocketAuthentication(identity: identity))
    let endpoints: [(String, LiveEvent.Channel, Permission)] = [
        ("ws/notifications", .notifications, .readDispatch),
        ("ws/demandes", .demandes, .drive),
        ("ws/planning", .planning, .readDispatch),
    ]
    for (path, channel, permission) in endpoints {
        router.ws(
            RouterPath(path),
            shouldUpgrade: { _, context in
                guard let session = context.session else { throw ProblemResponse(problem: .unexpected) }
                do {
                    try AccessPolicy.require(permission, by: session.principal)
                } catch {
                    throw ProblemResponse(problem: Problem(mapping: error) ?? .unexpected)
                }
                return .upgrade(session.viaProtocol ? [.secWebSocketProtocol: "bearer"] : [:])
            },
            onUpgrade: { inbound, outbound, context in
                guard let session = context.requestContext.session else {
                    try await outbound.close(.policyViolation, reason: "invalid token")
                    return
                }
                let subscription = LiveSubscription(
                    channel: channel, organizationID: session.principal.organizationID,
                    userID: session.principal.userID)
                let stream = events.subscribe(subscription)
                await events.ready()
                // Tells the client it is subscribed: nothing published from now on is missed.
                try await outbound.write(.text(#"{"channel":"\#(channel.rawValue)","type":"ready"}"#))
                await LiveSocket.serve(
                    stream, inbound: inbound, outbound: outbound, closeAfter: identity.secondsUntil(session.expiresAt))
            })
    }
    return router
}

/// The verified access token of a socket, and how it came.
struct LiveSession: Sendable {
    let principal: Principal
    let expiresAt: Date
    /// Sent as `Sec-WebSocket-Protocol: bearer, <token>`: the upgrade answers `bearer`.
    let viaProtocol: Bool
}

/// Verifies the upgrade's access token once and keeps the session in the context, for the
/// upgrade decision and the socket's lifetime.
struct LiveSocketAuthentication: RouterMiddleware {
    typealias Context = LiveSocketContext
    let identity: IdentityService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        do {
            let credential = try LiveSocket.credential(of: request)
            let session = try await identity.session(accessToken: credential.token)
            context.session = LiveSession(
                principal: session.principal, expiresAt: session.expiresAt, viaProtocol: credential.viaProtocol)
        } catch {
            throw ProblemResponse(problem: Problem(mapping: error) ?? .unexpected)
        }
        return try await next(request, context)
    }
}

/// A problem thrown where Hummingbird, not our middleware, writes the response.
struct ProblemResponse: HTTPResponseError {
    let problem: Problem
    var status: HTTPResponse.Status { problem.httpStatus }
    func response(from request: Request, context: some RequestContext) throws -> Response {
        problem.response(requestID: "")
    }
}

enum LiveSocket {
    /// What a client receives: one JSON text message per event.
    struct Message: Encodable {
        let channel: String
        let type: String
        let data: [String: String]
        let at: Date
    }

    static func credential(of request: Request) throws -> (token: String, viaProtocol: Bool) {
        if let token = request.uri.queryParameters.get("token"), !token.isEmpty { return (String(token), false) }
        if let header = request.headers[.secWebSocketProtocol] {
            let values = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if values.count == 2, values[0].lowercased() == "bearer", !values[1].isEmpty { return (values[1], true) }
        }
        throw RequestError.missingToken
    }

    /// Writes the subscription's events until the client leaves or the token expires.
    static func serve(
        _ stream: AsyncStream<LiveEvent>, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter,
        closeAfter seconds: TimeInterval
    ) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in stream {
                    let message = Message(
                        channel: event.channel.rawValue, type: event.type, data: event.data, at: event.at)
                    guard let data = try? JSONCoding.encoder.encode(message) else { continue }
                    do {
                        try await outbound.write(.text(String(decoding: data, as: UTF8.self)))
                    } catch {
                        return
                    }
                }
            }
            group.addTask {
                // The client's frames are not used; the loop ends when the client closes.
                do { for try await _ in inbound {} } catch {}
            }
            group.addTask {
                guard (try? await Task.sleep(for: .seconds(max(0, seconds)))) != nil else { return }
                try? await outbound.close(.policyViolation, reason: "token expired")
            }
            await group.next()
            group.cancelAll()
        }
    }
}
