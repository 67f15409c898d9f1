public import Domain
public import Foundation

/// How far one member has read a project's chat.
public struct ChatReading: Sendable, Equatable {
    public let userID: UserID
    /// The sequence of the last message read.
    public let lastRead: Int
    public let at: Date

    public init(userID: UserID, lastRead: Int, at: Date) {
        self.userID = userID
        self.lastRead = lastRead
        self.at = at
    }
}

/// A message as a client sends it.
public struct MessageInput: Sendable {
    public var body: String?
    /// Documents of the organization, attached.
    public var attachments: [UUID]

    public init(body: String? = nil, attachments: [UUID] = []) {
        self.body = body
        self.attachments = attachments
    }
}

/// A page of a project's chat, newest first, with what the caller has not read yet.
public struct ChatPage: Sendable {
    public let messages: [ProjectMessage]
    /// The `before` that gives the older messages (nil: there are none).
    public let nextBefore: Int?
    /// Messages of others after the caller's read position.
    public let unread: Int
    public let readings: [ChatReading]
    /// The names of the messages' authors and of the people they mention.
    public let names: [UserID: String]

    /// The members other than its author whose read position reached the message.
    public func readers(of message: ProjectMessage) -> [UserID] {
        readings.filter { $0.lastRead >= message.sequence && $0.userID != message.authorID }.map(\.userID)
    }
}

/// A project's chat: messages with mentions (a mentioned member is notified) and attached
/// documents, pages from the newest back, each member's read position (their unread count and
/// the message's readers), and every change told live to the project's open sockets.
public struct ProjectChatService: Sendable, UseCaseSupport, ConstructionUseCase {
    public static let notificationTypes = [
        NotificationType("construction.mentioned", "someone named you in a project's chat")
    ]
    public static let defaultPage = 50
    public static let maximumPage = 100
    /// The characters of a message's text its live event carries (PostgreSQL's NOTIFY takes
    /// 8,000 bytes at most); a longer one is read in full from the chat.
    public static let liveBodyLength = 1_000

    let context: ConstructionContext

    /// Posts a message; the members it names are notified, and the author has read up to it.
    /// Returns it with its author's name.
    public func post(_ input: MessageInput, to id: ProjectID, as principal: Principal) async throws -> (
        message: ProjectMessage, authorName: String?
    ) {
        try AccessPolicy.require(.useProjects, by: principal)
        guard input.attachments.count <= ProjectMessage.maximumAttachments else {
            throw DomainError.invalidValue(
                field: "attachments", reason: "must hold at most \(ProjectMessage.maximumAttachments) documents")
        }
        let (message, names) = try await persistence.write {
            (
                repos: any UsesDocuments & UsesMemberships & UsesNotifications & UsesProjectChanges & UsesProjectChat
                    & UsesProjectMembers & UsesProjects & UsesSearchIndex
            ) in
            let caller = try await context.caller(id, principal, repos, locking: true)
            try caller.require(.viewProject)
            try caller.requireWritable()
            for raw in input.attachments {
                let document = try await repos.documents.find(DocumentID(raw))
                guard let document, document.organizationID == caller.project.organizationID,
                    document.deletedAt == nil
                else { throw ApplicationError.notFound(entity: "document", id: raw.uuidString.lowercased()) }
            }
            let people = try await self.people(of: caller.project, repos)
            let body = input.body ?? ""
            let now = clock.now()
            let message = try ProjectMessage(
                id: ProjectMessageID(ids.make()), projectID: id, organizationID: caller.project.organizationID,
                sequence: try await repos.projectChat.lastSequence(of: id) + 1, authorID: principal.userID,
                body: body,
                mentions: Mentions.named(in: body, among: people.filter { $0.id != principal.userID }),
                attachments: input.attachments.map(DocumentID.init), createdAt: now)
            try await repos.projectChat.insert(message)
            try await context.changed(.message, message.id.rawValue, in: caller.project, repos)
            try await repos.searchIndex.upsert(Self.entry(message, project: caller.project))
            try await repos.projectChat.markRead(
                principal.userID, in: id, organization: message.organizationID, upTo: message.sequence, at: now)
            let names = Dictionary(people.map { ($0.id, $0.name) }) { first, _ in first }
            let author = names[principal.userID] ?? "Un membre"
            _ = try await context.trail.notify(
                Set(message.mentions), in: message.organizationID, kind: "construction.mentioned",
                title: "\(author) vous mentionne : \(caller.project.details.name)",
                body: String(message.body.prefix(280)), entity: "project", id: id.description, repos)
            return (message, names)
        }
        await context.events?.publish([
            LiveEvent(
                channel: .project, organizationID: message.organizationID, type: "message.posted",
                data: [
                    "projectId": id.description, "messageId": message.id.description,
                    "sequence": "\(message.sequence)", "authorId": message.authorID.description,
                    "authorName": names[message.authorID] ?? "",
                    "body": String(message.body.prefix(Self.liveBodyLength)),
                    "truncated": message.body.count > Self.liveBodyLength ? "true" : "false",
                    "mentions": message.mentions.map(\.description).joined(separator: ","),
                    "attachments": message.attachments.map(\.description).joined(separator: ","),
                ],
                at: message.createdAt)
        ])
        return (message, names[message.authorID])
    }

