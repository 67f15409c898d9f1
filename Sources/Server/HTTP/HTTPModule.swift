import Hummingbird

/// What one business module brings to the HTTP server: its routes and its contract fragment.
/// Its errors become problems through `ProblemConvertible` conformances in its own folder, so no
/// central switch knows every module's errors. The composition root holds the list of modules
/// (`Gestio.modules`); `buildRouter` adds each one's routes and assembles the contract.
public struct HTTPModule: Sendable {
    /// As its folders are named in every layer.
    public let name: String
    /// `<Name>/<Name>.json`.
    let contract: [UInt8]
    /// Public routes under `/api/v1`, then those behind the bearer token.
    let routes:
        @Sendable (
            _ api: RouterGroup<AppRequestContext>, _ authenticated: RouterGroup<AuthenticatedContext>,
            _ dependencies: HTTPDependencies
        ) -> Void
}

/// An error a module knows how to tell a client: its status, stable code and field.
protocol ProblemConvertible: Error {
    var problem: Problem { get }
}

extension HTTPModule {
    /// Health, readiness, metrics and the contract itself are added by `buildRouter`; this is the
    /// audit log and the caller's notifications (WebSockets are on the live router).
    public static let platform = HTTPModule(name: "Platform", contract: PackageResources.Platform_json) {
        _, authenticated, dependencies in
        ActivityRoutes(service: dependencies.activity).add(to: authenticated)
        PrivacyRoutes(privacy: dependencies.privacy, consents: dependencies.consents).add(to: authenticated)
        SearchRoutes(search: dependencies.search).add(to: authenticated)
        CommentRoutes(comments: dependencies.comments).add(to: authenticated)
    }

    public static let identity = HTTPModule(name: "Identity", contract: PackageResources.Identity_json) {
        api, authenticated, dependencies in
        let routes = IdentityRoutes(identity: dependencies.identity)
        routes.addPublicRoutes(to: api)
        routes.addAuthenticatedRoutes(to: authenticated)
    }

    public static let coOwnership = HTTPModule(name: "CoOwnership", contract: PackageResources.CoOwnership_json) {
        _, authenticated, dependencies in
        CoOwnershipRoutes(service: dependencies.coOwnership).add(to: authenticated)
    }

    public static let finance = HTTPModule(name: "Finance", contract: PackageResources.Finance_json) {
        _, authenticated, dependencies in
        BudgetRoutes(service: dependencies.budgets).add(to: authenticated)
        LedgerRoutes(service: dependencies.ledger).add(to: authenticated)
        FundsRoutes(service: dependencies.funds, documents: dependencies.documents).add(to: authenticated)
    }

    public static let maintenance = HTTPModule(name: "Maintenance", contract: PackageResources.Maintenance_json) {
        _, authenticated, dependencies in
        MaintenanceRoutes(service: dependencies.maintenance, documents: dependencies.documents).add(to: authenticated)
    }

    public static let governance = HTTPModule(name: "Governance", contract: PackageResources.Governance_json) {
        _, authenticated, dependencies in
        GovernanceRoutes(service: dependencies.governance, documents: dependencies.documents).add(to: authenticated)
    }

    public static let financeOperations = HTTPModule(
        name: "FinanceOperations", contract: PackageResources.FinanceOperations_json
    ) { _, authenticated, dependencies in
        InvoiceRoutes(service: dependencies.invoices).add(to: authenticated)
        ChargeRoutes(service: dependencies.charges).add(to: authenticated)
        BankRoutes(service: dependencies.banks).add(to: authenticated)
        ReminderRoutes(service: dependencies.reminders).add(to: authenticated)
    }

    public static let legalFile = HTTPModule(name: "LegalFile", contract: PackageResources.LegalFile_json) {
        api, authenticated, dependencies in
        EtatDateRoutes(service: dependencies.etatsDates, documents: dependencies.documents).add(to: authenticated)
        TechnicalInspectionRoutes(service: dependencies.technicalInspections).add(to: authenticated)
        let workReports = WorkReportRoutes(service: dependencies.workReports)
        workReports.addPublic(to: api)
        workReports.add(to: authenticated)
    }

    public static let community = HTTPModule(name: "Community", contract: PackageResources.Community_json) {
        _, authenticated, dependencies in
        CommunityRoutes(services: dependencies.community).add(to: authenticated)
    }

    public static let construction = HTTPModule(name: "Construction", contract: PackageResources.Construction_json) {
        _, authenticated, dependencies in
        ConstructionRoutes(services: dependencies.construction, documents: dependencies.documents).add(
            to: authenticated)
    }

    public static let inspection = HTTPModule(name: "Inspection", contract: PackageResources.Inspection_json) {
        api, authenticated, dependencies in
        InspectionRoutes(centres: dependencies.inspection.centres).add(to: authenticated)
        let appointments = AppointmentRoutes(
            appointments: dependencies.inspection.appointments, reminders: dependencies.inspection.reminders)
        appointments.addPublic(to: api)
        appointments.add(to: authenticated)
        VehicleIntakeRoutes(intake: dependencies.inspection.intake, documents: dependencies.documents).add(
            to: authenticated)
        let vehicleInspections = VehicleInspectionRoutes(inspections: dependencies.inspection.vehicleInspections)
        vehicleInspections.addPublic(to: api)
        vehicleInspections.add(to: authenticated)
        PublicCentreRoutes(
            page: dependencies.inspection.publicPage, centres: dependencies.inspection.centres,
            payments: dependencies.inspection.payments
        ).add(to: api)
        let assistant = AssistantRoutes(assistant: dependencies.inspection.assistant)
        assistant.addPublic(to: api)
        assistant.add(to: authenticated)
        let payments = PaymentRoutes(payments: dependencies.inspection.payments)
        payments.addPublic(to: api)
        payments.add(to: authenticated)
    }

    public static let documents = HTTPModule(name: "Documents", contract: PackageResources.Documents_json) {
        _, authenticated, dependencies in
        DocumentRoutes(service: dependencies.documents).add(to: authenticated)
    }

    public static let dispatch = HTTPModule(name: "Dispatch", contract: PackageResources.Dispatch_json) {
        api, authenticated, dependencies in
        PublicBookingRoutes(booking: dependencies.publicBooking).add(to: api)
        DispatchRoutes(service: dependencies.dispatch).add(to: authenticated)
        OnboardingRoutes(onboarding: dependencies.onboarding).add(to: authenticated)
    }
}
