import Application
import Domain
import Foundation
import Hummingbird

struct EquipementRequest: Decodable {
    let code: String?
    let name: String?
    let category: String?
    let location: String?
    let buildingId: UUID?
    let criticality: String?
    let commissionedOn: String?
    let status: String?

    var input: EquipementInput {
        EquipementInput(
            code: code, name: name, category: category, location: location, buildingID: buildingId,
            criticality: criticality, commissionedOn: commissionedOn, status: status)
    }
}

struct EquipementResponse: ResponseEncodable {
    let id, code, name, criticality, status: String
    let category, location, buildingId, commissionedOn: String?
    let createdAt: Date

    init(_ equipement: Equipement) {
        id = equipement.id.description
        code = equipement.code
        name = equipement.name
        criticality = equipement.criticality.rawValue
        status = equipement.status.rawValue
        category = equipement.category
        location = equipement.location
        buildingId = equipement.buildingID?.description
        commissionedOn = equipement.commissionedOn?.description
        createdAt = equipement.createdAt
    }
}

struct TechnicienRequest: Decodable {
    let userId: UUID?
    let equipe: String?
    let disponibilite: String?
    let hourlyRate: AmountInput?
    let competences: [String]?

    var input: TechnicienInput {
        TechnicienInput(
            userID: userId, equipe: equipe, disponibilite: disponibilite, hourlyRate: hourlyRate?.money,
            competences: competences)
    }
}

struct CompetencesRequest: Decodable {
    let competences: [String]
}

struct TechnicienResponse: ResponseEncodable {
    let id, userId, disponibilite, hourlyRate: String
    let equipe: String?
    let competences: [String]

    init(_ technicien: Technicien) {
        id = technicien.id.description
        userId = technicien.userID.description
        disponibilite = technicien.disponibilite.rawValue
        hourlyRate = technicien.hourlyRate.decimalString
        equipe = technicien.equipe
        competences = technicien.competences
    }
}

struct InterventionRequest: Decodable {
    let title: String?
    let description: String?
    let type: String?
    let priority: String?
    let equipementId: UUID?
    let buildingId: UUID?
    let clientId: UUID?
    let estimatedMinutes: Int?
    let commandeId: UUID?

    var input: InterventionInput {
        InterventionInput(
            title: title, description: description, kind: type, priority: priority, equipementID: equipementId,
            buildingID: buildingId, clientID: clientId, estimatedMinutes: estimatedMinutes, commandeID: commandeId)
    }
}

struct AssignRequest: Decodable { let technicienId: UUID }
struct RemarkRequest: Decodable { let remark: String? }
struct CancelRequest: Decodable { let reason: String? }

struct CloseRequest: Decodable {
    let report: String?
    let actualMinutes: Int?
    let partsCost: AmountInput?
}

struct InterventionResponse: ResponseEncodable {
    let id, title, type, priority, statut: String
    let equipementId, commandeId: String?
    let description, buildingId, clientId, technicienId, closingReport, cancelReason: String?
    let createdAt, dueAt: Date
    let startedAt, closedAt: Date?
    let estimatedMinutes, actualMinutes: Int?
    let partsCost, labourCost, totalCost: String
    let slaBreached: Bool
    let slaRemainingMinutes: Int?
    let allowedNextStates: [String]

    init(_ view: InterventionView) {
        let value = view.intervention
        id = value.id.description
        title = value.title
        type = value.kind.rawValue
        priority = value.priority.rawValue
        statut = value.status.rawValue
        equipementId = value.equipementID?.description
        commandeId = value.commandeID?.description
        description = value.description
        buildingId = value.buildingID?.description
        clientId = value.clientID?.description
        technicienId = value.technicienID?.description
        closingReport = value.closingReport
        cancelReason = value.cancelReason
        createdAt = value.createdAt
        dueAt = value.dueAt
        startedAt = value.startedAt
        closedAt = value.closedAt
        estimatedMinutes = value.estimatedMinutes
        actualMinutes = value.actualMinutes
        partsCost = value.partsCost.decimalString
        labourCost = value.labourCost.decimalString
        totalCost = value.totalCost.decimalString
        slaBreached = view.slaBreached
        slaRemainingMinutes = view.slaRemainingSeconds.map { Int((Double($0) / 60).rounded(.down)) }
        allowedNextStates = value.allowedActions.map(\.to.rawValue)
    }
}

struct HistoryResponse: ResponseEncodable {
    struct Entry: Encodable {
        let from: String?
        let to: String
        let at: Date
        let byUserId: String?
        let remark: String?
    }

    let data: [Entry]
}

