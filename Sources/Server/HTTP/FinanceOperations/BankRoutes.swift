import Application
import Domain
import Foundation
import Hummingbird

struct BankStatementResponse: ResponseEncodable {
    let id, buildingId, format, account, number, date, openingBalance, closingBalance: String
    let importedAt: Date

    init(_ statement: BankStatement) {
        id = statement.id.description
        buildingId = statement.buildingID.description
        format = statement.format.rawValue
        account = statement.account
        number = statement.number
        date = statement.date.description
        openingBalance = statement.openingBalance.decimalString
        closingBalance = statement.closingBalance.decimalString
        importedAt = statement.importedAt
    }
}

struct BankLineResponse: ResponseEncodable {
    let id, statementId, date, amount, status: String
    let sequence: Int
    let counterpartyName, counterpartyIban, communication, freeText, bankReference, ownerId, callId, note: String?

    init(_ line: BankLine) {
        id = line.id.description
        statementId = line.statementID.description
        sequence = line.movement.sequence
        date = line.movement.date.description
        amount = line.movement.amount.decimalString
        status = line.status.rawValue
        counterpartyName = line.movement.counterpartyName
        counterpartyIban = line.movement.counterpartyIBAN?.value
        communication = line.movement.communication?.description
        freeText = line.movement.freeText
        bankReference = line.movement.bankReference
        ownerId = line.ownerID?.description
        callId = line.callID?.description
        note = line.note
    }
}

struct BankImportResponse: ResponseEncodable {
    let statement: BankStatementResponse
    let duplicate: Bool
    let openingDifference, closingDifference: String?
    let lines: [BankLineResponse]

    init(_ result: BankImport) {
        statement = BankStatementResponse(result.statement)
        duplicate = result.duplicate
        openingDifference = result.openingDifference?.decimalString
        closingDifference = result.closingDifference?.decimalString
        lines = result.lines.map(BankLineResponse.init)
    }
}

struct AssignmentRequest: Decodable {
    let ownerId: UUID?
    let callId: UUID?
}

/// Bank statements imported for a building, their lines and the unmatched list.
struct BankRoutes {
    let service: BankService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.post("buildings/{id}/bank-statements") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let result = try await service.importStatement(
                into: building, try await request.bytes(context: context), as: context.principal)
            return EditedResponse(status: result.duplicate ? .ok : .created, response: BankImportResponse(result))
        }
        group.get("buildings/{id}/bank-statements") { request, context in
            ListResponse(
                try await service.statements(
                    of: try context.parameters.id(as: BuildingID.self, entity: "building"),
                    page: try request.pageRequest(), as: context.principal),
                BankStatementResponse.init)
        }
        group.get("bank-statements/{id}") { _, context in
            let (statement, lines) = try await service.statement(
                try context.parameters.id(as: BankStatementID.self, entity: "bank_statement"), as: context.principal)
            return BankImportResponse(
                BankImport(
                    statement: statement, lines: lines, duplicate: false, openingDifference: nil,
                    closingDifference: nil))
        }
        group.get("buildings/{id}/bank-lines") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let status = try request.enumQuery("status", as: BankLine.Status.self)
            return ListResponse(
                try await service.lines(
                    of: building, status: status.map { [$0] } ?? [.unmatched, .review],
                    page: try request.pageRequest(), as: context.principal),
                BankLineResponse.init)
        }
        group.post("bank-lines/{id}/assign") { request, context in
            let id = try context.parameters.id(as: BankLineID.self, entity: "bank_line")
            let body = try await request.decodeJSON(AssignmentRequest.self, context: context)
            guard let owner = body.ownerId else { throw RequestError.missingField("owner_id") }
            guard let call = body.callId else { throw RequestError.missingField("call_id") }
            return BankLineResponse(
                try await service.assign(id, owner: OwnerID(owner), call: CallForFundsID(call), as: context.principal))
        }
    }
}
