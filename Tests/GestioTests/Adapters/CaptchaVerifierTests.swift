import Foundation
import Hummingbird
import SecurityAdapters
import Testing

@Suite("reCAPTCHA-compatible verifier against a live endpoint")
struct CaptchaVerifierTests {
    /// A verify endpoint that accepts the token "solved" sent with the secret "s3cret" (and a
    /// `+` kept as a `+`), and answers `success: false` otherwise, as reCAPTCHA does.
    static func endpoint() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("siteverify") { request, context -> Response in
            let form = String(buffer: try await request.body.collect(upTo: 4096))
            let fields = Dictionary(
                uniqueKeysWithValues: form.split(separator: "&").map { pair in
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    return (parts[0], (parts.count > 1 ? parts[1] : "").removingPercentEncoding ?? "")
                })
            let success =
                fields["secret"] == "s3cret" && fields["response"] == "solved+ok" && fields["remoteip"] == "203.0.113.9"
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"success": \#(success)}"#)))
        }
        return router
    }

    /// This test pins what is sent and how answers are read, not how fast: under a loaded test run
    /// (the whole suite in parallel on two cores) a loopback answer has taken more than the
    /// production timeout of 10 seconds, so it waits longer.
    static let patient: Int64 = 120

    @Test("A solved token passes, any other fails; the secret and client address are sent")
    func verifies() async throws {
        try await withLiveServer(router: Self.endpoint()) { port in
            let verifier = HTTPCaptchaVerifier(
                siteKey: "site", secret: "s3cret", verifyURL: "http://127.0.0.1:\(port)/siteverify",
                timeoutSeconds: Self.patient)
            let solved = try await verifier.verify(token: "solved+ok", remoteAddress: "203.0.113.9")
            let forged = try await verifier.verify(token: "forged", remoteAddress: "203.0.113.9")
            let empty = try await verifier.verify(token: "", remoteAddress: nil)
            #expect(solved)
            #expect(!forged)
            #expect(!empty)
            let wrongSecret = HTTPCaptchaVerifier(
                siteKey: "site", secret: "other", verifyURL: "http://127.0.0.1:\(port)/siteverify",
                timeoutSeconds: Self.patient)
            let withWrongSecret = try await wrongSecret.verify(token: "solved+ok", remoteAddress: "203.0.113.9")
            #expect(!withWrongSecret)
        }
    }

    @Test("An unreachable endpoint is an error, never a pass")
    func unreachable() async throws {
        let verifier = HTTPCaptchaVerifier(
            siteKey: "site", secret: "s3cret", verifyURL: "http://127.0.0.1:9/siteverify", timeoutSeconds: 2)
        await #expect(throws: (any Error).self) {
            _ = try await verifier.verify(token: "solved+ok", remoteAddress: nil)
        }
    }
}
