public import Domain
import Foundation

extension GovernanceService {
    /// An owner of the building, a board member or the syndic asks for a point on the agenda:
    /// the next ordinary assembly's (if received 3 weeks before the annual period), or the named
    /// extraordinary assembly's (until it is convened). It is placed when that assembly is convened.
    public func proposeAgendaItem(
        in buildingID: BuildingID, title: String, explanation: String?, decisionType rawType: String?,
        assembly: AssemblyID?, as principal: Principal
    ) async throws -> AgendaProposal {
        try AccessPolicy.require(.proposeAgendaItem, by: principal)
        return try await persistence.write {
            (
                repos: any UsesAgendaProposals & UsesAssemblies & UsesAudit & UsesBuildings & UsesMemberships
                    & UsesOwners & UsesOwnerships
            ) in
            _ = try await readableBuilding(buildingID, principal, repos)
            let decisionType = try Self.parseRequired(rawType ?? "other", DecisionType.self, field: "decisionType")
            if let assembly {
                let target = try await visibleAssembly(assembly, principal, repos)
                guard target.buildingID == buildingID, target.kind == .extraordinary, target.status == .draft else {
                    throw DomainError.invalidValue(
                        field: "assemblyId",
                        reason: "must be an extraordinary assembly of this building not yet convened")
                }
            }
            let proposal = try AgendaProposal(
                id: AgendaProposalID(ids.make()), organizationID: principal.organizationID, buildingID: buildingID,
                title: title, explanation: explanation, decisionType: decisionType,
                proposedBy: try await proposerName(principal, in: buildingID, repos), proposerUserID: principal.userID,
                receivedOn: today, assemblyID: assembly, createdAt: clock.now())
            try await repos.agendaProposals.insert(proposal)
            try await trail.record(
                "agenda_proposal.received", entity: "building", id: buildingID.description,
                payload: ["proposal": proposal.id.description], by: principal, organization: principal.organizationID,
                repos)
            return proposal
        }
    }

    public func agendaProposals(of buildingID: BuildingID, page: PageRequest, as principal: Principal) async throws
        -> Page<AgendaProposal>
    {
        try AccessPolicy.require(.readGovernance, by: principal)
        return try await persistence.read {
            (repos: any UsesAgendaProposals & UsesBuildings & UsesOwners & UsesOwnerships) in
            _ = try await readableBuilding(buildingID, principal, repos)
            return try await repos.agendaProposals.list(of: buildingID, page: page)
        }
    }

    /// At the convocation: the proposals that belong to this assembly become agenda items, after
    /// the syndic's points, with the majority their decision type needs.
    func placeProposals(
        on assembly: GeneralAssembly, settings: GovernanceSettings, _ repos: any UsesAgendaProposals & UsesAssemblies
    )
        async throws
    {
        var position = try await repos.assemblies.agenda(of: assembly.id).count
        for var proposal in try await repos.agendaProposals.pending(in: assembly.buildingID)
        where proposal.belongs(to: assembly, convenedOn: today, periodStart: settings.assemblyPeriodStart) {
            position += 1
            let item = try AgendaItem(
                id: AgendaItemID(ids.make()), assemblyID: assembly.id, position: position, title: proposal.title,
                explanation: proposal.explanation, decisionType: proposal.decisionType, majority: nil,
                majorityReason: nil, proposedBy: proposal.proposedBy, budgetID: nil, fiscalYear: nil,
                createdAt: clock.now())
            try await repos.assemblies.insert(item)
            proposal.place(as: item.id, in: assembly.id)
            try await repos.agendaProposals.markPlaced(proposal)
        }
    }

    /// Who is proposing, as the agenda will name them: their owner record in this building, or
    /// (for the board and the syndic's staff) their name as a member.
    func proposerName(
        _ principal: Principal, in buildingID: BuildingID, _ repos: any UsesMemberships & UsesOwners & UsesOwnerships
    ) async throws
        -> String
    {
        let today = today
        for row in try await repos.ownerships.open(in: buildingID) where row.isActive(on: today) {
            if let owner = try await repos.owners.find(row.ownerID), owner.userID == principal.userID {
                return owner.name
            }
        }
        guard let member = try await repos.memberships.member(principal.userID, in: principal.organizationID) else {
            throw ApplicationError.notFound(entity: "member", id: principal.userID.description)
        }
        return member.displayName ?? member.user.name
    }
}
