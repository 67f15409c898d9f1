import Application
import Domain
import Foundation
import HTTPTypes
import Hummingbird

struct MessageRequest: Decodable {
    let body: String?
    let attachments: [UUID]?

    var input: MessageInput { MessageInput(body: body, attachments: attachments ?? []) }
}

struct ReadRequest: Decodable {
    let upTo: Int?
}

struct MessageResponse: ResponseEncodable {
    let id, projectId, authorId, body: String
    let authorName: String?
    let sequence: Int
    let mentions, attachments: [String]
    /// Left out of an export, which is the chat's text and not anyone's reading of it.
    let readBy: [String]?
    let createdAt: Date

    init(_ message: ProjectMessage, authorName: String?, readBy: [UserID]?) {
        id = message.id.description
        projectId = message.projectID.description
        authorId = message.authorID.description
        self.authorName = authorName
        body = message.body
        sequence = message.sequence
        mentions = message.mentions.map(\.description)
        attachments = message.attachments.map(\.description)
        self.readBy = readBy?.map(\.description)
        createdAt = message.createdAt
    }
}

struct ChatPageResponse: ResponseEncodable {
    let data: [MessageResponse]
    /// The `before` of the older page; null when there is none.
    let nextBefore: Int?
    let unread: Int

    init(_ page: ChatPage) {
        data = page.messages.map {
            MessageResponse($0, authorName: page.names[$0.authorID], readBy: page.readers(of: $0))
        }
        nextBefore = page.nextBefore
        unread = page.unread
    }

    enum CodingKeys: String, CodingKey {
        case data, nextBefore, unread
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        // Always present: null says there is nothing older.
        try container.encode(nextBefore, forKey: .nextBefore)
        try container.encode(unread, forKey: .unread)
    }
}

struct ChatTranscriptResponse: ResponseEncodable {
    let projectId, projectName, reference, exportedBy: String
    let exportedAt: Date
    let messages: [MessageResponse]

    init(_ transcript: ChatTranscript) {
        projectId = transcript.project.id.description
        projectName = transcript.project.details.name
        reference = transcript.project.details.reference
        exportedBy = transcript.exportedBy.description
        exportedAt = transcript.exportedAt
        messages = transcript.messages.map {
            MessageResponse($0, authorName: transcript.names[$0.authorID], readBy: nil)
        }
    }
}

struct ChatReadResponse: ResponseEncodable {
    let lastRead, unread: Int
}

/// A construction project's chat: messages in pages from the newest back (`before` is a
/// message's sequence), mentions and attachments, and the caller's read position.
struct ProjectChatRoutes {
    let service: ProjectChatService
    let documents: DocumentsService

    /// The highest `before` accepted (a project's message count never comes near).
    static let maximumSequence = 1_000_000_000

    func add(to group: RouterGroup<AuthenticatedContext>) {
        @Sendable func projectID(_ context: AuthenticatedContext) throws -> ProjectID {
            try context.parameters.id(as: ProjectID.self, entity: "project")
        }
        group.post("projects/{id}/messages") { request, context in
            let id = try projectID(context)
            let body = try await request.decodeJSON(MessageRequest.self, context: context)
            let posted = try await service.post(body.input, to: id, as: context.principal)
            return EditedResponse(
                status: .created, response: MessageResponse(posted.message, authorName: posted.authorName, readBy: []))
        }
        group.get("projects/{id}/messages") { request, context in
            let id = try projectID(context)
            let before =
                request.uri.queryParameters.get("before") == nil
                ? nil : try request.integerQuery("before", in: 1...Self.maximumSequence, default: 1)
            let limit = try request.integerQuery(
                "limit", in: 1...ProjectChatService.maximumPage, default: ProjectChatService.defaultPage)
            return ChatPageResponse(
                try await service.messages(of: id, before: before, limit: limit, as: context.principal))
        }
        group.get("projects/{id}/messages/export") { request, context in
            let id = try projectID(context)
            switch request.uri.queryParameters.get("format") ?? "json" {
            case "json":
                let transcript = ChatTranscriptResponse(try await service.transcript(of: id, as: context.principal))
                var response = try transcript.response(from: request, context: context)
                response.headers[.contentDisposition] = "attachment; filename=\"fil-chantier-\(id).json\""
                return response
            case "pdf":
                return Response.pdf(
                    try documents.pdf(of: try await service.transcriptPrint(of: id, as: context.principal)),
                    fileName: "fil-chantier-\(id).pdf")
            default:
                throw RequestError.invalidParameter(name: "format", reason: "must be json or pdf")
            }
        }
        group.post("projects/{id}/messages/read") { request, context in
            let id = try projectID(context)
            let body = try await request.decodeOptionalJSON(ReadRequest.self, context: context)
            let read = try await service.markRead(id, upTo: body?.upTo, as: context.principal)
            return ChatReadResponse(lastRead: read.lastRead, unread: read.unread)
        }
    }
}
