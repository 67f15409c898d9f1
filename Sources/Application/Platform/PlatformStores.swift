/// The platform's stores: audit log, notifications, mail, job locks.
public protocol PlatformStores: Sendable {
    var audit: any AuditRepository { get }
    var notifications: any NotificationRepository { get }
    var emailOutbox: any EmailOutboxRepository { get }
    var mailQueue: any MailQueueRepository { get }
    var jobLocks: any JobLockRepository { get }
}
