import Application
import Domain
import Foundation
import SQLKit

struct PaymentProviderAccountRow: Codable {
    let organizationId: UUID
    let sealedSecretKey, sealedWebhookSecret, keyEnding: String
    let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case organizationId = "organization_id"
        case sealedSecretKey = "sealed_secret_key"
        case sealedWebhookSecret = "sealed_webhook_secret"
        case keyEnding = "key_ending"
        case updatedAt = "updated_at"
    }
}

struct SQLPaymentProviderAccountRepository: PaymentProviderAccountRepository {
    let db: any SQLDatabase

    func save(_ account: PaymentProviderAccount) async throws {
        let row = PaymentProviderAccountRow(
            organizationId: account.organizationID.rawValue,
            sealedSecretKey: account.sealedSecretKey, sealedWebhookSecret: account.sealedWebhookSecret,
            keyEnding: account.keyEnding, updatedAt: account.updatedAt)
        try await db.insert(into: "payment_providers").model(row)
            .onConflict(with: "organization_id") {
                $0.set(excludedValueOf: "sealed_secret_key")
                    .set(excludedValueOf: "sealed_webhook_secret").set(excludedValueOf: "key_ending")
                    .set(excludedValueOf: "updated_at")
            }
            .run()
    }

    func find(_ organization: OrganizationID) async throws -> PaymentProviderAccount? {
        try await db.select().columns("*").from("payment_providers")
            .where("organization_id", .equal, organization.rawValue)
            .first(decoding: PaymentProviderAccountRow.self, with: rowDecoder).map {
                PaymentProviderAccount(
                    organizationID: OrganizationID($0.organizationId),
                    sealedSecretKey: $0.sealedSecretKey, sealedWebhookSecret: $0.sealedWebhookSecret,
                    keyEnding: $0.keyEnding, updatedAt: $0.updatedAt)
            }
    }
}

struct PaymentRow: Codable {
    let id, organizationId, centreId, appointmentId: UUID
    let amount: Int64
    let method, status: String
    let providerReference: String?
    let receiptYear, receiptSequence: Int?
    let refunded: Int64
    let recordedBy: UUID?
    let createdAt: Date
    let paidAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, amount, method, status, refunded
        case organizationId = "organization_id"
        case centreId = "centre_id"
        case appointmentId = "appointment_id"
        case providerReference = "provider_reference"
        case receiptYear = "receipt_year"
        case receiptSequence = "receipt_sequence"
        case recordedBy = "recorded_by"
        case createdAt = "created_at"
        case paidAt = "paid_at"
    }

    init(_ payment: Payment) {
        id = payment.id.rawValue
        organizationId = payment.organizationID.rawValue
        centreId = payment.centreID.rawValue
        appointmentId = payment.appointmentID.rawValue
        amount = payment.amount.minorUnits
        method = payment.method.rawValue
        status = payment.status.rawValue
        providerReference = payment.providerReference
        receiptYear = payment.receipt?.year
        receiptSequence = payment.receipt?.sequence
        refunded = payment.refunded.minorUnits
        recordedBy = payment.recordedBy?.rawValue
        createdAt = payment.createdAt
        paidAt = payment.paidAt
    }

    func domain() throws -> Payment {
        guard let method = PaymentMethod(rawValue: method), let status = PaymentStatus(rawValue: status) else {
            throw CorruptRow(table: "payments", reason: "method or status of \(id)")
        }
        return Payment(
            id: PaymentID(id), organizationID: OrganizationID(organizationId), centreID: CentreID(centreId),
            appointmentID: AppointmentID(appointmentId), amount: Money(minorUnits: amount), method: method,
            status: status, providerReference: providerReference,
            receipt: receiptYear.flatMap { year in receiptSequence.map { ReceiptNumber(year: year, sequence: $0) } },
            refunded: Money(minorUnits: refunded), recordedBy: recordedBy.map(UserID.init), createdAt: createdAt,
            paidAt: paidAt)
    }
}

struct SQLPaymentRepository: PaymentRepository {
    let db: any SQLDatabase

