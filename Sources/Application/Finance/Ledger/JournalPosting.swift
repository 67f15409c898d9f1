import Domain

/// Posting to a building's journal inside a caller's transaction: the ledger's own routes and
/// the calls for funds (a call sent, a payment received) post through it. It is a collaborator
/// of the Finance module's services, built once per service; no service builds another.
struct JournalPosting: Sendable {
    /// A posting that touches a charge account feeds the active budget's drift alerts, in the
    /// same transaction.
    let drift: BudgetDrift

    func checkOpen(_ entry: JournalEntry, _ repos: any UsesJournal) async throws {
        if try await repos.journal.isClosed(entry.buildingID, fiscalYear: entry.fiscalYear) {
            throw LedgerError.yearClosed(entry.fiscalYear)
        }
    }

    /// Checks the accounts, numbers the entry and stores it, inside the caller's transaction.
    /// Everything that can be done before the number is taken is: posters of one journal queue
    /// on its counter from then until commit.
    func record(_ entry: JournalEntry, _ repos: any UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesJournal)
        async throws -> JournalEntry
    {
        var entry = entry
        try await checkOpen(entry, repos)
        try await checkAccounts(of: entry, in: entry.buildingID, repos)
        let budget = try await drift.budgetWatching(entry, repos)
        try entry.post(as: try await repos.journal.insertNumbered(entry))
        if let budget { try await drift.check(budget, repos) }
        return entry
    }

    /// `record` in one round trip when nothing stands in the way: the building is the caller's,
    /// its year open, its accounts known, and no active budget watches the entry (drift alerts
    /// need the step-by-step path). nil when any of these fails; nothing was written then.
    func recordIfClear(_ entry: JournalEntry, _ principal: Principal, _ repos: any UsesJournal) async throws
        -> JournalEntry?
    {
        guard
            let number = try await repos.journal.insertNumberedIfClear(
                entry, organization: principal.organizationID, unlessBudgetActive: drift.mayWatch(entry))
        else { return nil }
        var entry = entry
        try entry.post(as: number)
        return entry
    }

    func checkAccounts(of entry: JournalEntry, in building: BuildingID, _ repos: any UsesAccounts) async throws {
        let codes = Set(entry.lines.map(\.accountCode))
        let known = try await repos.accounts.existingCodes(codes, in: building)
        if let unknown = entry.lines.firstIndex(where: { !known.contains($0.accountCode) }) {
            throw DomainError.invalidValue(
                field: "lines[\(unknown)].accountCode",
                reason: "\(entry.lines[unknown].accountCode) is not in the building's chart of accounts")
        }
    }
}
