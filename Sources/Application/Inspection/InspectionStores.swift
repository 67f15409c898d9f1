public import Domain
public import Foundation

public protocol CentreRepository: Sendable {
    /// Throws `InspectionError.slugTaken` when the slug is taken (slugs are unique across organizations).
    func insert(_ centre: Centre) async throws
    func find(_ id: CentreID) async throws -> Centre?
    /// The centre whose public page has this name.
    func find(slug: String) async throws -> Centre?
    /// Stores the hours, the closures and the holiday rule.
    func update(_ centre: Centre) async throws
    /// By name.
    func list(of organization: OrganizationID) async throws -> [Centre]
}

public protocol LaneRepository: Sendable {
    func insert(_ lane: Lane, organization: OrganizationID) async throws
    /// By name.
    func list(of centre: CentreID) async throws -> [Lane]
}

public protocol InspectionOfferRepository: Sendable {
    func insert(_ offer: InspectionOffer, organization: OrganizationID) async throws
    func find(_ id: InspectionOfferID) async throws -> InspectionOffer?
    /// By name.
    func list(of centre: CentreID) async throws -> [InspectionOffer]
}

public protocol InspectorScheduleRepository: Sendable {
    /// Adds the schedule, or replaces the inspector's at that centre.
    func save(_ schedule: InspectorSchedule, organization: OrganizationID) async throws
    func list(of centre: CentreID) async throws -> [InspectorSchedule]
}

public protocol VehicleRepository: Sendable {
    /// Throws `InspectionError.plateTaken` when the organization has a vehicle with that plate.
    func insert(_ vehicle: Vehicle) async throws
    func find(_ id: VehicleID) async throws -> Vehicle?
    func find(plate: Plate, in organization: OrganizationID) async throws -> Vehicle?
    func update(_ vehicle: Vehicle) async throws
    /// By plate; a customer's own when `customer` is given.
    func list(of organization: OrganizationID, customer: UserID?, page: PageRequest) async throws -> Page<Vehicle>
}

/// What an appointment list is narrowed to.
public struct AppointmentFilter: Sendable, Equatable {
    public var centre: CentreID?
    public var inspector: UserID?
    public var customer: UserID?
    public var vehicle: VehicleID?
    public var status: AppointmentStatus?
    /// Starting within these instants.
    public var during: DateInterval?

    public init(
        centre: CentreID? = nil, inspector: UserID? = nil, customer: UserID? = nil, vehicle: VehicleID? = nil,
        status: AppointmentStatus? = nil, during: DateInterval? = nil
    ) {
        self.centre = centre
        self.inspector = inspector
        self.customer = customer
        self.vehicle = vehicle
        self.status = status
        self.during = during
    }
}

public protocol AppointmentRepository: Sendable {
    /// Throws `InspectionError.slotTaken` when the database refuses an overlap on the lane or
    /// the inspector (PostgreSQL's exclusion constraints).
    func insert(_ appointment: Appointment) async throws
    func find(_ id: AppointmentID) async throws -> Appointment?
    /// Stores the status, times, lane, inspector, hold and cancellation; `InspectionError.slotTaken`
    /// as `insert`.
    func update(_ appointment: Appointment) async throws
    /// The centre's appointments holding their slot (any status but cancelled and no-show) that
    /// overlap the interval.
    func holding(_ centre: CentreID, during interval: DateInterval) async throws -> [Appointment]
    /// The centre's appointments of any status starting within the interval (at most 20,000).
    func starting(at centre: CentreID, during interval: DateInterval) async throws -> [Appointment]
    /// By start, in the organization.
    func list(of organization: OrganizationID, _ filter: AppointmentFilter, page: PageRequest) async throws
        -> Page<Appointment>
    /// Held bookings whose hold ended at or before `now` (at most 500, the oldest first).
    func lapsedHolds(at now: Date) async throws -> [Appointment]
}

public protocol ChecklistRepository: Sendable {
    /// Throws `InspectionError.checklistVersionTaken` when another version was just written.
    func insert(_ checklist: Checklist, centre: CentreID, organization: OrganizationID, at now: Date) async throws
    func find(_ id: ChecklistID) async throws -> Checklist?
    /// The highest version for a service and category.
    func latest(of offer: InspectionOfferID, category: VehicleCategory) async throws -> Checklist?
}

public protocol VehicleInspectionRepository: Sendable {
    /// Throws `InspectionError.alreadyInspected` for a second inspection of one booking.
    func insert(_ inspection: VehicleInspection) async throws
    func find(_ id: VehicleInspectionID) async throws -> VehicleInspection?
    /// The completed inspection whose certificate has this code.
    func find(certificate code: String) async throws -> VehicleInspection?
    /// Stores the outcomes, and the verdict once completed.
    func update(_ inspection: VehicleInspection) async throws
    /// The vehicle's inspections, the latest first (200 at most).
    func list(of vehicle: VehicleID) async throws -> [VehicleInspection]
}

/// The inspection centre module's stores.
public protocol InspectionStores:
    UsesCentres,
    UsesLanes,
    UsesInspectionOffers,
    UsesInspectorSchedules,
    UsesVehicles,
    UsesAppointments,
    UsesChecklists,
    UsesVehicleInspections,
    UsesPaymentAccounts,
    UsesPayments,
    UsesRefunds,
    UsesOwedRefunds,
    UsesPaymentEvents,
    UsesAppointmentLinks,
    UsesInspectionReminders,
    UsesAssistant
{}

