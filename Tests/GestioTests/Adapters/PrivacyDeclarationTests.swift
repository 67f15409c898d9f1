import Application
import Bootstrap
import Foundation
import SQLKit
import Testing

@testable import SQLAdapters

/// A module cannot hold personal data without declaring it: every column that looks personal is
/// erased by a declaration or listed here with the reason it is not a person's.
@Suite("Privacy declarations")
struct PrivacyDeclarationTests {
    static let notAPerson: [String: String] = [
        "organizations.name": "the organization (a syndic's office, a company)",
        "schema_migrations.name": "a migration file's name",
        "buildings.name": "a building", "buildings.address": "a building",
        "equipements.name": "a piece of equipment",
        "dispatch_clients.nom": "a client company; its contact email and phone are erased",
        "dispatch_clients.adresse": "a client company's address",
        "societes.nom": "the taxi company", "societes.adresse": "the taxi company's address",
        "document_versions.file_name": "a file the organization keeps; who uploaded it is an id",
        "suppliers.name": "a business the co-ownership pays, kept with the accounts (no person's account reaches it)",
        "suppliers.email": "a supplier's billing address, kept with the accounts",
        "charge_keys.name": "a charge key of a building (Ascenseur, Chauffage)",
        "resources.name": "a common space of a building (Salle commune, Buanderie)",
        "projects.name": "a construction project", "projects.address": "the building site",
        "projects.client_name":
            "the client (maître d'ouvrage) as the project names it, usually a company; kept with the project",
        "project_trades.name": "a trade of a project (Gros œuvre, Toiture)",
        "centres.name": "a vehicle inspection centre", "centres.address": "a vehicle inspection centre",
        "centre_lanes.name": "a centre's inspection lane (Piste 1)",
        "centre_services.name": "a service a centre offers (Contrôle périodique)",
        "project_milestones.name": "a milestone of a project",
    ]

    /// Column names that look like a person's: `email`, `contact_nom`, `display_name`…
    static func looksPersonal(_ column: String) -> Bool {
        let last = column.split(separator: "_").last.map(String.init) ?? column
        return ["email", "name", "nom", "phone", "telephone", "address", "adresse"].contains(last)
            || column == "user_agent"
    }

    @Test("Every column that looks personal is erased by a module's declaration, or is not a person's")
    func personalColumnsDeclared() async throws {
        let erased = Set(
            SQLPersonalDataRepository.tables.values.joined().flatMap { table -> [String] in
                switch table.erasure {
                case .keep: []
                case .delete: ["\(table.table).*"]
                case .anonymize(let columns): columns.keys.map { "\(table.table).\($0)" }
                }
            })
        try await TestDatabase.sqlite.withStore { store in
            try await store.withDatabase { db in
                let tables = try await db.raw(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                ).all(decodingColumn: "name", as: String.self)
                for table in tables {
                    let columns = try await db.raw("SELECT name FROM pragma_table_info(\(bind: table))")
                        .all(decodingColumn: "name", as: String.self)
                    for column in columns where Self.looksPersonal(column) {
                        let key = "\(table).\(column)"
                        #expect(
                            erased.contains(key) || erased.contains("\(table).*") || Self.notAPerson[key] != nil,
                            "\(key) looks personal: declare its erasure in the module's <Module>PersonalData.swift")
                    }
                }
            }
        }
    }

    @Test("Each registered module declares its personal data on both sides, under its own name")
    func everyModuleDeclares() {
        let names = Gestio.modules.map(\.name)
        #expect(Gestio.modules.map(\.privacy.module) == names)
        #expect(SQLPersonalDataInventory.modules == Set(names))
        for module in Gestio.modules { #expect(!module.privacy.processing.isEmpty, "\(module.name)") }
    }

    @Test("docs/PRIVACY.md is the register the declarations generate (gestio privacy register)")
    func registerIsCurrent() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("docs/PRIVACY.md"), encoding: .utf8)
        try await TestDatabase.sqlite.withGestio { gestio in
            #expect(
                file == gestio.privacy.register(inventory: SQLPersonalDataInventory.lines) + "\n",
                "regenerate it: gestio privacy register --database-url sqlite::memory: > docs/PRIVACY.md")
        }
    }
}
