public import Foundation

public typealias AssistantConversationID = Identifier<AssistantConversation>

/// A change the assistant proposed and waits for the customer to confirm: nothing is booked,
/// moved or cancelled before a "yes".
public enum AssistantProposal: Sendable, Equatable {
    case book(service: InspectionOfferID, vehicle: VehicleID, start: Date)
    case reschedule(AppointmentID, start: Date)
    case cancel(AppointmentID)
}

/// A conversation with a centre's booking assistant: a customer account's (which may act on
/// its bookings), or an anonymous visitor's on the centre's public page (answers only).
public struct AssistantConversation: Sendable, Equatable {
    public let id: AssistantConversationID
    public let organizationID: OrganizationID
    public let centreID: CentreID
    /// The customer account talking; nil on the public page.
    public let customerID: UserID?
    /// The language of the last sentence understood.
    public var language: AssistantLanguage
    public var proposal: AssistantProposal?
    public let createdAt: Date

    public init(
        id: AssistantConversationID, organizationID: OrganizationID, centreID: CentreID, customerID: UserID?,
        language: AssistantLanguage = .fr, proposal: AssistantProposal? = nil, createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.centreID = centreID
        self.customerID = customerID
        self.language = language
        self.proposal = proposal
        self.createdAt = createdAt
    }

    /// At most this many messages are kept per conversation.
    public static let maximumMessages = 200
}

/// One message of a conversation, the customer's or the assistant's.
public struct AssistantMessage: Sendable, Equatable {
    public enum Author: String, Sendable, CaseIterable {
        case customer, assistant
    }

    public let id: UUID
    public let conversationID: AssistantConversationID
    public let author: Author
    public let text: String
    /// What the customer's message was understood as.
    public let intent: AssistantIntent?
    public let createdAt: Date

    public init(
        id: UUID, conversationID: AssistantConversationID, author: Author, text: String, intent: AssistantIntent?,
        createdAt: Date
    ) {
        self.id = id
        self.conversationID = conversationID
        self.author = author
        self.text = text
        self.intent = intent
        self.createdAt = createdAt
    }

    /// A customer's message: 1 to 1,000 characters.
    public static func customerText(_ text: String?) throws -> String {
        try Text.required(text ?? "", field: "text", minimum: 1, maximum: 1000)
    }
}

/// Yes and no, in the assistant's three languages.
public enum AssistantAnswer: Sendable, Equatable {
    case yes, no

    static let yesWords: Set<String> = [
        "oui", "ouais", "yes", "yep", "ja", "jawel", "ok", "okay", "oke", "daccord", "confirme", "confirm",
        "bevestig", "goed", "parfait", "sure", "absolutely", "graag",
    ]
    static let noWords: Set<String> = ["non", "no", "nope", "nee", "neen", "pas"]

    /// A short answer to a proposal (at most six words), or nil for anything else.
    public static func of(_ text: String) -> AssistantAnswer? {
        let words = IntentRecognizer.fold(text.replacingOccurrences(of: "'", with: ""), keeping: ".")
        guard !words.isEmpty, words.count <= 6 else { return nil }
        if words.contains(where: noWords.contains) { return .no }
        if words.contains(where: yesWords.contains) || words.joined(separator: " ").contains("d accord") {
            return .yes
        }
        return nil
    }
}
