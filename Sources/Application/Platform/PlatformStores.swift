public import Foundation

/// The platform's stores: audit log, notifications, mail, job locks and job runs.
public protocol PlatformStores: Sendable {
    var audit: any AuditRepository { get }
    var notifications: any NotificationRepository { get }
    var emailOutbox: any EmailOutboxRepository { get }
    var mailQueue: any MailQueueRepository { get }
    var jobLocks: any JobLockRepository { get }
    var jobRuns: any JobRunRepository { get }
    var personalData: any PersonalDataRepository { get }
    var erasureRequests: any ErasureRequestRepository { get }
}

/// Which instance runs each period of a scheduled job.
public protocol JobRunRepository: Sendable {
    /// Claims `period` of `job` for `instance`; false when another instance (or an earlier run of
    /// this one) already claimed it. Claims older than `forgetBefore` are deleted.
    func claim(job: String, period: Date, instance: String, at now: Date, forgetBefore: Date) async throws -> Bool
}
