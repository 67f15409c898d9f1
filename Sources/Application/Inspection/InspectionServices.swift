/// The vehicle inspection centre's use cases, built together by the composition root.
public struct InspectionServices: Sendable {
    /// Centres, their hours, closures, lanes, services, inspectors' schedules and free slots.
    public let centres: CentreService
    /// Vehicles and their bookings.
    public let appointments: AppointmentService
    /// Checklists and the inspections on the lanes.
    public let vehicleInspections: VehicleInspectionService

    /// Without a renderer or QR encoder, certificates answer `renderer_unavailable`.
    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator,
        renderer: (any DocumentRenderer)? = nil, qrCodes: (any QRCodeEncoder)? = nil,
        publicURL: String = "http://127.0.0.1:8080"
    ) {
        centres = CentreService(persistence: persistence, clock: clock, ids: ids)
        appointments = AppointmentService(persistence: persistence, clock: clock, ids: ids)
        vehicleInspections = VehicleInspectionService(
            persistence: persistence, clock: clock, ids: ids, renderer: renderer, qrCodes: qrCodes,
            publicURL: publicURL)
    }
}
