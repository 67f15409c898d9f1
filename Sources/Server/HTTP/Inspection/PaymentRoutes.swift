import Application
import Domain
import Foundation
import HTTPTypes
import Hummingbird

struct PaymentAccountRequest: Decodable {
    let secretKey, webhookSecret: String?
}

struct DeskPaymentRequest: Decodable {
    let method, amount: String?
}

struct RefundRequest: Decodable {
    let amount, reason: String?
}

struct PaymentAccountResponse: ResponseEncodable {
    let keyEnding: String
    let updatedAt: Date

    init(_ view: PaymentAccountView) {
        keyEnding = view.keyEnding
        updatedAt = view.updatedAt
    }
}

struct RefundResponse: ResponseEncodable {
    let id, paymentId, amount, reason: String
    let refundedBy, providerReference: String?
    let createdAt: Date

    init(_ refund: Refund) {
        id = refund.id.description
        paymentId = refund.paymentID.description
        amount = refund.amount.decimalString
        reason = refund.reason
        refundedBy = refund.by?.description
        providerReference = refund.providerReference
        createdAt = refund.at
    }
}

struct PaymentResponse: ResponseEncodable {
    let id, appointmentId, centreId, amount, method, status, refunded, refundable: String
    let providerReference, receiptNumber, recordedBy: String?
    let createdAt: Date
    let paidAt: Date?
    /// With `GET /payments/{id}` only.
    let refunds: [RefundResponse]?

    init(_ payment: Payment, refunds: [Refund]? = nil) {
        id = payment.id.description
        appointmentId = payment.appointmentID.description
        centreId = payment.centreID.description
        amount = payment.amount.decimalString
        method = payment.method.rawValue
        status = payment.status.rawValue
        refunded = payment.refunded.decimalString
        refundable = payment.refundable.decimalString
        providerReference = payment.providerReference
        receiptNumber = payment.receipt?.description
        recordedBy = payment.recordedBy?.description
        createdAt = payment.createdAt
        paidAt = payment.paidAt
        self.refunds = refunds?.map(RefundResponse.init)
    }
}

struct CheckoutResponse: ResponseEncodable {
    let payment: PaymentResponse
    let clientSecret: String?
}

struct RevenueResponse: ResponseEncodable {
    struct Line: Encodable, Sendable {
        let group, label, revenue: String
        let bookings, done, reinspections, noShows, cancelled: Int
        /// Re-inspections among the inspections done, as a fraction (0 when none was done).
        let reinspectionShare: Double

        init(_ line: RevenueLine) {
            group = line.key
            label = line.label
            revenue = line.revenue.decimalString
            bookings = line.bookings
            done = line.done
            reinspections = line.reinspections
            noShows = line.noShows
            cancelled = line.cancelled
            reinspectionShare = (line.reinspectionShare * 10_000).rounded() / 10_000
        }
    }

    let centreId, groupBy: String
    let from, to: CalendarDate
    let lines: [Line]
    let total: Line

    init(_ centre: CentreID, _ report: RevenueReport) {
        centreId = centre.description
        groupBy = report.grouping.rawValue
        from = report.from
        to = report.to
        lines = report.lines.map(Line.init)
        total = Line(report.total)
    }
}

struct CashUpResponse: ResponseEncodable {
    struct Line: Encodable, Sendable {
        let method: String
        let payments, refunds: Int
        let received, refunded, net: String
    }

    let centreId: String
    let date: CalendarDate
    let lines: [Line]
    let total: String
    let receipts: [String]
    let unreceipted: Int
    let missingReceipts: [String]
    let balances: Bool

    init(_ cashUp: CashUp) {
        centreId = cashUp.centreID.description
        date = cashUp.date
        lines = cashUp.lines.map {
            Line(
                method: $0.method.rawValue, payments: $0.payments, refunds: $0.refunds,
                received: $0.received.decimalString, refunded: $0.refunded.decimalString, net: $0.net.decimalString)
        }
        total = cashUp.total.decimalString
        receipts = cashUp.receipts.map(\.description)
        unreceipted = cashUp.unreceipted
        missingReceipts = cashUp.missingReceipts.map(\.description)
        balances = cashUp.balances
    }
}

struct WebhookResponse: ResponseEncodable {
    let outcome: String
}

