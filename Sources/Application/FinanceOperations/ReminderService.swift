public import Domain
import Foundation

/// A building's collection rules as a client sends them; what is left out takes the legal
/// default (interest from the formal notice, at the legal rate, no fee, reminders by hand).
public struct CollectionPolicyInput: Sendable {
    public var interestFrom: String?
    public var rates: [(year: Int, rate: InterestRate)]
    public var fees: [(level: String, amount: Money)]
    public var automatic: Bool?

    public init(
        interestFrom: String?, rates: [(year: Int, rate: InterestRate)], fees: [(level: String, amount: Money)],
        automatic: Bool?
    ) {
        self.interestFrom = interestFrom
        self.rates = rates
        self.fees = fees
        self.automatic = automatic
    }
}

/// A reminder with what it comes to today: the days overdue, the interest so far and from when.
public struct DuesReminderView: Sendable {
    public let reminder: DuesReminder
    public let ownerName: String
    public let daysOverdue: Int
    public let interest: Money
    public let interestFrom: CalendarDate?

    /// The amount, the interest and the fee.
    public var total: Money {
        Money(minorUnits: reminder.amount.minorUnits + interest.minorUnits + reminder.fee.minorUnits)
    }
}

/// What one owner of a building owes past due, and how far the reminders went.
public struct Arrear: Sendable {
    public let ownerID: OwnerID
    public let ownerName: String
    public let amount: Money
    public let oldestDueDate: CalendarDate
    public let daysOverdue: Int
    /// The contributions past due.
    public let contributions: Int
    /// The highest level sent or waiting to be sent on those contributions.
    public let level: ReminderLevel?
    /// A formal notice was escalated: the file is with the bailiff.
    public let forBailiff: Bool
    public let interest: Money
    /// The reminder fees charged on those contributions.
    public let collectionCosts: Money
}

/// What a run of the reminders did in a building.
public struct ReminderRun: Sendable {
    public let created: [DuesReminderView]
    /// Open reminders of a lower level replaced by the new ones.
    public let escalated: Int
    /// Reminders sent at once (the building's reminders are automatic).
    public let sent: Int
}

/// Owners who do not pay: the building's collection rules, its arrears, and the reminders, from
/// a friendly email to the formal notice by registered letter, then the bailiff. Each reminder is
/// a PDF letter with the owner's statement, kept with the owner's documents and emailed (the
/// formal notice is printed and posted); its fee is charged to the owner's account in the ledger.
public struct ReminderService: Sendable {
    public static let job = "dues-reminders"

    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail
    let ledger: LedgerService
    /// The letters kept as PDFs and emailed (nil: reminders without letters).
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

    var today: CalendarDate { CalendarDate(utcDayOf: clock.now()) }

    /// The year of the service's clock, whose rate a policy shows.
    public var currentYear: Int { today.year }

    /// A contribution paid in full closes the reminders chasing it.
    public func subscribe(to bus: DomainEventBus) {
        bus.subscribe { event, repos in
            guard let settled = event as? ContributionSettled else { return [] }
            for var reminder in try await repos.duesReminders.open(call: settled.call, owner: settled.owner) {
                try reminder.settle(on: settled.on)
                try await repos.duesReminders.update(reminder)
            }
            return []
        }
    }

    // MARK: - Collection rules

