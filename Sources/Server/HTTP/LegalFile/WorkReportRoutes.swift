import Application
import Domain
import Foundation
import Hummingbird

struct WorkReportRequest: Decodable {
    struct Warranty: Decodable {
        let kind: String?
        let months: Int?
    }

    let supplierId: UUID?
    let invoiceId: UUID?
    let workKind: String?
    let description: String?
    let startedOn: String?
    let finishedOn: String?
    let acceptedOn: String?
    let cost: AmountInput?
    let hoursWorked: Int?
    let contractorComment: String?
    let warranty: Warranty?
    /// On creation: make a link for the contractor (true by default).
    let sendLink: Bool?
    /// Through the contractor's link: send the report for review.
    let submit: Bool?

    var input: WorkReportInput {
        WorkReportInput(
            supplierID: supplierId, invoiceID: invoiceId, workKind: workKind, description: description,
            startedOn: startedOn, finishedOn: finishedOn, acceptedOn: acceptedOn, cost: cost?.money,
            hoursWorked: hoursWorked, contractorComment: contractorComment,
            warrantyKind: warranty.map { $0.kind ?? "" }, warrantyMonths: warranty?.months)
    }
}

struct ReviewCommentRequest: Decodable {
    let comment: String?
}

struct WorkReportResponse: ResponseEncodable {
    struct Warranty: Encodable {
        let kind: String
        let months: Int?
        let endsOn: String?
    }

    let id, buildingId, supplierId, supplierName, status, workKind: String
    let invoiceId, description, startedOn, finishedOn, acceptedOn, cost, contractorComment, reviewComment: String?
    let hoursWorked: Int?
    let warranty: Warranty
    let underWarranty, warrantyEndsSoon: Bool
    let submittedAt, validatedAt: Date?
    let contractorUrl: String?
    let linkExpiresAt: Date?
    let createdAt: Date

    init(_ view: WorkReportView) {
        let report = view.report
        id = report.id.description
        buildingId = report.buildingID.description
        supplierId = report.supplierID.description
        supplierName = view.supplierName
        status = report.status.rawValue
        workKind = report.details.workKind
        invoiceId = report.invoiceID?.description
        description = report.details.description
        startedOn = report.details.startedOn?.description
        finishedOn = report.details.finishedOn?.description
        acceptedOn = report.details.acceptedOn?.description
        cost = report.details.cost?.decimalString
        contractorComment = report.details.contractorComment
        reviewComment = report.reviewComment
        hoursWorked = report.details.hoursWorked
        warranty = Warranty(
            kind: report.warranty.kind, months: report.warranty.months, endsOn: report.warrantyEndsOn?.description)
        underWarranty = view.underWarranty
        warrantyEndsSoon = view.warrantyEndsSoon
        submittedAt = report.submittedAt
        validatedAt = report.validatedAt
        contractorUrl = view.contractorURL
        linkExpiresAt = view.linkExpiresAt
        createdAt = report.createdAt
    }
}

/// Work reports: the syndic's routes behind the token, and the contractor's link without one.
struct WorkReportRoutes {
    let service: WorkReportService

    func addPublic(to group: RouterGroup<AppRequestContext>) {
        group.get("contractor/work-reports/{token}") { _, context in
            WorkReportResponse(try await service.contractorReport(token: context.parameters.get("token") ?? ""))
        }
        group.put("contractor/work-reports/{token}") { request, context in
            let token = context.parameters.get("token") ?? ""
            let body = try await request.decodeJSON(WorkReportRequest.self, context: context)
            return WorkReportResponse(
                try await service.contractorUpdate(token: token, body.input, submit: body.submit ?? false))
        }
    }

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.post("buildings/{id}/work-reports") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(WorkReportRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: WorkReportResponse(
                    try await service.create(
                        body.input, in: building, sendLink: body.sendLink ?? true, as: context.principal)))
        }
        group.get("buildings/{id}/work-reports") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let within =
                request.uri.queryParameters.get("warranty_expiring_within") == nil
                ? nil : try request.integerQuery("warranty_expiring_within", in: 0...3650, default: 0)
            return ListResponse(
                try await service.list(
                    in: building, status: try request.enumQuery("status", as: WorkReport.Status.self)?.rawValue,
                    warrantyWithin: within, page: try request.pageRequest(), as: context.principal),
                WorkReportResponse.init)
        }
        group.get("work-reports/{id}") { _, context in
            WorkReportResponse(try await service.report(try reportID(context), as: context.principal))
        }
        group.patch("work-reports/{id}") { request, context in
            let id = try reportID(context)
            let body = try await request.decodeJSON(WorkReportRequest.self, context: context)
            return WorkReportResponse(try await service.update(id, body.input, as: context.principal))
        }
        group.post("work-reports/{id}/send-link") { _, context in
            WorkReportResponse(try await service.sendLink(try reportID(context), as: context.principal))
        }
        group.post("work-reports/{id}/submit") { _, context in
            WorkReportResponse(try await service.submit(try reportID(context), as: context.principal))
        }
        group.post("work-reports/{id}/review") { _, context in
            WorkReportResponse(try await service.review(try reportID(context), as: context.principal))
        }
        group.post("work-reports/{id}/validate") { _, context in
            WorkReportResponse(try await service.validate(try reportID(context), as: context.principal))
        }
        group.post("work-reports/{id}/request-correction") { request, context in
            let id = try reportID(context)
            let comment = try await comment(request, context)
            return WorkReportResponse(try await service.requestCorrection(id, comment: comment, as: context.principal))
        }
        group.post("work-reports/{id}/reject") { request, context in
            let id = try reportID(context)
            let comment = try await comment(request, context)
            return WorkReportResponse(try await service.reject(id, comment: comment, as: context.principal))
        }
    }

    private func comment(_ request: Request, _ context: AuthenticatedContext) async throws -> String {
        let body = try await request.decodeJSON(ReviewCommentRequest.self, context: context)
        guard let comment = body.comment else { throw RequestError.missingField("comment") }
        return comment
    }

    private func reportID(_ context: AuthenticatedContext) throws -> WorkReportID {
        try context.parameters.id(as: WorkReportID.self, entity: "work_report")
    }
}
