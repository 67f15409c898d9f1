public import Domain
public import Foundation

public protocol PreventivePlanRepository: Sendable {
    func insert(_ plan: PreventivePlan) async throws
    func find(_ id: PreventivePlanID) async throws -> PreventivePlan?
    /// Ordered by next date.
    func list(of organization: OrganizationID, page: PageRequest) async throws -> Page<PreventivePlan>
    func update(_ plan: PreventivePlan) async throws
    func delete(_ id: PreventivePlanID) async throws
    /// Every organization's plans whose next date has come, locked until the transaction ends.
    func dueForUpdate(on day: CalendarDate) async throws -> [PreventivePlan]
    /// Records one run of a plan for a due date; false when that plan and date already ran (the
    /// key that keeps the job idempotent).
    func recordRun(
        plan: PreventivePlanID, dueDate: CalendarDate, intervention: InterventionID?, skipped: Bool, at: Date
    ) async throws -> Bool
    /// The skipped due dates of a plan, oldest first.
    func skippedDates(of plan: PreventivePlanID) async throws -> [CalendarDate]
}

public protocol MaintenanceSettingsRepository: Sendable {
    func sla(of organization: OrganizationID) async throws -> SLAPolicy?
    func setSLA(_ policy: SLAPolicy, of organization: OrganizationID) async throws
}

/// Jobs that must not run twice at once across server instances.
public protocol JobLockRepository: Sendable {
    /// Takes the job's lock for the rest of the transaction (PostgreSQL advisory lock); false
    /// when another instance holds it. SQLite has one writer: always true.
    func tryLock(job: String) async throws -> Bool
}

/// Counts and costs of a period, computed by the database.
public struct InterventionKPIs: Sendable, Equatable {
    public struct PerTechnician: Sendable, Equatable {
        public let technicienID: TechnicienID
        public let count: Int
        public let closed: Int
        public let meanMinutesToRepair: Int?
        public let totalCost: Money

        public init(technicienID: TechnicienID, count: Int, closed: Int, meanMinutesToRepair: Int?, totalCost: Money) {
            self.technicienID = technicienID
            self.count = count
            self.closed = closed
            self.meanMinutesToRepair = meanMinutesToRepair
            self.totalCost = totalCost
        }
    }

    public let total: Int
    public let byStatus: [String: Int]
    public let byPriority: [String: Int]
    /// Closed interventions (closed, then maybe archived) and those closed in time.
    public let closed: Int
    public let closedWithinSLA: Int
    public let meanMinutesToRepair: Int?
    public let totalCost: Money
    public let technicians: [PerTechnician]

    public init(
        total: Int, byStatus: [String: Int], byPriority: [String: Int], closed: Int, closedWithinSLA: Int,
        meanMinutesToRepair: Int?, totalCost: Money, technicians: [PerTechnician]
    ) {
        self.total = total
        self.byStatus = byStatus
        self.byPriority = byPriority
        self.closed = closed
        self.closedWithinSLA = closedWithinSLA
        self.meanMinutesToRepair = meanMinutesToRepair
        self.totalCost = totalCost
        self.technicians = technicians
    }

    public var slaCompliance: Percentage? { Percentage.ratio(Int64(closedWithinSLA), of: Int64(closed)) }
    /// Mean cost of the closed interventions, to the cent.
    public var averageCost: Money? {
        closed == 0 ? nil : Money(minorUnits: (totalCost.minorUnits * 2 + Int64(closed)) / (2 * Int64(closed)))
    }
}

public struct PlanInput: Sendable {
    public var equipementID: UUID?
    public var title: String?
    public var every: Int?
    public var unit: String?
    public var nextDate: String?
    public var checklist: [String]?

    public init(
        equipementID: UUID? = nil, title: String? = nil, every: Int? = nil, unit: String? = nil,
        nextDate: String? = nil, checklist: [String]? = nil
    ) {
        self.equipementID = equipementID
        self.title = title
        self.every = every
        self.unit = unit
        self.nextDate = nextDate
        self.checklist = checklist
    }
}

/// A job's outcome, for the log line and `gestio jobs run`.
public struct JobReport: Sendable, Equatable {
    public let job: String
    /// False when another instance held the job's lock: nothing was done.
    public let ran: Bool
    /// What the job made, passed over (or failed, for mail) and notified (or mailed).
    public let created: Int
    public let skipped: Int
    public let notified: Int

    public init(job: String, ran: Bool, created: Int = 0, skipped: Int = 0, notified: Int = 0) {
        self.job = job
        self.ran = ran
        self.created = created
        self.skipped = skipped
        self.notified = notified
    }
}

// MARK: - Plans, SLA settings and KPIs

