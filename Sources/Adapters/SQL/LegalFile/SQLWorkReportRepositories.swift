import Application
import Domain
import Foundation
import SQLKit

struct WorkReportRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let supplierId: UUID
    let invoiceId: UUID?
    let workKind: String
    let description: String?
    let startedOn: String?
    let finishedOn: String?
    let acceptedOn: String?
    let cost: Int64?
    let hoursWorked: Int?
    let contractorComment: String?
    let warrantyKind: String
    let warrantyMonths: Int?
    let warrantyEndsOn: String?
    let status: String
    let reviewComment: String?
    let submittedAt: Date?
    let validatedAt: Date?
    let warrantyAlertedAt: Date?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, description, cost, status
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case supplierId = "supplier_id"
        case invoiceId = "invoice_id"
        case workKind = "work_kind"
        case startedOn = "started_on"
        case finishedOn = "finished_on"
        case acceptedOn = "accepted_on"
        case hoursWorked = "hours_worked"
        case contractorComment = "contractor_comment"
        case warrantyKind = "warranty_kind"
        case warrantyMonths = "warranty_months"
        case warrantyEndsOn = "warranty_ends_on"
        case reviewComment = "review_comment"
        case submittedAt = "submitted_at"
        case validatedAt = "validated_at"
        case warrantyAlertedAt = "warranty_alerted_at"
        case createdAt = "created_at"
    }

    init(_ report: WorkReport) {
        id = report.id.rawValue
        organizationId = report.organizationID.rawValue
        buildingId = report.buildingID.rawValue
        supplierId = report.supplierID.rawValue
        invoiceId = report.invoiceID?.rawValue
        workKind = report.details.workKind
        description = report.details.description
        startedOn = report.details.startedOn?.description
        finishedOn = report.details.finishedOn?.description
        acceptedOn = report.details.acceptedOn?.description
        cost = report.details.cost?.minorUnits
        hoursWorked = report.details.hoursWorked
        contractorComment = report.details.contractorComment
        warrantyKind = report.warranty.kind
        if case .custom(let months) = report.warranty { warrantyMonths = months } else { warrantyMonths = nil }
        warrantyEndsOn = report.warrantyEndsOn?.description
        status = report.status.rawValue
        reviewComment = report.reviewComment
        submittedAt = report.submittedAt
        validatedAt = report.validatedAt
        warrantyAlertedAt = report.warrantyAlertedAt
        createdAt = report.createdAt
    }

    func domain() throws -> WorkReport {
        guard let status = WorkReport.Status(rawValue: status) else {
            throw CorruptRow(table: "work_reports", reason: "status of \(id)")
        }
        func day(_ raw: String?) throws -> CalendarDate? { try raw.map { try CalendarDate(parsing: $0) } }
        return WorkReport(
            id: WorkReportID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            supplierID: SupplierID(supplierId), invoiceID: invoiceId.map(PurchaseInvoiceID.init),
            details: try WorkReport.Details(
                workKind: workKind, description: description, startedOn: try day(startedOn),
                finishedOn: try day(finishedOn), acceptedOn: try day(acceptedOn),
                cost: cost.map { Money(minorUnits: $0) }, hoursWorked: hoursWorked,
                contractorComment: contractorComment),
            warranty: try WorkReport.Warranty(kind: warrantyKind, months: warrantyMonths), status: status,
            reviewComment: reviewComment, submittedAt: submittedAt, validatedAt: validatedAt,
            warrantyAlertedAt: warrantyAlertedAt, createdAt: createdAt)
    }
}

struct SQLWorkReportRepository: WorkReportRepository {
    let db: any SQLDatabase

