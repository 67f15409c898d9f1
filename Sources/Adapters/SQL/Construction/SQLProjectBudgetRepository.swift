import Application
import Domain
import Foundation
import SQLKit

struct ProjectBudgetVersionRow: Codable {
    let projectId: UUID
    let organizationId: UUID
    let number: Int
    let reason: String?
    let alertThresholds: String
    let createdBy: UUID
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case number, reason
        case projectId = "project_id"
        case organizationId = "organization_id"
        case alertThresholds = "alert_thresholds"
        case createdBy = "created_by"
        case createdAt = "created_at"
    }
}

struct ProjectBudgetLineRow: Codable {
    let projectId: UUID
    let number: Int
    let tradeId: UUID
    let organizationId: UUID
    let amountCents: Int64

    enum CodingKeys: String, CodingKey {
        case number
        case projectId = "project_id"
        case tradeId = "trade_id"
        case organizationId = "organization_id"
        case amountCents = "amount_cents"
    }
}

struct ProjectExpenseRow: Codable {
    let id: UUID
    let organizationId: UUID
    let projectId: UUID
    let tradeId: UUID
    let kind: String
    let amountCents: Int64
    let expenseDate: String
    let supplier: String?
    let reference: String?
    let description: String?
    let documentId: UUID?
    let recordedBy: UUID
    let recordedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, kind, supplier, reference, description
        case organizationId = "organization_id"
        case projectId = "project_id"
        case tradeId = "trade_id"
        case amountCents = "amount_cents"
        case expenseDate = "expense_date"
        case documentId = "document_id"
        case recordedBy = "recorded_by"
        case recordedAt = "recorded_at"
    }

    init(_ expense: ProjectExpense) {
        id = expense.id.rawValue
        organizationId = expense.organizationID.rawValue
        projectId = expense.projectID.rawValue
        tradeId = expense.tradeID.rawValue
        kind = expense.kind.rawValue
        amountCents = expense.amount.minorUnits
        expenseDate = expense.date.description
        supplier = expense.supplier
        reference = expense.reference
        description = expense.description
        documentId = expense.documentID
        recordedBy = expense.recordedBy.rawValue
        recordedAt = expense.recordedAt
    }

    func domain() throws -> ProjectExpense {
        guard let kind = ProjectExpense.Kind(rawValue: kind) else {
            throw CorruptRow(table: "project_expenses", reason: "kind of \(id)")
        }
        return try ProjectExpense(
            id: ProjectExpenseID(id), projectID: ProjectID(projectId), organizationID: OrganizationID(organizationId),
            tradeID: TradeID(tradeId), kind: kind, amount: Money(minorUnits: amountCents),
            date: try CalendarDate(parsing: expenseDate), supplier: supplier, reference: reference,
            description: description, documentID: documentId, recordedBy: UserID(recordedBy), recordedAt: recordedAt)
    }
}

struct SQLProjectBudgetRepository: ProjectBudgetRepository {
    let db: any SQLDatabase

    func insert(_ version: ProjectBudgetVersion) async throws {
        try await db.insert(into: "project_budget_versions")
            .model(
                ProjectBudgetVersionRow(
                    projectId: version.projectID.rawValue, organizationId: version.organizationID.rawValue,
                    number: version.number, reason: version.reason,
                    alertThresholds: version.alertThresholds.map(String.init).joined(separator: ","),
                    createdBy: version.createdBy.rawValue, createdAt: version.createdAt), nilEncodingStrategy: .asNil
            ).run()
        let lines = version.amounts.sorted { $0.key.description < $1.key.description }.map { trade, amount in
            ProjectBudgetLineRow(
                projectId: version.projectID.rawValue, number: version.number, tradeId: trade.rawValue,
                organizationId: version.organizationID.rawValue, amountCents: amount.minorUnits)
        }
        try await db.insert(into: "project_budget_lines").models(lines).run()
    }

    func latest(of project: ProjectID) async throws -> ProjectBudgetVersion? {
        guard
            let row = try await db.select().columns("*").from("project_budget_versions")
                .where("project_id", .equal, project.rawValue).orderBy("number", .descending).limit(1)
                .first(decoding: ProjectBudgetVersionRow.self, with: rowDecoder)
        else { return nil }
        let lines = try await db.select().columns("*").from("project_budget_lines")
            .where("project_id", .equal, project.rawValue).where("number", .equal, row.number)
            .all(decoding: ProjectBudgetLineRow.self, with: rowDecoder)
        let thresholds = try row.alertThresholds.split(separator: ",").map {
            guard let value = Int($0) else { throw CorruptRow(table: "project_budget_versions", reason: "thresholds") }
            return value
        }
        return try ProjectBudgetVersion(
            projectID: project, organizationID: OrganizationID(row.organizationId), number: row.number,
            reason: row.reason,
            amounts: Dictionary(
                lines.map { (TradeID($0.tradeId), Money(minorUnits: $0.amountCents)) }, uniquingKeysWith: { a, _ in a }),
            alertThresholds: thresholds, createdBy: UserID(row.createdBy), createdAt: row.createdAt)
    }

    func insert(_ expense: ProjectExpense) async throws {
        try await db.insert(into: "project_expenses").model(ProjectExpenseRow(expense), nilEncodingStrategy: .asNil)
            .run()
    }

    func expenses(of project: ProjectID) async throws -> [ProjectExpense] {
        try await db.select().columns("*").from("project_expenses").where("project_id", .equal, project.rawValue)
            .orderBy("expense_date").orderBy("recorded_at").orderBy("id")
            .limit(ProjectExpense.maximumPerProject)
            .all(decoding: ProjectExpenseRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func expenseCount(of project: ProjectID) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("project_expenses")
            .where("project_id", .equal, project.rawValue).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    func raiseAlert(
        project: ProjectID, organization: OrganizationID, version: Int, trade: TradeID?, threshold: Int, at: Date
    ) async throws -> Bool {
        let raised = try await db.raw(
            """
            INSERT INTO project_budget_alerts (project_id, organization_id, version, scope, threshold, raised_at)
            VALUES (\(bind: project.rawValue), \(bind: organization.rawValue), \(bind: version),
                \(bind: trade?.description ?? "total"), \(bind: threshold), \(bind: at))
            ON CONFLICT DO NOTHING RETURNING threshold
            """
        ).all()
        return !raised.isEmpty
    }
}
