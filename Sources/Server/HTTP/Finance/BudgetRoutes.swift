import Application
import Domain
import Foundation
import Hummingbird

/// An amount as the API accepts it: a decimal string (`"1234.56"`) or a JSON number, held exactly.
struct AmountInput: Decodable {
    let money: Money

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let field = fieldPath(decoder.codingPath)
        if let text = try? container.decode(String.self) {
            money = try Money(parsing: text, field: field)
        } else if let number = try? container.decode(Decimal.self) {
            // Decimal keeps the number's digits; a binary float would not.
            money = try Money(parsing: "\(number)", field: field)
        } else if (try? container.decode(JSONNumber.self)) != nil {
            // A number too large for any amount (1e308).
            throw DomainError.invalidValue(field: field, reason: "is too large for an amount")
        } else {
            throw DecodingError.typeMismatch(
                String.self,
                .init(codingPath: decoder.codingPath, debugDescription: "an amount is a string or a number"))
        }
    }
}

struct BudgetRequest: Decodable {
    struct Line: Decodable {
        let accountCode: String
        let label: String
        let amount: AmountInput
        let kind: String?
    }

    let fiscalYear: Int?
    let ordinaryAmount: AmountInput?
    let extraordinaryAmount: AmountInput?
    let lines: [Line]?
    let notes: String?

    var draft: BudgetDraft {
        BudgetDraft(
            fiscalYear: fiscalYear, ordinary: ordinaryAmount?.money, extraordinary: extraordinaryAmount?.money,
            lines: lines?.map {
                BudgetDraft.Line(accountCode: $0.accountCode, label: $0.label, amount: $0.amount.money, kind: $0.kind)
            },
            notes: notes)
    }
}

struct VoteRequest: Decodable {
    let generalAssemblyDate: String
    let resolutionRef: String?
}

struct BudgetResponse: ResponseEncodable {
    struct Line: Encodable {
        let accountCode: String
        let label: String
        let amount: String
        let kind: String
    }

    let id: String
    let buildingId: String
    let fiscalYear: Int
    let status: String
    let ordinaryAmount: String
    let extraordinaryAmount: String
    let totalAmount: String
    let monthlyProvision: String
    let lines: [Line]
    let notes: String?
    let generalAssemblyDate: String?
    let resolutionRef: String?
    let createdAt: Date

    init(_ budget: Budget) {
        id = budget.id.description
        buildingId = budget.buildingID.description
        fiscalYear = budget.fiscalYear
        status = budget.status.rawValue
        ordinaryAmount = budget.ordinary.decimalString
        extraordinaryAmount = budget.extraordinary.decimalString
        totalAmount = budget.total.decimalString
        monthlyProvision = budget.monthlyProvision.decimalString
        lines = budget.lines.map {
            Line(accountCode: $0.accountCode, label: $0.label, amount: $0.amount.decimalString, kind: $0.kind.rawValue)
        }
        notes = budget.notes
        generalAssemblyDate = budget.generalAssemblyDate?.description
        resolutionRef = budget.resolutionRef
        createdAt = budget.createdAt
    }
}

struct ReserveFundResponse: ResponseEncodable {
    let fiscalYear: Int
    let status: String
    let provisionalAcceptanceDate, requiredFrom: String?
    let previousYearCharges, required, received, shortfall: String

    init(_ check: ReserveFundCheck) {
        fiscalYear = check.fiscalYear
        status = check.status.rawValue
        provisionalAcceptanceDate = check.provisionalAcceptance?.description
        requiredFrom = check.requiredFrom?.description
        previousYearCharges = check.previousYearCharges.decimalString
        required = check.required.decimalString
        received = check.received.decimalString
        shortfall = check.shortfall.decimalString
    }
}

struct ProvisionalAcceptanceRequest: Decodable {
    let provisionalAcceptanceDate: String??

    enum CodingKeys: String, CodingKey { case provisionalAcceptanceDate }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        provisionalAcceptanceDate = try container.decodePatch(String.self, forKey: .provisionalAcceptanceDate)
    }
}

struct VarianceResponse: ResponseEncodable {
    struct Row: Encodable {
        let accountCode: String?
        let label: String
        let kind: String?
        let budgeted: String
        let actual: String
        let variance: String
        let variancePercent: String?

        init(_ row: BudgetVariance.Row) {
            accountCode = row.accountCode
            label = row.label
            kind = row.kind?.rawValue
            budgeted = row.budgeted.decimalString
            actual = row.actual.decimalString
            variance = row.variance.decimalString
            variancePercent = row.variancePercent?.description
        }
    }

    let budgetId: String
    let fiscalYear: Int
    let status: String
    let monthsElapsed: Int
    let consumedPercent: String?
    let projectedTotal: String
    let lines: [Row]
    let unbudgeted: [Row]
    let ordinary: Row
    let extraordinary: Row
    let total: Row
    /// The reserve fund rule for the budget's year: its shortfall shows with the variance.
    let reserveFund: ReserveFundResponse

