import Application
import Domain
import Foundation
import HTTPTypes
import Hummingbird

struct VehicleRequest: Decodable {
    let plate, vin, make, model, category, fuel, firstRegistration: String?

    var input: VehicleInput {
        VehicleInput(
            plate: plate, vin: vin, make: make, model: model, category: category, fuel: fuel,
            firstRegistration: firstRegistration)
    }
}

struct ContactRequest: Decodable {
    let name, email, phone: String?

    var input: ContactInput { ContactInput(name: name, email: email, phone: phone) }
}

struct NewVehicleRequest: Decodable {
    let plate, vin, make, model, category, fuel, firstRegistration: String?
    let owner: ContactRequest?

    var input: VehicleInput {
        VehicleInput(
            plate: plate, vin: vin, make: make, model: model, category: category, fuel: fuel,
            firstRegistration: firstRegistration)
    }
}

struct AppointmentRequest: Decodable {
    let centreId, serviceId, vehicleId: UUID?
    let vehicle: VehicleRequest?
    let slotStart: Date?
    let contact: ContactRequest?

    var input: BookingInput {
        BookingInput(
            centreID: centreId, serviceID: serviceId, vehicleID: vehicleId, vehicle: vehicle?.input,
            slotStart: slotStart, contact: contact?.input)
    }
}

struct CancelAppointmentRequest: Decodable {
    let reason: String?
    let waiveFee: Bool?
}

struct RescheduleRequest: Decodable {
    let slotStart: Date?
}

struct AssignInspectorRequest: Decodable {
    let inspectorId: UUID?
}

struct ContactResponse: Encodable, Sendable {
    let name: String
    let email, phone: String?

    init(_ contact: ContactDetails) {
        name = contact.name
        email = contact.email?.value
        phone = contact.phone
    }
}

struct VehicleResponse: ResponseEncodable {
    let id, plate, category, fuel: String
    let vin, make, model: String?
    let vinCheckDigitValid: Bool?
    let firstRegistration: CalendarDate?
    let owner: ContactResponse
    let customerId: String?
    let createdAt: Date

    init(_ vehicle: Vehicle) {
        id = vehicle.id.description
        plate = vehicle.plate.value
        category = vehicle.category.rawValue
        fuel = vehicle.fuel.rawValue
        vin = vehicle.vin?.value
        vinCheckDigitValid = vehicle.vin?.hasValidCheckDigit
        make = vehicle.make
        model = vehicle.model
        firstRegistration = vehicle.firstRegistration
        owner = ContactResponse(vehicle.owner)
        customerId = vehicle.customerID?.description
        createdAt = vehicle.createdAt
    }
}

struct AppointmentResponse: ResponseEncodable {
    struct CancellationResponse: Encodable, Sendable {
        let at: Date
        let reason: String?
        let late: Bool
        let fee: String
    }

    let id, centreId, serviceId, vehicleId, category, laneId, inspectorId, status, price: String
    let customerId: String?
    let contact: ContactResponse
    let start, end: Date
    let holdExpiresAt: Date?
    let cancellation: CancellationResponse?
    let createdAt, updatedAt: Date

    init(_ appointment: Appointment) {
        id = appointment.id.description
        centreId = appointment.centreID.description
        serviceId = appointment.offerID.description
        vehicleId = appointment.vehicleID.description
        category = appointment.category.rawValue
        laneId = appointment.laneID.description
        inspectorId = appointment.inspectorID.description
        status = appointment.status.rawValue
        price = appointment.price.decimalString
        customerId = appointment.customerID?.description
        contact = ContactResponse(appointment.contact)
        start = appointment.start
        end = appointment.end
        holdExpiresAt = appointment.holdExpiresAt
        cancellation = appointment.cancellation.map {
            CancellationResponse(at: $0.at, reason: $0.reason, late: $0.late, fee: $0.fee.decimalString)
        }
        createdAt = appointment.createdAt
        updatedAt = appointment.updatedAt
    }
}

struct LinkRequest: Decodable {
    let token: String?
}

