public import Application
import Domain
public import Foundation
import Hummingbird

struct AccountRequest: Decodable {
    let code: String
    let label: String
    let kind: String?
}

struct AccountResponse: ResponseEncodable {
    let code: String
    let label: String
    let `class`: Int
    let kind: String

    init(_ account: Account) {
        code = account.code
        label = account.label
        `class` = account.accountClass
        kind = account.kind.rawValue
    }
}

struct AccountListResponse: ResponseEncodable {
    let data: [AccountResponse]
}

struct JournalEntryRequest: Decodable {
    struct Line: Decodable {
        let accountCode: String
        let debit: AmountInput?
        let credit: AmountInput?
        let description: String?
    }

    let journal: String
    let type: String
    let entryDate: String
    let description: String
    let documentRef: String?
    let lines: [Line]
    let draft: Bool?

    var input: EntryInput {
        EntryInput(
            journal: journal, type: type, entryDate: entryDate, description: description, documentRef: documentRef,
            lines: lines.map {
                EntryInput.Line(
                    accountCode: $0.accountCode, debit: $0.debit?.money, credit: $0.credit?.money,
                    description: $0.description)
            },
            draft: draft ?? false)
    }
}

struct ClosingRequest: Decodable {
    let fiscalYear: Int
}

struct JournalEntryListResponse: ResponseEncodable {
    let data: [JournalEntryResponse]
}

struct ReverseRequest: Decodable {
    let entryDate: String?
}

struct JournalEntryResponse: ResponseEncodable {
    struct Line: Encodable {
        let accountCode: String
        let debit: String
        let credit: String
        let description: String?
    }

    let id: String
    let buildingId: String
    let number: String?
    let journal: String
    let type: String
    let entryDate: String
    let fiscalYear: Int
    let description: String
    let documentRef: String?
    let draft: Bool
    let reversalOf: String?
    let totalDebit: String
    let totalCredit: String
    let lines: [Line]
    let createdAt: Date

    init(_ entry: JournalEntry) {
        id = entry.id.description
        buildingId = entry.buildingID.description
        number = entry.number
        journal = entry.journal.rawValue
        type = entry.type.rawValue
        entryDate = entry.entryDate.description
        fiscalYear = entry.fiscalYear
        description = entry.description
        documentRef = entry.documentRef
        draft = entry.isDraft
        reversalOf = entry.reversalOf?.description
        totalDebit = entry.totalDebit.decimalString
        totalCredit = entry.totalCredit.decimalString
        lines = entry.lines.map {
            Line(
                accountCode: $0.accountCode, debit: $0.debit.decimalString, credit: $0.credit.decimalString,
                description: $0.description)
        }
        createdAt = entry.createdAt
    }
}

struct TrialBalanceResponse: ResponseEncodable {
    struct Row: Encodable {
        let accountCode: String
        let debit: String
        let credit: String
        let balance: String
    }

    let accounts: [Row]
    let totalDebit: String
    let totalCredit: String

    init(_ balances: [AccountBalance]) {
        accounts = balances.map {
            Row(
                accountCode: $0.accountCode, debit: $0.debit.decimalString, credit: $0.credit.decimalString,
                balance: $0.balance.decimalString)
        }
        totalDebit = Money(minorUnits: balances.reduce(0) { $0 + $1.debit.minorUnits }).decimalString
        totalCredit = Money(minorUnits: balances.reduce(0) { $0 + $1.credit.minorUnits }).decimalString
    }
}

