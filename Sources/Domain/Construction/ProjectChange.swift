public import Foundation

/// The last change to one thing of a project, as the offline feed gives it: a site's client
/// keeps the cursor of what it has, and asks for what changed after it. Each thing is listed once,
/// at its latest change; a deleted one stays as a tombstone.
public struct ProjectChange: Sendable, Equatable {
    /// What a change feed carries.
    public enum Kind: String, Sendable, CaseIterable {
        case task, milestone, snag, message, comment, document
    }

    public enum Operation: String, Sendable {
        case upsert, delete
    }

    public let projectID: ProjectID
    /// The project's count of changes when this one was made: the feed's order and cursor.
    public let cursor: Int
    public let kind: Kind
    public let entityID: UUID
    public let operation: Operation
    public let at: Date

    public init(projectID: ProjectID, cursor: Int, kind: Kind, entityID: UUID, operation: Operation, at: Date) {
        self.projectID = projectID
        self.cursor = cursor
        self.kind = kind
        self.entityID = entityID
        self.operation = operation
        self.at = at
    }
}
