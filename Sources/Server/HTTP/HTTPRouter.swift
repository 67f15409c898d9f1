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
    public let dispatch: DispatchService
    public let publicBooking: PublicBooking
    public let onboarding: DispatchOnboarding
    public let activity: ActivityService
    public let persistence: any Persistence
    public let metrics: HTTPMetrics
    public let poolUsage: @Sendable () -> (inUse: Int, capacity: Int)

    public init(
        identity: IdentityService, coOwnership: CoOwnershipService, budgets: BudgetService, ledger: LedgerService,
        funds: FundsService, maintenance: MaintenanceService, dispatch: DispatchService, publicBooking: PublicBooking,
        onboarding: DispatchOnboarding,
        activity: ActivityService,
        persistence: any Persistence, metrics: HTTPMetrics,
        poolUsage: @escaping @Sendable () -> (inUse: Int, capacity: Int)
    ) {
        self.identity = identity
        self.coOwnership = coOwnership
        self.budgets = budgets
        self.ledger = ledger
        self.funds = funds
        self.maintenance = maintenance
        self.dispatch = dispatch
        self.publicBooking = publicBooking
        self.onboarding = onboarding
        self.activity = activity
        self.persistence = persistence
        self.metrics = metrics
        self.poolUsage = poolUsage
    }
}

/// Builds the router: observability outermost, then problem+json, then the routes.
public func buildRouter(_ dependencies: HTTPDependencies) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: ObservabilityMiddleware(metrics: dependencies.metrics))
    router.add(middleware: ProblemMiddleware())

    SystemRoutes(
        persistence: dependencies.persistence, metrics: dependencies.metrics, poolUsage: dependencies.poolUsage
    )
    .add(to: router)

    let api = router.group("api/v1")
    let identity = IdentityRoutes(identity: dependencies.identity)
    identity.addPublicRoutes(to: api)
    PublicBookingRoutes(booking: dependencies.publicBooking).add(to: api)
    let authenticated = api.group()
        .add(middleware: AuthenticationMiddleware(identity: dependencies.identity))
        .group(context: AuthenticatedContext.self)
    identity.addAuthenticatedRoutes(to: authenticated)
    CoOwnershipRoutes(service: dependencies.coOwnership).add(to: authenticated)
    BudgetRoutes(service: dependencies.budgets).add(to: authenticated)
    LedgerRoutes(service: dependencies.ledger).add(to: authenticated)
    FundsRoutes(service: dependencies.funds).add(to: authenticated)
    MaintenanceRoutes(service: dependencies.maintenance).add(to: authenticated)
    DispatchRoutes(service: dependencies.dispatch).add(to: authenticated)
    OnboardingRoutes(onboarding: dependencies.onboarding).add(to: authenticated)
    ActivityRoutes(service: dependencies.activity).add(to: authenticated)
    return router
}
