public import Domain
import Foundation

extension FundsService {
    /// An owner's statement as a document to print: the owner, each call and payment with the
    /// running balance, and the totals. Readable by whoever may read the statement. The owner's
    /// name is in the PDF only, not in its title: titles are indexed for search and kept with
    /// the organization's documents, where erasure of the owner record would not reach it.
    public func statementPrint(of ownerID: OwnerID, in building: BuildingID?, as principal: Principal) async throws
        -> PrintDocument
    {
        let statement = try await statement(of: ownerID, in: building, as: principal)
        let owner = try await persistence.read { (repos: any UsesOwners) in
            try await TenantScope.owner(ownerID, principal, repos)
        }
        let today = CalendarDate(utcDayOf: clock.now())
        return PrintDocument(
            title: "Décompte du propriétaire au \(today)",
            blocks: [
                .paragraph("Propriétaire : \(owner.name)"),
                .paragraph("Appels de fonds et paiements au \(today), solde après chaque opération."),
                .table(statement.printTable),
                .paragraph(
                    "Total appelé : \(statement.totalCalled.printed). Total payé : \(statement.totalPaid.printed). "
                        + "Solde dû : \(statement.balance.printed)."),
            ],
            footer: "Décompte établi le \(today)")
    }
}

extension OwnerStatement {
    /// Each call and payment with the running balance, as the owner's documents print it.
    var printTable: PrintDocument.Table {
        PrintDocument.Table(
            headers: ["Date", "Libellé", "Appelé", "Payé", "Solde"],
            rows: lines.map { line in
                [
                    line.date.description, line.description, line.debit.minorUnits == 0 ? "" : line.debit.printed,
                    line.credit.minorUnits == 0 ? "" : line.credit.printed, line.balance.printed,
                ]
            }, widths: [1.2, 3.5, 1.3, 1.3, 1.3], rightAligned: [2, 3, 4])
    }
}
