public import Domain
public import Foundation

/// What a work report says, as a client sends it. Only the fields sent change.
public struct WorkReportInput: Sendable {
    public var supplierID: UUID?
    public var invoiceID: UUID?
    public var workKind: String?
    public var description: String?
    public var startedOn: String?
    public var finishedOn: String?
    public var acceptedOn: String?
    public var cost: Money?
    public var hoursWorked: Int?
    public var contractorComment: String?
    public var warrantyKind: String?
    public var warrantyMonths: Int?

    public init(
        supplierID: UUID? = nil, invoiceID: UUID? = nil, workKind: String? = nil, description: String? = nil,
        startedOn: String? = nil, finishedOn: String? = nil, acceptedOn: String? = nil, cost: Money? = nil,
        hoursWorked: Int? = nil, contractorComment: String? = nil, warrantyKind: String? = nil,
        warrantyMonths: Int? = nil
    ) {
        self.supplierID = supplierID
        self.invoiceID = invoiceID
        self.workKind = workKind
        self.description = description
        self.startedOn = startedOn
        self.finishedOn = finishedOn
        self.acceptedOn = acceptedOn
        self.cost = cost
        self.hoursWorked = hoursWorked
        self.contractorComment = contractorComment
        self.warrantyKind = warrantyKind
        self.warrantyMonths = warrantyMonths
    }

    /// The details after this input, from `current` (or from nothing); the works' dates are past
    /// or today, never later than `today`.
    func details(over current: WorkReport.Details?, today: CalendarDate) throws -> WorkReport.Details {
        func day(_ raw: String?, _ field: String, _ old: CalendarDate?) throws -> CalendarDate? {
            guard let raw else { return old }
            let day = try CalendarDate(parsing: raw, field: field)
            guard day <= today else {
                throw DomainError.invalidValue(field: field, reason: "must not be in the future")
            }
            return day
        }
        return try WorkReport.Details(
            workKind: workKind ?? current?.workKind ?? "", description: description ?? current?.description,
            startedOn: try day(startedOn, "started_on", current?.startedOn),
            finishedOn: try day(finishedOn, "finished_on", current?.finishedOn),
            acceptedOn: try day(acceptedOn, "accepted_on", current?.acceptedOn), cost: cost ?? current?.cost,
            hoursWorked: hoursWorked ?? current?.hoursWorked,
            contractorComment: contractorComment ?? current?.contractorComment)
    }

    func warranty(over current: WorkReport.Warranty?) throws -> WorkReport.Warranty? {
        guard warrantyKind != nil || warrantyMonths != nil else { return current }
        return try WorkReport.Warranty(kind: warrantyKind ?? current?.kind ?? "", months: warrantyMonths)
    }
}

/// A report with what is derived from it on the day.
public struct WorkReportView: Sendable {
    public let report: WorkReport
    public let supplierName: String
    public let underWarranty: Bool
    public let warrantyEndsSoon: Bool
    /// The contractor's link, only in the answer that made it.
    public let contractorURL: String?
    public let linkExpiresAt: Date?
}

public struct WorkReportFilter: Sendable {
    public var status: WorkReport.Status?
    /// Keeps the validated reports whose warranty ends from `today` to that day.
    public var warrantyEndingBy: CalendarDate?
    public var today: CalendarDate

    public init(status: WorkReport.Status? = nil, warrantyEndingBy: CalendarDate? = nil, today: CalendarDate) {
        self.status = status
        self.warrantyEndingBy = warrantyEndingBy
        self.today = today
    }
}

/// Work reports: made by the syndic for a contractor (a supplier), filled in by the contractor
/// through a link valid 72 hours, reviewed and validated by the syndic; the warranty runs from
/// the works' acceptance, and the syndic is told 90 days before it ends. A `works` invoice is
/// approved only with a validated report linked to it.
public struct WorkReportService: Sendable, UseCaseSupport {
    public static let warrantyJob = "work-report-warranties"

