public import Domain
public import Foundation

public struct ProxyInput: Sendable {
    public var principalOwnerID: UUID?
    public var holderOwnerID: UUID?
    public var holderName: String?
    /// The holder's user, when they are a member: the syndic may not hold a proxy.
    public var holderUserID: UUID?
    public var documentID: UUID?

    public init(
        principalOwnerID: UUID? = nil, holderOwnerID: UUID? = nil, holderName: String? = nil,
        holderUserID: UUID? = nil, documentID: UUID? = nil
    ) {
        self.principalOwnerID = principalOwnerID
        self.holderOwnerID = holderOwnerID
        self.holderName = holderName
        self.holderUserID = holderUserID
        self.documentID = documentID
    }
}

/// A resolution with its votes and, once closed, the names of those against and abstaining.
public struct ResolutionDetail: Sendable {
    public let resolution: Resolution
    public let votes: [Vote]
    public let names: [OwnerID: String]

    public func names(voting ballot: Ballot) -> [String] {
        votes.filter { $0.ballot == ballot }.map { names[$0.voter] ?? "?" }.sorted()
    }
}

/// A resolution adopted by a general assembly: other modules carry out what it decided (the
/// budget module votes the budget, the ledger closes the approved year).
public struct ResolutionAdopted: DomainEvent, Equatable {
    public let resolution: ResolutionID
    public let assembly: AssemblyID
    public let building: BuildingID
    public let organization: OrganizationID
    public let decisionType: DecisionType
    public let budget: BudgetID?
    public let fiscalYear: Int?
    /// The agenda point's title, and the amount of works it approved (to be called).
    public let title: String
    public let worksAmount: Money?
    public let assemblyDate: CalendarDate
    public let at: Date
}

extension GovernanceService {
    /// Records who is present, represented or absent. An owner is represented only through a
    /// recorded proxy; voters left out are absent.
    public func setAttendance(_ entries: [OwnerID: Attendance], of id: AssemblyID, as principal: Principal)
        async throws -> AssemblyDetail
    {
        try AccessPolicy.require(.manageGovernance, by: principal)
        return try await persistence.write {
            (repos: any UsesAssemblies & UsesAudit & UsesGovernanceSettings & UsesResolutions) in
            try await repos.assemblies.lock(id)
            let assembly = try await visibleAssembly(id, principal, repos)
            guard [.convened, .opened].contains(assembly.status) else {
                throw GovernanceError.notEditable(assembly.status)
            }
            let weights = try await repos.assemblies.roll(of: id).weights
            let represented = Set(try await repos.assemblies.proxies(of: id).map(\.principal))
            let settings = try await repos.governanceSettings.settings(of: assembly.buildingID) ?? .standard
            for (owner, attendance) in entries {
                guard weights[owner] != nil else { throw GovernanceError.notEntitled(owner) }
                if attendance == .represented, !represented.contains(owner) { throw GovernanceError.noProxy(owner) }
                if attendance == .remote, !settings.remoteParticipation { throw GovernanceError.remoteNotAllowed }
            }
            var merged = try await repos.assemblies.attendance(of: id)
            merged.merge(entries) { $1 }
            try await repos.assemblies.setAttendance(merged, of: id)
            try await audit("assembly.attendance_recorded", assembly, principal, repos, ["entries": "\(entries.count)"])
            return try await detail(of: assembly, repos)
        }
    }

