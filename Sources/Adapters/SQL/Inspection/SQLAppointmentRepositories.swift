import Application
import Domain
import Foundation
import SQLKit

struct VehicleRow: Codable {
    let id: UUID
    let organizationId: UUID
    let plate: String
    let vin, make, model: String?
    let category, fuel: String
    let firstRegistration: String?
    let ownerName: String
    let ownerEmail, ownerPhone: String?
    let customerId: UUID?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, plate, vin, make, model, category, fuel
        case organizationId = "organization_id"
        case firstRegistration = "first_registration"
        case ownerName = "owner_name"
        case ownerEmail = "owner_email"
        case ownerPhone = "owner_phone"
        case customerId = "customer_id"
        case createdAt = "created_at"
    }

    init(_ vehicle: Vehicle) {
        id = vehicle.id.rawValue
        organizationId = vehicle.organizationID.rawValue
        plate = vehicle.plate.value
        vin = vehicle.vin?.value
        make = vehicle.make
        model = vehicle.model
        category = vehicle.category.rawValue
        fuel = vehicle.fuel.rawValue
        firstRegistration = vehicle.firstRegistration?.description
        ownerName = vehicle.owner.name
        ownerEmail = vehicle.owner.email?.value
        ownerPhone = vehicle.owner.phone
        customerId = vehicle.customerID?.rawValue
        createdAt = vehicle.createdAt
    }

    func domain() throws -> Vehicle {
        guard let category = VehicleCategory(rawValue: category), let fuel = Fuel(rawValue: fuel) else {
            throw CorruptRow(table: "vehicles", reason: "category or fuel of \(id)")
        }
        return try Vehicle(
            id: VehicleID(id), organizationID: OrganizationID(organizationId), plate: try Plate(plate),
            vin: try vin.map { try VIN($0) }, make: make, model: model, category: category, fuel: fuel,
            firstRegistration: try firstRegistration.map { try CalendarDate(parsing: $0) },
            owner: try ContactDetails(name: ownerName, email: ownerEmail, phone: ownerPhone),
            customerID: customerId.map(UserID.init), createdAt: createdAt)
    }
}

struct SQLVehicleRepository: VehicleRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ vehicle: Vehicle) async throws {
        do {
            try await db.insert(into: "vehicles").model(VehicleRow(vehicle), nilEncodingStrategy: .asNil).run()
        } catch  where dialect.isUniqueViolation(error) {
            throw InspectionError.plateTaken(vehicle.plate.value)
        }
    }

    func find(_ id: VehicleID) async throws -> Vehicle? {
        try await db.select().columns("*").from("vehicles").where("id", .equal, id.rawValue)
            .first(decoding: VehicleRow.self, with: rowDecoder)?.domain()
    }

    func find(plate: Plate, in organization: OrganizationID) async throws -> Vehicle? {
        try await db.select().columns("*").from("vehicles").where("organization_id", .equal, organization.rawValue)
            .where("plate", .equal, plate.value).first(decoding: VehicleRow.self, with: rowDecoder)?.domain()
    }

    func update(_ vehicle: Vehicle) async throws {
        let row = VehicleRow(vehicle)
        try await db.update("vehicles").set("vin", to: row.vin).set("make", to: row.make).set("model", to: row.model)
            .set("fuel", to: row.fuel).set("first_registration", to: row.firstRegistration)
            .set("owner_name", to: row.ownerName).set("owner_email", to: row.ownerEmail)
            .set("owner_phone", to: row.ownerPhone).set("customer_id", to: row.customerId)
            .where("id", .equal, row.id).run()
    }

    func list(of organization: OrganizationID, customer: UserID?, page: PageRequest) async throws -> Page<Vehicle> {
        let (rows, total) = try await db.page(
            "vehicles", page, as: VehicleRow.self,
            filtered: { query in
                let mine = query.where("organization_id", .equal, organization.rawValue)
                return customer.map { mine.where("customer_id", .equal, $0.rawValue) } ?? mine
            },
            ordered: { $0.orderBy("plate").orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }
}

struct AppointmentRow: Codable {
    let id, organizationId, centreId, serviceId, vehicleId: UUID
    let category: String
    let laneId, inspectorId: UUID
    let customerId: UUID?
    let contactName: String
    let contactEmail, contactPhone: String?
    let startsAt, endsAt: Date
    let status: String
    let price: Int64
    let holdExpiresAt, cancelledAt: Date?
    let cancelledBy: UUID?
    let cancellationReason: String?
    let cancellationLate: Bool?
    let cancellationFee: Int64?
    let createdAt, updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, category, status, price
        case organizationId = "organization_id"
        case centreId = "centre_id"
        case serviceId = "service_id"
        case vehicleId = "vehicle_id"
        case laneId = "lane_id"
        case inspectorId = "inspector_id"
        case customerId = "customer_id"
        case contactName = "contact_name"
        case contactEmail = "contact_email"
        case contactPhone = "contact_phone"
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case holdExpiresAt = "hold_expires_at"
        case cancelledAt = "cancelled_at"
        case cancelledBy = "cancelled_by"
        case cancellationReason = "cancellation_reason"
        case cancellationLate = "cancellation_late"
        case cancellationFee = "cancellation_fee"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ appointment: Appointment) {
        id = appointment.id.rawValue
        organizationId = appointment.organizationID.rawValue
        centreId = appointment.centreID.rawValue
        serviceId = appointment.offerID.rawValue
        vehicleId = appointment.vehicleID.rawValue
        category = appointment.category.rawValue
        laneId = appointment.laneID.rawValue
        inspectorId = appointment.inspectorID.rawValue
        customerId = appointment.customerID?.rawValue
        contactName = appointment.contact.name
        contactEmail = appointment.contact.email?.value
        contactPhone = appointment.contact.phone
        startsAt = appointment.start
        endsAt = appointment.end
        status = appointment.status.rawValue
        price = appointment.price.minorUnits
        holdExpiresAt = appointment.holdExpiresAt
        cancelledAt = appointment.cancellation?.at
        cancelledBy = appointment.cancellation?.by?.rawValue
        cancellationReason = appointment.cancellation?.reason
        cancellationLate = appointment.cancellation?.late
        cancellationFee = appointment.cancellation?.fee.minorUnits
        createdAt = appointment.createdAt
        updatedAt = appointment.updatedAt
    }

    func domain() throws -> Appointment {
        guard let category = VehicleCategory(rawValue: category), let status = AppointmentStatus(rawValue: status)
        else {
            throw CorruptRow(table: "appointments", reason: "category or status of \(id)")
        }
        let cancellation = try cancelledAt.map { at in
            try Appointment.Cancellation(
                at: at, by: cancelledBy.map(UserID.init), reason: cancellationReason, late: cancellationLate ?? false,
                fee: Money(minorUnits: cancellationFee ?? 0))
        }
        return Appointment(
            id: AppointmentID(id), organizationID: OrganizationID(organizationId), centreID: CentreID(centreId),
            offerID: InspectionOfferID(serviceId), vehicleID: VehicleID(vehicleId), category: category,
            laneID: LaneID(laneId), inspectorID: UserID(inspectorId), customerID: customerId.map(UserID.init),
            contact: try ContactDetails(name: contactName, email: contactEmail, phone: contactPhone), start: startsAt,
            end: endsAt, status: status, price: Money(minorUnits: price), holdExpiresAt: holdExpiresAt,
            cancellation: cancellation, createdAt: createdAt, updatedAt: updatedAt)
    }
}

