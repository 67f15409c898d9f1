public import Domain
import Foundation

/// One entry of a project's change feed: the change, and the thing as it stands now (nil: a
/// tombstone, the thing was deleted).
public struct ChangeEntry: Sendable {
    public enum Content: Sendable {
        case task(ProjectTask)
        case milestone(MilestoneView)
        case snag(Snag)
        case message(ProjectMessage)
        case comment(Comment)
        /// The metadata of a document of the project or of one of its tasks; its file is
        /// fetched from the documents routes.
        case document(DocumentView)
    }

    public let change: ProjectChange
    public let content: Content?
}

/// A page of a project's change feed.
public struct ChangesPage: Sendable {
    public let entries: [ChangeEntry]
    /// The cursor to ask from next: the last change of this page, or `since` when there was none.
    public let nextSince: Int
    /// More changes wait after this page.
    public let hasMore: Bool
    /// The names of the messages' and comments' authors.
    public let names: [UserID: String]
}

/// The offline feed of a project (`GET /projects/{id}/changes?since=`): every task, milestone,
/// snag, chat message, task comment and document the caller may see that changed after their cursor, each
/// once, at its latest change, with tombstones for what was deleted. What the caller may not
/// see still moves the cursor, so a subcontractor's feed goes forward past other trades' tasks.
public struct ProjectSyncService: Sendable, ConstructionUseCase {
    public static let defaultPage = 100
    public static let maximumPage = 500

    let context: ConstructionContext

    public func changes(of id: ProjectID, since: Int?, limit: Int?, as principal: Principal) async throws
        -> ChangesPage
    {
        try AccessPolicy.require(.useProjects, by: principal)
        let size = limit ?? Self.defaultPage
        guard (1...Self.maximumPage).contains(size) else {
            throw DomainError.invalidValue(field: "limit", reason: "must be between 1 and \(Self.maximumPage)")
        }
        let cursor = since ?? 0
        guard cursor >= 0 else {
            throw DomainError.invalidValue(field: "since", reason: "must be a cursor (0 or more)")
        }
        return try await persistence.read {
            (
                repos: any UsesAcceptances & UsesComments & UsesDocuments & UsesMemberships & UsesMilestones
                    & UsesProjectChanges & UsesProjectChat & UsesProjectMembers & UsesProjectTasks & UsesProjects
            ) in
            let caller = try await context.caller(id, principal, repos)
            try caller.require(.viewProject)
            let found = try await repos.projectChanges.changes(of: id, after: cursor, limit: size + 1)
            let page = Array(found.prefix(size))
            let tasks = try await repos.projectTasks.list(of: id, filter: ProjectTaskFilter())
            let byID = Dictionary(tasks.map { ($0.id, $0) }) { first, _ in first }
            let milestones = try await repos.milestones.list(of: id)
            var entries: [ChangeEntry] = []
            for change in page {
                guard change.operation == .upsert else {
                    entries.append(ChangeEntry(change: change, content: nil))
                    continue
                }
                let content: ChangeEntry.Content?
                switch change.kind {
                case .task:
                    content = byID[ProjectTaskID(change.entityID)].flatMap { caller.maySee($0) ? .task($0) : nil }
                case .milestone:
                    content = milestones.first { $0.id.rawValue == change.entityID }.map {
                        .milestone(TaskService(context: context).view($0, tasks))
                    }
                case .snag:
                    content = try await repos.acceptances.find(SnagID(change.entityID)).map { .snag($0) }
                case .message:
                    content = try await repos.projectChat.find(ProjectMessageID(change.entityID)).map { .message($0) }
                case .comment:
                    let comment = try await repos.comments.find(CommentID(change.entityID))
                    content = comment.flatMap { comment in
                        byID[ProjectTaskID(comment.subject.id)].flatMap { caller.maySee($0) ? .comment(comment) : nil }
                    }
                case .document:
                    let document = try await repos.documents.find(DocumentID(change.entityID))
                    let visible = document.flatMap { document -> Document? in
                        guard document.deletedAt == nil, let link = document.link else { return nil }
                        guard link.type == "task" else { return document }
                        return byID[ProjectTaskID(link.id)].flatMap { caller.maySee($0) ? document : nil }
                    }
                    if let visible {
                        content = .document(
                            DocumentView(
                                document: visible, versions: try await repos.documents.versions(of: visible.id)))
                    } else {
                        content = nil
                    }
                }
                // What the caller may not see is left out; the cursor still moves past it.
                if let content { entries.append(ChangeEntry(change: change, content: content)) }
            }
            var names: [UserID: String] = [:]
            for entry in entries {
                let author: UserID? =
                    switch entry.content {
                    case .message(let message): message.authorID
                    case .comment(let comment): comment.authorID
                    default: nil
                    }
                if let author, names[author] == nil {
                    names[author] = try await repos.memberships.member(author, in: caller.project.organizationID)?.name
                }
            }
            return ChangesPage(
                entries: entries, nextSince: page.last?.cursor ?? cursor, hasMore: found.count > size, names: names)
        }
    }
}