    /// The messages before `before` (a sequence; nil: the newest), newest first.
    public func messages(of id: ProjectID, before: Int?, limit: Int?, as principal: Principal) async throws
        -> ChatPage
    {
        try AccessPolicy.require(.useProjects, by: principal)
        let size = limit ?? Self.defaultPage
        guard (1...Self.maximumPage).contains(size) else {
            throw DomainError.invalidValue(field: "limit", reason: "must be between 1 and \(Self.maximumPage)")
        }
        if let before, before < 1 {
            throw DomainError.invalidValue(field: "before", reason: "must be a message's sequence (1 or more)")
        }
        return try await persistence.read {
            (repos: any UsesMemberships & UsesProjectChat & UsesProjectMembers & UsesProjects) in
            let caller = try await context.caller(id, principal, repos)
            try caller.require(.viewProject)
            let found = try await repos.projectChat.messages(of: id, before: before, limit: size + 1)
            let page = Array(found.prefix(size))
            let people = try await self.people(of: caller.project, repos)
            var names = Dictionary(people.map { ($0.id, $0.name) }) { first, _ in first }
            // A former member's messages keep their name.
            for author in Set(page.map(\.authorID)) where names[author] == nil {
                names[author] = try await repos.memberships.member(author, in: caller.project.organizationID)?.name
            }
            return ChatPage(
                messages: page, nextBefore: found.count > size ? page.last?.sequence : nil,
                unread: try await repos.projectChat.unreadCount(of: principal.userID, in: id),
                readings: try await repos.projectChat.readings(of: id), names: names)
        }
    }

    /// Moves the caller's read position to `upTo` (nil: the newest message), never back; returns
    /// what is still unread.
    public func markRead(_ id: ProjectID, upTo: Int?, as principal: Principal) async throws -> (
        lastRead: Int, unread: Int
    ) {
        try AccessPolicy.require(.useProjects, by: principal)
        if let upTo, upTo < 0 {
            throw DomainError.invalidValue(field: "upTo", reason: "must be a message's sequence (0 or more)")
        }
        let (organization, lastRead, unread) = try await persistence.write {
            (repos: any UsesProjectChat & UsesProjectMembers & UsesProjects) in
            let caller = try await context.caller(id, principal, repos)
            try caller.require(.viewProject)
            let newest = try await repos.projectChat.lastSequence(of: id)
            let target = min(upTo ?? newest, newest)
            try await repos.projectChat.markRead(
                principal.userID, in: id, organization: caller.project.organizationID, upTo: target, at: clock.now())
            let position = try await repos.projectChat.readings(of: id).first { $0.userID == principal.userID }
            return (
                caller.project.organizationID, position?.lastRead ?? 0,
                try await repos.projectChat.unreadCount(of: principal.userID, in: id)
            )
        }
        await context.events?.publish([
            LiveEvent(
                channel: .project, organizationID: organization, type: "messages.read",
                data: [
                    "projectId": id.description, "userId": principal.userID.description, "upTo": "\(lastRead)",
                ],
                at: clock.now())
        ])
        return (lastRead, unread)
    }

    /// Throws unless the caller may follow the project's chat (a member, or an admin of its
    /// organization): what a socket checks before it listens.
    public func requireListener(_ id: ProjectID, as principal: Principal) async throws {
        try await persistence.read { (repos: any UsesProjectMembers & UsesProjects) in
            try await context.caller(id, principal, repos).require(.viewProject)
        }
    }

    public static let searchSource = "project_message"

    static func entry(_ message: ProjectMessage, project: Project) -> SearchEntry {
        SearchEntry(
            organizationID: message.organizationID, source: searchSource, sourceID: message.id.rawValue,
            title: project.details.name, body: message.body, tags: [], kind: nil,
            link: EntityLink(type: "project", id: message.projectID.rawValue), updatedAt: message.createdAt)
    }

    /// Chat messages in the search: each found by whoever may follow its project's chat.
    public var searchSources: [SearchSource] {
        [
            SearchSource(
                name: Self.searchSource,
                visible: { entry, principal in
                    guard let link = entry.link, link.type == "project" else { return false }
                    return (try? await requireListener(ProjectID(link.id), as: principal)) != nil
                },
                reindex: {
                    try await persistence.write { (repos: any UsesProjectChat & UsesProjects & UsesSearchIndex) in
                        let messages = try await repos.projectChat.all()
                        var projects: [ProjectID: Project] = [:]
                        for message in messages {
                            if projects[message.projectID] == nil {
                                projects[message.projectID] = try await repos.projects.find(message.projectID)
                            }
                            guard let project = projects[message.projectID] else { continue }
                            try await repos.searchIndex.upsert(Self.entry(message, project: project))
                        }
                        return messages.count
                    }
                })
        ]
    }

    /// The project's members with the organization's name for each.
    private func people(of project: Project, _ repos: any UsesMemberships & UsesProjectMembers) async throws -> [(
        id: UserID, name: String
    )] {
        var people: [(id: UserID, name: String)] = []
        for member in try await repos.projectMembers.members(of: project.id) {
            if let found = try await repos.memberships.member(member.userID, in: project.organizationID) {
                people.append((member.userID, found.name))
            }
        }
        return people
    }
}
