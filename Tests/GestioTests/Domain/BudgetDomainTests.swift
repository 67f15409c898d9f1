import Domain
import Foundation
import Testing

@Suite("Budget domain: variance, thresholds, owner statement")
struct BudgetDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func euros(_ cents: Int64) -> Money { Money(minorUnits: cents) }

    @Test("Percentages round half away from zero to the hundredth, from integers")
    func percentages() {
        #expect(Percentage.ratio(7000, of: 15000)?.description == "46.67")
        #expect(Percentage.ratio(-8000, of: 15000)?.description == "-53.33")
        #expect(Percentage.ratio(1, of: 8)?.description == "12.50")
        #expect(Percentage.ratio(-1, of: 8)?.description == "-12.50")
        #expect(Percentage.ratio(1, of: 3)?.description == "33.33")
        #expect(Percentage.ratio(2, of: 3)?.description == "66.67")
        #expect(Percentage.ratio(5, of: 0) == nil)
        #expect(Percentage(hundredths: -5).description == "-0.05")
    }

    @Test("Charges go to the line with the longest matching prefix; the rest is unbudgeted and ordinary")
    func variance() throws {
        let budget = try Budget(
            id: BudgetID(UUID()), buildingID: BuildingID(UUID()), fiscalYear: 2026, ordinary: euros(1_000_00),
            extraordinary: euros(500_00),
            lines: [
                try BudgetLine(accountCode: "61", label: "Services", amount: euros(600_00)),
                try BudgetLine(accountCode: "610", label: "Entretien", amount: euros(400_00)),
                try BudgetLine(accountCode: "613", label: "Toiture", amount: euros(500_00), kind: .extraordinary),
            ], notes: nil, createdAt: now)
        let variance = BudgetVariance(
            budget: budget,
            charges: [
                "6101": euros(100_00), "610": euros(50_00), "611": euros(70_00), "613": euros(200_00),
                "640": euros(30_00),
            ],
            on: try CalendarDate(parsing: "2026-04-30"))
        #expect(variance.lines.map(\.actual) == [euros(70_00), euros(150_00), euros(200_00)])
        #expect(variance.unbudgeted.map(\.accountCode) == ["640"])
        #expect(variance.ordinary.actual == euros(250_00))
        #expect(variance.extraordinary.actual == euros(200_00))
        #expect(variance.total.actual == euros(450_00))
        #expect(variance.monthsElapsed == 4)
        #expect(variance.projectedTotal == euros(1_350_00))
        #expect(variance.lines[1].variancePercent?.description == "-62.50")
        #expect(variance.unbudgeted[0].variancePercent == nil)
        let later = BudgetVariance(budget: budget, charges: [:], on: try CalendarDate(parsing: "2027-01-02"))
        #expect(later.monthsElapsed == 12)
    }

    @Test("A threshold is reached exactly, never by a rounded percentage, and raised once")
    func thresholds() throws {
        let thresholds = AlertThresholds.standard
        #expect(thresholds.newlyCrossed(actual: euros(11_999_99), of: euros(15_000_00), alreadyRaised: []) == [])
        #expect(thresholds.newlyCrossed(actual: euros(12_000_00), of: euros(15_000_00), alreadyRaised: []) == [80])
        #expect(thresholds.newlyCrossed(actual: euros(16_000_00), of: euros(15_000_00), alreadyRaised: [80]) == [100])
        #expect(try AlertThresholds([100, 50]).percents == [50, 100])
        for bad in [[], [0], [1001], [80, 80], Array(1...11)] {
            #expect(throws: DomainError.self, "\(bad)") { try AlertThresholds(bad) }
        }
    }

    @Test("Lines sum to each of the two budgets, once per account, on charge accounts only")
    func budgetLines() throws {
        func make(_ lines: [BudgetLine]) throws -> Budget {
            try Budget(
                id: BudgetID(UUID()), buildingID: BuildingID(UUID()), fiscalYear: 2026, ordinary: euros(100_00),
                extraordinary: euros(50_00), lines: lines, notes: nil, createdAt: now)
        }
        _ = try make([
            try BudgetLine(accountCode: "610", label: "a", amount: euros(100_00)),
            try BudgetLine(accountCode: "613", label: "b", amount: euros(50_00), kind: .extraordinary),
        ])
        #expect(throws: DomainError.self) {
            try make([try BudgetLine(accountCode: "610", label: "a", amount: euros(150_00))])
        }
        #expect(throws: DomainError.self) {
            try make([
                try BudgetLine(accountCode: "610", label: "a", amount: euros(100_00)),
                try BudgetLine(accountCode: "610", label: "b", amount: euros(50_00), kind: .extraordinary),
            ])
        }
        #expect(throws: DomainError.self) { try BudgetLine(accountCode: "700", label: "a", amount: euros(1)) }
    }

    @Test("An owner statement runs calls and payments by date, calls first on a day")
    func statement() throws {
        let owner = OwnerID(UUID())
        let building = BuildingID(UUID())
        let first = CallForFundsID(UUID())
        let second = CallForFundsID(UUID())
        func call(_ id: CallForFundsID, _ date: String, _ cents: Int64) throws -> CalledAmount {
            CalledAmount(
                callID: id, buildingID: building, title: "Q", callDate: try CalendarDate(parsing: date),
                dueDate: try CalendarDate(parsing: "2026-12-31"), amount: euros(cents))
        }
        func payment(_ id: CallForFundsID, _ date: String, _ cents: Int64) throws -> OwnerPayment {
            OwnerPayment(
                id: OwnerPaymentID(UUID()), callID: id, ownerID: owner, buildingID: building, amount: euros(cents),
                paidOn: try CalendarDate(parsing: date), journalEntryID: JournalEntryID(UUID()), createdAt: now)
        }
        let statement = OwnerStatement(
            owner: owner,
            calls: [try call(second, "2026-04-01", 300_00), try call(first, "2026-01-01", 300_00)],
            payments: [try payment(second, "2026-04-01", 100_00), try payment(first, "2026-02-01", 300_00)])
        #expect(statement.lines.map(\.kind) == [.call, .payment, .call, .payment])
        #expect(statement.lines.map(\.balance) == [euros(300_00), euros(0), euros(300_00), euros(200_00)])
        #expect(statement.balance == euros(200_00))
        #expect(statement.totalPaid == euros(400_00))
    }
}

