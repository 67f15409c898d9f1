import Application
import Domain
import Foundation
import HTTPTypes
import Hummingbird

struct ProjectBudgetRequest: Decodable {
    struct Line: Decodable {
        let tradeId: UUID?
        let amount: AmountInput?
    }

    let reason: String?
    let alertThresholds: [Int]?
    let trades: [Line]?

    var input: ProjectBudgetInput {
        ProjectBudgetInput(
            reason: reason, alertThresholds: alertThresholds,
            lines: (trades ?? []).map { ($0.tradeId, $0.amount?.money.decimalString) })
    }
}

struct BudgetVersionResponse: ResponseEncodable {
    struct Line: Encodable {
        let tradeId, amount: String
    }

    let projectId: String
    let version: Int
    let reason: String?
    let alertThresholds: [Int]
    let total: String
    let trades: [Line]
    let createdAt: Date

    init(_ version: ProjectBudgetVersion) {
        projectId = version.projectID.description
        self.version = version.number
        reason = version.reason
        alertThresholds = version.alertThresholds
        total = version.total.decimalString
        trades = version.amounts.sorted { $0.key.description < $1.key.description }.map {
            Line(tradeId: $0.key.description, amount: $0.value.decimalString)
        }
        createdAt = version.createdAt
    }
}

struct ExpenseRequest: Decodable {
    let tradeId, documentId: UUID?
    let kind, date, supplier, reference, description: String?
    let amount: AmountInput?

    var input: ProjectExpenseInput {
        ProjectExpenseInput(
            tradeID: tradeId, kind: kind, amount: amount?.money.decimalString, date: date, supplier: supplier,
            reference: reference,
            description: description, documentID: documentId)
    }
}

struct ExpenseResponse: ResponseEncodable {
    let id, projectId, tradeId, kind, amount: String
    let date: CalendarDate
    let supplier, reference, description, documentId: String?
    let recordedAt: Date

    init(_ expense: ProjectExpense) {
        id = expense.id.description
        projectId = expense.projectID.description
        tradeId = expense.tradeID.description
        kind = expense.kind.rawValue
        amount = expense.amount.decimalString
        date = expense.date
        supplier = expense.supplier
        reference = expense.reference
        description = expense.description
        documentId = expense.documentID?.uuidString.lowercased()
        recordedAt = expense.recordedAt
    }
}

struct ExpenseProposalResponse: ResponseEncodable {
    struct Field: Encodable {
        let field, value: String
        let confidence: Double
    }

    let documentId: String
    let kind: String
    let amount, supplier, reference: String?
    let date: CalendarDate?
    let prefilled: [Field]

    init(_ proposal: ExpenseProposal) {
        documentId = proposal.documentID.description
        kind = ProjectExpense.Kind.invoice.rawValue
        amount = proposal.amount?.decimalString
        supplier = proposal.supplier
        reference = proposal.reference
        date = proposal.date
        prefilled = proposal.prefilled.map { Field(field: $0.name, value: $0.value, confidence: $0.confidence) }
    }
}

struct BudgetStatusResponse: ResponseEncodable {
    struct Line: Encodable {
        let tradeId, tradeName: String?
        let budget, spent, remaining, forecast: String
        /// Absent for the client, who sees each trade's budget against its cost but not the commitments.
        let committed: String?
        let driftPercent, consumedPercent: Double?

        init(trade: Trade?, _ line: ProjectCostLine, commitments: Bool) {
            tradeId = trade?.id.description
            tradeName = trade?.name
            budget = line.budget.decimalString
            spent = line.spent.decimalString
            remaining = line.remaining.decimalString
            forecast = line.forecast.decimalString
            committed = commitments ? line.committed.decimalString : nil
            driftPercent = line.driftTenths.map { Double($0) / 10 }
            consumedPercent = line.consumedTenths.map { Double($0) / 10 }
        }
    }

    let projectId: String
    let version: Int?
    let alertThresholds: [Int]
    let trades: [Line]
    /// Absent for a subcontractor, who sees only their trades.
    let total: Line?

    init(_ id: ProjectID, _ view: BudgetStatusView) {
        projectId = id.description
        version = view.status.version
        alertThresholds = view.alertThresholds
        trades = view.status.trades.map { Line(trade: $0.trade, $0.line, commitments: view.showsCommitments) }
        total = view.showsTotal ? Line(trade: nil, view.status.total, commitments: view.showsCommitments) : nil
    }
}

struct BudgetSeriesResponse: ResponseEncodable {
    struct Point: Encodable {
        let periodStart: CalendarDate
        let planned, actual: String
    }

    let projectId, interval: String
    let points: [Point]

    init(_ id: ProjectID, _ series: BudgetSeries) {
        projectId = id.description
        interval = series.interval.rawValue
        points = series.points.map {
            Point(periodStart: $0.periodStart, planned: $0.planned.decimalString, actual: $0.actual.decimalString)
        }
    }
}

/// A construction project's budget: versions, costs, the status against the budget, the
/// spending series and the costs as CSV for accounting.
struct ProjectBudgetRoutes {
    let service: ProjectBudgetService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        @Sendable func projectID(_ context: AuthenticatedContext) throws -> ProjectID {
            try context.parameters.id(as: ProjectID.self, entity: "project")
        }
        group.post("projects/{id}/budget") { request, context in
            let id = try projectID(context)
            let body = try await request.decodeJSON(ProjectBudgetRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: BudgetVersionResponse(try await service.setBudget(body.input, of: id, as: context.principal)))
        }
        group.post("projects/{id}/expenses") { request, context in
            let id = try projectID(context)
            let body = try await request.decodeJSON(ExpenseRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: ExpenseResponse(try await service.recordExpense(body.input, in: id, as: context.principal)))
        }
        group.get("projects/{id}/expense-proposal") { request, context in
            let id = try projectID(context)
            guard let document = try request.idQuery("document_id", as: DocumentID.self) else {
                throw DomainError.invalidValue(field: "document_id", reason: "is required")
            }
            return ExpenseProposalResponse(
                try await service.proposeExpense(from: document, in: id, as: context.principal))
        }
        group.get("projects/{id}/budget-status") { _, context in
            let id = try projectID(context)
            return BudgetStatusResponse(id, try await service.status(of: id, as: context.principal))
        }
        group.get("projects/{id}/budget-series") { request, context in
            let id = try projectID(context)
            let interval = try request.enumQuery("interval", as: BudgetSeries.Interval.self)
            return BudgetSeriesResponse(
                id, try await service.series(of: id, interval: interval?.rawValue, as: context.principal))
        }
        group.get("projects/{id}/expenses.csv") { _, context in
            let id = try projectID(context)
            let (project, trades, expenses) = try await service.expenses(of: id, as: context.principal)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8",
                    .contentDisposition:
                        "attachment; filename=\"expenses-\(project.details.reference.filter(\.isLetterOrNumberASCII)).csv\"",
                ],
                body: .init(
                    byteBuffer: ByteBuffer(
                        string: ProjectExpensesExport.csv(project: project, trades: trades, expenses: expenses))))
        }
    }
}

extension Character {
    fileprivate var isLetterOrNumberASCII: Bool { isASCII && (isLetter || isNumber) }
}
