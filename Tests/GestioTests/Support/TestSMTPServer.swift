import Crypto
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import X509

/// A small SMTP server on loopback for tests: EHLO, STARTTLS (with a certificate made for the
/// test), AUTH PLAIN and LOGIN, MAIL, RCPT, DATA, QUIT. It keeps what it received.
final class TestSMTPServer: Sendable {
    struct Received: Sendable, Equatable {
        var from: String
        var recipients: [String]
        /// The message as the client sent it, dot-stuffing removed.
        var data: String
        var tls: Bool
        var authenticatedAs: String?
    }

    struct Options: Sendable {
        var offerStartTLS = true
        var credentials: (username: String, password: String)? = ("mailer", "s3cret")
        var mechanisms = "PLAIN LOGIN"
        /// TLS from the first byte (port 465 style) instead of STARTTLS.
        var implicitTLS = false
        /// Refuse messages until this many have been attempted (a transient failure).
        var failFirst = 0
    }

    let port: Int
    /// PEM of the certificate the server presents (for `localhost`), to trust in the client.
    let certificatePEMFile: String
    private let channel: any Channel
    private let recorder: Recorder

    var received: [Received] { recorder.state.withLock { $0.received } }

    private init(port: Int, certificatePEMFile: String, channel: any Channel, recorder: Recorder) {
        self.port = port
        self.certificatePEMFile = certificatePEMFile
        self.channel = channel
        self.recorder = recorder
    }

    static func start(_ options: Options = Options()) async throws -> TestSMTPServer {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("localhost") }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 3600, issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                SubjectAlternativeNames([.dnsName("localhost")])
            },
            issuerPrivateKey: .init(key))
        let pemFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("gestio-smtp-\(UUID().uuidString).pem").path
        try certificate.serializeAsPEM().pemString.write(toFile: pemFile, atomically: true, encoding: .utf8)
        let tls = try NIOSSLContext(
            configuration: .makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(pemFile).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(key.derRepresentation), format: .der))))
        let recorder = Recorder()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    if options.implicitTLS {
                        try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try child.pipeline.syncOperations.addHandler(
                        SessionHandler(options: options, tls: tls, recorder: recorder))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TestSMTPServer(
            port: channel.localAddress!.port!, certificatePEMFile: pemFile, channel: channel, recorder: recorder)
    }

    func stop() async {
        try? await channel.close()
        try? FileManager.default.removeItem(atPath: certificatePEMFile)
    }

    /// What every connection received, and how many messages were attempted.
    private final class Recorder: Sendable {
        let state = Mutex<(received: [Received], attempts: Int)>(([], 0))

        func record(_ mail: Received) { state.withLock { $0.received.append(mail) } }
        func attempt() -> Int {
            state.withLock {
                $0.attempts += 1
                return $0.attempts
            }
        }
    }

    /// One client's conversation.
    private final class SessionHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let options: Options
        let tls: NIOSSLContext
        let recorder: Recorder
        var pending = ""
        var current = Received(from: "", recipients: [], data: "", tls: false, authenticatedAs: nil)
        var readingData = false
        var loginStep: (step: Int, username: String)?

        init(options: Options, tls: NIOSSLContext, recorder: Recorder) {
            self.options = options
            self.tls = tls
            self.recorder = recorder
            current.tls = options.implicitTLS
        }

        func channelActive(context: ChannelHandlerContext) {
            reply(context, "220 localhost test SMTP")
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            pending += buffer.readString(length: buffer.readableBytes) ?? ""
            while let end = pending.range(of: "\r\n") {
                let line = String(pending[..<end.lowerBound])
                pending.removeSubrange(..<end.upperBound)
                handle(context, line)
            }
        }

        func handle(_ context: ChannelHandlerContext, _ line: String) {
            if readingData {
                if line == "." {
                    readingData = false
                    if recorder.attempt() <= options.failFirst {
                        reply(context, "451 try again later")
                    } else {
                        recorder.record(current)
                        reply(context, "250 queued")
                    }
                } else {
                    current.data += (line.hasPrefix(".") ? String(line.dropFirst()) : line) + "\r\n"
                }
                return
            }
            if let login = loginStep {
                let decoded = Data(base64Encoded: line).flatMap { String(data: $0, encoding: .utf8) } ?? ""
                if login.step == 1 {
                    loginStep = (2, decoded)
                    reply(context, "334 UGFzc3dvcmQ6")
                } else {
                    loginStep = nil
                    authenticate(context, login.username, decoded)
                }
                return
            }
            let verb = line.split(separator: " ").first.map { $0.uppercased() } ?? ""
            switch verb {
            case "EHLO":
                var lines = ["250-localhost"]
                if options.offerStartTLS && !current.tls { lines.append("250-STARTTLS") }
                if options.credentials != nil && current.tls { lines.append("250-AUTH \(options.mechanisms)") }
                lines.append("250 8BITMIME")
                reply(context, lines.joined(separator: "\r\n"))
            case "STARTTLS":
                reply(context, "220 go ahead")
                // The 220 has left the pipeline; TLS starts with the client's next bytes.
                try? context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
                current.tls = true
            case "AUTH":
                let parts = line.split(separator: " ").map(String.init)
                let offered = options.mechanisms.split(separator: " ")
                if parts.count == 3, parts[1].uppercased() == "PLAIN", offered.contains("PLAIN") {
                    let fields = (Data(base64Encoded: parts[2]).flatMap { String(data: $0, encoding: .utf8) } ?? "")
                        .split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
                    authenticate(context, fields.count == 3 ? fields[1] : "", fields.count == 3 ? fields[2] : "")
                } else if parts.count == 2, parts[1].uppercased() == "LOGIN", offered.contains("LOGIN") {
                    loginStep = (1, "")
                    reply(context, "334 VXNlcm5hbWU6")
                } else {
                    reply(context, "504 unsupported mechanism")
                }
            case "MAIL":
                if options.credentials != nil && current.authenticatedAs == nil {
                    reply(context, "530 authentication required")
                } else {
                    current.from = Self.address(line)
                    reply(context, "250 ok")
                }
            case "RCPT":
                current.recipients.append(Self.address(line))
                reply(context, "250 ok")
            case "DATA":
                readingData = true
                reply(context, "354 end with .")
            case "QUIT":
                reply(context, "221 bye")
                context.close(promise: nil)
            default:
                reply(context, "500 unknown command")
            }
        }

        func authenticate(_ context: ChannelHandlerContext, _ username: String, _ password: String) {
            if let credentials = options.credentials, credentials == (username, password) {
                current.authenticatedAs = username
                reply(context, "235 authenticated")
            } else {
                reply(context, "535 bad credentials")
            }
        }

        func reply(_ context: ChannelHandlerContext, _ text: String) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }

        static func address(_ line: String) -> String {
            guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">") else { return "" }
            return String(line[line.index(after: open)..<close])
        }
    }
}