    public func policy(of buildingID: BuildingID, as principal: Principal) async throws -> CollectionPolicy {
        try AccessPolicy.require(.readLedger, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesCollectionPolicies) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            return try await repos.collectionPolicies.policy(of: buildingID) ?? .legalDefault
        }
    }

    public func setPolicy(of buildingID: BuildingID, _ input: CollectionPolicyInput, as principal: Principal)
        async throws -> CollectionPolicy
    {
        try AccessPolicy.require(.manageLedger, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesBuildings & UsesCollectionPolicies) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            let policy = try Self.policy(from: input)
            try await repos.collectionPolicies.save(
                policy, of: buildingID, organization: principal.organizationID, at: clock.now())
            try await trail.record(
                "collection_policy.changed", entity: "building", id: buildingID.description, by: principal,
                organization: principal.organizationID, repos)
            return policy
        }
    }

    static func policy(from input: CollectionPolicyInput) throws -> CollectionPolicy {
        var start = CollectionPolicy.InterestStart.formalNotice
        if let raw = input.interestFrom {
            guard let parsed = CollectionPolicy.InterestStart(rawValue: raw) else {
                throw DomainError.invalidValue(field: "interestFrom", reason: "must be formal_notice or due_date")
            }
            start = parsed
        }
        var rates: [Int: InterestRate] = [:]
        for (index, entry) in input.rates.enumerated() {
            guard rates[entry.year] == nil else {
                throw DomainError.invalidValue(field: "rates[\(index)].year", reason: "names the year twice")
            }
            rates[entry.year] = entry.rate
        }
        var fees: [ReminderLevel: Money] = [:]
        for entry in input.fees {
            guard let level = ReminderLevel(rawValue: entry.level) else {
                throw DomainError.invalidValue(field: "fees", reason: "names an unknown level \(entry.level)")
            }
            fees[level] = entry.amount
        }
        return try CollectionPolicy(
            interestStart: start, rates: rates, fees: fees, automatic: input.automatic ?? false
        ).validated()
    }

    // MARK: - Arrears

    /// Per owner, what is past due today on the building's calls, oldest first by due date.
    public func arrears(of buildingID: BuildingID, as principal: Principal) async throws -> [Arrear] {
        try AccessPolicy.require(.readLedger, by: principal)
        let today = today
        return try await persistence.read {
            (repos: any UsesBuildings & UsesCallsForFunds & UsesCollectionPolicies & UsesDuesReminders & UsesOwners) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            let books = try await Collection(of: buildingID, on: today, repos)
            var byOwner: [OwnerID: [(CallForFunds, Contribution)]] = [:]
            for (call, contribution) in books.unpaid {
                byOwner[contribution.ownerID, default: []].append((call, contribution))
            }
            var arrears: [Arrear] = []
            for (ownerID, owed) in byOwner {
                let reminders = owed.flatMap { call, _ in books.reminders(call.id, ownerID) }
                let live = reminders.filter { $0.status != .cancelled }
                let oldest = owed.map(\.0.dueDate).min()!
                let interest = owed.reduce(Int64(0)) { sum, item in
                    sum + books.interest(on: item.1.due, of: item.0, owner: ownerID).minorUnits
                }
                arrears.append(
                    Arrear(
                        ownerID: ownerID, ownerName: try await repos.owners.find(ownerID)?.name ?? "",
                        amount: Money(minorUnits: owed.reduce(0) { $0 + $1.1.due.minorUnits }), oldestDueDate: oldest,
                        daysOverdue: oldest.days(until: today), contributions: owed.count,
                        level: live.map(\.level).max(), forBailiff: live.contains(where: \.forBailiff),
                        interest: Money(minorUnits: interest),
                        collectionCosts: Money(
                            minorUnits: live.filter { $0.sentOn != nil }.reduce(0) { $0 + $1.fee.minorUnits })))
            }
            return arrears.sorted {
                ($0.oldestDueDate, $0.ownerName, $0.ownerID.description)
                    < ($1.oldestDueDate, $1.ownerName, $1.ownerID.description)
            }
        }
    }

    // MARK: - Reminders

    /// A reminder made by the syndic for one owner's contribution, at the level its days overdue
    /// reach (or a lower one named), left pending for them to send.
    public func create(
        in buildingID: BuildingID, call callID: CallForFundsID?, owner ownerID: OwnerID?, level rawLevel: String?,
        as principal: Principal
    ) async throws -> DuesReminderView {
        try AccessPolicy.require(.manageLedger, by: principal)
        let today = today
        return try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesCallsForFunds & UsesCollectionPolicies & UsesDuesReminders
                    & UsesOwners
            ) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            guard let callID else { throw DomainError.invalidValue(field: "callId", reason: "is required") }
            guard let ownerID else { throw DomainError.invalidValue(field: "ownerId", reason: "is required") }
            let level = try rawLevel.map { raw in
                guard let level = ReminderLevel(rawValue: raw) else {
                    throw DomainError.invalidValue(field: "level", reason: "must be first, second or formal_notice")
                }
                return level
            }
            try await repos.buildings.lock(buildingID)
            guard let call = try await repos.callsForFunds.find(callID), call.buildingID == buildingID else {
                throw DomainError.invalidValue(field: "callId", reason: "is not a call of this building")
            }
            _ = try await TenantScope.owner(ownerID, principal, repos)
            if let open = try await repos.duesReminders.open(call: callID, owner: ownerID).first {
                throw FinanceOperationsError.reminderExists(open.level)
            }
            let policy = try await repos.collectionPolicies.policy(of: buildingID) ?? .legalDefault
            let unpaid = call.contributions.first { $0.ownerID == ownerID }?.due ?? Money(minorUnits: 0)
            let reminder = try DuesReminder.due(
                id: DuesReminderID(ids.make()), organizationID: principal.organizationID, call: call, owner: ownerID,
                unpaid: unpaid, level: level, policy: policy, on: today, at: clock.now())
            try await repos.duesReminders.insert(reminder)
            try await audit("dues_reminder.created", reminder, principal, repos)
            return try await Collection(of: buildingID, on: today, repos).view(of: reminder, repos)
        }
    }

    /// Makes the reminders due in the building today: for each contribution past due, the level
    /// its days reach, unless a reminder of that level or a higher one was made already (even
    /// cancelled: the syndic chose not to send it). An open lower reminder is escalated. Where the
    /// building's reminders are automatic, the new ones are sent at once. Run twice, it makes
    /// nothing more.
    public func run(in buildingID: BuildingID, as principal: Principal) async throws -> ReminderRun {
        try AccessPolicy.require(.manageLedger, by: principal)
        let today = today
        let pending = PendingNotices()
        let run: ReminderRun
        do {
            run = try await persistence.write {
                (repos: any ReminderSendingStores & UsesBuildings & UsesCollectionPolicies) in
                let building = try await TenantScope.building(buildingID, principal, repos)
                try await repos.buildings.lock(buildingID)
                let books = try await Collection(of: buildingID, on: today, repos)
                var created: [DuesReminder] = []
                var escalated = 0
                for (call, contribution) in books.unpaid {
                    guard let level = ReminderLevel.reached(daysOverdue: call.dueDate.days(until: today)) else {
                        continue
                    }
                    let earlier = books.reminders(call.id, contribution.ownerID)
                    guard !earlier.contains(where: { $0.level >= level }) else { continue }
                    for var open in earlier where open.status.isActive {
                        if open.status == .pending { try open.cancel(on: today) } else { try open.escalate(on: today) }
                        try await repos.duesReminders.update(open)
                        escalated += 1
                    }
                    let reminder = try DuesReminder.due(
                        id: DuesReminderID(ids.make()), organizationID: building.organizationID, call: call,
                        owner: contribution.ownerID, unpaid: contribution.due, policy: books.policy, on: today,
                        at: clock.now())
                    try await repos.duesReminders.insert(reminder)
                    try await audit("dues_reminder.created", reminder, principal, repos)
                    created.append(reminder)
                }
                var sent = 0
                if books.policy.automatic, !created.isEmpty {
                    created = try await send(created, building: building, books, principal, pending, repos)
                    sent = created.count
                }
                let refreshed = try await Collection(of: buildingID, on: today, repos)
                var views: [DuesReminderView] = []
                for reminder in created { views.append(try await refreshed.view(of: reminder, repos)) }
                views.sort {
                    ($0.reminder.dueDate, $0.ownerName, $0.reminder.id.description)
                        < ($1.reminder.dueDate, $1.ownerName, $1.reminder.id.description)
                }
                return ReminderRun(created: views, escalated: escalated, sent: sent)
            }
        } catch {
            await mailing?.failed(pending)
            throw error
        }
        await mailing?.sent(pending)
        return run
    }

    public func reminders(
        of buildingID: BuildingID, filter: ReminderFilter, page: PageRequest, as principal: Principal
    ) async throws -> Page<DuesReminderView> {
        try AccessPolicy.require(.readLedger, by: principal)
        let today = today
        return try await persistence.read {
            (repos: any UsesBuildings & UsesCallsForFunds & UsesCollectionPolicies & UsesDuesReminders & UsesOwners) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            let page = try await repos.duesReminders.list(of: buildingID, filter: filter, page: page)
            let books = try await Collection(of: buildingID, on: today, repos)
            var views: [DuesReminderView] = []
            for reminder in page.items { views.append(try await books.view(of: reminder, repos)) }
            return Page(items: views, request: page.request, totalItems: page.totalItems)
        }
    }

    public func reminder(_ id: DuesReminderID, as principal: Principal) async throws -> DuesReminderView {
        try AccessPolicy.require(.readLedger, by: principal)
        let today = today
        return try await persistence.read {
            (repos: any UsesCallsForFunds & UsesCollectionPolicies & UsesDuesReminders & UsesOwners) in
            let reminder = try await visible(id, principal, repos)
            return try await Collection(of: reminder.buildingID, on: today, repos).view(of: reminder, repos)
        }
    }

    /// Pending → sent: the fee charged, the letter kept and emailed (the formal notice is kept
    /// for the syndic to print and post by registered letter).
    public func send(_ id: DuesReminderID, as principal: Principal) async throws -> DuesReminderView {
        try AccessPolicy.require(.manageLedger, by: principal)
        let today = today
        return try await mailed { pending, repos in
            let reminder = try await visible(id, principal, repos)
            let building = try await TenantScope.building(reminder.buildingID, principal, repos)
            try await repos.buildings.lock(reminder.buildingID)
            let books = try await Collection(of: reminder.buildingID, on: today, repos)
            let sent = try await send([reminder], building: building, books, principal, pending, repos)
            return try await Collection(of: reminder.buildingID, on: today, repos).view(of: sent[0], repos)
        }
    }

    /// Sent → escalated. The next level is made (pending) when its days are reached; after a
    /// formal notice, the file is marked for the bailiff.
    public func escalate(_ id: DuesReminderID, as principal: Principal) async throws
        -> (escalated: DuesReminderView, next: DuesReminderView?)
    {
        try AccessPolicy.require(.manageLedger, by: principal)
        let today = today
        return try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesCallsForFunds & UsesCollectionPolicies & UsesDuesReminders
                    & UsesOwners
            ) in
            var reminder = try await visible(id, principal, repos)
            try await repos.buildings.lock(reminder.buildingID)
            try reminder.escalate(on: today)
            var next: DuesReminder?
            if let level = reminder.level.next {
                guard let call = try await repos.callsForFunds.find(reminder.callID) else {
                    throw ApplicationError.notFound(entity: "call_for_funds", id: reminder.callID.description)
                }
                let policy = try await repos.collectionPolicies.policy(of: reminder.buildingID) ?? .legalDefault
                next = try DuesReminder.due(
                    id: DuesReminderID(ids.make()), organizationID: reminder.organizationID, call: call,
                    owner: reminder.ownerID,
                    unpaid: call.contributions.first { $0.ownerID == reminder.ownerID }?.due ?? Money(minorUnits: 0),
                    level: level, policy: policy, on: today, at: clock.now())
            }
            try await repos.duesReminders.update(reminder)
            try await audit("dues_reminder.escalated", reminder, principal, repos)
            if let next {
                try await repos.duesReminders.insert(next)
                try await audit("dues_reminder.created", next, principal, repos)
            }
            let books = try await Collection(of: reminder.buildingID, on: today, repos)
            return (
                try await books.view(of: reminder, repos),
                try await next.asyncMap { try await books.view(of: $0, repos) }
            )
        }
    }

    /// Pending → cancelled; a reminder already sent cannot be taken back.
    public func cancel(_ id: DuesReminderID, as principal: Principal) async throws -> DuesReminderView {
        try await change(id, "dues_reminder.cancelled", as: principal) { reminder, today in
            try reminder.cancel(on: today)
        }
    }

    /// The registered letter's number, for a formal notice.
    public func track(_ id: DuesReminderID, number raw: String?, as principal: Principal) async throws
        -> DuesReminderView
    {
        try await change(id, "dues_reminder.tracked", as: principal) { reminder, _ in
            guard let raw else { throw DomainError.invalidValue(field: "trackingNumber", reason: "is required") }
            try reminder.track(try TrackingNumber(parsing: raw))
        }
    }

    private func change(
        _ id: DuesReminderID, _ action: String, as principal: Principal,
        _ apply: @Sendable (inout DuesReminder, CalendarDate) throws -> Void
    ) async throws -> DuesReminderView {
        try AccessPolicy.require(.manageLedger, by: principal)
        let today = today
        return try await persistence.write {
            (repos: any UsesAudit & UsesCallsForFunds & UsesCollectionPolicies & UsesDuesReminders & UsesOwners) in
            var reminder = try await visible(id, principal, repos)
            try apply(&reminder, today)
            try await repos.duesReminders.update(reminder)
            try await audit(action, reminder, principal, repos)
            return try await Collection(of: reminder.buildingID, on: today, repos).view(of: reminder, repos)
        }
    }

    /// The daily job: the reminders due in every building whose reminders are automatic, made
    /// and sent, one building per transaction (each building locked while it runs, so two
    /// instances cannot both make them).
    public func runJob() async throws -> JobReport {
        let buildings = try await persistence.read { (repos: any UsesCollectionPolicies) in
            try await repos.collectionPolicies.automatic()
        }
        var created = 0
        var sent = 0
        for (organization, building) in buildings {
            let run = try await run(in: building, as: .operator(of: organization))
            created += run.created.count
            sent += run.sent
        }
        return JobReport(job: Self.job, ran: true, created: created, notified: sent)
    }

    // MARK: - Sending

    /// Sends pending reminders in the caller's transaction: each moved to sent, its fee posted
    /// (410 debited, 74 credited, in the sales journal), and its letter kept and emailed.
    private func send(
        _ reminders: [DuesReminder], building: Building, _ books: Collection, _ principal: Principal,
        _ pending: PendingNotices,
        _ repos: any ReminderSendingStores
    ) async throws -> [DuesReminder] {
        let today = books.today
        var sent: [DuesReminder] = []
        var letters: [DocumentMailing.Letter] = []
        for var reminder in reminders {
            try reminder.send(on: today)
            var entry: JournalEntryID?
            if reminder.fee.minorUnits > 0 {
                entry = try await ledger.post(try feeEntry(of: reminder, on: today), repos).id
            }
            reminder.record(feeEntry: entry, document: nil)
            let owner = try await repos.owners.find(reminder.ownerID)
            if let mailing, mailing.canRender {
                let statement = OwnerStatement(
                    owner: reminder.ownerID,
                    calls: try await repos.callsForFunds.calledAmounts(of: reminder.ownerID, in: building.id),
                    payments: try await repos.callsForFunds.payments(of: reminder.ownerID, in: building.id))
                letters.append(
                    Self.letter(
                        books.view(of: reminder, ownerName: owner?.name ?? ""), statement: statement,
                        building: building, email: reminder.level.byPost ? nil : owner?.email, on: today))
            }
            sent.append(reminder)
        }
        if let mailing, !letters.isEmpty {
            try await mailing.keepAndMail(letters, as: principal, pending: pending, repos)
            for (index, view) in (pending.prepared?.views ?? []).enumerated() where index < sent.count {
                sent[index].record(feeEntry: nil, document: view.document.id)
            }
        }
        for reminder in sent {
            try await repos.duesReminders.update(reminder)
            try await audit("dues_reminder.sent", reminder, principal, repos)
        }
        return sent
    }

    private func feeEntry(of reminder: DuesReminder, on day: CalendarDate) throws -> JournalEntry {
        try JournalEntry.collectionFee(
            id: JournalEntryID(ids.make()), building: reminder.buildingID, amount: reminder.fee, on: day,
            label:
                "Frais de rappel (\(Self.title(of: reminder.level).lowercased())) - copropriétaire \(reminder.ownerID)",
            documentRef: nil, createdAt: clock.now())
    }

    /// Runs a write that may keep and email letters: the emails go once it commits, and the
    /// stored bytes of letters are let go if it fails.
    private func mailed<T: Sendable>(
        _ work: @Sendable (PendingNotices, any MailedNoticesStores) async throws -> T
    ) async throws -> T {
        let pending = PendingNotices()
        let result: T
        do {
            result = try await persistence.write {
                (
                    repos: any MailedNoticesStores
                ) in try await work(pending, repos)
            }
        } catch {
            await mailing?.failed(pending)
            throw error
        }
        await mailing?.sent(pending)
        return result
    }

    static func title(of level: ReminderLevel) -> String {
        switch level {
        case .first: "Rappel de paiement"
        case .second: "Second rappel"
        case .formalNotice: "Mise en demeure"
        }
    }

    /// The letter: what is owed on the call, the interest and fee, the owner's statement, and
    /// the words of its level.
    static func letter(
        _ view: DuesReminderView, statement: OwnerStatement, building: Building, email: Email?, on today: CalendarDate
    ) -> DocumentMailing.Letter {
        let reminder = view.reminder
        let name = view.ownerName
        let words: String
        switch reminder.level {
        case .first:
            words =
                "Sauf erreur de notre part, votre contribution ci-dessous reste impayée. Nous vous remercions de "
                + "bien vouloir la régler dans les meilleurs délais. Si vous l'avez payée entre-temps, ne tenez pas "
                + "compte de ce rappel."
        case .second:
            words =
                "Malgré notre premier rappel, votre contribution ci-dessous reste impayée. Nous vous demandons de la "
                + "régler sans délai, faute de quoi une mise en demeure vous sera adressée par lettre recommandée."
        case .formalNotice:
            words =
                "Par la présente, nous vous mettons en demeure de payer les sommes ci-dessous dans les 15 jours. Les "
                + "intérêts courent à compter de la présente. À défaut de paiement dans ce délai, le dossier sera "
                + "transmis à un huissier de justice, sans autre avis."
        }
        let interestLine =
            view.interestFrom.map { "Intérêts de retard depuis le \($0) : \(view.interest.printed)" }
            ?? "Intérêts de retard : à compter de la mise en demeure"
        let print = PrintDocument(
            title: title(of: reminder.level),
            blocks: [
                .heading(name), .paragraph(building.name),
                .paragraph(reminder.level.byPost ? "Lettre recommandée - \(today)" : "Le \(today)"),
                .paragraph(words),
                .paragraph(
                    "Montant impayé : \(reminder.amount.printed), échu le \(reminder.dueDate) "
                        + "(\(view.daysOverdue) jours de retard)."),
                .paragraph(interestLine),
                .paragraph("Frais de rappel : \(reminder.fee.printed)"),
                .paragraph("Total à payer : \(view.total.printed)"),
                .heading("Votre compte"),
                .table(statement.printTable),
                .paragraph("Solde dû : \(statement.balance.printed)."),
            ], footer: "\(building.name) - \(title(of: reminder.level).lowercased()) du \(today)")
        return DocumentMailing.Letter(
            publication: DocumentsService.Publication(
                print,
                fileName: "\(reminder.level.rawValue.replacingOccurrences(of: "_", with: "-"))-\(reminder.id).pdf",
                kind: .other, link: EntityLink(type: "owner", id: reminder.ownerID.rawValue), tags: ["rappel"]),
            email: email, subject: "\(title(of: reminder.level)) - \(building.name)",
            body: "Bonjour \(name),\n\n\(words)\n\nMontant impayé : \(reminder.amount.printed)\n\(interestLine)\n"
                + "Frais de rappel : \(reminder.fee.printed)\nTotal : \(view.total.printed)\n\n"
                + "Votre décompte est joint à ce message.\n\nVotre syndic")
    }

    // MARK: - Reading

    private func visible(_ id: DuesReminderID, _ principal: Principal, _ repos: any UsesDuesReminders)
        async throws -> DuesReminder
    {
        try TenantScope.visible(
            try await repos.duesReminders.find(id), in: \.organizationID, principal, entity: "dues_reminder",
            id: id.description)
    }

    private func audit(
        _ action: String, _ reminder: DuesReminder, _ principal: Principal, _ repos: any UsesAudit
    ) async throws {
        try await trail.record(
            action, entity: "building", id: reminder.buildingID.description,
            payload: [
                "duesReminderId": reminder.id.description, "level": reminder.level.rawValue,
                "status": reminder.status.rawValue,
            ], by: principal, organization: reminder.organizationID, repos)
    }
}

