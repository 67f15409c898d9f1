public import Domain
import Foundation

extension GovernanceService {
    /// The minutes (procès-verbal) drawn from the assembly: attendance, the quorum with its
    /// figures, each resolution with its majority, result and weighted counts, and the names of
    /// those who voted against or abstained (art. 3.87 §10); then who signed. Readable by the
    /// syndic's staff and by the building's owners once the assembly is closed.
    public func minutes(of id: AssemblyID, as principal: Principal) async throws -> PrintDocument {
        try AccessPolicy.require(.readGovernance, by: principal)
        return try await persistence.read {
            (repos: any UsesAssemblies & UsesBuildings & UsesOwners & UsesOwnerships & UsesResolutions) in
            let assembly = try await visibleAssembly(id, principal, repos)
            let building = try await readableBuilding(assembly.buildingID, principal, repos)
            guard [.closed, .minutesSigned].contains(assembly.status) else {
                throw GovernanceError.minutesNotReady(assembly.status)
            }
            let detail = try await detail(of: assembly, repos)
            var votes: [ResolutionID: [Vote]] = [:]
            for resolution in detail.resolutions {
                votes[resolution.id] = try await repos.resolutions.votes(on: resolution.id)
            }
            return Self.minutesPrint(detail, building: building, votes: votes)
        }
    }

    static func minutesPrint(_ detail: AssemblyDetail, building: Building, votes: [ResolutionID: [Vote]])
        -> PrintDocument
    {
        let assembly = detail.assembly
        let kind = assembly.kind == .ordinary ? "ordinaire" : "extraordinaire"
        var blocks: [PrintDocument.Block] = [
            .paragraph("\(building.name), \(building.address), \(building.postalCode) \(building.city)"),
            .paragraph(
                "Assemblée générale \(kind) du \(assembly.date) à \(assembly.startTime), "
                    + (assembly.place.map { "lieu : \($0)" } ?? "par vidéoconférence")
                    + (assembly.secondOf != nil ? " (seconde convocation, art. 3.87 §5)" : "")),
            .paragraph("Président : \(assembly.chair ?? "-") · Secrétaire : \(assembly.secretary ?? "-")"),
            .heading("Présences"),
            .table(
                PrintDocument.Table(
                    headers: ["Propriétaire", "Lots", "Quotes-parts", "Présence", "Mandataire"],
                    rows: detail.voters.map { entry in
                        [
                            entry.voter.name, entry.voter.lots.joined(separator: ", "), "\(entry.voter.weight)",
                            Self.frenchAttendance(entry.attendance),
                            detail.proxies.first { $0.principal == entry.voter.ownerID }?.holderName ?? "",
                        ]
                    }, widths: [0.3, 0.15, 0.15, 0.15, 0.25], rightAligned: [2])),
        ]
        if !detail.suspendedLots.isEmpty {
            blocks.append(
                .paragraph(
                    "Droit de vote suspendu faute de mandataire commun (art. 3.87 §1) : lots "
                        + detail.suspendedLots.joined(separator: ", ")))
        }
        if let quorum = assembly.quorum {
            let verdict =
                switch quorum.rule {
                case .headsAndShares?:
                    "atteint (plus de la moitié des propriétaires, au moins la moitié des quotes-parts)"
                case .threeQuartersOfShares?: "atteint (plus des trois quarts des quotes-parts)"
                case .secondConvocation?: "sans objet : seconde assemblée, qui délibère quel que soit le nombre"
                case nil: "non atteint : l'assemblée ne peut délibérer ; une seconde assemblée sera convoquée"
                }
            blocks.append(.heading("Quorum"))
            blocks.append(
                .paragraph(
                    "Présents ou représentés : \(quorum.headsPresent) propriétaires sur \(quorum.headsTotal), "
                        + "\(quorum.sharesPresent) quotes-parts sur \(quorum.sharesTotal). Quorum \(verdict)."))
        }
        for item in detail.agenda {
            blocks.append(.heading("\(item.position). \(item.title)"))
            if let explanation = item.explanation { blocks.append(.paragraph(explanation)) }
            blocks.append(
                .paragraph(
                    "Majorité requise : \(Self.frenchMajority(item.majority)) (\(item.decisionType.legalBasis))"
                        + (item.majorityReason.map { ", motif : \($0)" } ?? "")))
            for resolution in detail.resolutions where resolution.agendaItemID == item.id {
                blocks.append(.paragraph("Résolution : \(resolution.text)"))
                guard let tally = resolution.tally else {
                    blocks.append(.paragraph("Vote non clôturé."))
                    continue
                }
                let names = Dictionary(uniqueKeysWithValues: detail.voters.map { ($0.voter.ownerID, $0.voter.name) })
                let cast = votes[resolution.id] ?? []
                func who(_ ballot: Ballot) -> String {
                    let list = cast.filter { $0.ballot == ballot }.map { names[$0.voter] ?? "?" }.sorted()
                    return list.isEmpty ? "personne" : list.joined(separator: ", ")
                }
                blocks.append(
                    .paragraph(
                        "\(tally.adopted ? "ADOPTÉE" : "REJETÉE") — pour \(tally.yes) (\(tally.yesHeads)), "
                            + "contre \(tally.no) (\(tally.noHeads)), abstentions \(tally.abstain) "
                            + "(\(tally.abstainHeads)) ; base \(tally.base) quotes-parts."))
                if tally.totalCut > 0 {
                    let cuts = tally.cuts.map { "\(names[$0.key] ?? "?") −\($0.value)" }.sorted()
                    blocks.append(.paragraph("Réduction des voix (art. 3.87 §7) : \(cuts.joined(separator: ", "))."))
                }
                if !resolution.excluded.isEmpty {
                    let excluded = resolution.excluded.map { names[$0] ?? "?" }.sorted()
                    blocks.append(
                        .paragraph(
                            "Exclus du vote pour conflit d'intérêts (art. 3.87 §9) : \(excluded.joined(separator: ", "))."
                        ))
                }
                blocks.append(.paragraph("Ont voté contre : \(who(.no)). Se sont abstenus : \(who(.abstain))."))
            }
        }
        blocks.append(.heading("Signatures"))
        blocks.append(
            .paragraph(
                assembly.minutesSignedBy.isEmpty
                    ? "Procès-verbal non encore signé."
                    : "Signé par \(assembly.minutesSignedBy.joined(separator: ", "))."))
        return PrintDocument(
            title: "Procès-verbal de l'assemblée générale \(kind) du \(assembly.date)", blocks: blocks,
            footer: "\(building.name) · PV AG \(assembly.date)")
    }

