import Application
import Foundation
import SQLKit

/// All repositories bound to one connection or transaction.
struct SQLRepositories: Repositories {
    let db: any SQLDatabase
    let dialect: SQLDialect

    var organizations: any OrganizationRepository { SQLOrganizationRepository(db: db) }
    var users: any UserRepository { SQLUserRepository(db: db, dialect: dialect) }
    var memberships: any MembershipRepository { SQLMembershipRepository(db: db) }
    var invitations: any InvitationRepository { SQLInvitationRepository(db: db) }
    var refreshTokens: any RefreshTokenRepository { SQLRefreshTokenRepository(db: db) }
    var settings: any SettingsRepository { SQLSettingsRepository(db: db, dialect: dialect) }
    var passwordResets: any PasswordResetRepository { SQLPasswordResetRepository(db: db) }
    var twoFactor: any TwoFactorRepository { SQLTwoFactorRepository(db: db) }
    var mfaChallenges: any MFAChallengeRepository { SQLMFAChallengeRepository(db: db) }
    var twoFactorPolicies: any TwoFactorPolicyRepository { SQLTwoFactorPolicyRepository(db: db) }
    var signInSessions: any SignInSessionRepository { SQLSignInSessionRepository(db: db) }
    var emailChanges: any EmailChangeRepository { SQLEmailChangeRepository(db: db) }
    var buildings: any BuildingRepository { SQLBuildingRepository(db: db, dialect: dialect) }
    var lots: any LotRepository { SQLLotRepository(db: db, dialect: dialect) }
    var owners: any OwnerRepository { SQLOwnerRepository(db: db) }
    var ownerships: any OwnershipRepository { SQLOwnershipRepository(db: db) }
    var budgets: any BudgetRepository { SQLBudgetRepository(db: db, dialect: dialect) }
    var accounts: any AccountRepository { SQLAccountRepository(db: db, dialect: dialect) }
    var journal: any JournalRepository { SQLJournalRepository(db: db, dialect: dialect) }
    var callsForFunds: any CallForFundsRepository { SQLCallForFundsRepository(db: db) }
    var budgetAlerts: any BudgetAlertRepository { SQLBudgetAlertRepository(db: db) }
    var reserveFund: any ReserveFundRepository { SQLReserveFundRepository(db: db) }
    var audit: any AuditRepository { SQLAuditRepository(db: db) }
    var notifications: any NotificationRepository { SQLNotificationRepository(db: db) }
    var equipements: any EquipementRepository { SQLEquipementRepository(db: db, dialect: dialect) }
    var techniciens: any TechnicienRepository { SQLTechnicienRepository(db: db, dialect: dialect) }
    var interventions: any InterventionRepository { SQLInterventionRepository(db: db, dialect: dialect) }
    var plans: any PreventivePlanRepository { SQLPreventivePlanRepository(db: db, dialect: dialect) }
    var maintenanceSettings: any MaintenanceSettingsRepository { SQLMaintenanceSettingsRepository(db: db) }
    var jobLocks: any JobLockRepository { SQLJobLockRepository(db: db, dialect: dialect) }
    var jobRuns: any JobRunRepository { SQLJobRunRepository(db: db) }
    var personalData: any PersonalDataRepository { SQLPersonalDataRepository(db: db) }
    var erasureRequests: any ErasureRequestRepository { SQLErasureRequestRepository(db: db) }
    var consents: any ConsentRepository { SQLConsentRepository(db: db) }
    var personalDataReads: any PersonalDataReadRepository { SQLPersonalDataReadRepository(db: db) }
    var searchIndex: any SearchIndexRepository { SQLSearchIndexRepository(db: db, dialect: dialect) }
    var idempotencyKeys: any IdempotencyKeyRepository { SQLIdempotencyKeyRepository(db: db) }
    var comments: any CommentRepository { SQLCommentRepository(db: db) }
    var notificationPreferences: any NotificationPreferenceRepository {
        SQLNotificationPreferenceRepository(db: db)
    }
    var emailOutbox: any EmailOutboxRepository { SQLEmailOutboxRepository(db: db, dialect: dialect) }
    var mailQueue: any MailQueueRepository { SQLMailQueueRepository(db: db, dialect: dialect) }
    var societes: any SocieteRepository { SQLSocieteRepository(db: db, dialect: dialect) }
    var taxis: any TaxiRepository { SQLTaxiRepository(db: db, dialect: dialect) }
    var dispatchClients: any DispatchClientRepository { SQLDispatchClientRepository(db: db) }
    var commandes: any CommandeRepository { SQLCommandeRepository(db: db, dialect: dialect) }
    var demandes: any DemandeRepository { SQLDemandeRepository(db: db) }
    var dispatchStats: any DispatchStatsRepository { SQLDispatchStatsRepository(db: db) }
    var assemblies: any AssemblyRepository { SQLAssemblyRepository(db: db, dialect: dialect) }
    var resolutions: any ResolutionRepository { SQLResolutionRepository(db: db) }
    var register: any RegisterRepository { SQLRegisterRepository(db: db) }
    var writtenDecisions: any WrittenDecisionRepository { SQLWrittenDecisionRepository(db: db, dialect: dialect) }
    var mandates: any MandateRepository { SQLMandateRepository(db: db) }
    var agendaProposals: any AgendaProposalRepository { SQLAgendaProposalRepository(db: db) }
    var requisitions: any RequisitionRepository { SQLRequisitionRepository(db: db) }
    var minutesDistributions: any MinutesDistributionRepository { SQLMinutesDistributionRepository(db: db) }
    var lotRepresentatives: any LotRepresentativeRepository { SQLLotRepresentativeRepository(db: db) }
    var governanceSettings: any GovernanceSettingsRepository { SQLGovernanceSettingsRepository(db: db) }
    var suppliers: any SupplierRepository { SQLSupplierRepository(db: db, dialect: dialect) }
    var purchaseInvoices: any PurchaseInvoiceRepository { SQLPurchaseInvoiceRepository(db: db, dialect: dialect) }
    var purchaseSettings: any PurchaseSettingsRepository { SQLPurchaseSettingsRepository(db: db) }
    var chargeKeys: any ChargeKeyRepository { SQLChargeKeyRepository(db: db, dialect: dialect) }
    var bankStatements: any BankStatementRepository { SQLBankStatementRepository(db: db) }
    var collectionPolicies: any CollectionPolicyRepository { SQLCollectionPolicyRepository(db: db) }
    var duesReminders: any DuesReminderRepository { SQLDuesReminderRepository(db: db, dialect: dialect) }
    var etatsDates: any EtatDateRepository { SQLEtatDateRepository(db: db) }
    var legalFileSettings: any LegalFileSettingsRepository { SQLLegalFileSettingsRepository(db: db) }
    var transferCredits: any TransferCreditRepository { SQLTransferCreditRepository(db: db) }
    var technicalInspections: any TechnicalInspectionRepository { SQLTechnicalInspectionRepository(db: db) }
    var inspectionFrequencies: any InspectionFrequencyRepository { SQLInspectionFrequencyRepository(db: db) }
    var workReports: any WorkReportRepository { SQLWorkReportRepository(db: db) }
    var occupancies: any OccupancyRepository { SQLOccupancyRepository(db: db) }
    var polls: any PollRepository { SQLPollRepository(db: db) }
    var notices: any NoticeRepository { SQLNoticeRepository(db: db) }
    var skills: any SkillRepository { SQLSkillRepository(db: db) }
    var skillSessions: any SkillSessionRepository { SQLSkillSessionRepository(db: db) }
    var sharedObjects: any SharedObjectRepository { SQLSharedObjectRepository(db: db, dialect: dialect) }
    var objectLoans: any ObjectLoanRepository { SQLObjectLoanRepository(db: db, dialect: dialect) }
    var credits: any CreditLedgerRepository { SQLCreditLedgerRepository(db: db) }
    var communitySettings: any CommunitySettingsRepository { SQLCommunitySettingsRepository(db: db) }
    var resources: any ResourceRepository { SQLResourceRepository(db: db, dialect: dialect) }
    var bookings: any BookingRepository { SQLBookingRepository(db: db, dialect: dialect) }
    var projects: any ProjectRepository { SQLProjectRepository(db: db, dialect: dialect) }
    var projectMembers: any ProjectMemberRepository { SQLProjectMemberRepository(db: db) }
    var trades: any TradeRepository { SQLTradeRepository(db: db) }
    var projectTasks: any ProjectTaskRepository { SQLProjectTaskRepository(db: db) }
    var milestones: any MilestoneRepository { SQLMilestoneRepository(db: db) }
    var projectBudgets: any ProjectBudgetRepository { SQLProjectBudgetRepository(db: db) }
    var acceptances: any AcceptanceRepository { SQLAcceptanceRepository(db: db) }
    var projectChat: any ProjectChatRepository { SQLProjectChatRepository(db: db) }
    var projectChanges: any ProjectChangeRepository { SQLProjectChangeRepository(db: db) }
    var projectGuests: any ProjectGuestInvitationRepository { SQLProjectGuestInvitationRepository(db: db) }
    var centres: any CentreRepository { SQLCentreRepository(db: db, dialect: dialect) }
    var lanes: any LaneRepository { SQLLaneRepository(db: db) }
    var inspectionOffers: any InspectionOfferRepository { SQLInspectionOfferRepository(db: db) }
    var inspectorSchedules: any InspectorScheduleRepository { SQLInspectorScheduleRepository(db: db) }
    var vehicles: any VehicleRepository { SQLVehicleRepository(db: db, dialect: dialect) }
    var appointments: any AppointmentRepository { SQLAppointmentRepository(db: db, dialect: dialect) }
    var checklists: any ChecklistRepository { SQLChecklistRepository(db: db, dialect: dialect) }
    var vehicleInspections: any VehicleInspectionRepository {
        SQLVehicleInspectionRepository(db: db, dialect: dialect)
    }
    var paymentAccounts: any PaymentProviderAccountRepository { SQLPaymentProviderAccountRepository(db: db) }
    var payments: any PaymentRepository { SQLPaymentRepository(db: db) }
    var refunds: any RefundRepository { SQLRefundRepository(db: db) }
    var paymentEvents: any PaymentEventRepository { SQLPaymentEventRepository(db: db, dialect: dialect) }
    var appointmentLinks: any AppointmentLinkRepository { SQLAppointmentLinkRepository(db: db) }
    var owedRefunds: any OwedRefundRepository { SQLOwedRefundRepository(db: db) }
    var inspectionReminders: any InspectionReminderRepository { SQLInspectionReminderRepository(db: db) }
    var assistant: any AssistantRepository { SQLAssistantRepository(db: db) }
    var chargeStatementClosures: any ChargeStatementClosureRepository {
        SQLChargeStatementClosureRepository(db: db, dialect: dialect)
    }
    var documents: any DocumentRepository { SQLDocumentRepository(db: db, dialect: dialect) }
    var documentTexts: any DocumentTextRepository { SQLDocumentTextRepository(db: db, dialect: dialect) }
}

/// A `LIKE … ESCAPE '!'` pattern matching text that contains `text`, lower-cased, its `%`, `_`
/// and `!` taken literally.
func likeContaining(_ text: String) -> String {
    "%"
        + text.lowercased().replacingOccurrences(of: "!", with: "!!").replacingOccurrences(of: "%", with: "!%")
        .replacingOccurrences(of: "_", with: "!_") + "%"
}

/// Rows name their snake_case columns in CodingKeys: no key conversion on the hot path.
let rowDecoder = SQLRowDecoder()

extension SQLInsertBuilder {
    func row(_ value: some Encodable) throws -> Self {
        try model(value)
    }
}

/// A stored value that does not map back to the domain (hand-edited or corrupted data).
struct CorruptRow: Error, CustomStringConvertible {
    let table: String
    let reason: String
    var description: String { "corrupt row in \(table): \(reason)" }
}

extension CorruptRow {
    /// Ids stored as comma-separated text ('' when none), in order.
    static func ids(_ list: String, table: String, row: UUID) throws -> [UUID] {
        try list.split(separator: ",").map {
            guard let id = UUID(uuidString: String($0)) else {
                throw CorruptRow(table: table, reason: "an id listed in \(row)")
            }
            return id
        }
    }
}
