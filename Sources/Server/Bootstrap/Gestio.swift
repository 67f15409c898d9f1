public import Application
import BankingAdapters
import Foundation
public import HTTPServer
public import Hummingbird
import HummingbirdWebSocket
import LanguageModelAdapters
public import Logging
import MailAdapters
import OCRAdapters
import PDFAdapters
import PaymentAdapters
import Prometheus
public import SQLAdapters
import SecurityAdapters
import ServiceLifecycle
import StorageAdapters

/// The composition root: the one place that knows every adapter. The CLI, the server and the
/// tests all start Gestio through `Gestio.start(_:)`.
public struct Gestio: Sendable {
    public let configuration: GestioConfiguration
    public let location: DatabaseLocation
    public let persistence: SQLPersistence
    public let identity: IdentityService
    public let coOwnership: CoOwnershipService
    public let budgets: BudgetService
    public let ledger: LedgerService
    public let funds: FundsService
    public let maintenance: MaintenanceService
    /// General assemblies, their votes, minutes and the register.
    public let governance: GovernanceService
    public let invoices: InvoiceService
    /// Charge keys, distributions and the yearly charge statements.
    public let charges: ChargeService
    /// Bank statements imported and matched to the owners' contributions.
    public let banks: BankService
    /// The building's collection rules, its arrears and the dues reminders.
    public let reminders: ReminderService
    /// États datés for the sale of a lot, and the building's legal settings.
    public let etatsDates: EtatDateService
    /// Regulated technical inspections of the buildings' equipment.
    public let technicalInspections: TechnicalInspectionService
    /// Contractors' work reports, their link and their warranties.
    public let workReports: WorkReportService
    /// Occupants, polls between assemblies and the notice board.
    public let community: CommunityServices
    /// Construction projects: members with project roles, trades, tasks and their schedule.
    public let construction: ConstructionServices
    /// Vehicle inspection centres: their set-up and free slots, vehicles and appointments.
    public let inspection: InspectionServices
    public let dispatch: DispatchService
    public let publicBooking: PublicBooking
    public let onboarding: DispatchOnboarding
    /// Live events for the WebSockets, after commit.
    public let events: any EventBroadcaster
    public let activity: ActivityService
    /// The audit log's hash chain: sealed by the `audit-seal` job, checked by `gestio audit verify`.
    public let auditChain: AuditChain
    /// Export and erasure of a person's data across every module (GDPR Art. 15, 17, 20).
    public let privacy: PrivacyService
    /// Consent records, for members and for owners without an account.
    public let consents: ConsentService
    /// Documents for every module, in the blob store.
    public let documents: DocumentsService
    /// Full-text search over what the modules index.
    public let search: SearchService
    /// Comments with threads on what the modules register (documents, tasks).
    public let comments: CommentsService
    /// The kept answers to write requests sent with an `Idempotency-Key`.
    public let idempotency: IdempotencyService
    public let mail: MailDelivery
    /// Rate-limit counts: in the database on PostgreSQL (shared by every instance), in memory on SQLite.
    public let rateLimits: any RateLimitStore
    public let metrics: HTTPMetrics
    public let logger: Logger

