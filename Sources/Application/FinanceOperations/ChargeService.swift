public import Domain
import Foundation

/// A charge key as a client sends it: each lot's weight, and the accounts it spreads by default.
public struct ChargeKeyInput: Sendable {
    public var name: String?
    public var weights: [(lotID: LotID, weight: Int64)]
    public var accounts: [String]

    public init(name: String?, weights: [(lotID: LotID, weight: Int64)], accounts: [String]) {
        self.name = name
        self.weights = weights
        self.accounts = accounts
    }
}

/// An approved invoice spread over the lots and their owners, and the key that spread it (nil:
/// the tantièmes).
public struct InvoiceDistribution: Sendable {
    public let invoice: PurchaseInvoice
    public let key: ChargeKey?
    public let lots: [LotID: Lot]
    public let distribution: ChargeDistribution
}

/// A building's charge statements for a year, the owners' names, and whether they are closed.
public struct ChargeStatementsView: Sendable {
    public let buildingID: BuildingID
    public let fiscalYear: Int
    public let closure: ChargeStatementClosure?
    public let statements: [ChargeStatement]
    /// The owner records of the statements, read once.
    let owners: [OwnerID: Owner]

    public var names: [OwnerID: String] { owners.mapValues(\.name) }
}

/// Charge keys, each approved invoice's distribution over the lots and owners, and the yearly
/// charge statement per owner: computed from the books, closed once a year into the ledger
/// (the owners' balances) and sent to each owner as a PDF.
public struct ChargeService: Sendable {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail
    let ledger: LedgerService
    /// The statements kept as PDFs and emailed at the closing (nil: the ledger only).
    let mailing: DocumentMailing?

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, ledger: LedgerService,
        mailing: DocumentMailing?
    ) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.trail = AuditTrail(clock: clock, ids: ids)
        self.ledger = ledger
        self.mailing = mailing
    }

    // MARK: - Keys

    public func createKey(in buildingID: BuildingID, _ input: ChargeKeyInput, as principal: Principal) async throws
        -> ChargeKey
    {
        try AccessPolicy.require(.manageInvoices, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesBuildings & UsesChargeKeys & UsesLots) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            let key = try ChargeKey(
                id: ChargeKeyID(ids.make()), organizationID: principal.organizationID, buildingID: buildingID,
                name: input.name ?? "", weights: try await weights(input, of: buildingID, repos),
                accounts: input.accounts, createdAt: clock.now())
            try await repos.chargeKeys.insert(key)
            try await trail.record(
                "charge_key.created", entity: "building", id: buildingID.description,
                payload: ["chargeKeyId": key.id.description], by: principal, organization: principal.organizationID,
                repos)
            return key
        }
    }

    public func updateKey(_ id: ChargeKeyID, _ input: ChargeKeyInput, as principal: Principal) async throws
        -> ChargeKey
    {
        try AccessPolicy.require(.manageInvoices, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesChargeKeys & UsesLots) in
            var key = try await visibleKey(id, principal, repos)
            try key.replace(
                name: input.name ?? key.name, weights: try await weights(input, of: key.buildingID, repos),
                accounts: input.accounts)
            try await repos.chargeKeys.update(key)
            try await trail.record(
                "charge_key.changed", entity: "building", id: key.buildingID.description,
                payload: ["chargeKeyId": id.description], by: principal, organization: principal.organizationID,
                repos)
            return key
        }
    }

    public func keys(of buildingID: BuildingID, as principal: Principal) async throws -> [ChargeKey] {
        try AccessPolicy.require(.readInvoices, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesChargeKeys) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            return try await repos.chargeKeys.keys(of: buildingID)
        }
    }

    public func key(_ id: ChargeKeyID, as principal: Principal) async throws -> ChargeKey {
        try AccessPolicy.require(.readInvoices, by: principal)
        return try await persistence.read { (repos: any UsesChargeKeys) in
            try await visibleKey(id, principal, repos)
        }
    }

    func visibleKey(_ id: ChargeKeyID, _ principal: Principal, _ repos: any UsesChargeKeys) async throws
        -> ChargeKey
    {
        try TenantScope.visible(
            try await repos.chargeKeys.find(id), in: \.organizationID, principal, entity: "charge_key",
            id: id.description)
    }

    /// The weights by lot, every lot one of the building's.
    private func weights(_ input: ChargeKeyInput, of buildingID: BuildingID, _ repos: any UsesLots)
        async throws -> [LotID: Int64]
    {
        let lots = Set(try await repos.lots.lots(of: buildingID).map(\.id))
        var weights: [LotID: Int64] = [:]
        for (index, entry) in input.weights.enumerated() {
            guard lots.contains(entry.lotID) else {
                throw DomainError.invalidValue(
                    field: "weights[\(index)].lot_id", reason: "is not a lot of this building")
            }
            guard weights[entry.lotID] == nil else {
                throw DomainError.invalidValue(field: "weights[\(index)].lot_id", reason: "names the lot twice")
            }
            weights[entry.lotID] = entry.weight
        }
        return weights
    }

    // MARK: - Distribution

    /// How an approved invoice is spread over the lots by its key, then over each lot's owners by
    /// their shares on the invoice date. Not a debt: owners pay advances through the calls.
    public func distribution(of id: PurchaseInvoiceID, as principal: Principal) async throws -> InvoiceDistribution {
        try AccessPolicy.require(.readInvoices, by: principal)
        return try await persistence.read {
            (repos: any UsesChargeKeys & UsesLots & UsesOwnerships & UsesPurchaseInvoices & UsesPurchaseSettings) in
            let invoice = try TenantScope.visible(
                try await repos.purchaseInvoices.find(id), in: \.organizationID, principal, entity: "invoice",
                id: id.description)
            guard invoice.status == .approved || invoice.status == .paid else {
                throw FinanceOperationsError.notBooked(invoice.status)
            }
            let books = try await Books(of: invoice.buildingID, repos)
            let (key, distribution) = try books.spread(invoice)
            return InvoiceDistribution(
                invoice: invoice, key: key, lots: Dictionary(uniqueKeysWithValues: books.lots.map { ($0.id, $0) }),
                distribution: distribution)
        }
    }

    // MARK: - Statements

    public func statements(of buildingID: BuildingID, fiscalYear: Int, as principal: Principal) async throws
        -> ChargeStatementsView
    {
        try AccessPolicy.require(.readLedger, by: principal)
        try Self.check(fiscalYear)
        return try await persistence.read { (repos: any ChargeStatementStores & UsesBuildings) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            return try await computed(of: buildingID, fiscalYear, repos)
        }
    }

    /// One owner's statement in one building: for the syndic's staff, and for the owner themself
    /// when their account is linked to the owner record.
    public func statement(of ownerID: OwnerID, in buildingID: BuildingID, fiscalYear: Int, as principal: Principal)
        async throws -> (statement: ChargeStatement, name: String, closure: ChargeStatementClosure?)
    {
        let staff = AccessPolicy.allows(principal, .readLedger)
        if !staff { try AccessPolicy.require(.readOwnAccount, by: principal) }
        try Self.check(fiscalYear)
        return try await persistence.read { (repos: any ChargeStatementStores & UsesBuildings) in
            let owner = try await TenantScope.owner(ownerID, principal, repos)
            guard staff || owner.userID == principal.userID else {
                throw ApplicationError.notFound(entity: "owner", id: ownerID.description)
            }
            _ = try await TenantScope.building(buildingID, principal, repos)
            let view = try await computed(of: buildingID, fiscalYear, repos)
            let statement =
                view.statements.first { $0.ownerID == ownerID } ?? .none(for: ownerID, fiscalYear: fiscalYear)
            return (statement, owner.name, view.closure)
        }
    }

    /// Closes the year's statements once: each owner's balance posted to their account (ODS,
    /// against 700, on 31 December, through the ledger's use case), and each statement kept as a
    /// PDF linked to its owner and emailed to those with an address, in one transaction.
    public func close(_ buildingID: BuildingID, fiscalYear: Int, as principal: Principal) async throws
        -> ChargeStatementsView
    {
        try AccessPolicy.require(.manageLedger, by: principal)
        try Self.check(fiscalYear)
        let pending = PendingNotices()
        let view: ChargeStatementsView
        do {
            view = try await persistence.write {
                (
                    repos: any ChargeStatementStores & MailedDocumentStores & UsesAccounts & UsesBudgetAlerts
                        & UsesBudgets & UsesBuildings & UsesJournal
                ) in
                let building = try await TenantScope.building(buildingID, principal, repos)
                try await repos.buildings.lock(buildingID)
                if try await repos.chargeStatementClosures.closure(of: buildingID, fiscalYear: fiscalYear) != nil {
                    throw StatementsClosed(fiscalYear: fiscalYear)
                }
                let open = try await computed(of: buildingID, fiscalYear, repos)
                var entryID: JournalEntryID?
                if let entry = try ChargeStatement.closingEntry(
                    open.statements, id: JournalEntryID(ids.make()), building: buildingID, fiscalYear: fiscalYear,
                    at: clock.now())
                {
                    entryID = try await ledger.post(entry, repos).id
                }
                let closure = ChargeStatementClosure(
                    fiscalYear: fiscalYear, journalEntryID: entryID, closedAt: clock.now())
                try await repos.chargeStatementClosures.insert(closure, of: buildingID)
                if let mailing, mailing.canRender {
                    var letters: [DocumentMailing.Letter] = []
                    for statement in open.statements {
                        let owner = open.owners[statement.ownerID]
                        let name = owner?.name ?? ""
                        letters.append(
                            DocumentMailing.Letter(
                                publication: DocumentsService.Publication(
                                    Self.print(statement, owner: name, building: building.name),
                                    fileName:
                                        "decompte-charges-\(fiscalYear)-\(statement.ownerID).pdf",
                                    kind: .other, link: EntityLink(type: "owner", id: statement.ownerID.rawValue),
                                    tags: ["decompte-de-charges"]),
                                email: owner?.email, subject: "Décompte de charges \(fiscalYear) - \(building.name)",
                                body: "Bonjour \(name),\n\nVous trouverez ci-joint votre décompte de charges "
                                    + "\(fiscalYear).\n\nVotre syndic"))
                    }
                    try await mailing.keepAndMail(letters, as: principal, pending: pending, repos)
                }
                try await trail.record(
                    "charge_statements.closed", entity: "building", id: buildingID.description,
                    payload: ["fiscalYear": String(fiscalYear), "journalEntryId": entryID?.description ?? "none"],
                    by: principal, organization: principal.organizationID, repos)
                return ChargeStatementsView(
                    buildingID: buildingID, fiscalYear: fiscalYear, closure: closure, statements: open.statements,
                    owners: open.owners)
            }
        } catch {
            await mailing?.failed(pending)
            throw error
        }
        await mailing?.sent(pending)
        return view
    }

    static func check(_ fiscalYear: Int) throws {
        guard FiscalYear.range.contains(fiscalYear) else {
            throw DomainError.invalidValue(
                field: "fiscalYear",
                reason: "must be between \(FiscalYear.range.lowerBound) and \(FiscalYear.range.upperBound)")
        }
    }

    func computed(
        of buildingID: BuildingID, _ fiscalYear: Int,
        _ repos: any ChargeStatementStores
    )
        async throws
        -> ChargeStatementsView
    {
        let books = try await Books(of: buildingID, repos)
        var charges: [ChargeStatement.Charge] = []
        for invoice in try await repos.purchaseInvoices.booked(in: buildingID, fiscalYear: fiscalYear)
        where invoice.nature == .ordinary {
            let (key, distribution) = try books.spread(invoice)
            charges.append(
                ChargeStatement.Charge(
                    key: key?.name, accountCode: invoice.chargeAccount ?? "", parts: distribution.byOwner))
        }
        let calls = try await repos.callsForFunds.sent(
            in: buildingID, from: try CalendarDate(year: fiscalYear, month: 1, day: 1),
            through: try CalendarDate(year: fiscalYear, month: 12, day: 31))
        let statements = ChargeStatement.statements(
            fiscalYear: fiscalYear, charges: charges, advances: try calls.map(ChargeStatement.advances))
        var owners: [OwnerID: Owner] = [:]
        for statement in statements {
            owners[statement.ownerID] = try await repos.owners.find(statement.ownerID)
        }
        return ChargeStatementsView(
            buildingID: buildingID, fiscalYear: fiscalYear,
            closure: try await repos.chargeStatementClosures.closure(of: buildingID, fiscalYear: fiscalYear),
            statements: statements, owners: owners)
    }

    static func print(_ statement: ChargeStatement, owner: String, building: String) -> PrintDocument {
        let rows = statement.charges.map { [$0.key ?? "Tantièmes", $0.accountCode, $0.amount.printed] }
        let balance = statement.balance
        return PrintDocument(
            title: "Décompte de charges \(statement.fiscalYear)",
            blocks: [
                .heading(owner), .paragraph(building),
                .table(
                    PrintDocument.Table(
                        headers: ["Clé de répartition", "Compte", "Montant"], rows: rows, widths: [0.5, 0.2, 0.3],
                        rightAligned: [2])),
                .paragraph("Charges ordinaires de l'exercice : \(statement.ordinaryCharges.printed)"),
                .paragraph("Provisions appelées : \(statement.ordinaryAdvances.printed)"),
                .paragraph(
                    balance.minorUnits >= 0
                        ? "Solde à payer : \(balance.printed)"
                        : "Solde en votre faveur : \(Money(minorUnits: -balance.minorUnits).printed)"),
                .paragraph(
                    "Charges extraordinaires appelées (à charge du propriétaire à la date de chaque appel) : "
                        + statement.extraordinaryCalled.printed),
            ], footer: "\(building) - décompte \(statement.fiscalYear)")
    }
}

