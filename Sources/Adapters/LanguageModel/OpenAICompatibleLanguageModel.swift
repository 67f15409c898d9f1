public import Application
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import Synchronization

/// The `LanguageModel` port over an OpenAI-compatible chat API (`POST {url}/chat/completions`
/// with a bearer key): OpenAI's, or a local server that speaks it (llama.cpp, vLLM, Ollama). A
/// slow or failing model costs the customer at most `timeout`: the assistant then keeps its
/// built-in answer. After a failure the model is left alone for `coolDown` (AsyncHTTPClient
/// retries a refused connection until the deadline, so a model that is down would otherwise
/// cost every customer the whole timeout).
public struct OpenAICompatibleLanguageModel: LanguageModel {
    let url: String
    let key: String
    let model: String
    let timeout: TimeAmount
    let coolDown: Duration
    /// Until when the model is not asked, after a failure.
    private let resting = Resting()

    final class Resting: Sendable {
        let until = Mutex<ContinuousClock.Instant?>(nil)
    }

    public init(url: String, key: String, model: String, timeoutSeconds: Int64 = 10, coolDownSeconds: Int64 = 60) {
        self.url = (url.hasSuffix("/") ? String(url.dropLast()) : url) + "/chat/completions"
        self.key = key
        self.model = model
        self.timeout = .seconds(timeoutSeconds)
        self.coolDown = .seconds(coolDownSeconds)
    }

    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    private struct Chat: Encodable {
        struct Message: Encodable {
            let role, content: String
        }

        let model: String
        let messages: [Message]
        let temperature: Double
        let maxTokens: Int

        enum CodingKeys: String, CodingKey {
            case model, messages, temperature
            case maxTokens = "max_tokens"
        }
    }

    private struct Completion: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { let content: String? }
            let message: Message?
        }

        let choices: [Choice]
    }

    public func complete(_ messages: [LanguageModelMessage]) async throws -> String {
        let now = ContinuousClock.now
        if let until = resting.until.withLock({ $0 }), now < until {
            throw Refused(description: "the language model failed lately; it is left alone for a while")
        }
        do {
            let answer = try await ask(messages)
            resting.until.withLock { $0 = nil }
            return answer
        } catch {
            resting.until.withLock { $0 = ContinuousClock.now + coolDown }
            throw error
        }
    }

    private func ask(_ messages: [LanguageModelMessage]) async throws -> String {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        if !key.isEmpty { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        request.headers.add(name: "Content-Type", value: "application/json")
        let chat = Chat(
            model: model, messages: messages.map { Chat.Message(role: $0.role.rawValue, content: $0.content) },
            temperature: 0.2, maxTokens: 400)
        request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(chat)))
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let bytes = Data(buffer: try await response.body.collect(upTo: 1024 * 1024))
        guard (200..<300).contains(response.status.code) else {
            throw Refused(description: "the language model answered HTTP \(response.status.code)")
        }
        guard let content = try JSONDecoder().decode(Completion.self, from: bytes).choices.first?.message?.content
        else { throw Refused(description: "the language model's answer holds no message") }
        return content
    }
}
