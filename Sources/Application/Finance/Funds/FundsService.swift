public import Domain
import Foundation

public protocol CallForFundsRepository: Sendable {
    func insert(_ call: CallForFunds) async throws
    func find(_ id: CallForFundsID) async throws -> CallForFunds?
    /// Newest call date first; `overdueOn` keeps sent calls past their due date on that day.
    func list(of building: BuildingID, overdueOn: CalendarDate?, page: PageRequest) async throws -> Page<CallForFunds>
    /// Stores the status and the contributions (frozen at send, paid amounts after).
    func update(_ call: CallForFunds) async throws
    /// The next `count` numbers of the organization's structured communications (from 1, never
    /// given twice).
    func reserveCommunications(_ count: Int, of organization: OrganizationID) async throws -> [Int]
    func delete(_ id: CallForFundsID) async throws
    func insertPayments(_ payments: [OwnerPayment]) async throws
    /// What sent calls asked of the owner (nothing for drafts), in one building or all of them.
    func calledAmounts(of owner: OwnerID, in building: BuildingID?) async throws -> [CalledAmount]
    func payments(of owner: OwnerID, in building: BuildingID?) async throws -> [OwnerPayment]
    /// The building's calls sent (or paid since) whose call date falls between the two days,
    /// both included, oldest first.
    func sent(in building: BuildingID, from: CalendarDate, through: CalendarDate) async throws -> [CallForFunds]
    /// The building's sent calls whose due date is before `day` (not all paid), oldest due first.
    func overdue(in building: BuildingID, on day: CalendarDate) async throws -> [CallForFunds]
    /// The call and owner whose contribution was given this structured communication, in the
    /// organization.
    func contribution(communicated: StructuredCommunication, in organization: OrganizationID) async throws
        -> (call: CallForFundsID, owner: OwnerID)?
}

public struct CallForFundsInput: Sendable {
    public let title: String
    public let period: String
    public let ordinary: Money
    public let extraordinary: Money
    public let callDate: String
    public let dueDate: String

    public init(title: String, period: String, ordinary: Money, extraordinary: Money, callDate: String, dueDate: String)
    {
        self.title = title
        self.period = period
        self.ordinary = ordinary
        self.extraordinary = extraordinary
        self.callDate = callDate
        self.dueDate = dueDate
    }
}

/// A call and, for a draft, the contributions it would freeze if sent now.
public struct CallForFundsView: Sendable {
    public let call: CallForFunds
    public let contributions: [Contribution]
    public let isOverdue: Bool
}

