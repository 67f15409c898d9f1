public import Application
public import Foundation

/// Writes each message as an RFC 5322 `.eml` file in a directory (the default mailer: a local
/// outbox that a developer reads, or that another process relays). The file appears whole: it
/// is written under a temporary name and renamed.
public struct OutboxMailer: Mailer {
    public let directory: URL
    let from: String

    public init(directory: URL, from: String = "gestio@localhost") {
        self.directory = directory
        self.from = from
    }

    public func send(_ message: EmailMessage) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let name = "\(Int(Date().timeIntervalSince1970 * 1000))-\(UUID().uuidString.lowercased())"
        let text = MessageText.render(message, from: from, date: Date(), id: UUID())
        let temporary = directory.appendingPathComponent(".\(name).tmp")
        try Data(text.utf8).write(to: temporary)
        try FileManager.default.moveItem(at: temporary, to: directory.appendingPathComponent("\(name).eml"))
    }
}
