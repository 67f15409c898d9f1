import Application
import Domain
import Foundation
import SQLAdapters
import Testing

/// The finance operations repositories (suppliers, supplier invoices, purchase settings), on
/// SQLite and (when configured) PostgreSQL.
@Suite("Finance operations repository contract")
struct FinanceOperationsContractTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000.5)

    func day(_ text: String) -> CalendarDate { try! CalendarDate(parsing: text) }

    func withStore(
        _ database: TestDatabase, _ body: (SQLPersistence, OrganizationID, BuildingID) async throws -> Void
    ) async throws {
        try await database.withStore { store in
            let organization = Organization(id: OrganizationID(UUID()), name: "ACP", createdAt: now)
            let building = try Building(
                id: BuildingID(UUID()), organizationID: organization.id, name: "Les Tilleuls", address: "Rue 1",
                city: "Liège", postalCode: "4000", country: "BE", totalTantiemes: 1000, createdAt: now)
            try await store.write { repos in
                try await repos.organizations.insert(organization)
                try await repos.buildings.insert(building)
            }
            try await body(store, organization.id, building.id)
        }
    }

    func supplier(_ organization: OrganizationID, _ name: String, vat: String?, iban: String?) throws -> Supplier {
        try Supplier(
            id: SupplierID(UUID()), organizationID: organization, name: name, vatNumber: vat.flatMap(VATNumber.init),
            iban: iban.flatMap(IBAN.init), email: try Email("compta@example.be"), createdAt: now)
    }

    @Test(
        "Suppliers round-trip, match by VAT number before IBAN, filter by name, and a VAT number is the organization's once",
        arguments: TestDatabase.enabled)
    func suppliers(_ database: TestDatabase) async throws {
        try await withStore(database) { store, organization, _ in
            let dubois = try supplier(organization, "Plomberie Dubois", vat: "BE0854541096", iban: "BE66311782855743")
            let other = try supplier(organization, "Électricité 50%", vat: nil, iban: "BE36886158834181")
            try await store.write { repos in
                try await repos.suppliers.insert(dubois)
                try await repos.suppliers.insert(other)
            }
            let read1 = try await store.read { try await $0.suppliers.find(dubois.id) }

            #expect(read1 == dubois)
            let byVAT = try await store.read {
                try await $0.suppliers.match(
                    vatNumber: VATNumber("BE0854541096"), iban: IBAN("BE36886158834181"), in: organization)
            }
            #expect(byVAT?.id == dubois.id)
            let byIBAN = try await store.read {
                try await $0.suppliers.match(vatNumber: nil, iban: IBAN("BE36886158834181"), in: organization)
            }
            #expect(byIBAN?.id == other.id)
            let elsewhere = try await store.read {
                try await $0.suppliers.match(
                    vatNumber: VATNumber("BE0854541096"), iban: nil, in: OrganizationID(UUID()))
            }
            #expect(elsewhere == nil)
            // `%` is a character of the name, not a wildcard.
            let percent = try await store.read {
                try await $0.suppliers.list(of: organization, filter: SupplierFilter(name: "50%"), page: PageRequest())
            }
            #expect(percent.items.map(\.id) == [other.id])
            let all = try await store.read {
                try await $0.suppliers.list(of: organization, filter: SupplierFilter(), page: PageRequest())
            }
            #expect(all.totalItems == 2)
            let twin = try supplier(organization, "Dubois bis", vat: "BE0854541096", iban: nil)
            await #expect(throws: SupplierExists.self) { try await store.write { try await $0.suppliers.insert(twin) } }
            var changed = dubois
            try changed.apply(Supplier.Changes(email: .some(nil)))
            try await store.write { [changed] in try await $0.suppliers.update(changed) }
            #expect(try await store.read { try await $0.suppliers.find(dubois.id) }?.email == nil)
        }
    }

    @Test(
        "An invoice round-trips through its life, with its prefilled fields; lists filter and put the newest first",
        arguments: TestDatabase.enabled)
    func invoices(_ database: TestDatabase) async throws {
        try await withStore(database) { store, organization, building in
            let dubois = try supplier(organization, "Plomberie Dubois", vat: "BE0854541096", iban: nil)
            let read = ExtractedField(
                name: "net_amount", value: "2666.94", confidence: 0.87, start: 10, end: 18, source: "2.666,94")
            var invoice = PurchaseInvoice(
                id: PurchaseInvoiceID(UUID()), organizationID: organization, buildingID: building, extracted: [read],
                createdAt: now)
            var changes = PurchaseInvoice.Changes()
            changes.supplierID = .some(dubois.id)
            changes.number = .some("2026/1940")
            changes.category = .repairs
            changes.chargeAccount = .some("610")
            changes.invoiceDate = .some(day("2026-02-10"))
            changes.dueDate = .some(day("2026-03-10"))
            changes.netAmount = .some(Money(minorUnits: 266_694))
            changes.vatRate = .some(try VATRate(parsing: "21"))
            try invoice.apply(changes, at: now)
            var older = PurchaseInvoice(
                id: PurchaseInvoiceID(UUID()), organizationID: organization, buildingID: building, createdAt: now)
            var olderChanges = PurchaseInvoice.Changes()
            olderChanges.invoiceDate = .some(day("2026-01-05"))
            try older.apply(olderChanges, at: now)
            let undated = PurchaseInvoice(
                id: PurchaseInvoiceID(UUID()), organizationID: organization, buildingID: building, createdAt: now)
            try await store.write { [invoice, older] repos in
                try await repos.suppliers.insert(dubois)
                try await repos.purchaseInvoices.insert(invoice)
                try await repos.purchaseInvoices.insert(older)
                try await repos.purchaseInvoices.insert(undated)
            }
            let stored = invoice
            let read2 = try await store.read { try await $0.purchaseInvoices.find(stored.id) }

            #expect(read2 == stored)
            let user = UserID(UUID())
            try invoice.submit(boardApprovalRequired: true, at: now)
            #expect(try !invoice.approve(as: .syndic, by: user, boardApprovalRequired: true, at: now))
            #expect(try invoice.approve(as: .board, by: user, boardApprovalRequired: true, at: now))
            try await store.write { [invoice] repos in
                try await repos.purchaseInvoices.lock(invoice.id)
                try await repos.purchaseInvoices.update(invoice)
            }
            let approvedID = invoice.id
            let approved = try await store.read { try await $0.purchaseInvoices.find(approvedID) }
            #expect(approved == invoice && approved?.status == .approved && approved?.boardApproval?.userID == user)
            let page = try await store.read {
                try await $0.purchaseInvoices.list(of: building, filter: InvoiceFilter(), page: PageRequest())
            }
            #expect(page.items.map(\.id) == [undated.id, invoice.id, older.id])
            let filtered = try await store.read {
                try await $0.purchaseInvoices.list(
                    of: building, filter: InvoiceFilter(status: .approved, category: .repairs, supplierID: dubois.id),
                    page: PageRequest())
            }
            #expect(filtered.items.map(\.id) == [invoice.id] && filtered.totalItems == 1)
        }
    }

    @Test("Purchase settings are saved per building and replaced", arguments: TestDatabase.enabled)
    func settings(_ database: TestDatabase) async throws {
        try await withStore(database) { store, _, building in
            let read3 = try await store.read { try await $0.purchaseSettings.settings(of: building) }

            #expect(read3 == nil)
            let first = PurchaseSettings(boardApprovalThreshold: Money(minorUnits: 500_000), recoversVAT: true)
            try await store.write { try await $0.purchaseSettings.save(first, of: building, at: now) }
            let read4 = try await store.read { try await $0.purchaseSettings.settings(of: building) }

            #expect(read4 == first)
            try await store.write { try await $0.purchaseSettings.save(.standard, of: building, at: now) }
            let read5 = try await store.read { try await $0.purchaseSettings.settings(of: building) }

            #expect(read5 == .standard)
        }
    }

    @Test(
        "Charge keys round-trip with their weights and accounts, an account is one key's, and a year closes once",
        arguments: TestDatabase.enabled)
    func chargeKeys(_ database: TestDatabase) async throws {
        try await withStore(database) { store, organization, building in
            let lots = try ["1", "2"].map {
                try Lot(
                    id: LotID(UUID()), buildingID: building, number: $0, kind: .apartment, floor: nil,
                    surfaceHundredths: nil, tantiemes: 500, createdAt: now)
            }
            var lift = try ChargeKey(
                id: ChargeKeyID(UUID()), organizationID: organization, buildingID: building, name: "Ascenseur",
                weights: [lots[0].id: 300, lots[1].id: 500], accounts: ["6101"], createdAt: now)
            try await store.write { [lift] repos in
                for lot in lots { try await repos.lots.insert(lot) }
                try await repos.chargeKeys.insert(lift)
            }
            let found = try await store.read { [lift] in try await $0.chargeKeys.find(lift.id) }
            #expect(found == lift)
            let other = try ChargeKey(
                id: ChargeKeyID(UUID()), organizationID: organization, buildingID: building, name: "Autre",
                weights: [lots[0].id: 1], accounts: ["6101"], createdAt: now)
            await #expect(throws: ChargeAccountTaken.self) {
                try await store.write { try await $0.chargeKeys.insert(other) }
            }
            try lift.replace(name: "Ascenseur B", weights: [lots[1].id: 7], accounts: ["6101", "6102"])
            try await store.write { [lift] in try await $0.chargeKeys.update(lift) }
            let keys = try await store.read { try await $0.chargeKeys.keys(of: building) }
            #expect(keys == [lift])
            let closure = ChargeStatementClosure(fiscalYear: 2026, journalEntryID: nil, closedAt: now)
            try await store.write { try await $0.chargeStatementClosures.insert(closure, of: building) }
            let closed = try await store.read {
                try await $0.chargeStatementClosures.closure(of: building, fiscalYear: 2026)
            }
            #expect(closed == closure)
            await #expect(throws: StatementsClosed.self) {
                try await store.write { try await $0.chargeStatementClosures.insert(closure, of: building) }
            }
        }
    }

    @Test(
        "Bank statements are found by account and number; lines by status; a payer by the account they paid from",
        arguments: TestDatabase.enabled)
    func bankStatements(_ database: TestDatabase) async throws {
        try await withStore(database) { store, organization, building in
            let owner = try Owner(
                id: OwnerID(UUID()), organizationID: organization, kind: .natural, name: "Anne", email: nil, phone: nil,
                address: nil, userID: nil, createdAt: now)
            let statement = BankStatement(
                id: BankStatementID(UUID()), organizationID: organization, buildingID: building, format: .coda,
                account: "BE68539007547034", number: "001", date: day("2026-01-31"),
                openingBalance: Money(minorUnits: -500), closingBalance: Money(minorUnits: 59_500), importedAt: now)
            func movement(_ sequence: Int, _ cents: Int64, iban: String?) -> BankStatementFile.Movement {
                BankStatementFile.Movement(
                    sequence: sequence, date: day("2026-01-2\(sequence)"), amount: Money(minorUnits: cents),
                    counterpartyName: "Anne", counterpartyIBAN: iban.flatMap(IBAN.init),
                    communication: StructuredCommunication("+++090/9337/55493+++"), freeText: nil,
                    bankReference: "REF\(sequence)")
            }
            let matched = BankLine(
                id: BankLineID(UUID()), organizationID: organization, buildingID: building, statementID: statement.id,
                movement: movement(1, 60_000, iban: "BE71096123456769"), status: .matched, ownerID: owner.id)
            var waiting = BankLine(
                id: BankLineID(UUID()), organizationID: organization, buildingID: building, statementID: statement.id,
                movement: movement(2, 100, iban: nil), status: .unmatched, note: "no contribution")
            try await store.write { [waiting] repos in
                try await repos.owners.insert(owner)
                try await repos.bankStatements.insert(statement)
                try await repos.bankStatements.insert([matched, waiting])
            }
            let found = try await store.read {
                try await $0.bankStatements.find(in: building, account: "BE68539007547034", number: "001")
            }
            #expect(found == statement)
            let lines = try await store.read { try await $0.bankStatements.lines(of: statement.id) }
            #expect(lines.map(\.id) == [matched.id, waiting.id] && lines[0] == matched)
            let payer = try await store.read {
                try await $0.bankStatements.payer(using: IBAN("BE71096123456769")!, in: building)
            }
            #expect(payer == owner.id)
            let open = try await store.read {
                try await $0.bankStatements.lines(of: building, status: [.unmatched, .review], page: PageRequest())
            }
            #expect(open.items.map(\.id) == [lines[1].id])
            try waiting.assign(to: owner.id, call: CallForFundsID(UUID()))
            let assigned = BankLine(
                id: waiting.id, organizationID: organization, buildingID: building, statementID: statement.id,
                movement: waiting.movement, status: .assigned, ownerID: owner.id, callID: nil, note: nil)
            try await store.write { try await $0.bankStatements.update(assigned) }
            let reread = try await store.read { try await $0.bankStatements.line(assigned.id) }
            #expect(reread?.status == .assigned && reread?.ownerID == owner.id)
        }
    }
}

