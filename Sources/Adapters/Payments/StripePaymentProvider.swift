public import Application
import AsyncHTTPClient
import Crypto
public import Domain
public import Foundation
import NIOCore
import NIOFoundationCompat

/// The payment provider port over Stripe's HTTP API (and the providers that speak it): payment
/// intents and refunds as form posts with the organization's secret key and an idempotency key,
/// and webhooks signed the Stripe way (`Stripe-Signature: t=…,v1=…`, HMAC-SHA256 of
/// `timestamp.payload` under the endpoint's secret, 5 minutes of tolerance).
public struct StripePaymentProvider: PaymentProvider {
    /// `https://api.stripe.com`, or a local server playing it in tests.
    let apiURL: String
    let timeout: TimeAmount
    /// How old a signed webhook may be.
    public static let tolerance: TimeInterval = 5 * 60

    public init(apiURL: String = "https://api.stripe.com", timeoutSeconds: Int64 = 20) {
        self.apiURL = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        self.timeout = .seconds(timeoutSeconds)
    }

    /// The provider answered with an error, or not at all.
    struct Refused: Error, CustomStringConvertible {
        let status: Int
        let message: String
        var description: String { "HTTP \(status): \(message)" }
    }

    private struct ErrorAnswer: Decodable {
        struct Detail: Decodable { let message: String? }
        let error: Detail?
    }

    private func post<Answer: Decodable>(
        _ path: String, form: [(String, String)], idempotencyKey: String, keys: PaymentProviderKeys,
        as _: Answer.Type
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: apiURL + path)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(keys.secretKey)")
        request.headers.add(name: "Idempotency-Key", value: idempotencyKey)
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: Self.encode(form)))
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let bytes = Data(buffer: try await response.body.collect(upTo: 1024 * 1024))
        guard (200..<300).contains(response.status.code) else {
            let message = (try? JSONDecoder().decode(ErrorAnswer.self, from: bytes))?.error?.message ?? ""
            throw Refused(status: Int(response.status.code), message: String(message.prefix(300)))
        }
        return try JSONDecoder().decode(Answer.self, from: bytes)
    }

    /// `application/x-www-form-urlencoded`, every reserved character escaped.
    static func encode(_ form: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return form.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    private struct IntentAnswer: Decodable {
        let id: String
        let clientSecret: String?

        enum CodingKeys: String, CodingKey {
            case id
            case clientSecret = "client_secret"
        }
    }

    public func createIntent(
        amount: Money, description: String, metadata: [String: String], idempotencyKey: String,
        keys: PaymentProviderKeys
    ) async throws -> PaymentIntent {
        var form = [
            ("amount", String(amount.minorUnits)), ("currency", amount.currency.code.lowercased()),
            ("description", description), ("automatic_payment_methods[enabled]", "true"),
        ]
        form += metadata.sorted { $0.key < $1.key }.map { ("metadata[\($0.key)]", $0.value) }
        let answer = try await post(
            "/v1/payment_intents", form: form, idempotencyKey: idempotencyKey, keys: keys, as: IntentAnswer.self)
        return PaymentIntent(reference: answer.id, clientSecret: answer.clientSecret)
    }

    private struct RefundAnswer: Decodable { let id: String }

    public func refund(reference: String, amount: Money, idempotencyKey: String, keys: PaymentProviderKeys)
        async throws -> String
    {
        try await post(
            "/v1/refunds", form: [("payment_intent", reference), ("amount", String(amount.minorUnits))],
            idempotencyKey: idempotencyKey, keys: keys, as: RefundAnswer.self
        ).id
    }

    private struct EventBody: Decodable {
        struct DataBody: Decodable {
            struct Object: Decodable {
                let id: String?
                let object: String?
                let paymentIntent: String?

                enum CodingKeys: String, CodingKey {
                    case id, object
                    case paymentIntent = "payment_intent"
                }
            }
            let object: Object
        }
        let id: String
        let type: String
        let data: DataBody
    }

    public func event(in payload: [UInt8]) throws -> PaymentEvent {
        guard let body = try? JSONDecoder().decode(EventBody.self, from: Data(payload)),
            (1...255).contains(body.id.count), (1...255).contains(body.type.count)
        else { throw InspectionError.webhookRejected("the body is not a provider event") }
        let object = body.data.object
        let reference = object.object == "payment_intent" ? object.id : object.paymentIntent
        let kind: PaymentEvent.Kind =
            switch body.type {
            case "payment_intent.succeeded": .succeeded
            case "payment_intent.payment_failed": .failed
            default: .other(body.type)
            }
        return PaymentEvent(id: body.id, kind: kind, paymentReference: reference)
    }

    public func verify(payload: [UInt8], signature: String, secret: String, at now: Date) throws {
        var timestamp: Int64?
        var candidates: [String] = []
        for part in signature.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int64(pair[1]) }
            if pair[0] == "v1" { candidates.append(pair[1].lowercased()) }
        }
        guard let timestamp, !candidates.isEmpty else {
            throw InspectionError.webhookRejected("the signature header has no timestamp or v1 signature")
        }
        guard abs(now.timeIntervalSince1970 - Double(timestamp)) <= Self.tolerance else {
            throw InspectionError.webhookRejected("the signature is more than 5 minutes away from now")
        }
        let signed = Array("\(timestamp).".utf8) + payload
        let key = SymmetricKey(data: Data(secret.utf8))
        // swift-crypto compares in constant time.
        guard
            candidates.contains(where: {
                HMAC<SHA256>.isValidAuthenticationCode(Self.bytes(hex: $0), authenticating: signed, using: key)
            })
        else {
            throw InspectionError.webhookRejected("the signature does not match")
        }
    }

    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return [] }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return [] }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
