public import Application
import Domain
import Foundation
public import Hummingbird
public import HummingbirdWebSocket
import Logging
import NIOWebSocket

/// The context of WebSocket upgrade requests.
public struct LiveSocketContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<LiveSocketContext>
    /// Who opened the socket, or why they may not; set once by `LiveSocketAuthentication` at the upgrade.
    var access: Result<LiveSession, Problem> = .failure(.unexpected)
    /// The token came as `Sec-WebSocket-Protocol: bearer, <token>`: the upgrade answers `bearer`.
    var viaProtocol = false

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
    }
}

/// `/ws/notifications` (every member: what is addressed to them, such as a document read; and
/// for dispatchers: new ride, refusals, SLA alerts), `/ws/demandes` (a
/// driver's own offers, reschedules, cancellations) and `/ws/planning` (every planning change).
/// The access token comes with the upgrade, as `?token=` or as the second value of
/// `Sec-WebSocket-Protocol: bearer, <token>`; the first message is `{"type":"ready"}`, then one
/// JSON message per event.
///
/// Refusals are told over the socket, where a browser can read them (a refused HTTP upgrade
/// reaches scripts as a bare failure): the upgrade is accepted and the socket closed at once
/// with code 4000 + the HTTP status and the problem's code as reason (4401 `invalid_token`,
/// 4403 `forbidden`). An open socket closes with 4401 when its token expires (`token_expired`),
/// when its session is logged out (`logged_out`), or when its user leaves the company or has
/// their roles changed (`removed`, `roles_changed`).
///
/// `/ws/projects/{id}` carries one construction project's chat (messages, read positions) to its
/// members, and closes with 4403 `removed_from_project` when the listener is taken off it; a
/// project the caller may not follow is refused with 4404 `not_found`.
public func buildLiveRouter(
    identity: IdentityService, events: any EventBroadcaster, projectChat: ProjectChatService? = nil
) -> Router<LiveSocketContext> {
    let router = Router(context: LiveSocketContext.self)
    router.add(middleware: LiveSocketAuthentication(identity: identity))
    for (path, channel, permission) in LiveSocket.endpoints {
        router.ws(
            RouterPath(path),
            shouldUpgrade: { _, context in
                .upgrade(context.viaProtocol ? [.secWebSocketProtocol: "bearer"] : [:])
            },
            onUpgrade: { inbound, outbound, context in
                let session: LiveSession
                do {
                    session = try context.requestContext.access.get()
                    try AccessPolicy.require(permission, by: session.principal)
                } catch {
                    try await LiveSocket.refuse(outbound, error)
                    return
                }
                let principal = session.principal
                let subscribed = events.subscribe(
                    LiveSubscription(
                        channel: channel, organizationID: principal.organizationID, userID: principal.userID))
                // Every member hears what is addressed to them (a document read); the company-wide
                // dispatch events (new ride, refusals) reach those who may read the dispatch.
                let stream =
                    channel == .notifications && !AccessPolicy.allows(principal, .readDispatch)
                    ? LiveSocket.relayed(subscribed) { $0.userID == principal.userID } : subscribed
                try await LiveSocket.listen(
                    stream, channel: channel, session: session, events: events, identity: identity,
                    inbound: inbound, outbound: outbound)
            })
    }
    if let projectChat {
        router.ws(
            RouterPath(LiveSocket.projectPath),
            shouldUpgrade: { _, context in
                .upgrade(context.viaProtocol ? [.secWebSocketProtocol: "bearer"] : [:])
            },
            onUpgrade: { inbound, outbound, context in
                let session: LiveSession
                let project: ProjectID
                do {
                    session = try context.requestContext.access.get()
                    project = try context.requestContext.parameters.id(as: ProjectID.self, entity: "project")
                    try await projectChat.requireListener(project, as: session.principal)
                } catch {
                    try await LiveSocket.refuse(outbound, error)
                    return
                }
                let principal = session.principal
                let subscribed = events.subscribe(
                    LiveSubscription(
                        channel: .project, organizationID: principal.organizationID, userID: principal.userID))
                let stream = LiveSocket.relayed(subscribed) { $0.data["projectId"] == project.description }
                try await LiveSocket.listen(
                    stream, channel: .project, session: session, events: events, identity: identity,
                    inbound: inbound, outbound: outbound,
                    closing: { $0.type == "project.member_removed" ? "removed_from_project" : nil })
            })
    }
    return router
}

/// The verified access token of a socket.
struct LiveSession: Sendable {
    let principal: Principal
    let expiresAt: Date
    /// The sign-in session: its logout closes the socket.
    let sessionID: TokenFamilyID?
}