/// A building's collection as of a day: its rules, the contributions past due, and the
/// reminders made, read once.
struct Collection {
    let today: CalendarDate
    let policy: CollectionPolicy
    /// Each sent call past due with each contribution still owed on it, oldest due first.
    let unpaid: [(CallForFunds, Contribution)]
    private let byPair: [String: [DuesReminder]]

    init(
        of building: BuildingID, on today: CalendarDate,
        _ repos: any UsesCallsForFunds & UsesCollectionPolicies & UsesDuesReminders
    ) async throws {
        self.today = today
        policy = try await repos.collectionPolicies.policy(of: building) ?? .legalDefault
        unpaid = try await repos.callsForFunds.overdue(in: building, on: today).flatMap { call in
            call.contributions.filter { $0.due.minorUnits > 0 }.map { (call, $0) }
        }
        byPair = Dictionary(grouping: try await repos.duesReminders.all(in: building)) {
            Self.key($0.callID, $0.ownerID)
        }
    }

    private static func key(_ call: CallForFundsID, _ owner: OwnerID) -> String { "\(call)/\(owner)" }

    /// The reminders made for the owner's contribution to the call, oldest first.
    func reminders(_ call: CallForFundsID, _ owner: OwnerID) -> [DuesReminder] { byPair[Self.key(call, owner)] ?? [] }

