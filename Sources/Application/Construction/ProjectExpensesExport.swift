public import Domain

/// A project's costs for an accounting tool (Sage, EBP, QuickBooks): one comma-separated row
/// per cost, dates as DD/MM/YYYY, amounts with a decimal point, fields quoted as RFC 4180 says.
/// Invoices go in the purchases journal (`HA`); signed quotes and change orders, which are
/// commitments and not yet accounting entries, in `ENG` so that an import can leave them out.
public enum ProjectExpensesExport {
    public static let columns = [
        "Date", "Journal", "Reference", "Supplier", "Trade", "Kind", "Description", "Amount", "Currency",
    ]

    public static func csv(project: Project, trades: [Trade], expenses: [ProjectExpense]) -> String {
        let names = Dictionary(trades.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var rows = [columns.joined(separator: ",")]
        for expense in expenses {
            let date = expense.date
            let day = "\(twoDigits(date.day))/\(twoDigits(date.month))/\(date.year)"
            rows.append(
                [
                    day, expense.kind == .invoice ? "HA" : "ENG", expense.reference ?? "", expense.supplier ?? "",
                    names[expense.tradeID] ?? "", expense.kind.rawValue,
                    expense.description ?? "\(project.details.reference) \(names[expense.tradeID] ?? "")",
                    expense.amount.decimalString, "EUR",
                ].map(field).joined(separator: ","))
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Quotes a field that holds a comma, a quote or a line break; a field that a spreadsheet
    /// would run as a formula (`=`, `+`, `-`, `@` first) is prefixed with a quote mark.
    static func field(_ text: String) -> String { CSVField.quoted(text, separator: ",", defusingFormulas: true) }
}
