public import Domain
import Foundation

extension MaintenanceService {
    /// The report as a document to publish: a PDF linked to the intervention, tagged
    /// `rapport-intervention`.
    public func report(of id: InterventionID, as principal: Principal) async throws -> DocumentsService.Publication {
        // Kept as a document: whoever may not add documents is refused before anything is read.
        try AccessPolicy.require(.manageDocuments, by: principal)
        return DocumentsService.Publication(
            try await reportPrint(of: id, as: principal), fileName: "rapport-intervention-\(id).pdf", kind: .other,
            link: EntityLink(type: "intervention", id: id.rawValue), tags: ["rapport-intervention"])
    }

    /// A closed intervention's report, to print and keep with the intervention: what was worked
    /// on, by whom, each step of its life, the time spent, the costs, and the technician's
    /// closing report. Readable by whoever may see the intervention; an intervention that is
    /// not closed (or archived) has no report yet.
    public func reportPrint(of id: InterventionID, as principal: Principal) async throws -> PrintDocument {
        try AccessPolicy.require(.readMaintenance, by: principal)
        return try await persistence.read {
            (repos: any UsesBuildings & UsesEquipements & UsesInterventions & UsesTechniciens & UsesUsers) in
            let intervention = try await visibleIntervention(id, principal, repos)
            guard intervention.status == .cloturee || intervention.status == .archivee else {
                throw InterventionError.notClosed(status: intervention.status)
            }
            var names: [UserID: String] = [:]
            func name(_ user: UserID?) async throws -> String {
                guard let user else { return "Gestio" }
                if let known = names[user] { return known }
                let found = try await repos.users.find(user)?.name ?? "—"
                names[user] = found
                return found
            }
            var facts: [[String]] = [
                ["Type", Self.label(intervention.kind)], ["Priorité", intervention.priority.rawValue],
                ["Statut", Self.label(intervention.status)],
            ]
            if let id = intervention.equipementID, let equipement = try await repos.equipements.find(id) {
                facts.append(["Équipement", "\(equipement.code) — \(equipement.name)"])
                if let location = equipement.location { facts.append(["Emplacement", location]) }
            }
            if let id = intervention.buildingID, let building = try await repos.buildings.find(id) {
                facts.append(["Immeuble", "\(building.name), \(building.address)"])
            }
            if let id = intervention.technicienID, let technicien = try await repos.techniciens.find(id) {
                facts.append(["Technicien", try await name(technicien.userID)])
            }
            facts.append(["Demandée le", PrintDocument.time(intervention.createdAt)])
            facts.append(["À clôturer avant", PrintDocument.time(intervention.dueAt)])
            if let started = intervention.startedAt { facts.append(["Commencée le", PrintDocument.time(started)]) }
            if let closed = intervention.closedAt { facts.append(["Clôturée le", PrintDocument.time(closed)]) }
            facts.append(["Durée estimée", intervention.estimatedMinutes.map(Self.duration) ?? "—"])
            facts.append(["Durée réelle", intervention.actualMinutes.map(Self.duration) ?? "—"])

            var steps: [[String]] = []
            for entry in try await repos.interventions.history(of: id) {
                steps.append([
                    PrintDocument.time(entry.at), entry.from.map(Self.label) ?? "—", Self.label(entry.to),
                    try await name(entry.by), entry.remark ?? "",
                ])
            }
            let total = try intervention.partsCost + intervention.labourCost
            var blocks: [PrintDocument.Block] = [
                .heading(intervention.title),
                .table(PrintDocument.Table(headers: ["Rubrique", "Détail"], rows: facts, widths: [1.5, 4.5])),
            ]
            if let description = intervention.description {
                blocks += [.heading("Demande"), .paragraph(description)]
            }
            blocks += [
                .heading("Compte rendu"), .paragraph(intervention.closingReport ?? "Aucun compte rendu."),
                .heading("Coûts"),
                .table(
                    PrintDocument.Table(
                        headers: ["Poste", "Montant"],
                        rows: [
                            ["Pièces", intervention.partsCost.printed],
                            ["Main-d'œuvre", intervention.labourCost.printed],
                            ["Total", total.printed],
                        ], widths: [4, 2], rightAligned: [1])),
                .heading("Étapes"),
                .table(
                    PrintDocument.Table(
                        headers: ["Date", "De", "Vers", "Par", "Remarque"], rows: steps,
                        widths: [2.0, 1.1, 1.1, 1.2, 2.6])),
            ]
            return PrintDocument(
                title: "Rapport d'intervention",
                blocks: blocks,
                footer: "Rapport d'intervention établi le \(CalendarDate(utcDayOf: clock.now()))")
        }
    }

    static func label(_ kind: Intervention.Kind) -> String {
        switch kind {
        case .corrective: "corrective"
        case .preventive: "préventive"
        case .priseEnCharge: "prise en charge d'une course"
        }
    }

    static func label(_ status: Intervention.Status) -> String {
        switch status {
        case .ouverte: "ouverte"
        case .affectee: "affectée"
        case .enCours: "en cours"
        case .enAttente: "en attente"
        case .cloturee: "clôturée"
        case .archivee: "archivée"
        case .annulee: "annulée"
        }
    }

    /// `1 h 30 min`, `45 min`.
    static func duration(_ minutes: Int) -> String {
        minutes < 60 ? "\(minutes) min" : "\(minutes / 60) h" + (minutes % 60 == 0 ? "" : " \(minutes % 60) min")
    }
}
