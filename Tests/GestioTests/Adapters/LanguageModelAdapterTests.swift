import Application
import Domain
import Foundation
import LanguageModelAdapters
import Testing

/// The OpenAI-compatible adapter against a local server playing the model.
@Suite("Language model adapter")
struct LanguageModelAdapterTests {
    @Test("A chat is sent with the key and the model, and the first choice's message is the answer")
    func answered() async throws {
        let fake = FakeLanguageModel()
        try await withLiveServer(router: fake.router) { port in
            let model = OpenAICompatibleLanguageModel(
                url: "http://127.0.0.1:\(port)/v1/", key: FakeLanguageModel.key, model: "local-test")
            let answer = try await model.complete([
                LanguageModelMessage(role: .system, content: "You rephrase the answers."),
                LanguageModelMessage(role: .user, content: "Nos prix : 45,50 €"),
            ])
            #expect(answer == "Avec plaisir ! Nos prix : 45,50 €")
            #expect(fake.chats.map(\.model) == ["local-test"])
        }
    }

    @Test("A wrong key, a failing model and a server that is not there are errors, never an answer")
    func refused() async throws {
        let fake = FakeLanguageModel()
        try await withLiveServer(router: fake.router) { port in
            let url = "http://127.0.0.1:\(port)/v1"
            let message = [LanguageModelMessage(role: .user, content: "Bonjour")]
            await #expect(throws: (any Error).self) {
                _ = try await OpenAICompatibleLanguageModel(url: url, key: "sk-wrong", model: "m").complete(message)
            }
            fake.fail(true)
            let resting = OpenAICompatibleLanguageModel(url: url, key: FakeLanguageModel.key, model: "m")
            await #expect(throws: (any Error).self) { _ = try await resting.complete(message) }
            // Failed once, it is left alone for a while: the model is not asked again.
            fake.fail(false)
            let asked = fake.chats.count
            await #expect(throws: (any Error).self) { _ = try await resting.complete(message) }
            #expect(fake.chats.count == asked)
            // Without a cool-down it is asked again at once, and answers.
            let eager = OpenAICompatibleLanguageModel(
                url: url, key: FakeLanguageModel.key, model: "m", coolDownSeconds: 0)
            fake.fail(true)
            await #expect(throws: (any Error).self) { _ = try await eager.complete(message) }
            fake.fail(false)
            let answer = try await eager.complete(message)
            #expect(answer == "Le modèle répond à « Bonjour » d'après les informations du centre.")
        }
        await #expect(throws: (any Error).self) {
            _ = try await OpenAICompatibleLanguageModel(
                url: "http://127.0.0.1:9/v1", key: "k", model: "m", timeoutSeconds: 2
            )
            .complete([LanguageModelMessage(role: .user, content: "Bonjour")])
        }
    }

    @Test("Accept-Language picks the assistant's language by weight, else none")
    func acceptLanguage() {
        #expect(AssistantLanguage(acceptLanguage: "nl-BE,nl;q=0.9,fr;q=0.8") == .nl)
        #expect(AssistantLanguage(acceptLanguage: "de-DE, en;q=0.5, fr;q=0.7") == .fr)
        #expect(AssistantLanguage(acceptLanguage: "en-GB,en;q=0.9") == .en)
        #expect(AssistantLanguage(acceptLanguage: "de, es") == nil)
        #expect(AssistantLanguage(acceptLanguage: "fr;q=0, en;q=x") == .en)
        #expect(AssistantLanguage(acceptLanguage: nil) == nil)
        #expect(AssistantLanguage(acceptLanguage: String(repeating: "fr,", count: 400)) == nil)
    }
}
