import Application
import Domain
import Foundation
import HTTPTypes
import Hummingbird

struct CentreRequest: Decodable {
    let name, slug, address, timeZone: String?
    let hours: [String: [String]]?
    let closedOnPublicHolidays: Bool?

    var input: CentreInput {
        CentreInput(
            name: name, slug: slug, address: address, timeZone: timeZone, hours: hours,
            closedOnPublicHolidays: closedOnPublicHolidays)
    }
}

struct HoursRequest: Decodable {
    let hours: [String: [String]]?
    let closedOnPublicHolidays: Bool?
}

struct PolicyRequest: Decodable {
    let freeCancellationHours, lateCancellationFeePercent, holdMinutes, reinspectionDays: Int?
    let prepaymentRequired: Bool?
    let vatNumber: String?

    var input: PolicyInput {
        PolicyInput(
            freeCancellationHours: freeCancellationHours, lateCancellationFeePercent: lateCancellationFeePercent,
            prepaymentRequired: prepaymentRequired, holdMinutes: holdMinutes, vatNumber: vatNumber,
            reinspectionDays: reinspectionDays)
    }
}

struct ClosuresRequest: Decodable {
    let dates: [String]?
}

struct LaneRequest: Decodable {
    let name: String?
    let categories: [String]?
}

struct OfferRequest: Decodable {
    let kind, name: String?
    let durations: [String: Int]?
    let price, vatRate: String?
}

struct ScheduleRequest: Decodable {
    struct Absence: Decodable {
        let from, to, reason: String?
    }

    let centreId: UUID?
    let hours: [String: [String]]?
    let exceptions: [Absence]?
    let categories: [String]?
}

struct CentreResponse: ResponseEncodable {
    let id, name, slug, address, timeZone: String
    let hours: [String: [String]]
    let closures: [CalendarDate]
    let closedOnPublicHolidays: Bool
    let bookingPolicy: PolicyResponse
    let vatNumber: String?
    let createdAt: Date

    struct PolicyResponse: Encodable, Sendable {
        let freeCancellationHours, lateCancellationFeePercent, holdMinutes, reinspectionDays: Int
        let prepaymentRequired: Bool
    }

    init(_ centre: Centre) {
        id = centre.id.description
        name = centre.name
        slug = centre.slug
        address = centre.address
        timeZone = centre.timeZone.identifier
        hours = centre.hours.named
        closures = centre.closures.sorted()
        closedOnPublicHolidays = centre.closedOnPublicHolidays
        bookingPolicy = PolicyResponse(
            freeCancellationHours: centre.policy.cancellation.freeUntilHoursBefore,
            lateCancellationFeePercent: centre.policy.lateCancellationFeePercent,
            holdMinutes: centre.policy.holdMinutes, reinspectionDays: centre.rules.reinspectionDays,
            prepaymentRequired: centre.policy.prepaymentRequired)
        vatNumber = centre.vatNumber?.value
        createdAt = centre.createdAt
    }
}

struct LaneResponse: ResponseEncodable {
    let id, centreId, name: String
    let categories: [String]

    init(_ lane: Lane) {
        id = lane.id.description
        centreId = lane.centreID.description
        name = lane.name
        categories = lane.categories.map(\.rawValue).sorted()
    }
}

struct OfferResponse: ResponseEncodable {
    let id, centreId, kind, name: String
    let durations: [String: Int]
    let price, vatRate: String

    init(_ offer: InspectionOffer) {
        id = offer.id.description
        centreId = offer.centreID.description
        kind = offer.kind.rawValue
        name = offer.name
        durations = Dictionary(uniqueKeysWithValues: offer.durations.map { ($0.key.rawValue, $0.value) })
        price = offer.price.decimalString
        vatRate = Money(minorUnits: Int64(offer.vatRateBasisPoints)).decimalString
    }
}

struct ScheduleResponse: ResponseEncodable {
    struct Absence: Encodable {
        let from, to: CalendarDate
        let reason: String
    }

    let inspectorId, centreId: String
    let hours: [String: [String]]
    let exceptions: [Absence]
    let categories: [String]

    init(_ schedule: InspectorSchedule) {
        inspectorId = schedule.inspectorID.description
        centreId = schedule.centreID.description
        hours = schedule.weekly.named
        exceptions = schedule.absences.map { Absence(from: $0.from, to: $0.to, reason: $0.reason.rawValue) }
        categories = schedule.categories.map(\.rawValue).sorted()
    }
}

struct FreeSlotResponse: Encodable, Sendable {
    let start, end: Date

    init(_ slot: FreeSlot) {
        start = slot.start
        end = slot.end
    }
}

