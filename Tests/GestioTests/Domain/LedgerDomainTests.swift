import Domain
import Foundation
import Testing

@Suite("Ledger domain")
struct LedgerDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func line(_ code: String, debit: Int64 = 0, credit: Int64 = 0, _ index: Int = 0) throws -> JournalLine {
        try JournalLine(
            accountCode: code, debit: Money(minorUnits: debit), credit: Money(minorUnits: credit), description: nil,
            index: index)
    }

    func entry(_ lines: [JournalLine], sequence: Int? = nil, on date: String = "2027-02-10") throws -> JournalEntry {
        try JournalEntry(
            id: JournalEntryID(UUID()), buildingID: BuildingID(UUID()), journal: .purchases, type: .manual,
            entryDate: try CalendarDate(parsing: date), description: "Facture ascenseur", documentRef: "F-17",
            lines: lines, sequence: sequence, createdAt: now)
    }

    @Test("A line has a debit or a credit, not both, not neither, never negative; the field names its index")
    func lines() throws {
        #expect(try line("610", debit: 121_000).debit.minorUnits == 121_000)
        for (debit, credit) in [(Int64(0), Int64(0)), (100, 100), (-100, 0), (0, -5)] {
            #expect(
                throws: DomainError.invalidValue(
                    field: "lines[3]", reason: "must have either a debit or a credit, more than 0")
            ) { try line("610", debit: debit, credit: credit, 3) }
        }
        #expect(try line(" 610 ", debit: 1).accountCode == "610")
    }

    @Test("An entry balances to the cent and has at least two lines")
    func balance() throws {
        let balanced = try entry([try line("610", debit: 121_000), try line("440", credit: 121_000, 1)])
        #expect(balanced.totalDebit == balanced.totalCredit)
        #expect(balanced.fiscalYear == 2027 && balanced.isDraft && balanced.number == nil)
        #expect(throws: DomainError.self) {
            try entry([try line("610", debit: 121_000), try line("440", credit: 120_999, 1)])
        }
        #expect(throws: DomainError.self) { try entry([try line("610", debit: 1)]) }
    }

    @Test("A draft is posted once with its gapless number; only a posted entry is reversed, by its mirror")
    func postAndReverse() throws {
        var draft = try entry([
            try line("610", debit: 5_000), try line("611", debit: 2_500, 1), try line("440", credit: 7_500, 2),
        ])
        #expect(throws: DomainError.illegalTransition(entity: "journal_entry", from: "draft", to: "reversed")) {
            try draft.reversal(id: JournalEntryID(UUID()), on: try CalendarDate(parsing: "2027-03-01"), at: now)
        }
        try draft.post(as: 42)
        #expect(draft.number == "ACH-2027-000042")
        #expect(throws: DomainError.illegalTransition(entity: "journal_entry", from: "posted", to: "posted")) {
            try draft.post(as: 43)
        }
        let reversal = try draft.reversal(
            id: JournalEntryID(UUID()), on: try CalendarDate(parsing: "2027-03-01"), at: now)
        #expect(reversal.reversalOf == draft.id)
        #expect(reversal.isDraft)
        #expect(reversal.description == "Extourne de ACH-2027-000042")
        #expect(reversal.lines.map(\.debit) == draft.lines.map(\.credit))
        #expect(reversal.lines.map(\.credit) == draft.lines.map(\.debit))
        #expect(reversal.entryDate == (try CalendarDate(parsing: "2027-03-01")))
    }

    @Test("Closing lines bring every account to zero; opening lines carry the balances as they are")
    func closingAndOpening() throws {
        let balances: [(code: String, balance: Int64)] = [
            ("610", 12_000), ("700", -15_000), ("440", 0), ("140", 3_000),
        ]
        let closing = try JournalEntry.lines(for: balances, zeroing: true)
        #expect(closing.map(\.accountCode) == ["610", "700", "140"])
        #expect(closing.map(\.credit.minorUnits) == [12_000, 0, 3_000])
        #expect(closing.map(\.debit.minorUnits) == [0, 15_000, 0])
        let opening = try JournalEntry.lines(for: balances, zeroing: false)
        #expect(opening.map(\.debit.minorUnits) == [12_000, 0, 3_000])
        #expect(opening.map(\.credit.minorUnits) == [0, 15_000, 0])
    }
}