/// Calls for funds: drafted, sent (contributions frozen and the owners' receivables posted to the
/// ledger in one transaction), paid owner by owner (each payment posted to the bank).
public struct FundsService: Sendable {
    static let receivable = "410"
    static let bank = "550"
    static let ordinaryRevenue = "700"
    static let reserveRevenue = "701"

    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let posting: JournalPosting
    /// Sending also keeps each owner's notice and emails it (nil: the ledger only).
    let mailing: CallNoticeMailing?
    /// Where a contribution paid in full is stated (`ContributionSettled`).
    let bus: DomainEventBus?

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, mailing: CallNoticeMailing? = nil,
        bus: DomainEventBus? = nil
    ) {
        self.mailing = mailing
        self.bus = bus
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.posting = JournalPosting(drift: BudgetDrift(clock: clock, ids: ids))
    }

    /// The calls' reaction to the assembly: works adopted with an amount raise a draft
    /// extraordinary call for it, dated the day of the assembly and due 30 days later, for the
    /// syndic to review and send (paid into the reserve fund's account).
    public func subscribe(to bus: DomainEventBus) {
        bus.subscribe { event, repos in
            guard let adopted = event as? ResolutionAdopted, let amount = adopted.worksAmount else { return [] }
            let call = try CallForFunds(
                id: CallForFundsID(ids.make()), buildingID: adopted.building, title: "Travaux : \(adopted.title)",
                period: .oneTime, ordinary: Money(minorUnits: 0), extraordinary: amount,
                callDate: adopted.assemblyDate, dueDate: adopted.assemblyDate.adding(days: 30), createdAt: adopted.at)
            try await repos.callsForFunds.insert(call)
            return []
        }
    }

    public func create(in building: BuildingID, _ input: CallForFundsInput, as principal: Principal) async throws
        -> CallForFundsView
    {
        try AccessPolicy.require(.manageLedger, by: principal)
        guard let period = CallForFunds.Period(rawValue: input.period) else {
            throw DomainError.invalidValue(field: "period", reason: "must be quarterly, monthly, yearly or one_time")
        }
        let call = try CallForFunds(
            id: CallForFundsID(ids.make()), buildingID: building, title: input.title, period: period,
            ordinary: input.ordinary, extraordinary: input.extraordinary,
            callDate: try CalendarDate(parsing: input.callDate, field: "callDate"),
            dueDate: try CalendarDate(parsing: input.dueDate, field: "dueDate"), createdAt: clock.now())
        return try await persistence.write {
            (repos: any UsesBuildings & UsesCallsForFunds & UsesLots & UsesOwnerships) in
            _ = try await TenantScope.building(building, principal, repos)
            try await repos.callsForFunds.insert(call)
            return try await view(of: call, repos)
        }
    }

    public func call(_ id: CallForFundsID, as principal: Principal) async throws -> CallForFundsView {
        try AccessPolicy.require(.readLedger, by: principal)
        return try await persistence.read {
            (repos: any UsesBuildings & UsesCallsForFunds & UsesLots & UsesOwnerships) in
            try await view(of: try await visibleCall(id, principal, repos), repos)
        }
    }

    public func calls(of building: BuildingID, overdueOnly: Bool, page: PageRequest, as principal: Principal)
        async throws
        -> Page<CallForFundsView>
    {
        try AccessPolicy.require(.readLedger, by: principal)
        let today = CalendarDate(utcDayOf: clock.now())
        return try await persistence.read {
            (repos: any UsesBuildings & UsesCallsForFunds & UsesLots & UsesOwnerships) in
            _ = try await TenantScope.building(building, principal, repos)
            let page = try await repos.callsForFunds.list(
                of: building, overdueOn: overdueOnly ? today : nil, page: page)
            var views: [CallForFundsView] = []
            for call in page.items { views.append(try await view(of: call, repos)) }
            return Page(items: views, request: page.request, totalItems: page.totalItems)
        }
    }

    /// Draft → Sent: freezes each owner's part (with its structured communication) and posts the
    /// receivables (VEN journal). When the building has the account to pay into, each owner's
    /// notice is kept as a document and emailed to the owners with an address, in the same
    /// transaction: the emails go out after it commits, retried like any mail.
    public func send(_ id: CallForFundsID, as principal: Principal) async throws -> CallForFundsView {
        try AccessPolicy.require(.manageLedger, by: principal)
        let pending = PendingNotices()
        let view: CallForFundsView
        do {
            view = try await persistence.write {
                (
                    repos: any MailedDocumentStores & UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesBuildings
                        & UsesCallsForFunds & UsesJournal & UsesLots & UsesOwners & UsesOwnerships
                ) in
                let view = try await sendInTransaction(id, as: principal, repos)
                if let mailing, mailing.documents.canRender,
                    let notices = try await mailableNotices(of: view.call, principal, repos)
                {
                    try await mailing.keepAndMail(notices, of: view.call, as: principal, pending: pending, repos)
                }
                return view
            }
        } catch {
            if let prepared = pending.prepared, let mailing { await mailing.documents.abandon(prepared) }
            throw error
        }
        if let mailing { await mailing.sent(pending) }
        return view
    }

    /// The notices of a call just sent, or nil when the building has no account to pay into: the
    /// call is sent all the same (as it is on a server that cannot make PDFs).
    func mailableNotices(
        of call: CallForFunds, _ principal: Principal,
        _ repos: any UsesBuildings & UsesLots & UsesOwners & UsesOwnerships
    ) async throws
        -> [CallNotice]?
    {
        do { return try await notices(of: call, principal, repos) } catch FundsError.noBankAccount {
            return nil
        }
    }

    func sendInTransaction(
        _ id: CallForFundsID, as principal: Principal,
        _ repos: any UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesBuildings & UsesCallsForFunds & UsesJournal
            & UsesLots & UsesOwnerships
    ) async throws
        -> CallForFundsView
    {
        var call = try await visibleCall(id, principal, repos)
        try await repos.buildings.lock(call.buildingID)
        let billable = try await billableContributions(of: call, repos)
        let numbers = try await repos.callsForFunds.reserveCommunications(
            billable.count, of: principal.organizationID)
        let contributions = try zip(billable, numbers).map { contribution, number in
            contribution.communicated(by: try StructuredCommunication(base: number))
        }
        try call.send(with: contributions)
        try await repos.callsForFunds.update(call)
        var lines = try contributions.enumerated().filter { $0.element.amount.minorUnits > 0 }.map {
            index, contribution in
            try JournalLine(
                accountCode: Self.receivable, debit: contribution.amount, credit: Money(minorUnits: 0),
                description: "Copropriétaire \(contribution.ownerID)", index: index)
        }
        for (code, amount) in [(Self.ordinaryRevenue, call.ordinary), (Self.reserveRevenue, call.extraordinary)]
        where amount.minorUnits > 0 {
            lines.append(
                try JournalLine(
                    accountCode: code, debit: Money(minorUnits: 0), credit: amount, description: call.title,
                    index: lines.count))
        }
        _ = try await posting.record(
            try JournalEntry(
                id: JournalEntryID(ids.make()), buildingID: call.buildingID, journal: .sales, type: .callForFunds,
                entryDate: call.callDate, description: "Appel de fonds: \(call.title)", documentRef: nil,
                lines: lines,
                createdAt: clock.now()),
            repos)
        return try await view(of: call, repos)
    }

    /// An owner's payment, partial or full (never more than due), posted to the bank (FIN journal).
    public func pay(
        _ id: CallForFundsID, owner: OwnerID, amount: Money, paidOn rawDate: String, as principal: Principal
    ) async throws -> CallForFundsView {
        try AccessPolicy.require(.manageLedger, by: principal)
        let paidOn = try CalendarDate(parsing: rawDate, field: "paidOn")
        return try await persistence.write(publishing: bus) {
            (
                repos: any UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesBuildings & UsesCallsForFunds
                    & UsesJournal & UsesLots & UsesOwnerships, facts: EventPublisher
            ) in
            let call = try await receive(
                try await visibleCall(id, principal, repos), owner: owner, amount: amount, on: paidOn, repos, facts)
            return try await view(of: call, repos)
        }
    }

    /// Settles everything still due on the call in one bank entry, dated `paidOn` (default: today).
    public func markPaid(_ id: CallForFundsID, paidOn rawDate: String?, as principal: Principal) async throws
        -> CallForFundsView
    {
        try AccessPolicy.require(.manageLedger, by: principal)
        let paidOn =
            try rawDate.map { try CalendarDate(parsing: $0, field: "paidOn") } ?? CalendarDate(utcDayOf: clock.now())
        return try await persistence.write(publishing: bus) {
            (
                repos: any UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesBuildings & UsesCallsForFunds
                    & UsesJournal & UsesLots & UsesOwnerships, facts: EventPublisher
            ) in
            var call = try await visibleCall(id, principal, repos)
            let remaining = call.contributions.filter { $0.due.minorUnits > 0 }
            guard call.status == .sent, !remaining.isEmpty else {
                throw DomainError.illegalTransition(entity: "call_for_funds", from: call.status.rawValue, to: "paid")
            }
            let settled = remaining.map { ($0.ownerID, $0.due) }
            for (owner, due) in settled { try call.pay(due, by: owner) }
            try await repos.callsForFunds.update(call)
            try await recordReceipt(settled, on: paidOn, description: "Solde \(call.title)", for: call, repos, facts)
            return try await view(of: call, repos)
        }
    }

    public func delete(_ id: CallForFundsID, as principal: Principal) async throws {
        try AccessPolicy.require(.manageLedger, by: principal)
        try await persistence.write { (repos: any UsesBuildings & UsesCallsForFunds) in
            let call = try await visibleCall(id, principal, repos)
            try call.checkDeletable()
            try await repos.callsForFunds.delete(id)
        }
    }

    /// A payment another module's use case records in its own transaction (a bank statement's
    /// line): the owner's contribution paid, the bank entry posted, the owner's statement updated.
    @discardableResult
    func receive(
        _ call: CallForFunds, owner: OwnerID, amount: Money, on date: CalendarDate,
        _ repos: any UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesCallsForFunds & UsesJournal,
        _ facts: EventPublisher
    ) async throws -> CallForFunds {
        var call = call
        try call.pay(amount, by: owner)
        try await repos.callsForFunds.update(call)
        try await recordReceipt(
            [(owner, amount)], on: date, description: "Paiement \(call.title) - copropriétaire \(owner)", for: call,
            repos, facts)
        return call
    }

    /// Money received from owners: one bank entry (debit the bank, credit the owners' receivable,
    /// FIN journal) and one payment row per owner for their statements. Each contribution it pays
    /// in full is stated on the bus (reminders chasing it are closed).
    func recordReceipt(
        _ received: [(OwnerID, Money)], on date: CalendarDate, description: String, for call: CallForFunds,
        _ repos: any UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesCallsForFunds & UsesJournal,
        _ facts: EventPublisher
    ) async throws {
        let zero = Money(minorUnits: 0)
        let amount = Money(minorUnits: received.reduce(0) { $0 + $1.1.minorUnits })
        let entry = try await posting.record(
            try JournalEntry(
                id: JournalEntryID(ids.make()), buildingID: call.buildingID, journal: .financial,
                type: .paymentReceived,
                entryDate: date, description: description, documentRef: nil,
                lines: [
                    try JournalLine(accountCode: Self.bank, debit: amount, credit: zero, description: nil, index: 0),
                    try JournalLine(
                        accountCode: Self.receivable, debit: zero, credit: amount, description: nil, index: 1),
                ],
                createdAt: clock.now()),
            repos)
        try await repos.callsForFunds.insertPayments(
            received.map { owner, paid in
                OwnerPayment(
                    id: OwnerPaymentID(ids.make()), callID: call.id, ownerID: owner, buildingID: call.buildingID,
                    amount: paid, paidOn: date, journalEntryID: entry.id, createdAt: clock.now())
            })
        let paidOwners = Set(call.contributions.filter { $0.due.minorUnits == 0 }.map(\.ownerID))
        for (owner, _) in received where paidOwners.contains(owner) {
            _ = try await facts.publish(
                ContributionSettled(call: call.id, building: call.buildingID, owner: owner, on: date, at: clock.now()))
        }
    }

    /// An owner's calls, payments and running balance, in one building or all of them. Readable by
    /// the syndic's staff, and by the owner themself when their user is linked to the owner.
    public func statement(of ownerID: OwnerID, in building: BuildingID?, as principal: Principal) async throws
        -> OwnerStatement
    {
        let staff = AccessPolicy.allows(principal, .readLedger)
        if !staff { try AccessPolicy.require(.readOwnAccount, by: principal) }
        let (statement, ownRecord) = try await persistence.read {
            (repos: any UsesBuildings & UsesCallsForFunds & UsesOwners) in
            let owner = try await TenantScope.owner(ownerID, principal, repos)
            guard staff || owner.userID == principal.userID else {
                throw ApplicationError.notFound(entity: "owner", id: ownerID.description)
            }
            if let building { _ = try await TenantScope.building(building, principal, repos) }
            let statement = OwnerStatement(
                owner: ownerID, calls: try await repos.callsForFunds.calledAmounts(of: ownerID, in: building),
                payments: try await repos.callsForFunds.payments(of: ownerID, in: building))
            return (statement, owner.userID == principal.userID)
        }
        if !ownRecord {
            try await PersonalDataReadLog(persistence: persistence, clock: clock, ids: ids)
                .record(.owner(ownerID), purpose: "owner statement", in: principal.organizationID, by: principal)
        }
        return statement
    }

    /// The owners' parts on the call date; refuses a building that is not ready for billing then.
    func billableContributions(of call: CallForFunds, _ repos: any UsesBuildings & UsesLots & UsesOwnerships)
        async throws -> [Contribution]
    {
        guard let building = try await repos.buildings.find(call.buildingID) else {
            throw ApplicationError.notFound(entity: "building", id: call.buildingID.description)
        }
        let lots = try await repos.lots.lots(of: building.id)
        let active = try await repos.ownerships.all(in: building.id).filter { $0.isActive(on: call.callDate) }
        let readiness = BillingReadiness(building: building, lots: lots, openOwnerships: active)
        guard readiness.isReady else { throw CoOwnershipError.notReadyForBilling(readiness.missing) }
        return try CallForFunds.contributions(total: call.total, lots: lots, ownerships: active)
    }

    func view(of call: CallForFunds, _ repos: any UsesBuildings & UsesLots & UsesOwnerships) async throws
        -> CallForFundsView
    {
        let contributions =
            call.status == .draft ? ((try? await billableContributions(of: call, repos)) ?? []) : call.contributions
        return CallForFundsView(
            call: call, contributions: contributions, isOverdue: call.isOverdue(on: CalendarDate(utcDayOf: clock.now()))
        )
    }

    func visibleCall(_ id: CallForFundsID, _ principal: Principal, _ repos: any UsesBuildings & UsesCallsForFunds)
        async throws
        -> CallForFunds
    {
        try await TenantScope.visible(
            try await repos.callsForFunds.find(id), of: \.buildingID, principal, repos, entity: "call_for_funds",
            id: id.description)
    }
}
