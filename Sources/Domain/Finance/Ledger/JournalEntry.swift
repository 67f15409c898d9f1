public import Foundation

public typealias JournalEntryID = Identifier<JournalEntry>

/// The four journals of a co-ownership's books.
public enum Journal: String, Sendable, CaseIterable, Codable {
    /// ACH: purchases (supplier invoices). VEN: sales (calls for funds). FIN: bank. ODS: miscellaneous.
    case purchases = "ACH"
    case sales = "VEN"
    case financial = "FIN"
    case miscellaneous = "ODS"
}

public enum EntryType: String, Sendable, CaseIterable, Codable {
    case callForFunds = "call_for_funds"
    case paymentReceived = "payment_received"
    /// A supplier's invoice approved (ACH).
    case purchaseInvoice = "purchase_invoice"
    /// The year's charge statements closed: the owners' balances (ODS).
    case chargeStatement = "charge_statement"
    /// A reminder's fee charged to the owner's account (VEN).
    case collectionFee = "collection_fee"
    case expensePayment = "expense_payment"
    case transfer
    case yearEndClosing = "year_end_closing"
    /// Balances carried into a fiscal year (after a closing, or when a syndic takes over).
    case openingBalance = "opening_balance"
    case manual
}

/// One line: an amount on the debit or the credit side of an account, never both.
public struct JournalLine: Sendable, Equatable {
    public let accountCode: String
    public let debit: Money
    public let credit: Money
    public let description: String?

    public init(accountCode: String, debit: Money, credit: Money, description: String?, index: Int) throws {
        let field = "lines[\(index)]"
        guard (debit.minorUnits > 0) != (credit.minorUnits > 0), debit.minorUnits >= 0, credit.minorUnits >= 0 else {
            throw DomainError.invalidValue(field: field, reason: "must have either a debit or a credit, more than 0")
        }
        self.accountCode = accountCode.trimmingCharacters(in: .whitespaces)
        self.debit = debit
        self.credit = credit
        self.description = try Text.optional(description, field: "\(field).description", maximum: 500)
    }

    /// The same amount on the other side.
    var mirrored: JournalLine {
        // Safe: the amounts were validated when this line was made.
        try! JournalLine(accountCode: accountCode, debit: credit, credit: debit, description: description, index: 0)
    }
}

/// A double-entry journal entry. Balanced to the cent, never edited once posted: a mistake is
/// corrected by posting its reversal.
public struct JournalEntry: Sendable, Equatable {
    public let id: JournalEntryID
    public let buildingID: BuildingID
    public let journal: Journal
    public let type: EntryType
    public let entryDate: CalendarDate
    public let description: String
    public let documentRef: String?
    public let lines: [JournalLine]
    /// Set when posted: the entry's place in its journal and year (gapless).
    public private(set) var sequence: Int?
    public let reversalOf: JournalEntryID?
    public let createdAt: Date

    public var fiscalYear: Int { entryDate.year }
    public var isDraft: Bool { sequence == nil }

    /// `ACH-2026-000042`.
    public var number: String? {
        sequence.map { value in
            let digits = String(value)
            return
                "\(journal.rawValue)-\(fiscalYear)-\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)"
        }
    }

    public var totalDebit: Money { Money(minorUnits: lines.reduce(0) { $0 + $1.debit.minorUnits }) }
    public var totalCredit: Money { Money(minorUnits: lines.reduce(0) { $0 + $1.credit.minorUnits }) }

    public init(
        id: JournalEntryID, buildingID: BuildingID, journal: Journal, type: EntryType, entryDate: CalendarDate,
        description: String, documentRef: String?, lines: [JournalLine], sequence: Int? = nil,
        reversalOf: JournalEntryID? = nil, createdAt: Date
    ) throws {
        guard lines.count >= 2 else {
            throw DomainError.invalidValue(field: "lines", reason: "an entry needs at least 2 lines")
        }
        self.id = id
        self.buildingID = buildingID
        self.journal = journal
        self.type = type
        self.entryDate = entryDate
        self.description = try Text.required(description, field: "description", maximum: 500)
        self.documentRef = try Text.optional(documentRef, field: "documentRef", maximum: 100)
        self.lines = lines
        self.sequence = sequence
        self.reversalOf = reversalOf
        self.createdAt = createdAt
        guard totalDebit == totalCredit else {
            throw DomainError.invalidValue(
                field: "lines",
                reason: "are not balanced: debits \(totalDebit.decimalString), credits \(totalCredit.decimalString)")
        }
    }

    /// Gives a draft its number; a posted entry cannot be posted again.
    public mutating func post(as sequence: Int) throws {
        guard isDraft else {
            throw DomainError.illegalTransition(entity: "journal_entry", from: "posted", to: "posted")
        }
        self.sequence = sequence
    }

    /// Lines that bring every account of `balances` to zero (`zeroing: true`) or carry them as
    /// they are (`zeroing: false`): debit balances on the debit side, credit balances on the credit side.
    public static func lines(for balances: [(code: String, balance: Int64)], zeroing: Bool) throws -> [JournalLine] {
        try balances.filter { $0.balance != 0 }.enumerated().map { index, item in
            let amount = Money(minorUnits: abs(item.balance))
            let debitSide = (item.balance > 0) != zeroing
            return try JournalLine(
                accountCode: item.code, debit: debitSide ? amount : Money(minorUnits: 0),
                credit: debitSide ? Money(minorUnits: 0) : amount, description: nil, index: index)
        }
    }

    /// The mirror entry that cancels this one, on `date`.
    public func reversal(id: JournalEntryID, on date: CalendarDate, at now: Date) throws -> JournalEntry {
        guard !isDraft else {
            throw DomainError.illegalTransition(entity: "journal_entry", from: "draft", to: "reversed")
        }
        return try JournalEntry(
            id: id, buildingID: buildingID, journal: journal, type: type, entryDate: date,
            description: "Extourne de \(number ?? id.description)", documentRef: documentRef,
            lines: lines.map(\.mirrored), reversalOf: self.id, createdAt: now)
    }
}

extension JournalEntry {
    /// A collection cost charged to an owner (a reminder's fee, the état daté's): the owner's
    /// account (410) debited, the association's other revenue (74) credited, in the sales journal.
    public static func collectionFee(
        id: JournalEntryID, building: BuildingID, amount: Money, on day: CalendarDate, label: String,
        documentRef: String?, createdAt: Date
    ) throws -> JournalEntry {
        let zero = Money(minorUnits: 0)
        return try JournalEntry(
            id: id, buildingID: building, journal: .sales, type: .collectionFee, entryDate: day, description: label,
            documentRef: documentRef,
            lines: [
                try JournalLine(accountCode: "410", debit: amount, credit: zero, description: label, index: 0),
                try JournalLine(accountCode: "74", debit: zero, credit: amount, description: nil, index: 1),
            ],
            createdAt: createdAt)
    }
}
