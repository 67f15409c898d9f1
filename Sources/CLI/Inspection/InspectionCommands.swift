import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// Vehicle inspection centres from the command line, acting as the organization's operator.
struct CentreCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "centre", abstract: "Vehicle inspection centres: their opening hours.",
        subcommands: [Add.self, Hours.self, List.self])

    struct Line: Encodable {
        let id, name, slug, timeZone: String
        let hours: [String: [String]]

        init(_ centre: Centre) {
            id = centre.id.description
            name = centre.name
            slug = centre.slug
            timeZone = centre.timeZone.identifier
            hours = centre.hours.named
        }

        var text: String {
            let days = WeeklyHours.weekdayNames.compactMap { day in
                hours[day].map { "\(day.prefix(3)) \($0.joined(separator: ", "))" }
            }
            return "\(id)  \(slug)  \(name)  (\(timeZone))"
                + (days.isEmpty ? "  closed" : "\n  " + days.joined(separator: "\n  "))
        }
    }

    /// `monday=08:00-12:00,13:00-17:00` as the service takes it.
    static func hours(_ lines: [String]) throws -> [String: [String]] {
        var named: [String: [String]] = [:]
        for line in lines {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw ValidationError(
                    "--hours takes DAY=HH:MM-HH:MM[,HH:MM-HH:MM], e.g. monday=08:00-12:00,13:00-17:00")
            }
            named[parts[0], default: []] += parts[1].split(separator: ",").map(String.init)
        }
        return named
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A new centre, closed on the legal holidays.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long) var name: String
        @Option(name: .long, help: "Its public page's name: lowercase letters, digits and dashes.") var slug: String
        @Option(name: .long) var address: String
        @Option(name: .customLong("time-zone")) var timeZone = "Europe/Brussels"
        @Option(name: .long, help: "DAY=HH:MM-HH:MM[,…], once per open day.") var hours: [String] = []

        func run() async throws {
            let principal = try scope.principal
            let input = CentreInput(
                name: name, slug: slug, address: address, timeZone: timeZone, hours: try CentreCommands.hours(hours))
            let centre = try await scope.common.withGestio {
                try await $0.inspection.centres.create(input, as: principal)
            }
            try emit(Line(centre), json: scope.common.json) { Line(centre).text }
        }
    }

    struct Hours: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace a centre's weekly opening hours.")
        @OptionGroup var scope: OrganizationScope
        @Argument(help: "The centre (id).") var centre: String
        @Option(name: .long, help: "DAY=HH:MM-HH:MM[,…], once per open day; a day left out is closed.")
        var hours: [String] = []

        func run() async throws {
            let principal = try scope.principal
            guard let id = CentreID(centre) else { throw ValidationError("the centre is an id") }
            let named = try CentreCommands.hours(hours)
            let updated = try await scope.common.withGestio {
                try await $0.inspection.centres.setHours(named, closedOnPublicHolidays: nil, of: id, as: principal)
            }
            try emit(Line(updated), json: scope.common.json) { Line(updated).text }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The organization's centres, by name.")
        @OptionGroup var scope: OrganizationScope

        func run() async throws {
            let principal = try scope.principal
            let centres = try await scope.common.withGestio { try await $0.inspection.centres.centres(as: principal) }
            let lines = centres.map(Line.init)
            try emit(lines, json: scope.common.json) { lines.map(\.text).joined(separator: "\n") }
        }
    }
}
