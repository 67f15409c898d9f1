public import Domain
public import Foundation

/// A vehicle as the client described it.
public struct VehicleInput: Sendable {
    public var plate, vin, make, model, category, fuel, firstRegistration: String?

    public init(
        plate: String? = nil, vin: String? = nil, make: String? = nil, model: String? = nil, category: String? = nil,
        fuel: String? = nil, firstRegistration: String? = nil
    ) {
        self.plate = plate
        self.vin = vin
        self.make = make
        self.model = model
        self.category = category
        self.fuel = fuel
        self.firstRegistration = firstRegistration
    }
}

/// How to reach someone, as the client sent it.
public struct ContactInput: Sendable {
    public var name, email, phone: String?

    public init(name: String? = nil, email: String? = nil, phone: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
    }
}

/// A booking as the client sent it: the vehicle by id, or described (found by its plate, else added).
public struct BookingInput: Sendable {
    public var centreID: UUID?
    public var serviceID: UUID?
    public var vehicleID: UUID?
    public var vehicle: VehicleInput?
    public var slotStart: Date?
    public var contact: ContactInput?

    public init(
        centreID: UUID?, serviceID: UUID?, vehicleID: UUID? = nil, vehicle: VehicleInput?, slotStart: Date?,
        contact: ContactInput?
    ) {
        self.centreID = centreID
        self.serviceID = serviceID
        self.vehicleID = vehicleID
        self.vehicle = vehicle
        self.slotStart = slotStart
        self.contact = contact
    }
}

/// Bookings at the inspection centres and the vehicles they are for. Desk staff book for anyone
/// (walk-ins too) and run the day: check-in, no-shows, reassigning inspectors. A customer account
/// books, moves and cancels its own. A booking holds a lane and an inspector together; when two
/// race for the last pair, one wins and the other gets `slot_taken` (409).
public struct AppointmentService: Sendable, UseCaseSupport {
    public static let holdsJob = "inspection-holds"

    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail

