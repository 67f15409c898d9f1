import Domain
import Foundation
import Testing

@Suite("Construction budget: versions, costs against the budget, forecast, drift thresholds, the spending series")
struct ProjectBudgetDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let project = ProjectID(UUID())
    let organization = OrganizationID(UUID())
    let user = UserID(UUID())

    func euros(_ amount: Int64) -> Money { Money(minorUnits: amount * 100) }
    func day(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    func trade(_ name: String) throws -> Trade {
        try Trade(
            id: TradeID(UUID()), projectID: project, organizationID: organization, name: name, kind: .other,
            contractor: nil, createdAt: now)
    }

    func budget(_ amounts: [TradeID: Money], number: Int = 1, thresholds: [Int] = [80, 100]) throws
        -> ProjectBudgetVersion
    {
        try ProjectBudgetVersion(
            projectID: project, organizationID: organization, number: number, reason: number > 1 ? "revision" : nil,
            amounts: amounts, alertThresholds: thresholds, createdBy: user, createdAt: now)
    }

    func cost(_ kind: ProjectExpense.Kind, _ amount: Int64, on trade: Trade, _ date: String = "2027-03-01") throws
        -> ProjectExpense
    {
        try ProjectExpense(
            id: ProjectExpenseID(UUID()), projectID: project, organizationID: organization, tradeID: trade.id,
            kind: kind, amount: euros(amount), date: try day(date), supplier: nil, reference: nil, description: nil,
            documentID: nil, recordedBy: user, recordedAt: now)
    }

    @Test("The forecast is the budget until a quote is signed, then the commitment, never below what is spent")
    func forecast() {
        let untouched = ProjectCostLine(budget: euros(100), committed: euros(0), spent: euros(0))
        #expect(untouched.forecast == euros(100))
        #expect(untouched.driftTenths == 0)
        let cheaper = ProjectCostLine(budget: euros(100), committed: euros(90), spent: euros(30))
        #expect(cheaper.forecast == euros(90))
        #expect(cheaper.driftTenths == -100)
        #expect(cheaper.remaining == euros(70))
        #expect(cheaper.consumedTenths == 900)
        let overspent = ProjectCostLine(budget: euros(100), committed: euros(90), spent: euros(120))
        #expect(overspent.forecast == euros(120))
        #expect(overspent.reached([80, 100]) == [80, 100])
        let creditOnly = ProjectCostLine(budget: euros(100), committed: euros(-5), spent: euros(30))
        #expect(creditOnly.forecast == euros(100), "a change order alone commits nothing yet")
        let unbudgeted = ProjectCostLine(budget: euros(0), committed: euros(10), spent: euros(0))
        #expect(unbudgeted.driftTenths == nil)
        #expect(unbudgeted.reached([80]) == [])
    }

    @Test("The total sums each trade's forecast and cost, so a trade's savings do not hide another's budget")
    func totals() throws {
        let structure = try trade("Gros œuvre")
        let plumbing = try trade("Plomberie")
        let status = BudgetStatus(
            trades: [structure, plumbing],
            budget: try budget([structure.id: euros(100_000), plumbing.id: euros(20_000)]),
            expenses: [
                try cost(.quote, 95_000, on: structure), try cost(.changeOrder, 15_000, on: structure),
                try cost(.invoice, 4_000, on: plumbing),
            ])
        #expect(status.trades.map(\.line.forecast) == [euros(110_000), euros(20_000)])
        #expect(status.total.forecast == euros(130_000))
        #expect(status.total.cost == euros(114_000))
        #expect(status.total.driftTenths == 83)
        #expect(status.total.consumedTenths == 950)
        let reached = status.reached([80, 100]).map {
            "\($0.trade.map { $0 == structure.id ? "structure" : "?" } ?? "total") \($0.threshold)"
        }
        #expect(reached == ["structure 80", "structure 100", "total 80"])
    }

    @Test("A change order may take works out; quotes and invoices are positive")
    func expenseAmounts() throws {
        let structure = try trade("Gros œuvre")
        #expect(throws: DomainError.self) { try cost(.invoice, -5, on: structure) }
        #expect(throws: DomainError.self) { try cost(.quote, 0, on: structure) }
        #expect(throws: DomainError.self) { try cost(.changeOrder, 0, on: structure) }
        #expect(try cost(.changeOrder, -500, on: structure).amount == euros(-500))
    }

    @Test("A revision says why; thresholds are 1 to 5 percentages; no amount is negative")
    func versions() throws {
        let structure = try trade("Gros œuvre")
        #expect(throws: DomainError.self) {
            try ProjectBudgetVersion(
                projectID: project, organizationID: organization, number: 2, reason: " ",
                amounts: [structure.id: euros(1)],
                alertThresholds: [80], createdBy: user, createdAt: now)
        }
        #expect(throws: DomainError.self) { try budget([structure.id: euros(-1)]) }
        #expect(throws: DomainError.self) { try budget([:]) }
        #expect(throws: DomainError.self) { try budget([structure.id: euros(1)], thresholds: []) }
        #expect(throws: DomainError.self) { try budget([structure.id: euros(1)], thresholds: [0]) }
        #expect(throws: DomainError.self) {
            try budget([structure.id: euros(1)], thresholds: [10, 20, 30, 40, 50, 60])
        }
        #expect(try budget([structure.id: euros(1)], thresholds: [100, 80, 100]).alertThresholds == [80, 100])
    }

    @Test("The series spreads each trade's budget evenly over its days, without losing a cent, and sums invoices")
    func series() throws {
        let structure = try trade("Gros œuvre")
        let plumbing = try trade("Plomberie")
        let plan = try budget([structure.id: euros(100_000), plumbing.id: euros(20_000)])
        let series = try BudgetSeries(
            interval: .month, planned: plan.amounts, spans: [plumbing.id: try day("2027-05-10")...day("2027-05-19")],
            fallback: try day("2027-03-01")...day("2027-06-30"),
            expenses: [
                try cost(.invoice, 40_000, on: structure, "2027-03-31"), try cost(.quote, 18_000, on: plumbing),
                try cost(.invoice, 1_000, on: plumbing, "2027-07-02"),
            ])
        #expect(
            series.points.map(\.periodStart.description) == [
                "2027-03-01", "2027-04-01", "2027-05-01", "2027-06-01", "2027-07-01",
            ])
        // 100,000 € over 122 days: 31 of them in March.
        #expect(series.points[0].planned == Money(minorUnits: 2_540_983))
        #expect(series.points[2].planned.minorUnits == 10_000_000 * 92 / 122 + 2_000_000)
        #expect(series.points.last?.planned == euros(120_000))
        #expect(
            series.points.map(\.actual) == [euros(40_000), euros(40_000), euros(40_000), euros(40_000), euros(41_000)])
        let weekly = try BudgetSeries(
            interval: .week, planned: plan.amounts, spans: [:], fallback: try day("2027-03-03")...day("2027-03-03"),
            expenses: []
        )
        #expect(weekly.points.map(\.periodStart.description) == ["2027-03-01"])
        #expect(throws: DomainError.self) {
            try BudgetSeries(
                interval: .week, planned: plan.amounts, spans: [:], fallback: try day("2000-01-01")...day("2099-12-31"),
                expenses: [])
        }
        let huge = try budget([structure.id: Money(minorUnits: 99_999_999_999_999)])
        let long = try BudgetSeries(
            interval: .month, planned: huge.amounts, spans: [:], fallback: try day("2027-01-01")...day("2099-12-31"),
            expenses: [])
        #expect(long.points.last?.planned == Money(minorUnits: 99_999_999_999_999))
    }
}
