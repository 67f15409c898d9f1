import Application
import Domain
import Foundation
import SQLKit

struct AssistantConversationRow: Codable {
    let id, organizationId, centreId: UUID
    let customerId: UUID?
    let tokenHash: String?
    let language: String
    /// The proposal awaiting a yes, as JSON: `{"kind": "book", "service", "vehicle", "start"}`.
    let proposal: String?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, language, proposal
        case organizationId = "organization_id"
        case centreId = "centre_id"
        case customerId = "customer_id"
        case tokenHash = "token_hash"
        case createdAt = "created_at"
    }

    static func proposal(_ proposal: AssistantProposal?) throws -> String? {
        guard let proposal else { return nil }
        var object: [String: Any]
        switch proposal {
        case .book(let service, let vehicle, let start):
            object = [
                "kind": "book", "service": service.description, "vehicle": vehicle.description,
                "start": start.timeIntervalSince1970,
            ]
        case .reschedule(let appointment, let start):
            object = [
                "kind": "reschedule", "appointment": appointment.description, "start": start.timeIntervalSince1970,
            ]
        case .cancel(let appointment):
            object = ["kind": "cancel", "appointment": appointment.description]
        }
        return String(
            decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    func domain() throws -> AssistantConversation {
        guard let language = AssistantLanguage(rawValue: language) else {
            throw CorruptRow(table: "assistant_conversations", reason: "language of \(id)")
        }
        var decoded: AssistantProposal?
        if let proposal {
            let object = try JSONSerialization.jsonObject(with: Data(proposal.utf8)) as? [String: Any] ?? [:]
            let start = (object["start"] as? Double).map(Date.init(timeIntervalSince1970:))
            func identifier<T>(_ key: String, _: T.Type) -> Identifier<T>? {
                (object[key] as? String).flatMap(UUID.init(uuidString:)).map(Identifier<T>.init)
            }
            switch object["kind"] as? String {
            case "book":
                guard let service = identifier("service", InspectionOffer.self),
                    let vehicle = identifier("vehicle", Vehicle.self),
                    let start
                else { throw CorruptRow(table: "assistant_conversations", reason: "proposal of \(id)") }
                decoded = .book(service: service, vehicle: vehicle, start: start)
            case "reschedule":
                guard let appointment = identifier("appointment", Appointment.self), let start else {
                    throw CorruptRow(table: "assistant_conversations", reason: "proposal of \(id)")
                }
                decoded = .reschedule(appointment, start: start)
            case "cancel":
                guard let appointment = identifier("appointment", Appointment.self) else {
                    throw CorruptRow(table: "assistant_conversations", reason: "proposal of \(id)")
                }
                decoded = .cancel(appointment)
            default: throw CorruptRow(table: "assistant_conversations", reason: "proposal of \(id)")
            }
        }
        return AssistantConversation(
            id: AssistantConversationID(id), organizationID: OrganizationID(organizationId),
            centreID: CentreID(centreId), customerID: customerId.map(UserID.init), language: language,
            proposal: decoded, createdAt: createdAt)
    }
}

struct AssistantMessageRow: Codable {
    let id, organizationId, conversationId: UUID
    let customerId: UUID?
    let author, text: String
    let intent: String?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, author, text, intent
        case organizationId = "organization_id"
        case conversationId = "conversation_id"
        case customerId = "customer_id"
        case createdAt = "created_at"
    }
}

struct SQLAssistantRepository: AssistantRepository {
    let db: any SQLDatabase

    func insert(_ conversation: AssistantConversation, tokenHash: String?) async throws {
        try await db.insert(into: "assistant_conversations")
            .model(
                AssistantConversationRow(
                    id: conversation.id.rawValue, organizationId: conversation.organizationID.rawValue,
                    centreId: conversation.centreID.rawValue, customerId: conversation.customerID?.rawValue,
                    tokenHash: tokenHash, language: conversation.language.rawValue,
                    proposal: try AssistantConversationRow.proposal(conversation.proposal),
                    createdAt: conversation.createdAt),
                nilEncodingStrategy: .asNil
            ).run()
    }

    private func row(_ id: AssistantConversationID) async throws -> AssistantConversationRow? {
        try await db.select().columns("*").from("assistant_conversations").where("id", .equal, id.rawValue)
            .first(decoding: AssistantConversationRow.self, with: rowDecoder)
    }

    func find(_ id: AssistantConversationID) async throws -> AssistantConversation? { try await row(id)?.domain() }

    func tokenHash(of id: AssistantConversationID) async throws -> String? { try await row(id)?.tokenHash }

    func update(_ conversation: AssistantConversation) async throws {
        try await db.update("assistant_conversations").set("language", to: conversation.language.rawValue)
            .set("proposal", to: try AssistantConversationRow.proposal(conversation.proposal))
            .where("id", .equal, conversation.id.rawValue).run()
    }

    func append(_ message: AssistantMessage, of conversation: AssistantConversation) async throws {
        // Numbered after the conversation's last message, in the same statement.
        try await db.raw(
            """
            INSERT INTO assistant_messages
                (id, organization_id, conversation_id, customer_id, author, text, intent, created_at, position)
            SELECT \(bind: message.id), \(bind: conversation.organizationID.rawValue),
                \(bind: conversation.id.rawValue), \(bind: conversation.customerID?.rawValue),
                \(bind: message.author.rawValue), \(bind: message.text), \(bind: message.intent?.rawValue),
                \(bind: message.createdAt), COALESCE(MAX(position), 0) + 1
            FROM assistant_messages WHERE conversation_id = \(bind: conversation.id.rawValue)
            """
        ).run()
    }

    func messages(of id: AssistantConversationID) async throws -> [AssistantMessage] {
        try await db.raw(
            """
            SELECT * FROM assistant_messages WHERE conversation_id = \(bind: id.rawValue)
            ORDER BY position
            LIMIT \(unsafeRaw: String(AssistantConversation.maximumMessages))
            """
        ).all(decoding: AssistantMessageRow.self, with: rowDecoder).map { row in
            guard let author = AssistantMessage.Author(rawValue: row.author) else {
                throw CorruptRow(table: "assistant_messages", reason: "author of \(row.id)")
            }
            return AssistantMessage(
                id: row.id, conversationID: AssistantConversationID(row.conversationId), author: author,
                text: row.text, intent: row.intent.flatMap(AssistantIntent.init(rawValue:)), createdAt: row.createdAt)
        }
    }
}
