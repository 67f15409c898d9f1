/// The vehicle inspection centre's use cases, built together by the composition root.
public struct InspectionServices: Sendable {
    /// Centres, their hours, closures, lanes, services, inspectors' schedules and free slots.
    public let centres: CentreService
    /// Vehicles and their bookings.
    public let appointments: AppointmentService
    /// Checklists and the inspections on the lanes.
    public let vehicleInspections: VehicleInspectionService

    public init(persistence: any Persistence, clock: any WallClock, ids: any IDGenerator) {
        centres = CentreService(persistence: persistence, clock: clock, ids: ids)
        appointments = AppointmentService(persistence: persistence, clock: clock, ids: ids)
        vehicleInspections = VehicleInspectionService(persistence: persistence, clock: clock, ids: ids)
    }
}
