import Application
import Domain
import Foundation
import Hummingbird

struct ChargeKeyRequest: Decodable {
    struct Weight: Decodable {
        let lotId: UUID
        let weight: Int64
    }

    let name: String?
    let weights: [Weight]?
    let accounts: [String]?

    var input: ChargeKeyInput {
        ChargeKeyInput(
            name: name, weights: (weights ?? []).map { (LotID($0.lotId), $0.weight) }, accounts: accounts ?? [])
    }
}

struct ChargeKeyResponse: ResponseEncodable {
    struct Weight: Encodable {
        let lotId: String
        let weight: Int64
    }

    let id, buildingId, name: String
    let weights: [Weight]
    let accounts: [String]
    let createdAt: Date

    init(_ key: ChargeKey) {
        id = key.id.description
        buildingId = key.buildingID.description
        name = key.name
        weights = key.weights.map { Weight(lotId: $0.key.description, weight: $0.value) }.sorted { $0.lotId < $1.lotId }
        accounts = key.accounts
        createdAt = key.createdAt
    }
}

struct ChargeKeyListResponse: ResponseEncodable {
    let data: [ChargeKeyResponse]
}

struct DistributionResponse: ResponseEncodable {
    struct OwnerPart: Encodable {
        let ownerId, share, amount: String
    }

    struct LotPart: Encodable {
        let lotId, lotNumber, amount: String
        let weight: Int64
        let owners: [OwnerPart]
    }

    let invoiceId, amount, date: String
    let chargeKeyId, chargeKeyName: String?
    let lots: [LotPart]

    init(_ view: InvoiceDistribution) {
        invoiceId = view.invoice.id.description
        amount = view.distribution.amount.decimalString
        date = view.distribution.day.description
        chargeKeyId = view.key?.id.description
        chargeKeyName = view.key?.name
        lots = view.distribution.lots.map { lot in
            LotPart(
                lotId: lot.lotID.description, lotNumber: view.lots[lot.lotID]?.number ?? "",
                amount: lot.amount.decimalString, weight: lot.weight,
                owners: lot.owners.map {
                    OwnerPart(
                        ownerId: $0.ownerID.description, share: $0.share.description,
                        amount: $0.amount.decimalString)
                })
        }
    }
}

struct ChargeStatementResponse: ResponseEncodable {
    struct Line: Encodable {
        let key: String?
        let accountCode, amount: String
    }

    let ownerId, name: String
    let fiscalYear: Int
    let charges: [Line]
    let ordinaryCharges, ordinaryAdvances, extraordinaryCalled, balance: String
    let closed: Bool

    init(_ statement: ChargeStatement, name: String, closed: Bool) {
        ownerId = statement.ownerID.description
        self.name = name
        fiscalYear = statement.fiscalYear
        charges = statement.charges.map {
            Line(key: $0.key, accountCode: $0.accountCode, amount: $0.amount.decimalString)
        }
        ordinaryCharges = statement.ordinaryCharges.decimalString
        ordinaryAdvances = statement.ordinaryAdvances.decimalString
        extraordinaryCalled = statement.extraordinaryCalled.decimalString
        balance = statement.balance.decimalString
        self.closed = closed
    }
}

struct ChargeStatementsResponse: ResponseEncodable {
    let buildingId: String
    let fiscalYear: Int
    let closed: Bool
    let closedAt: Date?
    let journalEntryId: String?
    let data: [ChargeStatementResponse]

    init(_ view: ChargeStatementsView) {
        buildingId = view.buildingID.description
        fiscalYear = view.fiscalYear
        closed = view.closure != nil
        closedAt = view.closure?.closedAt
        journalEntryId = view.closure?.journalEntryID?.description
        data = view.statements.map {
            ChargeStatementResponse($0, name: view.names[$0.ownerID] ?? "", closed: view.closure != nil)
        }
    }
}

struct FiscalYearRequest: Decodable {
    let fiscalYear: Int?
}

/// Charge keys, invoices' distributions and the yearly charge statements.
struct ChargeRoutes {
    let service: ChargeService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.post("buildings/{id}/charge-keys") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(ChargeKeyRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: ChargeKeyResponse(
                    try await service.createKey(in: building, body.input, as: context.principal)))
        }
        group.get("buildings/{id}/charge-keys") { _, context in
            ChargeKeyListResponse(
                data: try await service.keys(
                    of: try context.parameters.id(as: BuildingID.self, entity: "building"), as: context.principal
                ).map(ChargeKeyResponse.init))
        }
        group.get("charge-keys/{id}") { _, context in
            ChargeKeyResponse(
                try await service.key(
                    try context.parameters.id(as: ChargeKeyID.self, entity: "charge_key"), as: context.principal))
        }
        group.put("charge-keys/{id}") { request, context in
            let id = try context.parameters.id(as: ChargeKeyID.self, entity: "charge_key")
            let body = try await request.decodeJSON(ChargeKeyRequest.self, context: context)
            return ChargeKeyResponse(try await service.updateKey(id, body.input, as: context.principal))
        }
        group.get("invoices/{id}/distribution") { _, context in
            DistributionResponse(
                try await service.distribution(
                    of: try context.parameters.id(as: PurchaseInvoiceID.self, entity: "invoice"),
                    as: context.principal))
        }
        group.get("buildings/{id}/charge-statements") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            return ChargeStatementsResponse(
                try await service.statements(
                    of: building, fiscalYear: try Self.fiscalYear(request), as: context.principal))
        }
        group.post("buildings/{id}/charge-statements/close") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(FiscalYearRequest.self, context: context)
            guard let year = body.fiscalYear else { throw RequestError.missingField("fiscal_year") }
            return ChargeStatementsResponse(try await service.close(building, fiscalYear: year, as: context.principal))
        }
        group.get("owners/{id}/charge-statement") { request, context in
            let owner = try context.parameters.id(as: OwnerID.self, entity: "owner")
            guard let building = try request.idQuery("building_id", as: BuildingID.self) else {
                throw RequestError.missingField("building_id")
            }
            let found = try await service.statement(
                of: owner, in: building, fiscalYear: try Self.fiscalYear(request), as: context.principal)
            return ChargeStatementResponse(found.statement, name: found.name, closed: found.closure != nil)
        }
    }

    /// The required `fiscal_year` of the query.
    static func fiscalYear(_ request: Request) throws -> Int {
        guard request.uri.queryParameters.get("fiscal_year") != nil else {
            throw RequestError.missingField("fiscal_year")
        }
        return try request.integerQuery("fiscal_year", in: FiscalYear.range, default: 0)
    }
}
