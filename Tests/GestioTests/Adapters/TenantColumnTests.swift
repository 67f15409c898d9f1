import Foundation
import SQLAdapters
import SQLKit
import Testing

/// Distribution by organization (docs/SCALING.md) needs `organization_id` on every tenant table.
/// A new table without it fails here; the tables that lack it today are listed with the reason,
/// so the list can only shrink.
@Suite("Tenant column")
struct TenantColumnTests {
    enum Reason: Equatable {
        /// Not tenant data: platform-wide or shared by every organization.
        case notTenantData(String)
        /// Tenant data reached through a parent that carries `organization_id` (or is itself
        /// reached so), by this foreign-key column.
        case throughParent(column: String, parent: String)
        /// SQLite's FTS5 index of a table (the virtual table and its shadow tables), whose rows
        /// share the rowid of that table's rows, which carry `organization_id`.
        case fullTextIndex(of: String)
    }

    static let allowList: [String: Reason] = [
        "organizations": .notTenantData("the tenant itself: distributed by its own id"),
        "users": .notTenantData("a person's account; one user can be a member of several organizations"),
        "settings": .notTenantData("platform settings (the generated JWT secret)"),
        "schema_migrations": .notTenantData("the migrator's own record"),
        "job_runs": .notTenantData("which instance ran each period of a platform-wide scheduled job"),
        "rate_limit_hits": .notTenantData("attempts per client address, before any organization is known"),
        "password_resets": .notTenantData("a person's account, which may belong to several organizations"),
        "two_factor_credentials": .notTenantData("a person's account, which may belong to several organizations"),
        "two_factor_backup_codes": .notTenantData("a person's account, which may belong to several organizations"),
        "erasure_requests": .notTenantData("a person's request to be forgotten, across all their organizations"),
        "email_changes": .notTenantData("a person's account, which may belong to several organizations"),
        "notification_preferences": .notTenantData("a person's choice of email delivery, in every organization"),
        "lots": .throughParent(column: "building_id", parent: "buildings"),
        "ownerships": .throughParent(column: "lot_id", parent: "lots"),
        "budgets": .throughParent(column: "building_id", parent: "buildings"),
        "budget_alert_thresholds": .throughParent(column: "building_id", parent: "buildings"),
        "budget_alerts": .throughParent(column: "building_id", parent: "buildings"),
        "accounts": .throughParent(column: "building_id", parent: "buildings"),
        "journal_sequences": .throughParent(column: "building_id", parent: "buildings"),
        "journal_entries": .throughParent(column: "building_id", parent: "buildings"),
        "journal_lines": .throughParent(column: "entry_id", parent: "journal_entries"),
        "closed_years": .throughParent(column: "building_id", parent: "buildings"),
        "calls_for_funds": .throughParent(column: "building_id", parent: "buildings"),
        "contributions": .throughParent(column: "call_id", parent: "calls_for_funds"),
        "owner_payments": .throughParent(column: "building_id", parent: "buildings"),
        "intervention_history": .throughParent(column: "intervention_id", parent: "interventions"),
        "preventive_runs": .throughParent(column: "plan_id", parent: "preventive_plans"),
        "search_fts": .fullTextIndex(of: "search_entries"), "search_fts_data": .fullTextIndex(of: "search_entries"),
        "search_fts_idx": .fullTextIndex(of: "search_entries"),
        "search_fts_content": .fullTextIndex(of: "search_entries"),
        "search_fts_docsize": .fullTextIndex(of: "search_entries"),
        "search_fts_config": .fullTextIndex(of: "search_entries"),
    ]

    struct Table {
        let columns: Set<String>
        /// Foreign-key column → referenced table.
        let references: [String: String]
    }

    /// The migrated schema's tables, from the database's own catalogue.
    static func schema(_ store: SQLPersistence) async throws -> [String: Table] {
        try await store.withDatabase { db in
            var tables: [String: Table] = [:]
            switch store.dialect {
            case .sqlite:
                let names = try await db.raw(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                ).all(decodingColumn: "name", as: String.self)
                for name in names {
                    let columns = try await db.raw("SELECT name FROM pragma_table_info(\(bind: name))")
                        .all(decodingColumn: "name", as: String.self)
                    let keys = try await db.raw(
                        #"SELECT "from" AS col, "table" AS parent FROM pragma_foreign_key_list(\#(bind: name))"#
                    ).all()
                    var references: [String: String] = [:]
                    for key in keys {
                        references[try key.decode(column: "col", as: String.self)] = try key.decode(
                            column: "parent", as: String.self)
                    }
                    tables[name] = Table(columns: Set(columns), references: references)
                }
            case .postgres:
                let rows = try await db.raw(
                    """
                    SELECT table_name, column_name FROM information_schema.columns
                    WHERE table_schema = 'public'
                    """
                ).all()
                var columns: [String: Set<String>] = [:]
                for row in rows {
                    columns[try row.decode(column: "table_name", as: String.self), default: []].insert(
                        try row.decode(column: "column_name", as: String.self))
                }
                let keys = try await db.raw(
                    """
                    SELECT c.conrelid::regclass::text AS child, a.attname AS col, c.confrelid::regclass::text AS parent
                    FROM pg_constraint c
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                    WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
                    """
                ).all()
                var references: [String: [String: String]] = [:]
                for key in keys {
                    references[try key.decode(column: "child", as: String.self), default: [:]][
                        try key.decode(column: "col", as: String.self)] = try key.decode(
                            column: "parent", as: String.self)
                }
                for (name, set) in columns {
                    tables[name] = Table(columns: set, references: references[name] ?? [:])
                }
            }
            return tables
        }
    }

    @Test(
        "Every tenant table carries organization_id, or is allow-listed with a reason that holds",
        arguments: TestDatabase.enabled)
    func everyTenantTable(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tables = try await Self.schema(store)
            #expect(tables.count > 30, "the catalogue lists the migrated tables")
            for (name, table) in tables.sorted(by: { $0.key < $1.key }) {
                let hasColumn = table.columns.contains("organization_id")
                switch Self.allowList[name] {
                case nil:
                    #expect(hasColumn, "\(name) lacks organization_id: add it (docs/SCALING.md says why)")
                case .notTenantData:
                    #expect(!hasColumn, "\(name) has organization_id now: take it off the allow-list")
                case .fullTextIndex(let indexed):
                    #expect(!hasColumn && store.dialect == .sqlite, "\(name): only SQLite's FTS5 index is listed so")
                    #expect(tables[indexed]?.columns.contains("organization_id") == true)
                case .throughParent(let column, let parent):
                    #expect(!hasColumn, "\(name) has organization_id now: take it off the allow-list")
                    #expect(
                        table.references[column] == parent,
                        "\(name).\(column) should reference \(parent), as its allow-list reason says")
                }
            }
            for (name, reason) in Self.allowList where tables[name] == nil {
                if case .fullTextIndex = reason, store.dialect == .postgres { continue }  // SQLite's only
                Issue.record("\(name) is allow-listed but no longer exists: take it off the list")
            }
            // Every parent chain ends at a table that carries organization_id.
            for name in Self.allowList.keys {
                var current = name
                var hops = 0
                while case .throughParent(_, let parent) = Self.allowList[current], hops < 10 {
                    current = parent
                    hops += 1
                }
                if case .throughParent = Self.allowList[name] {
                    #expect(
                        tables[current]?.columns.contains("organization_id") == true,
                        "\(name) reaches \(current), which has no organization_id")
                }
            }
        }
    }
}
