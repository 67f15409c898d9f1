public import Application
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// Verifies captcha tokens with a reCAPTCHA-compatible endpoint (Google reCAPTCHA, hCaptcha,
/// Cloudflare Turnstile): a form POST of `secret`, `response` and `remoteip`, answered by JSON
/// with `success`. An unreachable endpoint is an error (the booking fails with 500 and the
/// customer can retry), never a pass.
public struct HTTPCaptchaVerifier: CaptchaVerifier {
    public let siteKey: String
    let secret: String
    let verifyURL: String
    let timeout: TimeAmount

    public static let googleVerifyURL = "https://www.google.com/recaptcha/api/siteverify"

    public init(siteKey: String, secret: String, verifyURL: String = googleVerifyURL, timeoutSeconds: Int64 = 10) {
        self.siteKey = siteKey
        self.secret = secret
        self.verifyURL = verifyURL
        self.timeout = .seconds(timeoutSeconds)
    }

    private struct Answer: Decodable {
        let success: Bool
    }

    public func verify(token: String, remoteAddress: String?) async throws -> Bool {
        guard !token.isEmpty, token.utf8.count <= 4096 else { return false }
        var form = URLComponents()
        form.queryItems = [URLQueryItem(name: "secret", value: secret), URLQueryItem(name: "response", value: token)]
        if let remoteAddress { form.queryItems?.append(URLQueryItem(name: "remoteip", value: remoteAddress)) }
        // URLComponents leaves `+` alone in values; a form body must escape it.
        let body = (form.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        var request = HTTPClientRequest(url: verifyURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        guard response.status == .ok else { return false }
        let bytes = try await response.body.collect(upTo: 64 * 1024)
        return try JSONDecoder().decode(Answer.self, from: Data(buffer: bytes)).success
    }
}
