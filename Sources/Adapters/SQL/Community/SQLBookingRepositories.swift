import Application
import Domain
import Foundation
import SQLKit

struct ResourceRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let name: String
    let kind: String
    let description: String?
    let minimumMinutes: Int
    let maximumMinutes: Int
    let advanceDays: Int
    let maxActivePerResident: Int
    let cancellationCutoffHours: Int
    let requiresApproval: Bool
    let checkInWindowMinutes: Int
    let openingHours: String
    let deposit: Int
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, kind, description, deposit
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case minimumMinutes = "minimum_minutes"
        case maximumMinutes = "maximum_minutes"
        case advanceDays = "advance_days"
        case maxActivePerResident = "max_active_per_resident"
        case cancellationCutoffHours = "cancellation_cutoff_hours"
        case requiresApproval = "requires_approval"
        case checkInWindowMinutes = "check_in_window_minutes"
        case openingHours = "opening_hours"
        case createdAt = "created_at"
    }

    /// One range of opening hours as stored (minutes from midnight).
    struct Hours: Codable {
        let weekday: Int
        let opens: Int
        let closes: Int
    }

    init(_ resource: Resource) {
        id = resource.id.rawValue
        organizationId = resource.organizationID.rawValue
        buildingId = resource.buildingID.rawValue
        name = resource.name
        kind = resource.kind.rawValue
        description = resource.description
        let policy = resource.policy
        minimumMinutes = policy.minimumMinutes
        maximumMinutes = policy.maximumMinutes
        advanceDays = policy.advanceDays
        maxActivePerResident = policy.maxActivePerResident
        cancellationCutoffHours = policy.cancellationCutoffHours
        requiresApproval = policy.requiresApproval
        checkInWindowMinutes = policy.checkInWindowMinutes
        let hours = policy.openingHours.map { Hours(weekday: $0.weekday, opens: $0.opens, closes: $0.closes) }
        openingHours = (try? JSONEncoder().encode(hours)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        deposit = policy.deposit
        createdAt = resource.createdAt
    }

    func domain() throws -> Resource {
        guard let kind = Resource.Kind(rawValue: kind),
            let hours = try? JSONDecoder().decode([Hours].self, from: Data(openingHours.utf8))
        else { throw CorruptRow(table: "resources", reason: "kind or opening hours of \(id)") }
        let policy = try BookingPolicy(
            minimumMinutes: minimumMinutes, maximumMinutes: maximumMinutes, advanceDays: advanceDays,
            maxActivePerResident: maxActivePerResident, cancellationCutoffHours: cancellationCutoffHours,
            requiresApproval: requiresApproval, checkInWindowMinutes: checkInWindowMinutes,
            openingHours: try hours.map { try OpeningHours(weekday: $0.weekday, opens: $0.opens, closes: $0.closes) },
            deposit: deposit)
        return try Resource(
            id: ResourceID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            name: name, kind: kind, description: description, policy: policy, createdAt: createdAt)
    }
}

struct SQLResourceRepository: ResourceRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ resource: Resource) async throws {
        try await db.insert(into: "resources").model(ResourceRow(resource), nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: ResourceID) async throws -> Resource? {
        try await db.select().columns("*").from("resources").where("id", .equal, id.rawValue)
            .first(decoding: ResourceRow.self, with: rowDecoder)?.domain()
    }

    func update(_ resource: Resource) async throws {
        let row = ResourceRow(resource)
        try await db.update("resources").set("name", to: row.name).set("kind", to: row.kind)
            .set("description", to: row.description).set("minimum_minutes", to: row.minimumMinutes)
            .set("maximum_minutes", to: row.maximumMinutes).set("advance_days", to: row.advanceDays)
            .set("max_active_per_resident", to: row.maxActivePerResident)
            .set("cancellation_cutoff_hours", to: row.cancellationCutoffHours)
            .set("requires_approval", to: row.requiresApproval)
            .set("check_in_window_minutes", to: row.checkInWindowMinutes).set("opening_hours", to: row.openingHours)
            .set("deposit", to: row.deposit).where("id", .equal, row.id).run()
    }

    func lock(_ id: ResourceID) async throws {
        try await db.lockRow(of: "resources", id: id.rawValue, dialect: dialect)
    }

    func list(in building: BuildingID) async throws -> [Resource] {
        try await db.select().columns("*").from("resources").where("building_id", .equal, building.rawValue)
            .orderBy("name").orderBy("id").limit(500)
            .all(decoding: ResourceRow.self, with: rowDecoder).map { try $0.domain() }
    }
}

