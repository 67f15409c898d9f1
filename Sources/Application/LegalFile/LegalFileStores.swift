public import Domain
public import Foundation

public struct EtatDateFilter: Sendable {
    public var status: EtatDate.Status?
    /// Keeps the open requests past their due date on that day.
    public var overdueOn: CalendarDate?

    public init(status: EtatDate.Status? = nil, overdueOn: CalendarDate? = nil) {
        self.status = status
        self.overdueOn = overdueOn
    }
}

public protocol EtatDateRepository: Sendable {
    /// The next number of the organization's états datés of the year (from 1, never given twice).
    func nextNumber(of organization: OrganizationID, year: Int) async throws -> Int
    func insert(_ etatDate: EtatDate) async throws
    func find(_ id: EtatDateID) async throws -> EtatDate?
    /// Stores the status, the manual sections, the document, the fee's entry and the dates.
    func update(_ etatDate: EtatDate) async throws
    /// Soonest due first.
    func list(of organization: OrganizationID, filter: EtatDateFilter, page: PageRequest) async throws
        -> Page<EtatDate>
    /// Every organization's open requests due on or before the day whose syndic was not told yet.
    func dueUnreminded(onOrBefore day: CalendarDate) async throws -> [EtatDate]
}

/// Per building: the syndic's fee for an état daté, charged to the seller.
public struct LegalFileSettings: Sendable, Equatable {
    public var etatDateFee: Money

    public static let standard = LegalFileSettings(etatDateFee: Money(minorUnits: 0))

    public init(etatDateFee: Money) { self.etatDateFee = etatDateFee }
}

public protocol LegalFileSettingsRepository: Sendable {
    func settings(of building: BuildingID) async throws -> LegalFileSettings?
    func save(_ settings: LegalFileSettings, of building: BuildingID, at: Date) async throws
}

public protocol TransferCreditRepository: Sendable {
    func insert(_ credit: TransferCredit) async throws
    /// The lot's credits, newest transfer first.
    func credits(of lot: LotID) async throws -> [TransferCredit]
}

public protocol TechnicalInspectionRepository: Sendable {
    func insert(_ inspection: TechnicalInspection) async throws
    func find(_ id: TechnicalInspectionID) async throws -> TechnicalInspection?
    /// Stores the status, the dates, the findings, the certificate and the intervention.
    func update(_ inspection: TechnicalInspection) async throws
    /// The organization's inspections (of one building, when given), soonest due first.
    func list(
        of organization: OrganizationID, building: BuildingID?, filter: TechnicalInspectionFilter, page: PageRequest
    ) async throws -> Page<TechnicalInspection>
    /// The regulated plan of a type on a piece of equipment, when there is one.
    func plan(of equipement: EquipementID, type: InspectionType) async throws -> PreventivePlanID?
    /// Records that `plan` is the equipment's regulated plan for the type.
    func link(plan: PreventivePlanID, equipement: EquipementID, type: InspectionType, organization: OrganizationID)
        async throws
    /// The plan's open inspection (scheduled or in progress), when there is one.
    func open(of plan: PreventivePlanID) async throws -> TechnicalInspection?
    /// Every organization's open inspections due on or before the day.
    func openDue(onOrBefore day: CalendarDate) async throws -> [TechnicalInspection]
    /// The alerts sent for an inspection, in days before its due date.
    func alertsSent(of inspection: TechnicalInspectionID) async throws -> [Int]
    /// False when that alert was sent already.
    func recordAlert(of inspection: TechnicalInspectionID, days: Int, at: Date) async throws -> Bool
}

/// An organization's own inspection frequencies, replacing the legal table's.
public protocol InspectionFrequencyRepository: Sendable {
    /// Keyed `type/region`.
    func overrides(of organization: OrganizationID) async throws -> [String: LegalFrequency]
    func setOverride(
        _ frequency: LegalFrequency, type: InspectionType, region: Region, of organization: OrganizationID, at: Date
    ) async throws
    func removeOverride(type: InspectionType, region: Region, of organization: OrganizationID) async throws
}

public protocol WorkReportRepository: Sendable {
    func insert(_ report: WorkReport) async throws
    func find(_ id: WorkReportID) async throws -> WorkReport?
    /// Stores what may change: the invoice, the details, the warranty (and its end), the status,
    /// the review and the dates.
    func update(_ report: WorkReport) async throws
    /// The building's reports, newest first.
    func list(in building: BuildingID, filter: WorkReportFilter, page: PageRequest) async throws -> Page<WorkReport>
    /// True when a validated report names the invoice.
    func hasValidated(invoice: PurchaseInvoiceID) async throws -> Bool
    /// Every organization's validated reports with a warranty end whose syndic was not told yet.
    func warrantiesUnalerted() async throws -> [WorkReport]
    /// Keeps the report's link (replacing an earlier one).
    func saveLink(_ link: ContractorLink) async throws
    func link(digest: String) async throws -> ContractorLink?
}

/// The legal file module's stores.
public protocol LegalFileStores:
    UsesEtatsDates,
    UsesLegalFileSettings,
    UsesTransferCredits,
    UsesTechnicalInspections,
    UsesInspectionFrequencies,
    UsesWorkReports
{}

/// A use case that reads or writes `etatsDates`.
public protocol UsesEtatsDates: Sendable { var etatsDates: any EtatDateRepository { get } }

/// A use case that reads or writes `legalFileSettings`.
public protocol UsesLegalFileSettings: Sendable { var legalFileSettings: any LegalFileSettingsRepository { get } }

/// A use case that reads or writes `transferCredits`.
public protocol UsesTransferCredits: Sendable { var transferCredits: any TransferCreditRepository { get } }

/// A use case that reads or writes `technicalInspections`.
public protocol UsesTechnicalInspections: Sendable {
    var technicalInspections: any TechnicalInspectionRepository { get }
}

/// A use case that reads or writes `inspectionFrequencies`.
public protocol UsesInspectionFrequencies: Sendable {
    var inspectionFrequencies: any InspectionFrequencyRepository { get }
}

/// A use case that reads or writes `workReports`.
public protocol UsesWorkReports: Sendable { var workReports: any WorkReportRepository { get } }