    init(_ variance: BudgetVariance, reserveFund: ReserveFundCheck) {
        self.reserveFund = ReserveFundResponse(reserveFund)
        budgetId = variance.budgetID.description
        fiscalYear = variance.fiscalYear
        status = variance.status.rawValue
        monthsElapsed = variance.monthsElapsed
        consumedPercent = variance.consumed?.description
        projectedTotal = variance.projectedTotal.decimalString
        lines = variance.lines.map(Row.init)
        unbudgeted = variance.unbudgeted.map(Row.init)
        ordinary = Row(variance.ordinary)
        extraordinary = Row(variance.extraordinary)
        total = Row(variance.total)
    }
}

struct ThresholdsBody: Codable, ResponseEncodable {
    let thresholds: [Int]
}

struct AlertResponse: ResponseEncodable {
    let id: String
    let buildingId: String
    let budgetId: String
    let fiscalYear: Int
    let thresholdPercent: Int
    let consumedPercent: String
    let budgeted: String
    let actual: String
    let raisedAt: Date

    init(_ alert: BudgetAlert) {
        id = alert.id.description
        buildingId = alert.buildingID.description
        budgetId = alert.budgetID.description
        fiscalYear = alert.fiscalYear
        thresholdPercent = alert.thresholdPercent
        consumedPercent = alert.consumed.description
        budgeted = alert.budgeted.decimalString
        actual = alert.actual.decimalString
        raisedAt = alert.raisedAt
    }
}

/// `/api/v1/buildings/{id}/budgets`, `/api/v1/budgets/{id}` and its transitions.
struct BudgetRoutes {
    let service: BudgetService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.post("buildings/{id}/budgets") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(BudgetRequest.self, context: context)
            guard body.fiscalYear != nil else { throw RequestError.missingField("fiscal_year") }
            let budget = try await service.create(in: building, body.draft, as: context.principal)
            return EditedResponse(status: .created, response: BudgetResponse(budget))
        }
        group.get("buildings/{id}/budgets") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            return ListResponse(
                try await service.budgets(of: building, page: try request.pageRequest(), as: context.principal),
                BudgetResponse.init)
        }
        group.get("budgets/{id}") { _, context in
            BudgetResponse(
                try await service.budget(
                    try context.parameters.id(as: BudgetID.self, entity: "budget"), as: context.principal))
        }
        group.patch("budgets/{id}") { request, context in
            let id = try context.parameters.id(as: BudgetID.self, entity: "budget")
            let body = try await request.decodeJSON(BudgetRequest.self, context: context)
            return BudgetResponse(try await service.revise(id, body.draft, as: context.principal))
        }
        group.delete("budgets/{id}") { _, context in
            try await service.delete(
                try context.parameters.id(as: BudgetID.self, entity: "budget"), as: context.principal)
            return HTTPResponse.Status.noContent
        }
        group.put("budgets/{id}/vote") { request, context in
            let id = try context.parameters.id(as: BudgetID.self, entity: "budget")
            let body = try await request.decodeJSON(VoteRequest.self, context: context)
            return BudgetResponse(
                try await service.apply(
                    .vote, to: id, generalAssemblyDate: body.generalAssemblyDate, resolutionRef: body.resolutionRef,
                    as: context.principal))
        }
        group.put("budgets/{id}/activate") { _, context in
            let id = try context.parameters.id(as: BudgetID.self, entity: "budget")
            return BudgetResponse(try await service.apply(.activate, to: id, as: context.principal))
        }
        group.put("budgets/{id}/close") { _, context in
            let id = try context.parameters.id(as: BudgetID.self, entity: "budget")
            return BudgetResponse(try await service.apply(.close, to: id, as: context.principal))
        }
        group.get("budgets/{id}/variance") { _, context in
            let id = try context.parameters.id(as: BudgetID.self, entity: "budget")
            return VarianceResponse(
                try await service.variance(of: id, as: context.principal),
                reserveFund: try await service.reserveFund(for: id, as: context.principal))
        }
        group.get("buildings/{id}/reserve-fund") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let year = try request.integerQuery("fiscal_year", in: FiscalYear.range, default: service.currentYear)
            return ReserveFundResponse(
                try await service.reserveFund(of: building, fiscalYear: year, as: context.principal))
        }
        group.put("buildings/{id}/reserve-fund") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(ProvisionalAcceptanceRequest.self, context: context)
            guard let date = body.provisionalAcceptanceDate else {
                throw RequestError.missingField("provisional_acceptance_date")
            }
            return ReserveFundResponse(
                try await service.setProvisionalAcceptance(date, of: building, as: context.principal))
        }
        group.get("buildings/{id}/alert-thresholds") { _, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            return ThresholdsBody(
                thresholds: try await service.alertThresholds(of: building, as: context.principal).percents)
        }
        group.put("buildings/{id}/alert-thresholds") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(ThresholdsBody.self, context: context)
            return ThresholdsBody(
                thresholds: try await service.setAlertThresholds(body.thresholds, of: building, as: context.principal)
                    .percents)
        }
        group.get("buildings/{id}/alerts") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            return ListResponse(
                try await service.alerts(of: building, page: try request.pageRequest(), as: context.principal),
                AlertResponse.init)
        }
    }
}
