import Application
import Domain
import Foundation
import HTTPTypes
import Hummingbird

struct SnagRequest: Decodable {
    let tradeId, photoDocumentId: UUID?
    let title, description, deadline: String?

    var input: SnagInput {
        SnagInput(
            tradeID: tradeId, title: title, description: description, deadline: deadline,
            photoDocumentID: photoDocumentId)
    }
}

struct AcceptanceRequest: Decodable {
    let tradeId: UUID?
    let date, remarks: String?
    let snags: [SnagRequest]?

    var input: AcceptanceInput {
        AcceptanceInput(tradeID: tradeId, date: date, remarks: remarks, snags: (snags ?? []).map(\.input))
    }
}

struct SnagStatusRequest: Decodable {
    let status: String?
}

struct FinalAcceptanceRequest: Decodable {
    let date: String?
}

struct SnagResponse: ResponseEncodable {
    let id, acceptanceId, tradeId, title, status: String
    let description, photoDocumentId: String?
    let deadline: CalendarDate
    /// Still open after its deadline.
    let late: Bool
    let fixedAt, verifiedAt: Date?
    let createdAt: Date

    init(_ snag: Snag, today: CalendarDate) {
        id = snag.id.description
        acceptanceId = snag.acceptanceID.description
        tradeId = snag.tradeID.description
        title = snag.title
        status = snag.status.rawValue
        description = snag.description
        photoDocumentId = snag.photoDocumentID?.uuidString.lowercased()
        deadline = snag.deadline
        late = snag.isLate(on: today)
        fixedAt = snag.fixedAt
        verifiedAt = snag.verifiedAt
        createdAt = snag.createdAt
    }
}

struct WarrantyResponse: ResponseEncodable {
    let tradeId, acceptanceId, kind: String
    let tradeName: String?
    let years: Int
    let startsOn, endsOn: CalendarDate
    let running: Bool

    init(_ warranty: ProjectWarranty, trade: Trade?, today: CalendarDate) {
        tradeId = warranty.tradeID.description
        acceptanceId = warranty.acceptanceID.description
        kind = warranty.kind.rawValue
        tradeName = trade?.name
        years = warranty.kind.years
        startsOn = warranty.startsOn
        endsOn = warranty.endsOn
        running = warranty.isRunning(on: today)
    }
}

struct AcceptanceResponse: ResponseEncodable {
    struct Signature: Encodable {
        let stage, role, userId: String
        let signedAt: Date
    }

    let id, projectId, stage: String
    let tradeId, tradeName, remarks: String?
    let provisionalOn: CalendarDate
    let finalOn: CalendarDate?
    let signatures: [Signature]
    /// The signatory roles the current stage's record still waits for.
    let missingSignatures: [String]
    let openSnags: Int
    let snags: [SnagResponse]
    let warranties: [WarrantyResponse]
    let createdAt: Date

    init(_ view: AcceptanceView) {
        let acceptance = view.acceptance
        id = acceptance.id.description
        projectId = acceptance.projectID.description
        stage = acceptance.stage.rawValue
        tradeId = acceptance.tradeID?.description
        tradeName = view.trade?.name
        remarks = acceptance.remarks
        provisionalOn = acceptance.provisionalOn
        finalOn = acceptance.finalOn
        signatures = acceptance.signOffs.map {
            Signature(stage: $0.stage.rawValue, role: $0.role.rawValue, userId: $0.userID.description, signedAt: $0.at)
        }
        missingSignatures = acceptance.missingSignatures(acceptance.stage).map(\.rawValue)
        openSnags = view.snags.filter { $0.status != .verified }.count
        snags = view.snags.map { SnagResponse($0, today: view.today) }
        warranties = view.warranties.map { WarrantyResponse($0, trade: nil, today: view.today) }
        createdAt = acceptance.createdAt
    }
}

/// A construction project's acceptances: provisional with the snag list, sign-off, final, the
/// printed record, and the warranties they started.
struct AcceptanceRoutes {
    let service: AcceptanceService
    let documents: DocumentsService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        @Sendable func projectID(_ context: AuthenticatedContext) throws -> ProjectID {
            try context.parameters.id(as: ProjectID.self, entity: "project")
        }
        @Sendable func acceptanceID(_ context: AuthenticatedContext) throws -> AcceptanceID {
            try context.parameters.id(as: AcceptanceID.self, entity: "acceptance")
        }
        group.post("projects/{id}/acceptances") { request, context in
            let id = try projectID(context)
            let body = try await request.decodeJSON(AcceptanceRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: AcceptanceResponse(try await service.pronounce(body.input, in: id, as: context.principal)))
        }
        group.get("projects/{id}/acceptances") { _, context in
            DataResponse(
                data: try await service.list(of: try projectID(context), as: context.principal)
                    .map(AcceptanceResponse.init))
        }
        group.get("projects/{id}/warranties") { _, context in
            let today = service.today
            return DataResponse(
                data: try await service.warranties(of: try projectID(context), as: context.principal).map {
                    WarrantyResponse($0.0, trade: $0.1, today: today)
                })
        }
        group.get("acceptances/{id}") { _, context in
            AcceptanceResponse(try await service.acceptance(try acceptanceID(context), as: context.principal))
        }
        group.post("acceptances/{id}/snags") { request, context in
            let id = try acceptanceID(context)
            let body = try await request.decodeJSON(SnagRequest.self, context: context)
            let snag = try await service.addSnag(body.input, to: id, as: context.principal)
            return EditedResponse(
                status: .created, response: SnagResponse(snag, today: service.today))
        }
        group.patch("snags/{id}/status") { request, context in
            let id = try context.parameters.id(as: SnagID.self, entity: "snag")
            let body = try await request.decodeJSON(SnagStatusRequest.self, context: context)
            return SnagResponse(
                try await service.moveSnag(id, to: body.status, as: context.principal),
                today: service.today)
        }
        group.post("acceptances/{id}/sign-off") { _, context in
            AcceptanceResponse(try await service.signOff(try acceptanceID(context), as: context.principal))
        }
        group.post("acceptances/{id}/final") { request, context in
            let id = try acceptanceID(context)
            let body = try await request.decodeOptionalJSON(FinalAcceptanceRequest.self, context: context)
            return AcceptanceResponse(try await service.pronounceFinal(id, date: body?.date, as: context.principal))
        }
        group.get("acceptances/{id}/record.pdf") { _, context in
            let id = try acceptanceID(context)
            return Response.pdf(
                try documents.pdf(of: try await service.record(of: id, as: context.principal)),
                fileName: "pv-reception-\(id).pdf")
        }
    }
}
