public import Domain
public import Foundation

/// A budget version as a client sends it: an amount per trade, and for a revision its reason.
public struct ProjectBudgetInput: Sendable {
    public var reason: String?
    /// Percentages that raise a drift alert (by default those of the previous version, else 80 and 100).
    public var alertThresholds: [Int]?
    public var lines: [(tradeID: UUID?, amount: String?)]

    public init(reason: String? = nil, alertThresholds: [Int]? = nil, lines: [(tradeID: UUID?, amount: String?)]) {
        self.reason = reason
        self.alertThresholds = alertThresholds
        self.lines = lines
    }
}

public struct ProjectExpenseInput: Sendable {
    public var tradeID: UUID?
    public var kind: String?
    public var amount: String?
    public var date: String?
    public var supplier: String?
    public var reference: String?
    public var description: String?
    public var documentID: UUID?

    public init(
        tradeID: UUID? = nil, kind: String? = nil, amount: String? = nil, date: String? = nil, supplier: String? = nil,
        reference: String? = nil, description: String? = nil, documentID: UUID? = nil
    ) {
        self.tradeID = tradeID
        self.kind = kind
        self.amount = amount
        self.date = date
        self.supplier = supplier
        self.reference = reference
        self.description = description
        self.documentID = documentID
    }
}

/// A cost as an invoice document's reading proposes it, for the caller to review and record:
/// each value with the reading it comes from and its confidence.
public struct ExpenseProposal: Sendable {
    public let documentID: DocumentID
    public let amount: Money?
    public let date: CalendarDate?
    public let supplier: String?
    public let reference: String?
    /// What was read, under the cost's field names (`amount`, `date`, `supplier`, `reference`).
    public let prefilled: [ExtractedField]
}

/// The budget status as the caller may see it.
public struct BudgetStatusView: Sendable {
    public let status: BudgetStatus
    /// The client sees each trade's budget against its cost, not what is committed to the contractors.
    public let showsCommitments: Bool
    /// A subcontractor sees only their trades, and no total.
    public let showsTotal: Bool
    public let alertThresholds: [Int]
}

/// A project's budget per trade, in versions, against its real costs (quotes, change orders,
/// invoices), with drift alerts raised once per threshold in the transaction that crosses it.
public struct ProjectBudgetService: Sendable, UseCaseSupport, ConstructionUseCase {
    public static let notificationTypes = [
        NotificationType("construction.budget_drift", "a project's costs reached an alert threshold of its budget")
    ]

    let context: ConstructionContext

