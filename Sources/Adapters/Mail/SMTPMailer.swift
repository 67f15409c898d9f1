public import Application
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// How an SMTP connection is protected.
public enum SMTPSecurity: String, Sendable, CaseIterable {
    /// Plain connection upgraded with STARTTLS before anything else is sent; refused if the
    /// server does not offer it (the default, port 587).
    case starttls
    /// TLS from the first byte (port 465).
    case tls
    /// No encryption, for a relay on the same host; credentials are never sent this way.
    case none

    public var defaultPort: Int {
        switch self {
        case .starttls: 587
        case .tls: 465
        case .none: 25
        }
    }
}

/// Where and how to reach an SMTP server.
public struct SMTPSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var security: SMTPSecurity
    public var username: String?
    public var password: String?
    /// A PEM file of certificates to trust instead of the system's (a private relay's CA).
    public var trustedCertificatesFile: String?
    /// How long to wait for the server at each step.
    public var timeout: Duration

    public init(
        host: String, port: Int? = nil, security: SMTPSecurity = .starttls, username: String? = nil,
        password: String? = nil, trustedCertificatesFile: String? = nil, timeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.username = username
        self.password = password
        self.trustedCertificatesFile = trustedCertificatesFile
        self.timeout = timeout
    }
}

/// What an SMTP server refused, or why the conversation could not go on.
public enum SMTPError: Error, Equatable, CustomStringConvertible {
    /// The server answered `code` where the step expected another.
    case rejected(step: String, code: Int, text: String)
    case startTLSNotOffered
    case credentialsNeedTLS
    case noSupportedAuthentication(offered: String)
    case malformedReply(String)
    case connectionClosed
    case timedOut

    public var description: String {
        switch self {
        case .rejected(let step, let code, let text): "SMTP \(step) refused: \(code) \(text)"
        case .startTLSNotOffered: "the SMTP server does not offer STARTTLS"
        case .credentialsNeedTLS: "SMTP credentials are only sent over TLS (security starttls or tls)"
        case .noSupportedAuthentication(let offered): "no supported SMTP AUTH mechanism (server offers: \(offered))"
        case .malformedReply(let line): "malformed SMTP reply: \(line)"
        case .connectionClosed: "the SMTP server closed the connection"
        case .timedOut: "the SMTP server did not answer in time"
        }
    }
}

/// Sends each message over one SMTP conversation (RFC 5321): EHLO, STARTTLS when configured,
/// AUTH PLAIN or LOGIN when credentials are set, MAIL, RCPT, DATA with dot-stuffing, QUIT.
/// The server's certificate is verified, its name included. A failure throws; the mail job
/// retries it later with backoff.
public struct SMTPMailer: Mailer {
    public let settings: SMTPSettings
    let from: String
    let tls: NIOSSLContext?

    public init(settings: SMTPSettings, from: String) throws {
        if settings.username != nil, settings.security == .none { throw SMTPError.credentialsNeedTLS }
        self.settings = settings
        self.from = from
        if settings.security == .none {
            tls = nil
        } else {
            var configuration = TLSConfiguration.makeClientConfiguration()
            if let file = settings.trustedCertificatesFile {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(file))
            }
            tls = try NIOSSLContext(configuration: configuration)
        }
    }

    public func send(_ message: EmailMessage) async throws {
        let connection = try await SMTPConnection.open(settings: settings, tls: tls)
        do {
            try await converse(connection, message)
            connection.close()
        } catch {
            connection.close()
            throw error
        }
    }

    private func converse(_ connection: SMTPConnection, _ message: EmailMessage) async throws {
        try await connection.expect(220, step: "greeting")
        var extensions = try await connection.hello()
        if settings.security == .starttls {
            guard extensions.contains(where: { $0.uppercased() == "STARTTLS" }) else {
                throw SMTPError.startTLSNotOffered
            }
            try await connection.command("STARTTLS", expect: 220, step: "STARTTLS")
            try await connection.startTLS(tls!, serverHostname: settings.host)
            extensions = try await connection.hello()
        }
        if let username = settings.username {
            try await authenticate(connection, username, settings.password ?? "", extensions: extensions)
        }
        try await connection.command("MAIL FROM:<\(from)>", expect: 250, step: "MAIL FROM")
        try await connection.command("RCPT TO:<\(message.to.value)>", expect: 250, 251, step: "RCPT TO")
        try await connection.command("DATA", expect: 354, step: "DATA")
        let text = MessageText.render(message, from: from, date: Date(), id: UUID())
        try await connection.send(Self.dotStuffed(text) + ".\r\n")
        try await connection.expect(250, step: "message")
        try await connection.command("QUIT", expect: 221, step: "QUIT")
    }

    private func authenticate(
        _ connection: SMTPConnection, _ username: String, _ password: String, extensions: [String]
    ) async throws {
        let offered = extensions.first { $0.uppercased().hasPrefix("AUTH ") }.map { $0.dropFirst(5).uppercased() } ?? ""
        let mechanisms = offered.split(separator: " ").map(String.init)
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if mechanisms.contains("PLAIN") {
            try await connection.command(
                "AUTH PLAIN \(base64("\0\(username)\0\(password)"))", expect: 235, step: "AUTH")
        } else if mechanisms.contains("LOGIN") {
            try await connection.command("AUTH LOGIN", expect: 334, step: "AUTH")
            try await connection.command(base64(username), expect: 334, step: "AUTH")
            try await connection.command(base64(password), expect: 235, step: "AUTH")
        } else {
            throw SMTPError.noSupportedAuthentication(offered: String(offered))
        }
    }

    /// RFC 5321 §4.5.2: a line that starts with a dot gets one more; the text ends with CRLF.
    static func dotStuffed(_ text: String) -> String {
        var lines = text.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n"
    }
}

