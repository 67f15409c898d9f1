public import Domain
public import Foundation

public protocol EquipementRepository: Sendable {
    /// Throws `MaintenanceError.codeTaken` for a code the organization already uses.
    func insert(_ equipement: Equipement) async throws
    func find(_ id: EquipementID) async throws -> Equipement?
    /// Ordered by code.
    func list(of organization: OrganizationID, page: PageRequest) async throws -> Page<Equipement>
    func update(_ equipement: Equipement) async throws
    func delete(_ id: EquipementID) async throws
    func isReferenced(_ id: EquipementID) async throws -> Bool
}

public struct TechnicienFilter: Sendable {
    public var competence: String?
    public var disponible: Bool?

    public init(competence: String? = nil, disponible: Bool? = nil) {
        self.competence = competence
        self.disponible = disponible
    }
}

public protocol TechnicienRepository: Sendable {
    /// Throws `MaintenanceError.profileExists` when the user already has a profile.
    func insert(_ technicien: Technicien) async throws
    func find(_ id: TechnicienID) async throws -> Technicien?
    func find(user: UserID, in organization: OrganizationID) async throws -> Technicien?
    func list(of organization: OrganizationID, filter: TechnicienFilter, page: PageRequest) async throws -> Page<
        Technicien
    >
    func update(_ technicien: Technicien) async throws
}

public struct InterventionFilter: Sendable {
    public enum Sort: String, Sendable, CaseIterable {
        case createdAt = "created_at"
        case createdAtDescending = "-created_at"
        case dueAt = "due_at"
        case priority = "-priority"
    }

    public var status: Intervention.Status?
    public var priority: Intervention.Priority?
    public var technicienID: TechnicienID?
    public var equipementID: EquipementID?
    public var clientID: UserID?
    public var from: Date?
    public var to: Date?
    public var sort: Sort

    public init(
        status: Intervention.Status? = nil, priority: Intervention.Priority? = nil, technicienID: TechnicienID? = nil,
        equipementID: EquipementID? = nil, clientID: UserID? = nil, from: Date? = nil, to: Date? = nil,
        sort: Sort = .createdAtDescending
    ) {
        self.status = status
        self.priority = priority
        self.technicienID = technicienID
        self.equipementID = equipementID
        self.clientID = clientID
        self.from = from
        self.to = to
        self.sort = sort
    }
}

public protocol InterventionRepository: Sendable {
    func insert(_ intervention: Intervention) async throws
    /// Holds the intervention until the transaction ends, so two transitions cannot race.
    func lock(_ id: InterventionID) async throws
    func find(_ id: InterventionID) async throws -> Intervention?
    /// One statement for the page and one for the count, whatever the page size.
    func list(of organization: OrganizationID, filter: InterventionFilter, page: PageRequest) async throws -> Page<
        Intervention
    >
    func update(_ intervention: Intervention) async throws
    func appendHistory(_ entry: InterventionHistoryEntry, to id: InterventionID) async throws
    /// Oldest first.
    func history(of id: InterventionID) async throws -> [InterventionHistoryEntry]
    /// Every organization's open interventions past their due time, not yet notified.
    func breachedUnnotified(at now: Date) async throws -> [Intervention]
    func markSLANotified(_ id: InterventionID) async throws
    /// Interventions created in [from, to): a few aggregate queries, never a row per intervention.
    func kpis(of organization: OrganizationID, from: Date?, to: Date?) async throws -> InterventionKPIs
}

public enum MaintenanceError: Error, Equatable, Sendable, CustomStringConvertible {
    case codeTaken(String)
    case profileExists
    case equipementInUse

    public var description: String {
        switch self {
        case .codeTaken(let code): "the equipment code \(code) is already used in this organization"
        case .profileExists: "this user already has a technician profile"
        case .equipementInUse: "interventions reference this equipment: it cannot be deleted"
        }
    }
}

public struct EquipementInput: Sendable {
    public var code, name: String?
    public var category, location: String?
    public var buildingID: UUID?
    public var criticality, commissionedOn, status: String?

    public init(
        code: String? = nil, name: String? = nil, category: String? = nil, location: String? = nil,
        buildingID: UUID? = nil, criticality: String? = nil, commissionedOn: String? = nil, status: String? = nil
    ) {
        self.code = code
        self.name = name
        self.category = category
        self.location = location
        self.buildingID = buildingID
        self.criticality = criticality
        self.commissionedOn = commissionedOn
        self.status = status
    }
}