/// The inspection centres' set-up: `/centres…` (hours, closures, lanes, services, free slots)
/// and `/inspectors/{id}/schedule`.
struct InspectionRoutes {
    let centres: CentreService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        let service = centres
        @Sendable func centreID(_ context: AuthenticatedContext) throws -> CentreID {
            try context.parameters.id(as: CentreID.self, entity: "centre")
        }
        group.post("centres") { request, context in
            let body = try await request.decodeJSON(CentreRequest.self, context: context)
            return EditedResponse(
                status: .created, response: CentreResponse(try await service.create(body.input, as: context.principal)))
        }
        group.get("centres") { _, context in
            DataResponse(data: try await service.centres(as: context.principal).map(CentreResponse.init))
        }
        group.get("centres/{id}") { _, context in
            CentreResponse(try await service.centre(try centreID(context), as: context.principal))
        }
        group.put("centres/{id}/hours") { request, context in
            let id = try centreID(context)
            let body = try await request.decodeJSON(HoursRequest.self, context: context)
            return CentreResponse(
                try await service.setHours(
                    body.hours, closedOnPublicHolidays: body.closedOnPublicHolidays, of: id,
                    as: context.principal))
        }
        group.put("centres/{id}/booking-policy") { request, context in
            let id = try centreID(context)
            let body = try await request.decodeJSON(PolicyRequest.self, context: context)
            return CentreResponse(try await service.setPolicy(body.input, of: id, as: context.principal))
        }
        group.post("centres/{id}/closures") { request, context in
            let id = try centreID(context)
            let body = try await request.decodeJSON(ClosuresRequest.self, context: context)
            return CentreResponse(try await service.close(on: body.dates ?? [], id, as: context.principal))
        }
        group.post("centres/{id}/lanes") { request, context in
            let id = try centreID(context)
            let body = try await request.decodeJSON(LaneRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: LaneResponse(
                    try await service.addLane(
                        name: body.name, categories: body.categories ?? [], to: id, as: context.principal)))
        }
        group.get("centres/{id}/lanes") { _, context in
            DataResponse(
                data: try await service.lanes(of: try centreID(context), as: context.principal).map(LaneResponse.init))
        }
        group.post("centres/{id}/services") { request, context in
            let id = try centreID(context)
            let body = try await request.decodeJSON(OfferRequest.self, context: context)
            let input = OfferInput(
                kind: body.kind, name: body.name, durations: body.durations ?? [:], price: body.price,
                vatRate: body.vatRate)
            return EditedResponse(
                status: .created,
                response: OfferResponse(try await service.addOffer(input, to: id, as: context.principal)))
        }
        group.get("centres/{id}/services") { _, context in
            DataResponse(
                data: try await service.offers(of: try centreID(context), as: context.principal).map(OfferResponse.init)
            )
        }
        group.get("centres/{id}/availability") { request, context in
            let id = try centreID(context)
            let serviceID = try request.textQuery("service", maxLength: 36).map { raw in
                guard let uuid = UUID(uuidString: raw) else {
                    throw RequestError.invalidParameter(name: "service", reason: "must be a UUID")
                }
                return uuid
            }
            let slots = try await service.availability(
                of: id, service: serviceID, category: try request.textQuery("category", maxLength: 10),
                from: try request.textQuery("date_from", maxLength: 10),
                to: try request.textQuery("date_to", maxLength: 10), as: context.principal)
            return DataResponse(data: slots.map(FreeSlotResponse.init))
        }
        group.put("inspectors/{id}/schedule") { request, context in
            let inspector = try context.parameters.id(as: UserID.self, entity: "inspector")
            let body = try await request.decodeJSON(ScheduleRequest.self, context: context)
            let input = ScheduleInput(
                centreID: body.centreId, hours: body.hours,
                absences: (body.exceptions ?? []).map { .init(from: $0.from, to: $0.to, reason: $0.reason) },
                categories: body.categories ?? [])
            return ScheduleResponse(try await service.setSchedule(input, of: inspector, as: context.principal))
        }
    }
}

extension InspectionError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .slugTaken: Problem(.conflict, code: "slug_taken", detail: description, field: "slug")
        case .slotTaken: Problem(.conflict, code: "slot_taken", detail: description, field: "slot_start")
        case .plateTaken: Problem(.conflict, code: "plate_taken", detail: description, field: "plate")
        case .alreadyInspected:
            Problem(.conflict, code: "already_inspected", detail: description, field: "appointment_id")
        case .checklistVersionTaken: Problem(.conflict, code: "checklist_version_taken", detail: description)
        case .paymentsNotConfigured: Problem(.conflict, code: "payments_not_configured", detail: description)
        case .noVATNumber: Problem(.conflict, code: "vat_number_missing", detail: description)
        case .notAwaitingPayment: Problem(.conflict, code: "not_awaiting_payment", detail: description)
        case .webhookRejected: Problem(.badRequest, code: "webhook_rejected", detail: description)
        case .providerFailed: Problem(.badGateway, code: "payment_provider_failed", detail: description)
        case .unknownLink: Problem(.notFound, code: "not_found", detail: description, field: "token")
        }
    }
}
