public import Domain
import Foundation

/// A centre's revenue report as CSV for a spreadsheet: one row per service, day or inspector,
/// then the total; amounts with a decimal point, the share of re-inspections as a fraction.
public enum RevenueExport {
    public static let columns = [
        "group", "label", "revenue", "bookings", "done", "reinspections", "reinspection_share", "no_shows",
        "cancelled",
    ]

    public static func csv(_ report: RevenueReport) -> String {
        var rows = [columns.joined(separator: ",")]
        for line in report.lines + [report.total] {
            rows.append(
                [
                    line.key.isEmpty ? "total" : line.key, line.label, line.revenue.decimalString, "\(line.bookings)",
                    "\(line.done)", "\(line.reinspections)", share(line), "\(line.noShows)", "\(line.cancelled)",
                ].map { CSVField.quoted($0, separator: ",", defusingFormulas: true) }.joined(separator: ","))
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    /// Four decimals, whatever the locale.
    public static func share(_ line: RevenueLine) -> String {
        String(format: "%.4f", locale: Locale(identifier: "en_US_POSIX"), line.reinspectionShare)
    }
}
