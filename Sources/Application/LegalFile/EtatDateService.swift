public import Domain
import Foundation

/// A request as a client sends it.
public struct EtatDateInput: Sendable {
    public var kind: String?
    public var requesterRole: String?
    public var requesterName: String?
    public var requesterOffice: String?
    public var requesterEmail: String?
    public var referenceDate: String?
    /// Today when left out.
    public var receivedOn: String?

    public init(
        kind: String?, requesterRole: String?, requesterName: String?, requesterOffice: String?,
        requesterEmail: String?, referenceDate: String?, receivedOn: String?
    ) {
        self.kind = kind
        self.requesterRole = requesterRole
        self.requesterName = requesterName
        self.requesterOffice = requesterOffice
        self.requesterEmail = requesterEmail
        self.referenceDate = referenceDate
        self.receivedOn = receivedOn
    }
}

/// What the books say for an état daté, on its reference date.
public struct EtatDateContent: Sendable {
    public struct Line: Sendable, Equatable {
        public let description: String
        public let date: CalendarDate?
        public let amount: Money
    }

    public struct Assembly: Sendable, Equatable {
        public let id: AssemblyID
        public let date: CalendarDate
        public let kind: GeneralAssembly.Kind
        public let status: GeneralAssembly.Status
    }

    public struct StatementYear: Sendable, Equatable {
        public let fiscalYear: Int
        /// The sellers' balance: to pay (positive) or to refund (negative).
        public let balance: Money
        public let closed: Bool
    }

    public struct BalanceSheet: Sendable, Equatable {
        public let fiscalYear: Int
        /// Classes 1 to 5, by account, debit positive.
        public let accounts: [AccountBalance]
    }

    public let lotNumber: String
    public let sellers: [String]
    /// §1 1°: the credit balances of the working fund (100) and of the reserve fund (160 and the
    /// reserve calls of open years, 701).
    public let workingFund: Money
    public let reserveFund: Money
    /// §1 2°: the sellers' contributions still unpaid on calls made by the reference date.
    public let arrears: [Line]
    /// §1 2°: the reminder fees charged to the sellers.
    public let collectionCosts: [Line]
    /// §1 2°: the syndic's fee for this état daté.
    public let fee: Money
    /// §1 3°: the reserve fund's share of each call made by the reference date, the sellers' part.
    public let reserveCalls: [Line]
    /// §1 5°: the assemblies of the last 3 years (their minutes are their documents).
    public let assemblies: [Assembly]
    /// §1 5°: the sellers' charge statements of the last 2 years.
    public let chargeStatements: [StatementYear]
    /// §1 6°: the last year whose accounts the assembly approved (closed).
    public let balanceSheet: BalanceSheet?
    /// §2 1° and 2°: calls decided by the reference date but not called by it (drafts, or later
    /// call dates), the lot's share.
    public let calledAfter: [Line]

    /// What the seller owes: the arrears, the collection costs and this fee.
    public var totalOwed: Money {
        Money(
            minorUnits: (arrears + collectionCosts).reduce(fee.minorUnits) { $0 + $1.amount.minorUnits })
    }
}

/// A request with its computed content and what is still missing, as of today.
public struct EtatDateView: Sendable {
    public let etatDate: EtatDate
    public let content: EtatDateContent?
    public let missing: [EtatDate.ManualSections.Section]
    public let isOverdue: Bool
    public let isExpired: Bool
    /// The PDF's current version.
    public let version: Int?
}

/// The état daté: requests from notaries and sellers, answered within the legal periods with
/// figures computed from the books, generated as a PDF of the lot, emailed to the requester, and
/// the syndic's fee charged to the seller.
public struct EtatDateService: Sendable {
    public static let deadlinesJob = "etat-date-deadlines"
    /// The syndic is told this many days before a request is due.
    static let reminderDays = 3

    public static let notificationTypes = [
        NotificationType("legal_file.etat_date_due", "an état daté must be answered within 3 days")
    ]