struct PlanRequest: Decodable {
    struct FrequencyBody: Decodable {
        let every: Int?
        let unit: String?
    }

    let equipementId: UUID?
    let title: String?
    let frequency: FrequencyBody?
    let nextDate: String?
    let checklist: [String]?

    var input: PlanInput {
        PlanInput(
            equipementID: equipementId, title: title, every: frequency?.every, unit: frequency?.unit,
            nextDate: nextDate, checklist: checklist)
    }
}

struct PlanResponse: ResponseEncodable {
    struct FrequencyBody: Encodable {
        let every: Int
        let unit: String
    }

    let id, equipementId, title, nextDate: String
    let lastDate: String?
    let frequency: FrequencyBody
    let checklist: [String]
    let skippedDates: [String]?

    init(_ plan: PreventivePlan, skipped: [CalendarDate]? = nil) {
        id = plan.id.description
        equipementId = plan.equipementID.description
        title = plan.title
        nextDate = plan.nextDate.description
        lastDate = plan.lastDate?.description
        frequency = FrequencyBody(every: plan.frequency.every, unit: plan.frequency.unit.rawValue)
        checklist = plan.checklist
        skippedDates = skipped?.map(\.description)
    }
}

struct SLABody: Codable, ResponseEncodable {
    let urgenteMinutes: Int
    let hauteMinutes: Int
    let normaleMinutes: Int
    let basseMinutes: Int

    init(_ policy: SLAPolicy) {
        urgenteMinutes = policy.minutes(for: .urgente)
        hauteMinutes = policy.minutes(for: .haute)
        normaleMinutes = policy.minutes(for: .normale)
        basseMinutes = policy.minutes(for: .basse)
    }

    var minutes: [Intervention.Priority: Int] {
        [.urgente: urgenteMinutes, .haute: hauteMinutes, .normale: normaleMinutes, .basse: basseMinutes]
    }
}

struct KPIResponse: ResponseEncodable {
    struct Technician: Encodable {
        let technicienId: String
        let count, closed: Int
        let meanMinutesToRepair: Int?
        let totalCost: String
    }

    let total: Int
    let byStatus: [String: Int]
    let byPriority: [String: Int]
    let closed: Int
    let closedWithinSla: Int
    let slaCompliancePercent: String?
    let meanMinutesToRepair: Int?
    let totalCost: String
    let averageCost: String?
    let technicians: [Technician]

    init(_ kpis: InterventionKPIs) {
        total = kpis.total
        byStatus = kpis.byStatus
        byPriority = kpis.byPriority
        closed = kpis.closed
        closedWithinSla = kpis.closedWithinSLA
        slaCompliancePercent = kpis.slaCompliance?.description
        meanMinutesToRepair = kpis.meanMinutesToRepair
        totalCost = kpis.totalCost.decimalString
        averageCost = kpis.averageCost?.decimalString
        technicians = kpis.technicians.map {
            Technician(
                technicienId: $0.technicienID.description, count: $0.count, closed: $0.closed,
                meanMinutesToRepair: $0.meanMinutesToRepair, totalCost: $0.totalCost.decimalString)
        }
    }
}

