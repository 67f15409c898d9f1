import Application
import Domain
import Foundation
import SQLKit

struct ProjectMessageRow: Codable {
    let id: UUID
    let organizationId: UUID
    let projectId: UUID
    let sequence: Int
    let authorId: UUID
    let body: String
    let mentions: String
    let attachments: String
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, sequence, body, mentions, attachments
        case organizationId = "organization_id"
        case projectId = "project_id"
        case authorId = "author_id"
        case createdAt = "created_at"
    }

    init(_ message: ProjectMessage) {
        id = message.id.rawValue
        organizationId = message.organizationID.rawValue
        projectId = message.projectID.rawValue
        sequence = message.sequence
        authorId = message.authorID.rawValue
        body = message.body
        mentions = message.mentions.map(\.description).joined(separator: ",")
        attachments = message.attachments.map(\.description).joined(separator: ",")
        createdAt = message.createdAt
    }

    func domain() throws -> ProjectMessage {
        func ids(_ list: String) throws -> [UUID] { try CorruptRow.ids(list, table: "project_messages", row: id) }
        return try ProjectMessage(
            id: ProjectMessageID(id), projectID: ProjectID(projectId), organizationID: OrganizationID(organizationId),
            sequence: sequence, authorID: UserID(authorId), body: body, mentions: try ids(mentions).map(UserID.init),
            attachments: try ids(attachments).map(DocumentID.init), createdAt: createdAt)
    }
}

struct ChatReadingRow: Codable {
    let userId: UUID
    let lastRead: Int
    let readAt: Date

    enum CodingKeys: String, CodingKey {
        case userId = "user_id"
        case lastRead = "last_read"
        case readAt = "read_at"
    }
}

struct SQLProjectChatRepository: ProjectChatRepository {
    let db: any SQLDatabase

    func insert(_ message: ProjectMessage) async throws {
        try await db.insert(into: "project_messages").model(ProjectMessageRow(message)).run()
    }

    func find(_ id: ProjectMessageID) async throws -> ProjectMessage? {
        try await db.select().columns("*").from("project_messages").where("id", .equal, id.rawValue)
            .first(decoding: ProjectMessageRow.self, with: rowDecoder)?.domain()
    }

    func lastSequence(of project: ProjectID) async throws -> Int {
        struct Row: Decodable { let last: Int? }
        return try await db.select().column(SQLFunction("MAX", args: SQLColumn("sequence")), as: "last")
            .from("project_messages").where("project_id", .equal, project.rawValue)
            .first(decoding: Row.self)?.last ?? 0
    }

    func messages(of project: ProjectID, before sequence: Int?, limit: Int) async throws -> [ProjectMessage] {
        var query = db.select().columns("*").from("project_messages").where("project_id", .equal, project.rawValue)
        if let sequence { query = query.where("sequence", .lessThan, sequence) }
        return try await query.orderBy("sequence", .descending).limit(limit)
            .all(decoding: ProjectMessageRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func markRead(
        _ user: UserID, in project: ProjectID, organization: OrganizationID, upTo sequence: Int, at time: Date
    ) async throws {
        // Insert, or move forward only: a late request for an older position changes nothing.
        try await db.raw(
            """
            INSERT INTO project_chat_reads (project_id, organization_id, user_id, last_read, read_at)
            VALUES (\(bind: project.rawValue), \(bind: organization.rawValue), \(bind: user.rawValue), \(bind: sequence), \(bind: time))
            ON CONFLICT (project_id, user_id) DO UPDATE SET last_read = excluded.last_read, read_at = excluded.read_at
            WHERE excluded.last_read > project_chat_reads.last_read
            """
        ).run()
    }

    func readings(of project: ProjectID) async throws -> [ChatReading] {
        try await db.select().columns("user_id", "last_read", "read_at").from("project_chat_reads")
            .where("project_id", .equal, project.rawValue).orderBy("user_id")
            .all(decoding: ChatReadingRow.self, with: rowDecoder)
            .map { ChatReading(userID: UserID($0.userId), lastRead: $0.lastRead, at: $0.readAt) }
    }

    func unreadCount(of user: UserID, in project: ProjectID) async throws -> Int {
        struct Row: Decodable { let unread: Int }
        return try await db.raw(
            """
            SELECT COUNT(*) AS unread FROM project_messages
            WHERE project_id = \(bind: project.rawValue) AND author_id <> \(bind: user.rawValue)
              AND sequence > COALESCE(
                (SELECT last_read FROM project_chat_reads
                 WHERE project_id = \(bind: project.rawValue) AND user_id = \(bind: user.rawValue)), 0)
            """
        ).first(decoding: Row.self)?.unread ?? 0
    }

    func transcript(of project: ProjectID) async throws -> [ProjectMessage] {
        try await db.select().columns("*").from("project_messages").where("project_id", .equal, project.rawValue)
            .orderBy("sequence").all(decoding: ProjectMessageRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func all() async throws -> [ProjectMessage] {
        try await db.select().columns("*").from("project_messages").orderBy("project_id").orderBy("sequence")
            .all(decoding: ProjectMessageRow.self, with: rowDecoder).map { try $0.domain() }
    }
}
