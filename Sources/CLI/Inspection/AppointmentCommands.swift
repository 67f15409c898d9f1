import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// Bookings at the inspection centres from the command line, acting as the organization's operator
/// (the desk's powers): a centre's day, a booking for a walk-in or a caller, a cancellation.
struct AppointmentCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appointment", abstract: "Bookings at the inspection centres.",
        subcommands: [List.self, Book.self, Cancel.self])

    struct Line: Encodable {
        let id, status, category, inspectorId, contact, price: String
        let start, end: Date
        let cancellationFee: String?

        init(_ appointment: Appointment) {
            id = appointment.id.description
            status = appointment.status.rawValue
            category = appointment.category.rawValue
            inspectorId = appointment.inspectorID.description
            contact = appointment.contact.name
            price = appointment.price.decimalString
            start = appointment.start
            end = appointment.end
            cancellationFee = appointment.cancellation?.fee.decimalString
        }

        var text: String {
            let fee = cancellationFee.map { "  fee \($0)" } ?? ""
            return "\(id)  \(start.formatted(.iso8601))  \(status)  \(category)  \(contact)  \(price)\(fee)"
        }
    }

    static func instant(_ text: String) throws -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else {
            throw ValidationError("--start takes an ISO 8601 instant such as 2027-03-02T07:00:00Z")
        }
        return date
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A centre's bookings, by start (100 at most).")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "The centre (id).") var centre: String
        @Option(name: .long, help: "Only that day (YYYY-MM-DD, the centre's).") var date: String?

        func run() async throws {
            let principal = try scope.principal
            guard let id = CentreID(centre) else { throw ValidationError("the centre is an id") }
            let page = try await scope.common.withGestio {
                try await $0.inspection.appointments.appointments(
                    AppointmentFilter(centre: id), date: date, page: try PageRequest(page: 1, perPage: 100),
                    as: principal)
            }
            let lines = page.items.map(Line.init)
            try emit(lines, json: scope.common.json) { lines.map(\.text).joined(separator: "\n") }
        }
    }

    struct Book: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Book a free slot for a vehicle (found by its plate, else recorded with the contact).")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "The centre (id).") var centre: String
        @Option(name: .long, help: "The service (id).") var service: String
        @Option(name: .long, help: "The slot's start, e.g. 2027-03-02T07:00:00Z.") var start: String
        @Option(name: .long) var plate: String
        @Option(name: .long, help: "M1, M2, M3, N1, N2, N3, L or O.") var category: String
        @Option(name: .long) var name: String?
        @Option(name: .long) var email: String?
        @Option(name: .long) var phone: String?

        func run() async throws {
            let principal = try scope.principal
            guard let centreID = UUID(uuidString: centre), let serviceID = UUID(uuidString: service) else {
                throw ValidationError("the centre and the service are ids")
            }
            let contact =
                name == nil && email == nil && phone == nil
                ? nil : ContactInput(name: name, email: email, phone: phone)
            let input = BookingInput(
                centreID: centreID, serviceID: serviceID,
                vehicle: VehicleInput(plate: plate, category: category),
                slotStart: try AppointmentCommands.instant(start), contact: contact)
            let booked = try await scope.common.withGestio {
                try await $0.inspection.appointments.book(input, as: principal)
            }
            try emit(Line(booked), json: scope.common.json) { Line(booked).text }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a booking under the centre's policy (late: its fee, unless waived).")
        @OptionGroup var scope: OrganizationScope
        @Argument(help: "The booking (id).") var appointment: String
        @Option(name: .long) var reason: String?
        @Flag(name: .customLong("waive-fee"), help: "No late-cancellation fee.") var waiveFee = false

        func run() async throws {
            let principal = try scope.principal
            guard let id = AppointmentID(appointment) else { throw ValidationError("the booking is an id") }
            let cancelled = try await scope.common.withGestio {
                try await $0.inspection.appointments.cancel(id, reason: reason, waiveFee: waiveFee, as: principal)
            }
            try emit(Line(cancelled), json: scope.common.json) { Line(cancelled).text }
        }
    }
}