public struct TechnicienInput: Sendable {
    public var userID: UUID?
    public var equipe: String?
    public var disponibilite: String?
    public var hourlyRate: Money?
    public var competences: [String]?

    public init(
        userID: UUID? = nil, equipe: String? = nil, disponibilite: String? = nil, hourlyRate: Money? = nil,
        competences: [String]? = nil
    ) {
        self.userID = userID
        self.equipe = equipe
        self.disponibilite = disponibilite
        self.hourlyRate = hourlyRate
        self.competences = competences
    }
}

public struct InterventionInput: Sendable {
    public var title: String?
    public var description: String?
    public var kind: String?
    public var priority: String?
    public var equipementID: UUID?
    public var buildingID: UUID?
    public var clientID: UUID?
    public var estimatedMinutes: Int?
    /// The taxi ride of a `prise_en_charge` intervention.
    public var commandeID: UUID?

    public init(
        title: String? = nil, description: String? = nil, kind: String? = nil, priority: String? = nil,
        equipementID: UUID? = nil, buildingID: UUID? = nil, clientID: UUID? = nil, estimatedMinutes: Int? = nil,
        commandeID: UUID? = nil
    ) {
        self.commandeID = commandeID
        self.title = title
        self.description = description
        self.kind = kind
        self.priority = priority
        self.equipementID = equipementID
        self.buildingID = buildingID
        self.clientID = clientID
        self.estimatedMinutes = estimatedMinutes
    }
}

/// The maintenance module's use cases: equipment, technicians and interventions with their
/// lifecycle. Every change writes its audit event (and notifications) in the same transaction.
public struct MaintenanceService: Sendable {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail

    public init(persistence: any Persistence, clock: any WallClock, ids: any IDGenerator) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.trail = AuditTrail(clock: clock, ids: ids)
    }

    /// Maintenance's reactions to other modules' facts: a ride left waiting in the pool gets one
    /// `prise_en_charge` intervention, due by the organization's SLA for a high priority (a
    /// unique index keeps it to one per ride).
    public func subscribe(to bus: DomainEventBus) {
        bus.subscribe { event, repos in
            guard let waiting = event as? RideLeftWaiting else { return [] }
            let sla = try await repos.maintenanceSettings.sla(of: waiting.organization) ?? .standard
            let intervention = try Intervention(
                id: InterventionID(ids.make()), organizationID: waiting.organization,
                title: "Prise en charge en attente : \(waiting.reference)",
                description:
                    "\(waiting.pickup) → \(waiting.destination), en attente depuis plus de \(waiting.minutes) min",
                kind: .priseEnCharge, priority: .haute, equipementID: nil, commandeID: waiting.ride, buildingID: nil,
                clientID: nil, createdBy: nil, createdAt: waiting.at, dueAt: sla.due(for: .haute, from: waiting.at),
                estimatedMinutes: nil)
            try await repos.interventions.insert(intervention)
            try await record(intervention, from: nil, remark: nil, action: "created", nil, repos)
            return []
        }
        bus.subscribe { event, repos in
            guard let scheduled = event as? RegulatedPlanScheduled else { return [] }
            try await keepRegulatedPlan(scheduled, repos)
            return []
        }
        bus.subscribe { event, repos in
            guard let failed = event as? TechnicalInspectionFailed else { return [] }
            let sla = try await repos.maintenanceSettings.sla(of: failed.organization) ?? .standard
            let intervention = try Intervention(
                id: failed.intervention, organizationID: failed.organization, title: failed.title,
                description: failed.findings, kind: .corrective, priority: .haute, equipementID: failed.equipement,
                buildingID: failed.building, clientID: nil, createdBy: nil, createdAt: failed.at,
                dueAt: sla.due(for: .haute, from: failed.at), estimatedMinutes: nil)
            try await repos.interventions.insert(intervention)
            try await record(intervention, from: nil, remark: "contrôle réglementaire", action: "created", nil, repos)
            return []
        }
    }

    /// A regulated plan is a preventive plan whose frequency comes from the law: made the first
    /// time, then kept at the legal frequency and moved to the next due date.
    private func keepRegulatedPlan(_ scheduled: RegulatedPlanScheduled, _ repos: any UsesPlans) async throws {
        let frequency = try Frequency(every: scheduled.months, unit: .months)
        if var plan = try await repos.plans.find(scheduled.plan) {
            plan.frequency = frequency
            plan.nextDate = scheduled.nextDate
            try await repos.plans.update(plan)
            return
        }
        try await repos.plans.insert(
            try PreventivePlan(
                id: scheduled.plan, organizationID: scheduled.organization, equipementID: scheduled.equipement,
                title: scheduled.title, frequency: frequency, nextDate: scheduled.nextDate, checklist: [],
                createdAt: scheduled.at))
    }
}

