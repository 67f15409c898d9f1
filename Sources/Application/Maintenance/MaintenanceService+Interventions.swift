public import Domain
import Foundation

/// An intervention as seen at a moment: its SLA status needs the current time.
public struct InterventionView: Sendable {
    public let intervention: Intervention
    public let slaBreached: Bool
    /// Seconds left before the due time (negative once it has passed); nil once closed.
    public let slaRemainingSeconds: Int?

    init(_ intervention: Intervention, now: Date) {
        self.intervention = intervention
        slaBreached = intervention.slaBreached(at: now)
        slaRemainingSeconds =
            intervention.closedAt == nil && intervention.isEditable
            ? Int(intervention.dueAt.timeIntervalSince(now).rounded(.down)) : nil
    }
}

public struct CloseInput: Sendable {
    public let report: String?
    public let actualMinutes: Int?
    public let partsCost: Money?

    public init(report: String?, actualMinutes: Int?, partsCost: Money?) {
        self.report = report
        self.actualMinutes = actualMinutes
        self.partsCost = partsCost
    }
}

extension MaintenanceService {
    /// Staff open interventions of any kind; a client opens a request, which starts `ouverte`
    /// and is theirs to follow.
    public func createIntervention(_ input: InterventionInput, as principal: Principal) async throws
        -> InterventionView
    {
        try AccessPolicy.require(.requestIntervention, by: principal)
        let staff = AccessPolicy.allows(principal, .manageMaintenance)
        let equipement = input.equipementID.map(EquipementID.init)
        let commande = input.commandeID.map(CommandeID.init)
        let priority = try Self.parse(input.priority, Intervention.Priority.self, field: "priority") ?? .normale
        let kind = try Self.parse(input.kind, Intervention.Kind.self, field: "type") ?? .corrective
        let now = clock.now()
        let id = InterventionID(ids.make())
        // Dispatch's stores too: an intervention may be raised for a ride, which must exist.
        return try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesCommandes & UsesEquipements & UsesInterventions
                    & UsesMaintenanceSettings
            ) in
            let sla = try await repos.maintenanceSettings.sla(of: principal.organizationID) ?? .standard
            let intervention = try Intervention(
                id: id, organizationID: principal.organizationID, title: input.title ?? "",
                description: input.description, kind: kind, priority: priority, equipementID: equipement,
                commandeID: commande, buildingID: input.buildingID.map(BuildingID.init),
                clientID: staff ? input.clientID.map(UserID.init) : principal.userID,
                createdBy: AuditTrail.actor(principal),
                createdAt: now, dueAt: sla.due(for: priority, from: now), estimatedMinutes: input.estimatedMinutes)
            if let equipement { try await checkEquipement(equipement, principal, repos) }
            if let commande {
                guard let ride = try await repos.commandes.find(commande),
                    ride.organizationID == principal.organizationID
                else {
                    throw DomainError.invalidValue(field: "commandeId", reason: "is not a ride of this organization")
                }
            }
            try await checkBuilding(intervention.buildingID, principal, repos)
            try await repos.interventions.insert(intervention)
            try await record(intervention, from: nil, remark: nil, action: "created", principal, repos)
            return InterventionView(intervention, now: now)
        }
    }

    public func intervention(_ id: InterventionID, as principal: Principal) async throws -> InterventionView {
        try AccessPolicy.require(.readMaintenance, by: principal)
        return try await persistence.read { (repos: any UsesInterventions) in
            InterventionView(try await visibleIntervention(id, principal, repos), now: clock.now())
        }
    }

    /// Clients see their own requests only.
    public func interventions(filter: InterventionFilter, page: PageRequest, as principal: Principal) async throws
        -> Page<InterventionView>
    {
        try AccessPolicy.require(.readMaintenance, by: principal)
        var scoped = filter
        if Self.isClientOnly(principal) { scoped.clientID = principal.userID }
        let now = clock.now()
        return try await persistence.read { [scoped] (repos: any UsesInterventions) in
            let page = try await repos.interventions.list(of: principal.organizationID, filter: scoped, page: page)
            return Page(
                items: page.items.map { InterventionView($0, now: now) }, request: page.request,
                totalItems: page.totalItems)
        }
    }

    public func history(of id: InterventionID, as principal: Principal) async throws -> [InterventionHistoryEntry] {
        try AccessPolicy.require(.readMaintenance, by: principal)
        return try await persistence.read { (repos: any UsesInterventions) in
            _ = try await visibleIntervention(id, principal, repos)
            return try await repos.interventions.history(of: id)
        }
    }

    public func editIntervention(_ id: InterventionID, _ input: InterventionInput, as principal: Principal)
        async throws -> InterventionView
    {
        try AccessPolicy.require(.manageMaintenance, by: principal)
        return try await change(id, principal) { intervention, repos in
            let equipement = input.equipementID.map(EquipementID.init)
            if let equipement { try await checkEquipement(equipement, principal, repos) }
            try await checkBuilding(input.buildingID.map(BuildingID.init), principal, repos)
            try intervention.edit(
                title: input.title, description: input.description,
                priority: try Self.parse(input.priority, Intervention.Priority.self, field: "priority"),
                equipementID: equipement, buildingID: input.buildingID.map(BuildingID.init),
                estimatedMinutes: input.estimatedMinutes,
                sla: try await repos.maintenanceSettings.sla(of: principal.organizationID) ?? .standard)
            return ("updated", nil)
        }
    }

    /// Assigns to a technician profile whose user has the `technicien` role; notifies them.
    public func assign(_ id: InterventionID, to technicienID: TechnicienID, as principal: Principal) async throws
        -> InterventionView
    {
        try AccessPolicy.require(.manageMaintenance, by: principal)
        return try await change(id, principal) { intervention, repos in
            guard let technicien = try await repos.techniciens.find(technicienID),
                technicien.organizationID == principal.organizationID,
                let member = try await repos.memberships.member(technicien.userID, in: principal.organizationID),
                member.roles.contains(.technicien)
            else { throw InterventionError.notATechnician }
            try intervention.assign(to: technicienID, at: clock.now())
            try await trail.notify(
                technicien.userID, in: principal.organizationID, kind: "intervention.assigned",
                title: "Intervention assignée", body: intervention.title, entity: "intervention",
                id: intervention.id.description, repos)
            return ("assigned", nil)
        }
    }

    /// Start, pause or resume: the assigned technician, or the organization's managers.
    public func work(_ action: Intervention.Action, on id: InterventionID, remark: String?, as principal: Principal)
        async throws -> InterventionView
    {
        precondition([.start, .pause, .resume].contains(action), "work covers start, pause and resume")
        try AccessPolicy.require(.workIntervention, by: principal)
        return try await change(id, principal) { intervention, repos in
            try await checkAssignee(of: intervention, principal, repos)
            try intervention.apply(action, at: clock.now())
            return (action.rawValue, remark)
        }
    }

    /// Closing needs the report and the time spent; labour cost = hours × the technician's rate.
    public func close(_ id: InterventionID, _ input: CloseInput, as principal: Principal) async throws
        -> InterventionView
    {
        try AccessPolicy.require(.workIntervention, by: principal)
        return try await change(id, principal) { intervention, repos in
            try await checkAssignee(of: intervention, principal, repos)
            let rate = try await intervention.technicienID.asyncMap { try await repos.techniciens.find($0) }??
                .hourlyRate
            try intervention.close(
                report: input.report, actualMinutes: input.actualMinutes,
                partsCost: input.partsCost ?? Money(minorUnits: 0), hourlyRate: rate ?? Money(minorUnits: 0),
                at: clock.now())
            if let creator = intervention.createdBy, creator != principal.userID {
                try await trail.notify(
                    creator, in: principal.organizationID, kind: "intervention.closed", title: "Intervention clôturée",
                    body: intervention.title, entity: "intervention", id: intervention.id.description, repos)
            }
            return ("closed", nil)
        }
    }

    public func archive(_ id: InterventionID, as principal: Principal) async throws -> InterventionView {
        try AccessPolicy.require(.manageMaintenance, by: principal)
        return try await change(id, principal) { intervention, _ in
            try intervention.apply(.archive, at: clock.now())
            return ("archived", nil)
        }
    }

    public func cancel(_ id: InterventionID, reason: String?, as principal: Principal) async throws
        -> InterventionView
    {
        try AccessPolicy.require(.manageMaintenance, by: principal)
        return try await change(id, principal) { intervention, _ in
            try intervention.cancel(reason: reason, at: clock.now())
            return ("cancelled", reason)
        }
    }

    /// Loads, changes, stores, and records the history entry and the audit event, in one transaction.
    func change(
        _ id: InterventionID, _ principal: Principal,
        _ body:
            @Sendable (inout Intervention, any InterventionChangeStores) async throws -> (
                action: String, remark: String?
            )
    ) async throws -> InterventionView {
        try await persistence.write { (repos: any InterventionChangeStores & UsesAudit & UsesInterventions) in
            try await repos.interventions.lock(id)
            var intervention = try await visibleIntervention(id, principal, repos)
            let before = intervention.status
            let (action, remark) = try await body(&intervention, repos)
            try await repos.interventions.update(intervention)
            try await record(intervention, from: before, remark: remark, action: action, principal, repos)
            return InterventionView(intervention, now: clock.now())
        }
    }

    /// History entry (when the state changed) and audit event; a nil principal is a job.
    func record(
        _ intervention: Intervention, from: Intervention.Status?, remark: String?, action: String,
        _ principal: Principal?, _ repos: any UsesAudit & UsesInterventions
    ) async throws {
        if from != intervention.status {
            try await repos.interventions.appendHistory(
                InterventionHistoryEntry(
                    from: from, to: intervention.status, at: clock.now(), by: AuditTrail.actor(principal),
                    remark: remark),
                to: intervention.id)
        }
        var payload = ["statut": intervention.status.rawValue]
        if let from { payload["from"] = from.rawValue }
        if let remark { payload["remark"] = remark }
        try await trail.record(
            "intervention.\(action)", entity: "intervention", id: intervention.id.description, payload: payload,
            by: principal, organization: intervention.organizationID, repos)
    }

    /// A technician acts only on the interventions assigned to them; managers on any.
    func checkAssignee(of intervention: Intervention, _ principal: Principal, _ repos: any UsesTechniciens)
        async throws
    {
        guard !AccessPolicy.allows(principal, .manageMaintenance) else { return }
        let mine = try await repos.techniciens.find(user: principal.userID, in: principal.organizationID)
        guard let mine, mine.id == intervention.technicienID else {
            throw ApplicationError.permissionDenied(.workIntervention)
        }
    }

    func visibleIntervention(_ id: InterventionID, _ principal: Principal, _ repos: any UsesInterventions) async throws
        -> Intervention
    {
        let found = try TenantScope.visible(
            try await repos.interventions.find(id), in: \.organizationID, principal, entity: "intervention",
            id: id.description)
        if Self.isClientOnly(principal), found.clientID != principal.userID {
            throw ApplicationError.notFound(entity: "intervention", id: id.description)
        }
        return found
    }

    static func isClientOnly(_ principal: Principal) -> Bool {
        principal.roles.contains(.client) && !AccessPolicy.allows(principal, .workIntervention)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

/// What the changes run through `change(_:_:_:)` use, together (`scripts/store-uses.py`).
typealias InterventionChangeStores = UsesBuildings & UsesEquipements & UsesMaintenanceSettings & UsesMemberships
    & UsesNotifications & UsesTechniciens
