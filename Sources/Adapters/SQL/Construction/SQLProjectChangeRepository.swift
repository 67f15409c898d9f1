import Application
import Domain
import Foundation
import SQLKit

struct ProjectChangeRow: Codable {
    let projectId: UUID
    let kind: String
    let entityId: UUID
    let operation: String
    let cursor: Int
    let changedAt: Date

    enum CodingKeys: String, CodingKey {
        case kind, operation, cursor
        case projectId = "project_id"
        case entityId = "entity_id"
        case changedAt = "changed_at"
    }

    func domain() throws -> ProjectChange {
        guard let kind = ProjectChange.Kind(rawValue: kind),
            let operation = ProjectChange.Operation(rawValue: operation)
        else { throw CorruptRow(table: "project_changes", reason: "kind or operation of \(entityId)") }
        return ProjectChange(
            projectID: ProjectID(projectId), cursor: cursor, kind: kind, entityID: entityId, operation: operation,
            at: changedAt)
    }
}

struct SQLProjectChangeRepository: ProjectChangeRepository {
    let db: any SQLDatabase

    func record(
        _ kind: ProjectChange.Kind, _ id: UUID, _ operation: ProjectChange.Operation, in project: ProjectID,
        organization: OrganizationID, at time: Date
    ) async throws {
        // One row per thing, moved to the project's next cursor: a thing changed twice is listed
        // once, after everything that changed before its last change.
        let next = try await lastCursor(of: project) + 1
        try await db.raw(
            """
            INSERT INTO project_changes (project_id, organization_id, kind, entity_id, operation, cursor, changed_at)
            VALUES (\(bind: project.rawValue), \(bind: organization.rawValue), \(bind: kind.rawValue),
                \(bind: id), \(bind: operation.rawValue), \(bind: next), \(bind: time))
            ON CONFLICT (project_id, kind, entity_id) DO UPDATE
            SET operation = excluded.operation, cursor = excluded.cursor, changed_at = excluded.changed_at
            """
        ).run()
    }

    func changes(of project: ProjectID, after cursor: Int, limit: Int) async throws -> [ProjectChange] {
        try await db.select().columns("project_id", "kind", "entity_id", "operation", "cursor", "changed_at")
            .from("project_changes").where("project_id", .equal, project.rawValue)
            .where("cursor", .greaterThan, cursor).orderBy("cursor").limit(limit)
            .all(decoding: ProjectChangeRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func lastCursor(of project: ProjectID) async throws -> Int {
        struct Row: Decodable { let last: Int? }
        return try await db.select().column(SQLFunction("MAX", args: SQLColumn("cursor")), as: "last")
            .from("project_changes").where("project_id", .equal, project.rawValue)
            .first(decoding: Row.self)?.last ?? 0
    }
}
