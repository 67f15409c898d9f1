import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// A local HTTP server playing an OpenAI-compatible language model in tests: it keeps every chat
/// it is sent, and answers a rephrasing with the text and a friendly opening, a free question
/// with a sentence naming it. Only the key `sk-local-test` is accepted; `failing` makes it
/// answer 500.
final class FakeLanguageModel: Sendable {
    struct Chat: Sendable {
        let model: String
        let system: String
        let user: String
    }

    static let key = "sk-local-test"
    private let state = Mutex<(chats: [Chat], failing: Bool)>(([], false))

    var chats: [Chat] { state.withLock { $0.chats } }

    func fail(_ failing: Bool) { state.withLock { $0.failing = failing } }

    private struct Request: Decodable {
        struct Message: Decodable { let role, content: String }
        let model: String
        let messages: [Message]
    }

    private static func answer(_ status: HTTPResponse.Status, _ object: Any) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: Array(data))))
    }

    var router: Router<BasicRequestContext> {
        let router = Router()
        router.post("v1/chat/completions") { [self] request, _ -> Response in
            guard request.headers[.authorization] == "Bearer \(Self.key)" else {
                return Self.answer(.unauthorized, ["error": ["message": "Incorrect API key provided"]])
            }
            let body = try await request.body.collect(upTo: 256 * 1024)
            let chat = try JSONDecoder().decode(Request.self, from: Data(buffer: body))
            let system = chat.messages.first { $0.role == "system" }?.content ?? ""
            let user = chat.messages.last { $0.role == "user" }?.content ?? ""
            let failing = state.withLock { state in
                state.chats.append(Chat(model: chat.model, system: system, user: user))
                return state.failing
            }
            if failing { return Self.answer(.internalServerError, ["error": ["message": "overloaded"]]) }
            let content =
                system.hasPrefix("You rephrase")
                ? "Avec plaisir ! \(user)" : "Le modèle répond à « \(user) » d'après les informations du centre."
            return Self.answer(.ok, ["choices": [["index": 0, "message": ["role": "assistant", "content": content]]]])
        }
        return router
    }
}
