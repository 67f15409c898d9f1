public import Domain

public protocol BudgetRepository: Sendable {
    func insert(_ budget: Budget) async throws
    func find(_ id: BudgetID) async throws -> Budget?
    /// Newest fiscal year first, then by creation.
    func list(of building: BuildingID, page: PageRequest) async throws -> Page<Budget>
    /// Throws `BudgetError.alreadyActive` when another budget of the building and year is active.
    func update(_ budget: Budget) async throws
    func delete(_ id: BudgetID) async throws
    func active(in building: BuildingID, fiscalYear: Int) async throws -> Budget?
}

public enum BudgetError: Error, Equatable, Sendable, CustomStringConvertible {
    case alreadyActive(fiscalYear: Int)

    public var description: String {
        switch self {
        case .alreadyActive(let year): "another budget is already active for \(year)"
        }
    }
}

/// What a client sends to create or revise a budget; amounts already parsed exactly.
public struct BudgetDraft: Sendable {
    public struct Line: Sendable {
        public let accountCode: String
        public let label: String
        public let amount: Money
        public let kind: String?

        public init(accountCode: String, label: String, amount: Money, kind: String? = nil) {
            self.accountCode = accountCode
            self.label = label
            self.amount = amount
            self.kind = kind
        }
    }

    public var fiscalYear: Int?
    public var ordinary: Money?
    public var extraordinary: Money?
    public var lines: [Line]?
    public var notes: String?

    public init(fiscalYear: Int?, ordinary: Money?, extraordinary: Money?, lines: [Line]?, notes: String?) {
        self.fiscalYear = fiscalYear
        self.ordinary = ordinary
        self.extraordinary = extraordinary
        self.lines = lines
        self.notes = notes
    }

    func budgetLines() throws -> [BudgetLine]? {
        try lines?.map { line in
            guard let kind = ChargeKind(rawValue: line.kind ?? ChargeKind.ordinary.rawValue) else {
                throw DomainError.invalidValue(field: "lines.kind", reason: "must be ordinary or extraordinary")
            }
            return try BudgetLine(accountCode: line.accountCode, label: line.label, amount: line.amount, kind: kind)
        }
    }
}

/// The annual budget's use cases. Several drafts may exist for a year (alternatives for the
/// general assembly); at most one budget per building and year is active.
public struct BudgetService: Sendable {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let drift: BudgetDrift