    func insert(_ payment: Payment) async throws {
        try await db.insert(into: "payments").model(PaymentRow(payment), nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: PaymentID) async throws -> Payment? {
        try await db.select().columns("*").from("payments").where("id", .equal, id.rawValue)
            .first(decoding: PaymentRow.self, with: rowDecoder)?.domain()
    }

    func find(reference: String) async throws -> Payment? {
        try await db.select().columns("*").from("payments").where("provider_reference", .equal, reference)
            .first(decoding: PaymentRow.self, with: rowDecoder)?.domain()
    }

    func update(_ payment: Payment) async throws {
        let row = PaymentRow(payment)
        try await db.update("payments").set("status", to: row.status).set("receipt_year", to: row.receiptYear)
            .set("receipt_sequence", to: row.receiptSequence).set("refunded", to: row.refunded)
            .set("paid_at", to: row.paidAt).where("id", .equal, row.id).run()
    }

    func list(of appointment: AppointmentID) async throws -> [Payment] {
        try await db.select().columns("*").from("payments").where("appointment_id", .equal, appointment.rawValue)
            .orderBy("created_at").orderBy("id").limit(200)
            .all(decoding: PaymentRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func received(at centre: CentreID, during interval: DateInterval) async throws -> [Payment] {
        try await db.select().columns("*").from("payments").where("centre_id", .equal, centre.rawValue)
            .where("paid_at", .greaterThanOrEqual, interval.start).where("paid_at", .lessThan, interval.end)
            .orderBy("paid_at").orderBy("id").limit(10_000)
            .all(decoding: PaymentRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func list(forAppointmentsAt centre: CentreID, startingDuring interval: DateInterval) async throws -> [Payment] {
        try await db.raw(
            """
            SELECT p.* FROM payments p JOIN appointments a ON a.id = p.appointment_id
            WHERE p.centre_id = \(bind: centre.rawValue)
              AND a.starts_at >= \(bind: interval.start) AND a.starts_at < \(bind: interval.end)
            ORDER BY p.created_at, p.id LIMIT 40000
            """
        ).all(decoding: PaymentRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func nextReceipt(of centre: CentreID, organization: OrganizationID, year: Int) async throws -> ReceiptNumber {
        let rows = try await db.raw(
            """
            INSERT INTO receipt_counters (organization_id, centre_id, year, last)
            VALUES (\(bind: organization.rawValue), \(bind: centre.rawValue), \(bind: year), 1)
            ON CONFLICT (centre_id, year) DO UPDATE SET last = receipt_counters.last + 1
            RETURNING last
            """
        ).all()
        guard let last = try rows.first?.decode(column: "last", as: Int.self) else {
            throw CorruptRow(table: "receipt_counters", reason: "no number for centre \(centre)")
        }
        return ReceiptNumber(year: year, sequence: last)
    }
}

struct RefundRow: Codable {
    let id, organizationId, paymentId, centreId: UUID
    let amount: Int64
    let reason: String
    let refundedBy: UUID?
    let providerReference: String?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, amount, reason
        case organizationId = "organization_id"
        case paymentId = "payment_id"
        case centreId = "centre_id"
        case refundedBy = "refunded_by"
        case providerReference = "provider_reference"
        case createdAt = "created_at"
    }

    func domain() throws -> Refund {
        try Refund(
            id: RefundID(id), paymentID: PaymentID(paymentId), organizationID: OrganizationID(organizationId),
            amount: Money(minorUnits: amount), reason: reason, by: refundedBy.map(UserID.init),
            providerReference: providerReference, at: createdAt)
    }
}

struct SQLRefundRepository: RefundRepository {
    let db: any SQLDatabase

    func insert(_ refund: Refund, centre: CentreID) async throws {
        let row = RefundRow(
            id: refund.id.rawValue, organizationId: refund.organizationID.rawValue,
            paymentId: refund.paymentID.rawValue, centreId: centre.rawValue, amount: refund.amount.minorUnits,
            reason: refund.reason, refundedBy: refund.by?.rawValue, providerReference: refund.providerReference,
            createdAt: refund.at)
        try await db.insert(into: "refunds").model(row, nilEncodingStrategy: .asNil).run()
    }

    func list(of payment: PaymentID) async throws -> [Refund] {
        try await db.select().columns("*").from("refunds").where("payment_id", .equal, payment.rawValue)
            .orderBy("created_at").orderBy("id").limit(200)
            .all(decoding: RefundRow.self, with: rowDecoder).map { try $0.domain() }
    }

    private struct GivenRow: Decodable {
        let refund: RefundRow
        let method: String

        init(from decoder: any Decoder) throws {
            refund = try RefundRow(from: decoder)
            method = try decoder.container(keyedBy: Key.self).decode(String.self, forKey: .method)
        }

        enum Key: String, CodingKey { case method }
    }

    func given(at centre: CentreID, during interval: DateInterval) async throws -> [(Refund, PaymentMethod)] {
        try await db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("refunds")))
            .column(SQLColumn("method", table: "payments")).from("refunds")
            .join("payments", on: SQLColumn("payment_id", table: "refunds"), .equal, SQLColumn("id", table: "payments"))
            .where(SQLColumn("centre_id", table: "refunds"), .equal, SQLBind(centre.rawValue))
            .where(SQLColumn("created_at", table: "refunds"), .greaterThanOrEqual, SQLBind(interval.start))
            .where(SQLColumn("created_at", table: "refunds"), .lessThan, SQLBind(interval.end))
            .orderBy(SQLColumn("created_at", table: "refunds")).limit(10_000)
            .all(decoding: GivenRow.self, with: rowDecoder).map { row in
                guard let method = PaymentMethod(rawValue: row.method) else {
                    throw CorruptRow(table: "payments", reason: "method of \(row.refund.paymentId)")
                }
                return (try row.refund.domain(), method)
            }
    }
}

struct SQLPaymentEventRepository: PaymentEventRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func record(_ event: PaymentEvent, organization: OrganizationID, at now: Date) async throws -> Bool {
        let type: String =
            switch event.kind {
            case .succeeded: "succeeded"
            case .failed: "failed"
            case .other(let name): String(name.prefix(100))
            }
        let inserted = try await db.raw(
            """
            INSERT INTO payment_events (organization_id, event_id, type, received_at)
            VALUES (\(bind: organization.rawValue), \(bind: event.id), \(bind: type), \(bind: now))
            ON CONFLICT (organization_id, event_id) DO NOTHING
            RETURNING event_id
            """
        ).all()
        return !inserted.isEmpty
    }
}

struct SQLOwedRefundRepository: OwedRefundRepository {
    let db: any SQLDatabase

    private struct Row: Codable {
        let paymentId, organizationId: UUID
        let reason: String
        let attempts: Int
        let lastError: String
        let nextAttemptAt, createdAt: Date

        enum CodingKeys: String, CodingKey {
            case reason, attempts
            case paymentId = "payment_id"
            case organizationId = "organization_id"
            case lastError = "last_error"
            case nextAttemptAt = "next_attempt_at"
            case createdAt = "created_at"
        }

        var domain: OwedRefund {
            OwedRefund(
                paymentID: PaymentID(paymentId), organizationID: OrganizationID(organizationId), reason: reason,
                attempts: attempts, lastError: lastError, nextAttemptAt: nextAttemptAt, createdAt: createdAt)
        }
    }

    func save(_ refund: OwedRefund) async throws {
        try await db.raw(
            """
            INSERT INTO owed_refunds
                (payment_id, organization_id, reason, attempts, last_error, next_attempt_at, created_at)
            VALUES (\(bind: refund.paymentID.rawValue), \(bind: refund.organizationID.rawValue),
                \(bind: refund.reason), \(bind: refund.attempts), \(bind: String(refund.lastError.prefix(1000))),
                \(bind: refund.nextAttemptAt), \(bind: refund.createdAt))
            ON CONFLICT (payment_id) DO UPDATE SET attempts = excluded.attempts,
                last_error = excluded.last_error, next_attempt_at = excluded.next_attempt_at
            """
        ).run()
    }

    func due(at now: Date, limit: Int) async throws -> [OwedRefund] {
        try await db.select().columns("*").from("owed_refunds").where("next_attempt_at", .lessThanOrEqual, now)
            .orderBy("next_attempt_at").orderBy("payment_id").limit(limit)
            .all(decoding: Row.self, with: rowDecoder).map(\.domain)
    }

    func delete(_ payment: PaymentID) async throws {
        try await db.delete(from: "owed_refunds").where("payment_id", .equal, payment.rawValue).run()
    }
}
