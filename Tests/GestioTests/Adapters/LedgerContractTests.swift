import Application
import Domain
import Foundation
import SQLAdapters
import SQLKit
import Testing

@Suite("Ledger storage")
struct LedgerContractTests {
    @Test("PostgreSQL refuses to commit an unbalanced entry, whatever wrote it", .requiresPostgres)
    func deferredBalanceTrigger() async throws {
        try await TestDatabase.postgres.withGestio { gestio in
            let session = try await gestio.identity.register(
                Registration(
                    email: "sam@example.com", password: "correct-horse-battery", name: "Sam",
                    destination: .newOrganization(name: "Syndic")))
            let principal = Principal(
                userID: session.member.user.id, organizationID: session.member.organizationID, roles: [.admin])
            let building = try await gestio.coOwnership.createBuilding(
                BuildingInput(name: "B", address: "A", city: "C", postalCode: "1", country: "BE", totalTantiemes: 100),
                as: principal)
            let entry = UUID()
            await #expect(throws: (any Error).self) {
                try await gestio.persistence.withTransaction { db in
                    try await db.raw(
                        """
                        INSERT INTO journal_entries (id, building_id, journal, entry_type, entry_date, fiscal_year, sequence,
                            description, created_at)
                        VALUES (\(bind: entry), \(bind: building.id.rawValue), 'ODS', 'manual', '2026-01-01', 2026, 1, 'raw',
                            \(bind: Date()))
                        """
                    ).run()
                    for (line, debit, credit) in [(1, 100, 0), (2, 0, 99)] {
                        try await db.raw(
                            """
                            INSERT INTO journal_lines (entry_id, line_no, building_id, posted, account_code, debit_cents,
                                credit_cents)
                            VALUES (\(bind: entry), \(bind: line), \(bind: building.id.rawValue), true, '61', \(bind: debit),
                                \(bind: credit))
                            """
                        ).run()
                    }
                }
            }
            let stored = try await gestio.persistence.withDatabase { db in
                try await db.raw("SELECT COUNT(*) AS n FROM journal_entries").first(decodingColumn: "n", as: Int.self)
            }
            #expect(stored == 0)
        }
    }

    @Test(
        "The one-statement posting writes only when every check passes, and says nothing on SQLite",
        arguments: TestDatabase.enabled)
    func postingFastPath(_ database: TestDatabase) async throws {
        try await database.withGestio { gestio in
            func syndic(_ name: String) async throws -> Principal {
                let session = try await gestio.identity.register(
                    Registration(
                        email: "\(name)@example.com", password: "correct-horse-battery", name: name,
                        destination: .newOrganization(name: "Syndic \(name)")))
                return Principal(
                    userID: session.member.user.id, organizationID: session.member.organizationID, roles: [.admin])
            }
            let principal = try await syndic("sam")
            let stranger = try await syndic("eve")
            let building = try await gestio.coOwnership.createBuilding(
                BuildingInput(name: "B", address: "A", city: "C", postalCode: "1", country: "BE", totalTantiemes: 100),
                as: principal)
            func entry(_ year: Int, _ accounts: (String, String) = ("61", "440")) throws -> JournalEntry {
                try JournalEntry(
                    id: JournalEntryID(UUID()), buildingID: building.id, journal: .purchases, type: .manual,
                    entryDate: try CalendarDate(parsing: "\(year)-03-15", field: "entryDate"), description: "Gas",
                    documentRef: nil,
                    lines: [
                        JournalLine(
                            accountCode: accounts.0, debit: Money(minorUnits: 1200), credit: Money(minorUnits: 0),
                            description: nil,
                            index: 0),
                        JournalLine(
                            accountCode: accounts.1, debit: Money(minorUnits: 0), credit: Money(minorUnits: 1200),
                            description: nil,
                            index: 1),
                    ], createdAt: Date())
            }
            func attempt(_ entry: JournalEntry, by who: Principal = principal, unlessBudgetActive: Bool = true)
                async throws -> Int?
            {
                try await gestio.persistence.write { repos in
                    try await repos.journal.insertNumberedIfClear(
                        entry, organization: who.organizationID, unlessBudgetActive: unlessBudgetActive)
                }
            }
            func stored() async throws -> Int {
                try await gestio.persistence.withDatabase { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM journal_entries").first(
                        decodingColumn: "n", as: Int.self)
                } ?? -1
            }
            guard database == .postgres else {
                #expect(try await attempt(try entry(2026)) == nil, "SQLite takes the step-by-step path")
                #expect(try await stored() == 0)
                return
            }
            #expect(try await attempt(try entry(2026)) == 1)
            #expect(try await attempt(try entry(2026)) == 2)
            #expect(try await attempt(try entry(2026), by: stranger) == nil, "another organization's building")
            #expect(try await attempt(try entry(2026, ("61", "999999"))) == nil, "an account not in the chart")
            _ = try await gestio.ledger.closeYear(2025, of: building.id, as: principal)
            #expect(try await attempt(try entry(2025)) == nil, "a closed year")
            try await gestio.persistence.withDatabase { db in
                try await db.raw(
                    """
                    INSERT INTO budgets (id, building_id, fiscal_year, ordinary_cents, extraordinary_cents, currency,
                        lines_json, status, created_at)
                    VALUES (\(bind: UUID()), \(bind: building.id.rawValue), 2026, 100000, 0, 'EUR', '[]', 'active',
                        \(bind: Date()))
                    """
                ).run()
            }
            #expect(try await attempt(try entry(2026)) == nil, "an active budget watches charges")
            #expect(try await attempt(try entry(2026), unlessBudgetActive: false) == 3, "not a charge")
            #expect(try await stored() == 3, "refused postings wrote nothing")
            let numbers = try await gestio.persistence.withDatabase { db in
                try await db.raw("SELECT last_number FROM journal_sequences").all(
                    decodingColumn: "last_number", as: Int.self)
            }
            #expect(numbers == [3], "refused postings took no number")
        }
    }

    @Test("The statement splitter keeps dollar-quoted bodies whole")
    func dollarQuotedBodies() throws {
        let migration = try Migration(
            fileName: "0009_f.sql",
            sql: """
                CREATE TABLE t (v TEXT);
                CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'no; never';
                    RETURN NULL;
                END
                $$;
                -- a comment; with a semicolon
                CREATE INDEX t_idx ON t (v);
                """)
        #expect(migration.statements.count == 3)
        #expect(migration.statements[1].hasSuffix("$$"))
    }
}
