import Application
import Domain
import Foundation
import SQLAdapters
import SQLKit

/// The platform's steps: what the database holds (for erasure), the audit chain.
extension Steps {
    static let platform: [StepDefinition] = [
        StepDefinition("no table of the database holds {string}") { world, arguments, _ in
            let found = try await textColumnsHolding(arguments[0], in: world.gestio.persistence)
            try expect(found.isEmpty, "\(arguments[0]) is still in \(found.joined(separator: ", "))")
        },
        StepDefinition("the table {string} still holds {string}") { world, arguments, _ in
            let found = try await textColumnsHolding(arguments[1], in: world.gestio.persistence)
            try expect(
                found.contains { $0.hasPrefix("\(arguments[0]).") },
                "\(arguments[1]) is in \(found), not \(arguments[0])")
        },
        StepDefinition("the response text is, line by line:") { world, _, step in
            let text = String(buffer: try lastResponse(world).body)
            let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
            let wanted = try world.interpolate(step.docString ?? "").split(separator: "\n").map(String.init) + [""]
            try expect(lines == wanted, "the response reads \(lines), not \(wanted)")
        },
        StepDefinition("the response text contains {string}") { world, arguments, _ in
            let text = String(buffer: try lastResponse(world).body)
            let wanted = try world.interpolate(arguments[0])
            try expect(text.contains(wanted), "the response lacks \(wanted): \(text)")
        },
        StepDefinition("the platform's audit log records a run of {string} that deleted {int} {word}") {
            world, arguments, _ in
            let runs = try await world.gestio.persistence.read { repos in
                try await repos.audit.list(
                    of: .platform, filter: AuditFilter(entity: "job", entityID: arguments[0]),
                    page: try PageRequest(page: 1, perPage: 100))
            }
            try expect(
                runs.items.contains { $0.action == "retention.run" && $0.payload[arguments[2]] == arguments[1] },
                "no run of \(arguments[0]) deleted \(arguments[1]) \(arguments[2]): \(runs.items.map(\.payload))")
            _ = try await world.gestio.auditChain.seal()
            let report = try await world.gestio.auditChain.verify(.platform).first
            try expect(report?.isIntact == true, "the platform's chain reads \(String(describing: report))")
        },
        StepDefinition("the audit log of {string}'s organization verifies once sealed") { world, arguments, _ in
            guard let organization = OrganizationID(try variable(world, "\(arguments[0]).org")) else {
                throw StepFailure("bad organization id")
            }
            _ = try await world.gestio.auditChain.seal()
            let report = try await world.gestio.auditChain.verify(organization).first
            try expect(
                report?.isIntact == true && (report?.sealed ?? 0) > 0, "the chain reads \(String(describing: report))")
        },
    ]

    /// `table.column` of every text column that holds `text` (without case), in every table.
    static func textColumnsHolding(_ text: String, in store: SQLPersistence) async throws -> [String] {
        try await store.withDatabase { db in
            var columns: [(table: String, column: String)] = []
            switch store.dialect {
            case .sqlite:
                let tables = try await db.raw(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                ).all(decodingColumn: "name", as: String.self)
                for table in tables {
                    for row in try await db.raw("SELECT name, type FROM pragma_table_info(\(bind: table))").all()
                    where try row.decode(column: "type", as: String.self).uppercased() == "TEXT" {
                        columns.append((table, try row.decode(column: "name", as: String.self)))
                    }
                }
            case .postgres:
                for row in try await db.raw(
                    """
                    SELECT table_name, column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')
                    """
                ).all() {
                    columns.append(
                        (
                            try row.decode(column: "table_name", as: String.self),
                            try row.decode(column: "column_name", as: String.self)
                        ))
                }
            }
            var found: [String] = []
            for (table, column) in columns {
                let hits =
                    try await db.raw(
                        """
                        SELECT COUNT(*) AS n FROM \(ident: table)
                        WHERE LOWER(\(ident: column)) LIKE \(bind: "%" + text.lowercased() + "%")
                        """
                    ).first(decodingColumn: "n", as: Int.self) ?? 0
                if hits > 0 { found.append("\(table).\(column)") }
            }
            return found
        }
    }
}