/// A use case that reads or writes `centres`.
public protocol UsesCentres: Sendable { var centres: any CentreRepository { get } }

/// A use case that reads or writes `lanes`.
public protocol UsesLanes: Sendable { var lanes: any LaneRepository { get } }

/// A use case that reads or writes `inspectionOffers`.
public protocol UsesInspectionOffers: Sendable { var inspectionOffers: any InspectionOfferRepository { get } }

/// A use case that reads or writes `inspectorSchedules`.
public protocol UsesInspectorSchedules: Sendable { var inspectorSchedules: any InspectorScheduleRepository { get } }

/// A use case that reads or writes `vehicles`.
public protocol UsesVehicles: Sendable { var vehicles: any VehicleRepository { get } }

/// A use case that reads or writes `appointments`.
public protocol UsesAppointments: Sendable { var appointments: any AppointmentRepository { get } }

/// A use case that reads or writes `checklists`.
public protocol UsesChecklists: Sendable { var checklists: any ChecklistRepository { get } }

/// A use case that reads or writes `vehicleInspections`.
public protocol UsesVehicleInspections: Sendable { var vehicleInspections: any VehicleInspectionRepository { get } }

/// A use case that reads or writes `paymentAccounts`.
public protocol UsesPaymentAccounts: Sendable { var paymentAccounts: any PaymentProviderAccountRepository { get } }

/// A use case that reads or writes `payments`.
public protocol UsesPayments: Sendable { var payments: any PaymentRepository { get } }

/// A use case that reads or writes `refunds`.
public protocol UsesRefunds: Sendable { var refunds: any RefundRepository { get } }

/// A use case that reads or writes `owedRefunds`.
public protocol UsesOwedRefunds: Sendable { var owedRefunds: any OwedRefundRepository { get } }

/// A use case that reads or writes `paymentEvents`.
public protocol UsesPaymentEvents: Sendable { var paymentEvents: any PaymentEventRepository { get } }

/// A use case that reads or writes `appointmentLinks`.
public protocol UsesAppointmentLinks: Sendable { var appointmentLinks: any AppointmentLinkRepository { get } }

/// A use case that reads or writes `inspectionReminders`.
public protocol UsesInspectionReminders: Sendable { var inspectionReminders: any InspectionReminderRepository { get } }

/// A use case that reads or writes `assistant`.
public protocol UsesAssistant: Sendable { var assistant: any AssistantRepository { get } }

public protocol AppointmentLinkRepository: Sendable {
    func insert(_ link: AppointmentLink, at now: Date) async throws
    func find(tokenHash: String) async throws -> AppointmentLink?
    /// Marks the link used; false when it was used already (by a concurrent call).
    func markUsed(tokenHash: String, at now: Date) async throws -> Bool
}

public protocol InspectionReminderRepository: Sendable {
    /// Confirmed bookings starting after `after` and at or before `until` without a reminder yet,
    /// the soonest first (500 at most).
    func appointmentsToRemind(after: Date, until: Date) async throws -> [Appointment]
    func markReminded(_ appointment: AppointmentID, organization: OrganizationID, at now: Date) async throws
    /// Completed inspections, each its vehicle's latest, whose next inspection is due from
    /// `from` to `to` and whose owner was not reminded of that date yet (500 at most).
    func inspectionsDue(from: CalendarDate, to: CalendarDate) async throws -> [VehicleInspection]
    func markDueReminded(_ vehicle: VehicleID, due: CalendarDate, organization: OrganizationID, at now: Date)
        async throws
}

/// The single-use links mailed with bookings (cancel, pay, reschedule), as the three public
/// routes that take one check them.
enum MailedLink {
    /// The token as the client sent it: required, at most 200 bytes.
    static func token(_ token: String?) throws -> String {
        guard let token, !token.isEmpty, token.utf8.count <= 200 else {
            throw DomainError.invalidValue(field: "token", reason: "is required")
        }
        return token
    }

    /// The usable link of `action` whose token has this digest, with its booking and centre; any
    /// other token (unknown, used, expired, another action's) is `unknownLink`.
    static func open(
        _ hash: String, _ action: AppointmentLinkAction, at now: Date,
        _ repos: any UsesAppointmentLinks & UsesAppointments & UsesCentres
    )
        async throws -> (link: AppointmentLink, appointment: Appointment, centre: Centre)
    {
        guard let link = try await repos.appointmentLinks.find(tokenHash: hash), link.action == action,
            link.isUsable(at: now), let appointment = try await repos.appointments.find(link.appointmentID),
            let centre = try await repos.centres.find(appointment.centreID)
        else { throw InspectionError.unknownLink }
        return (link, appointment, centre)
    }

    /// Marks the link used, once: a concurrent request that used it first makes this `unknownLink`.
    static func markUsed(_ hash: String, at now: Date, _ repos: any UsesAppointmentLinks) async throws {
        guard try await repos.appointmentLinks.markUsed(tokenHash: hash, at: now) else {
            throw InspectionError.unknownLink
        }
    }
}
