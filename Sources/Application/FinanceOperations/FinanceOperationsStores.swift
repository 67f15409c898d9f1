public import Domain
public import Foundation

public struct SupplierFilter: Sendable {
    /// Matches names containing it (case and accents ignored where the database can).
    public var name: String?

    public init(name: String? = nil) { self.name = name }
}

public protocol SupplierRepository: Sendable {
    /// Throws `SupplierExists` for a second supplier of the organization with the same VAT number.
    func insert(_ supplier: Supplier) async throws
    func find(_ id: SupplierID) async throws -> Supplier?
    func update(_ supplier: Supplier) async throws
    /// By name.
    func list(of organization: OrganizationID, filter: SupplierFilter, page: PageRequest) async throws
        -> Page<Supplier>
    /// The organization's supplier with this VAT number, else with this IBAN.
    func match(vatNumber: VATNumber?, iban: IBAN?, in organization: OrganizationID) async throws -> Supplier?
}

public struct InvoiceFilter: Sendable {
    public var status: PurchaseInvoice.Status?
    public var category: PurchaseInvoice.Category?
    public var supplierID: SupplierID?

    public init(
        status: PurchaseInvoice.Status? = nil, category: PurchaseInvoice.Category? = nil, supplierID: SupplierID? = nil
    ) {
        self.status = status
        self.category = category
        self.supplierID = supplierID
    }
}

public protocol PurchaseInvoiceRepository: Sendable {
    func insert(_ invoice: PurchaseInvoice) async throws
    func find(_ id: PurchaseInvoiceID) async throws -> PurchaseInvoice?
    /// Holds the invoice until the transaction ends, so two approvals cannot both book it.
    func lock(_ id: PurchaseInvoiceID) async throws
    func update(_ invoice: PurchaseInvoice) async throws
    /// Newest invoice date first (drafts without a date first), then newest created.
    func list(of building: BuildingID, filter: InvoiceFilter, page: PageRequest) async throws
        -> Page<PurchaseInvoice>
    /// The building's approved or paid invoices dated in the fiscal year, oldest first.
    func booked(in building: BuildingID, fiscalYear: Int) async throws -> [PurchaseInvoice]
}

public protocol ChargeKeyRepository: Sendable {
    /// Throws `ChargeAccountTaken` for an account another key of the building already spreads.
    func insert(_ key: ChargeKey) async throws
    /// Replaces the name, weights and accounts.
    func update(_ key: ChargeKey) async throws
    func find(_ id: ChargeKeyID) async throws -> ChargeKey?
    /// By name.
    func keys(of building: BuildingID) async throws -> [ChargeKey]
}

/// Another charge key of the building already spreads this account.
public struct ChargeAccountTaken: Error, Equatable, Sendable {
    public let accountCode: String

    public init(accountCode: String) { self.accountCode = accountCode }
}

/// When a year's charge statements were closed, and the entry that posted the balances.
public struct ChargeStatementClosure: Sendable, Equatable {
    public let fiscalYear: Int
    public let journalEntryID: JournalEntryID?
    public let closedAt: Date

    public init(fiscalYear: Int, journalEntryID: JournalEntryID?, closedAt: Date) {
        self.fiscalYear = fiscalYear
        self.journalEntryID = journalEntryID
        self.closedAt = closedAt
    }
}

public protocol ChargeStatementClosureRepository: Sendable {
    func closure(of building: BuildingID, fiscalYear: Int) async throws -> ChargeStatementClosure?
    /// Throws `StatementsClosed` when the year is closed already.
    func insert(_ closure: ChargeStatementClosure, of building: BuildingID) async throws
}

/// The year's charge statements are closed already (409).
public struct StatementsClosed: Error, Equatable, Sendable {
    public let fiscalYear: Int

    public init(fiscalYear: Int) { self.fiscalYear = fiscalYear }
}

/// Per building: how its purchases are approved and booked.
public struct PurchaseSettings: Sendable, Equatable {
    /// Above this total a board member approves too, where the building has a board: the amount
    /// from which the assembly made competitive tendering mandatory (art. 3.88 §1 1° c). None by
    /// default: the law leaves it to the assembly.
    public var boardApprovalThreshold: Money?
    /// Whether the association deducts VAT (rare: most co-ownerships are not VAT-registered).
    public var recoversVAT: Bool

    public static let standard = PurchaseSettings(boardApprovalThreshold: nil, recoversVAT: false)

    public init(boardApprovalThreshold: Money?, recoversVAT: Bool) {
        self.boardApprovalThreshold = boardApprovalThreshold
        self.recoversVAT = recoversVAT
    }
}

public protocol PurchaseSettingsRepository: Sendable {
    func settings(of building: BuildingID) async throws -> PurchaseSettings?
    func save(_ settings: PurchaseSettings, of building: BuildingID, at: Date) async throws
}