@Suite("The reserve fund rule")
struct ReserveFundRuleTests {
    func day(_ text: String) -> CalendarDate { try! CalendarDate(parsing: text) }

    func check(_ year: Int, acceptance: String?, charges: Int64, received: Int64, waived: Bool = false)
        -> ReserveFundCheck
    {
        ReserveFundCheck(
            fiscalYear: year, provisionalAcceptance: acceptance.map(day),
            previousYearCharges: Money(minorUnits: charges),
            received: Money(minorUnits: received), waived: waived)
    }

    @Test("From the fifth anniversary's year, at least 5 % of last year's charges, unless waived")
    func rule() {
        #expect(check(2026, acceptance: nil, charges: 1_000_000, received: 0).status == .acceptanceUnknown)
        #expect(check(2026, acceptance: "2022-06-01", charges: 1_000_000, received: 0).status == .notYetRequired)
        #expect(check(2027, acceptance: "2022-06-01", charges: 1_000_000, received: 0).status == .shortfall)
        let short = check(2026, acceptance: "2019-06-01", charges: 1_000_000, received: 30_000)
        #expect(short.required == Money(minorUnits: 50_000) && short.shortfall == Money(minorUnits: 20_000))
        #expect(check(2026, acceptance: "2019-06-01", charges: 1_000_000, received: 50_000).status == .met)
        let waived = check(2026, acceptance: "2019-06-01", charges: 1_000_000, received: 0, waived: true)
        #expect(waived.status == .waived && waived.shortfall == Money(minorUnits: 0))
        // 5 % of 0.10 is half a cent: rounded up; negative charges ask nothing.
        #expect(check(2026, acceptance: "2019-06-01", charges: 10, received: 0).required == Money(minorUnits: 1))
        #expect(check(2026, acceptance: "2019-06-01", charges: -500, received: 0).status == .met)
        // 29 February: the fifth anniversary is 28 February.
        #expect(check(2029, acceptance: "2024-02-29", charges: 0, received: 0).requiredFrom == day("2029-02-28"))
    }
}
