public import Domain
public import Foundation

public protocol ReserveFundRepository: Sendable {
    /// When the common parts were provisionally accepted, if the building recorded it.
    func provisionalAcceptance(of building: BuildingID) async throws -> CalendarDate?
    func setProvisionalAcceptance(_ date: CalendarDate?, of building: BuildingID, at: Date) async throws
    /// Records an assembly's 4/5 decision not to fund the reserve for the year (once per year).
    func waive(_ fiscalYear: Int, of building: BuildingID, by resolution: ResolutionID, at: Date) async throws
    func waivedYears(of building: BuildingID) async throws -> Set<Int>
}

extension ReserveFundCheck {
    /// The rule for a building's year, from the ledger: the previous year's charges (class 6)
    /// and the year's reserve calls (701, credit balance).
    static func evaluate(_ building: BuildingID, fiscalYear: Int, _ repos: any UsesJournal & UsesReserveFund)
        async throws
        -> ReserveFundCheck
    {
        let charges = try await repos.journal.charges(of: building, fiscalYear: fiscalYear - 1)
        let year = try await repos.journal.trialBalance(of: building, fiscalYear: fiscalYear)
        let reserveCalls = year.filter { $0.accountCode == "701" }.reduce(Int64(0)) { $0 - $1.balance.minorUnits }
        return ReserveFundCheck(
            fiscalYear: fiscalYear,
            provisionalAcceptance: try await repos.reserveFund.provisionalAcceptance(of: building),
            previousYearCharges: Money(minorUnits: charges.reduce(0) { $0 + $1.balance.minorUnits }),
            received: Money(minorUnits: reserveCalls),
            waived: try await repos.reserveFund.waivedYears(of: building).contains(fiscalYear))
    }
}

extension BudgetService {
    /// The year of the service's clock: the reserve fund's year when none is asked.
    public var currentYear: Int { CalendarDate(utcDayOf: clock.now()).year }

    /// Where the building stands with the reserve fund rule for a year.
    public func reserveFund(of building: BuildingID, fiscalYear: Int, as principal: Principal) async throws
        -> ReserveFundCheck
    {
        try AccessPolicy.require(.readLedger, by: principal)
        guard FiscalYear.range.contains(fiscalYear) else {
            throw DomainError.invalidValue(
                field: "fiscalYear",
                reason: "must be between \(FiscalYear.range.lowerBound) and \(FiscalYear.range.upperBound)")
        }
        return try await persistence.read { (repos: any UsesBuildings & UsesJournal & UsesReserveFund) in
            _ = try await TenantScope.building(building, principal, repos)
            return try await ReserveFundCheck.evaluate(building, fiscalYear: fiscalYear, repos)
        }
    }

    /// The rule for a budget's building and year, shown with its variance.
    public func reserveFund(for id: BudgetID, as principal: Principal) async throws -> ReserveFundCheck {
        try AccessPolicy.require(.readLedger, by: principal)
        return try await persistence.read { (repos: any UsesBudgets & UsesBuildings & UsesJournal & UsesReserveFund) in
            let budget = try await visibleBudget(id, principal, repos)
            return try await ReserveFundCheck.evaluate(budget.buildingID, fiscalYear: budget.fiscalYear, repos)
        }
    }

    /// Records (or clears, with nil) the provisional acceptance of the common parts.
    public func setProvisionalAcceptance(_ raw: String?, of building: BuildingID, as principal: Principal)
        async throws -> ReserveFundCheck
    {
        try AccessPolicy.require(.manageLedger, by: principal)
        let date = try raw.map { try CalendarDate(parsing: $0, field: "provisionalAcceptanceDate") }
        let year = CalendarDate(utcDayOf: clock.now()).year
        return try await persistence.write {
            (
                repos: any UsesAccounts & UsesAudit & UsesBudgetAlerts & UsesBudgets & UsesBuildings & UsesInterventions
                    & UsesJournal & UsesReserveFund
            ) in
            _ = try await TenantScope.building(building, principal, repos)
            try await repos.reserveFund.setProvisionalAcceptance(date, of: building, at: clock.now())
            try await AuditTrail(clock: clock, ids: ids).record(
                "reserve_fund.acceptance_recorded", entity: "building", id: building.description,
                payload: ["provisionalAcceptanceDate": date?.description ?? "none"], by: principal,
                organization: principal.organizationID, repos)
            return try await ReserveFundCheck.evaluate(building, fiscalYear: year, repos)
        }
    }

    /// An adopted 4/5 resolution not to fund the reserve waives the rule for its fiscal year
    /// (the point's, else the assembly's year), in the assembly's transaction.
    func subscribeReserveFund(to bus: DomainEventBus) {
        bus.subscribe { event, repos in
            guard let adopted = event as? ResolutionAdopted, adopted.decisionType == .reserveFundWaiver else {
                return []
            }
            try await repos.reserveFund.waive(
                adopted.fiscalYear ?? adopted.assemblyDate.year, of: adopted.building, by: adopted.resolution,
                at: adopted.at)
            return []
        }
    }
}
