import Application
import Domain
import Foundation
import Hummingbird

struct TechnicalInspectionRequest: Decodable {
    let type: String?
    let equipementId: UUID?
    let dueOn: String?
    let lastInspectedOn: String?
    let scheduledOn: String?
    let inspector: String?
    let region: String?

    var input: TechnicalInspectionInput {
        TechnicalInspectionInput(
            type: type, equipementID: equipementId, dueOn: dueOn, lastInspectedOn: lastInspectedOn,
            scheduledOn: scheduledOn, inspector: inspector, region: region)
    }
}

struct InspectionOutcomeRequest: Decodable {
    let on: String?
    let findings: String?
    let certificateDocumentId: UUID?
    let certificateValidUntil: String?

    static let empty = InspectionOutcomeRequest(
        on: nil, findings: nil, certificateDocumentId: nil, certificateValidUntil: nil)

    var input: InspectionOutcomeInput {
        InspectionOutcomeInput(
            on: on, findings: findings, certificateDocumentID: certificateDocumentId,
            certificateValidUntil: certificateValidUntil)
    }
}

struct InspectionFrequencyResponse: ResponseEncodable {
    let type, region: String
    let months: Int
    let source: String
    let verified, overridden: Bool

    init(_ row: InspectionFrequencyRow) {
        type = row.type.rawValue
        region = row.region.rawValue
        months = row.frequency.months
        source = row.frequency.source
        verified = row.frequency.verified
        overridden = row.frequency.overridden
    }
}

struct InspectionFrequencyListResponse: ResponseEncodable {
    let data: [InspectionFrequencyResponse]
}

struct InspectionFrequencyRequest: Decodable {
    let type: String?
    let region: String?
    let months: Int?
    let source: String?
}

struct TechnicalInspectionResponse: ResponseEncodable {
    struct Frequency: Encodable {
        let months: Int
        let source: String
        let verified, overridden: Bool
    }

    let id, buildingId, equipementId, equipementCode, planId, type, region, status: String
    let frequency: Frequency
    let dueOn: String
    let nextDueDate: String?
    let overdue: Bool
    let scheduledOn, inspector: String?
    let startedAt: Date?
    let completedOn, findings, certificateDocumentId, certificateValidUntil, interventionId: String?
    let alertsSent: [Int]
    let createdAt: Date

    init(_ view: TechnicalInspectionView) {
        let inspection = view.inspection
        id = inspection.id.description
        buildingId = inspection.buildingID.description
        equipementId = inspection.equipementID.description
        equipementCode = view.equipementCode
        planId = inspection.planID.description
        type = inspection.type.rawValue
        region = inspection.region.rawValue
        status = inspection.status.rawValue
        frequency = Frequency(
            months: inspection.frequency.months, source: inspection.frequency.source,
            verified: inspection.frequency.verified, overridden: inspection.frequency.overridden)
        dueOn = inspection.dueOn.description
        nextDueDate = inspection.nextDueDate?.description
        overdue = view.isOverdue
        scheduledOn = inspection.scheduledOn?.description
        inspector = inspection.inspector
        startedAt = inspection.startedAt
        completedOn = inspection.completedOn?.description
        findings = inspection.findings
        certificateDocumentId = inspection.certificateID?.description
        certificateValidUntil = inspection.certificateValidUntil?.description
        interventionId = inspection.interventionID?.description
        alertsSent = view.alertsSent
        createdAt = inspection.createdAt
    }
}

/// Regulated technical inspections and the organization's frequency table.
struct TechnicalInspectionRoutes {
    let service: TechnicalInspectionService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.post("buildings/{id}/technical-inspections") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(TechnicalInspectionRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: TechnicalInspectionResponse(
                    try await service.schedule(body.input, in: building, as: context.principal)))
        }
        group.get("buildings/{id}/technical-inspections") { request, context in
            try await list(
                request, context, building: try context.parameters.id(as: BuildingID.self, entity: "building"))
        }
        group.get("technical-inspections") { request, context in
            try await list(request, context, building: nil)
        }
        group.get("technical-inspections/{id}") { _, context in
            TechnicalInspectionResponse(try await service.inspection(try inspectionID(context), as: context.principal))
        }
        group.post("technical-inspections/{id}/start") { _, context in
            TechnicalInspectionResponse(try await service.start(try inspectionID(context), as: context.principal))
        }
        group.post("technical-inspections/{id}/cancel") { _, context in
            TechnicalInspectionResponse(try await service.cancel(try inspectionID(context), as: context.principal))
        }
        group.post("technical-inspections/{id}/complete") { request, context in
            let id = try inspectionID(context)
            let body = try await request.decodeOptionalJSON(InspectionOutcomeRequest.self, context: context) ?? .empty
            return TechnicalInspectionResponse(try await service.complete(id, body.input, as: context.principal))
        }
        group.post("technical-inspections/{id}/fail") { request, context in
            let id = try inspectionID(context)
            let body = try await request.decodeJSON(InspectionOutcomeRequest.self, context: context)
            guard body.findings != nil else { throw RequestError.missingField("findings") }
            return TechnicalInspectionResponse(try await service.fail(id, body.input, as: context.principal))
        }
        group.get("technical-inspection-frequencies") { _, context in
            InspectionFrequencyListResponse(
                data: try await service.frequencies(as: context.principal).map(InspectionFrequencyResponse.init))
        }
        group.put("technical-inspection-frequencies") { request, context in
            let body = try await request.decodeJSON(InspectionFrequencyRequest.self, context: context)
            guard let type = body.type else { throw RequestError.missingField("type") }
            guard let region = body.region else { throw RequestError.missingField("region") }
            guard body.months != nil else { throw RequestError.missingField("months") }
            guard body.source != nil else { throw RequestError.missingField("source") }
            return InspectionFrequencyResponse(
                try await service.overrideFrequency(
                    type: type, region: region, months: body.months, source: body.source, as: context.principal))
        }
        group.delete("technical-inspection-frequencies") { request, context in
            let type = try request.enumQuery("type", as: InspectionType.self)
            let region = try request.enumQuery("region", as: Region.self)
            guard let type else { throw RequestError.invalidParameter(name: "type", reason: "is required") }
            guard let region else { throw RequestError.invalidParameter(name: "region", reason: "is required") }
            return InspectionFrequencyResponse(
                try await service.removeOverride(type: type.rawValue, region: region.rawValue, as: context.principal))
        }
    }

    private func list(_ request: Request, _ context: AuthenticatedContext, building: BuildingID?) async throws
        -> ListResponse<TechnicalInspectionResponse>
    {
        let dueWithin =
            request.uri.queryParameters.get("due_within") == nil
            ? nil : try request.integerQuery("due_within", in: 0...3650, default: 0)
        return ListResponse(
            try await service.list(
                in: building, status: try request.enumQuery("status", as: TechnicalInspection.Status.self)?.rawValue,
                dueWithin: dueWithin, page: try request.pageRequest(), as: context.principal),
            TechnicalInspectionResponse.init)
    }

    private func inspectionID(_ context: AuthenticatedContext) throws -> TechnicalInspectionID {
        try context.parameters.id(as: TechnicalInspectionID.self, entity: "technical_inspection")
    }
}
