import Application
import Domain
import Foundation
import Hummingbird

struct ResourceRequest: Decodable {
    let name: String?
    let kind: String?
    let description: String?
}

struct BookingPolicyRequest: Decodable {
    struct Hours: Decodable {
        let weekday: Int
        let opens: String
        let closes: String
    }

    let minimumMinutes: Int?
    let maximumMinutes: Int?
    let advanceDays: Int?
    let maxActivePerResident: Int?
    let cancellationCutoffHours: Int?
    let requiresApproval: Bool?
    let checkInWindowMinutes: Int?
    let openingHours: [Hours]?
    let deposit: Int?

    var input: BookingPolicyInput {
        BookingPolicyInput(
            minimumMinutes: minimumMinutes, maximumMinutes: maximumMinutes, advanceDays: advanceDays,
            maxActivePerResident: maxActivePerResident, cancellationCutoffHours: cancellationCutoffHours,
            requiresApproval: requiresApproval, checkInWindowMinutes: checkInWindowMinutes,
            openingHours: openingHours?.map { ($0.weekday, $0.opens, $0.closes) }, deposit: deposit)
    }
}

struct BookingPolicyResponse: Encodable {
    struct Hours: Encodable {
        let weekday: Int
        let opens, closes: String
    }

    let minimumMinutes, maximumMinutes, advanceDays, maxActivePerResident, cancellationCutoffHours: Int
    let requiresApproval: Bool
    let checkInWindowMinutes: Int
    let openingHours: [Hours]
    let deposit: Int

    init(_ policy: BookingPolicy) {
        minimumMinutes = policy.minimumMinutes
        maximumMinutes = policy.maximumMinutes
        advanceDays = policy.advanceDays
        maxActivePerResident = policy.maxActivePerResident
        cancellationCutoffHours = policy.cancellationCutoffHours
        requiresApproval = policy.requiresApproval
        checkInWindowMinutes = policy.checkInWindowMinutes
        openingHours = policy.openingHours.map {
            Hours(weekday: $0.weekday, opens: OpeningHours.text($0.opens), closes: OpeningHours.text($0.closes))
        }
        deposit = policy.deposit
    }
}

struct ResourceResponse: ResponseEncodable {
    let id, buildingId, name, kind: String
    let description: String?
    let policy: BookingPolicyResponse
    let createdAt: Date

    init(_ resource: Resource) {
        id = resource.id.description
        buildingId = resource.buildingID.description
        name = resource.name
        kind = resource.kind.rawValue
        description = resource.description
        policy = BookingPolicyResponse(resource.policy)
        createdAt = resource.createdAt
    }
}

struct BookingRequest: Decodable {
    let start: Date?
    let end: Date?
    /// Weekly occurrences in all, the first included (1 to 14).
    let weeks: Int?
}

struct BookingResponse: ResponseEncodable {
    let id, resourceId, buildingId, status: String
    let start, end: Date
    let seriesId: String?
    let deposit: Int
    /// The booker, shown to themselves and to the syndic only.
    let bookerId: String?
    let mine: Bool
    let createdAt: Date

    init(_ booking: Booking, for principal: Principal) {
        id = booking.id.description
        resourceId = booking.resourceID.description
        buildingId = booking.buildingID.description
        status = booking.status.rawValue
        start = booking.start
        end = booking.end
        seriesId = booking.seriesID?.uuidString.lowercased()
        deposit = booking.deposit
        mine = booking.bookerID == principal.userID
        bookerId =
            mine || AccessPolicy.allows(principal, .manageCommunity) ? booking.bookerID.description : nil
        createdAt = booking.createdAt
    }
}

struct SlotResponse: Encodable {
    let start, end: Date
}

extension CommunityRoutes {
    func addBookingRoutes(to group: RouterGroup<AuthenticatedContext>) {
        let service = services.bookings
        group.post("buildings/{id}/resources") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(ResourceRequest.self, context: context)
            let input = ResourceInput(name: body.name, kind: body.kind, description: body.description)
            return EditedResponse(
                status: .created,
                response: ResourceResponse(try await service.createResource(input, in: building, as: context.principal))
            )
        }
        group.get("buildings/{id}/resources") { _, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            return DataResponse(
                data: try await service.resources(in: building, as: context.principal).map(ResourceResponse.init))
        }
        group.get("resources/{id}") { _, context in
            ResourceResponse(try await service.resource(try resourceID(context), as: context.principal))
        }
        group.put("resources/{id}/policy") { request, context in
            let id = try resourceID(context)
            let body = try await request.decodeJSON(BookingPolicyRequest.self, context: context)
            return ResourceResponse(try await service.setPolicy(id, body.input, as: context.principal))
        }
        group.post("resources/{id}/bookings") { request, context in
            let id = try resourceID(context)
            let body = try await request.decodeJSON(BookingRequest.self, context: context)
            guard let start = body.start else { throw RequestError.missingField("start") }
            guard let end = body.end else { throw RequestError.missingField("end") }
            let booked = try await service.book(
                id, start: start, end: end, weeks: body.weeks ?? 1, as: context.principal)
            return EditedResponse(
                status: .created,
                response: DataResponse(data: booked.map { BookingResponse($0, for: context.principal) }))
        }
        group.get("resources/{id}/bookings") { request, context in
            let id = try resourceID(context)
            let bookings = try await service.bookings(
                of: id, from: try request.calendarQuery("from"), to: try request.calendarQuery("to"),
                as: context.principal)
            return DataResponse(data: bookings.map { BookingResponse($0, for: context.principal) })
        }
        group.get("resources/{id}/availability") { request, context in
            let id = try resourceID(context)
            let slots = try await service.availability(
                of: id, from: try request.calendarQuery("from"), to: try request.calendarQuery("to"),
                as: context.principal)
            return DataResponse(data: slots.map { SlotResponse(start: $0.lowerBound, end: $0.upperBound) })
        }
        group.get("me/bookings") { request, context in
            let page = try await service.mine(page: try request.pageRequest(), as: context.principal)
            return ListResponse(page) { BookingResponse($0, for: context.principal) }
        }
        group.get("bookings/{id}") { _, context in
            BookingResponse(
                try await service.booking(try bookingID(context), as: context.principal), for: context.principal)
        }
        group.post("bookings/{id}/approve") { _, context in
            BookingResponse(
                try await service.approve(try bookingID(context), as: context.principal), for: context.principal)
        }
        group.post("bookings/{id}/check-in") { _, context in
            BookingResponse(
                try await service.checkIn(try bookingID(context), as: context.principal), for: context.principal)
        }
        group.post("bookings/{id}/cancel") { _, context in
            BookingResponse(
                try await service.cancel(try bookingID(context), as: context.principal), for: context.principal)
        }
    }

    private func resourceID(_ context: AuthenticatedContext) throws -> ResourceID {
        try context.parameters.id(as: ResourceID.self, entity: "resource")
    }

    private func bookingID(_ context: AuthenticatedContext) throws -> BookingID {
        try context.parameters.id(as: BookingID.self, entity: "booking")
    }
}

extension Request {
    /// An optional `YYYY-MM-DD` query parameter; another value is a bad parameter.
    func calendarQuery(_ name: String) throws -> CalendarDate? {
        guard let raw = uri.queryParameters.get(name) else { return nil }
        guard let day = try? CalendarDate(parsing: String(raw)) else {
            throw RequestError.invalidParameter(name: name, reason: "must be a date YYYY-MM-DD")
        }
        return day
    }
}

extension BookingRefusal: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .blocked: Problem(.forbidden, code: code, detail: description)
        default: Problem(.unprocessableContent, code: code, detail: description)
        }
    }
}