    static let receivable = "410"

    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail
    let ledger: LedgerService
    let charges: ChargeService
    let mailing: DocumentMailing?

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, ledger: LedgerService,
        charges: ChargeService, mailing: DocumentMailing?
    ) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.trail = AuditTrail(clock: clock, ids: ids)
        self.ledger = ledger
        self.charges = charges
        self.mailing = mailing
    }

    var today: CalendarDate { CalendarDate(utcDayOf: clock.now()) }

    /// At the deed: the seller credited their share of the working fund for the rest of each
    /// period (ODS: 410 debited for the buyer, who takes it over, 410 credited for the seller),
    /// in the transfer's transaction.
    public func subscribe(to bus: DomainEventBus) {
        bus.subscribe { event, repos in
            guard let transfer = event as? LotTransferred else { return [] }
            let calls = try await repos.callsForFunds.sent(
                in: transfer.building, from: try CalendarDate(year: 2000, month: 1, day: 1), through: transfer.on)
            let parts = try TransferCredit.parts(of: calls, seller: transfer.seller, transferDate: transfer.on)
            guard !parts.isEmpty else { return [] }
            let amount = Money(minorUnits: parts.reduce(0) { $0 + $1.amount.minorUnits })
            var entryID: JournalEntryID?
            if amount.minorUnits > 0 {
                let zero = Money(minorUnits: 0)
                let label = "Décompte de transfert du \(transfer.on): fonds de roulement"
                entryID =
                    try await ledger.post(
                        try JournalEntry(
                            id: JournalEntryID(ids.make()), buildingID: transfer.building, journal: .miscellaneous,
                            type: .transfer, entryDate: transfer.on, description: label, documentRef: nil,
                            lines: [
                                try JournalLine(
                                    accountCode: Self.receivable, debit: amount, credit: zero,
                                    description: "Acquéreur \(transfer.buyer)", index: 0),
                                try JournalLine(
                                    accountCode: Self.receivable, debit: zero, credit: amount,
                                    description: "Vendeur \(transfer.seller)", index: 1),
                            ], createdAt: clock.now()), repos
                    ).id
            }
            try await repos.transferCredits.insert(
                TransferCredit(
                    id: TransferCreditID(ids.make()), organizationID: transfer.organization,
                    buildingID: transfer.building, lotID: transfer.lot, sellerID: transfer.seller,
                    buyerID: transfer.buyer, transferDate: transfer.on, parts: parts, journalEntryID: entryID,
                    createdAt: clock.now()))
            return []
        }
    }

    /// The working fund credits of the lot's transfers.
    public func transferCredits(of lotID: LotID, as principal: Principal) async throws -> [TransferCredit] {
        try AccessPolicy.require(.readLegalFile, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesLots & UsesTransferCredits) in
            _ = try await visibleLot(lotID, principal, repos)
            return try await repos.transferCredits.credits(of: lotID)
        }
    }

    // MARK: - Settings

    public func settings(of buildingID: BuildingID, as principal: Principal) async throws -> LegalFileSettings {
        try AccessPolicy.require(.readLegalFile, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesLegalFileSettings) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            return try await repos.legalFileSettings.settings(of: buildingID) ?? .standard
        }
    }

    public func saveSettings(_ settings: LegalFileSettings, of buildingID: BuildingID, as principal: Principal)
        async throws -> LegalFileSettings
    {
        try AccessPolicy.require(.manageLegalFile, by: principal)
        guard settings.etatDateFee.minorUnits >= 0, !(CollectionPolicy.maximumFee < settings.etatDateFee) else {
            throw DomainError.invalidValue(
                field: "etatDateFee", reason: "must be between 0 and \(CollectionPolicy.maximumFee.decimalString)")
        }
        return try await persistence.write { (repos: any UsesAudit & UsesBuildings & UsesLegalFileSettings) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            try await repos.legalFileSettings.save(settings, of: buildingID, at: clock.now())
            try await trail.record(
                "legal_file_settings.changed", entity: "building", id: buildingID.description,
                payload: ["etatDateFee": settings.etatDateFee.decimalString], by: principal,
                organization: principal.organizationID, repos)
            return settings
        }
    }

    // MARK: - Requests

    public func request(for lotID: LotID, _ input: EtatDateInput, as principal: Principal) async throws
        -> EtatDateView
    {
        try AccessPolicy.require(.manageLegalFile, by: principal)
        let today = today
        return try await persistence.write { (repos: any EtatDateViewStores & UsesAudit & UsesEtatsDates) in
            let lot = try await visibleLot(lotID, principal, repos)
            let kind = try Self.parseRequired(input.kind, EtatDate.Kind.self, field: "kind")
            let role = try Self.parseRequired(
                input.requesterRole, EtatDate.Requester.Role.self, field: "requester.role")
            let requester = try EtatDate.Requester(
                role: role, name: input.requesterName ?? "", office: input.requesterOffice,
                email: try input.requesterEmail.map { try Email($0, field: "requester.email") })
            guard let rawReference = input.referenceDate else {
                throw DomainError.invalidValue(field: "referenceDate", reason: "is required")
            }
            let referenceDate = try CalendarDate(parsing: rawReference, field: "referenceDate")
            let receivedOn = try input.receivedOn.map { try CalendarDate(parsing: $0, field: "receivedOn") } ?? today
            guard receivedOn <= today else {
                throw DomainError.invalidValue(field: "receivedOn", reason: "must not be after today")
            }
            let number = try await repos.etatsDates.nextNumber(of: principal.organizationID, year: receivedOn.year)
            let etatDate = EtatDate(
                id: EtatDateID(ids.make()), organizationID: principal.organizationID, buildingID: lot.buildingID,
                lotID: lotID, reference: EtatDate.reference(year: receivedOn.year, number: number), kind: kind,
                requester: requester, referenceDate: referenceDate, receivedOn: receivedOn, createdAt: clock.now())
            try await repos.etatsDates.insert(etatDate)
            try await audit("etat_date.requested", etatDate, principal, repos)
            return try await view(of: etatDate, repos)
        }
    }

    public func etatsDates(status: EtatDate.Status?, overdue: Bool, page: PageRequest, as principal: Principal)
        async throws -> Page<EtatDateView>
    {
        try AccessPolicy.require(.readLegalFile, by: principal)
        let today = today
        return try await persistence.read { (repos: any UsesEtatsDates) in
            let page = try await repos.etatsDates.list(
                of: principal.organizationID, filter: EtatDateFilter(status: status, overdueOn: overdue ? today : nil),
                page: page)
            return Page(
                items: page.items.map { summary(of: $0) }, request: page.request, totalItems: page.totalItems)
        }
    }

    /// A request with its content computed from the books now.
    public func etatDate(_ id: EtatDateID, as principal: Principal) async throws -> EtatDateView {
        try AccessPolicy.require(.readLegalFile, by: principal)
        return try await persistence.read { (repos: any EtatDateViewStores & UsesEtatsDates) in
            try await view(of: try await visible(id, principal, repos), repos)
        }
    }

    public func start(_ id: EtatDateID, as principal: Principal) async throws -> EtatDateView {
        try await change(id, "etat_date.started", as: principal) { etatDate, _ in try etatDate.start() }
    }

    /// Replaces the sections named; a section sent as an empty list says there is none.
    public func fill(
        _ id: EtatDateID, _ sections: [EtatDate.ManualSections.Section: [EtatDate.Item]], as principal: Principal
    ) async throws -> EtatDateView {
        for (section, items) in sections where items.count > EtatDate.ManualSections.maximumItems {
            throw DomainError.invalidValue(
                field: section.rawValue, reason: "must have at most \(EtatDate.ManualSections.maximumItems) lines")
        }
        return try await change(id, "etat_date.sections_filled", as: principal) { etatDate, _ in
            for (section, items) in sections { etatDate.manual.items[section] = items }
        }
    }

    public func deliver(_ id: EtatDateID, as principal: Principal) async throws -> EtatDateView {
        try await change(id, "etat_date.delivered", as: principal) { etatDate, now in try etatDate.deliver(at: now) }
    }

    /// The PDF made from the books as of the reference date, kept as a document of the lot (a new
    /// version when generated again) and emailed to the requester; the first generation charges
    /// the building's fee to the seller's account (VEN, 410 against 74). Refused (422) while a
    /// section the kind needs is missing.
    public func generate(_ id: EtatDateID, as principal: Principal) async throws -> EtatDateView {
        try AccessPolicy.require(.manageLegalFile, by: principal)
        let today = today
        let pending = PendingNotices()
        let result: EtatDateView
        do {
            result = try await persistence.write {
                (
                    repos: any EtatDateContentStores & MailedDocumentStores & UsesAccounts & UsesBudgetAlerts
                        & UsesBudgets & UsesEtatsDates
                ) in
                var etatDate = try await visible(id, principal, repos)
                try await repos.buildings.lock(etatDate.buildingID)
                try etatDate.generate(on: today, at: clock.now())
                let building = try await TenantScope.building(etatDate.buildingID, principal, repos)
                let content = try await content(of: etatDate, repos)
                guard !content.sellers.isEmpty else { throw LegalFileError.noSeller }
                var feeEntry: JournalEntryID?
                if etatDate.feeEntryID == nil, content.fee.minorUnits > 0 {
                    feeEntry = try await ledger.post(try feeEntryOf(etatDate, content, on: today), repos).id
                }
                guard let mailing, mailing.canRender else { throw DocumentError.rendererUnavailable }
                let letter = DocumentMailing.Letter(
                    publication: DocumentsService.Publication(
                        Self.print(etatDate, content, building: building, on: today),
                        fileName: "etat-date-\(etatDate.reference).pdf", kind: .other,
                        link: EntityLink(type: "lot", id: etatDate.lotID.rawValue), tags: ["etat-date"]),
                    email: etatDate.requester.email,
                    subject: "État daté \(etatDate.reference) - lot \(content.lotNumber)",
                    body: "Madame, Monsieur,\n\nVous trouverez ci-joint l'état daté \(etatDate.reference) du lot "
                        + "\(content.lotNumber) de la copropriété \(building.name), au \(etatDate.referenceDate).\n\n"
                        + "Le syndic")
                let document = try await mailing.keepAndMail(
                    letter, replacing: etatDate.documentID, as: principal, pending: pending, repos)
                etatDate.record(document: document.document.id, feeEntry: feeEntry)
                try await repos.etatsDates.update(etatDate)
                try await audit("etat_date.generated", etatDate, principal, repos)
                return EtatDateView(
                    etatDate: etatDate, content: content, missing: [], isOverdue: etatDate.isOverdue(on: today),
                    isExpired: false, version: document.document.currentVersion)
            }
        } catch {
            await mailing?.failed(pending)
            throw error
        }
        await mailing?.sent(pending)
        return result
    }

    /// The PDF's current version and the request's reference, for a download (the content is
    /// not computed again: the PDF holds it).
    public func document(of id: EtatDateID, as principal: Principal) async throws
        -> (document: DocumentID, version: Int, reference: String)
    {
        try AccessPolicy.require(.readLegalFile, by: principal)
        return try await persistence.read { (repos: any UsesDocuments & UsesEtatsDates) in
            let etatDate = try await visible(id, principal, repos)
            guard let document = etatDate.documentID,
                let version = try await repos.documents.find(document)?.currentVersion
            else { throw ApplicationError.notFound(entity: "etat_date document", id: id.description) }
            return (document, version, etatDate.reference)
        }
    }

    /// Tells the organization's admins and syndics, once per request, that one is due within 3
    /// days (or late).
    public func runDeadlineJob() async throws -> JobReport {
        let now = clock.now()
        let horizon = CalendarDate(utcDayOf: now).adding(days: Self.reminderDays)
        return try await persistence.write { (repos: any UsesEtatsDates & UsesMemberships & UsesNotifications) in
            var notified = 0
            for var etatDate in try await repos.etatsDates.dueUnreminded(onOrBefore: horizon) {
                let recipients = try await repos.memberships.users(
                    withAnyOf: [.admin, .syndic], in: etatDate.organizationID)
                notified += try await trail.notify(
                    recipients, in: etatDate.organizationID, kind: "legal_file.etat_date_due",
                    title: "État daté \(etatDate.reference) à fournir",
                    body: "À fournir au plus tard le \(etatDate.dueOn) (\(etatDate.requester.name))",
                    entity: "etat_date", id: etatDate.id.description, repos)
                etatDate.remind(at: now)
                try await repos.etatsDates.update(etatDate)
            }
            return JobReport(job: Self.deadlinesJob, ran: true, notified: notified)
        }
    }

    // MARK: - The content

    func content(
        of etatDate: EtatDate,
        _ repos: any EtatDateContentStores
    ) async throws -> EtatDateContent {
        let reference = etatDate.referenceDate
        let building = etatDate.buildingID
        guard let lot = try await repos.lots.find(etatDate.lotID),
            let record = try await repos.buildings.find(building)
        else { throw ApplicationError.notFound(entity: "lot", id: etatDate.lotID.description) }
        let sellers = try await repos.ownerships.history(of: lot.id).filter { $0.isActive(on: reference) }
            .map(\.ownerID)
        let sellerSet = Set(sellers)
        var names: [String] = []
        for seller in sellers { names.append(try await repos.owners.find(seller)?.name ?? "") }

        let all = try await repos.journal.trialBalance(of: building, fiscalYear: nil)
        func credit(_ codes: [String]) -> Money {
            Money(minorUnits: -all.filter { codes.contains($0.accountCode) }.reduce(0) { $0 + $1.balance.minorUnits })
        }

        let madeByReference = try await repos.callsForFunds.sent(
            in: building, from: try CalendarDate(year: 2000, month: 1, day: 1), through: reference)
        var arrears: [EtatDateContent.Line] = []
        var reserveCalls: [EtatDateContent.Line] = []
        for call in madeByReference {
            for contribution in call.contributions where sellerSet.contains(contribution.ownerID) {
                if contribution.due.minorUnits > 0 {
                    arrears.append(.init(description: call.title, date: call.dueDate, amount: contribution.due))
                }
            }
            if call.extraordinary.minorUnits > 0 {
                let parts = try ChargeStatement.advances(of: call)
                let part = sellers.reduce(Int64(0)) { $0 + (parts[$1]?.extraordinary.minorUnits ?? 0) }
                let paid = call.contributions.filter { sellerSet.contains($0.ownerID) }.allSatisfy {
                    $0.due.minorUnits == 0
                }
                reserveCalls.append(
                    .init(
                        description: "\(call.title) (\(paid ? "payé" : "non payé"))", date: call.callDate,
                        amount: Money(minorUnits: part)))
            }
        }
        let collectionCosts = try await repos.duesReminders.all(in: building).filter {
            sellerSet.contains($0.ownerID) && $0.sentOn.map { $0 <= reference } == true && $0.status != .cancelled
                && $0.fee.minorUnits > 0
        }.map {
            EtatDateContent.Line(
                description: "Frais de rappel (\($0.level.rawValue))", date: $0.sentOn, amount: $0.fee)
        }

        var calledAfter: [EtatDateContent.Line] = []
        var page = try PageRequest(page: 1, perPage: PageRequest.maximumPerPage)
        while true {
            let calls = try await repos.callsForFunds.list(of: building, overdueOn: nil, page: page)
            for call in calls.items where call.status == .draft || call.callDate > reference {
                let share = try Allocation.split(
                    call.total,
                    by: ["lot": Int64(lot.tantiemes), "others": Int64(max(record.totalTantiemes - lot.tantiemes, 0))])
                calledAfter.append(
                    .init(
                        description: "\(call.title)\(call.status == .draft ? " (à appeler)" : "")", date: call.callDate,
                        amount: share["lot"] ?? Money(minorUnits: 0)))
            }
            guard page.page * page.perPage < calls.totalItems else { break }
            page = try PageRequest(page: page.page + 1, perPage: page.perPage)
        }

        var assemblies: [EtatDateContent.Assembly] = []
        page = try PageRequest(page: 1, perPage: PageRequest.maximumPerPage)
        let since = reference.adding(days: -3 * 365 - 1)
        while true {
            let listed = try await repos.assemblies.list(of: building, page: page)
            for assembly in listed.items
            where assembly.date >= since && assembly.date <= reference
                && [.closed, .minutesSigned].contains(assembly.status)
            {
                assemblies.append(
                    .init(id: assembly.id, date: assembly.date, kind: assembly.kind, status: assembly.status))
            }
            guard page.page * page.perPage < listed.totalItems else { break }
            page = try PageRequest(page: page.page + 1, perPage: page.perPage)
        }

        var statements: [EtatDateContent.StatementYear] = []
        for year in [reference.year - 2, reference.year - 1] where FiscalYear.range.contains(year) {
            let view = try await charges.computed(of: building, year, repos)
            let balance = view.statements.filter { sellerSet.contains($0.ownerID) }.reduce(Int64(0)) {
                $0 + $1.balance.minorUnits
            }
            if !view.statements.isEmpty {
                statements.append(
                    .init(fiscalYear: year, balance: Money(minorUnits: balance), closed: view.closure != nil))
            }
        }

        var balanceSheet: EtatDateContent.BalanceSheet?
        for year in stride(from: reference.year, through: reference.year - 10, by: -1)
        where try await repos.journal.isClosed(building, fiscalYear: year) {
            let accounts = try await repos.journal.trialBalance(of: building, fiscalYear: year).filter {
                $0.accountCode.first.map { "12345".contains($0) } == true && $0.balance.minorUnits != 0
            }
            balanceSheet = .init(fiscalYear: year, accounts: accounts)
            break
        }

        return EtatDateContent(
            lotNumber: lot.number, sellers: names, workingFund: credit(["100"]), reserveFund: credit(["160", "701"]),
            arrears: arrears, collectionCosts: collectionCosts,
            fee: (try await repos.legalFileSettings.settings(of: building) ?? .standard).etatDateFee,
            reserveCalls: reserveCalls, assemblies: assemblies.sorted { $0.date < $1.date },
            chargeStatements: statements, balanceSheet: balanceSheet, calledAfter: calledAfter)
    }

    private func feeEntryOf(_ etatDate: EtatDate, _ content: EtatDateContent, on day: CalendarDate) throws
        -> JournalEntry
    {
        try JournalEntry.collectionFee(
            id: JournalEntryID(ids.make()), building: etatDate.buildingID, amount: content.fee, on: day,
            label:
                "État daté \(etatDate.reference) - lot \(content.lotNumber) (\(content.sellers.joined(separator: ", ")))",
            documentRef: etatDate.reference, createdAt: clock.now())
    }

    // MARK: - Helpers

    private func view(
        of etatDate: EtatDate,
        _ repos: any EtatDateViewStores
    ) async throws -> EtatDateView {
        let today = today
        let version = try await etatDate.documentID.asyncMap { try await repos.documents.find($0)?.currentVersion }
        return EtatDateView(
            etatDate: etatDate, content: try await content(of: etatDate, repos),
            missing: etatDate.manual.missing(for: etatDate.kind), isOverdue: etatDate.isOverdue(on: today),
            isExpired: etatDate.isExpired(on: today), version: version ?? nil)
    }

    private func summary(of etatDate: EtatDate) -> EtatDateView {
        EtatDateView(
            etatDate: etatDate, content: nil, missing: etatDate.manual.missing(for: etatDate.kind),
            isOverdue: etatDate.isOverdue(on: today), isExpired: etatDate.isExpired(on: today), version: nil)
    }

    private func change(
        _ id: EtatDateID, _ action: String, as principal: Principal,
        _ apply: @Sendable (inout EtatDate, Date) throws -> Void
    ) async throws -> EtatDateView {
        try AccessPolicy.require(.manageLegalFile, by: principal)
        return try await persistence.write { (repos: any EtatDateViewStores & UsesAudit & UsesEtatsDates) in
            var etatDate = try await visible(id, principal, repos)
            try apply(&etatDate, clock.now())
            try await repos.etatsDates.update(etatDate)
            try await audit(action, etatDate, principal, repos)
            return try await view(of: etatDate, repos)
        }
    }

    private func visible(_ id: EtatDateID, _ principal: Principal, _ repos: any UsesEtatsDates) async throws
        -> EtatDate
    {
        try TenantScope.visible(
            try await repos.etatsDates.find(id), in: \.organizationID, principal, entity: "etat_date",
            id: id.description)
    }

    private func visibleLot(_ id: LotID, _ principal: Principal, _ repos: any UsesBuildings & UsesLots) async throws
        -> Lot
    {
        guard let lot = try await repos.lots.find(id) else {
            throw ApplicationError.notFound(entity: "lot", id: id.description)
        }
        _ = try await TenantScope.building(lot.buildingID, principal, repos)
        return lot
    }

    private func audit(_ action: String, _ etatDate: EtatDate, _ principal: Principal, _ repos: any UsesAudit)
        async throws
    {
        try await trail.record(
            action, entity: "etat_date", id: etatDate.id.description,
            payload: ["reference": etatDate.reference, "status": etatDate.status.rawValue], by: principal,
            organization: etatDate.organizationID, repos)
    }

}

/// What an état daté's content is read from (`content(of:…)`).
typealias EtatDateContentStores = ChargeStatementStores & UsesAssemblies & UsesBuildings & UsesDuesReminders
    & UsesJournal & UsesLegalFileSettings

/// What an état daté's view is read from (`view(of:…)`).
typealias EtatDateViewStores = EtatDateContentStores & UsesDocuments
