import Foundation

/// A bank statement as a bank sends it, read in full: the account, the statement's number, its
/// opening and closing balances and every movement (credits positive, debits negative).
public struct BankStatementFile: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        case coda
        case camt053 = "camt.053"
    }

    public struct Movement: Sendable, Equatable {
        /// Its place in the statement, from 1.
        public let sequence: Int
        public let date: CalendarDate
        public let amount: Money
        public let counterpartyName: String?
        public let counterpartyIBAN: IBAN?
        /// The structured communication (+++123/4567/89012+++) the payer wrote, when it holds.
        public let communication: StructuredCommunication?
        public let freeText: String?
        public let bankReference: String?

        public init(
            sequence: Int, date: CalendarDate, amount: Money, counterpartyName: String?, counterpartyIBAN: IBAN?,
            communication: StructuredCommunication?, freeText: String?, bankReference: String?
        ) {
            self.sequence = sequence
            self.date = date
            self.amount = amount
            self.counterpartyName = counterpartyName
            self.counterpartyIBAN = counterpartyIBAN
            self.communication = communication
            self.freeText = freeText
            self.bankReference = bankReference
        }
    }

    public let format: Format
    /// The account as the file names it (an IBAN where it has one).
    public let account: String
    /// The bank's number for the statement (CODA: its sequence number; CAMT: its identification).
    public let number: String
    public let openingBalance: Money
    public let closingBalance: Money
    public let date: CalendarDate
    public let movements: [Movement]

    public init(
        format: Format, account: String, number: String, openingBalance: Money, closingBalance: Money,
        date: CalendarDate, movements: [Movement]
    ) {
        self.format = format
        self.account = account
        self.number = number
        self.openingBalance = openingBalance
        self.closingBalance = closingBalance
        self.date = date
        self.movements = movements
    }

    /// The opening balance and the movements must add up to the closing balance.
    public func checkBalances(line: Int) throws {
        let sum = movements.reduce(openingBalance.minorUnits) { $0 + $1.amount.minorUnits }
        guard sum == closingBalance.minorUnits else {
            throw BankStatementError.malformed(
                line: line,
                reason: "the opening balance \(openingBalance.decimalString) and the movements make "
                    + "\(Money(minorUnits: sum).decimalString), not the closing balance \(closingBalance.decimalString)"
            )
        }
    }
}

/// A bank file that cannot be read: the line (1-based) and what is wrong there.
public enum BankStatementError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(line: Int, reason: String)
    /// Neither CODA nor CAMT.053.
    case unknownFormat

    public var description: String {
        switch self {
        case .malformed(let line, let reason): "line \(line): \(reason)"
        case .unknownFormat: "the file is neither a CODA statement nor a CAMT.053 XML statement"
        }
    }
}