// MARK: - Equipment

extension MaintenanceService {
    public func createEquipement(_ input: EquipementInput, as principal: Principal) async throws -> Equipement {
        try AccessPolicy.require(.manageMaintenance, by: principal)
        let equipement = try Equipement(
            id: EquipementID(ids.make()), organizationID: principal.organizationID, code: input.code ?? "",
            name: input.name ?? "", category: input.category, location: input.location,
            buildingID: input.buildingID.map(BuildingID.init),
            criticality: try Self.parse(input.criticality, Equipement.Criticality.self, field: "criticality")
                ?? .normale,
            commissionedOn: try input.commissionedOn.map { try CalendarDate(parsing: $0, field: "commissionedOn") },
            status: try Self.parse(input.status, Equipement.Status.self, field: "status") ?? .enService,
            createdAt: clock.now())
        return try await persistence.write { (repos: any UsesAudit & UsesBuildings & UsesEquipements) in
            try await checkBuilding(equipement.buildingID, principal, repos)
            try await repos.equipements.insert(equipement)
            try await trail.record(
                "equipement.created", entity: "equipement", id: equipement.id.description,
                payload: ["code": equipement.code], by: principal, organization: principal.organizationID, repos)
            return equipement
        }
    }

    public func equipements(page: PageRequest, as principal: Principal) async throws -> Page<Equipement> {
        try AccessPolicy.require(.readMaintenance, by: principal)
        return try await persistence.read { (repos: any UsesEquipements) in
            try await repos.equipements.list(of: principal.organizationID, page: page)
        }
    }

    public func equipement(_ id: EquipementID, as principal: Principal) async throws -> Equipement {
        try AccessPolicy.require(.readMaintenance, by: principal)
        return try await persistence.read { (repos: any UsesEquipements) in
            try TenantScope.visible(
                try await repos.equipements.find(id), in: \.organizationID, principal, entity: "equipement",
                id: id.description)
        }
    }

    public func updateEquipement(_ id: EquipementID, _ patch: EquipementInput, as principal: Principal) async throws
        -> Equipement
    {
        try AccessPolicy.require(.manageMaintenance, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesBuildings & UsesEquipements) in
            let current = try TenantScope.visible(
                try await repos.equipements.find(id), in: \.organizationID, principal, entity: "equipement",
                id: id.description)
            let updated = try Equipement(
                id: id, organizationID: current.organizationID, code: patch.code ?? current.code,
                name: patch.name ?? current.name, category: patch.category ?? current.category,
                location: patch.location ?? current.location,
                buildingID: patch.buildingID.map(BuildingID.init) ?? current.buildingID,
                criticality: try Self.parse(patch.criticality, Equipement.Criticality.self, field: "criticality")
                    ?? current.criticality,
                commissionedOn: try patch.commissionedOn.map { try CalendarDate(parsing: $0, field: "commissionedOn") }
                    ?? current.commissionedOn,
                status: try Self.parse(patch.status, Equipement.Status.self, field: "status") ?? current.status,
                createdAt: current.createdAt)
            try await checkBuilding(updated.buildingID, principal, repos)
            try await repos.equipements.update(updated)
            try await trail.record(
                "equipement.updated", entity: "equipement", id: id.description, by: principal,
                organization: principal.organizationID, repos)
            return updated
        }
    }

    /// Refused while any intervention references the equipment (their history would lose it).
    public func deleteEquipement(_ id: EquipementID, as principal: Principal) async throws {
        try AccessPolicy.require(.manageMaintenance, by: principal)
        try await persistence.write { (repos: any UsesAudit & UsesEquipements) in
            _ = try TenantScope.visible(
                try await repos.equipements.find(id), in: \.organizationID, principal, entity: "equipement",
                id: id.description)
            if try await repos.equipements.isReferenced(id) { throw MaintenanceError.equipementInUse }
            try await repos.equipements.delete(id)
            try await trail.record(
                "equipement.deleted", entity: "equipement", id: id.description, by: principal,
                organization: principal.organizationID, repos)
        }
    }

    func checkEquipement(_ id: EquipementID, _ principal: Principal, _ repos: any UsesEquipements) async throws {
        guard let found = try await repos.equipements.find(id), found.organizationID == principal.organizationID else {
            throw DomainError.invalidValue(field: "equipementId", reason: "is not equipment of this organization")
        }
    }

    func checkBuilding(_ building: BuildingID?, _ principal: Principal, _ repos: any UsesBuildings) async throws {
        guard let building else { return }
        guard let found = try await repos.buildings.find(building), found.organizationID == principal.organizationID
        else { throw DomainError.invalidValue(field: "buildingId", reason: "is not a building of this organization") }
    }
}

