public import Application
public import Domain
import Foundation
public import HTTPServer

/// A business module as the composition root assembles it: its HTTP side (routes, contract
/// fragment; its errors map themselves), the personal data it holds (its register of processing;
/// its SQL folder declares the tables, under the same name, for export and erasure), and its
/// periodic jobs. A module cannot be registered without its privacy declaration.
public struct GestioModule: Sendable {
    public let http: HTTPModule
    public let privacy: PrivacyDeclaration
    /// The notification types it sends, which users choose a delivery for.
    public let notifications: [NotificationType]
    /// The entity types of the module that documents may be linked to.
    let documentLinks: (any KeyPath<Gestio, [DocumentLinkTarget]> & Sendable)?
    /// What the module puts in the full-text index.
    let searchSources: (any KeyPath<Gestio, [SearchSource]> & Sendable)?
    /// What the module lets people comment on.
    let commentSubjects: (any KeyPath<Gestio, [CommentSubject]> & Sendable)?
    let jobs: @Sendable (Gestio) -> [ScheduledJob]

    init(
        http: HTTPModule, privacy: PrivacyDeclaration, notifications: [NotificationType] = [],
        documentLinks: (any KeyPath<Gestio, [DocumentLinkTarget]> & Sendable)? = nil,
        searchSources: (any KeyPath<Gestio, [SearchSource]> & Sendable)? = nil,
        commentSubjects: (any KeyPath<Gestio, [CommentSubject]> & Sendable)? = nil,
        jobs: @escaping @Sendable (Gestio) -> [ScheduledJob]
    ) {
        self.http = http
        self.privacy = privacy
        self.notifications = notifications
        self.documentLinks = documentLinks
        self.searchSources = searchSources
        self.commentSubjects = commentSubjects
        self.jobs = jobs
    }

    /// As its folders are named in every layer.
    public var name: String { http.name }
}

extension Gestio {
    /// Every module, in the order their routes and contract fragments are assembled. Adding a
    /// module is one line here (and its service in `Gestio.start`).
    public static let modules: [GestioModule] = [
        .platform, .identity, .coOwnership, .finance, .maintenance, .dispatch, .documents, .governance,
        .financeOperations, .legalFile, .community, .construction, .inspection,
    ]
}

extension GestioModule {
    static let platform = GestioModule(
        http: .platform, privacy: .platform, notifications: CommentsService.notificationTypes
    ) { gestio in
        [
            ScheduledJob(
                name: MailDelivery.job,
                summary: "mail pending notifications and queued emails, retrying failures with backoff",
                interval: .seconds(60), run: { [mail = gestio.mail] in try await mail.run() }),
            ScheduledJob(
                name: ActivityService.digestJob,
                summary: "email each user the notifications they chose to receive as a daily digest",
                schedule: .dailyAt(minutes: 7 * 60),
                run: { [activity = gestio.activity] in try await activity.runDigestJob() }),
            ScheduledJob(
                name: PrivacyService.holdsJob,
                summary: "complete the erasure requests whose legal holds have ended", interval: .seconds(3600),
                run: { [privacy = gestio.privacy] in try await privacy.runHoldsJob() }),
            ScheduledJob(
                name: PrivacyService.accessLogJob,
                summary: "delete reads of personal data logged longer ago than GESTIO_ACCESS_LOG_RETENTION_DAYS",
                interval: .seconds(3600),
                run: { [privacy = gestio.privacy, days = gestio.configuration.accessLogRetentionDays] in
                    try await privacy.purgeReadLog(keepingDays: days)
                }),
            ScheduledJob(
                name: AuditChain.job,
                summary: "seal the audit log rows appended since the last run into the hash chain",
                interval: .seconds(60),
                run: { [chain = gestio.auditChain] in
                    JobReport(job: AuditChain.job, ran: true, created: try await chain.seal(), skipped: 0, notified: 0)
                }),
            ScheduledJob(
                name: IdempotencyService.purgeJob,
                summary: "forget the answers to Idempotency-Key requests older than 24 hours", interval: .seconds(3600),
                run: { [idempotency = gestio.idempotency] in try await idempotency.runPurgeJob() }),
            ScheduledJob(
                name: "rate-limits", summary: "forget rate-limit windows that ended more than a day ago",
                interval: .seconds(3600),
                run: { [rateLimits = gestio.rateLimits] in
                    let forgotten = try await rateLimits.forget(before: Date().addingTimeInterval(-86_400))
                    return JobReport(job: "rate-limits", ran: true, created: 0, skipped: forgotten, notified: 0)
                }),
            ScheduledJob(
                name: "db-optimize", summary: "refresh the query planner's statistics (SQLite)",
                interval: .seconds(3600),
                run: { [persistence = gestio.persistence] in
                    try await persistence.optimize()
                    return JobReport(job: "db-optimize", ran: true, created: 0, skipped: 0, notified: 0)
                }),
            ScheduledJob(
                name: Gestio.backupJob,
                summary: "copy the database into GESTIO_BACKUP_DIR, keeping the newest GESTIO_BACKUP_KEEP",
                schedule: .dailyAt(minutes: gestio.configuration.backupMinuteOfDay),
                run: {
                    guard let report = try await gestio.backup() else {
                        return JobReport(job: Gestio.backupJob, ran: false, created: 0, skipped: 0, notified: 0)
                    }
                    return JobReport(
                        job: Gestio.backupJob, ran: true, created: 1, skipped: report.removed.count, notified: 0)
                }),
        ]
    }

