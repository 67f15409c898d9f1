import Application
import Domain
import Foundation
import HTTPTypes
import Hummingbird

struct CommentRequest: Decodable {
    let body: String?
    /// The comment answered; the reply joins its thread.
    let parentId: UUID?
}

struct CommentResponse: ResponseEncodable {
    let id, subjectType, subjectId, authorId, body: String
    let threadId, authorName: String?
    let mentions: [String]
    let createdAt: Date
    /// A thread's replies, oldest first (on a thread's first comment in a list only).
    let replies: [CommentResponse]?

    init(_ comment: Comment, names: [UserID: String], replies: [Comment]? = nil) {
        id = comment.id.description
        subjectType = comment.subject.type
        subjectId = comment.subject.id.lowercasedText
        threadId = comment.threadID?.description
        authorId = comment.authorID.description
        authorName = names[comment.authorID]
        body = comment.body
        mentions = comment.mentions.map(\.description)
        createdAt = comment.createdAt
        self.replies = replies?.map { CommentResponse($0, names: names) }
    }
}

struct CommentThreadsResponse: ResponseEncodable {
    let data: [CommentResponse]

    init(_ threads: CommentThreads) {
        data = threads.threads.map { CommentResponse($0.first, names: threads.names, replies: $0.replies) }
    }
}

/// `POST` and `GET /{collection}/{id}/comments` for every subject the modules registered
/// (`/documents/{id}/comments`, `/tasks/{id}/comments`): the module checks the caller may read
/// the subject, and answers 404 when they may not see it.
struct CommentRoutes {
    let comments: CommentsService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        for subject in comments.registered {
            let type = subject.type
            @Sendable func subjectID(_ context: AuthenticatedContext) throws -> UUID {
                try context.parameters.id(as: Identifier<CommentSubject>.self, entity: type).rawValue
            }
            group.post("\(subject.collection)/{id}/comments") { request, context in
                let id = try subjectID(context)
                let body = try await request.decodeJSON(CommentRequest.self, context: context)
                let posted = try await comments.post(
                    on: type, id, body: body.body, replyingTo: body.parentId, as: context.principal)
                return EditedResponse(status: .created, response: CommentResponse(posted.comment, names: posted.names))
            }
            group.get("\(subject.collection)/{id}/comments") { _, context in
                CommentThreadsResponse(
                    try await comments.comments(on: type, try subjectID(context), as: context.principal))
            }
        }
    }
}