/// What a cancel link's holder learns: the booking's state, nobody's details.
struct LinkedAppointmentResponse: ResponseEncodable {
    let id, status: String
    let start, end: Date
    let cancellation: AppointmentResponse.CancellationResponse?

    init(_ appointment: Appointment) {
        id = appointment.id.description
        status = appointment.status.rawValue
        start = appointment.start
        end = appointment.end
        cancellation = appointment.cancellation.map {
            AppointmentResponse.CancellationResponse(
                at: $0.at, reason: $0.reason, late: $0.late, fee: $0.fee.decimalString)
        }
    }
}

/// Vehicles and appointments: `/vehicles…` and `/appointments…`; without an account, the
/// reminder's single-use cancel link (`/public/appointments/cancel`).
struct AppointmentRoutes {
    let appointments: AppointmentService
    let reminders: InspectionReminderService

    func addPublic(to group: RouterGroup<AppRequestContext>) {
        let reminders = reminders
        group.post("public/appointments/cancel") { request, context in
            let body = try await request.decodeJSON(LinkRequest.self, context: context)
            return LinkedAppointmentResponse(try await reminders.cancel(link: body.token))
        }
    }

    func add(to group: RouterGroup<AuthenticatedContext>) {
        let service = appointments
        @Sendable func appointmentID(_ context: AuthenticatedContext) throws -> AppointmentID {
            try context.parameters.id(as: AppointmentID.self, entity: "appointment")
        }
        group.post("vehicles") { request, context in
            let body = try await request.decodeJSON(NewVehicleRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: VehicleResponse(
                    try await service.addVehicle(body.input, owner: body.owner?.input, as: context.principal)))
        }
        group.get("vehicles") { request, context in
            ListResponse(try await service.vehicles(page: try request.pageRequest(), as: context.principal)) {
                VehicleResponse($0)
            }
        }
        group.get("vehicles/{id}") { _, context in
            VehicleResponse(
                try await service.vehicle(
                    try context.parameters.id(as: VehicleID.self, entity: "vehicle"), as: context.principal))
        }
        group.post("appointments") { request, context in
            let body = try await request.decodeJSON(AppointmentRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: AppointmentResponse(try await service.book(body.input, as: context.principal))
            )
        }
        group.get("appointments") { request, context in
            let filter = AppointmentFilter(
                centre: try request.idQuery("centre_id", as: CentreID.self),
                inspector: try request.idQuery("inspector_id", as: UserID.self),
                vehicle: try request.idQuery("vehicle_id", as: VehicleID.self),
                status: try request.enumQuery("status", as: AppointmentStatus.self))
            let page = try await service.appointments(
                filter, date: try request.textQuery("date", maxLength: 10), page: try request.pageRequest(),
                as: context.principal)
            return ListResponse(page) { AppointmentResponse($0) }
        }
        group.get("appointments/{id}") { _, context in
            AppointmentResponse(try await service.appointment(try appointmentID(context), as: context.principal))
        }
        group.post("appointments/{id}/cancel") { request, context in
            let id = try appointmentID(context)
            let body = try await request.decodeOptionalJSON(CancelAppointmentRequest.self, context: context)
            return AppointmentResponse(
                try await service.cancel(
                    id, reason: body?.reason, waiveFee: body?.waiveFee ?? false, as: context.principal))
        }
        group.post("appointments/{id}/reschedule") { request, context in
            let id = try appointmentID(context)
            let body = try await request.decodeJSON(RescheduleRequest.self, context: context)
            return AppointmentResponse(try await service.reschedule(id, to: body.slotStart, as: context.principal))
        }
        group.put("appointments/{id}/inspector") { request, context in
            let id = try appointmentID(context)
            let body = try await request.decodeJSON(AssignInspectorRequest.self, context: context)
            return AppointmentResponse(try await service.assign(id, to: body.inspectorId, as: context.principal))
        }
        for (path, action) in [("check-in", AppointmentAction.checkIn), ("no-show", .markNoShow)] {
            group.post("appointments/{id}/\(path)") { _, context in
                AppointmentResponse(
                    try await service.perform(action, on: try appointmentID(context), as: context.principal))
            }
        }
    }
}
