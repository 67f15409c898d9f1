public import Domain

/// The "Fichier des écritures comptables" layout: one row per entry line, `;`-separated, dates
/// as YYYYMMDD and amounts with a decimal comma, as accounting tools that read FEC files expect.
public enum FECExport {
    public static let columns = [
        "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum",
        "CompAuxLib",
        "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet", "ValidDate",
        "Montantdevise",
        "Idevise",
    ]

    static let journalLabels: [Journal: String] = [
        .purchases: "Achats", .sales: "Ventes et appels de fonds", .financial: "Financier",
        .miscellaneous: "Opérations diverses",
    ]

    public static func csv(entries: [JournalEntry], chart: [Account]) -> String {
        let labels = Dictionary(uniqueKeysWithValues: chart.map { ($0.code, $0.label) })
        var rows = [columns.joined(separator: ";")]
        for entry in entries {
            let date = compact(entry.entryDate)
            for line in entry.lines {
                rows.append(
                    [
                        entry.journal.rawValue, journalLabels[entry.journal] ?? "", entry.number ?? "", date,
                        line.accountCode,
                        labels[line.accountCode] ?? "", "", "", entry.documentRef ?? "", date,
                        line.description ?? entry.description, amount(line.debit), amount(line.credit), "", "", date,
                        "", "",
                    ].map(field).joined(separator: ";"))
            }
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    static func compact(_ date: CalendarDate) -> String { date.description.replacingOccurrences(of: "-", with: "") }

    static func amount(_ money: Money) -> String { money.decimalString.replacingOccurrences(of: ".", with: ",") }

    /// Quotes a field that holds the separator, a quote or a line break.
    static func field(_ text: String) -> String { CSVField.quoted(text, separator: ";") }
}
