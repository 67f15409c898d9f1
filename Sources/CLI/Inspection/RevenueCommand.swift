import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// A centre's revenue for a month or a span of days, as the `/centres/{id}/revenue` route gives it.
struct RevenueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revenue",
        abstract: "A centre's revenue: bookings, what they brought in, re-inspections and no-shows.")
    @OptionGroup var scope: OrganizationScope
    @Option(name: .long, help: "The centre (id).") var centre: String
    @Option(name: .long, help: "A calendar month, YYYY-MM (or give --from and --to).") var month: String?
    @Option(name: .long, help: "The first day, YYYY-MM-DD.") var from: String?
    @Option(name: .long, help: "The last day, YYYY-MM-DD, included.") var to: String?
    @Option(name: .customLong("group-by"), help: "service, day or inspector.") var groupBy = "service"
    @Flag(name: .long, help: "Write CSV instead of a table.") var csv = false

    /// The first and last day of `YYYY-MM`.
    static func days(of month: String) throws -> (String, String) {
        let parts = month.split(separator: "-").map(String.init)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let number = Int(parts[1]), let first = try? CalendarDate(year: year, month: number, day: 1),
            let last = try? CalendarDate(
                year: year, month: number, day: CalendarDate.daysIn(month: number, year: year))
        else { throw ValidationError("--month takes YYYY-MM, e.g. 2026-11") }
        return (first.description, last.description)
    }

    func run() async throws {
        let principal = try scope.principal
        guard let id = CentreID(centre) else { throw ValidationError("--centre is an id") }
        var (first, last) = (from, to)
        if let month {
            guard from == nil, to == nil else { throw ValidationError("give --month, or --from and --to") }
            (first, last) = try Self.days(of: month)
        }
        let report = try await scope.common.withGestio {
            try await $0.inspection.payments.revenue(
                of: id, from: first, to: last, groupBy: groupBy, as: principal)
        }
        if csv {
            print(RevenueExport.csv(report), terminator: "")
            return
        }
        let lines = (report.lines + [report.total]).map(Line.init)
        try emit(lines, json: scope.common.json) {
            (["\(report.from) – \(report.to), by \(report.grouping.rawValue)"] + lines.map(\.text))
                .joined(separator: "\n")
        }
    }

    struct Line: Encodable {
        let group, label, revenue, reinspectionShare: String
        let bookings, done, reinspections, noShows, cancelled: Int

        init(_ line: RevenueLine) {
            group = line.key
            label = line.label
            revenue = line.revenue.decimalString
            reinspectionShare = RevenueExport.share(line)
            bookings = line.bookings
            done = line.done
            reinspections = line.reinspections
            noShows = line.noShows
            cancelled = line.cancelled
        }

        var text: String {
            "\(label)  \(revenue) EUR  \(bookings) booked, \(done) done (\(reinspections) re-inspections), "
                + "\(noShows) no-shows, \(cancelled) cancelled"
        }
    }
}