/// Verifies the upgrade's access token once and keeps the outcome in the context, for the
/// socket's lifetime.
struct LiveSocketAuthentication: RouterMiddleware {
    typealias Context = LiveSocketContext
    let identity: IdentityService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        do {
            let credential = try LiveSocket.credential(of: request)
            context.viaProtocol = credential.viaProtocol
            let session = try await identity.liveSession(accessToken: credential.token)
            context.access = .success(
                LiveSession(principal: session.principal, expiresAt: session.expiresAt, sessionID: session.session))
        } catch {
            context.access = .failure(Problem(mapping: error) ?? .unexpected)
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
    /// Each endpoint's path, the channel it carries and who may open it.
    static let endpoints: [(path: String, channel: LiveEvent.Channel, permission: Permission)] = [
        ("ws/notifications", .notifications, .readMember),
        ("ws/demandes", .demandes, .drive),
        ("ws/planning", .planning, .readDispatch),
    ]

    /// The chat of one project: `/ws/projects/{id}`.
    static let projectPath = "ws/projects/{id}"

    /// Only the events that pass `keep`.
    static func relayed(_ stream: AsyncStream<LiveEvent>, keep: @escaping @Sendable (LiveEvent) -> Bool)
        -> AsyncStream<LiveEvent>
    {
        AsyncStream { continuation in
            let relay = Task {
                for await event in stream where keep(event) { continuation.yield(event) }
                continuation.finish()
            }
            continuation.onTermination = { _ in relay.cancel() }
        }
    }

    /// Tells a refused client why over the socket: closed with 4000 + the status and the
    /// problem's code.
    static func refuse(_ outbound: WebSocketOutboundWriter, _ error: any Error) async throws {
        let problem = (error as? Problem) ?? Problem(mapping: error) ?? .unexpected
        // A close frame sent in the same packet as the 101 answer is lost by some clients
        // (swift-websocket's, about one time in ten in our tests); a short pause keeps them apart.
        try await Task.sleep(for: .milliseconds(20))
        try await outbound.close(closeCode(problem.status), reason: problem.code)
    }

    /// Says `ready` once subscribed, then serves the stream until the client leaves, the token
    /// expires, the session ends or `closing` names a reason.
    static func listen(
        _ stream: AsyncStream<LiveEvent>, channel: LiveEvent.Channel, session: LiveSession,
        events: any EventBroadcaster, identity: IdentityService, inbound: WebSocketInboundStream,
        outbound: WebSocketOutboundWriter, closing: @escaping @Sendable (LiveEvent) -> String? = { _ in nil }
    ) async throws {
        let principal = session.principal
        let control = events.subscribe(
            LiveSubscription(channel: .session, organizationID: principal.organizationID, userID: principal.userID))
        await events.ready()
        // Tells the client it is subscribed: nothing published from now on is missed.
        try await outbound.write(.text(#"{"channel":"\#(channel.rawValue)","type":"ready"}"#))
        await serve(
            stream, control: control, session: session, inbound: inbound, outbound: outbound,
            closeAfter: identity.secondsUntil(session.expiresAt), closing: closing)
    }

    /// What a client receives: one JSON text message per event.
    struct Message: Encodable {
        let channel: String
        let type: String
        let data: [String: String]
        let at: Date
    }

    /// 4000 + the HTTP status the refusal would have had (4401, 4403), in the range RFC 6455
    /// leaves to applications.
    static func closeCode(_ status: Int) -> WebSocketErrorCode {
        .unknown(UInt16(4000 + min(max(status, 400), 599)))
    }

    static func credential(of request: Request) throws -> (token: String, viaProtocol: Bool) {
        if let token = request.uri.queryParameters.get("token"), !token.isEmpty { return (String(token), false) }
        if let header = request.headers[.secWebSocketProtocol] {
            let values = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if values.count == 2, values[0].lowercased() == "bearer", !values[1].isEmpty { return (values[1], true) }
        }
        throw RequestError.missingToken
    }

    /// Writes the subscription's events until the client leaves, the token expires or the
    /// session ends.
    static func serve(
        _ stream: AsyncStream<LiveEvent>, control: AsyncStream<LiveEvent>, session: LiveSession,
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, closeAfter seconds: TimeInterval,
        closing: @escaping @Sendable (LiveEvent) -> String?
    ) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in stream {
                    if let reason = closing(event) {
                        try? await outbound.close(closeCode(403), reason: reason)
                        return
                    }
                    let message = Message(
                        channel: event.channel.rawValue, type: event.type, data: WireName.keys(of: event.data),
                        at: event.at)
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
                try? await outbound.close(closeCode(401), reason: "token_expired")
            }
            group.addTask {
                for await event in control where event.closes(session: session.sessionID) {
                    try? await outbound.close(closeCode(401), reason: event.data["reason"] ?? "session_closed")
                    return
                }
            }
            await group.next()
            group.cancelAll()
        }
    }
}