extension FinanceOperationsContractTests {
    @Test(
        "Collection rules round-trip with their rates; one open reminder per call, owner and level; reminders filter",
        arguments: TestDatabase.enabled)
    func duesReminders(_ database: TestDatabase) async throws {
        try await withStore(database) { store, organization, building in
            let policy = CollectionPolicy(
                interestStart: .dueDate, rates: [2026: try InterestRate(basisPoints: 800)],
                fees: [.first: Money(minorUnits: 500), .formalNotice: Money(minorUnits: 2_500)], automatic: true)
            let owner = try Owner(
                id: OwnerID(UUID()), organizationID: organization, kind: .natural, name: "Anne", email: nil, phone: nil,
                address: nil, userID: nil, createdAt: now)
            var call = try CallForFunds(
                id: CallForFundsID(UUID()), buildingID: building, title: "T1", period: .quarterly,
                ordinary: Money(minorUnits: 10_000), extraordinary: Money(minorUnits: 0), callDate: day("2026-01-05"),
                dueDate: day("2026-02-05"), createdAt: now)
            try call.send(with: [Contribution(ownerID: owner.id, amount: Money(minorUnits: 10_000))])
            func reminder(_ level: ReminderLevel, _ seconds: Double) throws -> DuesReminder {
                try DuesReminder.due(
                    id: DuesReminderID(UUID()), organizationID: organization, call: call, owner: owner.id,
                    unpaid: Money(minorUnits: 10_000), level: level, policy: policy, on: day("2026-04-11"),
                    at: now.addingTimeInterval(seconds))
            }
            var first = try reminder(.first, 0)
            let notice = try reminder(.formalNotice, 1)
            try await store.write { [call, first] repos in
                try await repos.collectionPolicies.save(policy, of: building, organization: organization, at: now)
                try await repos.owners.insert(owner)
                try await repos.callsForFunds.insert(call)
                try await repos.duesReminders.insert(first)
                try await repos.duesReminders.insert(notice)
            }
            let read = try await store.read { try await $0.collectionPolicies.policy(of: building) }
            #expect(read == policy)
            let automatic = try await store.read { try await $0.collectionPolicies.automatic() }
            #expect(automatic.map(\.building) == [building])
            let twin = try reminder(.first, 2)
            await #expect(throws: FinanceOperationsError.reminderExists(.first)) {
                try await store.write { try await $0.duesReminders.insert(twin) }
            }
            try first.send(on: day("2026-02-25"))
            first.record(feeEntry: nil, document: nil)
            try first.escalate(on: day("2026-03-12"))
            try await store.write { [first] in try await $0.duesReminders.update(first) }
            let reread = try await store.read { [first] in try await $0.duesReminders.find(first.id) }
            #expect(reread == first)
            // The first level is closed: another first reminder may be made.
            let again = try reminder(.first, 3)
            try await store.write { try await $0.duesReminders.insert(again) }
            let open = try await store.read { [call] in try await $0.duesReminders.open(call: call.id, owner: owner.id)
            }
            #expect(Set(open.map(\.id)) == [notice.id, again.id])
            let escalated = try await store.read {
                try await $0.duesReminders.list(
                    of: building, filter: ReminderFilter(ownerID: owner.id, status: .escalated), page: PageRequest())
            }
            #expect(escalated.items.map(\.id) == [first.id] && escalated.totalItems == 1)
            let newestFirst = try await store.read {
                try await $0.duesReminders.list(of: building, filter: ReminderFilter(), page: PageRequest())
            }
            #expect(newestFirst.items.map(\.id) == [again.id, notice.id, first.id])
            let all = try await store.read { try await $0.duesReminders.all(in: building) }
            #expect(all.map(\.id) == [first.id, notice.id, again.id])
            let overdue = try await store.read {
                try await $0.callsForFunds.overdue(in: building, on: day("2026-02-06"))
            }
            #expect(overdue.map(\.id) == [call.id])
            let notYet = try await store.read {
                try await $0.callsForFunds.overdue(in: building, on: day("2026-02-05"))
            }
            #expect(notYet.isEmpty)
        }
    }
}