    static let identity = GestioModule(http: .identity, privacy: .identity) { gestio in
        [
            ScheduledJob(
                name: IdentityService.retentionJob,
                summary: "delete expired reset links, second login steps, refresh tokens and invitations",
                interval: .seconds(3600), run: { [identity = gestio.identity] in try await identity.purgeExpired() })
        ]
    }

    static let coOwnership = GestioModule(
        http: .coOwnership, privacy: .coOwnership, documentLinks: \Gestio.coOwnership.documentLinks
    ) { _ in [] }

    static let finance = GestioModule(
        http: .finance, privacy: .finance, documentLinks: \Gestio.ledger.documentLinks
    ) { _ in [] }

    static let governance = GestioModule(
        http: .governance, privacy: .governance, notifications: GovernanceService.notificationTypes,
        documentLinks: \Gestio.governance.documentLinks
    ) { gestio in
        [
            ScheduledJob(
                name: GovernanceService.mandateAlertJob,
                summary: "notify once per syndic mandate ending within 90 days", interval: .seconds(3600),
                run: { [governance = gestio.governance] in try await governance.runMandateAlertJob() }),
            ScheduledJob(
                name: GovernanceService.deadlinesJob,
                summary: "remind once of an assembly required by owners, or minutes to send, due within 7 days",
                interval: .seconds(3600),
                run: { [governance = gestio.governance] in try await governance.runDeadlineJob() }),
        ]
    }

    static let financeOperations = GestioModule(http: .financeOperations, privacy: .financeOperations) { gestio in
        [
            ScheduledJob(
                name: ReminderService.job,
                summary: "make and send the dues reminders due in the buildings whose reminders are automatic",
                schedule: .dailyAt(minutes: 6 * 60),
                run: { [reminders = gestio.reminders] in try await reminders.runJob() })
        ]
    }

    static let legalFile = GestioModule(
        http: .legalFile, privacy: .legalFile,
        notifications: EtatDateService.notificationTypes + TechnicalInspectionService.notificationTypes
            + WorkReportService.notificationTypes,
        documentLinks: \Gestio.legalFileDocumentLinks
    ) { gestio in
        [
            ScheduledJob(
                name: WorkReportService.warrantyJob,
                summary: "tell the syndic once of validated works whose warranty ends within 90 days",
                interval: .seconds(3600),
                run: { [reports = gestio.workReports] in try await reports.runWarrantyJob() }),
            ScheduledJob(
                name: TechnicalInspectionService.alertJob,
                summary: "warn once each 90, 60 and 30 days before a regulated inspection is due, and on the day",
                interval: .seconds(3600),
                run: { [inspections = gestio.technicalInspections] in try await inspections.runAlertJob() }),
            ScheduledJob(
                name: EtatDateService.deadlinesJob,
                summary: "tell the syndic once of an état daté to answer within 3 days (or late)",
                interval: .seconds(3600),
                run: { [etatsDates = gestio.etatsDates] in try await etatsDates.runDeadlineJob() }),
        ]
    }

    static let community = GestioModule(
        http: .community, privacy: .community,
        notifications: PollService.notificationTypes + NoticeService.notificationTypes
            + SkillService.notificationTypes + SharedObjectService.notificationTypes + BookingService.notificationTypes,
        documentLinks: \Gestio.community.sharedObjects.documentLinks,
        searchSources: \Gestio.community.notices.searchSources
    ) { gestio in
        [
            ScheduledJob(
                name: PollService.closeJob, summary: "close the polls whose end has come", interval: .seconds(300),
                run: { [polls = gestio.community.polls] in try await polls.runCloseJob() }),
            ScheduledJob(
                name: NoticeService.expiryJob, summary: "take notices off the board when their expiry has come",
                interval: .seconds(300),
                run: { [notices = gestio.community.notices] in try await notices.runExpiryJob() }),
            ScheduledJob(
                name: SharedObjectService.overdueJob,
                summary: "once a day per late loan, remind the borrower and tell the lender",
                schedule: .dailyAt(minutes: 9 * 60),
                run: { [objects = gestio.community.sharedObjects] in try await objects.runOverdueJob() }),
            ScheduledJob(
                name: BookingService.job,
                summary: "mark no-shows after the check-in window, complete what ended, cancel what was never approved",
                interval: .seconds(300),
                run: { [bookings = gestio.community.bookings] in try await bookings.runJob() }),
        ]
    }

