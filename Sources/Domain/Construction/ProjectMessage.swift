public import Foundation

public typealias ProjectMessageID = Identifier<ProjectMessage>

/// A message of a project's chat: its text, the members it mentions and the documents attached.
/// Its sequence is the project's count of messages when it was posted: the chat's order, and the
/// cursor a client pages and marks its reading with.
public struct ProjectMessage: Sendable, Equatable {
    public static let maximumLength = 4_000
    public static let maximumAttachments = 10

    public let id: ProjectMessageID
    public let projectID: ProjectID
    public let organizationID: OrganizationID
    public let sequence: Int
    public let authorID: UserID
    public let body: String
    public let mentions: [UserID]
    public let attachments: [DocumentID]
    public let createdAt: Date

    public init(
        id: ProjectMessageID, projectID: ProjectID, organizationID: OrganizationID, sequence: Int, authorID: UserID,
        body: String, mentions: [UserID] = [], attachments: [DocumentID] = [], createdAt: Date
    ) throws {
        let text = try Mentions.text(body, maximumLength: Self.maximumLength)
        guard attachments.count <= Self.maximumAttachments else {
            throw DomainError.invalidValue(
                field: "attachments", reason: "must hold at most \(Self.maximumAttachments) documents")
        }
        guard sequence > 0 else { throw DomainError.invalidValue(field: "sequence", reason: "must be positive") }
        self.id = id
        self.projectID = projectID
        self.organizationID = organizationID
        self.sequence = sequence
        self.authorID = authorID
        self.body = text
        self.mentions = mentions.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        self.attachments = attachments.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        self.createdAt = createdAt
    }
}
