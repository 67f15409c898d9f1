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
