public import Domain
public import Foundation

/// A request to plan an inspection, as a client sends it.
public struct TechnicalInspectionInput: Sendable {
    public var type: String?
    public var equipementID: UUID?
    /// The legal deadline. When left out: one legal period after `lastInspectedOn`.
    public var dueOn: String?
    /// The date of the previous inspection, when the building's file knows it.
    public var lastInspectedOn: String?
    public var scheduledOn: String?
    public var inspector: String?
    /// The building's region by default (from its Belgian postal code).
    public var region: String?

    public init(
        type: String?, equipementID: UUID?, dueOn: String?, lastInspectedOn: String?, scheduledOn: String?,
        inspector: String?, region: String?
    ) {
        self.type = type
        self.equipementID = equipementID
        self.dueOn = dueOn
        self.lastInspectedOn = lastInspectedOn
        self.scheduledOn = scheduledOn
        self.inspector = inspector
        self.region = region
    }
}

/// How an inspection ended, as a client sends it.
public struct InspectionOutcomeInput: Sendable {
    /// Today when left out.
    public var on: String?
    public var findings: String?
    public var certificateDocumentID: UUID?
    public var certificateValidUntil: String?

    public init(on: String?, findings: String?, certificateDocumentID: UUID?, certificateValidUntil: String?) {
        self.on = on
        self.findings = findings
        self.certificateDocumentID = certificateDocumentID
        self.certificateValidUntil = certificateValidUntil
    }
}

public struct TechnicalInspectionFilter: Sendable {
    public var status: TechnicalInspection.Status?
    /// Open inspections due on or before that day (the overdue ones included).
    public var dueOnOrBefore: CalendarDate?

    public init(status: TechnicalInspection.Status? = nil, dueOnOrBefore: CalendarDate? = nil) {
        self.status = status
        self.dueOnOrBefore = dueOnOrBefore
    }
}

/// An inspection with what is derived from it on the day.
public struct TechnicalInspectionView: Sendable {
    public let inspection: TechnicalInspection
    public let equipementCode: String
    public let isOverdue: Bool
    /// The alerts already sent, in days before the due date.
    public let alertsSent: [Int]
}

/// One row of the frequency table as the organization sees it.
public struct InspectionFrequencyRow: Sendable {
    public let type: InspectionType
    public let region: Region
    public let frequency: LegalFrequency
}

/// Regulated technical inspections of a building's equipment. Each belongs to a regulated plan
/// (maintenance's preventive plan at the legal frequency): completing one schedules the next,
/// failing one opens a maintenance intervention, and a job warns 90, 60 and 30 days before the
/// due date and on it.
public struct TechnicalInspectionService: Sendable {
    public static let alertJob = "technical-inspection-alerts"

    public static let notificationTypes = [
        NotificationType(
            "legal_file.technical_inspection_due",
            "a regulated inspection is due within 90, 60 or 30 days, or today")
    ]

    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail
    let bus: DomainEventBus

