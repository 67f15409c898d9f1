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

    /// Without a renderer or QR encoder, certificates and receipts answer `renderer_unavailable`;
    /// without a payment provider, online payments answer `payments_not_configured`.
    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator,
        renderer: (any DocumentRenderer)? = nil, qrCodes: (any QRCodeEncoder)? = nil,
        publicURL: String = "http://127.0.0.1:8080", paymentProvider: (any PaymentProvider)? = nil,
        sealer: any SecretSealer, secrets: any SecretTokenGenerator,
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        centres = CentreService(persistence: persistence, clock: clock, ids: ids)
        appointments = AppointmentService(persistence: persistence, clock: clock, ids: ids)
        vehicleInspections = VehicleInspectionService(
            persistence: persistence, clock: clock, ids: ids, renderer: renderer, qrCodes: qrCodes,
            publicURL: publicURL)
        payments = PaymentService(
            persistence: persistence, clock: clock, ids: ids, provider: paymentProvider, sealer: sealer,
            renderer: renderer, log: log)
        reminders = InspectionReminderService(
            persistence: persistence, clock: clock, ids: ids, secrets: secrets, publicURL: publicURL)
    }
}
