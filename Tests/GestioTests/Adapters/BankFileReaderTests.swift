import BankingAdapters
import Domain
import Foundation
import Testing

@Suite("Bank files: CODA and CAMT.053 read in full, a malformed file refused with its line")
struct BankFileReaderTests {
    let reader = BankFileReader()
    let anne = "+++090/9337/55493+++"

    func coda(_ movements: [TestCODA.Movement], opening: String = "100.00") throws -> String {
        try TestCODA.file(number: "7", opening: opening, movements: movements)
    }

    @Test("A CODA file gives its account, balances and movements, with the structured communication")
    func codaFile() throws {
        let text = try coda([
            TestCODA.Movement(
                date: "2026-01-20", amount: "600.00", name: "Anne Martin", iban: "BE71 0961 2345 6769",
                communication: anne),
            TestCODA.Movement(
                date: "2026-01-21", amount: "-12.34", name: "Proximus", iban: "", communication: "facture 42"),
        ])
        let file = try reader.read(Array(text.utf8))
        #expect(file.format == .coda && file.account == TestCODA.account && file.number == "007")
        #expect(file.openingBalance == Money(minorUnits: 10_000) && file.closingBalance == Money(minorUnits: 68_766))
        #expect(file.date == (try CalendarDate(parsing: "2026-01-21")))
        #expect(file.movements.count == 2)
        #expect(file.movements[0].communication?.description == anne)
        #expect(file.movements[0].counterpartyIBAN?.value == "BE71096123456769")
        #expect(file.movements[0].counterpartyName == "Anne Martin")
        #expect(file.movements[1].amount == Money(minorUnits: -1_234) && file.movements[1].freeText == "facture 42")
    }

    @Test("A CODA file in ISO 8859-1 is read too")
    func latin1() throws {
        let text = try coda([
            TestCODA.Movement(date: "2026-01-20", amount: "1.00", name: "Chloe Dupre", iban: "", communication: "")
        ])
        // "Chloé" in ISO 8859-1: one byte per character, so the record keeps its 128 characters.
        let bytes = text.replacingOccurrences(of: "Chloe", with: "Chloé").unicodeScalars.map { UInt8($0.value) }
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let file = try reader.read(bytes)
        #expect(file.movements[0].counterpartyName == "Chloé Dupre")
    }

    @Test("A malformed CODA file is refused with the line at fault")
    func malformedCODA() throws {
        var lines = try coda([
            TestCODA.Movement(date: "2026-01-20", amount: "5.00", name: "A", iban: "", communication: "")
        ]).split(separator: "\n").map(String.init)
        var short = lines
        short[2] = String(short[2].prefix(127))
        #expect(throws: BankStatementError.malformed(line: 3, reason: "a CODA record has 128 characters, this one 127"))
        {
            try reader.read(Array(short.joined(separator: "\n").utf8))
        }
        // A new balance that the movements do not make.
        lines[4] = String(lines[4].prefix(44)) + "9" + String(lines[4].dropFirst(45))
        #expect(throws: BankStatementError.self) { try reader.read(Array(lines.joined(separator: "\n").utf8)) }
        var letters = lines
        letters[2] = "21" + String(repeating: "X", count: 126)
        #expect(throws: BankStatementError.self) { try reader.read(Array(letters.joined(separator: "\n").utf8)) }
        #expect(throws: BankStatementError.unknownFormat) { try reader.read(Array("PDF-1.4".utf8)) }
        #expect(throws: BankStatementError.self) { try reader.read([]) }
    }

    static let camt = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
          <Id>2026-01</Id><Acct><Id><IBAN>BE68539007547034</IBAN></Id></Acct>
          <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>
            <Dt><Dt>2026-01-01</Dt></Dt></Bal>
          <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">570.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
            <Dt><Dt>2026-01-31</Dt></Dt></Bal>
          <Ntry><Amt Ccy="EUR">600.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-21</Dt></BookgDt>
            <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Anne</Nm></Dbtr><DbtrAcct><Id><IBAN>BE71096123456769</IBAN></Id>
            </DbtrAcct></RltdPties><RmtInf><Strd><CdtrRefInf><Ref>+++090/9337/55493+++</Ref></CdtrRefInf></Strd>
            </RmtInf></TxDtls></NtryDtls></Ntry>
          <Ntry><Amt Ccy="EUR">20.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-01-22</Dt></BookgDt>
            <NtryDtls><TxDtls><RltdPties><Cdtr><Nm>Banque</Nm></Cdtr></RltdPties><RmtInf><Ustrd>frais</Ustrd></RmtInf>
            </TxDtls></NtryDtls></Ntry>
        </Stmt></BkToCstmrStmt></Document>
        """

    @Test("A CAMT.053 statement gives its balances (a debit opening too) and entries")
    func camtFile() throws {
        let file = try reader.read(Array(Self.camt.utf8))
        #expect(file.format == .camt053 && file.number == "2026-01" && file.account == "BE68539007547034")
        #expect(file.openingBalance == Money(minorUnits: -1_000) && file.closingBalance == Money(minorUnits: 57_000))
        #expect(file.movements.map(\.amount.minorUnits) == [60_000, -2_000])
        #expect(file.movements[0].communication?.description == anne && file.movements[0].counterpartyName == "Anne")
        #expect(file.movements[1].counterpartyName == "Banque" && file.movements[1].freeText == "frais")
    }

    @Test("A CAMT.053 file that is not well-formed, or whose entries do not make its closing balance, is refused")
    func malformedCAMT() throws {
        #expect(throws: BankStatementError.self) { try reader.read(Array("<Document><Stmt>".utf8)) }
        let wrong = Self.camt.replacingOccurrences(of: "570.00", with: "571.00")
        #expect(throws: BankStatementError.self) { try reader.read(Array(wrong.utf8)) }
        let twice = Self.camt.replacingOccurrences(of: "</Stmt>", with: "</Stmt><Stmt><Id>2</Id></Stmt>")
        #expect(throws: BankStatementError.self) { try reader.read(Array(twice.utf8)) }
    }
}