    public init(persistence: any Persistence, clock: any WallClock, ids: any IDGenerator) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.trail = AuditTrail(clock: clock, ids: ids)
    }

    /// Staff see every booking and vehicle of the organization; a customer, their own.
    static func isStaff(_ principal: Principal) -> Bool {
        AccessPolicy.allows(principal, .manageAppointments) || AccessPolicy.allows(principal, .manageCentres)
            || principal.roles.contains(.inspector)
    }

    private func visible(_ id: AppointmentID, _ principal: Principal, _ repos: any UsesAppointments & UsesVehicles)
        async throws
        -> Appointment
    {
        try await Self.visible(id, principal, repos)
    }

    /// The booking if the principal's organization holds it and they are staff or its customer;
    /// 404 otherwise.
    static func visible(_ id: AppointmentID, _ principal: Principal, _ repos: any UsesAppointments) async throws
        -> Appointment
    {
        let appointment = try TenantScope.visible(
            try await repos.appointments.find(id), in: \.organizationID, principal, entity: "appointment",
            id: id.description)
        guard Self.isStaff(principal) || appointment.customerID == principal.userID else {
            throw ApplicationError.notFound(entity: "appointment", id: id.description)
        }
        return appointment
    }

    private func visible(_ id: VehicleID, _ principal: Principal, _ repos: any UsesAppointments & UsesVehicles)
        async throws
        -> Vehicle
    {
        try await Self.visible(id, principal, repos)
    }

    static func visible(_ id: VehicleID, _ principal: Principal, _ repos: any UsesVehicles) async throws
        -> Vehicle
    {
        let vehicle = try TenantScope.visible(
            try await repos.vehicles.find(id), in: \.organizationID, principal, entity: "vehicle", id: id.description)
        guard Self.isStaff(principal) || vehicle.customerID == principal.userID else {
            throw ApplicationError.notFound(entity: "vehicle", id: id.description)
        }
        return vehicle
    }

    private func audit(
        _ action: String, _ appointment: Appointment, _ principal: Principal?, _ repos: any UsesAudit
    ) async throws {
        try await trail.record(
            action, entity: "appointment", id: appointment.id.description,
            payload: ["centre": appointment.centreID.description, "status": appointment.status.rawValue],
            by: principal, organization: appointment.organizationID, repos)
    }

    // MARK: Vehicles

    /// Adds a vehicle: staff for anyone (the owner's contact required), a customer for themselves.
    public func addVehicle(_ input: VehicleInput, owner: ContactInput?, as principal: Principal) async throws
        -> Vehicle
    {
        try AccessPolicy.require(.bookAppointments, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesUsers & UsesVehicles) in
            let vehicle = try await newVehicle(input, owner: owner, field: "", principal, repos)
            try await repos.vehicles.insert(vehicle)
            try await trail.record(
                "vehicle.added", entity: "vehicle", id: vehicle.id.description, payload: ["plate": vehicle.plate.value],
                by: principal, organization: vehicle.organizationID, repos)
            return vehicle
        }
    }

    /// `field` prefixes the names of refused fields: `vehicle.` inside a booking.
    private func newVehicle(
        _ input: VehicleInput, owner: ContactInput?, field prefix: String, _ principal: Principal,
        _ repos: any UsesUsers
    ) async throws -> Vehicle {
        try Self.vehicle(
            input, id: VehicleID(ids.make()), organization: principal.organizationID,
            owner: try await contact(owner, field: prefix.isEmpty ? "owner" : "contact", principal, repos),
            customer: Self.isStaff(principal) ? nil : principal.userID, field: prefix, at: clock.now())
    }

    /// A vehicle as described, checked field by field (`field` prefixes the names of refused fields).
    static func vehicle(
        _ input: VehicleInput, id: VehicleID, organization: OrganizationID, owner: ContactDetails, customer: UserID?,
        field prefix: String, at now: Date
    ) throws -> Vehicle {
        try Vehicle(
            id: id, organizationID: organization,
            plate: try Plate(input.plate ?? "", field: prefix + "plate"),
            vin: try input.vin.flatMap { $0.isEmpty ? nil : try VIN($0, field: prefix + "vin") }, make: input.make,
            model: input.model,
            category: try Self.parseRequired(input.category, VehicleCategory.self, field: prefix + "category"),
            fuel: try Self.parse(input.fuel, Fuel.self, field: prefix + "fuel") ?? .other,
            firstRegistration: try input.firstRegistration.map {
                try CalendarDate(parsing: $0, field: prefix + "first_registration")
            },
            owner: owner, customerID: customer, createdAt: now)
    }

    /// The contact sent, or the customer's own account when they send none.
    private func contact(_ input: ContactInput?, field: String, _ principal: Principal, _ repos: any UsesUsers)
        async throws -> ContactDetails
    {
        if let input, input.name != nil || input.email != nil || input.phone != nil {
            return try ContactDetails(name: input.name ?? "", email: input.email, phone: input.phone)
        }
        guard !Self.isStaff(principal), let user = try await repos.users.find(principal.userID) else {
            throw DomainError.invalidValue(field: field, reason: "is required")
        }
        return try ContactDetails(name: user.name, email: user.email.value, phone: user.phone)
    }

    public func vehicle(_ id: VehicleID, as principal: Principal) async throws -> Vehicle {
        try AccessPolicy.require(.readAppointments, by: principal)
        return try await persistence.read { (repos: any UsesAppointments & UsesVehicles) in
            try await visible(id, principal, repos)
        }
    }

    public func vehicles(page: PageRequest, as principal: Principal) async throws -> Page<Vehicle> {
        try AccessPolicy.require(.readAppointments, by: principal)
        guard Self.isStaff(principal) else {
            return try await persistence.read { (repos: any UsesVehicles) in
                try await repos.vehicles.list(of: principal.organizationID, customer: principal.userID, page: page)
            }
        }
        return try await persistence.read { (repos: any UsesVehicles) in
            try await repos.vehicles.list(of: principal.organizationID, customer: nil, page: page)
        }
    }

    // MARK: Booking

    /// Books the slot starting at `slotStart`. A slot the centre does not offer is 422; one just
    /// taken is 409 `slot_taken`. On PostgreSQL a lost race on one lane or inspector is retried
    /// once more, since another free pair may remain.
    public func book(_ input: BookingInput, as principal: Principal) async throws -> Appointment {
        try AccessPolicy.require(.bookAppointments, by: principal)
        guard let centreID = input.centreID.map(CentreID.init) else {
            throw DomainError.invalidValue(field: "centreId", reason: "is required")
        }
        return try await Self.retryingLostRace {
            try await persistence.write {
                (
                    repos: any UsesAppointments & UsesAudit & UsesCentres & UsesInspectionOffers
                        & UsesInspectorSchedules & UsesLanes & UsesUsers & UsesVehicles
                ) in
                try await book(input, at: centreID, principal, repos)
            }
        }
    }

    /// PostgreSQL refuses the loser of a race for one lane or inspector when it commits; the
    /// transaction then runs again (twice at most), reading the winner, in case another pair is free.
    /// Runs a booking's transaction again after a lost race for its slot (another lane and
    /// inspector may still be free then), at most three times in all.
    static func retryingLostRace(_ attempt: () async throws -> Appointment) async throws -> Appointment {
        for _ in 1..<3 {
            do { return try await attempt() } catch InspectionError.slotTaken { continue }
        }
        return try await attempt()
    }

    private func book(
        _ input: BookingInput, at centreID: CentreID, _ principal: Principal,
        _ repos: any UsesAppointments & UsesAudit & UsesCentres & UsesInspectionOffers & UsesInspectorSchedules
            & UsesLanes & UsesUsers & UsesVehicles
    )
        async throws -> Appointment
    {
        let centre = try await CentreService.visible(centreID, principal, repos)
        let offer = try await Self.offer(input.serviceID, of: centre, repos)
        guard let start = input.slotStart else {
            throw DomainError.invalidValue(field: "slotStart", reason: "is required")
        }
        guard start > clock.now() else { throw DomainError.invalidValue(field: "slotStart", reason: "has passed") }
        let vehicle = try await vehicle(for: input, principal, repos)
        // The owner's contact when none is given and the vehicle is known (a walk-in's car).
        let contact =
            if input.contact == nil, Self.isStaff(principal) || vehicle.customerID == principal.userID {
                vehicle.owner
            } else {
                try await contact(input.contact, field: "contact", principal, repos)
            }
        let slot = try await Self.slot(at: start, centre: centre, offer: offer, category: vehicle.category, repos)
        let appointment = Appointment(
            id: AppointmentID(ids.make()), organizationID: centre.organizationID, centreID: centre.id, offer: offer,
            vehicleID: vehicle.id, category: vehicle.category, slot: slot,
            customerID: Self.isStaff(principal) ? nil : principal.userID, contact: contact, policy: centre.policy,
            at: clock.now())
        try await repos.appointments.insert(appointment)
        try await audit("appointment.booked", appointment, principal, repos)
        return appointment
    }

    /// The centre's service named by `service_id`: required, and of this centre (422 otherwise).
    static func offer(_ id: UUID?, of centre: Centre, _ repos: any UsesInspectionOffers) async throws -> InspectionOffer
    {
        guard let id else { throw DomainError.invalidValue(field: "serviceId", reason: "is required") }
        guard let offer = try await repos.inspectionOffers.find(InspectionOfferID(id)), offer.centreID == centre.id
        else { throw DomainError.invalidValue(field: "serviceId", reason: "is not a service of this centre") }
        return offer
    }

    /// The vehicle named by id, or the organization's vehicle with the plate described, or a new one.
    private func vehicle(
        for input: BookingInput, _ principal: Principal, _ repos: any UsesAppointments & UsesUsers & UsesVehicles
    ) async throws
        -> Vehicle
    {
        if let id = input.vehicleID {
            guard let vehicle = try? await visible(VehicleID(id), principal, repos) else {
                throw DomainError.invalidValue(field: "vehicleId", reason: "is not a vehicle you can book for")
            }
            return vehicle
        }
        guard let described = input.vehicle else {
            throw DomainError.invalidValue(field: "vehicle", reason: "is required (or vehicle_id)")
        }
        return try await Self.vehicle(described, in: principal.organizationID, repos) {
            try await newVehicle(described, owner: input.contact, field: "vehicle.", principal, repos)
        }
    }

    /// The organization's vehicle with the plate described (the category sent must be the one
    /// recorded), or the new one `make` gives, recorded.
    static func vehicle(
        _ described: VehicleInput, in organization: OrganizationID, _ repos: any UsesVehicles,
        orNew make: () async throws -> Vehicle
    ) async throws -> Vehicle {
        let plate = try Plate(described.plate ?? "", field: "vehicle.plate")
        if let known = try await repos.vehicles.find(plate: plate, in: organization) {
            let category = try parseRequired(described.category, VehicleCategory.self, field: "vehicle.category")
            guard category == known.category else {
                throw DomainError.invalidValue(
                    field: "vehicle.category", reason: "the vehicle \(plate) is recorded as \(known.category.rawValue)")
            }
            return known
        }
        let vehicle = try await make()
        try await repos.vehicles.insert(vehicle)
        return vehicle
    }

    /// The free pair for the service starting at `start`, leaving out `ignoring` (the booking
    /// being moved): 422 when the centre offers no such slot, 409 when it is taken.
    static func slot(
        at start: Date, centre: Centre, offer: InspectionOffer, category: VehicleCategory,
        ignoring: AppointmentID? = nil, _ repos: any UsesAppointments & UsesInspectorSchedules & UsesLanes
    ) async throws -> FreeSlot {
        guard let minutes = offer.duration(for: category) else {
            throw DomainError.invalidValue(
                field: "vehicle.category",
                reason: "the service \"\(offer.name)\" does not apply to \(category.rawValue)")
        }
        let interval = DateInterval(start: start, duration: TimeInterval(minutes * 60))
        let lanes = try await repos.lanes.list(of: centre.id)
        let inspectors = try await repos.inspectorSchedules.list(of: centre.id)
        let open = Availability(
            centre: centre, lanes: lanes, inspectors: inspectors, bookedLanes: [:], bookedInspectors: [:])
        guard open.pair(at: start, for: offer, category: category) != nil else {
            throw DomainError.invalidValue(
                field: "slotStart", reason: "is not a slot the centre offers for this service and category")
        }
        let booked = try await repos.appointments.holding(centre.id, during: interval).filter { $0.id != ignoring }
        let availability = Availability(
            centre: centre, lanes: lanes, inspectors: inspectors,
            bookedLanes: Dictionary(grouping: booked, by: \.laneID).mapValues { $0.map(\.interval) },
            bookedInspectors: Dictionary(grouping: booked, by: \.inspectorID).mapValues { $0.map(\.interval) })
        guard let slot = availability.pair(at: start, for: offer, category: category) else {
            throw InspectionError.slotTaken
        }
        return slot
    }

    // MARK: Reading

    public func appointment(_ id: AppointmentID, as principal: Principal) async throws -> Appointment {
        try requireAnyRead(principal)
        return try await persistence.read { (repos: any UsesAppointments & UsesVehicles) in
            try await visible(id, principal, repos)
        }
    }

    private func requireAnyRead(_ principal: Principal) throws {
        try AccessPolicy.require(.readAppointments, by: principal)
    }

    /// Staff read the organization's bookings (an inspector's day: `inspector` and `date`); a
    /// customer, their own. `date` is a day of the centre named, or of Brussels.
    public func appointments(
        _ filter: AppointmentFilter, date: String?, page: PageRequest, as principal: Principal
    ) async throws -> Page<Appointment> {
        try requireAnyRead(principal)
        var narrowed = filter
        if !Self.isStaff(principal) { narrowed.customer = principal.userID }
        return try await persistence.read { [narrowed] (repos: any UsesAppointments & UsesCentres) in
            var filter = narrowed
            var zone = TimeZone(identifier: "Europe/Brussels")!
            if let centre = filter.centre {
                zone = try await CentreService.visible(centre, principal, repos).timeZone
            }
            if let date {
                let day = try CalendarDate(parsing: date, field: "date")
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = zone
                let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
                let end = calendar.date(byAdding: .day, value: 1, to: start)!
                filter.during = DateInterval(start: start, end: end)
            }
            return try await repos.appointments.list(of: principal.organizationID, filter, page: page)
        }
    }

    // MARK: Changes

    /// Cancels under the centre's policy: free until its window closes, then the policy's fee.
    /// Staff may waive the fee.
    public func cancel(_ id: AppointmentID, reason: String?, waiveFee: Bool, as principal: Principal) async throws
        -> Appointment
    {
        try AccessPolicy.require(.bookAppointments, by: principal)
        if waiveFee { try AccessPolicy.require(.manageAppointments, by: principal) }
        return try await persistence.write { (repos: any UsesAppointments & UsesAudit & UsesCentres & UsesVehicles) in
            var appointment = try await visible(id, principal, repos)
            let centre = try await CentreService.visible(appointment.centreID, principal, repos)
            try appointment.cancel(
                by: principal.userID, reason: reason, policy: centre.policy, waivingFee: waiveFee, at: clock.now())
            try await repos.appointments.update(appointment)
            try await audit("appointment.cancelled", appointment, principal, repos)
            return appointment
        }
    }

    /// Check-in and no-shows, by the desk.
    public func perform(_ action: AppointmentAction, on id: AppointmentID, as principal: Principal) async throws
        -> Appointment
    {
        try AccessPolicy.require(.manageAppointments, by: principal)
        guard [.checkIn, .markNoShow].contains(action) else {
            throw DomainError.invalidValue(field: "action", reason: "is not one the desk performs")
        }
        return try await persistence.write { (repos: any UsesAppointments & UsesAudit & UsesVehicles) in
            var appointment = try await visible(id, principal, repos)
            try appointment.perform(action, at: clock.now())
            try await repos.appointments.update(appointment)
            try await audit("appointment.\(action.to.rawValue)", appointment, principal, repos)
            return appointment
        }
    }

    /// Moves the booking to another free slot; the payment stays with it.
    public func reschedule(_ id: AppointmentID, to start: Date?, as principal: Principal) async throws -> Appointment {
        if let start, start <= clock.now() {
            throw DomainError.invalidValue(field: "slotStart", reason: "has passed")
        }
        try AccessPolicy.require(.bookAppointments, by: principal)
        return try await Self.retryingLostRace {
            try await persistence.write {
                (
                    repos: any UsesAppointments & UsesAudit & UsesCentres & UsesInspectionOffers
                        & UsesInspectorSchedules & UsesLanes & UsesVehicles
                ) in
                var appointment = try await visible(id, principal, repos)
                guard let start else { throw DomainError.invalidValue(field: "slotStart", reason: "is required") }
                let centre = try await CentreService.visible(appointment.centreID, principal, repos)
                guard let offer = try await repos.inspectionOffers.find(appointment.offerID) else {
                    throw ApplicationError.notFound(entity: "service", id: appointment.offerID.description)
                }
                let slot = try await Self.slot(
                    at: start, centre: centre, offer: offer, category: appointment.category,
                    ignoring: appointment.id, repos)
                try appointment.reschedule(to: slot, at: clock.now())
                try await repos.appointments.update(appointment)
                try await audit("appointment.rescheduled", appointment, principal, repos)
                return appointment
            }
        }
    }

    /// Gives the booking to another inspector of the centre: certified for the category, at work
    /// then and free (409 `slot_taken` otherwise).
    public func assign(_ id: AppointmentID, to inspector: UUID?, as principal: Principal) async throws -> Appointment {
        try AccessPolicy.require(.manageAppointments, by: principal)
        return try await persistence.write {
            (repos: any UsesAppointments & UsesAudit & UsesCentres & UsesInspectorSchedules & UsesVehicles) in
            var appointment = try await visible(id, principal, repos)
            guard let inspector = inspector.map(UserID.init) else {
                throw DomainError.invalidValue(field: "inspectorId", reason: "is required")
            }
            let centre = try await CentreService.visible(appointment.centreID, principal, repos)
            let day = CalendarDate(dayOf: appointment.start, in: centre.timeZone)
            let midnight = centre.instant(day, minutes: 0)
            let span = try DaySpan(
                start: Int(appointment.start.timeIntervalSince(midnight) / 60),
                end: Int(appointment.end.timeIntervalSince(midnight) / 60))
            guard
                let schedule = try await repos.inspectorSchedules.list(of: centre.id).first(where: {
                    $0.inspectorID == inspector
                }), schedule.categories.contains(appointment.category), schedule.works(span, on: day)
            else {
                throw DomainError.invalidValue(
                    field: "inspectorId", reason: "is not an inspector of this centre certified and at work then")
            }
            let busy = try await repos.appointments.holding(centre.id, during: appointment.interval).contains {
                $0.id != appointment.id && $0.inspectorID == inspector
            }
            guard !busy else { throw InspectionError.slotTaken }
            try appointment.assign(inspector, at: clock.now())
            try await repos.appointments.update(appointment)
            try await audit("appointment.reassigned", appointment, principal, repos)
            return appointment
        }
    }

    // MARK: Holds

    /// Cancels the held bookings whose prepayment did not come in time: their slots are free again.
    public func runHoldsJob() async throws -> JobReport {
        let now = clock.now()
        return try await persistence.write { (repos: any UsesAppointments & UsesAudit) in
            var released = 0
            for var appointment in try await repos.appointments.lapsedHolds(at: now) {
                guard appointment.holdHasLapsed(at: now) else { continue }
                try appointment.cancel(
                    by: nil, reason: Appointment.holdExpiredReason, policy: .standard, waivingFee: true, at: now)
                try await repos.appointments.update(appointment)
                try await audit("appointment.hold_expired", appointment, nil, repos)
                released += 1
            }
            return JobReport(job: Self.holdsJob, ran: true, created: released)
        }
    }
}