    /// Opens the database, applies pending migrations and wires every use case.
    /// `clock` and `ids` may be replaced by tests; production uses the system ones.
    public static func start(
        _ configuration: GestioConfiguration, logger: Logger, clock: (any WallClock)? = nil,
        ids: (any IDGenerator)? = nil, mailer: (any Mailer)? = nil
    ) async throws -> Gestio {
        let location = try DatabaseLocation(url: configuration.databaseURL)
        let persistence = try await SQLPersistence.open(
            location, maxConnections: configuration.maxDatabaseConnections,
            sqliteReaders: configuration.sqliteReaders, logger: logger)
        do {
            let clock = clock ?? SystemClock()
            let applied = try await Migrator(dialect: location.dialect).migrate(persistence, at: clock.now())
            if !applied.isEmpty {
                logger.info("applied migrations", metadata: ["versions": "\(applied.map(\.version))"])
            }
            let ids = ids ?? RandomIDGenerator()
            let secrets = RandomSecretTokenGenerator()
            let secret = try await IdentityService.signingSecret(
                configured: configuration.jwtSecret, persistence: persistence, secrets: secrets, clock: clock)
            let twoFactorKey = try await IdentityService.twoFactorKey(
                configured: configuration.totpKey, persistence: persistence, secrets: secrets, clock: clock)
            let events = await persistence.makeEventBroadcaster()
            // Modules state facts on this bus and react to each other's there (subscribed below).
            let bus = DomainEventBus()
            let mail = MailDelivery(
                persistence: persistence, mailer: try mailer ?? makeMailer(configuration), clock: clock)
            let rateLimits: any RateLimitStore =
                location.dialect == .postgres
                ? SQLRateLimitStore(persistence: persistence) : InProcessRateLimitStore()
            let identity = IdentityService(
                persistence: persistence, hasher: BcryptPasswordHasher(cost: configuration.bcryptCost),
                accessTokens: await JWTAccessTokenIssuer(secret: secret), secrets: secrets, clock: clock,
                ids: ids, accessTokenLifetime: configuration.accessTokenLifetime, events: events, bus: bus,
                otp: TOTPAuthenticator(keyMaterial: twoFactorKey), throttle: SignInThrottle(store: rateLimits),
                mail: mail, publicURL: configuration.publicURL)
            let coOwnership = CoOwnershipService(persistence: persistence, clock: clock, ids: ids, bus: bus)
            let budgets = BudgetService(persistence: persistence, clock: clock, ids: ids)
            let ledger = LedgerService(persistence: persistence, clock: clock, ids: ids)
            let blobs = try await makeBlobStore(configuration)
            let documents = DocumentsService(
                persistence: persistence, clock: clock, ids: ids, blobs: blobs, archives: ZIPArchiveInspector(),
                limits: configuration.documentLimits, renderer: makeRenderer(configuration, logger: logger),
                reader: makeReader(
                    configuration, persistence: persistence, clock: clock, ids: ids, blobs: blobs, events: events,
                    logger: logger))
            mail.readAttachments(from: documents)
            documents.subscribe(to: bus)
            let funds = FundsService(
                persistence: persistence, clock: clock, ids: ids,
                mailing: CallNoticeMailing(documents: documents, mail: mail, ids: ids, clock: clock), bus: bus)
            let reminders = ReminderService(
                persistence: persistence, clock: clock, ids: ids, ledger: ledger,
                mailing: DocumentMailing(documents: documents, mail: mail, ids: ids, clock: clock))
            let charges = ChargeService(
                persistence: persistence, clock: clock, ids: ids, ledger: ledger,
                mailing: DocumentMailing(documents: documents, mail: mail, ids: ids, clock: clock))
            let dispatch = DispatchService(persistence: persistence, clock: clock, ids: ids, events: events, bus: bus)
            let maintenance = MaintenanceService(persistence: persistence, clock: clock, ids: ids)
            let governance = GovernanceService(
                persistence: persistence, clock: clock, ids: ids, bus: bus, events: events,
                mailing: DocumentMailing(documents: documents, mail: mail, ids: ids, clock: clock))
            budgets.subscribe(to: bus)
            funds.subscribe(to: bus)
            ledger.subscribe(to: bus)
            dispatch.subscribe(to: bus)
            maintenance.subscribe(to: bus)
            reminders.subscribe(to: bus)
            let etatsDates = EtatDateService(
                persistence: persistence, clock: clock, ids: ids, ledger: ledger, charges: charges,
                mailing: DocumentMailing(documents: documents, mail: mail, ids: ids, clock: clock))
            etatsDates.subscribe(to: bus)
            let technicalInspections = TechnicalInspectionService(
                persistence: persistence, clock: clock, ids: ids, bus: bus)
            let workReports = WorkReportService(
                persistence: persistence, clock: clock, ids: ids, secrets: secrets, mail: mail,
                publicURL: configuration.publicURL)
            workReports.subscribe(to: bus)
            let construction = ConstructionServices(
                persistence: persistence, clock: clock, ids: ids, identity: identity, documents: documents,
                events: events, bus: bus)
            construction.projects.subscribe(to: bus)
            let gestio = Gestio(
                configuration: configuration, location: location, persistence: persistence, identity: identity,
                coOwnership: coOwnership, budgets: budgets, ledger: ledger, funds: funds,
                maintenance: maintenance, governance: governance,
                invoices: InvoiceService(
                    persistence: persistence, clock: clock, ids: ids, ledger: ledger, documents: documents, bus: bus),
                charges: charges,
                banks: BankService(
                    persistence: persistence, clock: clock, ids: ids, reader: BankFileReader(), funds: funds),
                reminders: reminders,
                etatsDates: etatsDates, technicalInspections: technicalInspections, workReports: workReports,
                community: CommunityServices(persistence: persistence, clock: clock, ids: ids, bus: bus),
                construction: construction,
                inspection: InspectionServices(
                    persistence: persistence, clock: clock, ids: ids,
                    renderer: makeRenderer(configuration, logger: logger),
                    qrCodes: LibQREncoder(), publicURL: configuration.publicURL,
                    paymentProvider: StripePaymentProvider(apiURL: configuration.paymentAPIURL),
                    sealer: AESSecretSealer(keyMaterial: twoFactorKey), secrets: secrets,
                    publicPage: InspectionServices.PublicPageParts(
                        identity: identity, captcha: makeCaptchaVerifier(configuration),
                        limiter: RateLimiter(
                            scope: "public-appointments", limit: configuration.publicBookingsPerHour, window: 3600,
                            store: rateLimits), mail: mail),
                    mailing: DocumentMailing(documents: documents, mail: mail, ids: ids, clock: clock),
                    documents: documents,
                    languageModel: configuration.languageModel.map {
                        OpenAICompatibleLanguageModel(url: $0.url, key: $0.key, model: $0.model)
                    },
                    intakeLimiter: RateLimiter(
                        scope: "vehicle-intake", limit: configuration.cardReadsPerHour, window: 3600,
                        store: rateLimits), log: { [logger] in logger.warning("\($0)") }),
                dispatch: dispatch,
                publicBooking: PublicBooking(
                    dispatch: dispatch, captcha: makeCaptchaVerifier(configuration), mail: mail,
                    limiter: RateLimiter(
                        scope: "public-booking", limit: configuration.publicBookingsPerHour, window: 3600,
                        store: rateLimits)),
                onboarding: DispatchOnboarding(
                    dispatch: dispatch, identity: identity, mail: mail, publicURL: configuration.publicURL),
                events: events,
                activity: ActivityService(
                    persistence: persistence, clock: clock, ids: ids,
                    notificationTypes: modules.flatMap(\.notifications)),
                auditChain: AuditChain(persistence: persistence, digest: secrets.digest),
                privacy: PrivacyService(
                    persistence: persistence, clock: clock, ids: ids, declarations: modules.map(\.privacy)),
                consents: ConsentService(persistence: persistence, clock: clock, ids: ids),
                documents: documents, search: SearchService(persistence: persistence),
                comments: CommentsService(persistence: persistence, clock: clock, ids: ids),
                idempotency: IdempotencyService(persistence: persistence, clock: clock),
                mail: mail, rateLimits: rateLimits,
                metrics: HTTPMetrics(), logger: logger)
            documents.links.register(modules.compactMap(\.documentLinks).flatMap { gestio[keyPath: $0] })
            gestio.search.register(modules.compactMap(\.searchSources).flatMap { gestio[keyPath: $0] })
            gestio.comments.register(modules.compactMap(\.commentSubjects).flatMap { gestio[keyPath: $0] })
            return gestio
        } catch {
            await persistence.shutdown()
            throw error
        }
    }