/// What spreading a building's charges reads: its lots, their ownerships, its keys and whether
/// it recovers VAT (then the charge is the net amount).
struct Books {
    let lots: [Lot]
    let ownerships: [Ownership]
    let keys: [ChargeKeyID: ChargeKey]
    let byAccount: [String: ChargeKey]
    let recoversVAT: Bool

    init(of building: BuildingID, _ repos: any UsesChargeKeys & UsesLots & UsesOwnerships & UsesPurchaseSettings)
        async throws
    {
        lots = try await repos.lots.lots(of: building)
        ownerships = try await repos.ownerships.all(in: building)
        let keys = try await repos.chargeKeys.keys(of: building)
        self.keys = Dictionary(uniqueKeysWithValues: keys.map { ($0.id, $0) })
        var byAccount: [String: ChargeKey] = [:]
        for key in keys { for account in key.accounts { byAccount[account] = key } }
        self.byAccount = byAccount
        recoversVAT = (try await repos.purchaseSettings.settings(of: building))?.recoversVAT ?? false
    }

    /// The invoice's key (its own, else its account's, else nil for the tantièmes) and its spread.
    func spread(_ invoice: PurchaseInvoice) throws -> (ChargeKey?, ChargeDistribution) {
        let key = invoice.chargeKeyID.flatMap { keys[$0] } ?? invoice.chargeAccount.flatMap { byAccount[$0] }
        let weights =
            key?.weights ?? Dictionary(uniqueKeysWithValues: lots.map { ($0.id, Int64($0.tantiemes)) })
        let charged = (recoversVAT ? invoice.netAmount : invoice.total) ?? Money(minorUnits: 0)
        return (
            key,
            try ChargeDistribution(
                charged, over: lots.map(\.id), weights: weights, ownerships: ownerships,
                on: invoice.invoiceDate ?? CalendarDate(utcDayOf: invoice.createdAt))
        )
    }
}

/// What a year's charge statements are computed from (`computed(…)`).
typealias ChargeStatementStores = UsesCallsForFunds & UsesChargeKeys & UsesChargeStatementClosures & UsesLots
    & UsesOwners & UsesOwnerships & UsesPurchaseInvoices & UsesPurchaseSettings
