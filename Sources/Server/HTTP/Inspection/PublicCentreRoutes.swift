import Application
import Domain
import Foundation
import HTTPTypes
import Hummingbird

struct PublicAppointmentRequest: Decodable {
    let serviceId: UUID?
    let vehicle: VehicleRequest?
    let slotStart: Date?
    let contact: ContactRequest?
    let captchaToken: String?
}

struct RescheduleLinkRequest: Decodable {
    let token: String?
    let slotStart: Date?
}

struct PublicCustomerRequest: Decodable {
    let email, password, name: String
}

/// A centre as its public page shows it: where and when it opens, its services and its rules.
struct PublicCentreResponse: ResponseEncodable {
    let name, slug, address, timeZone: String
    let hours: [String: [String]]
    let closures: [CalendarDate]
    let closedOnPublicHolidays: Bool
    let bookingPolicy: CentreResponse.PolicyResponse
    let services: [OfferResponse]

    init(_ centre: Centre, services offers: [InspectionOffer]) {
        let view = CentreResponse(centre)
        name = view.name
        slug = view.slug
        address = view.address
        timeZone = view.timeZone
        hours = view.hours
        closures = view.closures
        closedOnPublicHolidays = view.closedOnPublicHolidays
        bookingPolicy = view.bookingPolicy
        services = offers.map(OfferResponse.init)
    }
}

struct PublicAppointmentResponse: ResponseEncodable {
    let appointment: LinkedAppointmentResponse
    let price: String
    let holdExpiresAt: Date?
    let cancelToken, rescheduleToken: String
    let paymentToken: String?

    init(_ booked: PublicAppointment) {
        appointment = LinkedAppointmentResponse(booked.appointment)
        price = booked.appointment.price.decimalString
        holdExpiresAt = booked.appointment.holdExpiresAt
        cancelToken = booked.cancelToken
        paymentToken = booked.paymentToken
        rescheduleToken = booked.rescheduleToken
    }
}

/// A centre's public page, without an account (`/public/centres/{slug}…`), and the payment and
/// reschedule links of a booking made there (`/public/appointments/checkout`, `…/reschedule`).
struct PublicCentreRoutes {
    let page: PublicCentreBooking
    let centres: CentreService
    let payments: PaymentService

    func add(to group: RouterGroup<AppRequestContext>) {
        let (page, centres, payments) = (page, centres, payments)
        @Sendable func slug(_ context: AppRequestContext) -> String { context.parameters.get("slug") ?? "" }
        group.get("public/centres/{slug}") { _, context in
            let (centre, offers) = try await centres.publicCentre(slug: slug(context))
            return PublicCentreResponse(centre, services: offers)
        }
        group.get("public/centres/{slug}/availability") { request, context in
            let serviceID = try request.textQuery("service", maxLength: 36).map { raw in
                guard let uuid = UUID(uuidString: raw) else {
                    throw RequestError.invalidParameter(name: "service", reason: "must be a UUID")
                }
                return uuid
            }
            let slots = try await centres.publicAvailability(
                slug: slug(context), service: serviceID, category: try request.textQuery("category", maxLength: 10),
                from: try request.textQuery("date_from", maxLength: 10),
                to: try request.textQuery("date_to", maxLength: 10))
            return DataResponse(data: slots.map(FreeSlotResponse.init))
        }
        group.post("public/centres/{slug}/appointments") { request, context in
            let body = try await request.decodeJSON(PublicAppointmentRequest.self, context: context)
            let input = BookingInput(
                centreID: nil, serviceID: body.serviceId, vehicle: body.vehicle?.input, slotStart: body.slotStart,
                contact: body.contact?.input)
            return EditedResponse(
                status: .created,
                response: PublicAppointmentResponse(
                    try await page.book(
                        input, at: slug(context), captchaToken: body.captchaToken, from: context.remoteAddress)))
        }
        group.post("public/centres/{slug}/customers") { request, context in
            let body = try await request.decodeJSON(PublicCustomerRequest.self, context: context)
            let session = try await page.register(
                email: body.email, password: body.password, name: body.name, at: slug(context),
                client: request.signInClient(context), from: context.remoteAddress)
            return EditedResponse(status: .created, response: SessionResponse(session))
        }
        group.post("public/appointments/reschedule") { request, context in
            let body = try await request.decodeJSON(RescheduleLinkRequest.self, context: context)
            return PublicAppointmentResponse(try await page.reschedule(link: body.token, to: body.slotStart))
        }
        group.post("public/appointments/checkout") { request, context in
            let body = try await request.decodeJSON(LinkRequest.self, context: context)
            let checkout = try await payments.checkout(link: body.token)
            return EditedResponse(
                status: .created,
                response: CheckoutResponse(
                    payment: PaymentResponse(checkout.payment), clientSecret: checkout.clientSecret))
        }
    }
}
