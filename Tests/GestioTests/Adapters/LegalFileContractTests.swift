import Application
import Domain
import Foundation
import SQLAdapters
import Testing

/// The legal file's repositories, on SQLite and (when configured) PostgreSQL.
@Suite("Legal file repository contract")
struct LegalFileContractTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000.5)

    func day(_ text: String) -> CalendarDate { try! CalendarDate(parsing: text) }

    /// An organization and its building in Liège, stored.
    func organizationAndBuilding(_ store: SQLPersistence) async throws -> (Organization, Building) {
        let organization = Organization(id: OrganizationID(UUID()), name: "ACP", createdAt: now)
        let building = try Building(
            id: BuildingID(UUID()), organizationID: organization.id, name: "Les Tilleuls", address: "Rue 1",
            city: "Liège", postalCode: "4000", country: "BE", totalTantiemes: 1000, createdAt: now)
        try await store.write { repos in
            try await repos.organizations.insert(organization)
            try await repos.buildings.insert(building)
        }
        return (organization, building)
    }

    @Test(
        "États datés are numbered without a gap per year, round-trip with their sections, list by due date and overdue",
        arguments: TestDatabase.enabled)
    func etatsDates(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (organization, building) = try await organizationAndBuilding(store)
            let lot = try Lot(
                id: LotID(UUID()), buildingID: building.id, number: "A", kind: .apartment, floor: nil,
                surfaceHundredths: nil, tantiemes: 400, createdAt: now)
            try await store.write { repos in
                try await repos.lots.insert(lot)
            }
            func request(_ number: Int, _ kind: EtatDate.Kind, received: String) throws -> EtatDate {
                EtatDate(
                    id: EtatDateID(UUID()), organizationID: organization.id, buildingID: building.id, lotID: lot.id,
                    reference: EtatDate.reference(year: 2026, number: number), kind: kind,
                    requester: try EtatDate.Requester(
                        role: .notary, name: "Maître Dubois", office: "Étude", email: try Email("n@example.com")),
                    referenceDate: day("2026-05-15"), receivedOn: day(received), createdAt: now)
            }
            let numbers = try await store.write { repos in
                [
                    try await repos.etatsDates.nextNumber(of: organization.id, year: 2026),
                    try await repos.etatsDates.nextNumber(of: organization.id, year: 2026),
                    try await repos.etatsDates.nextNumber(of: organization.id, year: 2027),
                ]
            }
            #expect(numbers == [1, 2, 1])
            var notary = try request(1, .notary, received: "2026-04-29")
            let information = try request(2, .information, received: "2026-04-29")
            try await store.write { [notary] repos in
                try await repos.etatsDates.insert(notary)
                try await repos.etatsDates.insert(information)
            }
            try notary.start()
            notary.manual.items[.disputes] = []
            notary.manual.items[.syndicCosts] = [
                try EtatDate.Item(description: "Porte", amount: Money(minorUnits: 120_000), field: "syndicCosts[0]")
            ]
            notary.remind(at: now)
            try await store.write { [notary] in try await $0.etatsDates.update(notary) }
            let read = try await store.read { [notary] in try await $0.etatsDates.find(notary.id) }
            #expect(read == notary)
            let page = try await store.read {
                try await $0.etatsDates.list(of: organization.id, filter: EtatDateFilter(), page: PageRequest())
            }
            #expect(page.items.map(\.id) == [information.id, notary.id])
            let overdue = try await store.read {
                try await $0.etatsDates.list(
                    of: organization.id, filter: EtatDateFilter(overdueOn: day("2026-05-16")), page: PageRequest())
            }
            #expect(overdue.items.map(\.id) == [information.id])
            let toTell = try await store.read { try await $0.etatsDates.dueUnreminded(onOrBefore: day("2026-06-30")) }
            #expect(toTell.map(\.id) == [information.id])
            let fee = LegalFileSettings(etatDateFee: Money(minorUnits: 15_000))
            try await store.write { try await $0.legalFileSettings.save(fee, of: building.id, at: now) }
            let settings = try await store.read { try await $0.legalFileSettings.settings(of: building.id) }
            #expect(settings == fee)
            func owner(_ name: String) throws -> Owner {
                try Owner(
                    id: OwnerID(UUID()), organizationID: organization.id, kind: .natural, name: name, email: nil,
                    phone: nil, address: nil, userID: nil, createdAt: now)
            }
            let (seller, buyer) = (try owner("Anne"), try owner("Claire"))
            let credit = TransferCredit(
                id: TransferCreditID(UUID()), organizationID: organization.id, buildingID: building.id, lotID: lot.id,
                sellerID: seller.id, buyerID: buyer.id, transferDate: day("2026-05-16"),
                parts: [
                    TransferCredit.Part(
                        callID: CallForFundsID(UUID()), title: "Provisions T2", periodStart: day("2026-04-01"),
                        periodEnd: day("2026-06-30"), advance: Money(minorUnits: 40_000), days: 46, periodDays: 91,
                        amount: Money(minorUnits: 20_220))
                ], journalEntryID: nil, createdAt: now)
            try await store.write { repos in
                try await repos.owners.insert(seller)
                try await repos.owners.insert(buyer)
                try await repos.transferCredits.insert(credit)
            }
            let credits = try await store.read { try await $0.transferCredits.credits(of: lot.id) }
            #expect(credits == [credit] && credits.first?.amount == Money(minorUnits: 20_220))
        }
    }

    @Test(
        "Technical inspections round-trip, list by due date, keep one plan per equipment and type, and alert once",
        arguments: TestDatabase.enabled)
    func technicalInspections(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (organization, building) = try await organizationAndBuilding(store)
            let lift = try Equipement(
                id: EquipementID(UUID()), organizationID: organization.id, code: "ASC-01", name: "Ascenseur",
                category: nil, location: nil, buildingID: building.id, criticality: .haute, commissionedOn: nil,
                status: .enService, createdAt: now)
            let plan = try PreventivePlan(
                id: PreventivePlanID(UUID()), organizationID: organization.id, equipementID: lift.id,
                title: "Contrôle ascenseur", frequency: try Frequency(every: 6, unit: .months),
                nextDate: day("2026-06-30"), checklist: [], createdAt: now)
            try await store.write { repos in
                try await repos.equipements.insert(lift)
                try await repos.plans.insert(plan)
                try await repos.technicalInspections.link(
                    plan: plan.id, equipement: lift.id, type: .lift, organization: organization.id)
            }
            func inspection(due: String) throws -> TechnicalInspection {
                try TechnicalInspection(
                    id: TechnicalInspectionID(UUID()), organizationID: organization.id, buildingID: building.id,
                    equipementID: lift.id, planID: plan.id, type: .lift, region: .wallonia,
                    frequency: LegalFrequencies.frequency(of: .lift, in: .wallonia), dueOn: day(due),
                    scheduledOn: day("2026-06-20"), inspector: "AIB-Vinçotte", createdAt: now)
            }
            var first = try inspection(due: "2026-06-30")
            let later = try inspection(due: "2026-12-31")
            try await store.write { [first] repos in
                try await repos.technicalInspections.insert(first)
                try await repos.technicalInspections.insert(later)
            }
            let found = try await store.read { [first] repos in
                (
                    try await repos.technicalInspections.find(first.id),
                    try await repos.technicalInspections.plan(of: lift.id, type: .lift),
                    try await repos.technicalInspections.plan(of: lift.id, type: .boiler),
                    try await repos.technicalInspections.list(
                        of: organization.id, building: building.id,
                        filter: TechnicalInspectionFilter(dueOnOrBefore: day("2026-07-31")),
                        page: try PageRequest()),
                    try await repos.technicalInspections.openDue(onOrBefore: day("2026-09-30")).map(\.id)
                )
            }
            #expect(found.0 == first)
            #expect(found.1 == plan.id)
            #expect(found.2 == nil)
            #expect(found.3.items.map(\.id) == [first.id] && found.3.totalItems == 1)
            #expect(found.4 == [first.id])
            try first.start(at: now)
            try first.complete(
                on: day("2026-06-25"), findings: "Conforme", certificate: nil, validUntil: nil)
            let sent = try await store.write { [first] repos in
                try await repos.technicalInspections.update(first)
                return [
                    try await repos.technicalInspections.recordAlert(of: later.id, days: 90, at: now),
                    try await repos.technicalInspections.recordAlert(of: later.id, days: 90, at: now),
                    try await repos.technicalInspections.recordAlert(of: later.id, days: 60, at: now),
                ]
            }
            #expect(sent == [true, false, true])
            let after = try await store.read { [first] repos in
                (
                    try await repos.technicalInspections.find(first.id),
                    try await repos.technicalInspections.open(of: plan.id)?.id,
                    try await repos.technicalInspections.alertsSent(of: later.id),
                    try await repos.technicalInspections.list(
                        of: organization.id, building: nil,
                        filter: TechnicalInspectionFilter(status: .completed), page: try PageRequest()
                    ).items.map(\.id)
                )
            }
            #expect(after.0 == first)
            #expect(after.1 == later.id)
            #expect(after.2 == [90, 60])
            #expect(after.3 == [first.id])
            let quarterly = try LegalFrequency(months: 3, source: "Contrat", verified: true, overridden: true)
            let overrides = try await store.write { repos in
                try await repos.inspectionFrequencies.setOverride(
                    try LegalFrequency(months: 4, source: "Avant", verified: true, overridden: true), type: .lift,
                    region: .wallonia, of: organization.id, at: now)
                try await repos.inspectionFrequencies.setOverride(
                    quarterly, type: .lift, region: .wallonia, of: organization.id, at: now)
                let set = try await repos.inspectionFrequencies.overrides(of: organization.id)
                try await repos.inspectionFrequencies.removeOverride(
                    type: .lift, region: .wallonia, of: organization.id)
                return (set, try await repos.inspectionFrequencies.overrides(of: organization.id))
            }
            #expect(overrides.0 == ["lift/wallonia": quarterly])
            #expect(overrides.1.isEmpty)
        }
    }

    @Test(
        "Work reports round-trip with their warranty end, list by warranty, name their invoice, and keep one link",
        arguments: TestDatabase.enabled)
    func workReports(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (organization, building) = try await organizationAndBuilding(store)
            let supplier = try Supplier(
                id: SupplierID(UUID()), organizationID: organization.id, name: "Lemaire", vatNumber: nil, iban: nil,
                email: try Email("bureau@lemaire.example"), createdAt: now)
            let invoice = PurchaseInvoice(
                id: PurchaseInvoiceID(UUID()), organizationID: organization.id, buildingID: building.id,
                category: .works, createdAt: now)
            try await store.write { repos in
                try await repos.suppliers.insert(supplier)
                try await repos.purchaseInvoices.insert(invoice)
            }
            func report(_ kind: String, accepted: String, warranty: WorkReport.Warranty, at offset: Double) throws
                -> WorkReport
            {
                WorkReport(
                    id: WorkReportID(UUID()), organizationID: organization.id, buildingID: building.id,
                    supplierID: supplier.id, invoiceID: invoice.id,
                    details: try WorkReport.Details(
                        workKind: kind, description: "Détails", startedOn: day("2016-04-01"),
                        finishedOn: day("2016-05-20"), acceptedOn: day(accepted), cost: Money(minorUnits: 123_456),
                        hoursWorked: 40, contractorComment: "ok"),
                    warranty: warranty, createdAt: now.addingTimeInterval(offset))
            }
            var roof = try report("Toiture", accepted: "2016-06-01", warranty: .tenYears, at: 0)
            let door = try report("Porte", accepted: "2016-06-01", warranty: .custom(months: 18), at: 1)
            try await store.write { [roof] repos in
                try await repos.workReports.insert(roof)
                try await repos.workReports.insert(door)
            }
            #expect(
                try await store.read { repos in try await repos.workReports.hasValidated(invoice: invoice.id) } == false
            )
            try roof.submit(at: now)
            try roof.review()
            try roof.validate(at: now)
            let link = ContractorLink(
                reportID: door.id, organizationID: organization.id, tokenDigest: "first", expiresAt: now, createdAt: now
            )
            let again = ContractorLink(
                reportID: door.id, organizationID: organization.id, tokenDigest: "second",
                expiresAt: now.addingTimeInterval(3600), createdAt: now)
            try await store.write { [roof] repos in
                try await repos.workReports.update(roof)
                try await repos.workReports.saveLink(link)
                try await repos.workReports.saveLink(again)
            }
            let found = try await store.read { [roof] repos in
                (
                    try await repos.workReports.find(roof.id),
                    try await repos.workReports.hasValidated(invoice: invoice.id),
                    try await repos.workReports.list(
                        in: building.id, filter: WorkReportFilter(today: day("2026-03-02")), page: try PageRequest()
                    ).items.map(\.id),
                    try await repos.workReports.list(
                        in: building.id,
                        filter: WorkReportFilter(warrantyEndingBy: day("2026-05-31"), today: day("2026-03-02")),
                        page: try PageRequest()
                    ).items.map(\.id),
                    try await repos.workReports.warrantiesUnalerted().map(\.id),
                    try await repos.workReports.link(digest: "first"),
                    try await repos.workReports.link(digest: "second")
                )
            }
            #expect(found.0 == roof)
            #expect(found.1)
            #expect(found.2 == [door.id, roof.id])
            #expect(found.3 == [roof.id])
            #expect(found.4 == [roof.id])
            #expect(found.5 == nil)
            #expect(found.6 == again)
        }
    }
}
