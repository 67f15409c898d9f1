import Domain
import Foundation

extension EtatDateService {
    /// The état daté as the notary reads it: every item of art. 3.94 §1 and, for a notary's
    /// request, §2, with the figures of the books on the reference date.
    static func print(_ etatDate: EtatDate, _ content: EtatDateContent, building: Building, on today: CalendarDate)
        -> PrintDocument
    {
        func table(_ lines: [EtatDateContent.Line], empty: String) -> [PrintDocument.Block] {
            guard !lines.isEmpty else { return [.paragraph(empty)] }
            return [
                .table(
                    PrintDocument.Table(
                        headers: ["Libellé", "Date", "Montant"],
                        rows: lines.map { [$0.description, $0.date?.description ?? "", $0.amount.printed] },
                        widths: [4, 1.5, 1.5], rightAligned: [2]))
            ]
        }
        func manual(_ section: EtatDate.ManualSections.Section) -> [PrintDocument.Block] {
            let items = etatDate.manual.items[section] ?? []
            guard !items.isEmpty else { return [.paragraph("Néant.")] }
            return [
                .table(
                    PrintDocument.Table(
                        headers: ["Libellé", "Montant"],
                        rows: items.map { [$0.description, $0.amount?.printed ?? ""] }, widths: [5, 2],
                        rightAligned: [1]))
            ]
        }
        let requester = [etatDate.requester.name, etatDate.requester.office].compactMap { $0 }.joined(separator: ", ")
        var blocks: [PrintDocument.Block] = [
            .heading("\(building.name) - lot \(content.lotNumber)"),
            .paragraph("Référence : \(etatDate.reference)"),
            .paragraph("Date de référence : \(etatDate.referenceDate)"),
            .paragraph(
                "Demande de \(requester), reçue le \(etatDate.receivedOn), à fournir au plus tard le \(etatDate.dueOn)"),
            .paragraph("Vendeur : \(content.sellers.joined(separator: ", "))"),
            .heading("1. Fonds de roulement et fonds de réserve"),
            .paragraph("Fonds de roulement : \(content.workingFund.printed)"),
            .paragraph("Fonds de réserve : \(content.reserveFund.printed)"),
            .heading("2. Arriérés du vendeur et frais de recouvrement"),
        ]
        blocks += table(content.arrears, empty: "Aucun arriéré.")
        blocks += table(content.collectionCosts, empty: "Aucun frais de rappel.")
        blocks += [
            .paragraph("Frais du présent état daté : \(content.fee.printed)"),
            .paragraph("Total dû par le vendeur : \(content.totalOwed.printed)"),
            .heading("3. Appels au fonds de réserve décidés avant la date de référence"),
        ]
        blocks += table(content.reserveCalls, empty: "Aucun appel au fonds de réserve.")
        blocks += [.heading("4. Procédures judiciaires en cours")]
        blocks += manual(.disputes)
        blocks += [.heading("5. Assemblées générales des trois dernières années et décomptes de charges")]
        blocks +=
            content.assemblies.isEmpty
            ? [.paragraph("Aucune assemblée.")]
            : content.assemblies.map {
                .paragraph(
                    "Assemblée \($0.kind == .ordinary ? "ordinaire" : "extraordinaire") du \($0.date) "
                        + "(procès-verbal joint au dossier de la copropriété)")
            }
        blocks +=
            content.chargeStatements.isEmpty
            ? [.paragraph("Aucun décompte de charges.")]
            : content.chargeStatements.map {
                .paragraph(
                    "Décompte de charges \($0.fiscalYear) : solde \($0.balance.printed)\($0.closed ? "" : " (provisoire)")"
                )
            }
        blocks += [.heading("6. Dernier bilan approuvé")]
        if let sheet = content.balanceSheet {
            blocks += [
                .paragraph("Exercice \(sheet.fiscalYear)"),
                .table(
                    PrintDocument.Table(
                        headers: ["Compte", "Solde"],
                        rows: sheet.accounts.map { [$0.accountCode, $0.balance.printed] }, widths: [3, 2],
                        rightAligned: [1])),
            ]
        } else {
            blocks += [.paragraph("Aucun exercice approuvé.")]
        }
        if etatDate.kind == .notary {
            blocks += [.heading("Article 3.94 §2")]
            blocks += [.paragraph("1° Frais décidés par le syndic avant la date, appelés après :")]
            blocks += manual(.syndicCosts)
            blocks += [.paragraph("2° Appels de fonds approuvés avant la date et appelés après :")]
            blocks += table(content.calledAfter, empty: "Néant.")
            blocks += [.paragraph("Travaux urgents appelés après la date :")]
            blocks += manual(.urgentWorks)
            blocks += [.paragraph("3° Acquisitions de parties communes décidées avant la date :")]
            blocks += manual(.acquisitions)
            blocks += [.paragraph("4° Dettes de l'association nées de litiges antérieurs :")]
            blocks += manual(.disputeDebts)
        }
        return PrintDocument(
            title: "État daté \(etatDate.reference)", blocks: blocks,
            footer: "\(building.name) - état daté \(etatDate.reference) établi le \(today)")
    }
}
