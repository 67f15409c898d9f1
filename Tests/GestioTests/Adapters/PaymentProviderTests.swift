import Application
import Crypto
import Domain
import Foundation
import PaymentAdapters
import SecurityAdapters
import Testing

@Suite("Stripe-compatible payment provider against a local server playing it")
struct PaymentProviderTests {
    static let secret = "whsec_unit"

    static func sign(_ payload: String, at timestamp: Int, secret: String = secret) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("\(timestamp).\(payload)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "t=\(timestamp),v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    @Test("Intents and refunds go out as form posts with the key and an idempotency key")
    func intentsAndRefunds() async throws {
        let fake = FakePaymentProvider()
        try await withLiveServer(router: fake.router) { port in
            let provider = StripePaymentProvider(apiURL: "http://127.0.0.1:\(port)/", timeoutSeconds: 120)
            let keys = PaymentProviderKeys(secretKey: "sk_test_unit")
            let intent = try await provider.createIntent(
                amount: Money(minorUnits: 4_550), description: "Contrôle & co = 1+1",
                metadata: ["appointment_id": "a1"], idempotencyKey: "p1", keys: keys)
            #expect(intent.reference == "pi_test_1" && intent.clientSecret == "pi_test_1_secret_fake")
            let again = try await provider.createIntent(
                amount: Money(minorUnits: 4_550), description: "x", metadata: [:], idempotencyKey: "p1", keys: keys)
            #expect(again.reference == "pi_test_1")
            #expect(fake.intents.count == 1 && fake.intents[0].metadata["metadata[appointment_id]"] == "a1")
            let refund = try await provider.refund(
                reference: intent.reference, amount: Money(minorUnits: 1_000), idempotencyKey: "r1", keys: keys)
            #expect(refund == "re_test_1" && fake.intents[0].refunded == 1_000)
            await #expect(throws: (any Error).self) {
                _ = try await provider.refund(
                    reference: intent.reference, amount: Money(minorUnits: 4_000), idempotencyKey: "r2", keys: keys)
            }
            await #expect(throws: (any Error).self) {
                _ = try await provider.createIntent(
                    amount: Money(minorUnits: 1), description: "x", metadata: [:], idempotencyKey: "p2",
                    keys: PaymentProviderKeys(secretKey: "sk_live_wrong"))
            }
        }
    }

    @Test("A webhook's signature checks against the secret and the clock, within 5 minutes")
    func webhookSignature() throws {
        let provider = StripePaymentProvider()
        let payload =
            #"{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"id":"pi_9","object":"payment_intent"}}}"#
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let event = try provider.event(in: Array(payload.utf8))
        #expect(event == PaymentEvent(id: "evt_1", kind: .succeeded, paymentReference: "pi_9"))
        let charge =
            #"{"id":"evt_2","type":"charge.refunded","data":{"object":{"id":"ch_1","object":"charge","payment_intent":"pi_9"}}}"#
        #expect(try provider.event(in: Array(charge.utf8)).kind == .other("charge.refunded"))
        #expect(try provider.event(in: Array(charge.utf8)).paymentReference == "pi_9")
        #expect(throws: InspectionError.self) { try provider.event(in: Array("[1,2]".utf8)) }
        let bytes = Array(payload.utf8)
        try provider.verify(
            payload: bytes, signature: Self.sign(payload, at: 1_800_000_000), secret: Self.secret, at: now)
        // Several v1 signatures (a secret being rolled): one matching is enough.
        try provider.verify(
            payload: bytes, signature: "t=1800000000,v1=00ff," + Self.sign(payload, at: 1_800_000_000).dropFirst(13),
            secret: Self.secret, at: now)
        try provider.verify(
            payload: bytes, signature: Self.sign(payload, at: 1_800_000_000 - 300), secret: Self.secret, at: now)
        for bad in [
            Self.sign(payload, at: 1_800_000_000 - 301), Self.sign(payload, at: 1_800_000_000 + 301),
            Self.sign(payload, at: 1_800_000_000, secret: "whsec_other"),
            Self.sign(payload + " ", at: 1_800_000_000), "t=1800000000", "v1=00", "", "t=x,v1=zz",
        ] {
            #expect(throws: InspectionError.self, "\(bad)") {
                try provider.verify(payload: bytes, signature: bad, secret: Self.secret, at: now)
            }
        }
    }

    @Test("Provider keys are sealed under the server's key and open only with it")
    func sealing() throws {
        let sealer = AESSecretSealer(keyMaterial: "server key one")
        let sealed = try sealer.seal("sk_test_secret")
        let again = try sealer.seal("sk_test_secret")
        #expect(!sealed.contains("sk_test") && sealed != again)
        #expect(try sealer.open(sealed) == "sk_test_secret")
        #expect(throws: (any Error).self) { try AESSecretSealer(keyMaterial: "server key two").open(sealed) }
        #expect(throws: (any Error).self) { try sealer.open("not base64 at all") }
    }
}
