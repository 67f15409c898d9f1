import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// A local HTTP server playing a Stripe-compatible provider in tests: payment intents and refunds
/// as form posts, answered as Stripe does. Only keys starting `sk_test_` are accepted; a refund
/// of an unknown intent, or beyond what it holds, is refused with 400.
final class FakePaymentProvider: Sendable {
    struct Intent: Sendable {
        let id: String
        let amount: Int
        let key: String
        let idempotencyKey: String
        let metadata: [String: String]
        var refunded: Int
    }

    private let state = Mutex<(intents: [Intent], refunds: Int)>(([], 0))

    var intents: [Intent] { state.withLock { $0.intents } }

    /// While set, every refund is answered with a server error, as a provider that is down.
    let refusesRefunds = Mutex(false)

    static func form(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts[0].removingPercentEncoding ?? parts[0]
            fields[name] = (parts.count > 1 ? parts[1] : "").removingPercentEncoding ?? ""
        }
        return fields
    }

    private static func answer(_ status: HTTPResponse.Status, _ json: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    private static func refusal(_ message: String) -> Response {
        answer(.badRequest, #"{"error": {"type": "invalid_request_error", "message": "\#(message)"}}"#)
    }

    var router: Router<BasicRequestContext> {
        let router = Router()
        router.post("v1/payment_intents") { [self] request, _ -> Response in
            let key = request.headers[.authorization].map { String($0.dropFirst("Bearer ".count)) } ?? ""
            guard key.hasPrefix("sk_test_") else { return Self.refusal("Invalid API Key provided") }
            let fields = Self.form(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
            guard let amount = fields["amount"].flatMap(Int.init), amount > 0, fields["currency"] == "eur" else {
                return Self.refusal("amount and currency are required")
            }
            let idempotency = request.headers[HTTPField.Name("Idempotency-Key")!] ?? ""
            let metadata = fields.filter { $0.key.hasPrefix("metadata[") }
            let intent = state.withLock { state in
                if let earlier = state.intents.first(where: { $0.idempotencyKey == idempotency && !idempotency.isEmpty }
                ) {
                    return earlier
                }
                let intent = Intent(
                    id: "pi_test_\(state.intents.count + 1)", amount: amount, key: key, idempotencyKey: idempotency,
                    metadata: metadata, refunded: 0)
                state.intents.append(intent)
                return intent
            }
            return Self.answer(
                .ok,
                #"{"id": "\#(intent.id)", "object": "payment_intent", "amount": \#(intent.amount), "client_secret": "\#(intent.id)_secret_fake"}"#
            )
        }
        router.post("v1/refunds") { [self] request, _ -> Response in
            let key = request.headers[.authorization].map { String($0.dropFirst("Bearer ".count)) } ?? ""
            guard key.hasPrefix("sk_test_") else { return Self.refusal("Invalid API Key provided") }
            if refusesRefunds.withLock({ $0 }) {
                return Self.answer(
                    .internalServerError, #"{"error": {"type": "api_error", "message": "An error occurred"}}"#)
            }
            let fields = Self.form(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
            let id = state.withLock { state -> String? in
                guard let index = state.intents.firstIndex(where: { $0.id == fields["payment_intent"] }),
                    let amount = fields["amount"].flatMap(Int.init), amount > 0,
                    state.intents[index].refunded + amount <= state.intents[index].amount
                else { return nil }
                state.intents[index].refunded += amount
                state.refunds += 1
                return "re_test_\(state.refunds)"
            }
            guard let id else { return Self.refusal("No such payment_intent, or more than it holds") }
            return Self.answer(.ok, #"{"id": "\#(id)", "object": "refund"}"#)
        }
        return router
    }
}