struct SQLAppointmentRepository: AppointmentRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    private static let holding = AppointmentStatus.allCases.filter(\.holdsSlot).map(\.rawValue)

    func insert(_ appointment: Appointment) async throws {
        do {
            try await db.insert(into: "appointments").model(AppointmentRow(appointment), nilEncodingStrategy: .asNil)
                .run()
        } catch  where dialect.isExclusionViolation(error) {
            throw InspectionError.slotTaken
        }
    }

    func find(_ id: AppointmentID) async throws -> Appointment? {
        try await db.select().columns("*").from("appointments").where("id", .equal, id.rawValue)
            .first(decoding: AppointmentRow.self, with: rowDecoder)?.domain()
    }

    func update(_ appointment: Appointment) async throws {
        let row = AppointmentRow(appointment)
        do {
            try await db.update("appointments").set("status", to: row.status).set("starts_at", to: row.startsAt)
                .set("ends_at", to: row.endsAt).set("lane_id", to: row.laneId).set("inspector_id", to: row.inspectorId)
                .set("hold_expires_at", to: row.holdExpiresAt).set("cancelled_at", to: row.cancelledAt)
                .set("cancelled_by", to: row.cancelledBy).set("cancellation_reason", to: row.cancellationReason)
                .set("cancellation_late", to: row.cancellationLate).set("cancellation_fee", to: row.cancellationFee)
                .set("updated_at", to: row.updatedAt).where("id", .equal, row.id).run()
        } catch  where dialect.isExclusionViolation(error) {
            throw InspectionError.slotTaken
        }
    }

    func holding(_ centre: CentreID, during interval: DateInterval) async throws -> [Appointment] {
        try await db.select().columns("*").from("appointments").where("centre_id", .equal, centre.rawValue)
            .where("starts_at", .lessThan, interval.end).where("ends_at", .greaterThan, interval.start)
            .where("status", .in, Self.holding).orderBy("starts_at").orderBy("id").limit(10_000)
            .all(decoding: AppointmentRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func starting(at centre: CentreID, during interval: DateInterval) async throws -> [Appointment] {
        try await db.select().columns("*").from("appointments").where("centre_id", .equal, centre.rawValue)
            .where("starts_at", .greaterThanOrEqual, interval.start).where("starts_at", .lessThan, interval.end)
            .orderBy("starts_at").orderBy("id").limit(20_000)
            .all(decoding: AppointmentRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func list(of organization: OrganizationID, _ filter: AppointmentFilter, page: PageRequest) async throws
        -> Page<Appointment>
    {
        let (rows, total) = try await db.page(
            "appointments", page, as: AppointmentRow.self,
            filtered: { query in
                var query = query.where("organization_id", .equal, organization.rawValue)
                if let centre = filter.centre { query = query.where("centre_id", .equal, centre.rawValue) }
                if let inspector = filter.inspector { query = query.where("inspector_id", .equal, inspector.rawValue) }
                if let customer = filter.customer { query = query.where("customer_id", .equal, customer.rawValue) }
                if let vehicle = filter.vehicle { query = query.where("vehicle_id", .equal, vehicle.rawValue) }
                if let status = filter.status { query = query.where("status", .equal, status.rawValue) }
                if let during = filter.during {
                    query = query.where("starts_at", .greaterThanOrEqual, during.start)
                        .where("starts_at", .lessThan, during.end)
                }
                return query
            },
            ordered: { $0.orderBy("starts_at").orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func lapsedHolds(at now: Date) async throws -> [Appointment] {
        try await db.select().columns("*").from("appointments")
            .where("status", .equal, AppointmentStatus.held.rawValue).where("hold_expires_at", .lessThanOrEqual, now)
            .orderBy("hold_expires_at").orderBy("id").limit(500)
            .all(decoding: AppointmentRow.self, with: rowDecoder).map { try $0.domain() }
    }
}