    /// Records a new version of the budget: the initial one, or a revision with its reason.
    public func setBudget(_ input: ProjectBudgetInput, of id: ProjectID, as principal: Principal) async throws
        -> ProjectBudgetVersion
    {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesNotifications & UsesProjectBudgets & UsesProjectChanges & UsesProjectMembers
                    & UsesProjects & UsesTrades
            ) in
            let caller = try await context.caller(id, principal, repos, locking: true)
            try caller.require(.manageBudget)
            try caller.requireWritable()
            let projectTrades = try await repos.trades.list(of: id)
            let trades = Set(projectTrades.map(\.id))
            var amounts: [TradeID: Money] = [:]
            for (index, line) in input.lines.enumerated() {
                guard let raw = line.tradeID else {
                    throw DomainError.invalidValue(field: "trades[\(index)].trade_id", reason: "is required")
                }
                let trade = TradeID(raw)
                guard trades.contains(trade) else {
                    throw ApplicationError.notFound(entity: "trade", id: trade.description)
                }
                guard amounts[trade] == nil else {
                    throw DomainError.invalidValue(field: "trades[\(index)].trade_id", reason: "is budgeted twice")
                }
                guard let amount = line.amount else {
                    throw DomainError.invalidValue(field: "trades[\(index)].amount", reason: "is required")
                }
                amounts[trade] = try Money(parsing: amount, field: "trades[\(index)].amount")
            }
            let previous = try await repos.projectBudgets.latest(of: id)
            let version = try ProjectBudgetVersion(
                projectID: id, organizationID: caller.project.organizationID, number: (previous?.number ?? 0) + 1,
                reason: input.reason, amounts: amounts,
                alertThresholds: input.alertThresholds ?? previous?.alertThresholds
                    ?? ProjectBudgetVersion.defaultThresholds,
                createdBy: principal.userID, createdAt: clock.now())
            try await repos.projectBudgets.insert(version)
            try await context.audit(
                "project.budget_set", project: caller.project,
                payload: ["version": "\(version.number)", "total": version.total.decimalString], principal, repos)
            try await raiseAlerts(caller.project, under: version, trades: projectTrades, repos)
            return version
        }
    }

    /// Records a signed quote, a change order or an invoice of a trade; a drift alert it causes
    /// is raised in the same transaction.
    public func recordExpense(_ input: ProjectExpenseInput, in id: ProjectID, as principal: Principal) async throws
        -> ProjectExpense
    {
        try AccessPolicy.require(.useProjects, by: principal)
        let kind = try Self.parseRequired(input.kind, ProjectExpense.Kind.self, field: "kind")
        guard let amount = input.amount else { throw DomainError.invalidValue(field: "amount", reason: "is required") }
        let money = try Money(parsing: amount, field: "amount")
        let date = try input.date.map { try CalendarDate(parsing: $0, field: "date") }
        guard let tradeID = input.tradeID.map(TradeID.init) else {
            throw DomainError.invalidValue(field: "tradeId", reason: "is required")
        }
        return try await persistence.write {
            (
                repos: any UsesAudit & UsesNotifications & UsesProjectBudgets & UsesProjectChanges & UsesProjectMembers
                    & UsesProjects & UsesTrades
            ) in
            let caller = try await context.caller(id, principal, repos, locking: true)
            try caller.require(.manageBudget)
            try caller.requireWritable()
            guard let trade = try await repos.trades.find(tradeID), trade.projectID == id else {
                throw ApplicationError.notFound(entity: "trade", id: tradeID.description)
            }
            guard try await repos.projectBudgets.expenseCount(of: id) < ProjectExpense.maximumPerProject else {
                throw DomainError.invalidValue(
                    field: "amount",
                    reason: "the project already records \(ProjectExpense.maximumPerProject) costs, the most it may")
            }
            let now = clock.now()
            let expense = try ProjectExpense(
                id: ProjectExpenseID(ids.make()), projectID: id, organizationID: caller.project.organizationID,
                tradeID: trade.id, kind: kind, amount: money, date: date ?? CalendarDate(utcDayOf: now),
                supplier: input.supplier, reference: input.reference, description: input.description,
                documentID: input.documentID, recordedBy: principal.userID, recordedAt: now)
            try await repos.projectBudgets.insert(expense)
            try await context.audit(
                "project.expense_recorded", project: caller.project, entity: "project_expense",
                id: expense.id.description,
                payload: ["kind": kind.rawValue, "amount": money.decimalString, "trade": trade.id.description],
                principal, repos)
            if let budget = try await repos.projectBudgets.latest(of: id) {
                try await raiseAlerts(caller.project, under: budget, trades: try await repos.trades.list(of: id), repos)
            }
            return expense
        }
    }

    /// What an invoice document the documents module has read proposes for a cost: its amount
    /// excluding VAT (read, or the total less the VAT read), its date, supplier and number. Nothing
    /// is recorded: the caller reviews it and records the cost with the document's id.
    public func proposeExpense(from documentID: DocumentID, in id: ProjectID, as principal: Principal) async throws
        -> ExpenseProposal
    {
        try await persistence.read { (repos: any UsesProjectMembers & UsesProjects) in
            let caller = try await context.caller(id, principal, repos)
            try caller.require(.manageBudget)
        }
        guard let documents = context.documents else { throw DocumentError.readerUnavailable }
        let reading = try await documents.scannedInvoice(documentID, as: principal)
        var prefilled: [ExtractedField] = []
        func add(_ name: String, _ value: String, from field: ExtractedField) {
            prefilled.append(field.taken(as: name, value: value))
        }
        let amount = reading.net
        if let (net, field) = amount { add("amount", net.decimalString, from: field) }
        let date = reading.date("invoice_date")
        if let date, let field = reading.byName["invoice_date"] { add("date", date.description, from: field) }
        let supplier = reading.byName["supplier_name"].map { ($0, String($0.value.prefix(200))) }
        if let (field, name) = supplier { add("supplier", name, from: field) }
        let reference = reading.byName["invoice_number"].map { ($0, String($0.value.prefix(100))) }
        if let (field, number) = reference { add("reference", number, from: field) }
        return ExpenseProposal(
            documentID: documentID, amount: amount?.0, date: date, supplier: supplier?.1, reference: reference?.1,
            prefilled: prefilled)
    }

    public func status(of id: ProjectID, as principal: Principal) async throws -> BudgetStatusView {
        try await persistence.read { (repos: any UsesProjectBudgets & UsesProjectMembers & UsesProjects & UsesTrades) in
            let caller = try await context.caller(id, principal, repos)
            let (status, budget) = try await visibleStatus(caller, repos)
            return BudgetStatusView(
                status: status, showsCommitments: caller.allows(.readBudgetDetail),
                showsTotal: caller.allows(.readBudgetSummary),
                alertThresholds: budget?.alertThresholds ?? ProjectBudgetVersion.defaultThresholds)
        }
    }

    /// Cumulative planned and actual spending, per week or month: each trade's budget spread over
    /// its tasks' days (else over the project's), the invoices on their dates.
    public func series(of id: ProjectID, interval: String?, as principal: Principal) async throws -> BudgetSeries {
        let interval = try Self.parse(interval, BudgetSeries.Interval.self, field: "interval") ?? .month
        return try await persistence.read {
            (repos: any UsesProjectBudgets & UsesProjectMembers & UsesProjectTasks & UsesProjects & UsesTrades) in
            let caller = try await context.caller(id, principal, repos)
            let (trades, budget) = try await visibleTrades(caller, repos)
            let project = caller.project
            let tasks = try await repos.projectTasks.list(of: id, filter: ProjectTaskFilter())
            let start = project.details.startDate ?? CalendarDate(utcDayOf: project.createdAt)
            let schedule = try ProjectSchedule(
                tasks: tasks, dependencies: try await repos.projectTasks.dependencies(of: id), start: start)
            var spans: [TradeID: ClosedRange<CalendarDate>] = [:]
            for task in tasks {
                guard let trade = task.plan.tradeID, let entry = schedule.entries[task.id] else { continue }
                let span = spans[trade].map {
                    min($0.lowerBound, entry.earlyStart)...max($0.upperBound, entry.earlyFinish)
                }
                spans[trade] = span ?? entry.earlyStart...entry.earlyFinish
            }
            let end = max(start, project.details.endDate ?? project.expectedEnd ?? start)
            let visible = Set(trades.map(\.id))
            let expenses = try await repos.projectBudgets.expenses(of: id).filter { visible.contains($0.tradeID) }
            return try BudgetSeries(
                interval: interval, planned: (budget?.amounts ?? [:]).filter { visible.contains($0.key) }, spans: spans,
                fallback: start...end, expenses: expenses)
        }
    }

    /// The costs the caller may see in detail (every trade's, or their own trades'), by date.
    public func expenses(of id: ProjectID, as principal: Principal) async throws -> (Project, [Trade], [ProjectExpense])
    {
        try await persistence.read { (repos: any UsesProjectBudgets & UsesProjectMembers & UsesProjects & UsesTrades) in
            let caller = try await context.caller(id, principal, repos)
            if !caller.allows(.readBudgetDetail) { try caller.require(.readOwnTradeBudget) }
            let (trades, _) = try await visibleTrades(caller, repos)
            let visible = Set(trades.map(\.id))
            let expenses = try await repos.projectBudgets.expenses(of: id).filter { visible.contains($0.tradeID) }
            return (caller.project, trades, expenses)
        }
    }

    /// Every trade for those who read the budget; a subcontractor's own trades; else refused.
    private func visibleTrades(_ caller: ProjectCaller, _ repos: any UsesProjectBudgets & UsesTrades) async throws
        -> ([Trade], ProjectBudgetVersion?)
    {
        let trades = try await repos.trades.list(of: caller.project.id)
        let budget = try await repos.projectBudgets.latest(of: caller.project.id)
        if caller.allows(.readBudgetSummary) { return (trades, budget) }
        try caller.require(.readOwnTradeBudget)
        let own = Set(caller.member?.tradeIDs ?? [])
        return (trades.filter { own.contains($0.id) }, budget)
    }

    private func visibleStatus(_ caller: ProjectCaller, _ repos: any UsesProjectBudgets & UsesTrades) async throws
        -> (BudgetStatus, ProjectBudgetVersion?)
    {
        let (trades, budget) = try await visibleTrades(caller, repos)
        let expenses = try await repos.projectBudgets.expenses(of: caller.project.id)
        return (BudgetStatus(trades: trades, budget: budget, expenses: expenses), budget)
    }

    /// Raises each threshold newly reached under the current budget, per trade and in total, and
    /// tells the client and the general contractor.
    private func raiseAlerts(
        _ project: Project, under budget: ProjectBudgetVersion, trades: [Trade],
        _ repos: any UsesNotifications & UsesProjectBudgets & UsesProjectMembers
    ) async throws {
        let status = BudgetStatus(
            trades: trades, budget: budget, expenses: try await repos.projectBudgets.expenses(of: project.id))
        var recipients: Set<UserID>?
        for (tradeID, threshold) in status.reached(budget.alertThresholds) {
            guard
                try await repos.projectBudgets.raiseAlert(
                    project: project.id, organization: project.organizationID, version: budget.number, trade: tradeID,
                    threshold: threshold, at: clock.now())
            else { continue }
            if recipients == nil {
                recipients = Set(
                    try await repos.projectMembers.members(of: project.id)
                        .filter { [.maitreOuvrage, .entrepriseGenerale].contains($0.role) }.map(\.userID))
            }
            let line = tradeID.flatMap { id in status.trades.first { $0.trade.id == id } }?.line ?? status.total
            let scope =
                tradeID.flatMap { id in trades.first { $0.id == id }?.name }.map { "le lot \($0)" } ?? "le total"
            _ = try await context.trail.notify(
                recipients ?? [], in: project.organizationID, kind: "construction.budget_drift",
                title: "Budget à \(threshold) % : \(project.details.name)",
                body: "Les coûts engagés ou dépensés pour \(scope) atteignent \(threshold) % du budget "
                    + "(\(line.cost.decimalString) € sur \(line.budget.decimalString) €).",
                entity: "project", id: project.id.description, repos)
        }
    }
}