    public init(persistence: any Persistence, clock: any WallClock, ids: any IDGenerator) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.drift = BudgetDrift(clock: clock, ids: ids)
    }

    /// The budget module's reaction to the assembly: a resolution approving a budget votes it
    /// (`draft → voted`), with the assembly's date and the resolution as its reference; the
    /// agenda item names the budget, so the link goes both ways. A budget no longer in draft
    /// refuses, and the resolution's closing with it.
    public func subscribe(to bus: DomainEventBus) {
        subscribeReserveFund(to: bus)
        bus.subscribe { event, repos in
            guard let adopted = event as? ResolutionAdopted, adopted.decisionType == .budgetApproval,
                let id = adopted.budget
            else { return [] }
            guard var budget = try await repos.budgets.find(id), budget.buildingID == adopted.building else {
                throw ApplicationError.notFound(entity: "budget", id: id.description)
            }
            try budget.apply(
                .vote, generalAssemblyDate: adopted.assemblyDate, resolutionRef: adopted.resolution.description)
            try await repos.budgets.update(budget)
            return []
        }
    }

    public func create(in buildingID: BuildingID, _ draft: BudgetDraft, as principal: Principal) async throws -> Budget
    {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        guard let fiscalYear = draft.fiscalYear else {
            throw DomainError.invalidValue(field: "fiscalYear", reason: "is required")
        }
        let budget = try Budget(
            id: BudgetID(ids.make()), buildingID: buildingID, fiscalYear: fiscalYear,
            ordinary: draft.ordinary ?? Money(minorUnits: 0),
            extraordinary: draft.extraordinary ?? Money(minorUnits: 0),
            lines: try draft.budgetLines() ?? [], notes: draft.notes, createdAt: clock.now())
        try await persistence.write { (repos: any UsesBudgets & UsesBuildings) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            try await repos.budgets.insert(budget)
        }
        return budget
    }

    public func budget(_ id: BudgetID, as principal: Principal) async throws -> Budget {
        try AccessPolicy.require(.readCoOwnership, by: principal)
        return try await persistence.read { (repos: any UsesBudgets & UsesBuildings) in
            try await visibleBudget(id, principal, repos)
        }
    }

    public func budgets(of buildingID: BuildingID, page: PageRequest, as principal: Principal) async throws -> Page<
        Budget
    > {
        try AccessPolicy.require(.readCoOwnership, by: principal)
        return try await persistence.read { (repos: any UsesBudgets & UsesBuildings) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            return try await repos.budgets.list(of: buildingID, page: page)
        }
    }

    public func revise(_ id: BudgetID, _ draft: BudgetDraft, as principal: Principal) async throws -> Budget {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        let lines = try draft.budgetLines()
        return try await persistence.write { (repos: any UsesBudgets & UsesBuildings) in
            var budget = try await visibleBudget(id, principal, repos)
            try budget.revise(
                fiscalYear: draft.fiscalYear, ordinary: draft.ordinary, extraordinary: draft.extraordinary,
                lines: lines,
                notes: draft.notes)
            try await repos.budgets.update(budget)
            return budget
        }
    }

    /// Vote, activate or close. Activation refuses a second active budget for the same year.
    public func apply(
        _ transition: Budget.Transition, to id: BudgetID, generalAssemblyDate rawDate: String? = nil,
        resolutionRef: String? = nil, as principal: Principal
    ) async throws -> Budget {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        let date = try rawDate.map { try CalendarDate(parsing: $0, field: "generalAssemblyDate") }
        return try await persistence.write {
            (repos: any UsesBudgetAlerts & UsesBudgets & UsesBuildings & UsesJournal) in
            var budget = try await visibleBudget(id, principal, repos)
            try budget.apply(transition, generalAssemblyDate: date, resolutionRef: resolutionRef)
            if transition == .activate {
                try await repos.buildings.lock(budget.buildingID)
                if let active = try await repos.budgets.active(in: budget.buildingID, fiscalYear: budget.fiscalYear),
                    active.id != budget.id
                {
                    throw BudgetError.alreadyActive(fiscalYear: budget.fiscalYear)
                }
            }
            try await repos.budgets.update(budget)
            // Charges posted before the activation count as much as the ones after.
            if transition == .activate { try await drift.check(budget, repos) }
            return budget
        }
    }

    public func delete(_ id: BudgetID, as principal: Principal) async throws {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        try await persistence.write { (repos: any UsesBudgets & UsesBuildings) in
            let budget = try await visibleBudget(id, principal, repos)
            try budget.checkDeletable()
            try await repos.budgets.delete(id)
        }
    }

    /// Budgeted against the ledger's actual charges of the budget's year, as of today.
    public func variance(of id: BudgetID, as principal: Principal) async throws -> BudgetVariance {
        try AccessPolicy.require(.readLedger, by: principal)
        let today = CalendarDate(utcDayOf: clock.now())
        return try await persistence.read { (repos: any UsesBudgets & UsesBuildings & UsesJournal) in
            let budget = try await visibleBudget(id, principal, repos)
            let charges = try await BudgetDrift.charges(of: budget.buildingID, fiscalYear: budget.fiscalYear, repos)
            return BudgetVariance(budget: budget, charges: charges, on: today)
        }
    }

    public func alertThresholds(of building: BuildingID, as principal: Principal) async throws -> AlertThresholds {
        try AccessPolicy.require(.readLedger, by: principal)
        return try await persistence.read { (repos: any UsesBudgetAlerts & UsesBuildings) in
            _ = try await TenantScope.building(building, principal, repos)
            return try await repos.budgetAlerts.thresholds(of: building) ?? .standard
        }
    }

    /// New thresholds apply from the next posting (and are checked at once against the active budget).
    public func setAlertThresholds(_ percents: [Int], of building: BuildingID, as principal: Principal) async throws
        -> AlertThresholds
    {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        let thresholds = try AlertThresholds(percents)
        let year = CalendarDate(utcDayOf: clock.now()).year
        return try await persistence.write {
            (repos: any UsesBudgetAlerts & UsesBudgets & UsesBuildings & UsesJournal) in
            _ = try await TenantScope.building(building, principal, repos)
            try await repos.budgetAlerts.setThresholds(thresholds, of: building)
            if let active = try await repos.budgets.active(in: building, fiscalYear: year) {
                try await drift.check(active, repos)
            }
            return thresholds
        }
    }

    public func alerts(of building: BuildingID, page: PageRequest, as principal: Principal) async throws -> Page<
        BudgetAlert
    > {
        try AccessPolicy.require(.readLedger, by: principal)
        return try await persistence.read { (repos: any UsesBudgetAlerts & UsesBuildings) in
            _ = try await TenantScope.building(building, principal, repos)
            return try await repos.budgetAlerts.list(of: building, page: page)
        }
    }

    func visibleBudget(_ id: BudgetID, _ principal: Principal, _ repos: any UsesBudgets & UsesBuildings) async throws
        -> Budget
    {
        try await TenantScope.visible(
            try await repos.budgets.find(id), of: \.buildingID, principal, repos, entity: "budget", id: id.description)
    }
}