    /// libharu with the DejaVu fonts of GESTIO_PDF_FONT_DIR; without them the server still runs,
    /// and making a PDF answers 503 `renderer_unavailable` (logged once here).
    /// The filesystem under the documents directory, or the S3 bucket when one is configured
    /// (checked now: a wrong bucket or key stops the start with a clear message).
    static func makeBlobStore(_ configuration: GestioConfiguration) async throws -> any BlobStore {
        let directory = URL(fileURLWithPath: configuration.documentsDirectory)
        let maxUpload = configuration.documentLimits.maxUploadBytes
        guard let s3 = configuration.s3 else { return try FileBlobStore(root: directory, maxUploadBytes: maxUpload) }
        let store = try S3BlobStore(
            settings: s3, stagingDirectory: directory.appendingPathComponent(".staging", isDirectory: true),
            maxUploadBytes: maxUpload)
        try await store.check()
        return store
    }

    static func makeRenderer(_ configuration: GestioConfiguration, logger: Logger) -> (any DocumentRenderer)? {
        do { return try HaruRenderer(fontDirectory: configuration.pdfFontDirectory) } catch {
            logger.warning("PDFs cannot be made", metadata: ["reason": "\(error)"])
            return nil
        }
    }

    /// Tesseract with GESTIO_OCR_WORKERS engines and poppler for PDFs; without them the server
    /// still runs, uploads are not read, and asking for a text answers 503 `reader_unavailable`.
    static func makeReader(
        _ configuration: GestioConfiguration, persistence: SQLPersistence, clock: any WallClock,
        ids: any IDGenerator, blobs: any BlobStore, events: any EventBroadcaster, logger: Logger
    ) -> DocumentReader? {
        guard configuration.ocrWorkers > 0 else { return nil }
        do {
            return DocumentReader(
                persistence: persistence, clock: clock, ids: ids, blobs: blobs,
                recognizer: try TesseractRecognizer(
                    engines: configuration.ocrWorkers, dataPath: configuration.tessdataDirectory),
                pdfs: try PopplerPDFPageSource(), extractors: [InvoiceExtractor(), RegistrationCardExtractor()],
                barcodes: ZBarReader(), events: events, parallel: configuration.ocrWorkers)
        } catch {
            logger.warning("documents' text cannot be read", metadata: ["reason": "\(error)"])
            return nil
        }
    }

