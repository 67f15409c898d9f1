import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// A building's bookable common spaces and their policies, from the command line (the syndic).
struct ResourceCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resource", abstract: "Bookable common spaces of a building and their booking policies.",
        subcommands: [Add.self, Policy.self])

    struct Line: Encodable {
        let id, buildingId, name, kind: String
        let minimumMinutes, maximumMinutes, advanceDays, maxActivePerResident, cancellationCutoffHours: Int
        let requiresApproval: Bool
        let checkInWindowMinutes: Int
        let openingHours: [String]
        let deposit: Int

        init(_ resource: Resource) {
            let policy = resource.policy
            id = resource.id.description
            buildingId = resource.buildingID.description
            name = resource.name
            kind = resource.kind.rawValue
            minimumMinutes = policy.minimumMinutes
            maximumMinutes = policy.maximumMinutes
            advanceDays = policy.advanceDays
            maxActivePerResident = policy.maxActivePerResident
            cancellationCutoffHours = policy.cancellationCutoffHours
            requiresApproval = policy.requiresApproval
            checkInWindowMinutes = policy.checkInWindowMinutes
            openingHours = policy.openingHours.map {
                "\($0.weekday) \(OpeningHours.text($0.opens))-\(OpeningHours.text($0.closes))"
            }
            deposit = policy.deposit
        }

        var text: String {
            "\(id)  \(kind)  \(name)\n"
                + "  \(minimumMinutes) to \(maximumMinutes) min, up to \(advanceDays) days ahead, "
                + "\(maxActivePerResident) active per resident, cancel until \(cancellationCutoffHours) h before, "
                + "check in within \(checkInWindowMinutes) min\(requiresApproval ? ", approval required" : "")"
                + (deposit > 0 ? ", deposit \(deposit) credits" : "") + "\n"
                + "  open: \(openingHours.isEmpty ? "at all hours" : openingHours.joined(separator: ", "))"
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A bookable common space, under the standard policy until `resource policy` sets it.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "The building (id).") var building: String
        @Option(name: .long) var name: String
        @Option(
            name: .long,
            help: "meeting_room, laundry, gym, rooftop, guest_room, parking_spot, bike_storage or other.")
        var kind: String
        @Option(name: .long) var description: String?

        func run() async throws {
            let principal = try scope.principal
            let buildingID = try parseID(building, as: BuildingID.self, option: "--building")
            let input = ResourceInput(name: name, kind: kind, description: description)
            let resource = try await scope.common.withGestio {
                try await $0.community.bookings.createResource(input, in: buildingID, as: principal)
            }
            try emit(Line(resource), json: scope.common.json) { Line(resource).text }
        }
    }

    struct Policy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sets a resource's booking policy; the options left out keep their value.")
        @OptionGroup var scope: OrganizationScope
        @Argument(help: "The resource (id).") var resource: String
        @Option(name: .customLong("min-minutes")) var minimumMinutes: Int?
        @Option(name: .customLong("max-minutes")) var maximumMinutes: Int?
        @Option(name: .customLong("advance-days")) var advanceDays: Int?
        @Option(name: .customLong("max-active"), help: "Active bookings per resident.") var maxActive: Int?
        @Option(name: .customLong("cutoff-hours"), help: "The booker cancels until this many hours before.")
        var cutoffHours: Int?
        @Option(name: .customLong("approval"), help: "true or false: bookings wait for the syndic.")
        var approval: Bool?
        @Option(name: .customLong("check-in-minutes")) var checkInMinutes: Int?
        @Option(
            name: .customLong("open"),
            help: "Opening hours as WEEKDAY HH:MM-HH:MM (1 is Monday; repeat). `--open always` opens at all hours.")
        var open: [String] = []
        @Option(name: .long, help: "Credits held per booking.") var deposit: Int?

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(resource, as: ResourceID.self, option: "resource")
            let input = BookingPolicyInput(
                minimumMinutes: minimumMinutes, maximumMinutes: maximumMinutes, advanceDays: advanceDays,
                maxActivePerResident: maxActive, cancellationCutoffHours: cutoffHours, requiresApproval: approval,
                checkInWindowMinutes: checkInMinutes, openingHours: try Self.hours(open), deposit: deposit)
            let updated = try await scope.common.withGestio {
                try await $0.community.bookings.setPolicy(id, input, as: principal)
            }
            try emit(Line(updated), json: scope.common.json) { Line(updated).text }
        }

        static func hours(_ options: [String]) throws -> [(weekday: Int, opens: String, closes: String)]? {
            if options.isEmpty { return nil }
            if options == ["always"] { return [] }
            return try options.map { option in
                let parts = option.split(separator: " ")
                let times = parts.count == 2 ? parts[1].split(separator: "-") : []
                guard parts.count == 2, let weekday = Int(parts[0]), times.count == 2 else {
                    throw ValidationError("--open takes WEEKDAY HH:MM-HH:MM, e.g. \"1 08:00-22:00\"")
                }
                return (weekday, String(times[0]), String(times[1]))
            }
        }
    }
}

/// A resource's bookings, from the command line.
struct BookingCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "booking", abstract: "Bookings of common spaces.", subcommands: [List.self])

    struct Line: Encodable {
        let id, resourceId, status, bookerId: String
        let start, end: Date

        init(_ booking: Booking) {
            id = booking.id.description
            resourceId = booking.resourceID.description
            status = booking.status.rawValue
            bookerId = booking.bookerID.description
            start = booking.start
            end = booking.end
        }

        var text: String {
            "\(id)  \(start.formatted(.iso8601)) → \(end.formatted(.iso8601))  \(status)  booked by \(bookerId)"
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A resource's bookings over a range of the building's days (today and a week on by default).")
        @OptionGroup var scope: OrganizationScope
        @Argument(help: "The resource (id).") var resource: String
        @Option(name: .long, help: "The first day (YYYY-MM-DD).") var from: String?
        @Option(name: .long, help: "The last day (YYYY-MM-DD).") var to: String?

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(resource, as: ResourceID.self, option: "resource")
            let first = try from.map { try CalendarDate(parsing: $0, field: "--from") }
            let last = try to.map { try CalendarDate(parsing: $0, field: "--to") }
            let bookings = try await scope.common.withGestio {
                try await $0.community.bookings.bookings(of: id, from: first, to: last, as: principal)
            }
            let lines = bookings.map(Line.init)
            try emit(lines, json: scope.common.json) {
                lines.isEmpty ? "no booking" : lines.map(\.text).joined(separator: "\n")
            }
        }
    }
}
