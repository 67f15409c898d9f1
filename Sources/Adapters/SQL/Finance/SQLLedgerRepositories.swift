import Application
import Domain
import Foundation
import SQLKit

struct AccountRow: Codable {
    let buildingId: UUID
    let code: String
    let label: String
    let accountClass: Int
    let kind: String

    enum CodingKeys: String, CodingKey {
        case code, label, kind
        case buildingId = "building_id"
        case accountClass = "account_class"
    }

    init(_ account: Account) {
        buildingId = account.buildingID.rawValue
        code = account.code
        label = account.label
        accountClass = account.accountClass
        kind = account.kind.rawValue
    }

    func domain() throws -> Account {
        guard let kind = Account.Kind(rawValue: kind) else {
            throw CorruptRow(table: "accounts", reason: "kind \(kind)")
        }
        return try Account(buildingID: BuildingID(buildingId), code: code, label: label, kind: kind)
    }
}

struct SQLAccountRepository: AccountRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ accounts: [Account]) async throws {
        guard !accounts.isEmpty else { return }
        do {
            try await db.insert(into: "accounts").models(accounts.map(AccountRow.init)).run()
        } catch  where dialect.isUniqueViolation(error) {
            throw LedgerError.accountExists(accounts.count == 1 ? accounts[0].code : "among \(accounts.count) accounts")
        }
    }

    func chart(of building: BuildingID) async throws -> [Account] {
        try await db.select().columns("*").from("accounts").where("building_id", .equal, building.rawValue)
            .orderBy("code")
            .all(decoding: AccountRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func existingCodes(_ codes: Set<String>, in building: BuildingID) async throws -> Set<String> {
        guard !codes.isEmpty else { return [] }
        let rows = try await db.select().column("code").from("accounts")
            .where("building_id", .equal, building.rawValue)
            .where("code", .in, Array(codes))
            .all()
        return Set(try rows.map { try $0.decode(column: "code", as: String.self) })
    }
}

struct JournalEntryRow: Codable {
    let id: UUID
    let buildingId: UUID
    let journal: String
    let entryType: String
    let entryDate: String
    let fiscalYear: Int
    let sequence: Int?
    let description: String
    let documentRef: String?
    let reversalOf: UUID?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, journal, sequence, description
        case buildingId = "building_id"
        case entryType = "entry_type"
        case entryDate = "entry_date"
        case fiscalYear = "fiscal_year"
        case documentRef = "document_ref"
        case reversalOf = "reversal_of"
        case createdAt = "created_at"
    }

    init(_ entry: JournalEntry) {
        id = entry.id.rawValue
        buildingId = entry.buildingID.rawValue
        journal = entry.journal.rawValue
        entryType = entry.type.rawValue
        entryDate = entry.entryDate.description
        fiscalYear = entry.fiscalYear
        sequence = entry.sequence
        description = entry.description
        documentRef = entry.documentRef
        reversalOf = entry.reversalOf?.rawValue
        createdAt = entry.createdAt
    }
}

struct JournalLineRow: Codable {
    let entryId: UUID
    let lineNo: Int
    let buildingId: UUID
    let posted: Bool
    let fiscalYear: Int
    let opening: Bool
    let accountCode: String
    let debitCents: Int64
    let creditCents: Int64
    let description: String?

    enum CodingKeys: String, CodingKey {
        case posted, description, opening
        case fiscalYear = "fiscal_year"
        case entryId = "entry_id"
        case lineNo = "line_no"
        case buildingId = "building_id"
        case accountCode = "account_code"
        case debitCents = "debit_cents"
        case creditCents = "credit_cents"
    }
}