    static let construction = GestioModule(
        http: .construction, privacy: .construction,
        notifications: TaskService.notificationTypes + ProjectBudgetService.notificationTypes
            + AcceptanceService.notificationTypes + ProjectChatService.notificationTypes,
        documentLinks: \Gestio.construction.documentLinks, searchSources: \Gestio.construction.chat.searchSources,
        commentSubjects: \Gestio.construction.tasks.commentSubjects
    ) { gestio in
        [
            ScheduledJob(
                name: AcceptanceService.warrantyJob,
                summary: "tell a project's client and architect once of a trade's warranty ending within 90 days",
                interval: .seconds(3600),
                run: { [acceptances = gestio.construction.acceptances] in try await acceptances.runWarrantyJob() })
        ]
    }

    static let inspection = GestioModule(
        http: .inspection, privacy: .inspection, notifications: PaymentService.notificationTypes,
        documentLinks: \Gestio.inspection.documentLinks
    ) { gestio in
        [
            ScheduledJob(
                name: AppointmentService.holdsJob,
                summary: "cancel the bookings held for a prepayment that did not come in time, freeing their slots",
                interval: .seconds(60),
                run: { [appointments = gestio.inspection.appointments] in try await appointments.runHoldsJob() }),
            ScheduledJob(
                name: InspectionReminderService.job,
                summary:
                    "mail bookings' contacts 24 hours before (with a single-use cancel link) and vehicles' owners a month before their next inspection is due",
                interval: .seconds(900),
                run: { [reminders = gestio.inspection.reminders] in try await reminders.runJob() }),
            ScheduledJob(
                name: PaymentService.refundsJob,
                summary:
                    "try again the refunds a payment provider refused (5 minutes, then twice as long each time, at most a day); staff are told after the third failure",
                interval: .seconds(300),
                run: { [payments = gestio.inspection.payments] in try await payments.runRefundsJob() }),
        ]
    }

    static let documents = GestioModule(
        http: .documents, privacy: .documents, notifications: DocumentsService.notificationTypes,
        searchSources: \Gestio.documents.searchSources, commentSubjects: \Gestio.documents.commentSubjects
    ) { gestio in
        [
            ScheduledJob(
                name: DocumentReader.job,
                summary: "read the text of uploaded PDFs and images (OCR) that no instance is reading",
                interval: .seconds(60),
                run: { [reader = gestio.documents.reader] in
                    try await reader?.runPending()
                        ?? JobReport(job: DocumentReader.job, ran: false, created: 0, skipped: 0, notified: 0)
                }),
            ScheduledJob(
                name: DocumentsService.purgeJob,
                summary:
                    "delete documents deleted longer ago than GESTIO_DOCUMENT_RETENTION_DAYS, and blobs no version names",
                interval: .seconds(3600), run: { [documents = gestio.documents] in try await documents.purge() }),
        ]
    }

    static let maintenance = GestioModule(
        http: .maintenance, privacy: .maintenance, notifications: MaintenanceService.notificationTypes,
        documentLinks: \Gestio.maintenance.documentLinks
    ) { gestio in
        [
            ScheduledJob(
                name: MaintenanceService.preventiveJob,
                summary: "create the preventive interventions whose plans are due", interval: .seconds(300),
                run: { [maintenance = gestio.maintenance] in try await maintenance.runPreventiveJob() }),
            ScheduledJob(
                name: MaintenanceService.slaBreachJob,
                summary: "notify once per intervention past its SLA due time", interval: .seconds(300),
                run: { [maintenance = gestio.maintenance] in try await maintenance.runSLABreachJob() }),
        ]
    }

    static let dispatch = GestioModule(
        http: .dispatch, privacy: .dispatch, notifications: DispatchService.notificationTypes,
        documentLinks: \Gestio.dispatch.documentLinks
    ) { gestio in
        [
            ScheduledJob(
                name: DispatchService.watchdogJob,
                summary:
                    "state each ride left in the pool too long (maintenance opens its prise_en_charge intervention)",
                interval: .seconds(300),
                run: { [dispatch = gestio.dispatch] in try await dispatch.runPendingWatchdog() }),
            ScheduledJob(
                name: DispatchService.snapshotJob,
                summary: "keep each driver's figures of the week that ended (Monday 00:00 UTC; hourly, idempotent)",
                interval: .seconds(3600),
                run: { [dispatch = gestio.dispatch] in try await dispatch.runWeeklySnapshot() }),
        ]
    }
}

extension Gestio {
    /// The legal file's entities documents are attached to: technical inspections (their
    /// certificate) and work reports (their photos).
    var legalFileDocumentLinks: [DocumentLinkTarget] {
        technicalInspections.documentLinks + workReports.documentLinks
    }
}