/// `/api/v1/buildings/{id}/accounts`, `/journal-entries`: a building's double-entry books.
struct LedgerRoutes {
    let service: LedgerService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.get("buildings/{id}/accounts") { _, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            return AccountListResponse(
                data: try await service.chart(of: building, as: context.principal).map(AccountResponse.init))
        }
        group.post("buildings/{id}/accounts") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(AccountRequest.self, context: context)
            let account = try await service.addAccount(
                to: building, code: body.code, label: body.label, kind: body.kind, as: context.principal)
            return EditedResponse(status: .created, response: AccountResponse(account))
        }
        group.post("buildings/{id}/journal-entries") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(JournalEntryRequest.self, context: context)
            let entry = try await service.post(in: building, body.input, as: context.principal)
            return EditedResponse(status: .created, response: JournalEntryResponse(entry))
        }
        group.get("buildings/{id}/journal-entries") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let query = request.uri.queryParameters
            let filter = JournalFilter(
                journal: try query.get("journal").map { raw in
                    guard let journal = Journal(rawValue: raw) else {
                        throw RequestError.invalidParameter(
                            name: "journal", reason: "must be one of ACH, VEN, FIN, ODS")
                    }
                    return journal
                },
                from: try query.get("from").map { try CalendarDate(parsing: $0, field: "from") },
                to: try query.get("to").map { try CalendarDate(parsing: $0, field: "to") },
                accountCode: query.get("account"))
            let page = try await service.entries(
                of: building, filter: filter, page: try request.pageRequest(), as: context.principal)
            return ListResponse(page, JournalEntryResponse.init)
        }
        group.get("buildings/{id}/journal-entries/balance") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let year: Int? =
                request.uri.queryParameters.get("fiscal_year") == nil
                ? nil : try request.integerQuery("fiscal_year", in: FiscalYear.range, default: 0)
            return TrialBalanceResponse(
                try await service.trialBalance(of: building, fiscalYear: year, as: context.principal))
        }
        group.get("buildings/{id}/journal-entries/export") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            guard request.uri.queryParameters.get("fiscal_year") != nil else {
                throw RequestError.missingField("fiscal_year")
            }
            let year = try request.integerQuery("fiscal_year", in: FiscalYear.range, default: 0)
            let csv = try await service.export(year, of: building, as: context.principal)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"FEC-\(building)-\(year).csv\"",
                ],
                body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
        group.post("buildings/{id}/journal-entries/year-end-closing") { request, context in
            let building = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(ClosingRequest.self, context: context)
            let entries = try await service.closeYear(body.fiscalYear, of: building, as: context.principal)
            return EditedResponse(
                status: .created, response: JournalEntryListResponse(data: entries.map(JournalEntryResponse.init)))
        }
        group.get("journal-entries/{id}") { _, context in
            let id = try context.parameters.id(as: JournalEntryID.self, entity: "journal_entry")
            return JournalEntryResponse(try await service.entry(id, as: context.principal))
        }
        group.delete("journal-entries/{id}") { _, context in
            let id = try context.parameters.id(as: JournalEntryID.self, entity: "journal_entry")
            try await service.deleteDraft(id, as: context.principal)
            return HTTPResponse.Status.noContent
        }
        group.post("journal-entries/{id}/post") { _, context in
            let id = try context.parameters.id(as: JournalEntryID.self, entity: "journal_entry")
            return JournalEntryResponse(try await service.postDraft(id, as: context.principal))
        }
        group.post("journal-entries/{id}/reverse") { request, context in
            let id = try context.parameters.id(as: JournalEntryID.self, entity: "journal_entry")
            let body = try await request.decodeOptionalJSON(ReverseRequest.self, context: context)
            let reversal = try await service.reverse(id, on: body?.entryDate, as: context.principal)
            return EditedResponse(status: .created, response: JournalEntryResponse(reversal))
        }
    }
}

/// A journal entry as JSON, in the shape `POST /buildings/{id}/journal-entries` takes: the CLI's
/// `gestio ledger post FILE.json` reads the same files through this one definition.
public enum JournalEntryJSON {
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public static func decode(_ data: Data) throws -> EntryInput {
        do {
            return try JSONCoding.decoder.decode(JournalEntryRequest.self, from: data).input
        } catch let error as DecodingError {
            throw Invalid(description: Problem(mapping: RequestError(error))?.detail ?? "not a journal entry")
        }
    }
}
