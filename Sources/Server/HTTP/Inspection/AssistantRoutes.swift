import Application
import Domain
import Foundation
import Hummingbird

struct AssistantStartRequest: Decodable {
    let centreId: UUID?
}

struct AssistantMessageRequest: Decodable {
    let text: String?
    /// A public conversation's credential.
    let token: String?
}

struct AssistantExchangeResponse: ResponseEncodable {
    struct Message: Encodable, Sendable {
        let id, author, text: String
        let intent: String?
        let createdAt: Date
    }

    /// What the assistant proposed and waits for a yes to, if anything.
    struct Proposal: Encodable, Sendable {
        let action: String
        let appointmentId, serviceId, vehicleId: String?
        let start: Date?
    }

    let id, centreId, language: String
    let proposal: Proposal?
    let messages: [Message]
    /// Given once, when a conversation starts on the public page.
    let token: String?

    init(_ exchange: AssistantExchange) {
        let conversation = exchange.conversation
        id = conversation.id.description
        centreId = conversation.centreID.description
        language = conversation.language.rawValue
        proposal = conversation.proposal.map { proposal in
            switch proposal {
            case .book(let service, let vehicle, let start):
                Proposal(
                    action: "book", appointmentId: nil, serviceId: service.description,
                    vehicleId: vehicle.description, start: start)
            case .reschedule(let appointment, let start):
                Proposal(
                    action: "reschedule", appointmentId: appointment.description, serviceId: nil, vehicleId: nil,
                    start: start)
            case .cancel(let appointment):
                Proposal(
                    action: "cancel", appointmentId: appointment.description, serviceId: nil, vehicleId: nil,
                    start: nil)
            }
        }
        messages = exchange.messages.map {
            Message(
                id: $0.id.uuidString.lowercased(), author: $0.author.rawValue, text: $0.text,
                intent: $0.intent?.rawValue, createdAt: $0.createdAt)
        }
        token = exchange.token
    }
}

/// The booking assistant: a customer account's conversations (`/assistant/conversations…`), and
/// a visitor's on the centre's public page (`/public/centres/{slug}/assistant/conversations`,
/// then `/public/assistant/conversations/{id}/messages` with the conversation's token). The
/// greeting is in the language the client's `Accept-Language` prefers among French, Dutch and English.
struct AssistantRoutes {
    let assistant: AssistantService

    func addPublic(to group: RouterGroup<AppRequestContext>) {
        let assistant = assistant
        group.post("public/centres/{slug}/assistant/conversations") { request, context in
            EditedResponse(
                status: .created,
                response: AssistantExchangeResponse(
                    try await assistant.startPublic(
                        slug: context.parameters.get("slug") ?? "", from: context.remoteAddress,
                        language: AssistantLanguage(acceptLanguage: request.headers[.acceptLanguage]))))
        }
        group.post("public/assistant/conversations/{id}/messages") { request, context in
            let id = try context.parameters.id(as: AssistantConversationID.self, entity: "conversation")
            let body = try await request.decodeJSON(AssistantMessageRequest.self, context: context)
            return AssistantExchangeResponse(
                try await assistant.sendPublic(body.text, to: id, token: body.token, from: context.remoteAddress))
        }
    }

    func add(to group: RouterGroup<AuthenticatedContext>) {
        let assistant = assistant
        group.post("assistant/conversations") { request, context in
            let body = try await request.decodeJSON(AssistantStartRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: AssistantExchangeResponse(
                    try await assistant.start(
                        centre: body.centreId,
                        language: AssistantLanguage(acceptLanguage: request.headers[.acceptLanguage]),
                        as: context.principal)))
        }
        group.get("assistant/conversations/{id}") { _, context in
            AssistantExchangeResponse(
                try await assistant.conversation(
                    try context.parameters.id(as: AssistantConversationID.self, entity: "conversation"),
                    as: context.principal))
        }
        group.post("assistant/conversations/{id}/messages") { request, context in
            let id = try context.parameters.id(as: AssistantConversationID.self, entity: "conversation")
            let body = try await request.decodeJSON(AssistantMessageRequest.self, context: context)
            return AssistantExchangeResponse(try await assistant.send(body.text, to: id, as: context.principal))
        }
    }
}
