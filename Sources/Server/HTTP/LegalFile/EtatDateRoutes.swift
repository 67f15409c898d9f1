import Application
import Domain
import Foundation
import Hummingbird
import NIOCore

struct EtatDateRequest: Decodable {
    struct Requester: Decodable {
        let role: String?
        let name: String?
        let office: String?
        let email: String?
    }

    let kind: String?
    let requester: Requester?
    let referenceDate: String?
    let receivedOn: String?

    var input: EtatDateInput {
        EtatDateInput(
            kind: kind, requesterRole: requester?.role, requesterName: requester?.name,
            requesterOffice: requester?.office, requesterEmail: requester?.email, referenceDate: referenceDate,
            receivedOn: receivedOn)
    }
}

/// The sections sent: each one present replaces what was there (an empty list: there is none).
struct ManualSectionsRequest: Decodable {
    struct Item: Decodable {
        let description: String?
        let amount: AmountInput?
    }

    let sections: [EtatDate.ManualSections.Section: [Item]]

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var sections: [EtatDate.ManualSections.Section: [Item]] = [:]
        for key in container.allKeys {
            guard let section = EtatDate.ManualSections.Section(rawValue: key.stringValue.snakeCased) else {
                throw DomainError.invalidValue(
                    field: key.stringValue.snakeCased,
                    reason:
                        "is not a section: \(EtatDate.ManualSections.Section.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            sections[section] = try container.decode([Item].self, forKey: key)
        }
        self.sections = sections
    }

    func items() throws -> [EtatDate.ManualSections.Section: [EtatDate.Item]] {
        var result: [EtatDate.ManualSections.Section: [EtatDate.Item]] = [:]
        for (section, items) in sections {
            result[section] = try items.enumerated().map { index, item in
                try EtatDate.Item(
                    description: item.description ?? "", amount: item.amount?.money,
                    field: "\(section.rawValue)[\(index)]")
            }
        }
        return result
    }
}

struct EtatDateResponse: ResponseEncodable {
    struct Requester: Encodable {
        let role, name: String
        let office, email: String?
    }

    struct Line: Encodable {
        let description, amount: String
        let date: String?

        init(_ line: EtatDateContent.Line) {
            description = line.description
            amount = line.amount.decimalString
            date = line.date?.description
        }
    }

    struct Item: Encodable {
        let description: String
        let amount: String?
    }

    struct Assembly: Encodable {
        let id, date, kind, status: String
    }

    struct StatementYear: Encodable {
        let fiscalYear: Int
        let balance: String
        let closed: Bool
    }

    struct Account: Encodable {
        let accountCode, balance: String
    }

    struct BalanceSheet: Encodable {
        let fiscalYear: Int
        let accounts: [Account]
    }

    struct Content: Encodable {
        let lotNumber: String
        let sellers: [String]
        let workingFund, reserveFund, fee, totalOwed: String
        let arrears, collectionCosts, reserveCalls, calledAfter: [Line]
        let assemblies: [Assembly]
        let chargeStatements: [StatementYear]
        let balanceSheet: BalanceSheet?

        init(_ content: EtatDateContent) {
            lotNumber = content.lotNumber
            sellers = content.sellers
            workingFund = content.workingFund.decimalString
            reserveFund = content.reserveFund.decimalString
            fee = content.fee.decimalString
            totalOwed = content.totalOwed.decimalString
            arrears = content.arrears.map(Line.init)
            collectionCosts = content.collectionCosts.map(Line.init)
            reserveCalls = content.reserveCalls.map(Line.init)
            calledAfter = content.calledAfter.map(Line.init)
            assemblies = content.assemblies.map {
                Assembly(
                    id: $0.id.description, date: $0.date.description, kind: $0.kind.rawValue,
                    status: $0.status.rawValue)
            }
            chargeStatements = content.chargeStatements.map {
                StatementYear(fiscalYear: $0.fiscalYear, balance: $0.balance.decimalString, closed: $0.closed)
            }
            balanceSheet = content.balanceSheet.map { sheet in
                BalanceSheet(
                    fiscalYear: sheet.fiscalYear,
                    accounts: sheet.accounts.map {
                        Account(accountCode: $0.accountCode, balance: $0.balance.decimalString)
                    })
            }
        }
    }

    let id, buildingId, lotId, reference, kind, status: String
    let requester: Requester
    let referenceDate, receivedOn, dueOn: String
    let overdue, expired: Bool
    let missingSections: [String]
    let manualSections: [String: [Item]]
    let documentId: String?
    let version: Int?
    let feeEntryId: String?
    let generatedAt, deliveredAt: Date?
    let createdAt: Date
    let content: Content?

