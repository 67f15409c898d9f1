public import Domain
public import Foundation
import Synchronization

/// An email to one person, with its attachments' bytes (loaded when it is sent).
public struct EmailMessage: Sendable, Equatable {
    public let to: Email
    public let subject: String
    public let body: String
    public let attachments: [EmailAttachment]

    public init(to: Email, subject: String, body: String, attachments: [EmailAttachment] = []) {
        self.to = to
        self.subject = subject
        self.body = body
        self.attachments = attachments
    }
}

public struct EmailAttachment: Sendable, Equatable {
    public let fileName: String
    public let mediaType: String
    public let bytes: [UInt8]

    public init(fileName: String, mediaType: String, bytes: [UInt8]) {
        self.fileName = fileName
        self.mediaType = mediaType
        self.bytes = bytes
    }
}

/// An attachment as the mail queue keeps it: a document version, never its bytes (they are read
/// from the document store when the email is sent, so a retried email sends the same file).
public struct AttachmentReference: Sendable, Equatable, Codable {
    public let documentID: UUID
    public let version: Int

    public init(documentID: UUID, version: Int) {
        self.documentID = documentID
        self.version = version
    }

    enum CodingKeys: String, CodingKey {
        case version
        case documentID = "document_id"
    }
}

/// Reads an attachment's bytes when its email is sent (the documents module).
public protocol AttachmentSource: Sendable {
    func attachment(_ reference: AttachmentReference, of organization: OrganizationID) async throws -> EmailAttachment
}

/// Sends email: a local outbox directory by default, SMTP when configured.
public protocol Mailer: Sendable {
    func send(_ message: EmailMessage) async throws
}

/// A notification waiting to be mailed, with its recipient's address.
public struct PendingEmail: Sendable {
    public let notification: UserNotification
    public let to: Email
    public let attempts: Int

    public init(notification: UserNotification, to: Email, attempts: Int) {
        self.notification = notification
        self.to = to
        self.attempts = attempts
    }
}

public protocol EmailOutboxRepository: Sendable {
    /// Takes up to `limit` notifications due for mailing and leases them until `leaseUntil`, so
    /// another instance does not mail them too.
    func claim(dueAt now: Date, leaseUntil: Date, limit: Int) async throws -> [PendingEmail]
    func markSent(_ id: NotificationID) async throws
    /// `retryAt` nil: given up.
    func markFailed(_ id: NotificationID, attempts: Int, retryAt: Date?, error: String) async throws
}

/// An email waiting in the mail queue: to a person who may have no account yet (an invitation's
/// magic link, a public booking's confirmation). Queued in the transaction that gives its reason,
/// so a rolled-back change sends nothing and a committed one is never forgotten.
public struct QueuedEmail: Sendable, Equatable {
    public let id: UUID
    public let organizationID: OrganizationID?
    public let message: EmailMessage
    public let createdAt: Date
    /// Sending attempts already made.
    public let attempts: Int
    /// Document versions sent with it (of `organizationID`).
    public let attachments: [AttachmentReference]

    public init(
        id: UUID, organizationID: OrganizationID?, message: EmailMessage, createdAt: Date, attempts: Int = 0,
        attachments: [AttachmentReference] = []
    ) {
        self.id = id
        self.organizationID = organizationID
        self.message = message
        self.createdAt = createdAt
        self.attempts = attempts
        self.attachments = attachments
    }
}

public protocol MailQueueRepository: Sendable {
    /// Stores the email, due at once.
    func enqueue(_ email: QueuedEmail) async throws
    /// Takes up to `limit` due emails (only those of `ids` when given) and leases them until
    /// `leaseUntil`, so another instance or job run does not send them too. Oldest first.
    func claim(dueAt now: Date, leaseUntil: Date, limit: Int, ids: [UUID]?) async throws -> [QueuedEmail]
    func markSent(_ id: UUID, at: Date) async throws
    /// `retryAt` nil: given up.
    func markFailed(_ id: UUID, attempts: Int, retryAt: Date?, error: String) async throws
}

/// The mail job: mails pending notifications and queued emails; a failure is retried with exponential backoff
/// (1, 2, 4… minutes, at most 6 hours apart) and given up after `maximumAttempts`. Notifications
/// are created inside business transactions; mailing happens here, so it never fails them.
public struct MailDelivery: Sendable {
    public static let job = "mail"
    public static let maximumAttempts = 8

    let persistence: any Persistence
    let mailer: any Mailer
    let clock: any WallClock
    /// Where attachments' bytes are read (the documents module), set once at start.
    let attachmentSource = AttachmentSourceSlot()

    public init(persistence: any Persistence, mailer: any Mailer, clock: any WallClock) {
        self.persistence = persistence
        self.mailer = mailer
        self.clock = clock
    }

    /// The documents module reads attachments (it starts after the mail queue).
    public func readAttachments(from source: any AttachmentSource) { attachmentSource.set(source) }

