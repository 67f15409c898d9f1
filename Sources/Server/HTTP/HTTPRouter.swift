public import Application
public import Hummingbird

/// What the HTTP layer needs from the composition root: use cases and a few probes, no adapters.
public struct HTTPDependencies: Sendable {
    public let identity: IdentityService
    public let coOwnership: CoOwnershipService
    public let budgets: BudgetService
    public let ledger: LedgerService
    public let funds: FundsService
    public let maintenance: MaintenanceService
    public let governance: GovernanceService
    public let invoices: InvoiceService
    public let charges: ChargeService
    public let banks: BankService
    public let reminders: ReminderService
    public let etatsDates: EtatDateService
    public let technicalInspections: TechnicalInspectionService
    public let workReports: WorkReportService
    public let community: CommunityServices
    public let construction: ConstructionServices
    public let inspection: InspectionServices
    public let dispatch: DispatchService
    public let publicBooking: PublicBooking
    public let onboarding: DispatchOnboarding
    public let activity: ActivityService
    public let privacy: PrivacyService
    public let consents: ConsentService
    public let documents: DocumentsService
    public let search: SearchService
    public let comments: CommentsService
    public let idempotency: IdempotencyService
    public let persistence: any Persistence
    public let metrics: HTTPMetrics
    public let poolUsage: @Sendable () -> PoolUsage
    /// The business modules whose routes and contract fragments the server serves.
    public let modules: [HTTPModule]
    /// CORS allow-list and HSTS.
    public let security: HTTPSecurity

    public init(
        identity: IdentityService, coOwnership: CoOwnershipService, budgets: BudgetService, ledger: LedgerService,
        funds: FundsService, maintenance: MaintenanceService, governance: GovernanceService, invoices: InvoiceService,
        charges: ChargeService, banks: BankService, reminders: ReminderService, etatsDates: EtatDateService,
        technicalInspections: TechnicalInspectionService, workReports: WorkReportService,
        community: CommunityServices, construction: ConstructionServices, inspection: InspectionServices,
        dispatch: DispatchService,
        publicBooking: PublicBooking, onboarding: DispatchOnboarding,
        activity: ActivityService, privacy: PrivacyService, consents: ConsentService, documents: DocumentsService,
        search: SearchService, comments: CommentsService, idempotency: IdempotencyService,
        persistence: any Persistence, metrics: HTTPMetrics,
        poolUsage: @escaping @Sendable () -> PoolUsage, modules: [HTTPModule], security: HTTPSecurity = HTTPSecurity()
    ) {
        self.modules = modules
        self.security = security
        self.privacy = privacy
        self.consents = consents
        self.documents = documents
        self.search = search
        self.comments = comments
        self.idempotency = idempotency
        self.identity = identity
        self.coOwnership = coOwnership
        self.budgets = budgets
        self.ledger = ledger
        self.funds = funds
        self.maintenance = maintenance
        self.governance = governance
        self.invoices = invoices
        self.charges = charges
        self.banks = banks
        self.reminders = reminders
        self.etatsDates = etatsDates
        self.technicalInspections = technicalInspections
        self.workReports = workReports
        self.community = community
        self.construction = construction
        self.inspection = inspection
        self.dispatch = dispatch
        self.publicBooking = publicBooking
        self.onboarding = onboarding
        self.activity = activity
        self.persistence = persistence
        self.metrics = metrics
        self.poolUsage = poolUsage
    }
}

/// Builds the router: observability outermost, then security headers and CORS, then
/// problem+json, then the routes.
public func buildRouter(_ dependencies: HTTPDependencies) -> Router<AppRequestContext> {
    // The contract is assembled once from the modules' fragments; it also tells a wrong method
    // (405) from a path that does not exist (404).
    let contract = OpenAPIDocument.contract(for: dependencies.modules)
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: ObservabilityMiddleware(metrics: dependencies.metrics))
    router.add(middleware: SecurityMiddleware(security: dependencies.security))
    router.add(middleware: ProblemMiddleware(routes: contract.routes))

    SystemRoutes(
        persistence: dependencies.persistence, metrics: dependencies.metrics, poolUsage: dependencies.poolUsage,
        contract: contract.bytes
    )
    .add(to: router)

    let api = router.group("api/v1")
    let authenticated = api.group()
        .add(middleware: AuthenticationMiddleware(identity: dependencies.identity))
        .add(middleware: IdempotencyMiddleware(service: dependencies.idempotency))
        .group(context: AuthenticatedContext.self)
    for module in dependencies.modules {
        module.routes(api, authenticated, dependencies)
    }
    return router
}