    init(_ view: EtatDateView) {
        let etatDate = view.etatDate
        id = etatDate.id.description
        buildingId = etatDate.buildingID.description
        lotId = etatDate.lotID.description
        reference = etatDate.reference
        kind = etatDate.kind.rawValue
        status = etatDate.status.rawValue
        requester = Requester(
            role: etatDate.requester.role.rawValue, name: etatDate.requester.name, office: etatDate.requester.office,
            email: etatDate.requester.email?.value)
        referenceDate = etatDate.referenceDate.description
        receivedOn = etatDate.receivedOn.description
        dueOn = etatDate.dueOn.description
        overdue = view.isOverdue
        expired = view.isExpired
        missingSections = view.missing.map(\.rawValue)
        var manual: [String: [Item]] = [:]
        for (section, items) in etatDate.manual.items {
            manual[section.rawValue] = items.map { Item(description: $0.description, amount: $0.amount?.decimalString) }
        }
        manualSections = manual
        documentId = etatDate.documentID?.description
        version = view.version
        feeEntryId = etatDate.feeEntryID?.description
        generatedAt = etatDate.generatedAt
        deliveredAt = etatDate.deliveredAt
        createdAt = etatDate.createdAt
        content = view.content.map(Content.init)
    }
}

struct TransferCreditResponse: Encodable {
    struct Part: Encodable {
        let callId, title, periodStart, periodEnd, advance, amount: String
        let days, periodDays: Int
    }

    let id, lotId, sellerId, buyerId, transferDate, amount: String
    let parts: [Part]
    let journalEntryId: String?
    let createdAt: Date

    init(_ credit: TransferCredit) {
        id = credit.id.description
        lotId = credit.lotID.description
        sellerId = credit.sellerID.description
        buyerId = credit.buyerID.description
        transferDate = credit.transferDate.description
        amount = credit.amount.decimalString
        parts = credit.parts.map {
            Part(
                callId: $0.callID.description, title: $0.title, periodStart: $0.periodStart.description,
                periodEnd: $0.periodEnd.description, advance: $0.advance.decimalString, amount: $0.amount.decimalString,
                days: $0.days, periodDays: $0.periodDays)
        }
        journalEntryId = credit.journalEntryID?.description
        createdAt = credit.createdAt
    }
}

struct TransferCreditListResponse: ResponseEncodable {
    let data: [TransferCreditResponse]
}

struct LegalFileSettingsRequest: Decodable {
    let etatDateFee: AmountInput?
}

struct LegalFileSettingsResponse: ResponseEncodable {
    let etatDateFee: String

    init(_ settings: LegalFileSettings) { etatDateFee = settings.etatDateFee.decimalString }
}

/// The état daté of a lot being sold, and the building's legal settings.
struct EtatDateRoutes {
    let service: EtatDateService
    let documents: DocumentsService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.post("lots/{id}/etats-dates") { request, context in
            let lot = try context.parameters.id(as: LotID.self, entity: "lot")
            let body = try await request.decodeJSON(EtatDateRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: EtatDateResponse(try await service.request(for: lot, body.input, as: context.principal)))
        }
        group.get("etats-dates") { request, context in
            ListResponse(
                try await service.etatsDates(
                    status: try request.enumQuery("status", as: EtatDate.Status.self),
                    overdue: try request.boolQuery("overdue") ?? false, page: try request.pageRequest(),
                    as: context.principal),
                EtatDateResponse.init)
        }
        group.get("etats-dates/{id}") { _, context in
            EtatDateResponse(try await service.etatDate(try etatDateID(context), as: context.principal))
        }
        group.post("etats-dates/{id}/start") { _, context in
            EtatDateResponse(try await service.start(try etatDateID(context), as: context.principal))
        }
        group.post("etats-dates/{id}/generate") { _, context in
            EtatDateResponse(try await service.generate(try etatDateID(context), as: context.principal))
        }
        group.post("etats-dates/{id}/deliver") { _, context in
            EtatDateResponse(try await service.deliver(try etatDateID(context), as: context.principal))
        }
        group.put("etats-dates/{id}/manual-sections") { request, context in
            let id = try etatDateID(context)
            let body = try await request.decodeJSON(ManualSectionsRequest.self, context: context)
            return EtatDateResponse(try await service.fill(id, try body.items(), as: context.principal))
        }
        group.get("etats-dates/{id}/pdf") { _, context in
            let id = try etatDateID(context)
            let (document, version, reference) = try await service.document(of: id, as: context.principal)
            return Response.pdf(
                try await documents.bytes(of: document, version: version, as: context.principal),
                fileName: "etat-date-\(reference).pdf")
        }
        group.get("lots/{id}/transfer-credits") { _, context in
            TransferCreditListResponse(
                data: try await service.transferCredits(
                    of: try context.parameters.id(as: LotID.self, entity: "lot"), as: context.principal
                ).map(TransferCreditResponse.init))
        }
        group.get("buildings/{id}/legal-file-settings") { _, context in
            LegalFileSettingsResponse(
                try await service.settings(
                    of: try context.parameters.id(as: BuildingID.self, entity: "building"), as: context.principal))
        }
        group.put("buildings/{id}/legal-file-settings") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(LegalFileSettingsRequest.self, context: context)
            guard let fee = body.etatDateFee else { throw RequestError.missingField("etat_date_fee") }
            return LegalFileSettingsResponse(
                try await service.saveSettings(
                    LegalFileSettings(etatDateFee: fee.money), of: building, as: context.principal))
        }
    }

    private func etatDateID(_ context: AuthenticatedContext) throws -> EtatDateID {
        try context.parameters.id(as: EtatDateID.self, entity: "etat_date")
    }
}