/// A supplier of the organization already has this VAT number.
public struct SupplierExists: Error, Equatable, Sendable {
    public let vatNumber: String

    public init(vatNumber: String) { self.vatNumber = vatNumber }
}

public protocol BankStatementRepository: Sendable {
    func insert(_ statement: BankStatement) async throws
    func find(_ id: BankStatementID) async throws -> BankStatement?
    /// The statement of this building, account and number, when it was imported already.
    func find(in building: BuildingID, account: String, number: String) async throws -> BankStatement?
    /// Newest statement date first.
    func list(of building: BuildingID, page: PageRequest) async throws -> Page<BankStatement>
    func insert(_ lines: [BankLine]) async throws
    /// In statement order.
    func lines(of statement: BankStatementID) async throws -> [BankLine]
    func line(_ id: BankLineID) async throws -> BankLine?
    func update(_ line: BankLine) async throws
    /// The building's lines of these statuses, oldest first.
    func lines(of building: BuildingID, status: [BankLine.Status], page: PageRequest) async throws -> Page<BankLine>
    /// The owner whose payments came from this account before (matched or assigned), the latest.
    func payer(using iban: IBAN, in building: BuildingID) async throws -> OwnerID?
}

public protocol CollectionPolicyRepository: Sendable {
    func policy(of building: BuildingID) async throws -> CollectionPolicy?
    func save(_ policy: CollectionPolicy, of building: BuildingID, organization: OrganizationID, at: Date)
        async throws
    /// Every organization's buildings whose reminders are automatic.
    func automatic() async throws -> [(organization: OrganizationID, building: BuildingID)]
}

public struct ReminderFilter: Sendable {
    public var ownerID: OwnerID?
    public var status: DuesReminder.Status?

    public init(ownerID: OwnerID? = nil, status: DuesReminder.Status? = nil) {
        self.ownerID = ownerID
        self.status = status
    }
}

public protocol DuesReminderRepository: Sendable {
    /// Throws `FinanceOperationsError.reminderExists` for a second open reminder of the same call,
    /// owner and level.
    func insert(_ reminder: DuesReminder) async throws
    func find(_ id: DuesReminderID) async throws -> DuesReminder?
    /// Stores the status, its dates, the tracking number, the letter and the fee's entry.
    func update(_ reminder: DuesReminder) async throws
    /// Newest first.
    func list(of building: BuildingID, filter: ReminderFilter, page: PageRequest) async throws
        -> Page<DuesReminder>
    /// Every reminder of the building, oldest first.
    func all(in building: BuildingID) async throws -> [DuesReminder]
    /// The owner's open (pending or sent) reminders on the call.
    func open(call: CallForFundsID, owner: OwnerID) async throws -> [DuesReminder]
}

/// Reads a bank file: CODA or CAMT.053, told from its content.
public protocol BankStatementReader: Sendable {
    /// Throws `BankStatementError` naming the line of a malformed file.
    func read(_ bytes: [UInt8]) throws -> BankStatementFile
}

/// The finance operations module's stores.
public protocol FinanceOperationsStores:
    UsesSuppliers,
    UsesPurchaseInvoices,
    UsesPurchaseSettings,
    UsesChargeKeys,
    UsesChargeStatementClosures,
    UsesBankStatements,
    UsesCollectionPolicies,
    UsesDuesReminders
{}

/// A use case that reads or writes `suppliers`.
public protocol UsesSuppliers: Sendable { var suppliers: any SupplierRepository { get } }

/// A use case that reads or writes `purchaseInvoices`.
public protocol UsesPurchaseInvoices: Sendable { var purchaseInvoices: any PurchaseInvoiceRepository { get } }

/// A use case that reads or writes `purchaseSettings`.
public protocol UsesPurchaseSettings: Sendable { var purchaseSettings: any PurchaseSettingsRepository { get } }

/// A use case that reads or writes `chargeKeys`.
public protocol UsesChargeKeys: Sendable { var chargeKeys: any ChargeKeyRepository { get } }

/// A use case that reads or writes `chargeStatementClosures`.
public protocol UsesChargeStatementClosures: Sendable {
    var chargeStatementClosures: any ChargeStatementClosureRepository { get }
}

/// A use case that reads or writes `bankStatements`.
public protocol UsesBankStatements: Sendable { var bankStatements: any BankStatementRepository { get } }

/// A use case that reads or writes `collectionPolicies`.
public protocol UsesCollectionPolicies: Sendable { var collectionPolicies: any CollectionPolicyRepository { get } }

/// A use case that reads or writes `duesReminders`.
public protocol UsesDuesReminders: Sendable { var duesReminders: any DuesReminderRepository { get } }