/// One server reply: its code and its lines of text.
struct SMTPReply: Sendable {
    let code: Int
    let lines: [String]
}

/// A connection to an SMTP server: commands written, replies read one at a time.
struct SMTPConnection: Sendable {
    let channel: any Channel
    let replies: ReplyReader

    static func open(settings: SMTPSettings, tls: NIOSSLContext?) async throws -> SMTPConnection {
        let (stream, continuation) = AsyncThrowingStream<SMTPReply, any Error>.makeStream()
        let implicitTLS = settings.security == .tls ? tls : nil
        let host = settings.host
        let timeout = TimeAmount.nanoseconds(
            settings.timeout.components.seconds * 1_000_000_000 + settings.timeout.components.attoseconds
                / 1_000_000_000)
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: implicitTLS, serverHostname: host.isIPAddress ? nil : host))
                    }
                    try channel.pipeline.syncOperations.addHandlers(
                        IdleStateHandler(readTimeout: timeout), SMTPReplyDecoder(continuation: continuation))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: settings.host, port: settings.port).get()
        } catch ChannelError.connectTimeout {
            // Said like a greeting that never came: to the operator both are a server not answering.
            throw SMTPError.timedOut
        }
        return SMTPConnection(channel: channel, replies: ReplyReader(stream.makeAsyncIterator()))
    }

    /// EHLO, falling back to nothing: every server worth using speaks ESMTP. Returns the
    /// extension lines (`STARTTLS`, `AUTH PLAIN LOGIN`, …).
    func hello() async throws -> [String] {
        let reply = try await command("EHLO \(Self.clientName)", expect: 250, step: "EHLO")
        return Array(reply.lines.dropFirst())
    }

    @discardableResult
    func command(_ line: String, expect codes: Int..., step: String) async throws -> SMTPReply {
        try await send(line + "\r\n")
        return try await expect(codes, step: step)
    }

    @discardableResult
    func expect(_ codes: Int..., step: String) async throws -> SMTPReply {
        try await expect(codes, step: step)
    }

    private func expect(_ codes: [Int], step: String) async throws -> SMTPReply {
        guard let reply = try await replies.next() else { throw SMTPError.connectionClosed }
        guard codes.contains(reply.code) else {
            throw SMTPError.rejected(step: step, code: reply.code, text: reply.lines.joined(separator: " "))
        }
        return reply
    }

    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    }

    /// Puts TLS under the conversation (after the server's 220 to STARTTLS).
    func startTLS(_ context: NIOSSLContext, serverHostname: String) async throws {
        let channel = channel
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(
                NIOSSLClientHandler(
                    context: context, serverHostname: serverHostname.isIPAddress ? nil : serverHostname),
                position: .first)
        }.get()
    }

    func close() {
        channel.close(promise: nil)
    }

    static let clientName: String = {
        let name = ProcessInfo.processInfo.hostName
        return name.isEmpty || name.contains(" ") ? "localhost" : name
    }()
}

/// Reads the replies of one conversation, which one task drives from start to end; the class
/// lets the `Sendable` connection hold the stream's iterator.
final class ReplyReader: @unchecked Sendable {
    private var iterator: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator
    init(_ iterator: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator) { self.iterator = iterator }
    func next() async throws -> SMTPReply? { try await iterator.next() }
}

/// Splits the server's bytes into replies (`250-…` continues, `250 …` ends one) and hands them
/// to the conversation; a timeout, an error or the end of the connection ends the stream.
final class SMTPReplyDecoder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation
    private var pending = ""
    private var lines: [String] = []

    init(continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readString(length: buffer.readableBytes) ?? ""
        while let end = pending.range(of: "\r\n") {
            let line = String(pending[..<end.lowerBound])
            pending.removeSubrange(..<end.upperBound)
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                continuation.finish(throwing: SMTPError.malformedReply(line))
                context.close(promise: nil)
                return
            }
            let separator = line.dropFirst(3).first
            lines.append(String(line.dropFirst(4)))
            if separator != "-" {
                continuation.yield(SMTPReply(code: code, lines: lines))
                lines = []
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            continuation.finish(throwing: SMTPError.timedOut)
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }
}

extension String {
    fileprivate var isIPAddress: Bool {
        (try? SocketAddress(ipAddress: self, port: 0)) != nil
    }
}
