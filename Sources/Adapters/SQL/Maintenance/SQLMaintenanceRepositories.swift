import Application
import Domain
import Foundation
import SQLKit

struct EquipementRow: Codable {
    let id: UUID
    let organizationId: UUID
    let code: String
    let name: String
    let category: String?
    let location: String?
    let buildingId: UUID?
    let criticality: String
    let commissionedOn: String?
    let status: String
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, code, name, category, location, criticality, status
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case commissionedOn = "commissioned_on"
        case createdAt = "created_at"
    }

    init(_ equipement: Equipement) {
        id = equipement.id.rawValue
        organizationId = equipement.organizationID.rawValue
        code = equipement.code
        name = equipement.name
        category = equipement.category
        location = equipement.location
        buildingId = equipement.buildingID?.rawValue
        criticality = equipement.criticality.rawValue
        commissionedOn = equipement.commissionedOn?.description
        status = equipement.status.rawValue
        createdAt = equipement.createdAt
    }

    func domain() throws -> Equipement {
        guard let criticality = Equipement.Criticality(rawValue: criticality),
            let status = Equipement.Status(rawValue: status)
        else { throw CorruptRow(table: "equipements", reason: "criticality or status of \(id)") }
        return try Equipement(
            id: EquipementID(id), organizationID: OrganizationID(organizationId), code: code, name: name,
            category: category, location: location, buildingID: buildingId.map(BuildingID.init),
            criticality: criticality, commissionedOn: try commissionedOn.map { try CalendarDate(parsing: $0) },
            status: status, createdAt: createdAt)
    }
}

struct SQLEquipementRepository: EquipementRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ equipement: Equipement) async throws {
        do {
            try await db.insert(into: "equipements").model(EquipementRow(equipement), nilEncodingStrategy: .asNil)
                .run()
        } catch  where dialect.isUniqueViolation(error) {
            throw MaintenanceError.codeTaken(equipement.code)
        }
    }

    func find(_ id: EquipementID) async throws -> Equipement? {
        try await db.select().columns("*").from("equipements").where("id", .equal, id.rawValue)
            .first(decoding: EquipementRow.self, with: rowDecoder)?.domain()
    }

    func list(of organization: OrganizationID, page: PageRequest) async throws -> Page<Equipement> {
        let total = try await db.count(from: "equipements", where: "organization_id", equals: organization.rawValue)
        let rows = try await db.select().columns("*").from("equipements")
            .where("organization_id", .equal, organization.rawValue)
            .orderBy("code").limit(page.perPage).offset(page.offset)
            .all(decoding: EquipementRow.self, with: rowDecoder)
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func update(_ equipement: Equipement) async throws {
        let row = EquipementRow(equipement)
        do {
            try await db.update("equipements").set("code", to: row.code).set("name", to: row.name)
                .set("category", to: row.category).set("location", to: row.location)
                .set("building_id", to: row.buildingId).set("criticality", to: row.criticality)
                .set("commissioned_on", to: row.commissionedOn).set("status", to: row.status)
                .where("id", .equal, row.id).run()
        } catch  where dialect.isUniqueViolation(error) {
            throw MaintenanceError.codeTaken(equipement.code)
        }
    }

    func delete(_ id: EquipementID) async throws {
        try await db.delete(from: "equipements").where("id", .equal, id.rawValue).run()
    }

    func isReferenced(_ id: EquipementID) async throws -> Bool {
        try await db.select().column("id").from("interventions").where("equipement_id", .equal, id.rawValue)
            .limit(1).first() != nil
    }
}