    /// Records a proxy for this assembly, and the principal as represented. Refused for the
    /// syndic as holder, and past 3 proxies unless the holder stays within 10 % of all votes.
    public func addProxy(to id: AssemblyID, _ input: ProxyInput, as principal: Principal) async throws -> Proxy {
        try AccessPolicy.require(.manageGovernance, by: principal)
        return try await persistence.write {
            (repos: any UsesAssemblies & UsesAudit & UsesDocuments & UsesMemberships & UsesOwners) in
            try await repos.assemblies.lock(id)
            let assembly = try await visibleAssembly(id, principal, repos)
            // The signed proxy, when uploaded, is one of the organization's documents.
            if let document = input.documentID.map(DocumentID.init) {
                guard try await repos.documents.find(document)?.organizationID == principal.organizationID else {
                    throw DomainError.invalidValue(field: "documentId", reason: "is not a document of yours")
                }
            }
            guard let principalOwner = input.principalOwnerID.map(OwnerID.init) else {
                throw DomainError.invalidValue(field: "principalOwnerId", reason: "is required")
            }
            guard input.holderOwnerID != nil || input.holderName != nil else {
                throw DomainError.invalidValue(field: "holderOwnerId", reason: "or holder_name is required")
            }
            if let name = input.holderName, name.count > 200 {
                throw DomainError.invalidValue(field: "holderName", reason: "must be at most 200 characters")
            }
            guard assembly.status == .convened else { throw GovernanceError.notEditable(assembly.status) }
            let roll = try await repos.assemblies.roll(of: id)
            let weights = roll.weights
            guard weights[principalOwner] != nil else { throw GovernanceError.notEntitled(principalOwner) }
            let existing = try await repos.assemblies.proxies(of: id)
            guard !existing.contains(where: { $0.principal == principalOwner }) else {
                throw GovernanceError.proxyExists(principalOwner)
            }
            let holder: ProxyHolder
            let holderName: String
            var holderUser = input.holderUserID.map(UserID.init)
            if let owner = input.holderOwnerID.map(OwnerID.init) {
                let record = try await TenantScope.owner(owner, principal, repos)
                holder = .owner(owner)
                holderName = record.name
                holderUser = holderUser ?? record.userID
            } else {
                holderName = input.holderName ?? ""
                holder = .person(holderName.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
            }
            if let user = holderUser,
                let membership = try await repos.memberships.find(user: user, organization: principal.organizationID),
                membership.roles.contains(.syndic)
            {
                throw GovernanceError.syndicCannotHoldProxy
            }
            let proxy = try Proxy(
                id: ProxyID(ids.make()), assemblyID: id, principal: principalOwner, holder: holder,
                holderName: holderName, documentID: input.documentID.map(DocumentID.init), createdAt: clock.now())
            let held = existing.filter { $0.holder == holder }.map { weights[$0.principal] ?? 0 }
            let own: Int = if case .owner(let owner) = holder { weights[owner] ?? 0 } else { 0 }
            try ProxyRules.check(
                holderWeight: own, principalWeights: held + [weights[principalOwner] ?? 0],
                totalWeight: roll.totalWeight)
            try await repos.assemblies.insert(proxy)
            var attendance = try await repos.assemblies.attendance(of: id)
            attendance[principalOwner] = .represented
            try await repos.assemblies.setAttendance(attendance, of: id)
            try await audit(
                "assembly.proxy_recorded", assembly, principal, repos, ["principal": principalOwner.description])
            return proxy
        }
    }

    /// Opens the assembly with its quorum check, recorded with its figures. Without quorum the
    /// assembly closes as `no_quorum`, and a second one may be convened.
    public func open(_ id: AssemblyID, as principal: Principal) async throws -> GeneralAssembly {
        try await transition(id, as: principal) { assembly, repos in
            let check = QuorumCheck(
                roll: try await repos.assemblies.roll(of: assembly.id),
                attendance: try await repos.assemblies.attendance(of: assembly.id),
                secondConvocation: assembly.secondOf != nil)
            try assembly.open(with: check)
        }
    }

    /// Puts a resolution to the vote on an agenda item, with the voters excluded for a conflict
    /// of interest on it.
    public func addResolution(
        to itemID: AgendaItemID, text: String, excluded: [UUID], as principal: Principal
    ) async throws -> Resolution {
        try AccessPolicy.require(.manageGovernance, by: principal)
        return try await persistence.write { (repos: any UsesAssemblies & UsesAudit & UsesResolutions) in
            guard let item = try await repos.assemblies.agendaItem(itemID) else {
                throw ApplicationError.notFound(entity: "agenda_item", id: itemID.description)
            }
            try await repos.assemblies.lock(item.assemblyID)
            let assembly = try await visibleAssembly(item.assemblyID, principal, repos)
            guard assembly.status == .opened else { throw GovernanceError.notOpen(assembly.status) }
            let weights = try await repos.assemblies.roll(of: assembly.id).weights
            let excluded = Set(excluded.map(OwnerID.init))
            for owner in excluded where weights[owner] == nil { throw GovernanceError.notEntitled(owner) }
            let resolution = try Resolution(
                id: ResolutionID(ids.make()), organizationID: assembly.organizationID, assemblyID: assembly.id,
                agendaItemID: item.id, text: text, majority: item.majority, excluded: excluded, createdAt: clock.now())
            try await repos.resolutions.insert(resolution)
            try await audit(
                "assembly.resolution_proposed", assembly, principal, repos, ["resolution": resolution.id.description])
            return resolution
        }
    }

    /// A vote on an open resolution: entered by the syndic for a voter, or cast by the owner from
    /// their account (`owner` nil: the caller's own voter record). A voter votes only if
    /// present or represented; voting again replaces the vote until the resolution closes.
    public func vote(
        on id: ResolutionID, ballot: Ballot, for owner: OwnerID?, as principal: Principal
    ) async throws -> Vote {
        let staff = AccessPolicy.allows(principal, .manageGovernance)
        if !staff { try AccessPolicy.require(.castVote, by: principal) }
        return try await persistence.write { (repos: any UsesAssemblies & UsesResolutions) in
            let resolution = try await visibleResolution(id, principal, repos)
            try await repos.assemblies.lock(resolution.assemblyID)
            let assembly = try await visibleAssembly(resolution.assemblyID, principal, repos)
            guard assembly.status == .opened else { throw GovernanceError.notOpen(assembly.status) }
            guard resolution.status == .open else { throw GovernanceError.resolutionClosed }
            let voter: OwnerID
            if staff {
                guard let owner else { throw DomainError.invalidValue(field: "ownerId", reason: "is required") }
                voter = owner
            } else {
                let own = try await repos.assemblies.voters(linkedTo: principal.userID, in: assembly.id)
                if let owner {
                    guard own.contains(owner) else { throw ApplicationError.permissionDenied(.castVote) }
                    voter = owner
                } else {
                    guard own.count == 1 else {
                        throw own.isEmpty
                            ? ApplicationError.permissionDenied(.castVote)
                            : DomainError.invalidValue(field: "ownerId", reason: "is required: you vote for several")
                    }
                    voter = own[0]
                }
            }
            guard let weight = try await repos.assemblies.roll(of: assembly.id).weights[voter] else {
                throw GovernanceError.notEntitled(voter)
            }
            guard resolution.excluded.contains(voter) == false else { throw GovernanceError.excludedFromVote(voter) }
            let attendance = try await repos.assemblies.attendance(of: assembly.id)[voter] ?? .absent
            guard attendance != .absent else { throw GovernanceError.notPresent(voter) }
            let vote = Vote(
                resolutionID: id, voter: voter, ballot: ballot, weight: weight, castBy: principal.userID,
                castAt: clock.now())
            try await repos.resolutions.record(vote)
            return vote
        }
    }

    /// Closes the vote: the tally is computed (cap and exclusions first), stored with the
    /// resolution, and an adopted resolution's effects run in the same transaction.
    public func closeResolution(_ id: ResolutionID, as principal: Principal) async throws -> ResolutionDetail {
        try AccessPolicy.require(.manageGovernance, by: principal)
        let (detail, live) = try await persistence.write(publishing: bus) {
            (repos: any UsesAssemblies & UsesAudit & UsesRegister & UsesResolutions, facts: EventPublisher) in
            var resolution = try await visibleResolution(id, principal, repos)
            try await repos.assemblies.lock(resolution.assemblyID)
            let assembly = try await visibleAssembly(resolution.assemblyID, principal, repos)
            guard assembly.status == .opened else { throw GovernanceError.notOpen(assembly.status) }
            let roll = try await repos.assemblies.roll(of: assembly.id)
            let weights = roll.weights
            let attendance = try await repos.assemblies.attendance(of: assembly.id)
            let groups = Dictionary(
                try await repos.assemblies.proxies(of: assembly.id).map { ($0.principal, $0.holder) }
            ) { first, _ in first }
            var participants: [OwnerID: (group: ProxyHolder, weight: Int)] = [:]
            for (owner, weight) in weights where (attendance[owner] ?? .absent).takesPart {
                participants[owner] = (
                    attendance[owner] == .represented ? groups[owner] ?? .owner(owner) : .owner(owner), weight
                )
            }
            let votes = try await repos.resolutions.votes(on: id)
            let tally = VoteTally(
                majority: resolution.majority,
                casts: votes.map {
                    .init(
                        voter: $0.voter, group: participants[$0.voter]?.group ?? .owner($0.voter), weight: $0.weight,
                        ballot: $0.ballot)
                },
                participants: participants, excluded: resolution.excluded, excludedWeights: weights,
                buildingTotal: roll.totalWeight)
            try resolution.close(with: tally, at: clock.now())
            try await repos.resolutions.update(resolution)
            guard let item = try await repos.assemblies.agendaItem(resolution.agendaItemID) else {
                throw ApplicationError.notFound(entity: "agenda_item", id: resolution.agendaItemID.description)
            }
            try await repos.register.append(
                RegisterEntry(
                    id: RegisterEntryID(ids.make()), organizationID: assembly.organizationID,
                    buildingID: assembly.buildingID, source: .assembly(assembly.id, id), decidedOn: assembly.date,
                    title: item.title, text: resolution.text, majority: resolution.majority, adopted: tally.adopted,
                    counts: RegisterEntry.Counts(
                        yes: tally.yes, no: tally.no, abstain: tally.abstain, base: tally.base),
                    recordedAt: clock.now()))
            try await audit(
                "assembly.resolution_closed", assembly, principal, repos,
                ["resolution": id.description, "result": resolution.result?.rawValue ?? ""])
            var live: [LiveEvent] = []
            if tally.adopted {
                live = try await facts.publish(
                    ResolutionAdopted(
                        resolution: id, assembly: assembly.id, building: assembly.buildingID,
                        organization: assembly.organizationID, decisionType: item.decisionType, budget: item.budgetID,
                        fiscalYear: item.fiscalYear, title: item.title, worksAmount: item.worksAmount,
                        assemblyDate: assembly.date, at: clock.now()))
            }
            return (
                ResolutionDetail(
                    resolution: resolution, votes: votes,
                    names: try await repos.assemblies.voterNames(of: assembly.id)), live
            )
        }
        await events.publish(live)
        return detail
    }

    public func resolution(_ id: ResolutionID, as principal: Principal) async throws -> ResolutionDetail {
        try AccessPolicy.require(.readGovernance, by: principal)
        return try await persistence.read {
            (repos: any UsesAssemblies & UsesBuildings & UsesOwners & UsesOwnerships & UsesResolutions) in
            let resolution = try await visibleResolution(id, principal, repos)
            let assembly = try await visibleAssembly(resolution.assemblyID, principal, repos)
            _ = try await readableBuilding(assembly.buildingID, principal, repos)
            return ResolutionDetail(
                resolution: resolution, votes: try await repos.resolutions.votes(on: id),
                names: try await repos.assemblies.voterNames(of: assembly.id))
        }
    }

    /// Closes the meeting once every vote is closed.
    public func close(_ id: AssemblyID, as principal: Principal) async throws -> GeneralAssembly {
        try await transition(id, as: principal) { assembly, repos in
            let open = try await repos.resolutions.resolutions(of: assembly.id).filter { $0.status == .open }
            guard open.isEmpty else {
                throw DomainError.invalidValue(
                    field: "resolutions", reason: "\(open.count) vote(s) are still open: close them first")
            }
            try assembly.perform(.close)
        }
    }

    /// The minutes are signed by the chair, the secretary and the owners still present.
    public func signMinutes(_ id: AssemblyID, by signatories: [String], as principal: Principal) async throws
        -> GeneralAssembly
    {
        let now = clock.now()
        return try await transition(id, as: principal) { assembly, _ in
            try assembly.signMinutes(by: signatories, at: now)
        }
    }

    /// The building's register: every decision of its assemblies and every written decision,
    /// oldest first. Owners read it.
    public func register(of buildingID: BuildingID, page: PageRequest, as principal: Principal) async throws
        -> Page<RegisterEntry>
    {
        try AccessPolicy.require(.readGovernance, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesOwners & UsesOwnerships & UsesRegister) in
            _ = try await readableBuilding(buildingID, principal, repos)
            return try await repos.register.list(of: buildingID, page: page)
        }
    }

    func visibleResolution(_ id: ResolutionID, _ principal: Principal, _ repos: any UsesResolutions) async throws
        -> Resolution
    {
        try TenantScope.visible(
            try await repos.resolutions.find(id), in: \.organizationID, principal, entity: "resolution",
            id: id.description)
    }

}