/// `/api/v1/equipements`, `/techniciens`, `/interventions` and the interventions' lifecycle.
struct MaintenanceRoutes {
    let service: MaintenanceService
    /// Where the intervention report's PDF is kept.
    let documents: DocumentsService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        addEquipementRoutes(to: group)
        addTechnicienRoutes(to: group)
        addInterventionRoutes(to: group)
        addLifecycleRoutes(to: group)
        addPlanningRoutes(to: group)
    }

    private func addPlanningRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.post("plannings") { request, context in
            let body = try await request.decodeJSON(PlanRequest.self, context: context)
            guard body.equipementId != nil else { throw RequestError.missingField("equipement_id") }
            guard body.frequency != nil else { throw RequestError.missingField("frequency") }
            guard body.nextDate != nil else { throw RequestError.missingField("next_date") }
            return EditedResponse(
                status: .created,
                response: PlanResponse(try await service.createPlan(body.input, as: context.principal)))
        }
        group.get("plannings") { request, context in
            ListResponse(
                try await service.plans(page: try request.pageRequest(), as: context.principal), { PlanResponse($0) })
        }
        group.get("plannings/{id}") { _, context in
            let (plan, skipped) = try await service.plan(
                try context.parameters.id(as: PreventivePlanID.self, entity: "planning"), as: context.principal)
            return PlanResponse(plan, skipped: skipped)
        }
        group.patch("plannings/{id}") { request, context in
            let id = try context.parameters.id(as: PreventivePlanID.self, entity: "planning")
            let body = try await request.decodeJSON(PlanRequest.self, context: context)
            return PlanResponse(try await service.updatePlan(id, body.input, as: context.principal))
        }
        group.delete("plannings/{id}") { _, context in
            try await service.deletePlan(
                try context.parameters.id(as: PreventivePlanID.self, entity: "planning"), as: context.principal)
            return HTTPResponse.Status.noContent
        }
        group.get("sla-settings") { _, context in SLABody(try await service.slaPolicy(as: context.principal)) }
        group.put("sla-settings") { request, context in
            let body = try await request.decodeJSON(SLABody.self, context: context)
            return SLABody(try await service.setSLAPolicy(body.minutes, as: context.principal))
        }
        group.get("interventions/kpis") { request, context in
            KPIResponse(
                try await service.kpis(
                    from: try request.dayQuery("from"),
                    to: try request.dayQuery("to", throughEndOfDay: true),
                    as: context.principal))
        }
    }

    private func addEquipementRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.post("equipements") { request, context in
            let body = try await request.decodeJSON(EquipementRequest.self, context: context)
            guard body.code != nil else { throw RequestError.missingField("code") }
            guard body.name != nil else { throw RequestError.missingField("name") }
            return EditedResponse(
                status: .created,
                response: EquipementResponse(try await service.createEquipement(body.input, as: context.principal)))
        }
        group.get("equipements") { request, context in
            ListResponse(
                try await service.equipements(page: try request.pageRequest(), as: context.principal),
                EquipementResponse.init)
        }
        group.get("equipements/{id}") { _, context in
            EquipementResponse(
                try await service.equipement(
                    try context.parameters.id(as: EquipementID.self, entity: "equipement"), as: context.principal))
        }
        group.patch("equipements/{id}") { request, context in
            let id = try context.parameters.id(as: EquipementID.self, entity: "equipement")
            let body = try await request.decodeJSON(EquipementRequest.self, context: context)
            return EquipementResponse(try await service.updateEquipement(id, body.input, as: context.principal))
        }
        group.delete("equipements/{id}") { _, context in
            try await service.deleteEquipement(
                try context.parameters.id(as: EquipementID.self, entity: "equipement"), as: context.principal)
            return HTTPResponse.Status.noContent
        }
    }

    private func addTechnicienRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.post("techniciens") { request, context in
            let body = try await request.decodeJSON(TechnicienRequest.self, context: context)
            guard body.userId != nil else { throw RequestError.missingField("user_id") }
            return EditedResponse(
                status: .created,
                response: TechnicienResponse(try await service.createTechnicien(body.input, as: context.principal)))
        }
        group.get("techniciens") { request, context in
            let parameters = request.uri.queryParameters
            let available: Bool? =
                switch parameters.get("disponible") {
                case nil: nil
                case "true": true
                case "false": false
                default: throw RequestError.invalidParameter(name: "disponible", reason: "must be true or false")
                }
            return ListResponse(
                try await service.techniciens(
                    filter: TechnicienFilter(competence: parameters.get("competence"), disponible: available),
                    page: try request.pageRequest(), as: context.principal),
                TechnicienResponse.init)
        }
        group.get("techniciens/{id}") { _, context in
            TechnicienResponse(
                try await service.technicien(
                    try context.parameters.id(as: TechnicienID.self, entity: "technicien"), as: context.principal))
        }
        group.patch("techniciens/{id}") { request, context in
            let id = try context.parameters.id(as: TechnicienID.self, entity: "technicien")
            let body = try await request.decodeJSON(TechnicienRequest.self, context: context)
            return TechnicienResponse(try await service.updateTechnicien(id, body.input, as: context.principal))
        }
        group.put("techniciens/{id}/competences") { request, context in
            let id = try context.parameters.id(as: TechnicienID.self, entity: "technicien")
            let body = try await request.decodeJSON(CompetencesRequest.self, context: context)
            return TechnicienResponse(
                try await service.updateTechnicien(
                    id, TechnicienInput(competences: body.competences), as: context.principal))
        }
    }

    private func addInterventionRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.post("interventions") { request, context in
            let body = try await request.decodeJSON(InterventionRequest.self, context: context)
            guard body.title != nil else { throw RequestError.missingField("title") }
            if body.type != Intervention.Kind.priseEnCharge.rawValue, body.equipementId == nil {
                throw RequestError.missingField("equipement_id")
            }
            return EditedResponse(
                status: .created,
                response: InterventionResponse(
                    try await service.createIntervention(body.input, as: context.principal)))
        }
        group.get("interventions") { request, context in
            ListResponse(
                try await service.interventions(
                    filter: try request.interventionFilter(), page: try request.pageRequest(),
                    as: context.principal),
                InterventionResponse.init)
        }
        group.get("interventions/{id}") { _, context in
            InterventionResponse(
                try await service.intervention(
                    try context.parameters.id(as: InterventionID.self, entity: "intervention"),
                    as: context.principal))
        }
        group.patch("interventions/{id}") { request, context in
            let id = try context.parameters.id(as: InterventionID.self, entity: "intervention")
            let body = try await request.decodeJSON(InterventionRequest.self, context: context)
            return InterventionResponse(try await service.editIntervention(id, body.input, as: context.principal))
        }
        // The closed intervention's report as a PDF, kept as a document linked to it.
        group.post("interventions/{id}/report") { _, context in
            let id = try context.parameters.id(as: InterventionID.self, entity: "intervention")
            let views = try await documents.publish(
                [try await service.report(of: id, as: context.principal)], as: context.principal)
            return EditedResponse(status: .created, response: DocumentResponse(views[0]))
        }
        group.get("interventions/{id}/history") { _, context in
            let entries = try await service.history(
                of: try context.parameters.id(as: InterventionID.self, entity: "intervention"), as: context.principal)
            return HistoryResponse(
                data: entries.map {
                    HistoryResponse.Entry(
                        from: $0.from?.rawValue, to: $0.to.rawValue, at: $0.at, byUserId: $0.by?.description,
                        remark: $0.remark)
                })
        }
    }

    private func addLifecycleRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.post("interventions/{id}/assign") { request, context in
            let id = try context.parameters.id(as: InterventionID.self, entity: "intervention")
            let body = try await request.decodeJSON(AssignRequest.self, context: context)
            return InterventionResponse(
                try await service.assign(id, to: TechnicienID(body.technicienId), as: context.principal))
        }
        for action in [Intervention.Action.start, .pause, .resume] {
            group.post("interventions/{id}/\(action.rawValue)") { request, context in
                let id = try context.parameters.id(as: InterventionID.self, entity: "intervention")
                let body = try await request.decodeOptionalJSON(RemarkRequest.self, context: context)
                return InterventionResponse(
                    try await service.work(action, on: id, remark: body?.remark, as: context.principal))
            }
        }
        group.post("interventions/{id}/close") { request, context in
            let id = try context.parameters.id(as: InterventionID.self, entity: "intervention")
            let body = try await request.decodeJSON(CloseRequest.self, context: context)
            return InterventionResponse(
                try await service.close(
                    id,
                    CloseInput(
                        report: body.report, actualMinutes: body.actualMinutes, partsCost: body.partsCost?.money),
                    as: context.principal))
        }
        group.post("interventions/{id}/archive") { _, context in
            InterventionResponse(
                try await service.archive(
                    try context.parameters.id(as: InterventionID.self, entity: "intervention"),
                    as: context.principal))
        }
        group.post("interventions/{id}/cancel") { request, context in
            let id = try context.parameters.id(as: InterventionID.self, entity: "intervention")
            let body = try await request.decodeOptionalJSON(CancelRequest.self, context: context)
            return InterventionResponse(try await service.cancel(id, reason: body?.reason, as: context.principal))
        }
    }
}

