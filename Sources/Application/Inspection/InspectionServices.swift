/// The vehicle inspection centre's use cases, built together by the composition root.
public struct InspectionServices: Sendable {
    /// Centres, their hours, closures, lanes, services, inspectors' schedules and free slots.
    public let centres: CentreService
    /// Vehicles and their bookings.
    public let appointments: AppointmentService
    /// Checklists and the inspections on the lanes.
    public let vehicleInspections: VehicleInspectionService
    /// Online and desk payments, receipts, refunds and the cash-up.
    public let payments: PaymentService
    /// Reminders before bookings and due dates, and the single-use cancel links they carry.
    public let reminders: InspectionReminderService
    /// The centres' public pages: services, free slots, bookings and customer accounts.
    public let publicPage: PublicCentreBooking
    /// The booking assistant, for customer accounts and on the public pages.
    public let assistant: AssistantService
    /// Registration cards read into vehicles' drafts.
    public let intake: VehicleIntake

    /// What the public pages need besides the stores: accounts, the captcha, the rate limit and mail.
    public struct PublicPageParts: Sendable {
        let identity: IdentityService
        let captcha: any CaptchaVerifier
        let limiter: RateLimiter
        let mail: MailDelivery

        public init(identity: IdentityService, captcha: any CaptchaVerifier, limiter: RateLimiter, mail: MailDelivery) {
            self.identity = identity
            self.captcha = captcha
            self.limiter = limiter
            self.mail = mail
        }
    }

    /// Without a renderer or QR encoder, certificates and receipts answer `renderer_unavailable`;
    /// without `mailing`, certificates are neither kept as the vehicle's documents nor emailed;
    /// without a payment provider, online payments answer `payments_not_configured`; without
    /// `documents` (or its reader), registration cards answer `reader_unavailable`; without a
    /// `languageModel`, the assistant answers with the built-in engine's words alone.
    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator,
        renderer: (any DocumentRenderer)? = nil, qrCodes: (any QRCodeEncoder)? = nil,
        publicURL: String = "http://127.0.0.1:8080", paymentProvider: (any PaymentProvider)? = nil,
        sealer: any SecretSealer, secrets: any SecretTokenGenerator, publicPage parts: PublicPageParts,
        mailing: DocumentMailing? = nil, documents: DocumentsService? = nil,
        languageModel: (any LanguageModel)? = nil, intakeLimiter: RateLimiter? = nil,
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        centres = CentreService(persistence: persistence, clock: clock, ids: ids)
        appointments = AppointmentService(persistence: persistence, clock: clock, ids: ids)
        vehicleInspections = VehicleInspectionService(
            persistence: persistence, clock: clock, ids: ids, renderer: renderer, qrCodes: qrCodes,
            publicURL: publicURL, mailing: mailing)
        payments = PaymentService(
            persistence: persistence, clock: clock, ids: ids, provider: paymentProvider, sealer: sealer,
            secrets: secrets, renderer: renderer, log: log)
        reminders = InspectionReminderService(
            persistence: persistence, clock: clock, ids: ids, secrets: secrets, publicURL: publicURL)
        publicPage = PublicCentreBooking(
            persistence: persistence, clock: clock, ids: ids, secrets: secrets, identity: parts.identity,
            captcha: parts.captcha, limiter: parts.limiter, mail: parts.mail, publicURL: publicURL)
        intake = VehicleIntake(documents: documents, limiter: intakeLimiter, clock: clock)
        assistant = AssistantService(
            persistence: persistence, clock: clock, ids: ids, secrets: secrets, centres: centres,
            appointments: appointments, inspections: vehicleInspections, limiter: parts.limiter,
            model: languageModel)
    }
}