    public init(persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, bus: DomainEventBus) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.trail = AuditTrail(clock: clock, ids: ids)
        self.bus = bus
    }

    var today: CalendarDate { CalendarDate(utcDayOf: clock.now()) }

    // MARK: - The frequencies

    /// The legal table with the organization's overrides, type by type and region by region.
    public func frequencies(as principal: Principal) async throws -> [InspectionFrequencyRow] {
        try AccessPolicy.require(.readLegalFile, by: principal)
        return try await persistence.read { (repos: any UsesInspectionFrequencies) in
            let overrides = try await repos.inspectionFrequencies.overrides(of: principal.organizationID)
            return InspectionType.allCases.flatMap { type in
                Region.allCases.map { region in
                    InspectionFrequencyRow(
                        type: type, region: region,
                        frequency: overrides[Self.key(type, region)]
                            ?? LegalFrequencies.frequency(of: type, in: region))
                }
            }
        }
    }

    /// Replaces the table's frequency for the organization; plans made afterwards use it.
    public func overrideFrequency(
        type: String, region: String, months: Int?, source: String?, as principal: Principal
    ) async throws -> InspectionFrequencyRow {
        try AccessPolicy.require(.manageLegalFile, by: principal)
        let (type, region) = try Self.typeAndRegion(type, region)
        guard let months else { throw DomainError.invalidValue(field: "months", reason: "is required") }
        let frequency = try LegalFrequency(
            months: months, source: source ?? "", verified: true, overridden: true)
        return try await persistence.write { (repos: any UsesAudit & UsesInspectionFrequencies) in
            try await repos.inspectionFrequencies.setOverride(
                frequency, type: type, region: region, of: principal.organizationID, at: clock.now())
            try await trail.record(
                "inspection_frequency.overridden", entity: "organization", id: principal.organizationID.description,
                payload: ["type": type.rawValue, "region": region.rawValue, "months": String(months)],
                by: principal, organization: principal.organizationID, repos)
            return InspectionFrequencyRow(type: type, region: region, frequency: frequency)
        }
    }

    /// Back to the legal table.
    public func removeOverride(type: String, region: String, as principal: Principal) async throws
        -> InspectionFrequencyRow
    {
        try AccessPolicy.require(.manageLegalFile, by: principal)
        let (type, region) = try Self.typeAndRegion(type, region)
        return try await persistence.write { (repos: any UsesAudit & UsesInspectionFrequencies) in
            try await repos.inspectionFrequencies.removeOverride(
                type: type, region: region, of: principal.organizationID)
            try await trail.record(
                "inspection_frequency.restored", entity: "organization", id: principal.organizationID.description,
                payload: ["type": type.rawValue, "region": region.rawValue], by: principal,
                organization: principal.organizationID, repos)
            return InspectionFrequencyRow(
                type: type, region: region, frequency: LegalFrequencies.frequency(of: type, in: region))
        }
    }

    // MARK: - Inspections

    /// Plans an inspection of a piece of the building's equipment, at the legal frequency of its
    /// type in the building's region; the equipment's regulated plan is made the first time. One
    /// open inspection per plan: another is 409.
    public func schedule(_ input: TechnicalInspectionInput, in buildingID: BuildingID, as principal: Principal)
        async throws -> TechnicalInspectionView
    {
        try AccessPolicy.require(.manageLegalFile, by: principal)
        let type = try Self.parseRequired(input.type, InspectionType.self, field: "type")
        guard let equipementID = input.equipementID.map(EquipementID.init) else {
            throw DomainError.invalidValue(field: "equipementId", reason: "is required")
        }
        let requestedRegion = try Self.parse(input.region, Region.self, field: "region")
        let dueOn = try input.dueOn.map { try CalendarDate(parsing: $0, field: "dueOn") }
        let lastInspected = try input.lastInspectedOn.map { try CalendarDate(parsing: $0, field: "lastInspectedOn") }
        let scheduledOn = try input.scheduledOn.map { try CalendarDate(parsing: $0, field: "scheduledOn") }
        let now = clock.now()
        return try await persistence.write(publishing: bus) {
            (
                repos: any UsesAudit & UsesBuildings & UsesEquipements & UsesInspectionFrequencies
                    & UsesTechnicalInspections, facts: EventPublisher
            ) in
            let building = try await TenantScope.building(buildingID, principal, repos)
            guard let equipement = try await repos.equipements.find(equipementID),
                equipement.organizationID == principal.organizationID
            else { throw ApplicationError.notFound(entity: "equipement", id: equipementID.description) }
            guard equipement.buildingID == buildingID else {
                throw DomainError.invalidValue(field: "equipementId", reason: "is not equipment of this building")
            }
            guard let region = requestedRegion ?? Region(belgianPostalCode: building.postalCode) else {
                throw DomainError.invalidValue(
                    field: "region", reason: "is required: the building's postal code is not a Belgian one")
            }
            let frequency =
                try await repos.inspectionFrequencies.overrides(of: principal.organizationID)[Self.key(type, region)]
                ?? LegalFrequencies.frequency(of: type, in: region)
            guard let due = dueOn ?? lastInspected.map(frequency.after) else {
                throw DomainError.invalidValue(field: "dueOn", reason: "is required without last_inspected_on")
            }
            let plan = try await repos.technicalInspections.plan(of: equipementID, type: type)
            if let plan, try await repos.technicalInspections.open(of: plan) != nil {
                throw LegalFileError.inspectionAlreadyOpen(type.rawValue)
            }
            let planID = plan ?? PreventivePlanID(ids.make())
            let inspection = try TechnicalInspection(
                id: TechnicalInspectionID(ids.make()), organizationID: principal.organizationID,
                buildingID: buildingID, equipementID: equipementID, planID: planID, type: type, region: region,
                frequency: frequency, dueOn: due, scheduledOn: scheduledOn, inspector: input.inspector, createdAt: now)
            // Maintenance makes the plan (the first time) before it is linked to the type.
            _ = try await keepPlan(inspection, equipement: equipement, due: due, facts)
            if plan == nil {
                try await repos.technicalInspections.link(
                    plan: planID, equipement: equipementID, type: type, organization: principal.organizationID)
            }
            try await repos.technicalInspections.insert(inspection)
            try await trail.record(
                "technical_inspection.scheduled", entity: "technical_inspection", id: inspection.id.description,
                payload: ["type": type.rawValue, "dueOn": due.description], by: principal,
                organization: principal.organizationID, repos)
            return try await view(of: inspection, repos)
        }
    }

    /// The building's inspections, soonest due first.
    public func list(
        in buildingID: BuildingID?, status: String?, dueWithin: Int?, page: PageRequest, as principal: Principal
    ) async throws -> Page<TechnicalInspectionView> {
        try AccessPolicy.require(.readLegalFile, by: principal)
        let filter = try Self.filter(status: status, dueWithin: dueWithin, today: today)
        return try await persistence.read { (repos: any UsesBuildings & UsesEquipements & UsesTechnicalInspections) in
            if let buildingID { _ = try await TenantScope.building(buildingID, principal, repos) }
            let found = try await repos.technicalInspections.list(
                of: principal.organizationID, building: buildingID, filter: filter, page: page)
            var views: [TechnicalInspectionView] = []
            for inspection in found.items { views.append(try await view(of: inspection, repos)) }
            return Page(items: views, request: found.request, totalItems: found.totalItems)
        }
    }

    public func inspection(_ id: TechnicalInspectionID, as principal: Principal) async throws
        -> TechnicalInspectionView
    {
        try AccessPolicy.require(.readLegalFile, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesEquipements & UsesTechnicalInspections) in
            try await view(of: try await visible(id, principal, repos), repos)
        }
    }

    public func start(_ id: TechnicalInspectionID, as principal: Principal) async throws -> TechnicalInspectionView {
        try await change(id, as: principal, action: "started") { inspection, _, _, _ in
            try inspection.start(at: clock.now())
            return []
        }
    }

    public func cancel(_ id: TechnicalInspectionID, as principal: Principal) async throws -> TechnicalInspectionView {
        try await change(id, as: principal, action: "cancelled") { inspection, _, _, _ in
            try inspection.cancel()
            return []
        }
    }

    /// Passed: the certificate (a document of the organization) and its validity recorded, the
    /// next inspection scheduled by the legal frequency, the plan moved to that date.
    public func complete(_ id: TechnicalInspectionID, _ input: InspectionOutcomeInput, as principal: Principal)
        async throws -> TechnicalInspectionView
    {
        let day = try input.on.map { try CalendarDate(parsing: $0, field: "on") } ?? today
        let validUntil = try input.certificateValidUntil.map {
            try CalendarDate(parsing: $0, field: "certificateValidUntil")
        }
        return try await change(id, as: principal, action: "completed") { inspection, principal, repos, facts in
            try Self.notInFuture(day, today: today)
            var certificate: DocumentID?
            if let raw = input.certificateDocumentID {
                let id = DocumentID(raw)
                guard let document = try await repos.documents.find(id),
                    document.organizationID == principal.organizationID, document.deletedAt == nil
                else { throw ApplicationError.notFound(entity: "document", id: id.description) }
                certificate = id
            }
            try inspection.complete(
                on: day, findings: input.findings, certificate: certificate, validUntil: validUntil)
            guard let next = inspection.nextDueDate,
                let equipement = try await repos.equipements.find(inspection.equipementID)
            else { return [] }
            let following = try TechnicalInspection(
                id: TechnicalInspectionID(ids.make()), organizationID: inspection.organizationID,
                buildingID: inspection.buildingID, equipementID: inspection.equipementID, planID: inspection.planID,
                type: inspection.type, region: inspection.region, frequency: inspection.frequency, dueOn: next,
                scheduledOn: nil, inspector: inspection.inspector, createdAt: clock.now())
            // The finished one is stored first: one open inspection per plan.
            try await repos.technicalInspections.update(inspection)
            try await repos.technicalInspections.insert(following)
            return try await keepPlan(following, equipement: equipement, due: next, facts)
        }
    }

    /// Not passed: the findings say why, and maintenance opens the repair on the equipment.
    public func fail(_ id: TechnicalInspectionID, _ input: InspectionOutcomeInput, as principal: Principal)
        async throws -> TechnicalInspectionView
    {
        let day = try input.on.map { try CalendarDate(parsing: $0, field: "on") } ?? today
        return try await change(id, as: principal, action: "failed") { inspection, _, _, facts in
            try Self.notInFuture(day, today: today)
            let intervention = InterventionID(ids.make())
            try inspection.fail(on: day, findings: input.findings ?? "", intervention: intervention)
            return try await facts.publish(
                TechnicalInspectionFailed(
                    intervention: intervention, organization: inspection.organizationID,
                    building: inspection.buildingID, equipement: inspection.equipementID,
                    title: "Contrôle \(inspection.type.label) non conforme (\(day))",
                    findings: inspection.findings ?? "", at: clock.now()))
        }
    }

    /// Tells the organization's admins and syndics of each open inspection whose alert has come:
    /// 90, 60 and 30 days before its due date, and on it; each alert once. An inspection planned
    /// late gets one alert, the most urgent reached, the earlier ones counted as sent.
    public func runAlertJob() async throws -> JobReport {
        let now = clock.now()
        let day = CalendarDate(utcDayOf: now)
        let horizon = day.adding(days: TechnicalInspection.alertDays.max() ?? 0)
        return try await persistence.write {
            (repos: any UsesEquipements & UsesJobLocks & UsesMemberships & UsesNotifications & UsesTechnicalInspections)
            in
            guard try await repos.jobLocks.tryLock(job: Self.alertJob) else {
                return JobReport(job: Self.alertJob, ran: false)
            }
            var notified = 0
            var alerted = 0
            for inspection in try await repos.technicalInspections.openDue(onOrBefore: horizon) {
                let sent = Set(try await repos.technicalInspections.alertsSent(of: inspection.id))
                let reached = inspection.alertsReached(on: day).filter { !sent.contains($0) }
                guard let urgent = reached.min() else { continue }
                for days in reached {
                    _ = try await repos.technicalInspections.recordAlert(of: inspection.id, days: days, at: now)
                }
                let code = try await repos.equipements.find(inspection.equipementID)?.code ?? ""
                let recipients = try await repos.memberships.users(
                    withAnyOf: [.admin, .syndic], in: inspection.organizationID)
                let when = urgent == 0 ? "aujourd'hui" : "dans \(urgent) jours"
                notified += try await trail.notify(
                    recipients, in: inspection.organizationID, kind: "legal_file.technical_inspection_due",
                    title: "Contrôle \(inspection.type.label) \(code) dû \(when)",
                    body:
                        "Contrôle réglementaire \(inspection.type.label) (\(code)) à faire au plus tard le \(inspection.dueOn)",
                    entity: "technical_inspection", id: inspection.id.description, repos)
                alerted += 1
            }
            return JobReport(job: Self.alertJob, ran: true, created: alerted, notified: notified)
        }
    }

    // MARK: - Helpers

    private func change(
        _ id: TechnicalInspectionID, as principal: Principal, action: String,
        _ apply:
            @Sendable (inout TechnicalInspection, Principal, any TechnicalInspectionChangeStores, EventPublisher)
            async throws
            -> [LiveEvent]
    ) async throws -> TechnicalInspectionView {
        try AccessPolicy.require(.manageLegalFile, by: principal)
        return try await persistence.write(publishing: bus) {
            (
                repos: any TechnicalInspectionChangeStores & UsesAudit & UsesBuildings,
                facts: EventPublisher
            ) in
            var inspection = try await visible(id, principal, repos)
            _ = try await apply(&inspection, principal, repos, facts)
            try await repos.technicalInspections.update(inspection)
            try await trail.record(
                "technical_inspection.\(action)", entity: "technical_inspection", id: id.description,
                payload: ["status": inspection.status.rawValue], by: principal,
                organization: principal.organizationID, repos)
            return try await view(of: inspection, repos)
        }
    }

    /// Maintenance keeps the regulated plan at the inspection's frequency and due date.
    private func keepPlan(
        _ inspection: TechnicalInspection, equipement: Equipement, due: CalendarDate, _ facts: EventPublisher
    ) async throws -> [LiveEvent] {
        try await facts.publish(
            RegulatedPlanScheduled(
                plan: inspection.planID, organization: inspection.organizationID, equipement: equipement.id,
                title: "Contrôle réglementaire \(inspection.type.label) (\(equipement.code))",
                months: inspection.frequency.months, nextDate: due, at: clock.now()))
    }

    private func visible(
        _ id: TechnicalInspectionID, _ principal: Principal, _ repos: any UsesBuildings & UsesTechnicalInspections
    )
        async throws -> TechnicalInspection
    {
        let inspection = try TenantScope.visible(
            try await repos.technicalInspections.find(id), in: \.organizationID, principal,
            entity: "technical_inspection", id: id.description)
        _ = try await TenantScope.building(inspection.buildingID, principal, repos)
        return inspection
    }

    private func view(of inspection: TechnicalInspection, _ repos: any UsesEquipements & UsesTechnicalInspections)
        async throws
        -> TechnicalInspectionView
    {
        TechnicalInspectionView(
            inspection: inspection,
            equipementCode: try await repos.equipements.find(inspection.equipementID)?.code ?? "",
            isOverdue: inspection.isOverdue(on: today),
            alertsSent: try await repos.technicalInspections.alertsSent(of: inspection.id).sorted(by: >))
    }

    static func key(_ type: InspectionType, _ region: Region) -> String { "\(type.rawValue)/\(region.rawValue)" }

    static func typeAndRegion(_ type: String, _ region: String) throws -> (InspectionType, Region) {
        (
            try parseRequired(type, InspectionType.self, field: "type"),
            try parseRequired(region, Region.self, field: "region")
        )
    }

    static func filter(status: String?, dueWithin: Int?, today: CalendarDate) throws -> TechnicalInspectionFilter {
        let parsed = try parse(status, TechnicalInspection.Status.self, field: "status")
        let horizon = try dueWithin.map { days in
            guard (0...3650).contains(days) else {
                throw DomainError.invalidValue(field: "dueWithin", reason: "must be from 0 to 3650 days")
            }
            return today.adding(days: days)
        }
        return TechnicalInspectionFilter(status: parsed, dueOnOrBefore: horizon)
    }

    static func notInFuture(_ day: CalendarDate, today: CalendarDate) throws {
        guard day <= today else { throw DomainError.invalidValue(field: "on", reason: "must not be in the future") }
    }
}

extension TechnicalInspectionService {
    /// An inspection's documents: the certificate and the inspector's report, uploaded at
    /// `/technical-inspections/{id}/documents` and read with the inspection.
    public var documentLinks: [DocumentLinkTarget] {
        [
            DocumentLinkTarget(
                type: "technical_inspection", collection: "technical-inspections",
                check: { id, principal in _ = try await inspection(TechnicalInspectionID(id), as: principal) })
        ]
    }
}

/// What the changes run through `change(_:as:action:_:)` use, together (`scripts/store-uses.py`).
typealias TechnicalInspectionChangeStores = UsesDocuments & UsesEquipements & UsesTechnicalInspections
