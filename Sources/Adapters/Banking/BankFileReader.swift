public import Application
public import Domain
import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a bank file as its content tells: XML is CAMT.053 (ISO 20022), anything else CODA.
/// CODA files come in ISO 8859-1 as often as in UTF-8; both are read.
public struct BankFileReader: BankStatementReader {
    public init() {}

    public func read(_ bytes: [UInt8]) throws -> BankStatementFile {
        guard let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) else {
            throw BankStatementError.malformed(line: 1, reason: "the file is empty")
        }
        if first == UInt8(ascii: "<") { return try CAMT053.parse(bytes) }
        guard first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { throw BankStatementError.unknownFormat }
        // ISO 8859-1 decodes any byte, so the fallback always gives a text.
        let text = String(validating: bytes, as: UTF8.self) ?? String(bytes: bytes, encoding: .isoLatin1) ?? ""
        return try CODA.parse(text)
    }
}

/// A CAMT.053 bank-to-customer statement: one `Stmt` with its account, its opening (OPBD) and
/// closing (CLBD) balances and its entries (`Ntry`), each with its amount, direction, booking
/// date, the bank's reference, the other party and the remittance information.
enum CAMT053 {
    static func parse(_ bytes: [UInt8]) throws -> BankStatementFile {
        let reader = Reader()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse(), reader.failure == nil else {
            if let failure = reader.failure { throw failure }
            throw BankStatementError.malformed(
                line: max(1, parser.lineNumber),
                reason: "not well-formed XML (\(parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown"))")
        }
        return try reader.statement()
    }

    final class Reader: NSObject, XMLParserDelegate {
        struct Entry {
            var line = 0
            var amount: String?
            var credit: Bool?
            var bookingDate: String?
            var valueDate: String?
            var reference: String?
            var debtorName: String?
            var creditorName: String?
            var debtorIBAN: String?
            var creditorIBAN: String?
            var structured: String?
            var unstructured: String?
        }

        var path: [String] = []
        var text = ""
        var failure: BankStatementError?
        var statements = 0
        var statementLine = 1
        var id: String?
        var account: String?
        var balances: [(code: String, amount: String, credit: Bool, date: String, line: Int)] = []
        var balance: (code: String?, amount: String?, credit: Bool?, date: String?, line: Int)?
        var entries: [Entry] = []
        var entry: Entry?

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            path.append(name)
            text = ""
            switch name {
            case "Stmt":
                statements += 1
                statementLine = parser.lineNumber
                if statements > 1 {
                    failure = .malformed(line: parser.lineNumber, reason: "a file holds one statement (Stmt)")
                    parser.abortParsing()
                }
            case "Bal" where path.dropLast().last == "Stmt": balance = (nil, nil, nil, nil, parser.lineNumber)
            case "Ntry": entry = Entry(line: parser.lineNumber)
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let within = Set(path)
            if entry != nil, within.contains("Ntry") {
                switch name {
                case "Amt" where path.dropLast().last == "Ntry": entry?.amount = value
                case "CdtDbtInd" where path.dropLast().last == "Ntry": entry?.credit = value == "CRDT"
                case "Dt" where within.contains("BookgDt"): entry?.bookingDate = value
                case "Dt" where within.contains("ValDt"): entry?.valueDate = value
                case "AcctSvcrRef" where path.dropLast().last == "Ntry": entry?.reference = value
                case "Nm" where within.contains("Dbtr") && !within.contains("DbtrAcct"): entry?.debtorName = value
                case "Nm" where within.contains("Cdtr") && !within.contains("CdtrAcct"): entry?.creditorName = value
                case "IBAN" where within.contains("DbtrAcct"): entry?.debtorIBAN = value
                case "IBAN" where within.contains("CdtrAcct"): entry?.creditorIBAN = value
                case "Ref" where within.contains("CdtrRefInf"): entry?.structured = value
                case "Ustrd":
                    let before = entry?.unstructured
                    entry?.unstructured = [before, value].compactMap(\.self).joined(separator: " ")
                case "Ntry":
                    if let entry { entries.append(entry) }
                    entry = nil
                default: break
                }
            } else if balance != nil, within.contains("Bal") {
                switch name {
                case "Cd": balance?.code = value
                case "Amt": balance?.amount = value
                case "CdtDbtInd": balance?.credit = value == "CRDT"
                case "Dt" where path.dropLast().last == "Dt": balance?.date = value
                case "Bal":
                    if let balance, let code = balance.code, let amount = balance.amount, let credit = balance.credit,
                        let date = balance.date
                    {
                        balances.append((code, amount, credit, date, balance.line))
                    } else if let balance {
                        failure = .malformed(
                            line: balance.line, reason: "a balance needs its type, amount, direction and date")
                        parser.abortParsing()
                    }
                    self.balance = nil
                default: break
                }
            } else if path.dropLast().last == "Stmt", name == "Id" {
                id = value
            } else if name == "IBAN", path.count >= 4, Array(path.suffix(4)) == ["Stmt", "Acct", "Id", "IBAN"] {
                account = value
            }
            path.removeLast()
            text = ""
        }

        func statement() throws -> BankStatementFile {
            guard statements == 1, let id else {
                throw BankStatementError.malformed(
                    line: statementLine, reason: "no statement (Stmt with its Id) in the file")
            }
            guard let account else {
                throw BankStatementError.malformed(line: statementLine, reason: "the statement names no account IBAN")
            }
            func money(_ text: String, _ line: Int, _ what: String) throws -> Money {
                guard let amount = try? Money(parsing: text), amount.minorUnits >= 0 else {
                    throw BankStatementError.malformed(line: line, reason: "\(what) is not an amount: \"\(text)\"")
                }
                return amount
            }
            func day(_ text: String?, _ line: Int, _ what: String) throws -> CalendarDate {
                guard let text, let day = try? CalendarDate(parsing: String(text.prefix(10))) else {
                    throw BankStatementError.malformed(line: line, reason: "\(what) is not a date: \"\(text ?? "")\"")
                }
                return day
            }
            func signed(_ amount: Money, _ credit: Bool) -> Money {
                Money(minorUnits: credit ? amount.minorUnits : -amount.minorUnits)
            }
            guard let opening = balances.first(where: { $0.code == "OPBD" || $0.code == "PRCD" }) else {
                throw BankStatementError.malformed(line: statementLine, reason: "no opening balance (OPBD)")
            }
            guard let closing = balances.first(where: { $0.code == "CLBD" }) else {
                throw BankStatementError.malformed(line: statementLine, reason: "no closing balance (CLBD)")
            }
            var movements: [BankStatementFile.Movement] = []
            for entry in entries {
                guard let amount = entry.amount, let credit = entry.credit else {
                    throw BankStatementError.malformed(
                        line: entry.line, reason: "an entry needs its amount and CdtDbtInd")
                }
                let name = credit ? entry.debtorName : entry.creditorName
                let iban = credit ? entry.debtorIBAN : entry.creditorIBAN
                movements.append(
                    BankStatementFile.Movement(
                        sequence: movements.count + 1,
                        date: try day(entry.bookingDate ?? entry.valueDate, entry.line, "the booking date"),
                        amount: signed(try money(amount, entry.line, "the entry's amount"), credit),
                        counterpartyName: name, counterpartyIBAN: iban.flatMap(IBAN.init),
                        communication: entry.structured.flatMap(StructuredCommunication.init),
                        freeText: entry.unstructured
                            ?? (entry.structured.flatMap(StructuredCommunication.init) == nil
                                ? entry.structured : nil),
                        bankReference: entry.reference))
            }
            let file = BankStatementFile(
                format: .camt053, account: account, number: id,
                openingBalance: signed(try money(opening.amount, opening.line, "the opening balance"), opening.credit),
                closingBalance: signed(try money(closing.amount, closing.line, "the closing balance"), closing.credit),
                date: try day(closing.date, closing.line, "the closing balance date"), movements: movements)
            try file.checkBalances(line: closing.line)
            return file
        }
    }
}