extension Request {
    /// `?statut=&priorite=&technicien_id=&equipement_id=&from=&to=&sort=`; dates are calendar
    /// days (UTC), `to` included.
    func interventionFilter() throws -> InterventionFilter {
        InterventionFilter(
            status: try enumQuery("statut", as: Intervention.Status.self),
            priority: try enumQuery("priorite", as: Intervention.Priority.self),
            technicienID: try idQuery("technicien_id", as: TechnicienID.self),
            equipementID: try idQuery("equipement_id", as: EquipementID.self),
            from: try dayQuery("from"), to: try dayQuery("to", throughEndOfDay: true),
            sort: try enumQuery("sort", as: InterventionFilter.Sort.self) ?? .createdAtDescending)
    }

    /// A `YYYY-MM-DD` query parameter as the start of that day in UTC, or, for an upper bound
    /// that includes the day, the start of the next one.
    func dayQuery(_ name: String, throughEndOfDay: Bool = false) throws -> Date? {
        guard let raw = uri.queryParameters.get(name) else { return nil }
        guard let day = try? CalendarDate(parsing: String(raw)) else {
            throw RequestError.invalidParameter(name: name, reason: "must be a date YYYY-MM-DD")
        }
        return day.startOfDayUTC.addingTimeInterval(throughEndOfDay ? 86_400 : 0)
    }
}
