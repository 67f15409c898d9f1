public import Domain
public import Foundation

/// What the organization's provider account shows: never the keys, only the secret key's ending.
public struct PaymentAccountView: Sendable, Equatable {
    public let keyEnding: String
    public let updatedAt: Date
}

/// A payment started online: the payment waiting for the provider, and what the customer's
/// browser needs to complete it.
public struct Checkout: Sendable {
    public let payment: Payment
    public let clientSecret: String?
}

/// A payment with its refunds.
public struct PaymentView: Sendable {
    public let payment: Payment
    public let refunds: [Refund]
}

/// What a webhook call did.
public enum WebhookOutcome: String, Sendable {
    /// The event changed the payment (and its booking).
    case applied
    /// The event was seen before; nothing changed.
    case replayed
    /// An event type we do not act on, or about a payment already settled.
    case ignored
    /// The payment came after its booking was released and the slot taken, or the booking no
    /// longer waited for it: it was given back.
    case refunded
    /// As `refunded`, but the provider refused the refund; staff must refund by hand.
    case refundFailed = "refund_failed"
}

/// Payments for inspection bookings. Online: the customer (or the desk) starts a payment intent
/// with the organization's provider; the provider's signed webhook confirms it, and a held
/// booking with it. Desk staff record cash and card-terminal payments. Every payment received
/// gets a receipt numbered without gaps per centre and year; refunds give back all or part of
/// one, with a reason; the cash-up sums a centre's day by method against its receipts.
///
/// A payment that arrives after its hold lapsed confirms the booking again when the slot is
/// still free, and is refunded automatically otherwise.
public struct PaymentService: Sendable, UseCaseSupport {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let provider: (any PaymentProvider)?
    let sealer: any SecretSealer
    let secrets: any SecretTokenGenerator
    let renderer: (any DocumentRenderer)?
    let trail: AuditTrail
    let log: @Sendable (String) -> Void

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, provider: (any PaymentProvider)?,
        sealer: any SecretSealer, secrets: any SecretTokenGenerator, renderer: (any DocumentRenderer)?,
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.provider = provider
        self.sealer = sealer
        self.secrets = secrets
        self.renderer = renderer
        self.trail = AuditTrail(clock: clock, ids: ids)
        self.log = log
    }

    // MARK: The provider account

    /// Stores the organization's provider keys, sealed; replaces earlier ones.
    public func configure(secretKey: String?, webhookSecret: String?, as principal: Principal) async throws
        -> PaymentAccountView
    {
        try AccessPolicy.require(.manageCentres, by: principal)
        let key = try Self.secret(secretKey, field: "secretKey")
        let hook = try Self.secret(webhookSecret, field: "webhookSecret")
        let account = PaymentProviderAccount(
            organizationID: principal.organizationID, sealedSecretKey: try sealer.seal(key),
            sealedWebhookSecret: try sealer.seal(hook), keyEnding: String(key.suffix(4)), updatedAt: clock.now())
        return try await persistence.write { (repos: any UsesAudit & UsesPaymentAccounts) in
            try await repos.paymentAccounts.save(account)
            try await trail.record(
                "payments.configured", entity: "organization", id: principal.organizationID.description,
                payload: ["keyEnding": account.keyEnding], by: principal, organization: principal.organizationID,
                repos)
            return PaymentAccountView(keyEnding: account.keyEnding, updatedAt: account.updatedAt)
        }
    }

    static func secret(_ text: String?, field: String) throws -> String {
        guard let text, (8...200).contains(text.count), text.allSatisfy({ $0.isASCII && !$0.isWhitespace })
        else {
            throw DomainError.invalidValue(field: field, reason: "8 to 200 printable characters without spaces")
        }
        return text
    }

    public func account(as principal: Principal) async throws -> PaymentAccountView {
        try AccessPolicy.require(.manageCentres, by: principal)
        return try await persistence.read { (repos: any UsesPaymentAccounts) in
            guard let account = try await repos.paymentAccounts.find(principal.organizationID) else {
                throw InspectionError.paymentsNotConfigured
            }
            return PaymentAccountView(keyEnding: account.keyEnding, updatedAt: account.updatedAt)
        }
    }

    private func keys(of organization: OrganizationID, _ repos: any UsesPaymentAccounts) async throws
        -> PaymentProviderAccount
    {
        guard let account = try await repos.paymentAccounts.find(organization) else {
            throw InspectionError.paymentsNotConfigured
        }
        return account
    }

    private func connectedProvider() throws -> any PaymentProvider {
        guard let provider else { throw InspectionError.paymentsNotConfigured }
        return provider
    }

    // MARK: Paying

    /// Starts an online payment of a held booking's price (its customer or the desk).
    public func checkout(_ id: AppointmentID, as principal: Principal) async throws -> Checkout {
        try AccessPolicy.require(.bookAppointments, by: principal)
        let provider = try connectedProvider()
        let (appointment, account, centre) = try await persistence.read {
            (repos: any UsesAppointments & UsesCentres & UsesPaymentAccounts & UsesPayments & UsesVehicles) in
            let appointment = try await AppointmentService.visible(id, principal, repos)
            guard appointment.status == .held,
                try await !repos.payments.list(of: id).contains(where: { $0.status == .succeeded })
            else { throw InspectionError.notAwaitingPayment }
            let centre = try await CentreService.visible(appointment.centreID, principal, repos)
            guard centre.vatNumber != nil else { throw InspectionError.noVATNumber }
            return (appointment, try await keys(of: appointment.organizationID, repos), centre)
        }
        let checkout = try await startPayment(for: appointment, at: centre, account: account, provider: provider)
        try await persistence.write { (repos: any UsesAudit & UsesPayments) in
            try await repos.payments.insert(checkout.payment)
            try await audit("payment.started", checkout.payment, principal, repos)
        }
        return checkout
    }

    /// Creates the payment intent with the provider (outside any transaction); the caller records it.
    private func startPayment(
        for appointment: Appointment, at centre: Centre, account: PaymentProviderAccount,
        provider: any PaymentProvider
    ) async throws -> Checkout {
        let paymentID = PaymentID(ids.make())
        let intent: PaymentIntent
        do {
            intent = try await provider.createIntent(
                amount: appointment.price, description: "\(centre.name) — \(appointment.start)",
                metadata: [
                    "organization_id": appointment.organizationID.description,
                    "appointment_id": appointment.id.description, "payment_id": paymentID.description,
                ], idempotencyKey: paymentID.description,
                keys: PaymentProviderKeys(secretKey: try sealer.open(account.sealedSecretKey)))
        } catch let error as InspectionError {
            throw error
        } catch {
            throw InspectionError.providerFailed(String(describing: error))
        }
        let payment = Payment.online(
            id: paymentID, appointment: appointment, providerReference: intent.reference, at: clock.now())
        return Checkout(payment: payment, clientSecret: intent.clientSecret)
    }

    /// Starts the online payment of a booking made on the public page, with the single-use
    /// payment link of its confirmation (used once a payment intent exists).
    public func checkout(link token: String?) async throws -> Checkout {
        let hash = secrets.digest(try MailedLink.token(token))
        let provider = try connectedProvider()
        let now = clock.now()
        let (appointment, account, centre) = try await persistence.read {
            (repos: any UsesAppointmentLinks & UsesAppointments & UsesCentres & UsesPaymentAccounts) in
            let (_, appointment, centre) = try await MailedLink.open(hash, .pay, at: now, repos)
            guard appointment.status == .held else { throw InspectionError.notAwaitingPayment }
            guard centre.vatNumber != nil else { throw InspectionError.noVATNumber }
            return (appointment, try await keys(of: appointment.organizationID, repos), centre)
        }
        let payment = try await startPayment(for: appointment, at: centre, account: account, provider: provider)
        try await persistence.write { (repos: any UsesAppointmentLinks & UsesAudit & UsesPayments) in
            try await MailedLink.markUsed(hash, at: now, repos)
            try await repos.payments.insert(payment.payment)
            try await audit("payment.started", payment.payment, nil, repos)
        }
        return payment
    }

    /// Records money received at the desk (the booking's price unless `amount` says otherwise),
    /// with its receipt; a held booking is confirmed by it.
    public func recordAtDesk(
        _ id: AppointmentID, method: String?, amount: String?, as principal: Principal
    ) async throws -> Payment {
        try AccessPolicy.require(.manageAppointments, by: principal)
        let method = try Self.parseRequired(method, PaymentMethod.self, field: "method")
        let money = try amount.map { try Money(parsing: $0, field: "amount") }
        return try await persistence.write {
            (repos: any UsesAppointments & UsesAudit & UsesCentres & UsesPayments & UsesVehicles) in
            var appointment = try await AppointmentService.visible(id, principal, repos)
            let centre = try await CentreService.visible(appointment.centreID, principal, repos)
            guard centre.vatNumber != nil else { throw InspectionError.noVATNumber }
            let now = clock.now()
            let payment = try Payment.atDesk(
                id: PaymentID(ids.make()), appointment: appointment, amount: money ?? appointment.price,
                method: method, by: principal.userID,
                receipt: try await receipt(for: centre, at: now, repos), at: now)
            try await repos.payments.insert(payment)
            if appointment.status == .held {
                try appointment.perform(.confirm, at: now)
                try await repos.appointments.update(appointment)
            }
            try await audit("payment.received", payment, principal, repos)
            return payment
        }
    }

    private func receipt(for centre: Centre, at now: Date, _ repos: any UsesPayments) async throws
        -> ReceiptNumber
    {
        let year = CalendarDate(dayOf: now, in: centre.timeZone).year
        return try await repos.payments.nextReceipt(of: centre.id, organization: centre.organizationID, year: year)
    }

    private func audit(_ action: String, _ payment: Payment, _ principal: Principal?, _ repos: any UsesAudit)
        async throws
    {
        var payload = [
            "appointment": payment.appointmentID.description, "amount": payment.amount.description,
            "method": payment.method.rawValue, "status": payment.status.rawValue,
        ]
        if let receipt = payment.receipt { payload["receipt"] = receipt.description }
        try await trail.record(
            action, entity: "payment", id: payment.id.description, payload: payload, by: principal,
            organization: payment.organizationID, repos)
    }

    // MARK: The provider's webhook

    /// Applies a provider's event once its signature checks (`webhookRejected` otherwise, and
    /// nothing changes). An event id seen before changes nothing.
    public func receive(payload: [UInt8], signature: String?) async throws -> WebhookOutcome {
        let provider = try connectedProvider()
        let event = try provider.event(in: payload)
        guard let signature, !signature.isEmpty else { throw InspectionError.webhookRejected("no signature") }
        guard let reference = event.paymentReference else {
            throw InspectionError.webhookRejected("the event names no payment")
        }
        let found = try await persistence.read {
            (repos: any UsesPaymentAccounts & UsesPayments) -> (Payment, PaymentProviderAccount)? in
            guard let payment = try await repos.payments.find(reference: reference),
                let account = try await repos.paymentAccounts.find(payment.organizationID)
            else { return nil }
            return (payment, account)
        }
        guard let (payment, account) = found else {
            throw InspectionError.webhookRejected("the event is about no payment of ours")
        }
        let now = clock.now()
        try provider.verify(
            payload: payload, signature: signature, secret: try sealer.open(account.sealedWebhookSecret), at: now)
        let (outcome, due) = try await persistence.write {
            (repos: any UsesAppointments & UsesAudit & UsesCentres & UsesPaymentEvents & UsesPayments) in
            guard try await repos.paymentEvents.record(event, organization: payment.organizationID, at: now) else {
                return (WebhookOutcome.replayed, nil as Payment?)
            }
            return try await apply(event, to: payment.id, at: now, repos)
        }
        guard let due else { return outcome }
        return await refundLate(due, account: account)
    }

    /// Returns the payment to give back, when the booking no longer waits for it.
    private func apply(
        _ event: PaymentEvent, to id: PaymentID, at now: Date,
        _ repos: any UsesAppointments & UsesAudit & UsesCentres & UsesPayments
    )
        async throws -> (WebhookOutcome, Payment?)
    {
        guard var payment = try await repos.payments.find(id), payment.status == .pending else {
            return (.ignored, nil)
        }
        switch event.kind {
        case .other: return (.ignored, nil)
        case .failed:
            try payment.fail()
            try await repos.payments.update(payment)
            try await audit("payment.failed", payment, nil, repos)
            return (.applied, nil)
        case .succeeded:
            guard var appointment = try await repos.appointments.find(payment.appointmentID),
                let centre = try await repos.centres.find(payment.centreID)
            else { throw ApplicationError.notFound(entity: "appointment", id: payment.appointmentID.description) }
            try payment.succeed(receipt: try await receipt(for: centre, at: now, repos), at: now)
            try await repos.payments.update(payment)
            try await audit("payment.received", payment, nil, repos)
            if appointment.status == .held {
                try appointment.perform(.confirm, at: now)
            } else if appointment.lapsedUnpaid, appointment.start > now,
                try await Self.slotIsFree(for: appointment, repos)
            {
                try appointment.reinstate(at: now)
            } else {
                return (.applied, payment)
            }
            try await repos.appointments.update(appointment)
            try await trail.record(
                "appointment.confirmed", entity: "appointment", id: appointment.id.description,
                payload: ["centre": appointment.centreID.description, "payment": payment.id.description], by: nil,
                organization: appointment.organizationID, repos)
            return (.applied, nil)
        }
    }

    /// Neither the lane nor the inspector of the released booking was taken since.
    static func slotIsFree(for appointment: Appointment, _ repos: any UsesAppointments) async throws -> Bool {
        try await !repos.appointments.holding(appointment.centreID, during: appointment.interval).contains {
            $0.id != appointment.id && ($0.laneID == appointment.laneID || $0.inspectorID == appointment.inspectorID)
        }
    }

    static let lateRefundReason = "the booking no longer awaited this payment (its slot was released)"

    /// One key for every attempt at giving back a late payment.
    static func lateRefundKey(_ payment: PaymentID) -> String { "late-refund-\(payment)" }

    /// Gives back a payment that came too late, through the provider, and records it. When the
    /// provider refuses, the refund is owed: the job `inspection-refunds` tries again.
    private func refundLate(_ payment: Payment, account: PaymentProviderAccount) async -> WebhookOutcome {
        do {
            _ = try await giveBack(
                payment.id, amount: nil, reason: Self.lateRefundReason, by: nil, account: account,
                idempotencyKey: Self.lateRefundKey(payment.id))
            return .refunded
        } catch {
            log("payment \(payment.id) came too late and its refund failed; it is owed and tried again: \(error)")
            let now = clock.now()
            let owed = OwedRefund(
                paymentID: payment.id, organizationID: payment.organizationID, reason: Self.lateRefundReason,
                attempts: 1, lastError: String(describing: error), nextAttemptAt: now + OwedRefund.wait(after: 1),
                createdAt: now)
            do {
                try await persistence.write { (repos: any UsesAudit & UsesOwedRefunds) in
                    try await repos.owedRefunds.save(owed)
                    try await trail.record(
                        "payment.refund_owed", entity: "payment", id: payment.id.description,
                        payload: ["reason": owed.reason, "error": String(owed.lastError.prefix(200))], by: nil,
                        organization: payment.organizationID, repos)
                }
            } catch {
                log("payment \(payment.id): the owed refund could not be recorded (refund it by hand): \(error)")
            }
            return .refundFailed
        }
    }

    public static let refundsJob = "inspection-refunds"

    /// What staff may choose to be told by the payments.
    public static let notificationTypes = [
        NotificationType("payment.refund_owed", "a payment provider keeps refusing a refund that is owed to a customer")
    ]

    /// Tries again the refunds the provider refused, each when its wait is over (5 minutes,
    /// doubled after each failure, at most a day). A payment with nothing left to give back
    /// (staff refunded it by hand) is no longer owed. Staff are told once, after the third failure.
    public func runRefundsJob() async throws -> JobReport {
        let now = clock.now()
        let due = try await persistence.read { (repos: any UsesOwedRefunds) in
            try await repos.owedRefunds.due(at: now, limit: 50)
        }
        var given = 0
        var failed = 0
        var notified = 0
        for var owed in due {
            let found = try await persistence.read { [owed] (repos: any UsesPaymentAccounts & UsesPayments) in
                (
                    try await repos.payments.find(owed.paymentID),
                    try await repos.paymentAccounts.find(owed.organizationID)
                )
            }
            guard let payment = found.0, payment.refundable > Money(minorUnits: 0) else {
                try await persistence.write { [owed] (repos: any UsesOwedRefunds) in
                    try await repos.owedRefunds.delete(owed.paymentID)
                }
                continue
            }
            do {
                guard let account = found.1 else {
                    throw InspectionError.providerFailed("the organization has no payment provider account any more")
                }
                _ = try await giveBack(
                    payment.id, amount: nil, reason: owed.reason, by: nil, account: account,
                    idempotencyKey: Self.lateRefundKey(payment.id))
                try await persistence.write { [owed] (repos: any UsesOwedRefunds) in
                    try await repos.owedRefunds.delete(owed.paymentID)
                }
                given += 1
            } catch {
                failed += 1
                owed.attempts += 1
                owed.lastError = String(describing: error)
                owed.nextAttemptAt = clock.now() + OwedRefund.wait(after: owed.attempts)
                notified += try await persistence.write {
                    [owed] (repos: any UsesMemberships & UsesNotifications & UsesOwedRefunds) in
                    try await repos.owedRefunds.save(owed)
                    guard owed.attempts == 3 else { return 0 }
                    return try await trail.notify(
                        try await repos.memberships.users(withAnyOf: [.admin, .desk], in: owed.organizationID),
                        in: owed.organizationID, kind: "payment.refund_owed", title: "Remboursement en attente",
                        body: "Le prestataire refuse de rembourser \(payment.amount) € (paiement \(payment.id)) ;"
                            + " nouvel essai automatique, ou remboursez à la main.",
                        entity: "payment", id: payment.id.description, repos)
                }
            }
        }
        return JobReport(job: Self.refundsJob, ran: true, created: given, skipped: failed, notified: notified)
    }

    // MARK: Refunds

    /// Gives back all (no amount) or part of a payment, for a reason: through the provider for
    /// online payments, from the till for desk ones.
    public func refund(_ id: PaymentID, amount: String?, reason: String?, as principal: Principal) async throws
        -> Refund
    {
        try AccessPolicy.require(.manageAppointments, by: principal)
        let money = try amount.map { try Money(parsing: $0, field: "amount") }
        let (payment, account) = try await persistence.read {
            (repos: any UsesAppointments & UsesPaymentAccounts & UsesPayments & UsesVehicles) in
            let payment = try await visible(id, principal, repos)
            let account =
                payment.method == .online ? try await keys(of: payment.organizationID, repos) : nil
            return (payment, account)
        }
        // Checked before the provider is asked.
        var trial = payment
        _ = try trial.refund(
            money, id: RefundID(ids.make()), reason: reason ?? "", by: principal.userID, providerReference: nil,
            at: clock.now())
        return try await giveBack(id, amount: money, reason: reason ?? "", by: principal, account: account)
    }

    /// `idempotencyKey`: the same for every attempt at one refund, so a provider that did give it
    /// while its answer was lost gives it only once (a new key per refund otherwise).
    private func giveBack(
        _ id: PaymentID, amount: Money?, reason: String, by principal: Principal?, account: PaymentProviderAccount?,
        idempotencyKey: String? = nil
    ) async throws -> Refund {
        let refundID = RefundID(ids.make())
        var providerReference: String?
        if let account {
            guard
                let payment = try await persistence.read({ (repos: any UsesPayments) in
                    try await repos.payments.find(id)
                }), let reference = payment.providerReference
            else { throw ApplicationError.notFound(entity: "payment", id: id.description) }
            do {
                providerReference = try await connectedProvider().refund(
                    reference: reference, amount: amount ?? payment.refundable,
                    idempotencyKey: idempotencyKey ?? refundID.description,
                    keys: PaymentProviderKeys(secretKey: try sealer.open(account.sealedSecretKey)))
            } catch let error as InspectionError {
                throw error
            } catch {
                throw InspectionError.providerFailed(String(describing: error))
            }
        }
        return try await persistence.write { [providerReference] (repos: any UsesAudit & UsesPayments & UsesRefunds) in
            guard var payment = try await repos.payments.find(id) else {
                throw ApplicationError.notFound(entity: "payment", id: id.description)
            }
            let refund = try payment.refund(
                amount, id: refundID, reason: reason, by: principal?.userID, providerReference: providerReference,
                at: clock.now())
            try await repos.payments.update(payment)
            try await repos.refunds.insert(refund, centre: payment.centreID)
            try await trail.record(
                "payment.refunded", entity: "payment", id: payment.id.description,
                payload: ["amount": refund.amount.description, "reason": refund.reason], by: principal,
                organization: payment.organizationID, repos)
            return refund
        }
    }

    // MARK: Reading

    /// The payment if the principal's organization holds it and they are staff or its booking's customer.
    private func visible(
        _ id: PaymentID, _ principal: Principal, _ repos: any UsesAppointments & UsesPayments & UsesVehicles
    ) async throws -> Payment {
        let payment = try TenantScope.visible(
            try await repos.payments.find(id), in: \.organizationID, principal, entity: "payment", id: id.description)
        _ = try await AppointmentService.visible(payment.appointmentID, principal, repos)
        return payment
    }

    public func payment(_ id: PaymentID, as principal: Principal) async throws -> PaymentView {
        try AccessPolicy.require(.readAppointments, by: principal)
        return try await persistence.read { (repos: any UsesAppointments & UsesPayments & UsesRefunds & UsesVehicles) in
            let payment = try await visible(id, principal, repos)
            return PaymentView(payment: payment, refunds: try await repos.refunds.list(of: id))
        }
    }

    /// The booking's payments, oldest first.
    public func payments(of id: AppointmentID, as principal: Principal) async throws -> [Payment] {
        try AccessPolicy.require(.readAppointments, by: principal)
        return try await persistence.read { (repos: any UsesAppointments & UsesPayments & UsesVehicles) in
            _ = try await AppointmentService.visible(id, principal, repos)
            return try await repos.payments.list(of: id)
        }
    }

    /// The VAT receipt of a payment received, as a PDF.
    public func receipt(_ id: PaymentID, as principal: Principal) async throws -> [UInt8] {
        try AccessPolicy.require(.readAppointments, by: principal)
        guard let renderer else { throw DocumentError.rendererUnavailable }
        let print = try await persistence.read {
            (
                repos: any UsesAppointments & UsesCentres & UsesInspectionOffers & UsesPayments & UsesRefunds
                    & UsesVehicles
            ) in
            let payment = try await visible(id, principal, repos)
            guard let number = payment.receipt else {
                throw DomainError.illegalTransition(entity: "payment", from: payment.status.rawValue, to: "receipted")
            }
            let centre = try await CentreService.visible(payment.centreID, principal, repos)
            guard let appointment = try await repos.appointments.find(payment.appointmentID),
                let offer = try await repos.inspectionOffers.find(appointment.offerID)
            else { throw ApplicationError.notFound(entity: "appointment", id: payment.appointmentID.description) }
            let vehicle = try await repos.vehicles.find(appointment.vehicleID)
            return ReceiptPrint(
                payment: payment, number: number, centre: centre, appointment: appointment, offer: offer,
                plate: vehicle?.plate.value, refunds: try await repos.refunds.list(of: id)
            ).document
        }
        return try renderer.render(print)
    }

    /// A centre's day (in its time zone): payments and refunds by method, against its receipts.
    /// A centre's revenue over whole days on its clocks (`from` to `to`, at most 366): the
    /// bookings that started then, what they brought in, the share of re-inspections and the
    /// no-shows, by service, day or inspector. For the organization's admins.
    public func revenue(
        of id: CentreID, from: String?, to: String?, groupBy: String?, as principal: Principal
    ) async throws -> RevenueReport {
        try AccessPolicy.require(.manageCentres, by: principal)
        let grouping =
            try groupBy.map { try Self.parseRequired($0, RevenueGrouping.self, field: "groupBy") } ?? .service
        guard let from, let to else {
            throw DomainError.invalidValue(field: from == nil ? "from" : "to", reason: "is required (YYYY-MM-DD)")
        }
        let (first, last) = try RevenueReport.period(
            from: try CalendarDate(parsing: from, field: "from"), to: try CalendarDate(parsing: to, field: "to"))
        return try await persistence.read {
            (repos: any UsesAppointments & UsesCentres & UsesInspectionOffers & UsesPayments & UsesUsers) in
            let centre = try await CentreService.visible(id, principal, repos)
            let interval = DateInterval(
                start: centre.instant(first, minutes: 0), end: centre.instant(last.adding(days: 1), minutes: 0))
            let appointments = try await repos.appointments.starting(at: id, during: interval)
            let inspectors = try await repos.users.names(of: Set(appointments.map(\.inspectorID)))
            return try RevenueReport(
                from: first, to: last, grouping: grouping, centre: centre, appointments: appointments,
                payments: try await repos.payments.list(forAppointmentsAt: id, startingDuring: interval),
                services: try await repos.inspectionOffers.list(of: id), inspectors: inspectors)
        }
    }

    public func cashUp(_ id: CentreID, date: String?, as principal: Principal) async throws -> CashUp {
        try AccessPolicy.require(.manageAppointments, by: principal)
        return try await persistence.read { (repos: any UsesCentres & UsesPayments & UsesRefunds) in
            let centre = try await CentreService.visible(id, principal, repos)
            let day =
                try date.map { try CalendarDate(parsing: $0, field: "date") }
                ?? CalendarDate(dayOf: clock.now(), in: centre.timeZone)
            let start = centre.instant(day, minutes: 0)
            let end = centre.instant(day.adding(days: 1), minutes: 0)
            let interval = DateInterval(start: start, end: end)
            return CashUp(
                centreID: id, date: day, payments: try await repos.payments.received(at: id, during: interval),
                refunds: try await repos.refunds.given(at: id, during: interval))
        }
    }
}
