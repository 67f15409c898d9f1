public import Domain
import Foundation

/// An owner's call-for-funds notice, ready to print.
public struct CallNotice: Sendable {
    public let ownerID: OwnerID
    public let print: PrintDocument
    /// Where the notice is emailed when the call is sent (nil: not emailed).
    let email: Email?
    let ownerName: String
    let amount: Money
    let communication: StructuredCommunication?
    let account: IBAN
    let dueDate: CalendarDate

    public var fileName: String { "appel-de-fonds-\(ownerID).pdf" }

    /// The notice as the documents module keeps it: linked to the owner, tagged.
    public var publication: DocumentsService.Publication {
        DocumentsService.Publication(
            print, fileName: fileName, kind: .other, link: EntityLink(type: "owner", id: ownerID.rawValue),
            tags: ["appel-de-fonds"])
    }
}

extension FundsService {
    /// The notices of a sent call, one per owner with something to pay: the building, the
    /// owner's lots with their tantièmes and shares, the amount, the due date, the account to pay
    /// into (the working fund's; the reserve fund's for a call of extraordinary expenses only)
    /// and the structured communication of the owner's contribution. The owner's name is in the
    /// PDF only, not in its title (titles are indexed and kept with the organization's documents).
    public func notices(of id: CallForFundsID, as principal: Principal) async throws -> [CallNotice] {
        try AccessPolicy.require(.manageLedger, by: principal)
        return try await persistence.read {
            (repos: any UsesBuildings & UsesCallsForFunds & UsesLots & UsesOwners & UsesOwnerships) in
            try await notices(of: try await visibleCall(id, principal, repos), principal, repos)
        }
    }

    func notices(
        of call: CallForFunds, _ principal: Principal,
        _ repos: any UsesBuildings & UsesLots & UsesOwners & UsesOwnerships
    ) async throws
        -> [CallNotice]
    {
        guard call.status != .draft else { throw FundsError.notSent }
        guard let building = try await repos.buildings.find(call.buildingID) else {
            throw ApplicationError.notFound(entity: "building", id: call.buildingID.description)
        }
        let reserveOnly = call.ordinary.minorUnits == 0
        let field = reserveOnly ? "reserve_fund_iban" : "working_fund_iban"
        guard let account = reserveOnly ? building.reserveFundAccount : building.workingFundAccount else {
            throw FundsError.noBankAccount(field: field)
        }
        let lots = Dictionary(uniqueKeysWithValues: try await repos.lots.lots(of: building.id).map { ($0.id, $0) })
        let ownerships = try await repos.ownerships.all(in: building.id).filter { $0.isActive(on: call.callDate) }
        var notices: [CallNotice] = []
        for contribution in call.contributions where contribution.amount.minorUnits > 0 {
            let owner = try await TenantScope.owner(contribution.ownerID, principal, repos)
            let held = ownerships.filter { $0.ownerID == contribution.ownerID }
                .compactMap { ownership in lots[ownership.lotID].map { (lot: $0, share: ownership.share) } }
                .sorted { $0.lot.number < $1.lot.number }
            notices.append(
                CallNotice(
                    ownerID: owner.id,
                    print: Self.notice(
                        call: call, building: building, ownerName: owner.name, held: held,
                        contribution: contribution, account: account, reserveOnly: reserveOnly),
                    email: owner.email, ownerName: owner.name, amount: contribution.amount,
                    communication: contribution.communication, account: account, dueDate: call.dueDate))
        }
        return notices
    }

    static func notice(
        call: CallForFunds, building: Building, ownerName: String, held: [(lot: Lot, share: Share)],
        contribution: Contribution, account: IBAN, reserveOnly: Bool
    ) -> PrintDocument {
        let rows = held.map { item in
            [
                item.lot.number, item.lot.kind.rawValue, "\(item.lot.tantiemes) / \(building.totalTantiemes)",
                item.share == .whole ? "100 %" : "\(item.share) (\(item.share.millionths / 10_000) %)",
            ]
        }
        var blocks: [PrintDocument.Block] = [
            .paragraph("Association des copropriétaires \(building.name)"),
            .paragraph("\(building.address), \(building.postalCode) \(building.city)"),
            .paragraph("Propriétaire : \(ownerName)"),
            .paragraph("Appel du \(call.callDate), à payer au plus tard le \(call.dueDate)."),
            .table(
                PrintDocument.Table(
                    headers: ["Lot", "Type", "Tantièmes", "Quote-part"], rows: rows, widths: [1, 1.5, 1.5, 2],
                    rightAligned: [2, 3])),
            .paragraph(
                "Appel total de l'immeuble : \(call.total.printed) (fonds de roulement \(call.ordinary.printed), "
                    + "fonds de réserve \(call.extraordinary.printed))."),
            .heading("Montant à payer : \(contribution.amount.printed)"),
            .paragraph(
                "Compte \(reserveOnly ? "du fonds de réserve" : "du fonds de roulement") : \(account)"),
        ]
        if let communication = contribution.communication {
            blocks.append(.paragraph("Communication structurée : \(communication)"))
        }
        return PrintDocument(
            title: "Appel de fonds : \(call.title)", blocks: blocks,
            footer: "\(building.name) — appel de fonds du \(call.callDate)")
    }
}

/// What sending a call does beyond the ledger: each owner's notice kept as a document and
/// emailed with the notice attached, in the send's transaction (`DocumentMailing`).
public struct CallNoticeMailing: Sendable {
    let mailing: DocumentMailing
    var documents: DocumentsService { mailing.documents }

    public init(documents: DocumentsService, mail: MailDelivery, ids: any IDGenerator, clock: any WallClock) {
        mailing = DocumentMailing(documents: documents, mail: mail, ids: ids, clock: clock)
    }

    /// In the send's transaction: the PDFs rendered and stored, their documents' rows written,
    /// one email per owner with an address queued with their notice.
    func keepAndMail(
        _ notices: [CallNotice], of call: CallForFunds, as principal: Principal, pending: PendingNotices,
        _ repos: any MailedDocumentStores
    ) async throws {
        // The owners are the call's (checked by `notices`); nothing here reads outside the transaction.
        try await mailing.keepAndMail(
            notices.map {
                DocumentMailing.Letter(
                    publication: $0.publication, email: $0.email, subject: "Appel de fonds : \(call.title)",
                    body: Self.body($0, call))
            }, as: principal, pending: pending, repos)
    }

    func sent(_ pending: PendingNotices) async { await mailing.sent(pending) }

    static func body(_ notice: CallNotice, _ call: CallForFunds) -> String {
        var lines = [
            "Bonjour \(notice.ownerName),", "",
            "Vous trouverez ci-joint l'appel de fonds « \(call.title) ».",
            "Montant à payer : \(notice.amount.printed), au plus tard le \(notice.dueDate).",
            "Compte : \(notice.account)",
        ]
        if let communication = notice.communication { lines.append("Communication structurée : \(communication)") }
        return (lines + ["", "Votre syndic"]).joined(separator: "\n")
    }
}