struct TechnicienRow: Codable {
    let id: UUID
    let organizationId: UUID
    let userId: UUID
    let equipe: String?
    let disponibilite: String
    let hourlyRateCents: Int64
    let competencesJson: String
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, equipe, disponibilite
        case organizationId = "organization_id"
        case userId = "user_id"
        case hourlyRateCents = "hourly_rate_cents"
        case competencesJson = "competences_json"
        case createdAt = "created_at"
    }

    init(_ technicien: Technicien) throws {
        id = technicien.id.rawValue
        organizationId = technicien.organizationID.rawValue
        userId = technicien.userID.rawValue
        equipe = technicien.equipe
        disponibilite = technicien.disponibilite.rawValue
        hourlyRateCents = technicien.hourlyRate.minorUnits
        competencesJson = String(decoding: try JSONEncoder().encode(technicien.competences), as: UTF8.self)
        createdAt = technicien.createdAt
    }

    func domain() throws -> Technicien {
        guard let availability = Technicien.Availability(rawValue: disponibilite) else {
            throw CorruptRow(table: "techniciens", reason: "disponibilite of \(id)")
        }
        return try Technicien(
            id: TechnicienID(id), organizationID: OrganizationID(organizationId), userID: UserID(userId),
            equipe: equipe, disponibilite: availability, hourlyRate: Money(minorUnits: hourlyRateCents),
            competences: try JSONDecoder().decode([String].self, from: Data(competencesJson.utf8)),
            createdAt: createdAt)
    }
}