    /// When the formal notice on the owner's contribution was sent, if it was.
    func formalNoticeSent(_ call: CallForFundsID, _ owner: OwnerID) -> CalendarDate? {
        reminders(call, owner).filter { $0.level == .formalNotice && $0.status != .cancelled }.compactMap(\.sentOn)
            .min()
    }

    /// The interest today on what the owner still owes on the call.
    func interest(on due: Money, of call: CallForFunds, owner: OwnerID) -> Money {
        let start: CalendarDate? =
            policy.interestStart == .dueDate ? call.dueDate : formalNoticeSent(call.id, owner)
        guard let start else { return Money(minorUnits: 0) }
        return policy.interest(on: due, from: start, through: today)
    }

    func view(of reminder: DuesReminder, ownerName: String) -> DuesReminderView {
        let noticeSent = formalNoticeSent(reminder.callID, reminder.ownerID)
        return DuesReminderView(
            reminder: reminder, ownerName: ownerName, daysOverdue: reminder.daysOverdue(on: today),
            interest: reminder.interest(under: policy, formalNoticeSentOn: noticeSent, on: today),
            interestFrom: reminder.interestStart(under: policy, formalNoticeSentOn: noticeSent))
    }

    func view(of reminder: DuesReminder, _ repos: any UsesOwners) async throws -> DuesReminderView {
        view(of: reminder, ownerName: try await repos.owners.find(reminder.ownerID)?.name ?? "")
    }
}

/// What the writes run through `mailed(_:)` use, together (`scripts/store-uses.py`).
typealias MailedNoticesStores = UsesAccounts & UsesAudit & UsesBudgetAlerts & UsesBudgets & UsesBuildings
    & UsesCallsForFunds & UsesCollectionPolicies & UsesDocumentTexts & UsesDocuments & UsesDuesReminders & UsesJournal
    & UsesMailQueue & UsesOwners & UsesSearchIndex

/// What sending pending reminders writes (`send(_:…)`).
typealias ReminderSendingStores = MailedDocumentStores & UsesAccounts & UsesBudgetAlerts & UsesBudgets
    & UsesCallsForFunds & UsesDuesReminders & UsesJournal & UsesOwners
