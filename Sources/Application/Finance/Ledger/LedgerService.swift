public import Domain
public import Foundation

public protocol AccountRepository: Sendable {
    /// Throws `LedgerError.accountExists` for a code the building's chart already has.
    func insert(_ accounts: [Account]) async throws
    /// Ordered by code.
    func chart(of building: BuildingID) async throws -> [Account]
    func existingCodes(_ codes: Set<String>, in building: BuildingID) async throws -> Set<String>
}

/// Debits and credits posted to one account.
public struct AccountBalance: Sendable, Equatable {
    public let accountCode: String
    public let debit: Money
    public let credit: Money
    public var balance: Money { Money(minorUnits: debit.minorUnits - credit.minorUnits) }

    public init(accountCode: String, debit: Money, credit: Money) {
        self.accountCode = accountCode
        self.debit = debit
        self.credit = credit
    }
}

public struct JournalFilter: Sendable {
    public var journal: Journal?
    public var from: CalendarDate?
    public var to: CalendarDate?
    public var accountCode: String?

    public init(journal: Journal? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil, accountCode: String? = nil)
    {
        self.journal = journal
        self.from = from
        self.to = to
        self.accountCode = accountCode
    }
}

public protocol JournalRepository: Sendable {
    /// The next number of a journal and year, counted in the caller's transaction: a rolled-back
    /// posting gives its number back, so numbering stays gapless.
    func nextSequence(building: BuildingID, journal: Journal, fiscalYear: Int) async throws -> Int
    func insert(_ entry: JournalEntry) async throws
    /// Takes the next number of the entry's journal and year and stores the entry posted under
    /// it, in the caller's transaction; returns the number. Same guarantees as `nextSequence`
    /// then `insert`, in as few round trips as the database allows: the counter row stays locked
    /// until commit, so this is the last write of a posting.
    func insertNumbered(_ entry: JournalEntry) async throws -> Int
    /// The fast path of a posting: the checks and `insertNumbered` in one round trip, done only
    /// when every check passes (the building is the organization's, its year is open, every
    /// account is in its chart and, when `unlessBudgetActive`, no budget is active for the year).
    /// nil when a check fails or the database has no such statement: nothing was written, and
    /// the caller takes the step-by-step path, which names what failed.
    func insertNumberedIfClear(_ entry: JournalEntry, organization: OrganizationID, unlessBudgetActive: Bool)
        async throws -> Int?
    func find(_ id: JournalEntryID) async throws -> JournalEntry?
    /// Ordered by date, journal and number; drafts last.
    func list(of building: BuildingID, filter: JournalFilter, page: PageRequest) async throws -> Page<JournalEntry>
    func markPosted(_ entry: JournalEntry) async throws
    func deleteDraft(_ id: JournalEntryID) async throws
    func isReversed(_ id: JournalEntryID) async throws -> Bool
    /// Sums of posted lines per account, computed by the database: of one fiscal year (its
    /// opening balances included), or of every year (opening balances left out, since the years
    /// before already hold them).
    func trialBalance(of building: BuildingID, fiscalYear: Int?) async throws -> [AccountBalance]
    /// Posted class-6 sums per account for one fiscal year, the year-end closing left out: the
    /// charges a budget is measured against.
    func charges(of building: BuildingID, fiscalYear: Int) async throws -> [AccountBalance]
    func isClosed(_ building: BuildingID, fiscalYear: Int) async throws -> Bool
    /// Every posted entry of the year, by journal and number.
    func posted(in building: BuildingID, fiscalYear: Int) async throws -> [JournalEntry]
    func close(_ building: BuildingID, fiscalYear: Int, at: Date) async throws
}

public enum LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    case accountExists(String)
    case alreadyReversed(String)
    case yearClosed(Int)

    public var description: String {
        switch self {
        case .yearClosed(let year): "the fiscal year \(year) is closed: nothing more can be posted in it"
        case .accountExists(let code): "account \(code) already exists in this building's chart"
        case .alreadyReversed(let number): "entry \(number) has already been reversed"
        }
    }
}

/// What a client sends to post an entry; amounts already parsed exactly.
public struct EntryInput: Sendable {
    public struct Line: Sendable {
        public let accountCode: String
        public let debit: Money?
        public let credit: Money?
        public let description: String?

        public init(accountCode: String, debit: Money?, credit: Money?, description: String?) {
            self.accountCode = accountCode
            self.debit = debit
            self.credit = credit
            self.description = description
        }
    }

