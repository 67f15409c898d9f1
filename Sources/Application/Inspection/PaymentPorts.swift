public import Domain
public import Foundation

/// An organization's account with the payment provider: its keys, sealed at rest and opened only
/// to call the provider or check a webhook.
public struct PaymentProviderAccount: Sendable, Equatable {
    public let organizationID: OrganizationID
    public let sealedSecretKey: String
    public let sealedWebhookSecret: String
    /// The last four characters of the secret key, to show which key is in use.
    public let keyEnding: String
    public let updatedAt: Date

    public init(
        organizationID: OrganizationID, sealedSecretKey: String, sealedWebhookSecret: String,
        keyEnding: String, updatedAt: Date
    ) {
        self.organizationID = organizationID
        self.sealedSecretKey = sealedSecretKey
        self.sealedWebhookSecret = sealedWebhookSecret
        self.keyEnding = keyEnding
        self.updatedAt = updatedAt
    }
}

/// The organization's secret key, opened for one call.
public struct PaymentProviderKeys: Sendable {
    public let secretKey: String

    public init(secretKey: String) { self.secretKey = secretKey }
}

/// A payment the provider is waiting for the customer to complete.
public struct PaymentIntent: Sendable, Equatable {
    public let reference: String
    /// What the customer's browser hands to the provider's payment form.
    public let clientSecret: String?

    public init(reference: String, clientSecret: String?) {
        self.reference = reference
        self.clientSecret = clientSecret
    }
}

/// A card payment provider (Stripe and the services that speak its API).
public protocol PaymentProvider: Sendable {
    /// Creates a payment intent; the same `idempotencyKey` never creates two.
    func createIntent(
        amount: Money, description: String, metadata: [String: String], idempotencyKey: String,
        keys: PaymentProviderKeys
    ) async throws -> PaymentIntent
    /// Gives back `amount` of the intent; returns the provider's refund id.
    func refund(reference: String, amount: Money, idempotencyKey: String, keys: PaymentProviderKeys) async throws
        -> String
    /// Reads a webhook's event without checking it (to find whose it is); `webhookRejected` when
    /// it is not one.
    func event(in payload: [UInt8]) throws -> PaymentEvent
    /// Checks a webhook's signature header against the secret, and its age (5 minutes at most);
    /// `webhookRejected` otherwise.
    func verify(payload: [UInt8], signature: String, secret: String, at now: Date) throws
}

/// Seals secrets kept in the database (AES-GCM under the server's key).
public protocol SecretSealer: Sendable {
    func seal(_ secret: String) throws -> String
    func open(_ sealed: String) throws -> String
}

public protocol PaymentProviderAccountRepository: Sendable {
    /// Adds or replaces the organization's account.
    func save(_ account: PaymentProviderAccount) async throws
    func find(_ organization: OrganizationID) async throws -> PaymentProviderAccount?
}

public protocol PaymentRepository: Sendable {
    func insert(_ payment: Payment) async throws
    func find(_ id: PaymentID) async throws -> Payment?
    func find(reference: String) async throws -> Payment?
    /// Stores the status, receipt, refunded amount and payment time.
    func update(_ payment: Payment) async throws
    /// The booking's payments, oldest first.
    func list(of appointment: AppointmentID) async throws -> [Payment]
    /// The centre's payments received during the interval.
    func received(at centre: CentreID, during interval: DateInterval) async throws -> [Payment]
    /// The payments of the centre's appointments starting within the interval, whenever paid.
    func list(forAppointmentsAt centre: CentreID, startingDuring interval: DateInterval) async throws -> [Payment]
    /// The next receipt number of the centre for the year, taken in the caller's transaction (a
    /// rollback gives it back, so numbers have no gaps).
    func nextReceipt(of centre: CentreID, organization: OrganizationID, year: Int) async throws -> ReceiptNumber
}

public protocol RefundRepository: Sendable {
    func insert(_ refund: Refund, centre: CentreID) async throws
    /// The payment's refunds, oldest first.
    func list(of payment: PaymentID) async throws -> [Refund]
    /// The centre's refunds given during the interval, with their payment's method.
    func given(at centre: CentreID, during interval: DateInterval) async throws -> [(Refund, PaymentMethod)]
}

public protocol PaymentEventRepository: Sendable {
    /// Records the event; false when it was recorded before (a replay).
    func record(_ event: PaymentEvent, organization: OrganizationID, at now: Date) async throws -> Bool
}

/// A refund the provider refused, owed to the customer and tried again by the job
/// `inspection-refunds` until it is given or staff refund the payment by hand.
public struct OwedRefund: Sendable, Equatable {
    public let paymentID: PaymentID
    public let organizationID: OrganizationID
    public let reason: String
    /// Attempts made so far, the first one included.
    public var attempts: Int
    public var lastError: String
    public var nextAttemptAt: Date
    public let createdAt: Date

    public init(
        paymentID: PaymentID, organizationID: OrganizationID, reason: String, attempts: Int, lastError: String,
        nextAttemptAt: Date, createdAt: Date
    ) {
        self.paymentID = paymentID
        self.organizationID = organizationID
        self.reason = reason
        self.attempts = attempts
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
    }

    /// After `attempts` failures: 5 minutes, doubled each time, at most a day.
    public static func wait(after attempts: Int) -> TimeInterval {
        min(86_400, 300 * pow(2, Double(max(0, min(attempts, 20) - 1))))
    }
}

public protocol OwedRefundRepository: Sendable {
    /// Records the refund as owed, or its latest attempt when it was owed already.
    func save(_ refund: OwedRefund) async throws
    /// The refunds whose next attempt is due at `now`, the longest waiting first (at most `limit`),
    /// across organizations (for the job).
    func due(at now: Date, limit: Int) async throws -> [OwedRefund]
    func delete(_ payment: PaymentID) async throws
}