    static func frenchAttendance(_ attendance: Attendance) -> String {
        switch attendance {
        case .present: "présent"
        case .represented: "représenté"
        case .absent: "absent"
        case .remote: "présent (à distance)"
        }
    }

    static func frenchMajority(_ majority: Majority) -> String {
        switch majority {
        case .absolute: "majorité absolue"
        case .twoThirds: "deux tiers"
        case .fourFifths: "quatre cinquièmes"
        case .unanimity: "unanimité de tous les propriétaires"
        }
    }
}

extension GovernanceService {
    /// One person's convocation: the place, day and time, their lots and votes, the agenda with
    /// each point's majority, how to consult the documents, and how to be represented.
    static func convocationPrint(
        _ assembly: GeneralAssembly, building: Building, agenda: [AgendaItem], to recipient: Convocation.Recipient
    ) -> PrintDocument {
        let kind = assembly.kind == .ordinary ? "ordinaire" : "extraordinaire"
        var blocks: [PrintDocument.Block] = [
            .paragraph("\(building.name), \(building.address), \(building.postalCode) \(building.city)"),
            .paragraph("À l'attention de \(recipient.name)"),
            .paragraph(
                "Vous êtes convoqué(e) à l'assemblée générale \(kind) des copropriétaires, le \(assembly.date) à "
                    + "\(assembly.startTime), "
                    + [assembly.place.map { "lieu : \($0)" }, assembly.videoLink.map { "en ligne : \($0)" }]
                    .compactMap { $0 }.joined(separator: ", ") + "."),
            .paragraph(
                "Vos lots : \(recipient.lots.joined(separator: ", ")), soit \(recipient.weight) quotes-parts "
                    + "(vos voix à l'assemblée)."),
        ]
        if assembly.secondOf != nil {
            blocks.append(
                .paragraph(
                    "Seconde assemblée après une première sans quorum : elle délibère quel que soit le nombre de "
                        + "présents (art. 3.87 §5)."))
        }
        if let reason = assembly.urgentReason {
            blocks.append(.paragraph("Convocation d'urgence : \(reason)"))
        }
        blocks += [
            .heading("Ordre du jour"),
            .table(
                PrintDocument.Table(
                    headers: ["Point", "Objet", "Majorité requise"],
                    rows: agenda.map { ["\($0.position)", $0.title, frenchMajority($0.majority)] },
                    widths: [0.1, 0.6, 0.3])),
            .paragraph(
                "Aucune décision ne peut être prise sur un point qui ne figure pas à l'ordre du jour. Les documents "
                    + "relatifs aux points peuvent être consultés auprès du syndic."),
            .paragraph(
                "Vous pouvez vous faire représenter par un mandataire muni d'une procuration écrite, valable pour "
                    + "cette assemblée. Nul ne peut accepter plus de trois procurations, sauf si ses voix et celles "
                    + "de ses mandants ne dépassent pas 10 % du total ; le syndic ne peut être mandataire "
                    + "(art. 3.87 §7)."),
        ]
        return PrintDocument(
            title: "Convocation à l'assemblée générale \(kind) du \(assembly.date)", blocks: blocks,
            footer: "\(building.name) · convocation AG \(assembly.date)")
    }

    static func convocationBody(_ assembly: GeneralAssembly, building: Building, to recipient: Convocation.Recipient)
        -> String
    {
        [
            "Bonjour \(recipient.name),", "",
            "Vous trouverez ci-joint la convocation à l'assemblée générale de \(building.name), le \(assembly.date) "
                + "à \(assembly.startTime).",
            "Vous recevez cette convocation par e-mail à votre demande.", "", "Votre syndic",
        ].joined(separator: "\n")
    }
}