extension MaintenanceService {
    public func createPlan(_ input: PlanInput, as principal: Principal) async throws -> PreventivePlan {
        try AccessPolicy.require(.manageMaintenance, by: principal)
        guard let equipement = input.equipementID.map(EquipementID.init) else {
            throw DomainError.invalidValue(field: "equipementId", reason: "is required")
        }
        let plan = try PreventivePlan(
            id: PreventivePlanID(ids.make()), organizationID: principal.organizationID, equipementID: equipement,
            title: input.title ?? "", frequency: try Self.frequency(input.every, input.unit),
            nextDate: try CalendarDate(parsing: input.nextDate ?? "", field: "nextDate"),
            checklist: input.checklist ?? [], createdAt: clock.now())
        return try await persistence.write { (repos: any UsesAudit & UsesEquipements & UsesPlans) in
            try await checkEquipement(equipement, principal, repos)
            try await repos.plans.insert(plan)
            try await trail.record(
                "planning.created", entity: "planning", id: plan.id.description, by: principal,
                organization: principal.organizationID, repos)
            return plan
        }
    }

    public func plans(page: PageRequest, as principal: Principal) async throws -> Page<PreventivePlan> {
        try AccessPolicy.require(.readMaintenance, by: principal)
        return try await persistence.read { (repos: any UsesPlans) in
            try await repos.plans.list(of: principal.organizationID, page: page)
        }
    }

    public func plan(_ id: PreventivePlanID, as principal: Principal) async throws -> (PreventivePlan, [CalendarDate]) {
        try AccessPolicy.require(.readMaintenance, by: principal)
        return try await persistence.read { (repos: any UsesPlans) in
            let plan = try TenantScope.visible(
                try await repos.plans.find(id), in: \.organizationID, principal, entity: "planning", id: id.description)
            return (plan, try await repos.plans.skippedDates(of: id))
        }
    }

    public func updatePlan(_ id: PreventivePlanID, _ input: PlanInput, as principal: Principal) async throws
        -> PreventivePlan
    {
        try AccessPolicy.require(.manageMaintenance, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesEquipements & UsesPlans) in
            var plan = try TenantScope.visible(
                try await repos.plans.find(id), in: \.organizationID, principal, entity: "planning", id: id.description)
            if let equipement = input.equipementID.map(EquipementID.init) {
                try await checkEquipement(equipement, principal, repos)
                plan.equipementID = equipement
            }
            if let title = input.title { plan.title = title }
            if input.every != nil || input.unit != nil {
                plan.frequency = try Self.frequency(
                    input.every ?? plan.frequency.every, input.unit ?? plan.frequency.unit.rawValue)
            }
            if let next = input.nextDate { plan.nextDate = try CalendarDate(parsing: next, field: "nextDate") }
            if let checklist = input.checklist { plan.checklist = checklist }
            let checked = try PreventivePlan(
                id: plan.id, organizationID: plan.organizationID, equipementID: plan.equipementID, title: plan.title,
                frequency: plan.frequency, nextDate: plan.nextDate, lastDate: plan.lastDate,
                checklist: plan.checklist, createdAt: plan.createdAt)
            try await repos.plans.update(checked)
            try await trail.record(
                "planning.updated", entity: "planning", id: id.description, by: principal,
                organization: principal.organizationID, repos)
            return checked
        }
    }

    public func deletePlan(_ id: PreventivePlanID, as principal: Principal) async throws {
        try AccessPolicy.require(.manageMaintenance, by: principal)
        try await persistence.write { (repos: any UsesAudit & UsesPlans) in
            _ = try TenantScope.visible(
                try await repos.plans.find(id), in: \.organizationID, principal, entity: "planning", id: id.description)
            try await repos.plans.delete(id)
            try await trail.record(
                "planning.deleted", entity: "planning", id: id.description, by: principal,
                organization: principal.organizationID, repos)
        }
    }

    public func slaPolicy(as principal: Principal) async throws -> SLAPolicy {
        try AccessPolicy.require(.readMaintenance, by: principal)
        return try await persistence.read { (repos: any UsesMaintenanceSettings) in
            try await repos.maintenanceSettings.sla(of: principal.organizationID) ?? .standard
        }
    }

    /// Applies to interventions created (or re-prioritized) from now on.
    public func setSLAPolicy(_ minutes: [Intervention.Priority: Int], as principal: Principal) async throws
        -> SLAPolicy
    {
        try AccessPolicy.require(.manageMaintenance, by: principal)
        let policy = try SLAPolicy(minutes: minutes)
        return try await persistence.write { (repos: any UsesAudit & UsesMaintenanceSettings) in
            try await repos.maintenanceSettings.setSLA(policy, of: principal.organizationID)
            try await trail.record(
                "sla.updated", entity: "organization", id: principal.organizationID.description,
                payload: Dictionary(uniqueKeysWithValues: minutes.map { ($0.key.rawValue, String($0.value)) }),
                by: principal, organization: principal.organizationID, repos)
            return policy
        }
    }

    public func kpis(from: Date?, to: Date?, as principal: Principal) async throws -> InterventionKPIs {
        try AccessPolicy.require(.manageMaintenance, by: principal)
        return try await persistence.read { (repos: any UsesInterventions) in
            try await repos.interventions.kpis(of: principal.organizationID, from: from, to: to)
        }
    }

    static func frequency(_ every: Int?, _ unit: String?) throws -> Frequency {
        guard let every else { throw DomainError.invalidValue(field: "frequency.every", reason: "is required") }
        guard let unit = Frequency.Unit(rawValue: unit ?? "") else {
            throw DomainError.invalidValue(field: "frequency.unit", reason: "must be days, weeks or months")
        }
        return try Frequency(every: every, unit: unit)
    }
}

