public import Domain
public import Foundation

/// The platform's stores: audit log, notifications, mail, job locks and job runs, search, comments.
public protocol PlatformStores: Sendable {
    var audit: any AuditRepository { get }
    var notifications: any NotificationRepository { get }
    var emailOutbox: any EmailOutboxRepository { get }
    var mailQueue: any MailQueueRepository { get }
    var jobLocks: any JobLockRepository { get }
    var jobRuns: any JobRunRepository { get }
    var personalData: any PersonalDataRepository { get }
    var erasureRequests: any ErasureRequestRepository { get }
    var notificationPreferences: any NotificationPreferenceRepository { get }
    var consents: any ConsentRepository { get }
    var personalDataReads: any PersonalDataReadRepository { get }
    var searchIndex: any SearchIndexRepository { get }
    var idempotencyKeys: any IdempotencyKeyRepository { get }
    var comments: any CommentRepository { get }
}

/// Each user's choice of email delivery per notification type (immediate when never set).
public protocol NotificationPreferenceRepository: Sendable {
    func preferences(of user: UserID) async throws -> [String: NotificationDelivery]
    /// Stores the choice and re-routes the emails of that type still waiting, at once: turned
    /// off, they are not sent; to the digest, they wait for it; immediate, they go now.
    func set(_ delivery: NotificationDelivery, for type: String, of user: UserID, at: Date) async throws
    /// Takes the notifications waiting for the daily digest, oldest first, with their
    /// recipients' addresses, and marks them digested.
    func takeDigests(limit: Int) async throws -> [PendingEmail]
    /// Drops every notification email still waiting for the user (processing restricted).
    func dropWaitingEmails(of user: UserID) async throws
}

/// Which instance runs each period of a scheduled job.
public protocol JobRunRepository: Sendable {
    /// Claims `period` of `job` for `instance`; false when another instance (or an earlier run of
    /// this one) already claimed it. Claims older than `forgetBefore` are deleted.
    func claim(job: String, period: Date, instance: String, at now: Date, forgetBefore: Date) async throws -> Bool
}