    /// The captcha endpoint when a secret is configured; else the local test verifier.
    static func makeCaptchaVerifier(_ configuration: GestioConfiguration) -> any CaptchaVerifier {
        if let secret = configuration.captchaSecret {
            return HTTPCaptchaVerifier(
                siteKey: configuration.captchaSiteKey, secret: secret, verifyURL: configuration.captchaVerifyURL)
        }
        return FixedTokenCaptchaVerifier(
            siteKey: configuration.captchaSiteKey, acceptedToken: configuration.captchaTestToken)
    }

    /// SMTP when configured, else the outbox directory.
    static func makeMailer(_ configuration: GestioConfiguration) throws -> any Mailer {
        if let smtp = configuration.smtp { return try SMTPMailer(settings: smtp, from: configuration.mailFrom) }
        return OutboxMailer(directory: URL(fileURLWithPath: configuration.mailOutbox), from: configuration.mailFrom)
    }

    /// Starts Gestio, runs `body`, and closes the database whether `body` succeeds or throws.
    public static func withStarted<T>(
        _ configuration: GestioConfiguration, logger: Logger, clock: (any WallClock)? = nil,
        _ body: (Gestio) async throws -> T
    ) async throws -> T {
        let gestio = try await start(configuration, logger: logger, clock: clock)
        do {
            let result = try await body(gestio)
            await gestio.shutdown()
            return result
        } catch {
            await gestio.shutdown()
            throw error
        }
    }

    /// Lets a reading under way finish, then closes the database.
    public func shutdown() async {
        await documents.reader?.stop()
        await persistence.shutdown()
    }

    public func router() -> Router<AppRequestContext> {
        let persistence = self.persistence
        return buildRouter(
            HTTPDependencies(
                identity: identity, coOwnership: coOwnership, budgets: budgets, ledger: ledger, funds: funds,
                maintenance: maintenance, governance: governance, invoices: invoices, charges: charges, banks: banks,
                reminders: reminders, etatsDates: etatsDates, technicalInspections: technicalInspections,
                workReports: workReports, community: community, construction: construction, inspection: inspection,
                dispatch: dispatch,
                publicBooking: publicBooking,
                onboarding: onboarding,
                activity: activity, privacy: privacy, consents: consents, documents: documents, search: search,
                comments: comments, idempotency: idempotency, persistence: persistence,
                metrics: metrics,
                poolUsage: { persistence.poolUsage },
                modules: Self.modules.map(\.http),
                security: HTTPSecurity(
                    allowedOrigins: configuration.corsOrigins, hstsMaxAge: configuration.hstsMaxAge)))
    }

    /// The WebSocket endpoints (`/ws/...`), served by the same HTTP server through upgrades.
    public func liveRouter() -> Router<LiveSocketContext> {
        buildLiveRouter(identity: identity, events: events, projectChat: construction.chat)
    }

    /// Where email goes, for the startup line (never the password).
    var mailDescription: String {
        guard let smtp = configuration.smtp else { return "outbox \(configuration.mailOutbox)" }
        return "smtp \(smtp.host):\(smtp.port) (\(smtp.security.rawValue))"
    }

    /// The HTTP application on the configured host and port; closes the database when it stops.
    public func application() -> some ApplicationProtocol {
        var app = Application(
            router: router(),
            server: .http1WebSocketUpgrade(webSocketRouter: liveRouter()),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "gestio"),
            onServerRunning: { [logger, location, mailDescription] channel in
                logger.info(
                    "gestio listening",
                    metadata: [
                        "address": "\(channel.localAddress.map { "\($0)" } ?? "?")", "database": "\(location)",
                        "mail": "\(mailDescription)",
                        "captcha":
                            "\(configuration.captchaSecret == nil ? "local test token only" : configuration.captchaVerifyURL)",
                    ])
            },
            logger: logger
        )
        app.addServices(DatabaseService(gestio: self))
        if configuration.schedulerEnabled {
            app.addServices(SchedulerService(jobs: jobs, claims: jobClaims(), logger: logger))
        }
        return app
    }
}

/// Keeps the database open for the server's lifetime and closes it on graceful shutdown.
struct DatabaseService: Service {
    let gestio: Gestio

    func run() async throws {
        try? await gracefulShutdown()
        await gestio.shutdown()
    }
}
