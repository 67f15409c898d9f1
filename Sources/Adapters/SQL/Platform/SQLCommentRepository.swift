import Application
import Domain
import Foundation
import SQLKit

struct CommentRow: Codable {
    let id: UUID
    let organizationId: UUID
    let subjectType: String
    let subjectId: UUID
    let threadId: UUID?
    let authorId: UUID
    let body: String
    let mentions: String
    let position: Int
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, body, mentions, position
        case organizationId = "organization_id"
        case subjectType = "subject_type"
        case subjectId = "subject_id"
        case threadId = "thread_id"
        case authorId = "author_id"
        case createdAt = "created_at"
    }

    init(_ comment: Comment, position: Int) {
        id = comment.id.rawValue
        organizationId = comment.organizationID.rawValue
        subjectType = comment.subject.type
        subjectId = comment.subject.id
        threadId = comment.threadID?.rawValue
        authorId = comment.authorID.rawValue
        body = comment.body
        mentions = comment.mentions.map(\.description).joined(separator: ",")
        self.position = position
        createdAt = comment.createdAt
    }

    func domain() throws -> Comment {
        let named = try CorruptRow.ids(mentions, table: "comments", row: id).map(UserID.init)
        return try Comment(
            id: CommentID(id), organizationID: OrganizationID(organizationId),
            subject: EntityLink(type: subjectType, id: subjectId), threadID: threadId.map(CommentID.init),
            authorID: UserID(authorId), body: body, mentions: named, createdAt: createdAt)
    }
}

struct SQLCommentRepository: CommentRepository {
    let db: any SQLDatabase

    func insert(_ comment: Comment) async throws {
        // Numbered in the writing transaction, so that comments written within one tick of the
        // clock still read in the order they were written.
        struct Count: Decodable { let count: Int }
        let earlier =
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from("comments")
            .where("organization_id", .equal, comment.organizationID.rawValue)
            .where("subject_type", .equal, comment.subject.type).where("subject_id", .equal, comment.subject.id)
            .first(decoding: Count.self)?.count ?? 0
        try await db.insert(into: "comments").model(CommentRow(comment, position: earlier), nilEncodingStrategy: .asNil)
            .run()
    }

    func find(_ id: CommentID) async throws -> Comment? {
        try await db.select().columns("*").from("comments").where("id", .equal, id.rawValue)
            .first(decoding: CommentRow.self, with: rowDecoder)?.domain()
    }

    func comments(on subject: EntityLink, in organization: OrganizationID) async throws -> [Comment] {
        try await db.select().columns("*").from("comments")
            .where("organization_id", .equal, organization.rawValue).where("subject_type", .equal, subject.type)
            .where("subject_id", .equal, subject.id).orderBy("position").orderBy("created_at")
            .all(decoding: CommentRow.self, with: rowDecoder).map { try $0.domain() }
    }
}