    public static let notificationTypes = [
        NotificationType("legal_file.warranty_ending", "the warranty of validated works ends within 90 days")
    ]

    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail
    let secrets: any SecretTokenGenerator
    let mail: MailDelivery?
    /// Where contractors' links point (`<publicURL>/contractor/work-reports/<token>`).
    let publicURL: String

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator,
        secrets: any SecretTokenGenerator, mail: MailDelivery?, publicURL: String
    ) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.trail = AuditTrail(clock: clock, ids: ids)
        self.secrets = secrets
        self.mail = mail
        self.publicURL = publicURL
    }

    var today: CalendarDate { CalendarDate(utcDayOf: clock.now()) }

    /// Refuses the approval of a `works` invoice that no validated report names.
    public func subscribe(to bus: DomainEventBus) {
        bus.subscribe { event, repos in
            guard let approving = event as? InvoiceApproving, approving.category == .works else { return [] }
            guard try await repos.workReports.hasValidated(invoice: approving.invoice) else {
                throw LegalFileError.workReportRequired
            }
            return []
        }
    }

    // MARK: - The syndic

    /// A report for a contractor of the organization; with `sendLink`, a link valid 72 hours is
    /// made (and emailed to the contractor when the supplier has an email), given in the answer.
    public func create(
        _ input: WorkReportInput, in buildingID: BuildingID, sendLink: Bool, as principal: Principal
    ) async throws -> WorkReportView {
        try AccessPolicy.require(.manageLegalFile, by: principal)
        guard let supplierID = input.supplierID.map(SupplierID.init) else {
            throw DomainError.invalidValue(field: "supplierId", reason: "is required")
        }
        guard input.workKind != nil else { throw DomainError.invalidValue(field: "workKind", reason: "is required") }
        let details = try input.details(over: nil, today: today)
        let warranty = try input.warranty(over: nil) ?? .none
        let now = clock.now()
        let (made, mailID): (WorkReportView, UUID?) = try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesMailQueue & UsesPurchaseInvoices & UsesSuppliers
                    & UsesWorkReports
            ) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            let supplier = try await supplier(supplierID, principal, repos)
            let invoice = try await invoice(input.invoiceID, building: buildingID, principal, repos)
            let report = WorkReport(
                id: WorkReportID(ids.make()), organizationID: principal.organizationID, buildingID: buildingID,
                supplierID: supplier.id, invoiceID: invoice, details: details, warranty: warranty, createdAt: now)
            try await repos.workReports.insert(report)
            try await trail.record(
                "work_report.created", entity: "work_report", id: report.id.description, by: principal,
                organization: principal.organizationID, repos)
            guard sendLink else { return (try await view(of: report, repos), nil) }
            return try await link(report, supplier: supplier, principal, repos)
        }
        if let mailID { await mail?.deliver([mailID]) }
        return made
    }

    /// A new link for the contractor, valid 72 hours (the earlier ones stop working).
    public func sendLink(_ id: WorkReportID, as principal: Principal) async throws -> WorkReportView {
        try AccessPolicy.require(.manageLegalFile, by: principal)
        let (made, mailID): (WorkReportView, UUID?) = try await persistence.write {
            (repos: any UsesAudit & UsesBuildings & UsesMailQueue & UsesSuppliers & UsesWorkReports) in
            let report = try await visible(id, principal, repos)
            guard report.status.isEditable else {
                throw DomainError.illegalTransition(
                    entity: "work_report", from: report.status.rawValue, to: report.status.rawValue)
            }
            return try await link(
                report, supplier: try await supplier(report.supplierID, principal, repos), principal, repos)
        }
        if let mailID { await mail?.deliver([mailID]) }
        return made
    }

    public func report(_ id: WorkReportID, as principal: Principal) async throws -> WorkReportView {
        try AccessPolicy.require(.readLegalFile, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesSuppliers & UsesWorkReports) in
            try await view(of: try await visible(id, principal, repos), repos)
        }
    }

    /// The building's reports, newest first; `warrantyWithin` keeps the validated ones whose
    /// warranty ends within that many days.
    public func list(
        in buildingID: BuildingID, status: String?, warrantyWithin: Int?, page: PageRequest, as principal: Principal
    ) async throws -> Page<WorkReportView> {
        try AccessPolicy.require(.readLegalFile, by: principal)
        let today = today
        let status = try Self.parse(status, WorkReport.Status.self, field: "status")
        let horizon = try warrantyWithin.map { days in
            guard (0...3650).contains(days) else {
                throw DomainError.invalidValue(field: "warrantyExpiringWithin", reason: "must be from 0 to 3650 days")
            }
            return today.adding(days: days)
        }
        return try await persistence.read { (repos: any UsesBuildings & UsesSuppliers & UsesWorkReports) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            let found = try await repos.workReports.list(
                in: buildingID, filter: WorkReportFilter(status: status, warrantyEndingBy: horizon, today: today),
                page: page)
            var views: [WorkReportView] = []
            for report in found.items { views.append(try await view(of: report, repos)) }
            return Page(items: views, request: found.request, totalItems: found.totalItems)
        }
    }

    /// The syndic changes what the report says while it is editable.
    public func update(_ id: WorkReportID, _ input: WorkReportInput, as principal: Principal) async throws
        -> WorkReportView
    {
        try await change(id, as: principal, action: "updated") { report, principal, repos in
            if let raw = input.invoiceID {
                report.invoiceID = try await invoice(raw, building: report.buildingID, principal, repos)
            }
            try report.edit(
                try input.details(over: report.details, today: today),
                warranty: try input.warranty(over: report.warranty))
        }
    }

    public func submit(_ id: WorkReportID, as principal: Principal) async throws -> WorkReportView {
        try await change(id, as: principal, action: "submitted") { report, _, _ in try report.submit(at: clock.now()) }
    }

    public func review(_ id: WorkReportID, as principal: Principal) async throws -> WorkReportView {
        try await change(id, as: principal, action: "under_review") { report, _, _ in try report.review() }
    }

    public func validate(_ id: WorkReportID, as principal: Principal) async throws -> WorkReportView {
        try await change(id, as: principal, action: "validated") { report, _, _ in try report.validate(at: clock.now())
        }
    }

    public func requestCorrection(_ id: WorkReportID, comment: String, as principal: Principal) async throws
        -> WorkReportView
    {
        try await change(id, as: principal, action: "correction_requested") { report, _, _ in
            try report.requestCorrection(comment)
        }
    }

    public func reject(_ id: WorkReportID, comment: String, as principal: Principal) async throws -> WorkReportView {
        try await change(id, as: principal, action: "rejected") { report, _, _ in try report.reject(comment) }
    }

    // MARK: - The contractor, through the link

    /// The report a live link names; an unknown link is 404, an expired one 410.
    public func contractorReport(token: String) async throws -> WorkReportView {
        try await persistence.read { (repos: any UsesSuppliers & UsesWorkReports) in
            try await view(of: try await linked(token, repos), repos)
        }
    }

    /// The contractor fills in the report (while it is theirs to change) and, with `submit`,
    /// sends it for review.
    public func contractorUpdate(token: String, _ input: WorkReportInput, submit: Bool) async throws
        -> WorkReportView
    {
        try await persistence.write { (repos: any UsesAudit & UsesSuppliers & UsesWorkReports) in
            var report = try await linked(token, repos)
            try report.edit(
                try input.details(over: report.details, today: today),
                warranty: try input.warranty(over: report.warranty))
            if submit { try report.submit(at: clock.now()) }
            try await repos.workReports.update(report)
            try await trail.record(
                submit ? "work_report.submitted" : "work_report.filled", entity: "work_report",
                id: report.id.description, payload: ["by": "contractor_link"], by: nil,
                organization: report.organizationID, repos)
            return try await view(of: report, repos)
        }
    }

    // MARK: - The warranty job

    /// Tells the organization's admins and syndics, once per report, that the warranty of
    /// validated works ends within 90 days.
    public func runWarrantyJob() async throws -> JobReport {
        let now = clock.now()
        let day = CalendarDate(utcDayOf: now)
        return try await persistence.write {
            (repos: any UsesJobLocks & UsesMemberships & UsesNotifications & UsesWorkReports) in
            guard try await repos.jobLocks.tryLock(job: Self.warrantyJob) else {
                return JobReport(job: Self.warrantyJob, ran: false)
            }
            var notified = 0
            for var report in try await repos.workReports.warrantiesUnalerted() where report.warrantyEndsSoon(on: day) {
                guard let end = report.warrantyEndsOn else { continue }
                let recipients = try await repos.memberships.users(
                    withAnyOf: [.admin, .syndic], in: report.organizationID)
                notified += try await trail.notify(
                    recipients, in: report.organizationID, kind: "legal_file.warranty_ending",
                    title: "Garantie « \(report.details.workKind) » jusqu'au \(end)",
                    body: "La garantie des travaux « \(report.details.workKind) » prend fin le \(end)",
                    entity: "work_report", id: report.id.description, repos)
                report.warrantyAlerted(at: now)
                try await repos.workReports.update(report)
            }
            return JobReport(job: Self.warrantyJob, ran: true, notified: notified)
        }
    }

    // MARK: - Helpers

    private func change(
        _ id: WorkReportID, as principal: Principal, action: String,
        _ apply: @Sendable (inout WorkReport, Principal, any WorkReportChangeStores) async throws -> Void
    ) async throws -> WorkReportView {
        try AccessPolicy.require(.manageLegalFile, by: principal)
        return try await persistence.write {
            (repos: any WorkReportChangeStores & UsesAudit & UsesBuildings & UsesSuppliers & UsesWorkReports) in
            var report = try await visible(id, principal, repos)
            try await apply(&report, principal, repos)
            try await repos.workReports.update(report)
            try await trail.record(
                "work_report.\(action)", entity: "work_report", id: id.description,
                payload: ["status": report.status.rawValue], by: principal, organization: principal.organizationID,
                repos)
            return try await view(of: report, repos)
        }
    }

    /// A new link: the token's digest stored (replacing the report's earlier link), the email
    /// queued for the contractor; the email's id to deliver after commit.
    private func link(
        _ report: WorkReport, supplier: Supplier, _ principal: Principal,
        _ repos: any UsesAudit & UsesMailQueue & UsesSuppliers & UsesWorkReports
    )
        async throws -> (WorkReportView, UUID?)
    {
        let now = clock.now()
        let token = secrets.makeToken()
        let link = ContractorLink(
            reportID: report.id, organizationID: report.organizationID, tokenDigest: secrets.digest(token),
            expiresAt: now.addingTimeInterval(ContractorLink.lifetime), createdAt: now)
        try await repos.workReports.saveLink(link)
        let url = "\(publicURL)/contractor/work-reports/\(token)"
        var mailID: UUID?
        if let mail, let email = supplier.email {
            let id = ids.make()
            try await mail.enqueue(
                EmailMessage(
                    to: email, subject: "Rapport de travaux à compléter : \(report.details.workKind)",
                    body: """
                        Bonjour,

                        Merci de compléter votre rapport de travaux « \(report.details.workKind) » à cette adresse,
                        valable 72 heures, sans compte :

                        \(url)
                        """), organization: report.organizationID, id: id, at: now, repos)
            mailID = id
        }
        try await trail.record(
            "work_report.link_sent", entity: "work_report", id: report.id.description, by: principal,
            organization: principal.organizationID, repos)
        let view = try await view(of: report, repos)
        return (
            WorkReportView(
                report: view.report, supplierName: view.supplierName, underWarranty: view.underWarranty,
                warrantyEndsSoon: view.warrantyEndsSoon, contractorURL: url, linkExpiresAt: link.expiresAt),
            mailID
        )
    }

    private func linked(_ token: String, _ repos: any UsesWorkReports) async throws -> WorkReport {
        guard token.count <= 200, let link = try await repos.workReports.link(digest: secrets.digest(token)),
            let report = try await repos.workReports.find(link.reportID)
        else { throw ApplicationError.notFound(entity: "contractor link", id: "") }
        guard link.isValid(at: clock.now()) else { throw LegalFileError.linkExpired }
        return report
    }

    private func supplier(_ id: SupplierID, _ principal: Principal, _ repos: any UsesSuppliers) async throws
        -> Supplier
    {
        guard let supplier = try await repos.suppliers.find(id), supplier.organizationID == principal.organizationID
        else { throw DomainError.invalidValue(field: "supplierId", reason: "is not a supplier of the organization") }
        return supplier
    }

    private func invoice(
        _ raw: UUID?, building: BuildingID, _ principal: Principal, _ repos: any UsesPurchaseInvoices
    ) async throws -> PurchaseInvoiceID? {
        guard let raw else { return nil }
        guard let invoice = try await repos.purchaseInvoices.find(PurchaseInvoiceID(raw)),
            invoice.organizationID == principal.organizationID, invoice.buildingID == building
        else { throw DomainError.invalidValue(field: "invoiceId", reason: "is not an invoice of this building") }
        return invoice.id
    }

    private func visible(_ id: WorkReportID, _ principal: Principal, _ repos: any UsesBuildings & UsesWorkReports)
        async throws
        -> WorkReport
    {
        let report = try TenantScope.visible(
            try await repos.workReports.find(id), in: \.organizationID, principal, entity: "work_report",
            id: id.description)
        _ = try await TenantScope.building(report.buildingID, principal, repos)
        return report
    }

    private func view(of report: WorkReport, _ repos: any UsesSuppliers) async throws -> WorkReportView {
        let today = today
        return WorkReportView(
            report: report, supplierName: try await repos.suppliers.find(report.supplierID)?.name ?? "",
            underWarranty: report.isUnderWarranty(on: today), warrantyEndsSoon: report.warrantyEndsSoon(on: today),
            contractorURL: nil, linkExpiresAt: nil)
    }
}

extension WorkReportService {
    /// A report's photos and documents, uploaded at `/work-reports/{id}/documents`.
    public var documentLinks: [DocumentLinkTarget] {
        [
            DocumentLinkTarget(
                type: "work_report", collection: "work-reports",
                check: { id, principal in _ = try await report(WorkReportID(id), as: principal) })
        ]
    }
}

/// What the changes run through `change(_:as:action:_:)` use, together (`scripts/store-uses.py`).
typealias WorkReportChangeStores = UsesPurchaseInvoices
