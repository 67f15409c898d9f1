import Application
import Domain
import Foundation
import Hummingbird

struct CallForFundsRequest: Decodable {
    let title: String
    let period: String
    let ordinaryAmount: AmountInput?
    let extraordinaryAmount: AmountInput?
    let callDate: String
    let dueDate: String
}

struct PaymentRequest: Decodable {
    let ownerId: UUID
    let amount: AmountInput
    let paidOn: String
}

struct MarkPaidRequest: Decodable {
    let paidOn: String?
}

struct StatementResponse: ResponseEncodable {
    struct Line: Encodable {
        let date: String
        let kind: String
        let callId: String
        let buildingId: String
        let description: String
        let debit: String
        let credit: String
        let balance: String
    }

    let ownerId: String
    let buildingId: String?
    let totalCalled: String
    let totalPaid: String
    let balance: String
    let lines: [Line]

    init(_ statement: OwnerStatement, building: BuildingID?) {
        ownerId = statement.ownerID.description
        buildingId = building?.description
        totalCalled = statement.totalCalled.decimalString
        totalPaid = statement.totalPaid.decimalString
        balance = statement.balance.decimalString
        lines = statement.lines.map {
            Line(
                date: $0.date.description, kind: $0.kind.rawValue, callId: $0.callID.description,
                buildingId: $0.buildingID.description, description: $0.description, debit: $0.debit.decimalString,
                credit: $0.credit.decimalString, balance: $0.balance.decimalString)
        }
    }
}

struct CallForFundsResponse: ResponseEncodable {
    struct ContributionResponse: Encodable {
        let ownerId: String
        let amount: String
        let paidAmount: String
        let status: String
        let communication: String?
    }

    let id: String
    let buildingId: String
    let title: String
    let period: String
    let status: String
    let overdue: Bool
    let ordinaryAmount: String
    let extraordinaryAmount: String
    let totalAmount: String
    let callDate: String
    let dueDate: String
    /// Frozen once sent; for a draft, what sending now would freeze (empty if the building is not ready).
    let contributions: [ContributionResponse]

    init(_ view: CallForFundsView) {
        let call = view.call
        id = call.id.description
        buildingId = call.buildingID.description
        title = call.title
        period = call.period.rawValue
        status = call.status.rawValue
        overdue = view.isOverdue
        ordinaryAmount = call.ordinary.decimalString
        extraordinaryAmount = call.extraordinary.decimalString
        totalAmount = call.total.decimalString
        callDate = call.callDate.description
        dueDate = call.dueDate.description
        contributions = view.contributions.map {
            ContributionResponse(
                ownerId: $0.ownerID.description, amount: $0.amount.decimalString, paidAmount: $0.paid.decimalString,
                status: $0.status.rawValue, communication: $0.communication?.description)
        }
    }
}

/// `/api/v1/buildings/{id}/call-for-funds`, `/api/v1/call-for-funds/{id}`: calls, sending, payments.
struct FundsRoutes {
    let service: FundsService
    /// Where the statement's PDF is kept.
    let documents: DocumentsService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.post("buildings/{id}/call-for-funds") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(CallForFundsRequest.self, context: context)
            let view = try await service.create(
                in: building,
                CallForFundsInput(
                    title: body.title, period: body.period,
                    ordinary: body.ordinaryAmount?.money ?? Money(minorUnits: 0),
                    extraordinary: body.extraordinaryAmount?.money ?? Money(minorUnits: 0), callDate: body.callDate,
                    dueDate: body.dueDate),
                as: context.principal)
            return EditedResponse(status: .created, response: CallForFundsResponse(view))
        }
        group.get("buildings/{id}/call-for-funds") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let page = try await service.calls(
                of: building, overdueOnly: try request.boolQuery("overdue") ?? false, page: try request.pageRequest(),
                as: context.principal)
            return ListResponse(page, CallForFundsResponse.init)
        }
        group.get("call-for-funds/{id}") { _, context in
            let id = try context.parameters.id(as: CallForFundsID.self, entity: "call_for_funds")
            return CallForFundsResponse(try await service.call(id, as: context.principal))
        }
        group.put("call-for-funds/{id}/send") { _, context in
            let id = try context.parameters.id(as: CallForFundsID.self, entity: "call_for_funds")
            return CallForFundsResponse(try await service.send(id, as: context.principal))
        }
        group.post("call-for-funds/{id}/payments") { request, context in
            let id = try context.parameters.id(as: CallForFundsID.self, entity: "call_for_funds")
            let body = try await request.decodeJSON(PaymentRequest.self, context: context)
            let view = try await service.pay(
                id, owner: OwnerID(body.ownerId), amount: body.amount.money, paidOn: body.paidOn, as: context.principal)
            return EditedResponse(status: .created, response: CallForFundsResponse(view))
        }
        group.put("call-for-funds/{id}/mark-paid") { request, context in
            let id = try context.parameters.id(as: CallForFundsID.self, entity: "call_for_funds")
            let body = try await request.decodeOptionalJSON(MarkPaidRequest.self, context: context)
            return CallForFundsResponse(try await service.markPaid(id, paidOn: body?.paidOn, as: context.principal))
        }
        // Each owner's notice as a PDF, kept as a document linked to the owner.
        group.post("call-for-funds/{id}/notices") { _, context in
            let id = try context.parameters.id(as: CallForFundsID.self, entity: "call_for_funds")
            let notices = try await service.notices(of: id, as: context.principal)
            let views = try await documents.publish(notices.map(\.publication), as: context.principal)
            return EditedResponse(
                status: .created, response: DocumentsCreatedResponse(data: views.map(DocumentResponse.init)))
        }
        // The statement as a PDF, kept as a document linked to the owner.
        group.post("owners/{id}/statement/document") { request, context in
            let owner = try context.parameters.id(as: OwnerID.self, entity: "owner")
            let building = try request.idQuery("building_id", as: BuildingID.self)
            let print = try await service.statementPrint(of: owner, in: building, as: context.principal)
            let view = try await documents.publish(
                print, fileName: "decompte-\(owner).pdf", kind: .other, linkedTo: "owner", owner.rawValue,
                tags: ["decompte"], as: context.principal)
            return EditedResponse(status: .created, response: DocumentResponse(view))
        }
        group.get("owners/{id}/statement") { request, context in
            let owner = try context.parameters.id(as: OwnerID.self, entity: "owner")
            let building = try request.idQuery("building_id", as: BuildingID.self)
            return StatementResponse(
                try await service.statement(of: owner, in: building, as: context.principal), building: building)
        }
        group.delete("call-for-funds/{id}") { _, context in
            let id = try context.parameters.id(as: CallForFundsID.self, entity: "call_for_funds")
            try await service.delete(id, as: context.principal)
            return HTTPResponse.Status.noContent
        }
    }
}