// MARK: - Jobs

extension MaintenanceService {
    public static let preventiveJob = "preventive"
    public static let slaBreachJob = "sla-breach"

    /// For every plan whose next date has come: one `ouverte` preventive intervention for the
    /// latest due date, the earlier ones recorded as skipped, the plan moved forward. One
    /// transaction under the job's lock; the (plan, due date) key makes a rerun a no-op.
    public func runPreventiveJob() async throws -> JobReport {
        let now = clock.now()
        let today = CalendarDate(utcDayOf: now)
        return try await persistence.write {
            (repos: any UsesAudit & UsesInterventions & UsesJobLocks & UsesMaintenanceSettings & UsesPlans) in
            guard try await repos.jobLocks.tryLock(job: Self.preventiveJob) else {
                return JobReport(job: Self.preventiveJob, ran: false, created: 0, skipped: 0, notified: 0)
            }
            var created = 0
            var skipped = 0
            for var plan in try await repos.plans.dueForUpdate(on: today) {
                guard let due = plan.due(on: today) else { continue }
                let sla = try await repos.maintenanceSettings.sla(of: plan.organizationID) ?? .standard
                let intervention = try Intervention(
                    id: InterventionID(ids.make()), organizationID: plan.organizationID,
                    title: "\(plan.title) (\(due.date))",
                    description: plan.checklist.isEmpty
                        ? nil : plan.checklist.map { "- \($0)" }.joined(separator: "\n"),
                    kind: .preventive, priority: .normale, equipementID: plan.equipementID, buildingID: nil,
                    clientID: nil, planningID: plan.id, createdBy: nil, createdAt: now,
                    dueAt: sla.due(for: .normale, from: now), estimatedMinutes: nil)
                guard
                    try await repos.plans.recordRun(
                        plan: plan.id, dueDate: due.date, intervention: intervention.id, skipped: false, at: now)
                else { continue }
                try await repos.interventions.insert(intervention)
                try await record(intervention, from: nil, remark: "préventif", action: "created", nil, repos)
                for date in due.skipped {
                    if try await repos.plans.recordRun(
                        plan: plan.id, dueDate: date, intervention: nil, skipped: true, at: now)
                    {
                        skipped += 1
                    }
                }
                plan.handled(due)
                try await repos.plans.update(plan)
                created += 1
            }
            return JobReport(job: Self.preventiveJob, ran: true, created: created, skipped: skipped, notified: 0)
        }
    }

    /// Notifies once per breached intervention: its organization's admins and responsables, and
    /// the assigned technician.
    public func runSLABreachJob() async throws -> JobReport {
        let now = clock.now()
        return try await persistence.write {
            (
                repos: any UsesAudit & UsesInterventions & UsesJobLocks & UsesMemberships & UsesNotifications
                    & UsesTechniciens
            ) in
            guard try await repos.jobLocks.tryLock(job: Self.slaBreachJob) else {
                return JobReport(job: Self.slaBreachJob, ran: false, created: 0, skipped: 0, notified: 0)
            }
            var notified = 0
            let timestamp = ISO8601DateFormatter()
            for intervention in try await repos.interventions.breachedUnnotified(at: now) {
                var recipients = try await repos.memberships.users(
                    withAnyOf: [.admin, .responsable], in: intervention.organizationID)
                if let technicien = intervention.technicienID,
                    let profile = try await repos.techniciens.find(technicien)
                {
                    recipients.insert(profile.userID)
                }
                notified += try await trail.notify(
                    recipients, in: intervention.organizationID, kind: "intervention.sla_breached",
                    title: "SLA dépassé", body: intervention.title, entity: "intervention",
                    id: intervention.id.description, repos)
                try await repos.interventions.markSLANotified(intervention.id)
                try await trail.record(
                    "intervention.sla_breached", entity: "intervention", id: intervention.id.description,
                    payload: ["dueAt": timestamp.string(from: intervention.dueAt)], by: nil,
                    organization: intervention.organizationID, repos)
            }
            return JobReport(job: Self.slaBreachJob, ran: true, created: 0, skipped: 0, notified: notified)
        }
    }
}
