public import Application
import Domain
import Foundation
import Hummingbird

/// `/me/data-export`, `/me/erasure-request` and the admins' `/admin/erasure-requests`.
struct PrivacyRoutes {
    let privacy: PrivacyService
    let consents: ConsentService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.get("me/data-export") { _, context in
            DataExportResponse(try await privacy.export(as: context.principal))
        }
        group.post("me/erasure-request") { _, context in
            EditedResponse(
                status: .accepted,
                response: ErasureRequestResponse(try await privacy.requestErasure(as: context.principal)))
        }
        group.get("admin/erasure-requests") { _, context in
            ErasureRequestList(
                data: try await privacy.erasureRequests(as: context.principal).map(ErasureRequestResponse.init))
        }
        group.post("admin/erasure-requests/{id}/execute") { _, context in
            let raw = context.parameters.get("id") ?? ""
            guard let id = UUID(uuidString: raw) else {
                throw ApplicationError.notFound(entity: "erasure_request", id: raw)
            }
            return ErasureRequestResponse(try await privacy.execute(id, as: context.principal))
        }
        group.get("me/consents") { _, context in
            ConsentList(data: try await consents.mine(as: context.principal).map(ConsentResponse.init))
        }
        group.post("me/consents") { request, context in
            let body = try await request.decodeJSON(ConsentRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: ConsentResponse(
                    try await consents.give(purpose: body.purpose, textVersion: body.textVersion, as: context.principal)
                ))
        }
        group.post("me/consents/{id}/withdraw") { _, context in
            let id = try context.parameters.id(as: ConsentID.self, entity: "consent")
            return ConsentResponse(try await consents.withdrawMine(id, as: context.principal))
        }
        group.get("owners/{id}/consents") { _, context in
            let owner = try context.parameters.id(as: OwnerID.self, entity: "owner")
            return ConsentList(
                data: try await consents.ownerConsents(owner, as: context.principal).map(ConsentResponse.init))
        }
        group.post("owners/{id}/consents") { request, context in
            let owner = try context.parameters.id(as: OwnerID.self, entity: "owner")
            let body = try await request.decodeJSON(ConsentRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: ConsentResponse(
                    try await consents.recordOwnerConsent(
                        owner, purpose: body.purpose, textVersion: body.textVersion, givenAt: body.givenAt,
                        as: context.principal)))
        }
        group.post("owners/{id}/consents/{consent_id}/withdraw") { _, context in
            let owner = try context.parameters.id(as: OwnerID.self, entity: "owner")
            let id = try context.parameters.id("consent_id", as: ConsentID.self, entity: "consent")
            return ConsentResponse(try await consents.withdrawOwnerConsent(owner, id, as: context.principal))
        }
    }
}

struct ConsentRequest: Decodable {
    let purpose: String
    let textVersion: String
    /// When the person agreed (on paper, at an assembly); now when absent. Owners only.
    let givenAt: Date?
}

struct ConsentResponse: ResponseEncodable {
    let id: String
    let organizationId: String
    let userId: String?
    let ownerId: String?
    let purpose: String
    let textVersion: String
    let givenAt: Date
    let withdrawnAt: Date?
    let active: Bool

    init(_ consent: Consent) {
        id = consent.id.description
        organizationId = consent.organizationID.description
        switch consent.subject {
        case .user(let user): (userId, ownerId) = (user.description, nil)
        case .owner(let owner): (userId, ownerId) = (nil, owner.description)
        }
        purpose = consent.purpose
        textVersion = consent.textVersion
        givenAt = consent.givenAt
        withdrawnAt = consent.withdrawnAt
        active = consent.isActive
    }
}

struct ConsentList: ResponseEncodable {
    let data: [ConsentResponse]
}

struct DataExportResponse: ResponseEncodable {
    struct Organization: Encodable {
        let id: String
        let name: String?
        /// What this organization holds about the person.
        let holds: [String]
    }

    struct Records: Encodable {
        let module: String
        let kind: String
        let records: [[String: ExportValue]]
    }

    let generatedAt: Date
    let userId: String
    let organizations: [Organization]
    let data: [Records]

    init(_ export: PrivacyService.Export) {
        generatedAt = export.generatedAt
        userId = export.userID.description
        organizations = export.organizations.keys.sorted { $0.description < $1.description }.map { id in
            Organization(
                id: id.description, name: export.organizations[id] ?? nil,
                holds: export.records.filter { $0.holders.contains(id) }.map { "\($0.module): \($0.kind)" })
        }
        data = export.records.map { Records(module: $0.module, kind: $0.kind, records: $0.records) }
    }
}

struct ErasureRequestResponse: ResponseEncodable {
    let id: String
    let userId: String
    let status: String
    let requestedAt: Date
    let completedAt: Date?

    init(_ request: ErasureRequest) {
        id = request.id.lowercasedText
        userId = request.userID.description
        status = request.status.rawValue
        requestedAt = request.requestedAt
        completedAt = request.completedAt
    }
}

struct ErasureRequestList: ResponseEncodable {
    let data: [ErasureRequestResponse]
}

extension ErasureHeld: ProblemConvertible {
    var problem: Problem {
        var problem = Problem(
            .conflict, code: "erasure_held",
            detail:
                "the law requires keeping some records: they are kept until the dates given, your login is closed meanwhile, and the erasure completes when the holds end"
        )
        problem.erasureRequestId = request.id.lowercasedText
        problem.holds = request.holds.map {
            Problem.Hold(
                module: $0.module, organizationId: $0.organizationID.description, reason: $0.reason, kept: $0.kept,
                keptUntil: $0.keptUntil)
        }
        return problem
    }
}

/// The export as the API writes it, for `gestio privacy export`.
public enum PrivacyExportJSON {
    public static func text(_ export: PrivacyService.Export) throws -> String {
        String(decoding: try JSONCoding.encoder.encode(DataExportResponse(export)), as: UTF8.self)
    }
}