    public let journal: String
    public let type: String
    public let entryDate: String
    public let description: String
    public let documentRef: String?
    public let lines: [Line]
    public let draft: Bool

    public init(
        journal: String, type: String, entryDate: String, description: String, documentRef: String?, lines: [Line],
        draft: Bool
    ) {
        self.journal = journal
        self.type = type
        self.entryDate = entryDate
        self.description = description
        self.documentRef = documentRef
        self.lines = lines
        self.draft = draft
    }
}

/// The building's double-entry books: its chart, its journal entries and its trial balance.
public struct LedgerService: Sendable {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let posting: JournalPosting

    public init(persistence: any Persistence, clock: any WallClock, ids: any IDGenerator) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.posting = JournalPosting(drift: BudgetDrift(clock: clock, ids: ids))
    }

    /// Posts an entry another module's use case makes, inside that use case's transaction, with
    /// every check of a posting (open year, known accounts, budget drift): a supplier invoice
    /// approved or paid.
    func post(_ entry: JournalEntry, _ repos: any UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesJournal)
        async throws -> JournalEntry
    {
        try await posting.record(entry, repos)
    }

    /// Finance's reactions to other modules' facts: every new building keeps its own books,
    /// starting from the standard PCMN chart.
    public func subscribe(to bus: DomainEventBus) {
        bus.subscribe { event, repos in
            if let created = event as? BuildingCreated {
                try await repos.accounts.insert(ChartOfAccounts.seed(for: created.building))
            }
            // The assembly approved a year's accounts: the year is closed, unless it already is.
            if let adopted = event as? ResolutionAdopted, adopted.decisionType == .accountsApproval,
                let year = adopted.fiscalYear
            {
                try await repos.buildings.lock(adopted.building)
                if try await !repos.journal.isClosed(adopted.building, fiscalYear: year) {
                    _ = try await closeYear(year, of: adopted.building, at: adopted.at, repos)
                }
            }
            return []
        }
    }

    public func chart(of building: BuildingID, as principal: Principal) async throws -> [Account] {
        try AccessPolicy.require(.readLedger, by: principal)
        return try await persistence.read { (repos: any UsesAccounts & UsesBuildings) in
            _ = try await TenantScope.building(building, principal, repos)
            return try await repos.accounts.chart(of: building)
        }
    }

    public func addAccount(
        to building: BuildingID, code: String, label: String, kind rawKind: String?, as principal: Principal
    )
        async throws -> Account
    {
        try AccessPolicy.require(.manageLedger, by: principal)
        let provisional = try Account(buildingID: building, code: code, label: label, kind: .asset)
        let kind = try rawKind.map(Self.accountKind) ?? Self.defaultKind(forClass: provisional.accountClass)
        let account = try Account(buildingID: building, code: code, label: label, kind: kind)
        try await persistence.write { (repos: any UsesAccounts & UsesBuildings) in
            _ = try await TenantScope.building(building, principal, repos)
            try await repos.accounts.insert([account])
        }
        return account
    }

    /// Posts an entry (or saves a draft). Every account must be in the building's chart.
    public func post(in building: BuildingID, _ input: EntryInput, as principal: Principal) async throws -> JournalEntry
    {
        try AccessPolicy.require(.manageLedger, by: principal)
        let prepared = try makeEntry(in: building, input)
        // The usual posting is one statement; anything in its way takes the step-by-step path.
        if !input.draft,
            let posted = try await persistence.writeOneStatement({ (repos: any UsesJournal) in
                try await posting.recordIfClear(prepared, principal, repos)
            })
        {
            return posted
        }
        return try await persistence.write {
            (repos: any UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesBuildings & UsesJournal) in
            _ = try await TenantScope.building(building, principal, repos)
            guard input.draft else { return try await posting.record(prepared, repos) }
            try await posting.checkOpen(prepared, repos)
            try await posting.checkAccounts(of: prepared, in: building, repos)
            try await repos.journal.insert(prepared)
            return prepared
        }
    }

    public func entry(_ id: JournalEntryID, as principal: Principal) async throws -> JournalEntry {
        try AccessPolicy.require(.readLedger, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesJournal) in
            try await visibleEntry(id, principal, repos)
        }
    }

    public func entries(of building: BuildingID, filter: JournalFilter, page: PageRequest, as principal: Principal)
        async throws -> Page<JournalEntry>
    {
        try AccessPolicy.require(.readLedger, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesJournal) in
            _ = try await TenantScope.building(building, principal, repos)
            return try await repos.journal.list(of: building, filter: filter, page: page)
        }
    }

    /// Posts a draft: it receives the next number of its journal and year.
    public func postDraft(_ id: JournalEntryID, as principal: Principal) async throws -> JournalEntry {
        try AccessPolicy.require(.manageLedger, by: principal)
        return try await persistence.write {
            (repos: any UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesBuildings & UsesJournal) in
            var entry = try await visibleEntry(id, principal, repos)
            guard entry.isDraft else {
                throw DomainError.illegalTransition(entity: "journal_entry", from: "posted", to: "posted")
            }
            try await posting.checkOpen(entry, repos)
            try await posting.checkAccounts(of: entry, in: entry.buildingID, repos)
            try entry.post(
                as: try await repos.journal.nextSequence(
                    building: entry.buildingID, journal: entry.journal, fiscalYear: entry.fiscalYear))
            try await repos.journal.markPosted(entry)
            try await posting.drift.check(after: entry, repos)
            return entry
        }
    }

    /// Only a draft can be deleted; a posted entry is corrected by its reversal.
    public func deleteDraft(_ id: JournalEntryID, as principal: Principal) async throws {
        try AccessPolicy.require(.manageLedger, by: principal)
        try await persistence.write { (repos: any UsesBuildings & UsesJournal) in
            let entry = try await visibleEntry(id, principal, repos)
            guard entry.isDraft else {
                throw DomainError.illegalTransition(entity: "journal_entry", from: "posted", to: "deleted")
            }
            try await repos.journal.deleteDraft(id)
        }
    }

    /// Posts the mirror entry, dated `date` (default: today), once per entry.
    public func reverse(_ id: JournalEntryID, on rawDate: String?, as principal: Principal) async throws -> JournalEntry
    {
        try AccessPolicy.require(.manageLedger, by: principal)
        let now = clock.now()
        let date = try rawDate.map { try CalendarDate(parsing: $0, field: "entryDate") } ?? CalendarDate(utcDayOf: now)
        return try await persistence.write {
            (repos: any UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesBuildings & UsesJournal) in
            let original = try await visibleEntry(id, principal, repos)
            if try await repos.journal.isReversed(id) {
                throw LedgerError.alreadyReversed(original.number ?? id.description)
            }
            return try await posting.record(
                try original.reversal(id: JournalEntryID(ids.make()), on: date, at: now), repos)
        }
    }

    public func trialBalance(of building: BuildingID, fiscalYear: Int? = nil, as principal: Principal) async throws
        -> [AccountBalance]
    {
        try AccessPolicy.require(.readLedger, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesJournal) in
            _ = try await TenantScope.building(building, principal, repos)
            return try await repos.journal.trialBalance(of: building, fiscalYear: fiscalYear)
        }
    }

    /// Closes a fiscal year: posts the entry that zeroes classes 6 and 7 into the result account
    /// (140), posts the next year's opening balances, and locks the year, all in one transaction.
    public func closeYear(_ fiscalYear: Int, of building: BuildingID, as principal: Principal) async throws
        -> [JournalEntry]
    {
        try AccessPolicy.require(.manageLedger, by: principal)
        guard (2000...2100).contains(fiscalYear) else {
            throw DomainError.invalidValue(field: "fiscalYear", reason: "must be between 2000 and 2100")
        }
        let now = clock.now()
        return try await persistence.write {
            (repos: any UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesBuildings & UsesJournal) in
            _ = try await TenantScope.building(building, principal, repos)
            try await repos.buildings.lock(building)
            if try await repos.journal.isClosed(building, fiscalYear: fiscalYear) {
                throw LedgerError.yearClosed(fiscalYear)
            }
            return try await closeYear(fiscalYear, of: building, at: now, repos)
        }
    }

    /// Closes the year in the caller's transaction (the building locked, the year open): the
    /// result accounts are zeroed into the result, and the balances carried to the next year.
    func closeYear(
        _ fiscalYear: Int, of building: BuildingID, at now: Date,
        _ repos: any UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesJournal
    ) async throws
        -> [JournalEntry]
    {
        var balances = Dictionary(
            uniqueKeysWithValues: try await repos.journal.trialBalance(of: building, fiscalYear: fiscalYear).map {
                ($0.accountCode, $0.balance.minorUnits)
            })
        var posted: [JournalEntry] = []
        let results = balances.filter { $0.key.hasPrefix("6") || $0.key.hasPrefix("7") }.sorted { $0.key < $1.key }
        let net = results.reduce(0) { $0 + $1.value }
        if net != 0 || results.contains(where: { $0.value != 0 }) {
            var lines = try JournalEntry.lines(for: results.map { ($0.key, $0.value) }, zeroing: true)
            lines += try JournalEntry.lines(for: [(Self.resultAccount, net)], zeroing: false).map {
                try JournalLine(
                    accountCode: $0.accountCode, debit: $0.debit, credit: $0.credit,
                    description: "Résultat \(fiscalYear)", index: lines.count)
            }
            posted.append(
                try await posting.record(
                    try JournalEntry(
                        id: JournalEntryID(ids.make()), buildingID: building, journal: .miscellaneous,
                        type: .yearEndClosing,
                        entryDate: try CalendarDate(year: fiscalYear, month: 12, day: 31),
                        description: "Clôture de l'exercice \(fiscalYear)", documentRef: nil, lines: lines,
                        createdAt: now),
                    repos))
            for (code, _) in results { balances[code] = 0 }
            balances[Self.resultAccount, default: 0] += net
        }
        let carried = balances.filter { !$0.key.hasPrefix("6") && !$0.key.hasPrefix("7") && $0.value != 0 }
            .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if carried.count >= 2 {
            posted.append(
                try await posting.record(
                    try JournalEntry(
                        id: JournalEntryID(ids.make()), buildingID: building, journal: .miscellaneous,
                        type: .openingBalance,
                        entryDate: try CalendarDate(year: fiscalYear + 1, month: 1, day: 1),
                        description: "Réouverture après l'exercice \(fiscalYear)", documentRef: nil,
                        lines: try JournalEntry.lines(for: carried, zeroing: false), createdAt: now),
                    repos))
        }
        try await repos.journal.close(building, fiscalYear: fiscalYear, at: now)
        return posted
    }

    /// The year's posted entries as a CSV file in the FEC column layout.
    public func export(_ fiscalYear: Int, of building: BuildingID, as principal: Principal) async throws -> String {
        try AccessPolicy.require(.readLedger, by: principal)
        return try await persistence.read { (repos: any UsesAccounts & UsesBuildings & UsesJournal) in
            _ = try await TenantScope.building(building, principal, repos)
            let chart = try await repos.accounts.chart(of: building)
            return FECExport.csv(
                entries: try await repos.journal.posted(in: building, fiscalYear: fiscalYear), chart: chart)
        }
    }

    /// Where a year's result is carried: "Résultat reporté".
    static let resultAccount = "140"

    func makeEntry(in building: BuildingID, _ input: EntryInput) throws -> JournalEntry {
        guard let journal = Journal(rawValue: input.journal) else {
            throw DomainError.invalidValue(field: "journal", reason: "must be one of ACH, VEN, FIN, ODS")
        }
        guard let type = EntryType(rawValue: input.type) else {
            throw DomainError.invalidValue(
                field: "type", reason: "must be one of \(EntryType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let lines = try input.lines.enumerated().map { index, line in
            try JournalLine(
                accountCode: line.accountCode, debit: line.debit ?? Money(minorUnits: 0),
                credit: line.credit ?? Money(minorUnits: 0), description: line.description, index: index)
        }
        return try JournalEntry(
            id: JournalEntryID(ids.make()), buildingID: building, journal: journal, type: type,
            entryDate: try CalendarDate(parsing: input.entryDate, field: "entryDate"), description: input.description,
            documentRef: input.documentRef, lines: lines, createdAt: clock.now())
    }

    func visibleEntry(_ id: JournalEntryID, _ principal: Principal, _ repos: any UsesBuildings & UsesJournal)
        async throws
        -> JournalEntry
    {
        try await TenantScope.visible(
            try await repos.journal.find(id), of: \.buildingID, principal, repos, entity: "journal_entry",
            id: id.description)
    }

    static func accountKind(_ raw: String) throws -> Account.Kind {
        guard let kind = Account.Kind(rawValue: raw) else {
            throw DomainError.invalidValue(field: "kind", reason: "must be asset, liability, expense or revenue")
        }
        return kind
    }

    static func defaultKind(forClass accountClass: Int) -> Account.Kind {
        switch accountClass {
        case 1: .liability
        case 6: .expense
        case 7: .revenue
        default: .asset
        }
    }
}
