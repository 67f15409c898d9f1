public import Domain
import Foundation

/// A written decision with its roll and the answers received so far.
public struct WrittenDecisionDetail: Sendable {
    public struct Voter: Sendable {
        public let voter: AssemblyRoll.Voter
        /// `nil` while the owner has not answered.
        public let agrees: Bool?
    }

    public let decision: WrittenDecision
    public let voters: [Voter]
    public let suspendedLots: [String]
}

extension GovernanceService {
    /// Sends a proposal to every owner of the building, to be decided in writing (art. 3.87 §4).
    /// The owners entitled to answer are frozen now, as for a convocation.
    public func proposeWrittenDecision(
        in buildingID: BuildingID, title: String, text: String, dueOn rawDue: String, as principal: Principal
    ) async throws -> WrittenDecisionDetail {
        try AccessPolicy.require(.manageGovernance, by: principal)
        return try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesLotRepresentatives & UsesLots & UsesOwners & UsesOwnerships
                    & UsesWrittenDecisions
            ) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            let dueOn = try CalendarDate(parsing: rawDue, field: "dueOn")
            try WrittenDecision.checkDue(dueOn, today: today)
            let decision = try WrittenDecision(
                id: WrittenDecisionID(ids.make()), organizationID: principal.organizationID, buildingID: buildingID,
                title: title, text: text, dueOn: dueOn, createdAt: clock.now())
            let (roll, owners) = try await currentRoll(of: buildingID, on: today, repos)
            guard !roll.lots.isEmpty else {
                throw DomainError.invalidValue(field: "building", reason: "has no lots: there is nobody to ask")
            }
            try await repos.writtenDecisions.insert(decision)
            try await repos.writtenDecisions.saveRoll(roll, names: owners.mapValues(\.name), of: decision.id)
            try await trail.record(
                "written_decision.proposed", entity: "written_decision", id: decision.id.description,
                payload: ["building": buildingID.description], by: principal, organization: principal.organizationID,
                repos)
            return try await writtenDetail(of: decision, repos)
        }
    }

    public func writtenDecisions(of buildingID: BuildingID, page: PageRequest, as principal: Principal) async throws
        -> Page<WrittenDecision>
    {
        try AccessPolicy.require(.readGovernance, by: principal)
        return try await persistence.read {
            (repos: any UsesBuildings & UsesOwners & UsesOwnerships & UsesWrittenDecisions) in
            _ = try await readableBuilding(buildingID, principal, repos)
            return try await repos.writtenDecisions.list(of: buildingID, page: page)
        }
    }

    public func writtenDecision(_ id: WrittenDecisionID, as principal: Principal) async throws -> WrittenDecisionDetail
    {
        try AccessPolicy.require(.readGovernance, by: principal)
        return try await persistence.read {
            (repos: any UsesBuildings & UsesOwners & UsesOwnerships & UsesWrittenDecisions) in
            let decision = try await visibleWrittenDecision(id, principal, repos)
            _ = try await readableBuilding(decision.buildingID, principal, repos)
            return try await writtenDetail(of: decision, repos)
        }
    }

    /// Records an owner's written answer: entered by the syndic from the letter received, or
    /// given by the owner from their account. A no fails the decision at once; the last yes
    /// adopts it and enters it in the register.
    public func answer(
        _ id: WrittenDecisionID, agrees: Bool, for owner: OwnerID?, as principal: Principal
    ) async throws -> WrittenDecisionDetail {
        let staff = AccessPolicy.allows(principal, .manageGovernance)
        if !staff { try AccessPolicy.require(.castVote, by: principal) }
        return try await persistence.write { (repos: any UsesAudit & UsesRegister & UsesWrittenDecisions) in
            try await repos.writtenDecisions.lock(id)
            var decision = try await visibleWrittenDecision(id, principal, repos)
            let voter: OwnerID
            if staff {
                guard let owner else { throw DomainError.invalidValue(field: "ownerId", reason: "is required") }
                voter = owner
            } else {
                let own = try await repos.writtenDecisions.voters(linkedTo: principal.userID, in: id)
                guard let chosen = owner ?? (own.count == 1 ? own[0] : nil) else {
                    throw own.isEmpty
                        ? ApplicationError.permissionDenied(.castVote)
                        : DomainError.invalidValue(field: "ownerId", reason: "is required: you answer for several")
                }
                guard own.contains(chosen) else { throw ApplicationError.permissionDenied(.castVote) }
                voter = chosen
            }
            guard decision.status == .open else { throw GovernanceError.writtenDecisionConcluded(decision.status) }
            let roll = try await repos.writtenDecisions.roll(of: id)
            guard roll.weights[voter] != nil else { throw GovernanceError.notEntitled(voter) }
            try await repos.writtenDecisions.insert(
                WrittenAnswer(owner: voter, agrees: agrees, recordedBy: principal.userID, recordedAt: clock.now()),
                to: id)
            let answers = Dictionary(
                try await repos.writtenDecisions.answers(of: id).map { ($0.owner, $0.agrees) }
            ) { first, _ in first }
            try decision.record(roll: roll, answers: answers, at: clock.now())
            try await conclude(decision, principal, repos)
            return try await writtenDetail(of: decision, repos)
        }
    }

    /// Ends the answer period: a decision still waiting for an answer fails.
    public func closeWrittenDecision(_ id: WrittenDecisionID, as principal: Principal) async throws
        -> WrittenDecisionDetail
    {
        try AccessPolicy.require(.manageGovernance, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesRegister & UsesWrittenDecisions) in
            try await repos.writtenDecisions.lock(id)
            var decision = try await visibleWrittenDecision(id, principal, repos)
            try decision.close(at: clock.now())
            try await conclude(decision, principal, repos)
            return try await writtenDetail(of: decision, repos)
        }
    }

    /// Stores the decision; once adopted or failed, it enters the register (unanimity of all
    /// owners, art. 3.87 §4).
    func conclude(
        _ decision: WrittenDecision, _ principal: Principal,
        _ repos: any UsesAudit & UsesRegister & UsesWrittenDecisions
    ) async throws {
        try await repos.writtenDecisions.update(decision)
        guard decision.status != .open else { return }
        try await repos.register.append(
            RegisterEntry(
                id: RegisterEntryID(ids.make()), organizationID: decision.organizationID,
                buildingID: decision.buildingID, source: .written(decision.id),
                decidedOn: CalendarDate(utcDayOf: decision.concludedAt ?? clock.now()), title: decision.title,
                text: decision.text, majority: .unanimity, adopted: decision.status == .adopted, counts: nil,
                recordedAt: clock.now()))
        try await trail.record(
            "written_decision.\(decision.status.rawValue)", entity: "written_decision", id: decision.id.description,
            payload: ["building": decision.buildingID.description], by: principal,
            organization: decision.organizationID, repos)
    }

    /// The minutes of a written decision: the proposal, each owner's answer, and the result.
    public func writtenMinutes(of id: WrittenDecisionID, as principal: Principal) async throws -> PrintDocument {
        let detail = try await writtenDecision(id, as: principal)
        let decision = detail.decision
        guard decision.status != .open else { throw GovernanceError.writtenDecisionOpen }
        let result = decision.status == .adopted ? "ADOPTÉE à l'unanimité de tous les propriétaires" : "NON ADOPTÉE"
        return PrintDocument(
            title: "Procès-verbal de décision écrite : \(decision.title)",
            blocks: [
                .paragraph("Décision écrite des copropriétaires (art. 3.87 §4 du Code civil)."),
                .paragraph("Proposition : \(decision.text)"),
                .paragraph("Réponses attendues jusqu'au \(decision.dueOn)."),
                .table(
                    PrintDocument.Table(
                        headers: ["Propriétaire", "Lots", "Quotes-parts", "Réponse"],
                        rows: detail.voters.map {
                            [
                                $0.voter.name, $0.voter.lots.joined(separator: ", "), "\($0.voter.weight)",
                                $0.agrees.map { $0 ? "accord" : "refus" } ?? "pas de réponse",
                            ]
                        }, widths: [0.35, 0.2, 0.2, 0.25], rightAligned: [2])),
                .paragraph(
                    detail.suspendedLots.isEmpty
                        ? "Résultat : \(result)."
                        : "Lots sans mandataire commun : \(detail.suspendedLots.joined(separator: ", ")). Résultat : \(result)."
                ),
            ], footer: "Décision écrite \(decision.id)")
    }

    func writtenDetail(of decision: WrittenDecision, _ repos: any UsesWrittenDecisions) async throws
        -> WrittenDecisionDetail
    {
        let roll = try await repos.writtenDecisions.roll(of: decision.id)
        let answers = Dictionary(
            try await repos.writtenDecisions.answers(of: decision.id).map { ($0.owner, $0.agrees) }
        ) { first, _ in first }
        return WrittenDecisionDetail(
            decision: decision,
            voters: roll.voters(names: try await repos.writtenDecisions.voterNames(of: decision.id)).map {
                .init(voter: $0, agrees: answers[$0.ownerID])
            }, suspendedLots: roll.suspendedLots.map(\.number))
    }

    /// The building's roll on `date`, with the voters' records as they are now.
    func currentRoll(
        of buildingID: BuildingID, on date: CalendarDate,
        _ repos: any UsesLotRepresentatives & UsesLots & UsesOwners & UsesOwnerships
    ) async throws
        -> (AssemblyRoll, [OwnerID: Owner])
    {
        let lots = try await repos.lots.lots(of: buildingID)
        let rows = try await repos.ownerships.all(in: buildingID).filter { $0.isActive(on: date) }
        let roll = AssemblyRoll(
            lots: lots, ownerships: rows,
            representatives: try await repos.lotRepresentatives.representatives(in: buildingID))
        return (roll, try await voterRecords(of: roll, repos))
    }

    /// The owner records of the roll's voters.
    func voterRecords(of roll: AssemblyRoll, _ repos: any UsesOwners) async throws -> [OwnerID: Owner] {
        var owners: [OwnerID: Owner] = [:]
        for voter in Set(roll.lots.compactMap(\.voter)) { owners[voter] = try await repos.owners.find(voter) }
        return owners
    }

    func visibleWrittenDecision(_ id: WrittenDecisionID, _ principal: Principal, _ repos: any UsesWrittenDecisions)
        async throws -> WrittenDecision
    {
        try TenantScope.visible(
            try await repos.writtenDecisions.find(id), in: \.organizationID, principal, entity: "written_decision",
            id: id.description)
    }
}
