public import Domain
public import Foundation

/// An email to one person.
public struct EmailMessage: Sendable, Equatable {
    public let to: Email
    public let subject: String
    public let body: String

    public init(to: Email, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }
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

/// The mail job: mails pending notifications; a failure is retried with exponential backoff
/// (1, 2, 4… minutes, at most 6 hours apart) and given up after `maximumAttempts`. Notifications
/// are created inside business transactions; mailing happens here, so it never fails them.
public struct MailDelivery: Sendable {
    public static let job = "mail"
    public static let maximumAttempts = 8

    let persistence: any Persistence
    let mailer: any Mailer
    let clock: any WallClock

    public init(persistence: any Persistence, mailer: any Mailer, clock: any WallClock) {
        self.persistence = persistence
        self.mailer = mailer
        self.clock = clock
    }

    public static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        min(60 * pow(2, Double(max(0, attempt - 1))), 6 * 3600)
    }

    public func run() async throws -> JobReport {
        let now = clock.now()
        let batch = try await persistence.write { repos in
            try await repos.emailOutbox.claim(dueAt: now, leaseUntil: now.addingTimeInterval(600), limit: 100)
        }
        var sent = 0
        var failed = 0
        for pending in batch {
            let notification = pending.notification
            do {
                try await mailer.send(
                    EmailMessage(
                        to: pending.to, subject: notification.title,
                        body: notification.body
                            + (notification.entity.map { "\n\n\($0) \(notification.entityID ?? "")" } ?? "")))
                try await persistence.write { repos in try await repos.emailOutbox.markSent(notification.id) }
                sent += 1
            } catch {
                let attempts = pending.attempts + 1
                let retryAt =
                    attempts >= Self.maximumAttempts
                    ? nil : clock.now().addingTimeInterval(Self.backoff(afterAttempt: attempts))
                try await persistence.write { repos in
                    try await repos.emailOutbox.markFailed(
                        notification.id, attempts: attempts, retryAt: retryAt, error: String(describing: error))
                }
                failed += 1
            }
        }
        return JobReport(job: Self.job, ran: true, created: 0, skipped: failed, notified: sent)
    }
}