struct SQLTechnicienRepository: TechnicienRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ technicien: Technicien) async throws {
        do {
            try await db.insert(into: "techniciens").model(try TechnicienRow(technicien), nilEncodingStrategy: .asNil)
                .run()
        } catch  where dialect.isUniqueViolation(error) {
            throw MaintenanceError.profileExists
        }
    }

    func find(_ id: TechnicienID) async throws -> Technicien? {
        try await db.select().columns("*").from("techniciens").where("id", .equal, id.rawValue)
            .first(decoding: TechnicienRow.self, with: rowDecoder)?.domain()
    }

    func find(user: UserID, in organization: OrganizationID) async throws -> Technicien? {
        try await db.select().columns("*").from("techniciens").where("user_id", .equal, user.rawValue)
            .where("organization_id", .equal, organization.rawValue)
            .first(decoding: TechnicienRow.self, with: rowDecoder)?.domain()
    }

    /// Skills are a JSON array of lowercased strings: matched on their quoted form.
    func list(of organization: OrganizationID, filter: TechnicienFilter, page: PageRequest) async throws -> Page<
        Technicien
    > {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.where("organization_id", .equal, organization.rawValue)
            if let skill = filter.competence?.lowercased() {
                let quoted = String(decoding: (try? JSONEncoder().encode(skill)) ?? Data(), as: UTF8.self)
                query = query.where("competences_json", .like, "%\(quoted)%")
            }
            if let available = filter.disponible {
                query = query.where(
                    "disponibilite", available ? .equal : .notEqual, Technicien.Availability.disponible.rawValue)
            }
            return query
        }
        let (rows, total) = try await db.page(
            "techniciens", page, as: TechnicienRow.self, filtered: filtered,
            ordered: { $0.orderBy("created_at").orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func update(_ technicien: Technicien) async throws {
        let row = try TechnicienRow(technicien)
        try await db.update("techniciens").set("equipe", to: row.equipe).set("disponibilite", to: row.disponibilite)
            .set("hourly_rate_cents", to: row.hourlyRateCents).set("competences_json", to: row.competencesJson)
            .where("id", .equal, row.id).run()
    }
}

struct InterventionRow: Codable {
    let id: UUID
    let organizationId: UUID
    let title: String
    let description: String?
    let kind: String
    let priority: String
    let equipementId: UUID?
    let commandeId: UUID?
    let buildingId: UUID?
    let clientId: UUID?
    let planningId: UUID?
    let statut: String
    let technicienId: UUID?
    let createdBy: UUID?
    let createdAt: Date
    let dueAt: Date
    let startedAt: Date?
    let closedAt: Date?
    let estimatedMinutes: Int?
    let actualMinutes: Int?
    let partsCostCents: Int64
    let labourCostCents: Int64
    let closingReport: String?
    let cancelReason: String?

    enum CodingKeys: String, CodingKey {
        case id, title, description, kind, priority, statut
        case organizationId = "organization_id"
        case equipementId = "equipement_id"
        case commandeId = "commande_id"
        case buildingId = "building_id"
        case clientId = "client_id"
        case planningId = "planning_id"
        case technicienId = "technicien_id"
        case createdBy = "created_by"
        case createdAt = "created_at"
        case dueAt = "due_at"
        case startedAt = "started_at"
        case closedAt = "closed_at"
        case estimatedMinutes = "estimated_minutes"
        case actualMinutes = "actual_minutes"
        case partsCostCents = "parts_cost_cents"
        case labourCostCents = "labour_cost_cents"
        case closingReport = "closing_report"
        case cancelReason = "cancel_reason"
    }

    init(_ value: Intervention) {
        id = value.id.rawValue
        organizationId = value.organizationID.rawValue
        title = value.title
        description = value.description
        kind = value.kind.rawValue
        priority = value.priority.rawValue
        equipementId = value.equipementID?.rawValue
        commandeId = value.commandeID?.rawValue
        buildingId = value.buildingID?.rawValue
        clientId = value.clientID?.rawValue
        planningId = value.planningID?.rawValue
        statut = value.status.rawValue
        technicienId = value.technicienID?.rawValue
        createdBy = value.createdBy?.rawValue
        createdAt = value.createdAt
        dueAt = value.dueAt
        startedAt = value.startedAt
        closedAt = value.closedAt
        estimatedMinutes = value.estimatedMinutes
        actualMinutes = value.actualMinutes
        partsCostCents = value.partsCost.minorUnits
        labourCostCents = value.labourCost.minorUnits
        closingReport = value.closingReport
        cancelReason = value.cancelReason
    }

    func domain() throws -> Intervention {
        guard let kind = Intervention.Kind(rawValue: kind), let priority = Intervention.Priority(rawValue: priority),
            let status = Intervention.Status(rawValue: statut)
        else { throw CorruptRow(table: "interventions", reason: "kind, priority or statut of \(id)") }
        return try Intervention(
            id: InterventionID(id), organizationID: OrganizationID(organizationId), title: title,
            description: description, kind: kind, priority: priority, equipementID: equipementId.map(EquipementID.init),
            commandeID: commandeId.map(CommandeID.init), buildingID: buildingId.map(BuildingID.init),
            clientID: clientId.map(UserID.init),
            planningID: planningId.map(PreventivePlanID.init), status: status,
            technicienID: technicienId.map(TechnicienID.init), createdBy: createdBy.map(UserID.init),
            createdAt: createdAt, dueAt: dueAt, startedAt: startedAt, closedAt: closedAt,
            estimatedMinutes: estimatedMinutes, actualMinutes: actualMinutes,
            partsCost: Money(minorUnits: partsCostCents), labourCost: Money(minorUnits: labourCostCents),
            closingReport: closingReport, cancelReason: cancelReason)
    }
}

struct InterventionHistoryRow: Codable {
    let interventionId: UUID
    let seq: Int
    let fromStatut: String?
    let toStatut: String
    let at: Date
    let byUser: UUID?
    let remark: String?

    enum CodingKeys: String, CodingKey {
        case seq, at, remark
        case interventionId = "intervention_id"
        case fromStatut = "from_statut"
        case toStatut = "to_statut"
        case byUser = "by_user"
    }
}

struct SQLInterventionRepository: InterventionRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func lock(_ id: InterventionID) async throws {
        try await db.lockRow(of: "interventions", id: id.rawValue, dialect: dialect)
    }

    func insert(_ intervention: Intervention) async throws {
        try await db.insert(into: "interventions").model(InterventionRow(intervention), nilEncodingStrategy: .asNil)
            .run()
    }

    func find(_ id: InterventionID) async throws -> Intervention? {
        try await db.select().columns("*").from("interventions").where("id", .equal, id.rawValue)
            .first(decoding: InterventionRow.self, with: rowDecoder)?.domain()
    }

    func list(of organization: OrganizationID, filter: InterventionFilter, page: PageRequest) async throws -> Page<
        Intervention
    > {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.where("organization_id", .equal, organization.rawValue)
            if let status = filter.status { query = query.where("statut", .equal, status.rawValue) }
            if let priority = filter.priority { query = query.where("priority", .equal, priority.rawValue) }
            if let technicien = filter.technicienID {
                query = query.where("technicien_id", .equal, technicien.rawValue)
            }
            if let equipement = filter.equipementID {
                query = query.where("equipement_id", .equal, equipement.rawValue)
            }
            if let client = filter.clientID { query = query.where("client_id", .equal, client.rawValue) }
            if let from = filter.from { query = query.where("created_at", .greaterThanOrEqual, SQLBind(from)) }
            if let to = filter.to { query = query.where("created_at", .lessThan, SQLBind(to)) }
            return query
        }
        func ordered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            switch filter.sort {
            case .createdAt: query.orderBy("created_at").orderBy("id")
            case .createdAtDescending: query.orderBy("created_at", .descending).orderBy("id")
            case .dueAt: query.orderBy("due_at").orderBy("id")
            case .priority:
                query.orderBy(
                    SQLRaw("CASE priority WHEN 'urgente' THEN 0 WHEN 'haute' THEN 1 WHEN 'normale' THEN 2 ELSE 3 END"),
                    SQLDirection.ascending
                ).orderBy("due_at").orderBy("id")
            }
        }
        let (rows, total) = try await db.page(
            "interventions", page, as: InterventionRow.self, filtered: filtered, ordered: ordered)
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func update(_ intervention: Intervention) async throws {
        let row = InterventionRow(intervention)
        try await db.update("interventions").set("title", to: row.title).set("description", to: row.description)
            .set("priority", to: row.priority).set("equipement_id", to: row.equipementId)
            .set("building_id", to: row.buildingId).set("statut", to: row.statut)
            .set("technicien_id", to: row.technicienId).set("due_at", to: row.dueAt)
            .set("started_at", to: row.startedAt).set("closed_at", to: row.closedAt)
            .set("estimated_minutes", to: row.estimatedMinutes).set("actual_minutes", to: row.actualMinutes)
            .set("parts_cost_cents", to: row.partsCostCents).set("labour_cost_cents", to: row.labourCostCents)
            .set("closing_report", to: row.closingReport).set("cancel_reason", to: row.cancelReason)
            .where("id", .equal, row.id).run()
    }

    func breachedUnnotified(at now: Date) async throws -> [Intervention] {
        try await db.select().columns("*").from("interventions")
            .where("sla_notified", .equal, false).where("due_at", .lessThan, SQLBind(now))
            .where("statut", .in, SQLBind.group(["ouverte", "affectee", "en_cours", "en_attente"]))
            .orderBy("due_at").limit(1_000)
            .all(decoding: InterventionRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func markSLANotified(_ id: InterventionID) async throws {
        try await db.update("interventions").set("sla_notified", to: true).where("id", .equal, id.rawValue).run()
    }

    func kpis(of organization: OrganizationID, from: Date?, to: Date?) async throws -> InterventionKPIs {
        var scope: SQLQueryString = "organization_id = \(bind: organization.rawValue)"
        if let from { scope = scope + " AND created_at >= \(bind: from)" }
        if let to { scope = scope + " AND created_at < \(bind: to)" }
        // Minutes from creation to closing, in each dialect's timestamp arithmetic.
        let repair = SQLQueryString(dialect.minutes(from: "created_at", to: "closed_at"))
        let closed: SQLQueryString = "closed_at IS NOT NULL"
        var byStatus: [String: Int] = [:]
        var byPriority: [String: Int] = [:]
        for row in try await db.raw(
            """
            SELECT statut, priority, COUNT(*) AS n FROM interventions WHERE \(scope) GROUP BY statut, priority
            """
        ).all() {
            let count = try row.decode(column: "n", as: Int.self)
            byStatus[try row.decode(column: "statut", as: String.self), default: 0] += count
            byPriority[try row.decode(column: "priority", as: String.self), default: 0] += count
        }
        let perTechnician = try await db.raw(
            """
            SELECT technicien_id, COUNT(*) AS n,
                CAST(SUM(CASE WHEN \(closed) THEN 1 ELSE 0 END) AS BIGINT) AS closed,
                CAST(SUM(CASE WHEN \(closed) AND closed_at <= due_at THEN 1 ELSE 0 END) AS BIGINT) AS in_time,
                CAST(SUM(CASE WHEN \(closed) THEN \(repair) END) AS DOUBLE PRECISION) AS repair_minutes,
                CAST(SUM(CASE WHEN \(closed) THEN parts_cost_cents + labour_cost_cents ELSE 0 END) AS BIGINT) AS cost
            FROM interventions WHERE \(scope)
            GROUP BY technicien_id
            """
        ).all()
        var technicians: [InterventionKPIs.PerTechnician] = []
        var totals = (closed: 0, inTime: 0, minutes: 0.0, cost: Int64(0))
        for row in perTechnician {
            let closedCount = try row.decode(column: "closed", as: Int?.self) ?? 0
            let minutes = try row.decode(column: "repair_minutes", as: Double?.self) ?? 0
            let cost = try row.decode(column: "cost", as: Int64?.self) ?? 0
            totals.closed += closedCount
            totals.inTime += try row.decode(column: "in_time", as: Int?.self) ?? 0
            totals.minutes += minutes
            totals.cost += cost
            guard let technicien = try row.decode(column: "technicien_id", as: UUID?.self) else { continue }
            technicians.append(
                InterventionKPIs.PerTechnician(
                    technicienID: TechnicienID(technicien), count: try row.decode(column: "n", as: Int.self),
                    closed: closedCount,
                    meanMinutesToRepair: closedCount == 0 ? nil : Int((minutes / Double(closedCount)).rounded()),
                    totalCost: Money(minorUnits: cost)))
        }
        return InterventionKPIs(
            total: byStatus.values.reduce(0, +), byStatus: byStatus, byPriority: byPriority, closed: totals.closed,
            closedWithinSLA: totals.inTime,
            meanMinutesToRepair: totals.closed == 0 ? nil : Int((totals.minutes / Double(totals.closed)).rounded()),
            totalCost: Money(minorUnits: totals.cost),
            technicians: technicians.sorted { $0.technicienID.description < $1.technicienID.description })
    }

    func appendHistory(_ entry: InterventionHistoryEntry, to id: InterventionID) async throws {
        let count = try await db.count(from: "intervention_history", where: "intervention_id", equals: id.rawValue)
        try await db.insert(into: "intervention_history")
            .model(
                InterventionHistoryRow(
                    interventionId: id.rawValue, seq: count + 1, fromStatut: entry.from?.rawValue,
                    toStatut: entry.to.rawValue, at: entry.at, byUser: entry.by?.rawValue, remark: entry.remark),
                nilEncodingStrategy: .asNil
            ).run()
    }

    func history(of id: InterventionID) async throws -> [InterventionHistoryEntry] {
        try await db.select().columns("*").from("intervention_history").where("intervention_id", .equal, id.rawValue)
            .orderBy("seq").all(decoding: InterventionHistoryRow.self, with: rowDecoder)
            .map { row in
                guard let to = Intervention.Status(rawValue: row.toStatut) else {
                    throw CorruptRow(table: "intervention_history", reason: "to_statut \(row.toStatut)")
                }
                return InterventionHistoryEntry(
                    from: row.fromStatut.flatMap(Intervention.Status.init(rawValue:)), to: to, at: row.at,
                    by: row.byUser.map(UserID.init), remark: row.remark)
            }
    }
}