struct BookingRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let resourceId: UUID
    let bookerId: UUID
    let startsAt: Date
    let endsAt: Date
    let seriesId: UUID?
    let deposit: Int
    let status: String
    let createdAt: Date
    let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, deposit, status
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case resourceId = "resource_id"
        case bookerId = "booker_id"
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case seriesId = "series_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ booking: Booking) {
        id = booking.id.rawValue
        organizationId = booking.organizationID.rawValue
        buildingId = booking.buildingID.rawValue
        resourceId = booking.resourceID.rawValue
        bookerId = booking.bookerID.rawValue
        startsAt = booking.start
        endsAt = booking.end
        seriesId = booking.seriesID
        deposit = booking.deposit
        status = booking.status.rawValue
        createdAt = booking.createdAt
        updatedAt = booking.updatedAt
    }

    func domain() throws -> Booking {
        guard let status = Booking.Status(rawValue: status) else {
            throw CorruptRow(table: "bookings", reason: "status of \(id)")
        }
        return Booking(
            id: BookingID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            resourceID: ResourceID(resourceId), bookerID: UserID(bookerId), start: startsAt, end: endsAt,
            seriesID: seriesId, deposit: deposit, status: status, createdAt: createdAt, updatedAt: updatedAt)
    }
}

struct SQLBookingRepository: BookingRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    private static let holding = Booking.Status.holding.map(\.rawValue)

    func insert(_ booking: Booking) async throws {
        do {
            try await db.insert(into: "bookings").model(BookingRow(booking), nilEncodingStrategy: .asNil).run()
        } catch  where dialect.isExclusionViolation(error) {
            throw BookingOverlap()
        }
    }

    func find(_ id: BookingID) async throws -> Booking? {
        try await db.select().columns("*").from("bookings").where("id", .equal, id.rawValue)
            .first(decoding: BookingRow.self, with: rowDecoder)?.domain()
    }

    func update(_ booking: Booking) async throws {
        try await db.update("bookings").set("status", to: booking.status.rawValue)
            .set("updated_at", to: booking.updatedAt).where("id", .equal, booking.id.rawValue).run()
    }

    private func during(_ resource: ResourceID, _ interval: Range<Date>) -> SQLSelectBuilder {
        db.select().columns("*").from("bookings").where("resource_id", .equal, resource.rawValue)
            .where("starts_at", .lessThan, interval.upperBound).where("ends_at", .greaterThan, interval.lowerBound)
    }

    func overlapping(_ resource: ResourceID, _ interval: Range<Date>) async throws -> [Booking] {
        try await during(resource, interval).where("status", .in, Self.holding).orderBy("starts_at").orderBy("id")
            .all(decoding: BookingRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func list(of resource: ResourceID, during interval: Range<Date>) async throws -> [Booking] {
        try await during(resource, interval).orderBy("starts_at").orderBy("id").limit(5000)
            .all(decoding: BookingRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func mine(_ user: UserID, in organization: OrganizationID, page: PageRequest) async throws -> Page<Booking> {
        let (rows, total) = try await db.page(
            "bookings", page, as: BookingRow.self,
            filtered: {
                $0.where("booker_id", .equal, user.rawValue).where("organization_id", .equal, organization.rawValue)
            },
            ordered: { $0.orderBy("starts_at", .descending).orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func activeCount(of user: UserID, on resource: ResourceID, at now: Date) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from("bookings")
            .where("booker_id", .equal, user.rawValue).where("resource_id", .equal, resource.rawValue)
            .where("status", .in, Self.holding).where("ends_at", .greaterThan, now)
            .first(decodingColumn: "count", as: Int.self) ?? 0
    }

    func noShows(of user: UserID, in building: BuildingID, since: Date) async throws -> [Date] {
        try await db.select().column("starts_at").from("bookings").where("booker_id", .equal, user.rawValue)
            .where("building_id", .equal, building.rawValue).where("status", .equal, Booking.Status.noShow.rawValue)
            .where("starts_at", .greaterThanOrEqual, since).orderBy("starts_at").limit(500)
            .all(decodingColumn: "starts_at", as: Date.self)
    }

    func unsettled(at now: Date) async throws -> [Booking] {
        try await db.select().columns("*").from("bookings")
            .where {
                $0.where {
                    $0.where("status", .in, [Booking.Status.pending.rawValue, Booking.Status.confirmed.rawValue])
                        .where("starts_at", .lessThanOrEqual, now)
                }
                .orWhere {
                    $0.where("status", .equal, Booking.Status.checkedIn.rawValue).where(
                        "ends_at", .lessThanOrEqual, now)
                }
            }
            .orderBy("starts_at").orderBy("id").limit(1000)
            .all(decoding: BookingRow.self, with: rowDecoder).map { try $0.domain() }
    }
}
