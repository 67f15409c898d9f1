import Domain
import Foundation

/// One message of a chat with a language model.
public struct LanguageModelMessage: Sendable, Equatable {
    public enum Role: String, Sendable { case system, user, assistant }

    public let role: Role
    public let content: String

    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }
}

/// An optional language model the booking assistant may ask to rephrase its answers and to
/// answer free questions from the centre's facts. It never acts: booking changes are proposed by
/// the built-in engine alone and done only after the customer's yes. Any failure (a timeout, an
/// error, an empty answer) leaves the built-in answer as it was.
public protocol LanguageModel: Sendable {
    /// The model's answer to the chat so far.
    func complete(_ messages: [LanguageModelMessage]) async throws -> String
}

/// What the assistant asks a language model, and how it takes the answer.
struct AssistantModelPrompts {
    let language: AssistantLanguage

    var languageName: String {
        switch language {
        case .fr: "French"
        case .nl: "Dutch"
        case .en: "English"
        }
    }

    /// The longest answer kept from a model.
    static let maximumAnswer = 1500

    /// The built-in answer said more warmly, every fact kept.
    func rephrase(_ answer: String) -> [LanguageModelMessage] {
        [
            LanguageModelMessage(
                role: .system,
                content: """
                    You rephrase the answers of a Belgian vehicle inspection centre's booking assistant. \
                    Rephrase the user's text in \(languageName), briefly and kindly. Keep every fact exactly: \
                    names, dates, times, prices, codes and numbers. Add nothing, and never say that anything \
                    was booked, moved or cancelled unless the text says so. Answer with the rephrased text only.
                    """),
            LanguageModelMessage(role: .user, content: answer),
        ]
    }

    /// A question the built-in engine did not recognize, answered from the centre's facts only.
    func freeQuestion(_ question: String, facts: [String]) -> [LanguageModelMessage] {
        [
            LanguageModelMessage(
                role: .system,
                content: """
                    You are the booking assistant of a Belgian vehicle inspection centre. Answer in \
                    \(languageName), in at most three sentences, from these facts only:
                    \(facts.joined(separator: "\n"))
                    If the facts do not answer the question, say so and suggest calling the centre. You cannot \
                    book, move or cancel an appointment yourself: invite the customer to ask for it in their own \
                    words (for example "I would like to book an inspection"); the assistant will then propose \
                    it for their confirmation.
                    """),
            LanguageModelMessage(role: .user, content: question),
        ]
    }

    /// The model's answer trimmed, or nil when it is empty.
    static func taken(_ answer: String) -> String? {
        let trimmed = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        return String(trimmed.prefix(maximumAnswer))
    }
}
