public import Domain
public import Foundation

/// The platform's stores: audit log, notifications, mail, job locks and job runs, search, comments.
public protocol PlatformStores:
    UsesAudit,
    UsesNotifications,
    UsesEmailOutbox,
    UsesMailQueue,
    UsesJobLocks,
    UsesJobRuns,
    UsesPersonalData,
    UsesErasureRequests,
    UsesNotificationPreferences,
    UsesConsents,
    UsesPersonalDataReads,
    UsesSearchIndex,
    UsesIdempotencyKeys,
    UsesComments
{}

/// A use case that reads or writes `audit`.
public protocol UsesAudit: Sendable { var audit: any AuditRepository { get } }

/// A use case that reads or writes `notifications`.
public protocol UsesNotifications: Sendable { var notifications: any NotificationRepository { get } }

/// A use case that reads or writes `emailOutbox`.
public protocol UsesEmailOutbox: Sendable { var emailOutbox: any EmailOutboxRepository { get } }

/// A use case that reads or writes `mailQueue`.
public protocol UsesMailQueue: Sendable { var mailQueue: any MailQueueRepository { get } }

/// A use case that reads or writes `jobLocks`.
public protocol UsesJobLocks: Sendable { var jobLocks: any JobLockRepository { get } }

/// A use case that reads or writes `jobRuns`.
public protocol UsesJobRuns: Sendable { var jobRuns: any JobRunRepository { get } }

/// A use case that reads or writes `personalData`.
public protocol UsesPersonalData: Sendable { var personalData: any PersonalDataRepository { get } }

/// A use case that reads or writes `erasureRequests`.
public protocol UsesErasureRequests: Sendable { var erasureRequests: any ErasureRequestRepository { get } }

/// A use case that reads or writes `notificationPreferences`.
public protocol UsesNotificationPreferences: Sendable {
    var notificationPreferences: any NotificationPreferenceRepository { get }
}

/// A use case that reads or writes `consents`.
public protocol UsesConsents: Sendable { var consents: any ConsentRepository { get } }

/// A use case that reads or writes `personalDataReads`.
public protocol UsesPersonalDataReads: Sendable { var personalDataReads: any PersonalDataReadRepository { get } }

/// A use case that reads or writes `searchIndex`.
public protocol UsesSearchIndex: Sendable { var searchIndex: any SearchIndexRepository { get } }

/// A use case that reads or writes `idempotencyKeys`.
public protocol UsesIdempotencyKeys: Sendable { var idempotencyKeys: any IdempotencyKeyRepository { get } }

/// A use case that reads or writes `comments`.
public protocol UsesComments: Sendable { var comments: any CommentRepository { get } }

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