/// The Belgian banks' CODA format (Febelfin, version 2): lines of 128 characters; record 0 the
/// header, 1 the old balance, 2.1 to 2.3 the movements (amount, communication, counterparty), 3
/// information, 4 free messages, 8 the new balance, 9 the trailer. Amounts have 15 digits, the
/// last 3 decimals; a sign digit says 0 credit, 1 debit; dates are DDMMYY.
public enum CODA {
    public static func parse(_ text: String) throws -> BankStatementFile {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard !lines.isEmpty else { throw BankStatementError.malformed(line: 1, reason: "the file is empty") }
        var account: String?
        var number: String?
        var opening: Money?
        var closing: Money?
        var closingDate: CalendarDate?
        var closingLine = lines.count
        var movements: [BankStatementFile.Movement] = []
        var current:
            (reference: String, sign: Int64, cents: Int64, date: CalendarDate, free: String, structured: String?)?
        var counterparty: (name: String?, iban: IBAN?)
        var sawHeader = false
        var sawTrailer = false

        func finish() {
            guard let movement = current else { return }
            let communication = movement.structured.flatMap(StructuredCommunication.init)
            let free = movement.free.trimmingCharacters(in: .whitespaces)
            movements.append(
                BankStatementFile.Movement(
                    sequence: movements.count + 1, date: movement.date,
                    amount: Money(minorUnits: movement.sign * movement.cents), counterpartyName: counterparty.name,
                    counterpartyIBAN: counterparty.iban, communication: communication,
                    freeText: free.isEmpty ? nil : free,
                    bankReference: movement.reference.isEmpty ? nil : movement.reference))
            current = nil
            counterparty = (nil, nil)
        }

        for (index, raw) in lines.enumerated() {
            let number1 = index + 1
            let record = Array(raw)
            func fail(_ reason: String) -> BankStatementError { .malformed(line: number1, reason: reason) }
            guard record.count == 128 else { throw fail("a CODA record has 128 characters, this one \(record.count)") }
            func field(_ from: Int, _ to: Int) -> String { String(record[(from - 1)...(to - 1)]) }
            func digits(_ from: Int, _ to: Int, _ name: String) throws -> Int64 {
                let text = field(from, to)
                guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(text) else {
                    throw fail("\(name) (positions \(from)-\(to)) must be digits, not \"\(text)\"")
                }
                return value
            }
            func date(_ from: Int, _ name: String) throws -> CalendarDate {
                let text = field(from, from + 5)
                guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let day = Int(text.prefix(2)),
                    let month = Int(text.dropFirst(2).prefix(2)), let year = Int(text.suffix(2)),
                    let value = try? CalendarDate(year: 2000 + year, month: month, day: day)
                else { throw fail("\(name) (positions \(from)-\(from + 5)) is not a date DDMMYY: \"\(text)\"") }
                return value
            }
            func amount(_ signAt: Int, _ name: String) throws -> (sign: Int64, cents: Int64) {
                let sign = try digits(signAt, signAt, "the sign of \(name)")
                guard sign == 0 || sign == 1 else { throw fail("the sign of \(name) must be 0 or 1") }
                let thousandths = try digits(signAt + 1, signAt + 15, name)
                guard thousandths % 10 == 0 else { throw fail("\(name) has a fraction of a cent") }
                return (sign == 0 ? 1 : -1, thousandths / 10)
            }
            let kind = record[0]
            switch kind {
            case "0":
                guard index == 0 else { throw fail("the header (record 0) comes first, once") }
                _ = try date(6, "the creation date")
                sawHeader = true
            case "1":
                guard sawHeader, opening == nil else {
                    throw fail("the old balance (record 1) follows the header, once")
                }
                number = field(3, 5)
                account = field(6, 39).trimmingCharacters(in: .whitespaces)
                let (sign, cents) = try amount(43, "the old balance")
                opening = Money(minorUnits: sign * cents)
                _ = try date(59, "the old balance date")
            case "2":
                guard opening != nil, closing == nil else {
                    throw fail("a movement (record 2) comes between records 1 and 8")
                }
                switch record[1] {
                case "1":
                    let detail = try digits(7, 10, "the detail number")
                    // Details (detail number > 0) break down a global movement: counted once.
                    guard detail == 0 else { continue }
                    finish()
                    let (sign, cents) = try amount(32, "the amount")
                    let valueDate = try date(48, "the value date")
                    let type = try digits(62, 62, "the communication type")
                    let zone = field(63, 115)
                    var structured: String?
                    var free = ""
                    if type == 1 {
                        // 101 and 102: the Belgian structured communication, 12 digits.
                        if zone.hasPrefix("101") || zone.hasPrefix("102") {
                            structured = String(zone.dropFirst(3).prefix(12))
                        }
                    } else {
                        free = zone
                    }
                    current = (
                        field(11, 31).trimmingCharacters(in: .whitespaces), sign, cents, valueDate, free, structured
                    )
                case "2":
                    if current != nil, current?.structured == nil {
                        current?.free += field(11, 63)
                    }
                case "3":
                    guard current != nil else { continue }
                    let accountField = field(11, 47).trimmingCharacters(in: .whitespaces)
                    let iban = accountField.split(separator: " ").first.flatMap { IBAN(String($0)) }
                    let name = field(48, 82).trimmingCharacters(in: .whitespaces)
                    counterparty = (name.isEmpty ? nil : name, iban)
                    if current?.structured == nil { current?.free += field(83, 125) }
                default:
                    throw fail("record 2.\(record[1]) does not exist (2.1, 2.2 or 2.3)")
                }
            case "3", "4":
                continue
            case "8":
                guard opening != nil, closing == nil else {
                    throw fail("the new balance (record 8) follows record 1, once")
                }
                finish()
                let (sign, cents) = try amount(42, "the new balance")
                closing = Money(minorUnits: sign * cents)
                closingDate = try date(58, "the new balance date")
                closingLine = number1
            case "9":
                guard closing != nil else { throw fail("the trailer (record 9) follows the new balance") }
                sawTrailer = true
            default:
                throw fail("a CODA record starts with 0, 1, 2, 3, 4, 8 or 9, not \"\(kind)\"")
            }
        }
        guard sawHeader else { throw BankStatementError.malformed(line: 1, reason: "the header (record 0) is missing") }
        guard let account, let number, let opening else {
            throw BankStatementError.malformed(line: 2, reason: "the old balance (record 1) is missing")
        }
        guard let closing, let closingDate else {
            throw BankStatementError.malformed(line: lines.count, reason: "the new balance (record 8) is missing")
        }
        guard sawTrailer else {
            throw BankStatementError.malformed(line: lines.count, reason: "the trailer (record 9) is missing")
        }
        let statement = BankStatementFile(
            format: .coda, account: account, number: number, openingBalance: opening, closingBalance: closing,
            date: closingDate, movements: movements)
        try statement.checkBalances(line: closingLine)
        return statement
    }
}