// MARK: - Technicians

extension MaintenanceService {
    public func createTechnicien(_ input: TechnicienInput, as principal: Principal) async throws -> Technicien {
        try AccessPolicy.require(.manageMaintenance, by: principal)
        guard let user = input.userID.map(UserID.init) else {
            throw DomainError.invalidValue(field: "userId", reason: "is required")
        }
        let technicien = try Technicien(
            id: TechnicienID(ids.make()), organizationID: principal.organizationID, userID: user,
            equipe: input.equipe,
            disponibilite: try Self.parse(input.disponibilite, Technicien.Availability.self, field: "disponibilite")
                ?? .disponible,
            hourlyRate: input.hourlyRate ?? Money(minorUnits: 0), competences: input.competences ?? [],
            createdAt: clock.now())
        return try await persistence.write { (repos: any UsesAudit & UsesMemberships & UsesTechniciens) in
            guard let member = try await repos.memberships.member(user, in: principal.organizationID),
                member.roles.contains(.technicien)
            else {
                throw DomainError.invalidValue(
                    field: "userId", reason: "must be a member of this organization with the technicien role")
            }
            try await repos.techniciens.insert(technicien)
            try await trail.record(
                "technicien.created", entity: "technicien", id: technicien.id.description,
                payload: ["userId": user.description], by: principal, organization: principal.organizationID, repos)
            return technicien
        }
    }

    public func techniciens(filter: TechnicienFilter, page: PageRequest, as principal: Principal) async throws
        -> Page<Technicien>
    {
        try AccessPolicy.require(.readMaintenance, by: principal)
        return try await persistence.read { (repos: any UsesTechniciens) in
            try await repos.techniciens.list(of: principal.organizationID, filter: filter, page: page)
        }
    }

    public func technicien(_ id: TechnicienID, as principal: Principal) async throws -> Technicien {
        try AccessPolicy.require(.readMaintenance, by: principal)
        return try await persistence.read { (repos: any UsesTechniciens) in
            try await visibleTechnicien(id, principal, repos)
        }
    }

    public func updateTechnicien(_ id: TechnicienID, _ patch: TechnicienInput, as principal: Principal) async throws
        -> Technicien
    {
        try AccessPolicy.require(.manageMaintenance, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesTechniciens) in
            var technicien = try await visibleTechnicien(id, principal, repos)
            if let equipe = patch.equipe { technicien.equipe = equipe }
            if let availability = try Self.parse(
                patch.disponibilite, Technicien.Availability.self, field: "disponibilite")
            {
                technicien.disponibilite = availability
            }
            if let rate = patch.hourlyRate {
                guard rate.minorUnits >= 0 else {
                    throw DomainError.invalidValue(field: "hourlyRate", reason: "must not be negative")
                }
                technicien.hourlyRate = rate
            }
            if let skills = patch.competences { try technicien.setCompetences(skills) }
            try await repos.techniciens.update(technicien)
            try await trail.record(
                "technicien.updated", entity: "technicien", id: id.description, by: principal,
                organization: principal.organizationID, repos)
            return technicien
        }
    }

    func visibleTechnicien(_ id: TechnicienID, _ principal: Principal, _ repos: any UsesTechniciens) async throws
        -> Technicien
    {
        try TenantScope.visible(
            try await repos.techniciens.find(id), in: \.organizationID, principal, entity: "technicien",
            id: id.description)
    }
}