struct SQLJournalRepository: JournalRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insertNumbered(_ entry: JournalEntry) async throws -> Int {
        guard dialect == .postgres else {
            // SQLite runs one writer at a time: three statements cost no waiting.
            var numbered = entry
            let number = try await nextSequence(
                building: entry.buildingID, journal: entry.journal, fiscalYear: entry.fiscalYear)
            try numbered.post(as: number)
            try await insert(numbered)
            return number
        }
        // PostgreSQL: counter, entry and lines in one statement, one round trip under the lock.
        let number = try await db.raw(numberedInsert(entry, when: "SELECT 1"))
            .first(decodingColumn: "sequence", as: Int.self)
        guard let number else { throw CorruptRow(table: "journal_entries", reason: "no number returned") }
        return number
    }

    func insertNumberedIfClear(_ entry: JournalEntry, organization: OrganizationID, unlessBudgetActive: Bool)
        async throws -> Int?
    {
        // SQLite has no data-modifying CTE; its single writer makes the step-by-step path cheap.
        guard dialect == .postgres else { return nil }
        let codes = Array(Set(entry.lines.map(\.accountCode)))
        let building = entry.buildingID.rawValue
        // Every check reads in the statement's snapshot before the counter is touched; when one
        // fails, the guard yields no row and nothing after it writes.
        let clear: SQLQueryString = """
            SELECT 1 FROM buildings b
            WHERE b.id = \(bind: building) AND b.organization_id = \(bind: organization.rawValue)
                AND NOT EXISTS (SELECT 1 FROM closed_years c
                    WHERE c.building_id = b.id AND c.fiscal_year = \(bind: entry.fiscalYear))
                AND (SELECT count(*) FROM accounts a
                    WHERE a.building_id = b.id AND a.code IN (\(binds: codes))) = \(bind: codes.count)
                AND (\(bind: !unlessBudgetActive) OR NOT EXISTS (SELECT 1 FROM budgets g
                    WHERE g.building_id = b.id AND g.fiscal_year = \(bind: entry.fiscalYear) AND g.status = 'active'))
            """
        return try await db.raw(numberedInsert(entry, when: clear)).first(decodingColumn: "sequence", as: Int.self)
    }

    /// Counter, entry and lines in one PostgreSQL statement (data-modifying CTEs), written only
    /// when the `when` query yields a row; selects the entry's number.
    private func numberedInsert(_ entry: JournalEntry, when guardQuery: SQLQueryString) -> SQLQueryString {
        let row = JournalEntryRow(entry)
        let lines: [SQLQueryString] = entry.lines.enumerated().map { index, line in
            """
            (\(bind: index + 1), \(bind: line.accountCode), \(bind: line.debit.minorUnits), \
            \(bind: line.credit.minorUnits), \(bind: line.description))
            """
        }
        return """
            WITH clear AS (\(guardQuery)), seq AS (
                INSERT INTO journal_sequences (building_id, journal, fiscal_year, last_number)
                SELECT \(bind: row.buildingId), \(bind: row.journal), \(bind: row.fiscalYear), 1 FROM clear
                ON CONFLICT (building_id, journal, fiscal_year)
                DO UPDATE SET last_number = journal_sequences.last_number + 1
                RETURNING last_number
            ), entry AS (
                INSERT INTO journal_entries (id, building_id, journal, entry_type, entry_date, fiscal_year, sequence,
                    description, document_ref, reversal_of, created_at)
                SELECT \(bind: row.id), \(bind: row.buildingId), \(bind: row.journal), \(bind: row.entryType),
                    \(bind: row.entryDate), \(bind: row.fiscalYear), last_number, \(bind: row.description),
                    \(bind: row.documentRef), \(bind: row.reversalOf), \(bind: row.createdAt)
                FROM seq
                RETURNING id, sequence
            ), lines AS (
                INSERT INTO journal_lines (entry_id, line_no, building_id, posted, fiscal_year, opening, account_code,
                    debit_cents, credit_cents, description)
                SELECT entry.id, v.line_no, \(bind: row.buildingId), TRUE, \(bind: row.fiscalYear),
                    \(bind: entry.type == .openingBalance), v.account_code, v.debit_cents, v.credit_cents, v.description
                FROM entry CROSS JOIN (VALUES \(lines.joined(separator: ", "))) AS v (line_no, account_code, debit_cents,
                    credit_cents, description)
            )
            SELECT sequence FROM entry
            """
    }

    func nextSequence(building: BuildingID, journal: Journal, fiscalYear: Int) async throws -> Int {
        // One atomic upsert: concurrent posters queue on the counter's row until the first commits.
        let next = try await db.raw(
            """
            INSERT INTO journal_sequences (building_id, journal, fiscal_year, last_number)
            VALUES (\(bind: building.rawValue), \(bind: journal.rawValue), \(bind: fiscalYear), 1)
            ON CONFLICT (building_id, journal, fiscal_year)
            DO UPDATE SET last_number = journal_sequences.last_number + 1
            RETURNING last_number
            """
        ).first(decodingColumn: "last_number", as: Int.self)
        guard let next else { throw CorruptRow(table: "journal_sequences", reason: "no number returned") }
        return next
    }

    func insert(_ entry: JournalEntry) async throws {
        try await db.insert(into: "journal_entries").model(JournalEntryRow(entry)).run()
        let lines = entry.lines.enumerated().map { index, line in
            JournalLineRow(
                entryId: entry.id.rawValue, lineNo: index + 1, buildingId: entry.buildingID.rawValue,
                posted: !entry.isDraft, fiscalYear: entry.fiscalYear, opening: entry.type == .openingBalance,
                accountCode: line.accountCode, debitCents: line.debit.minorUnits,
                creditCents: line.credit.minorUnits, description: line.description)
        }
        try await db.insert(into: "journal_lines").models(lines, nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: JournalEntryID) async throws -> JournalEntry? {
        guard
            let row = try await db.select().columns("*").from("journal_entries").where("id", .equal, id.rawValue)
                .first(decoding: JournalEntryRow.self, with: rowDecoder)
        else { return nil }
        return try await entries([row]).first
    }

    func list(of building: BuildingID, filter: JournalFilter, page: PageRequest) async throws -> Page<JournalEntry> {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.where("building_id", .equal, building.rawValue)
            if let journal = filter.journal { query = query.where("journal", .equal, journal.rawValue) }
            if let from = filter.from { query = query.where("entry_date", .greaterThanOrEqual, from.description) }
            if let to = filter.to { query = query.where("entry_date", .lessThanOrEqual, to.description) }
            if let account = filter.accountCode {
                query = query.where(
                    SQLColumn("id"), .in,
                    SQLGroupExpression(
                        db.select().column("entry_id").from("journal_lines").where("account_code", .equal, account)
                            .query))
            }
            return query
        }
        let (rows, total) = try await db.page(
            "journal_entries", page, as: JournalEntryRow.self, filtered: filtered,
            ordered: { $0.orderBy("entry_date").orderBy("journal").orderBy("sequence").orderBy("id") })
        return Page(items: try await entries(rows), request: page, totalItems: total)
    }

    func markPosted(_ entry: JournalEntry) async throws {
        try await db.update("journal_entries").set("sequence", to: entry.sequence)
            .where("id", .equal, entry.id.rawValue).run()
        try await db.update("journal_lines").set("posted", to: true)
            .where("entry_id", .equal, entry.id.rawValue).run()
    }

    func deleteDraft(_ id: JournalEntryID) async throws {
        try await db.delete(from: "journal_entries").where("id", .equal, id.rawValue)
            .where("sequence", .is, SQLLiteral.null).run()
    }

    func isReversed(_ id: JournalEntryID) async throws -> Bool {
        try await db.select().column("id").from("journal_entries").where("reversal_of", .equal, id.rawValue)
            .first() != nil
    }

    func trialBalance(of building: BuildingID, fiscalYear: Int?) async throws -> [AccountBalance] {
        let scope: SQLQueryString =
            if let fiscalYear { "AND fiscal_year = \(bind: fiscalYear)" } else { "AND opening = \(bind: false)" }
        let rows = try await db.raw(
            """
            SELECT account_code, CAST(SUM(debit_cents) AS BIGINT) AS debit, CAST(SUM(credit_cents) AS BIGINT) AS credit
            FROM journal_lines
            WHERE building_id = \(bind: building.rawValue) AND posted = \(bind: true) \(scope)
            GROUP BY account_code
            ORDER BY account_code
            """
        ).all()
        return try balances(rows)
    }

    private func balances(_ rows: [any SQLRow]) throws -> [AccountBalance] {
        try rows.map { row in
            AccountBalance(
                accountCode: try row.decode(column: "account_code", as: String.self),
                debit: Money(minorUnits: try row.decode(column: "debit", as: Int64.self)),
                credit: Money(minorUnits: try row.decode(column: "credit", as: Int64.self)))
        }
    }

    func charges(of building: BuildingID, fiscalYear: Int) async throws -> [AccountBalance] {
        let rows = try await db.raw(
            """
            SELECT l.account_code, CAST(SUM(l.debit_cents) AS BIGINT) AS debit,
                CAST(SUM(l.credit_cents) AS BIGINT) AS credit
            FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
            WHERE l.building_id = \(bind: building.rawValue) AND l.posted = \(bind: true)
                AND l.fiscal_year = \(bind: fiscalYear) AND l.account_code LIKE '6%'
                AND e.entry_type <> \(bind: EntryType.yearEndClosing.rawValue)
            GROUP BY l.account_code
            ORDER BY l.account_code
            """
        ).all()
        return try balances(rows)
    }

    func posted(in building: BuildingID, fiscalYear: Int) async throws -> [JournalEntry] {
        let rows = try await db.select().columns("*").from("journal_entries")
            .where("building_id", .equal, building.rawValue).where("fiscal_year", .equal, fiscalYear)
            .where("sequence", .isNot, SQLLiteral.null)
            .orderBy("journal").orderBy("sequence")
            .all(decoding: JournalEntryRow.self, with: rowDecoder)
        return try await entries(rows)
    }

    func isClosed(_ building: BuildingID, fiscalYear: Int) async throws -> Bool {
        try await db.select().column("fiscal_year").from("closed_years")
            .where("building_id", .equal, building.rawValue).where("fiscal_year", .equal, fiscalYear)
            .first() != nil
    }

    func close(_ building: BuildingID, fiscalYear: Int, at date: Date) async throws {
        try await db.insert(into: "closed_years").columns("building_id", "fiscal_year", "closed_at")
            .values(SQLBind(building.rawValue), SQLBind(fiscalYear), SQLBind(date)).run()
    }

    /// Rows with their lines, in the rows' order: one query for the lines of up to 5,000 entries
    /// (a whole year's export may hold far more ids than a statement takes binds).
    private func entries(_ rows: [JournalEntryRow]) async throws -> [JournalEntry] {
        guard !rows.isEmpty else { return [] }
        var lineRows: [JournalLineRow] = []
        for start in stride(from: 0, to: rows.count, by: 5_000) {
            lineRows += try await db.select().columns("*").from("journal_lines")
                .where("entry_id", .in, rows[start..<min(start + 5_000, rows.count)].map(\.id))
                .all(decoding: JournalLineRow.self, with: rowDecoder)
        }
        let linesByEntry = Dictionary(grouping: lineRows, by: \.entryId)
        return try rows.map { row in
            guard let journal = Journal(rawValue: row.journal), let type = EntryType(rawValue: row.entryType) else {
                throw CorruptRow(table: "journal_entries", reason: "journal or type of \(row.id)")
            }
            let lines = try (linesByEntry[row.id] ?? []).sorted { $0.lineNo < $1.lineNo }.enumerated().map {
                index, line in
                try JournalLine(
                    accountCode: line.accountCode, debit: Money(minorUnits: line.debitCents),
                    credit: Money(minorUnits: line.creditCents), description: line.description, index: index)
            }
            return try JournalEntry(
                id: JournalEntryID(row.id), buildingID: BuildingID(row.buildingId), journal: journal, type: type,
                entryDate: try CalendarDate(parsing: row.entryDate), description: row.description,
                documentRef: row.documentRef, lines: lines, sequence: row.sequence,
                reversalOf: row.reversalOf.map(JournalEntryID.init), createdAt: row.createdAt)
        }
    }
}
