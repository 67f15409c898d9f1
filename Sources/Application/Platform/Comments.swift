public import Domain
public import Foundation
import Synchronization

/// Comments, kept per organization and subject.
public protocol CommentRepository: Sendable {
    func insert(_ comment: Comment) async throws
    func find(_ id: CommentID) async throws -> Comment?
    /// The subject's comments in the organization, oldest first.
    func comments(on subject: EntityLink, in organization: OrganizationID) async throws -> [Comment]
}

/// What a subject's module says of one subject when someone comments on it or reads its comments.
public struct CommentAudience: Sendable {
    public let organizationID: OrganizationID
    /// How a notification names it ("la tâche Coffrage").
    public let title: String
    /// The people a comment on it may name, with their names.
    public let people: [(id: UserID, name: String)]

    public init(organizationID: OrganizationID, title: String, people: [(id: UserID, name: String)]) {
        self.organizationID = organizationID
        self.title = title
        self.people = people
    }
}

/// Something a module lets people comment on, registered by the module that owns it
/// (`GestioModule(commentSubjects:)`): its type, the collection its routes use
/// (`/tasks/{id}/comments`), and the module's own read check.
public struct CommentSubject: Sendable {
    public let type: String
    public let collection: String
    /// The subject as the caller may read it (and comment on it, when the flag says they are
    /// about to): the module's own use case, which throws not-found or permission-denied; then
    /// who may be named.
    let open: @Sendable (UUID, Principal, _ commenting: Bool) async throws -> CommentAudience
    /// Of the people named, those who may read the subject, and so are told (nil: every person
    /// `open` lists may).
    let readers: (@Sendable (UUID, OrganizationID, [UserID]) async throws -> Set<UserID>)?
    /// What the module does with a new comment, in its transaction (a project's change feed).
    let posted: (@Sendable (Comment, any Repositories) async throws -> Void)?

    public init(
        type: String, collection: String,
        open: @escaping @Sendable (UUID, Principal, _ commenting: Bool) async throws -> CommentAudience,
        readers: (@Sendable (UUID, OrganizationID, [UserID]) async throws -> Set<UserID>)? = nil,
        posted: (@Sendable (Comment, any Repositories) async throws -> Void)? = nil
    ) {
        self.type = type
        self.collection = collection
        self.open = open
        self.readers = readers
        self.posted = posted
    }
}

/// A subject's comments as threads, with the names of their authors and of the people named.
public struct CommentThreads: Sendable {
    public let threads: [(first: Comment, replies: [Comment])]
    public let names: [UserID: String]
}

/// Comments with threads on whatever the modules register (a document, a project's task): who
/// may read the subject reads and writes its comments, and a person named (`@name`) who may read
/// it too is notified.
public final class CommentsService: Sendable {
    public static let notificationTypes = [
        NotificationType("comment.mentioned", "someone named you in a comment on a document or a task")
    ]

    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail
    private let subjects = Mutex<[String: CommentSubject]>([:])

    public init(persistence: any Persistence, clock: any WallClock, ids: any IDGenerator) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.trail = AuditTrail(clock: clock, ids: ids)
    }

    public func register(_ subjects: [CommentSubject]) {
        self.subjects.withLock { registered in for subject in subjects { registered[subject.type] = subject } }
    }

    /// The registered subjects, by type.
    public var registered: [CommentSubject] { subjects.withLock { $0.values.sorted { $0.type < $1.type } } }

    /// Comments on the subject; `parentID` is the comment answered (its thread is joined).
    /// Returns the comment with the names of its author and of the people it names.
    public func post(
        on type: String, _ id: UUID, body: String?, replyingTo parentID: UUID?, as principal: Principal
    ) async throws -> (comment: Comment, names: [UserID: String]) {
        let subject = try self.subject(type, id)
        let audience = try await subject.open(id, principal, true)
        let text = body ?? ""
        var mentioned = Mentions.named(in: text, among: audience.people.filter { $0.id != principal.userID })
        if let readers = subject.readers, !mentioned.isEmpty {
            let allowed = try await readers(id, audience.organizationID, mentioned)
            mentioned = mentioned.filter(allowed.contains)
        }
        let named = mentioned
        let link = EntityLink(type: type, id: id)
        // The whole transaction: the subject's module reacts through its `posted` hook with its own stores.
        let comment = try await persistence.write { (repos: any Repositories) in
            var parent: Comment?
            if let parentID {
                parent = try await repos.comments.find(CommentID(parentID))
                guard let found = parent, found.organizationID == audience.organizationID else {
                    throw ApplicationError.notFound(entity: "comment", id: parentID.lowercasedText)
                }
            }
            let comment = try Comment(
                id: CommentID(ids.make()), organizationID: audience.organizationID, subject: link, replyingTo: parent,
                authorID: principal.userID, body: text, mentions: named, createdAt: clock.now())
            try await repos.comments.insert(comment)
            try await subject.posted?(comment, repos)
            let author = audience.people.first { $0.id == principal.userID }?.name ?? "Un membre"
            _ = try await trail.notify(
                Set(comment.mentions), in: comment.organizationID, kind: "comment.mentioned",
                title: "\(author) vous mentionne : \(audience.title)", body: String(comment.body.prefix(280)),
                entity: type, id: id.lowercasedText, repos)
            return comment
        }
        return (comment, try await names(of: [comment], audience))
    }

    /// The subject's comments as threads, oldest first.
    public func comments(on type: String, _ id: UUID, as principal: Principal) async throws -> CommentThreads {
        let subject = try self.subject(type, id)
        let audience = try await subject.open(id, principal, false)
        let comments = try await persistence.read { (repos: any UsesComments) in
            try await repos.comments.comments(on: EntityLink(type: type, id: id), in: audience.organizationID)
        }
        return CommentThreads(threads: Comment.threads(comments), names: try await names(of: comments, audience))
    }

    private func subject(_ type: String, _ id: UUID) throws -> CommentSubject {
        guard let subject = subjects.withLock({ $0[type] }) else {
            throw ApplicationError.notFound(entity: type, id: id.lowercasedText)
        }
        return subject
    }

    /// The audience's names, and the organization's for a former member who wrote or was named.
    private func names(of comments: [Comment], _ audience: CommentAudience) async throws -> [UserID: String] {
        let names = Dictionary(audience.people.map { ($0.id, $0.name) }) { first, _ in first }
        let missing = Set(comments.flatMap { [$0.authorID] + $0.mentions }).filter { names[$0] == nil }
        guard !missing.isEmpty else { return names }
        let found = try await persistence.read { (repos: any UsesMemberships) in
            var found: [UserID: String] = [:]
            for user in missing {
                found[user] = try await repos.memberships.member(user, in: audience.organizationID)?.name
            }
            return found
        }
        return names.merging(found) { first, _ in first }
    }
}
