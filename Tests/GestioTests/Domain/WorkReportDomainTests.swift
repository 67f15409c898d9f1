import Domain
import Foundation
import Testing

@Suite("Legal file domain: work reports and their warranty")
struct WorkReportDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func day(_ text: String) -> CalendarDate { try! CalendarDate(parsing: text) }

    func details(finished: String? = "2026-02-24", accepted: String? = "2026-02-27") throws -> WorkReport.Details {
        try WorkReport.Details(
            workKind: "Câbles", description: nil, startedOn: day("2026-02-23"), finishedOn: finished.map(day),
            acceptedOn: accepted.map(day), cost: Money(minorUnits: 485_000), hoursWorked: 14, contractorComment: nil)
    }

    func report(_ status: WorkReport.Status = .draft, warranty: WorkReport.Warranty = .twoYears) throws -> WorkReport {
        WorkReport(
            id: WorkReportID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
            supplierID: SupplierID(UUID()), invoiceID: nil, details: try details(), warranty: warranty,
            status: status, createdAt: now)
    }

    @Test("Every action from every state: only the legal moves pass")
    func transitions() throws {
        let actions: [(String, (inout WorkReport) throws -> Void)] = [
            ("submit", { try $0.submit(at: now) }),
            ("review", { try $0.review() }),
            ("validate", { try $0.validate(at: now) }),
            ("request-correction", { try $0.requestCorrection("Photos") }),
            ("reject", { try $0.reject("Hors contrat") }),
            ("edit", { try $0.edit(try details()) }),
        ]
        let allowed: [WorkReport.Status: Set<String>] = [
            .draft: ["submit", "edit"], .submitted: ["review"],
            .underReview: ["validate", "request-correction", "reject"], .requiresCorrection: ["submit", "edit"],
        ]
        for status in WorkReport.Status.allCases {
            for (name, action) in actions {
                var value = try report(status)
                if allowed[status]?.contains(name) == true {
                    #expect(throws: Never.self, "\(name) from \(status)") { try action(&value) }
                } else {
                    #expect(throws: DomainError.self, "\(name) from \(status)") { try action(&value) }
                }
            }
        }
    }

    @Test("The warranty runs from the acceptance to the day before the same date, years or months later")
    func warranty() throws {
        #expect(try report(warranty: .twoYears).warrantyEndsOn == day("2028-02-26"))
        #expect(try report(warranty: .tenYears).warrantyEndsOn == day("2036-02-26"))
        #expect(try report(warranty: .custom(months: 18)).warrantyEndsOn == day("2027-08-26"))
        #expect(try report(warranty: .none).warrantyEndsOn == nil)
        let validated = try report(.validated)
        #expect(validated.isUnderWarranty(on: day("2028-02-26")))
        #expect(!validated.isUnderWarranty(on: day("2028-02-27")))
        #expect(!validated.warrantyEndsSoon(on: day("2027-11-27")))
        #expect(validated.warrantyEndsSoon(on: day("2027-11-28")))
        #expect(!(try report(.underReview)).warrantyEndsSoon(on: day("2027-12-01")), "only validated works")
        #expect(throws: DomainError.self) { try WorkReport.Warranty(kind: "custom", months: nil) }
        #expect(throws: DomainError.self) { try WorkReport.Warranty(kind: "custom", months: 361) }
        #expect(throws: DomainError.self) { try WorkReport.Warranty(kind: "lifetime", months: nil) }
    }

    @Test("Dates in order, submission needs the end of the works, validation their acceptance")
    func requirements() throws {
        #expect(throws: DomainError.self) {
            try WorkReport.Details(
                workKind: "x", description: nil, startedOn: day("2026-02-10"), finishedOn: day("2026-02-01"),
                acceptedOn: nil, cost: nil, hoursWorked: nil, contractorComment: nil)
        }
        #expect(throws: DomainError.self) { try details(finished: "2026-02-24", accepted: "2026-02-20") }
        var unfinished = try report()
        try unfinished.edit(try details(finished: nil, accepted: nil))
        #expect(throws: DomainError.self) { try unfinished.submit(at: now) }
        var reviewed = WorkReport(
            id: WorkReportID(UUID()), organizationID: OrganizationID(UUID()), buildingID: BuildingID(UUID()),
            supplierID: SupplierID(UUID()), invoiceID: nil, details: try details(accepted: nil),
            warranty: .twoYears, status: .underReview, createdAt: now)
        #expect(throws: DomainError.self) { try reviewed.validate(at: now) }
        #expect(throws: DomainError.self) { try reviewed.requestCorrection("  ") }
    }

    @Test("A contractor's link lives 72 hours")
    func link() {
        let link = ContractorLink(
            reportID: WorkReportID(UUID()), organizationID: OrganizationID(UUID()), tokenDigest: "d",
            expiresAt: now.addingTimeInterval(ContractorLink.lifetime), createdAt: now)
        #expect(link.isValid(at: now.addingTimeInterval(71 * 3600)))
        #expect(!link.isValid(at: now.addingTimeInterval(72 * 3600)))
    }
}
