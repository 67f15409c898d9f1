public import Domain
import Foundation

extension AcceptanceService {
    /// The acceptance's record (procès-verbal de réception) at its current stage: the project and
    /// the works accepted, the day, the remarks, the snag list, the warranties started, and each
    /// signatory's signature with its time, or the line left to sign. Readable by the project's
    /// members.
    public func record(of id: AcceptanceID, as principal: Principal) async throws -> PrintDocument {
        try AccessPolicy.require(.useProjects, by: principal)
        return try await persistence.read {
            (repos: any UsesAcceptances & UsesProjectMembers & UsesProjects & UsesTrades & UsesUsers) in
            let acceptance = try await visible(id, principal, repos)
            let project = try await context.caller(acceptance.projectID, principal, repos).project
            let view = try await view(of: acceptance, repos)
            let trades = try await repos.trades.list(of: project.id)
            func tradeName(_ id: TradeID) -> String { trades.first { $0.id == id }?.name ?? "—" }
            let final = acceptance.stage == .final
            var facts: [[String]] = [
                ["Chantier", "\(project.details.name) (\(project.details.reference))"],
                ["Maître d'ouvrage", project.details.client.name],
                ["Ouvrage réceptionné", view.trade.map { "Lot \($0.name)" } ?? "L'ensemble des travaux"],
                ["Réception provisoire", acceptance.provisionalOn.description],
            ]
            if let address = project.details.address { facts.insert(["Adresse", address], at: 1) }
            if let contractor = view.trade?.contractor { facts.append(["Entreprise", contractor]) }
            if let finalOn = acceptance.finalOn { facts.append(["Réception définitive", finalOn.description]) }
            var blocks: [PrintDocument.Block] = [
                .heading(final ? "Réception définitive" : "Réception provisoire"),
                .table(PrintDocument.Table(headers: ["Rubrique", "Détail"], rows: facts, widths: [1.8, 4.2])),
            ]
            if let remarks = acceptance.remarks { blocks += [.heading("Remarques"), .paragraph(remarks)] }
            blocks.append(.heading("Réserves"))
            if view.snags.isEmpty {
                blocks.append(.paragraph("Réception prononcée sans réserve."))
            } else {
                blocks.append(
                    .table(
                        PrintDocument.Table(
                            headers: ["Réserve", "Lot", "Délai", "État"],
                            rows: view.snags.map {
                                [$0.title, tradeName($0.tradeID), $0.deadline.description, Self.label($0.status)]
                            }, widths: [2.6, 1.2, 1.0, 1.5])))
            }
            if !view.warranties.isEmpty {
                blocks += [
                    .heading("Garanties"),
                    .table(
                        PrintDocument.Table(
                            headers: ["Lot", "Garantie", "Du", "Au"],
                            rows: view.warranties.map {
                                [
                                    tradeName($0.tradeID), Self.label($0.kind), $0.startsOn.description,
                                    $0.endsOn.description,
                                ]
                            }, widths: [2.0, 1.4, 1.2, 1.2])),
                ]
            }
            var signatures: [[String]] = []
            for role in Acceptance.signatories {
                let signed = acceptance.signOffs.first { $0.stage == acceptance.stage && $0.role == role }
                let name = try await signed.asyncMap { try await repos.users.find($0.userID)?.name ?? "—" }
                signatures.append([
                    Self.label(role), name ?? "", signed.map { "Signé le \(PrintDocument.time($0.at))" } ?? "À signer",
                ])
            }
            blocks += [
                .heading("Signatures"),
                .table(PrintDocument.Table(headers: ["Qualité", "Nom", "Signature"], rows: signatures)),
            ]
            return PrintDocument(
                title: final ? "Procès-verbal de réception définitive" : "Procès-verbal de réception provisoire",
                blocks: blocks,
                footer: "\(project.details.reference) — procès-verbal établi le \(CalendarDate(utcDayOf: clock.now()))")
        }
    }

    static func label(_ status: Snag.Status) -> String {
        switch status {
        case .open: "à lever"
        case .fixed: "levée, à vérifier"
        case .verified: "levée et vérifiée"
        }
    }

    static func label(_ role: ProjectRole) -> String {
        switch role {
        case .maitreOuvrage: "Maître d'ouvrage"
        case .architecte: "Architecte"
        case .entrepriseGenerale: "Entreprise générale"
        case .sousTraitant: "Sous-traitant"
        }
    }
}