    public static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        min(60 * pow(2, Double(max(0, attempt - 1))), 6 * 3600)
    }

    /// Sends the due notifications and queued emails. `skipped` in the report counts failures
    /// (retried later), `notified` the emails sent.
    public func run() async throws -> JobReport {
        let (sent, failed) = try await sendNotifications()
        let queued = try await sendQueued(ids: nil)
        return JobReport(
            job: Self.job, ran: true, created: 0, skipped: failed + queued.failed, notified: sent + queued.sent)
    }

    /// Sends queued emails right after the transaction that queued them committed, so the person
    /// does not wait for the job; a failure is left to the job's retries.
    public func deliver(_ ids: [UUID]) async {
        guard !ids.isEmpty else { return }
        _ = try? await sendQueued(ids: ids)
    }

    /// Queues an email inside the caller's transaction; send it with `deliver` after commit.
    /// Attachments are document versions of `organization`.
    public func enqueue(
        _ message: EmailMessage, organization: OrganizationID?, id: UUID, at now: Date,
        attachments: [AttachmentReference] = [], _ repos: any UsesMailQueue
    ) async throws {
        try await repos.mailQueue.enqueue(
            QueuedEmail(
                id: id, organizationID: organization, message: message, createdAt: now, attachments: attachments))
    }

    /// The email with its attachments' bytes.
    func withAttachments(_ email: QueuedEmail) async throws -> EmailMessage {
        guard !email.attachments.isEmpty else { return email.message }
        guard let source = attachmentSource.get(), let organization = email.organizationID else {
            throw ApplicationError.notFound(entity: "attachment source", id: email.id.uuidString)
        }
        var attachments: [EmailAttachment] = []
        for reference in email.attachments {
            attachments.append(try await source.attachment(reference, of: organization))
        }
        return EmailMessage(
            to: email.message.to, subject: email.message.subject, body: email.message.body, attachments: attachments)
    }

    private func sendQueued(ids: [UUID]?) async throws -> (sent: Int, failed: Int) {
        let now = clock.now()
        let batch = try await persistence.write { (repos: any UsesMailQueue) in
            try await repos.mailQueue.claim(dueAt: now, leaseUntil: now.addingTimeInterval(600), limit: 100, ids: ids)
        }
        return try await send(
            batch.map { email in (message: { try await withAttachments(email) }, attempts: email.attempts) },
            markSent: { index, repos in try await repos.mailQueue.markSent(batch[index].id, at: clock.now()) },
            markFailed: { index, attempts, retryAt, error, repos in
                try await repos.mailQueue.markFailed(
                    batch[index].id, attempts: attempts, retryAt: retryAt, error: error)
            })
    }

    private func sendNotifications() async throws -> (sent: Int, failed: Int) {
        let now = clock.now()
        let batch = try await persistence.write { (repos: any UsesEmailOutbox) in
            try await repos.emailOutbox.claim(dueAt: now, leaseUntil: now.addingTimeInterval(600), limit: 100)
        }
        let messages = batch.map { pending -> (message: @Sendable () async throws -> EmailMessage, attempts: Int) in
            let notification = pending.notification
            let message = EmailMessage(
                to: pending.to, subject: notification.title,
                body: notification.body
                    + (notification.entity.map { "\n\n\($0) \(notification.entityID ?? "")" } ?? ""))
            return ({ message }, pending.attempts)
        }
        return try await send(
            messages,
            markSent: { index, repos in try await repos.emailOutbox.markSent(batch[index].notification.id) },
            markFailed: { index, attempts, retryAt, error, repos in
                try await repos.emailOutbox.markFailed(
                    batch[index].notification.id, attempts: attempts, retryAt: retryAt, error: error)
            })
    }

    /// Sends each message and records the outcome by its index in the batch: a failure is given
    /// its next try (or none after `maximumAttempts`).
    private func send(
        _ messages: [(message: @Sendable () async throws -> EmailMessage, attempts: Int)],
        markSent: @escaping @Sendable (Int, any MailOutcomeStores) async throws -> Void,
        markFailed: @escaping @Sendable (Int, Int, Date?, String, any MailOutcomeStores) async throws -> Void
    ) async throws -> (sent: Int, failed: Int) {
        var (sent, failed) = (0, 0)
        for (index, item) in messages.enumerated() {
            do {
                try await mailer.send(try await item.message())
                try await persistence.write { (repos: any MailOutcomeStores) in try await markSent(index, repos) }
                sent += 1
            } catch {
                let attempts = item.attempts + 1
                let retryAt =
                    attempts >= Self.maximumAttempts
                    ? nil : clock.now().addingTimeInterval(Self.backoff(afterAttempt: attempts))
                try await persistence.write { (repos: any MailOutcomeStores) in
                    try await markFailed(index, attempts, retryAt, String(describing: error), repos)
                }
                failed += 1
            }
        }
        return (sent, failed)
    }
}

/// Where a sent or failed message's outcome is recorded: the notification outbox or the mail queue.
typealias MailOutcomeStores = UsesEmailOutbox & UsesMailQueue

/// Set once at start, read when emails are sent.
final class AttachmentSourceSlot: Sendable {
    private let source = Mutex<(any AttachmentSource)?>(nil)

    func set(_ new: any AttachmentSource) { source.withLock { $0 = new } }
    func get() -> (any AttachmentSource)? { source.withLock { $0 } }
}
