public import Foundation

public typealias CommentID = Identifier<Comment>

/// A comment on something a module lets people discuss (a document, a project's task): its
/// text, the people it names, and the thread it belongs to. A thread is a first comment and its
/// replies; a reply to a reply joins the same thread, so threads are one level deep, as they
/// read on a phone.
public struct Comment: Sendable, Equatable {
    public static let maximumLength = 4_000

    public let id: CommentID
    public let organizationID: OrganizationID
    /// What is discussed.
    public let subject: EntityLink
    /// The first comment of the thread this one answers (nil: it starts a thread).
    public let threadID: CommentID?
    public let authorID: UserID
    public let body: String
    public let mentions: [UserID]
    public let createdAt: Date

    /// A comment; `replyingTo` is the comment answered, which must be on the same subject.
    public init(
        id: CommentID, organizationID: OrganizationID, subject: EntityLink, replyingTo parent: Comment? = nil,
        authorID: UserID, body: String, mentions: [UserID] = [], createdAt: Date
    ) throws {
        if let parent {
            guard parent.subject == subject, parent.organizationID == organizationID else {
                throw DomainError.invalidValue(
                    field: "parentId", reason: "must be a comment on the same \(subject.type)")
            }
        }
        try self.init(
            id: id, organizationID: organizationID, subject: subject, threadID: parent.map { $0.threadID ?? $0.id },
            authorID: authorID, body: body, mentions: mentions, createdAt: createdAt)
    }

    /// A comment as stored.
    public init(
        id: CommentID, organizationID: OrganizationID, subject: EntityLink, threadID: CommentID?, authorID: UserID,
        body: String, mentions: [UserID], createdAt: Date
    ) throws {
        guard threadID != id else { throw DomainError.invalidValue(field: "threadId", reason: "cannot be itself") }
        self.id = id
        self.organizationID = organizationID
        self.subject = subject
        self.threadID = threadID
        self.authorID = authorID
        self.body = try Mentions.text(body, maximumLength: Self.maximumLength)
        self.mentions = mentions.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        self.createdAt = createdAt
    }

    /// Comments as threads: each first comment with its replies, in the order given (the order
    /// they were written). A reply whose first comment is not among `comments` is left out.
    public static func threads(_ comments: [Comment]) -> [(first: Comment, replies: [Comment])] {
        var replies: [CommentID: [Comment]] = [:]
        for comment in comments { if let thread = comment.threadID { replies[thread, default: []].append(comment) } }
        return comments.filter { $0.threadID == nil }.map { ($0, replies[$0.id] ?? []) }
    }
}
