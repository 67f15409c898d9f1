public import Domain
import Foundation

/// An imported statement with its lines, whether it was imported before, and how it agrees with
/// the ledger's bank account (550) of its year.
public struct BankImport: Sendable {
    public let statement: BankStatement
    public let lines: [BankLine]
    /// True when this file was imported already: nothing was created.
    public let duplicate: Bool
    /// The statement's balance less the ledger's bank account before the import (opening) and
    /// after it (closing): zero when they agree.
    public let openingDifference: Money?
    public let closingDifference: Money?

    public init(
        statement: BankStatement, lines: [BankLine], duplicate: Bool, openingDifference: Money?,
        closingDifference: Money?
    ) {
        self.statement = statement
        self.lines = lines
        self.duplicate = duplicate
        self.openingDifference = openingDifference
        self.closingDifference = closingDifference
    }
}

/// Bank statements (CODA, CAMT.053) imported for a building: each credit matched to an owner's
/// contribution by its structured communication, else by the account it came from and its
/// amount (flagged for review), and booked as a payment entered by hand would be; the rest waits
/// on the unmatched list for the syndic.
public struct BankService: Sendable {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail
    let reader: any BankStatementReader
    /// Books matched payments through the calls' use case, in our transaction.
    let funds: FundsService

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, reader: any BankStatementReader,
        funds: FundsService
    ) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.trail = AuditTrail(clock: clock, ids: ids)
        self.reader = reader
        self.funds = funds
    }

    public func importStatement(into buildingID: BuildingID, _ bytes: [UInt8], as principal: Principal) async throws
        -> BankImport
    {
        try AccessPolicy.require(.manageLedger, by: principal)
        // The building first, so another organization's id is a 404 before the file is read.
        _ = try await persistence.read { (repos: any UsesBuildings) in
            try await TenantScope.building(buildingID, principal, repos)
        }
        let file = try reader.read(bytes)
        return try await persistence.write(publishing: funds.bus) {
            (
                repos: any UsesAccounts & UsesAudit & UsesBankStatements & UsesBudgetAlerts & UsesBudgets
                    & UsesBuildings & UsesCallsForFunds & UsesJournal, facts: EventPublisher
            ) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            try await repos.buildings.lock(buildingID)
            if let existing = try await repos.bankStatements.find(
                in: buildingID, account: file.account, number: file.number)
            {
                return BankImport(
                    statement: existing, lines: try await repos.bankStatements.lines(of: existing.id), duplicate: true,
                    openingDifference: nil, closingDifference: nil)
            }
            let before = try await bankBalance(of: buildingID, year: file.date.year, repos)
            let statement = BankStatement(
                id: BankStatementID(ids.make()), organizationID: principal.organizationID, buildingID: buildingID,
                format: file.format, account: file.account, number: file.number, date: file.date,
                openingBalance: file.openingBalance, closingBalance: file.closingBalance, importedAt: clock.now())
            try await repos.bankStatements.insert(statement)
            var lines: [BankLine] = []
            for movement in file.movements {
                lines.append(try await match(movement, of: statement, principal, repos, facts))
            }
            try await repos.bankStatements.insert(lines)
            let after = try await bankBalance(of: buildingID, year: file.date.year, repos)
            try await trail.record(
                "bank_statement.imported", entity: "building", id: buildingID.description,
                payload: [
                    "bankStatementId": statement.id.description, "lines": String(lines.count),
                    "matched": String(lines.filter { $0.status == .matched || $0.status == .review }.count),
                ], by: principal, organization: principal.organizationID, repos)
            return BankImport(
                statement: statement, lines: lines, duplicate: false,
                openingDifference: Money(minorUnits: file.openingBalance.minorUnits - before.minorUnits),
                closingDifference: Money(minorUnits: file.closingBalance.minorUnits - after.minorUnits))
        }
    }

    /// The line, matched and booked where it can be.
    private func match(
        _ movement: BankStatementFile.Movement, of statement: BankStatement, _ principal: Principal,
        _ repos: any UsesAccounts & UsesBankStatements & UsesBudgetAlerts & UsesBudgets & UsesCallsForFunds
            & UsesJournal, _ facts: EventPublisher
    ) async throws -> BankLine {
        func line(
            _ status: BankLine.Status, _ owner: OwnerID? = nil, _ call: CallForFundsID? = nil, _ note: String? = nil
        )
            -> BankLine
        {
            BankLine(
                id: BankLineID(ids.make()), organizationID: statement.organizationID, buildingID: statement.buildingID,
                statementID: statement.id, movement: movement, status: status, ownerID: owner, callID: call,
                note: note)
        }
        guard movement.amount.minorUnits > 0 else { return line(.debit) }
        if let communication = movement.communication {
            guard
                let (callID, owner) = try await repos.callsForFunds.contribution(
                    communicated: communication, in: principal.organizationID),
                let call = try await repos.callsForFunds.find(callID), call.buildingID == statement.buildingID,
                let contribution = call.contributions.first(where: { $0.ownerID == owner })
            else { return line(.unmatched, nil, nil, "no contribution of this building has this communication") }
            guard movement.amount <= contribution.due else {
                return line(
                    .unmatched, owner, callID,
                    "\(movement.amount.decimalString) is more than the \(contribution.due.decimalString) still due")
            }
            try await funds.receive(call, owner: owner, amount: movement.amount, on: movement.date, repos, facts)
            return line(.matched, owner, callID)
        }
        if let iban = movement.counterpartyIBAN,
            let owner = try await repos.bankStatements.payer(using: iban, in: statement.buildingID)
        {
            let calls = try await repos.callsForFunds.sent(
                in: statement.buildingID, from: try CalendarDate(year: 2000, month: 1, day: 1), through: movement.date)
            if let call = calls.first(where: { call in
                call.contributions.contains { $0.ownerID == owner && $0.due == movement.amount }
            }) {
                try await funds.receive(call, owner: owner, amount: movement.amount, on: movement.date, repos, facts)
                return line(.review, owner, call.id, "matched by the payer's account and the amount: check it")
            }
        }
        return line(
            .unmatched, nil, nil, "no structured communication, and no open contribution of this payer and amount")
    }

    /// The ledger's bank account (550) for the year, as posted so far.
    private func bankBalance(of building: BuildingID, year: Int, _ repos: any UsesJournal) async throws
        -> Money
    {
        guard FiscalYear.range.contains(year) else { return Money(minorUnits: 0) }
        return try await repos.journal.trialBalance(of: building, fiscalYear: year)
            .first { $0.accountCode == PurchaseInvoice.bankAccount }?.balance ?? Money(minorUnits: 0)
    }

    public func statements(of buildingID: BuildingID, page: PageRequest, as principal: Principal) async throws
        -> Page<BankStatement>
    {
        try AccessPolicy.require(.readLedger, by: principal)
        return try await persistence.read { (repos: any UsesBankStatements & UsesBuildings) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            return try await repos.bankStatements.list(of: buildingID, page: page)
        }
    }

    public func statement(_ id: BankStatementID, as principal: Principal) async throws -> (BankStatement, [BankLine]) {
        try AccessPolicy.require(.readLedger, by: principal)
        return try await persistence.read { (repos: any UsesBankStatements) in
            let statement = try TenantScope.visible(
                try await repos.bankStatements.find(id), in: \.organizationID, principal, entity: "bank_statement",
                id: id.description)
            return (statement, try await repos.bankStatements.lines(of: id))
        }
    }

    /// The lines waiting for the syndic (unmatched), or those to check (review).
    public func lines(
        of buildingID: BuildingID, status: [BankLine.Status], page: PageRequest, as principal: Principal
    ) async throws -> Page<BankLine> {
        try AccessPolicy.require(.readLedger, by: principal)
        return try await persistence.read { (repos: any UsesBankStatements & UsesBuildings) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            return try await repos.bankStatements.lines(of: buildingID, status: status, page: page)
        }
    }

    /// The syndic assigns an unmatched credit to an owner's contribution on a call of the
    /// building: booked as a payment, on the line's date.
    public func assign(_ id: BankLineID, owner: OwnerID, call callID: CallForFundsID, as principal: Principal)
        async throws -> BankLine
    {
        try AccessPolicy.require(.manageLedger, by: principal)
        return try await persistence.write(publishing: funds.bus) {
            (
                repos: any UsesAccounts & UsesAudit & UsesBankStatements & UsesBudgetAlerts & UsesBudgets
                    & UsesCallsForFunds & UsesJournal, facts: EventPublisher
            ) in
            guard
                var line = try await repos.bankStatements.line(id), line.organizationID == principal.organizationID
            else { throw ApplicationError.notFound(entity: "bank_line", id: id.description) }
            guard let call = try await repos.callsForFunds.find(callID), call.buildingID == line.buildingID else {
                throw DomainError.invalidValue(field: "callId", reason: "is not a call for funds of this building")
            }
            try line.assign(to: owner, call: callID)
            try await funds.receive(
                call, owner: owner, amount: line.movement.amount, on: line.movement.date, repos, facts)
            try await repos.bankStatements.update(line)
            try await trail.record(
                "bank_line.assigned", entity: "building", id: line.buildingID.description,
                payload: ["bankLineId": id.description, "callId": callID.description], by: principal,
                organization: principal.organizationID, repos)
            return line
        }
    }
}