    func insert(_ report: WorkReport) async throws {
        try await db.insert(into: "work_reports").model(WorkReportRow(report), nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: WorkReportID) async throws -> WorkReport? {
        try await db.select().columns("*").from("work_reports").where("id", .equal, id.rawValue)
            .first(decoding: WorkReportRow.self, with: rowDecoder)?.domain()
    }

    func update(_ report: WorkReport) async throws {
        let row = WorkReportRow(report)
        try await db.update("work_reports").set("invoice_id", to: row.invoiceId).set("work_kind", to: row.workKind)
            .set("description", to: row.description).set("started_on", to: row.startedOn)
            .set("finished_on", to: row.finishedOn).set("accepted_on", to: row.acceptedOn).set("cost", to: row.cost)
            .set("hours_worked", to: row.hoursWorked).set("contractor_comment", to: row.contractorComment)
            .set("warranty_kind", to: row.warrantyKind).set("warranty_months", to: row.warrantyMonths)
            .set("warranty_ends_on", to: row.warrantyEndsOn).set("status", to: row.status)
            .set("review_comment", to: row.reviewComment).set("submitted_at", to: row.submittedAt)
            .set("validated_at", to: row.validatedAt).set("warranty_alerted_at", to: row.warrantyAlertedAt)
            .where("id", .equal, row.id).run()
    }

    func list(in building: BuildingID, filter: WorkReportFilter, page: PageRequest) async throws -> Page<WorkReport> {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.where("building_id", .equal, building.rawValue)
            if let status = filter.status { query = query.where("status", .equal, status.rawValue) }
            if let end = filter.warrantyEndingBy {
                query = query.where("status", .equal, WorkReport.Status.validated.rawValue)
                    .where("warranty_ends_on", .greaterThanOrEqual, filter.today.description)
                    .where("warranty_ends_on", .lessThanOrEqual, end.description)
            }
            return query
        }
        let (rows, total) = try await db.page(
            "work_reports", page, as: WorkReportRow.self, filtered: filtered,
            ordered: { $0.orderBy("created_at", .descending).orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func hasValidated(invoice: PurchaseInvoiceID) async throws -> Bool {
        try await db.select().column("id").from("work_reports").where("invoice_id", .equal, invoice.rawValue)
            .where("status", .equal, WorkReport.Status.validated.rawValue).limit(1).first() != nil
    }

    func warrantiesUnalerted() async throws -> [WorkReport] {
        try await db.select().columns("*").from("work_reports")
            .where("status", .equal, WorkReport.Status.validated.rawValue)
            .where("warranty_ends_on", .isNot, SQLLiteral.null).where("warranty_alerted_at", .is, SQLLiteral.null)
            .orderBy("warranty_ends_on").orderBy("id")
            .all(decoding: WorkReportRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func saveLink(_ link: ContractorLink) async throws {
        try await db.raw(
            """
            INSERT INTO work_report_links (report_id, organization_id, token_digest, expires_at, created_at)
            VALUES (\(bind: link.reportID.rawValue), \(bind: link.organizationID.rawValue),
                \(bind: link.tokenDigest), \(bind: link.expiresAt), \(bind: link.createdAt))
            ON CONFLICT (report_id) DO UPDATE SET token_digest = excluded.token_digest,
                expires_at = excluded.expires_at, created_at = excluded.created_at
            """
        ).run()
    }

    func link(digest: String) async throws -> ContractorLink? {
        struct Row: Decodable {
            let reportId: UUID
            let organizationId: UUID
            let tokenDigest: String
            let expiresAt: Date
            let createdAt: Date

            enum CodingKeys: String, CodingKey {
                case reportId = "report_id"
                case organizationId = "organization_id"
                case tokenDigest = "token_digest"
                case expiresAt = "expires_at"
                case createdAt = "created_at"
            }
        }
        return try await db.select().columns("*").from("work_report_links").where("token_digest", .equal, digest)
            .first(decoding: Row.self, with: rowDecoder)
            .map {
                ContractorLink(
                    reportID: WorkReportID($0.reportId), organizationID: OrganizationID($0.organizationId),
                    tokenDigest: $0.tokenDigest, expiresAt: $0.expiresAt, createdAt: $0.createdAt)
            }
    }
}