/// Payments: the organization's provider keys (`/payment-provider`), online checkout and desk
/// payments of a booking, refunds, receipts, the centre's cash-up, and the provider's webhook
/// (`/webhooks/payments`, authenticated by its signature, not by a token).
struct PaymentRoutes {
    let payments: PaymentService

    /// The largest webhook body read (a provider's event is a few kilobytes).
    static let webhookLimit = 64 * 1024

    func addPublic(to group: RouterGroup<AppRequestContext>) {
        let service = payments
        group.post("webhooks/payments") { request, _ in
            let payload = Array(try await request.body(upTo: Self.webhookLimit).readableBytesView)
            let outcome = try await service.receive(
                payload: payload, signature: request.headers[HTTPField.Name("Stripe-Signature")!])
            return WebhookResponse(outcome: outcome.rawValue)
        }
    }

    func add(to group: RouterGroup<AuthenticatedContext>) {
        let service = payments
        @Sendable func appointmentID(_ context: AuthenticatedContext) throws -> AppointmentID {
            try context.parameters.id(as: AppointmentID.self, entity: "appointment")
        }
        @Sendable func paymentID(_ context: AuthenticatedContext) throws -> PaymentID {
            try context.parameters.id(as: PaymentID.self, entity: "payment")
        }
        group.put("payment-provider") { request, context in
            let body = try await request.decodeJSON(PaymentAccountRequest.self, context: context)
            return PaymentAccountResponse(
                try await service.configure(
                    secretKey: body.secretKey, webhookSecret: body.webhookSecret, as: context.principal))
        }
        group.get("payment-provider") { _, context in
            PaymentAccountResponse(try await service.account(as: context.principal))
        }
        group.post("appointments/{id}/checkout") { _, context in
            let checkout = try await service.checkout(try appointmentID(context), as: context.principal)
            return EditedResponse(
                status: .created,
                response: CheckoutResponse(
                    payment: PaymentResponse(checkout.payment), clientSecret: checkout.clientSecret))
        }
        group.post("appointments/{id}/payments") { request, context in
            let id = try appointmentID(context)
            let body = try await request.decodeJSON(DeskPaymentRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: PaymentResponse(
                    try await service.recordAtDesk(
                        id, method: body.method, amount: body.amount, as: context.principal)))
        }
        group.get("appointments/{id}/payments") { _, context in
            DataResponse(
                data: try await service.payments(of: try appointmentID(context), as: context.principal).map {
                    PaymentResponse($0)
                })
        }
        group.get("payments/{id}") { _, context in
            let view = try await service.payment(try paymentID(context), as: context.principal)
            return PaymentResponse(view.payment, refunds: view.refunds)
        }
        group.post("payments/{id}/refunds") { request, context in
            let id = try paymentID(context)
            let body = try await request.decodeJSON(RefundRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: RefundResponse(
                    try await service.refund(id, amount: body.amount, reason: body.reason, as: context.principal)))
        }
        group.get("payments/{id}/receipt") { _, context in
            let id = try paymentID(context)
            return Response.pdf(try await service.receipt(id, as: context.principal), fileName: "recu-\(id).pdf")
        }
        group.get("centres/{id}/cash-up") { request, context in
            let centre = try context.parameters.id(as: CentreID.self, entity: "centre")
            return CashUpResponse(
                try await service.cashUp(
                    centre, date: try request.textQuery("date", maxLength: 10), as: context.principal))
        }
        @Sendable func revenue(_ request: Request, _ context: AuthenticatedContext) async throws -> RevenueReport {
            try await service.revenue(
                of: try context.parameters.id(as: CentreID.self, entity: "centre"),
                from: try request.textQuery("from", maxLength: 10), to: try request.textQuery("to", maxLength: 10),
                groupBy: try request.textQuery("group_by", maxLength: 20), as: context.principal)
        }
        group.get("centres/{id}/revenue") { request, context in
            RevenueResponse(
                try context.parameters.id(as: CentreID.self, entity: "centre"), try await revenue(request, context))
        }
        group.get("centres/{id}/revenue.csv") { request, context in
            let report = try await revenue(request, context)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8",
                    .contentDisposition:
                        "attachment; filename=\"revenue-\(report.from)-\(report.to)-\(report.grouping.rawValue).csv\"",
                ],
                body: .init(byteBuffer: ByteBuffer(string: RevenueExport.csv(report))))
        }
    }
}
