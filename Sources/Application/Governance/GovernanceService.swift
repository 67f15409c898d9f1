public import Domain
public import Foundation

public struct AssemblyInput: Sendable {
    public var kind, date, startTime, place, videoLink, chair, secretary, urgentReason: String?
    public var secondOf: UUID?

    public init(
        kind: String? = nil, date: String? = nil, startTime: String? = nil, place: String? = nil,
        videoLink: String? = nil, chair: String? = nil, secretary: String? = nil, urgentReason: String? = nil,
        secondOf: UUID? = nil
    ) {
        self.kind = kind
        self.date = date
        self.startTime = startTime
        self.place = place
        self.videoLink = videoLink
        self.chair = chair
        self.secretary = secretary
        self.urgentReason = urgentReason
        self.secondOf = secondOf
    }
}

public struct AgendaItemInput: Sendable {
    public var title, explanation, decisionType, majority, majorityReason, proposedBy: String?
    public var budgetID: UUID?
    public var fiscalYear: Int?
    public var worksAmount: Money?

    public init(
        title: String? = nil, explanation: String? = nil, decisionType: String? = nil, majority: String? = nil,
        majorityReason: String? = nil, proposedBy: String? = nil, budgetID: UUID? = nil, fiscalYear: Int? = nil,
        worksAmount: Money? = nil
    ) {
        self.worksAmount = worksAmount
        self.title = title
        self.explanation = explanation
        self.decisionType = decisionType
        self.majority = majority
        self.majorityReason = majorityReason
        self.proposedBy = proposedBy
        self.budgetID = budgetID
        self.fiscalYear = fiscalYear
    }
}

/// An assembly with everything the meeting needs: its agenda, the frozen roll with each
/// voter's attendance, the proxies and the resolutions.
public struct AssemblyDetail: Sendable {
    public struct Voter: Sendable {
        public let voter: AssemblyRoll.Voter
        public let attendance: Attendance
    }

    public let assembly: GeneralAssembly
    public let agenda: [AgendaItem]
    public let voters: [Voter]
    public let suspendedLots: [String]
    public let proxies: [Proxy]
    public let resolutions: [Resolution]
}

/// How each person entitled to attend receives the convocation.
public struct Convocation: Sendable {
    public enum Delivery: String, Sendable {
        /// They agreed in writing to receive it by email (`convocations_by_email`).
        case email
        case registeredPost = "registered_post"
    }

    public struct Recipient: Sendable {
        public let ownerID: OwnerID
        public let name: String
        public let lots: [String]
        public let weight: Int
        public let delivery: Delivery
        /// Their convocation's PDF, kept as a document linked to them (nil when this server
        /// cannot make PDFs): emailed, or printed for registered post.
        public var documentID: DocumentID?
    }

    public let assembly: GeneralAssembly
    public let recipients: [Recipient]
    public let suspendedLots: [String]
}

/// The governance module's use cases: general assemblies from the draft to the signed minutes,
/// their votes and the building's register (Civil Code art. 3.87 to 3.93).
public struct GovernanceService: Sendable {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail
    let bus: DomainEventBus
    let events: any EventBroadcaster
    let calendar: LegalCalendar
    /// Convocations kept as PDFs and emailed (nil: only the list of recipients is returned).
    let mailing: DocumentMailing?

    /// The legal notice of a convocation (art. 3.87 §3); the internal rules may ask more.
    public static let legalNoticeDays = 15
    /// The consent purpose under which an owner receives convocations by email.
    public static let emailConsent = "convocations_by_email"

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, bus: DomainEventBus,
        events: any EventBroadcaster, calendar: LegalCalendar = .belgium, mailing: DocumentMailing? = nil
    ) {
        self.mailing = mailing
        self.events = events
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.trail = AuditTrail(clock: clock, ids: ids)
        self.bus = bus
        self.calendar = calendar
    }

    var today: CalendarDate { CalendarDate(utcDayOf: clock.now()) }
    /// Today by the service's clock (for what a view derives from the date, such as overdue).
    public var currentDay: CalendarDate { today }

    public func create(in buildingID: BuildingID, _ input: AssemblyInput, as principal: Principal) async throws
        -> GeneralAssembly
    {
        try AccessPolicy.require(.manageGovernance, by: principal)
        return try await persistence.write { (repos: any UsesAssemblies & UsesAudit & UsesBuildings) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            let assembly = try GeneralAssembly(
                id: AssemblyID(ids.make()), organizationID: principal.organizationID, buildingID: buildingID,
                kind: try Self.parseRequired(input.kind ?? "", GeneralAssembly.Kind.self, field: "kind"),
                date: try CalendarDate(parsing: input.date ?? "", field: "date"), startTime: input.startTime ?? "",
                place: input.place, videoLink: input.videoLink, chair: input.chair, secretary: input.secretary,
                urgentReason: input.urgentReason, secondOf: input.secondOf.map(AssemblyID.init),
                createdAt: clock.now())
            if let first = assembly.secondOf {
                // A second convocation follows an assembly of the same building that lacked the
                // quorum, at least 15 days later (art. 3.87 §5).
                let previous = try await visibleAssembly(first, principal, repos)
                guard previous.buildingID == buildingID, previous.outcome == .noQuorum else {
                    throw DomainError.invalidValue(
                        field: "secondOf", reason: "must name an assembly of this building closed for lack of quorum")
                }
                guard previous.date.days(until: assembly.date) >= Self.legalNoticeDays else {
                    throw DomainError.invalidValue(
                        field: "date", reason: "a second assembly is held at least 15 days after the first")
                }
            }
            try await repos.assemblies.insert(assembly)
            try await audit("assembly.created", assembly, principal, repos)
            return assembly
        }
    }

    public func assemblies(of buildingID: BuildingID, page: PageRequest, as principal: Principal) async throws
        -> Page<GeneralAssembly>
    {
        try AccessPolicy.require(.readGovernance, by: principal)
        return try await persistence.read { (repos: any UsesAssemblies & UsesBuildings & UsesOwners & UsesOwnerships) in
            _ = try await readableBuilding(buildingID, principal, repos)
            return try await repos.assemblies.list(of: buildingID, page: page)
        }
    }

    public func assembly(_ id: AssemblyID, as principal: Principal) async throws -> AssemblyDetail {
        try AccessPolicy.require(.readGovernance, by: principal)
        return try await persistence.read {
            (repos: any UsesAssemblies & UsesBuildings & UsesOwners & UsesOwnerships & UsesResolutions) in
            let assembly = try await visibleAssembly(id, principal, repos)
            _ = try await readableBuilding(assembly.buildingID, principal, repos)
            return try await detail(of: assembly, repos)
        }
    }

    public func update(_ id: AssemblyID, _ changes: GeneralAssembly.Changes, as principal: Principal) async throws
        -> GeneralAssembly
    {
        try AccessPolicy.require(.manageGovernance, by: principal)
        return try await persistence.write { (repos: any UsesAssemblies & UsesAudit) in
            try await repos.assemblies.lock(id)
            var assembly = try await visibleAssembly(id, principal, repos)
            try assembly.apply(changes)
            try await repos.assemblies.update(assembly)
            try await audit("assembly.updated", assembly, principal, repos)
            return assembly
        }
    }

    public func cancel(_ id: AssemblyID, as principal: Principal) async throws -> GeneralAssembly {
        try await transition(id, as: principal) { assembly, _ in try assembly.perform(.cancel) }
    }

    public func addAgendaItem(to id: AssemblyID, _ input: AgendaItemInput, as principal: Principal) async throws
        -> AgendaItem
    {
        try AccessPolicy.require(.manageGovernance, by: principal)
        let decisionType = try Self.parseRequired(
            input.decisionType ?? "other", DecisionType.self, field: "decisionType")
        let majority = try input.majority.map { try Self.parseRequired($0, Majority.self, field: "majority") }
        return try await persistence.write { (repos: any UsesAssemblies & UsesAudit & UsesBudgets) in
            try await repos.assemblies.lock(id)
            let assembly = try await visibleAssembly(id, principal, repos)
            // Items are taken until the convocation: what is not on the agenda sent to the owners
            // cannot be decided (art. 3.87 §3).
            guard assembly.status == .draft else { throw GovernanceError.notEditable(assembly.status) }
            if let budget = input.budgetID.map(BudgetID.init) {
                guard let found = try await repos.budgets.find(budget), found.buildingID == assembly.buildingID else {
                    throw DomainError.invalidValue(field: "budgetId", reason: "is not a budget of this building")
                }
                guard found.status == .draft else { throw GovernanceError.budgetNotDraft }
            }
            let item = try AgendaItem(
                id: AgendaItemID(ids.make()), assemblyID: id,
                position: try await repos.assemblies.agenda(of: id).count + 1, title: input.title ?? "",
                explanation: input.explanation, decisionType: decisionType, majority: majority,
                majorityReason: input.majorityReason, proposedBy: input.proposedBy,
                budgetID: input.budgetID.map(BudgetID.init), fiscalYear: input.fiscalYear,
                worksAmount: input.worksAmount, createdAt: clock.now())
            try await repos.assemblies.insert(item)
            try await audit(
                "assembly.agenda_item_added", assembly, principal, repos,
                ["item": item.id.description, "majority": item.majority.rawValue])
            return item
        }
    }

    /// Names who votes for a lot held by several persons (joint ownership, usufruct): until
    /// they do, the lot's vote is suspended (art. 3.87 §1).
    public func nameRepresentative(_ owner: OwnerID, for lotID: LotID, as principal: Principal) async throws {
        try AccessPolicy.require(.manageGovernance, by: principal)
        try await persistence.write {
            (repos: any UsesAudit & UsesBuildings & UsesLotRepresentatives & UsesLots & UsesOwnerships) in
            guard let lot = try await repos.lots.find(lotID) else {
                throw ApplicationError.notFound(entity: "lot", id: lotID.description)
            }
            _ = try await TenantScope.building(lot.buildingID, principal, repos)
            let today = today
            guard
                try await repos.ownerships.history(of: lotID).contains(where: {
                    $0.ownerID == owner && $0.isActive(on: today)
                })
            else {
                throw DomainError.invalidValue(field: "ownerId", reason: "must be a current owner of the lot")
            }
            try await repos.lotRepresentatives.name(owner, for: lotID, at: clock.now())
            try await trail.record(
                "lot.representative_named", entity: "lot", id: lotID.description,
                payload: ["owner": owner.description], by: principal, organization: principal.organizationID, repos)
        }
    }

    /// The rules the building's internal rules set: the notice of convocations (at least the
    /// legal 15 days) and the first day of the annual assembly period.
    public func settings(of buildingID: BuildingID, as principal: Principal) async throws -> GovernanceSettings {
        try AccessPolicy.require(.readGovernance, by: principal)
        return try await persistence.read {
            (repos: any UsesBuildings & UsesGovernanceSettings & UsesOwners & UsesOwnerships) in
            _ = try await readableBuilding(buildingID, principal, repos)
            return try await repos.governanceSettings.settings(of: buildingID) ?? .standard
        }
    }

    /// Changes what is given: `noticeDays`, `periodStart` (`MM-DD`; empty clears it) and whether
    /// owners may attend remotely.
    public func updateSettings(
        noticeDays: Int?, periodStart: String?, remoteParticipation: Bool? = nil, of buildingID: BuildingID,
        as principal: Principal
    ) async throws -> GovernanceSettings {
        try AccessPolicy.require(.manageGovernance, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesBuildings & UsesGovernanceSettings) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            let current = try await repos.governanceSettings.settings(of: buildingID) ?? .standard
            let start: MonthDay? =
                if let periodStart {
                    periodStart.isEmpty ? nil : try MonthDay(parsing: periodStart)
                } else {
                    current.assemblyPeriodStart
                }
            let settings = try GovernanceSettings(
                noticeDays: noticeDays ?? current.noticeDays, assemblyPeriodStart: start,
                remoteParticipation: remoteParticipation ?? current.remoteParticipation)
            try await repos.governanceSettings.save(settings, of: buildingID)
            try await trail.record(
                "building.governance_settings_set", entity: "building", id: buildingID.description,
                payload: [
                    "noticeDays": "\(settings.noticeDays)",
                    "assemblyPeriodStart": settings.assemblyPeriodStart?.description ?? "",
                    "remoteParticipation": "\(settings.remoteParticipation)",
                ], by: principal, organization: principal.organizationID, repos)
            return settings
        }
    }

    /// Sends the convocation today: refused with less notice than the building asks (unless the
    /// assembly is urgent). Freezes the persons entitled to attend, with their lots and weights,
    /// and says how each receives it: by email if they agreed to, otherwise by registered post.
    /// Each person's convocation is kept as a PDF linked to them, and emailed to those who agreed,
    /// in the same transaction (the emails leave once it commits).
    public func convene(_ id: AssemblyID, as principal: Principal) async throws -> Convocation {
        try AccessPolicy.require(.manageGovernance, by: principal)
        let pending = PendingNotices()
        let convocation: Convocation
        do {
            convocation = try await convene(id, principal, pending)
        } catch {
            await mailing?.failed(pending)
            throw error
        }
        await mailing?.sent(pending)
        return convocation
    }

    func convene(_ id: AssemblyID, _ principal: Principal, _ pending: PendingNotices) async throws -> Convocation {
        try await persistence.write {
            (
                repos: any MailedDocumentStores & UsesAgendaProposals & UsesAssemblies & UsesBuildings & UsesConsents
                    & UsesGovernanceSettings & UsesLotRepresentatives & UsesLots & UsesOwners & UsesOwnerships
                    & UsesRequisitions
            ) in
            try await repos.assemblies.lock(id)
            var assembly = try await visibleAssembly(id, principal, repos)
            let settings = try await repos.governanceSettings.settings(of: assembly.buildingID) ?? .standard
            try assembly.convene(on: today, noticeDays: settings.noticeDays, calendar: calendar)
            try await placeProposals(on: assembly, settings: settings, repos)
            guard !(try await repos.assemblies.agenda(of: id)).isEmpty else {
                throw DomainError.invalidValue(field: "agenda", reason: "must have at least one item before convening")
            }
            let (roll, owners) = try await currentRoll(of: assembly.buildingID, on: assembly.date, repos)
            let names = owners.mapValues(\.name)
            try await repos.assemblies.saveRoll(roll, names: names, of: id)
            try await repos.assemblies.update(assembly)
            var recipients = try await Self.recipients(roll.voters(names: names), emails: owners, repos)
            for var requisition in try await repos.requisitions.pending(in: assembly.buildingID) {
                requisition.convened(by: assembly.id, on: today)
                try await repos.requisitions.markConvened(requisition)
            }
            try await audit(
                "assembly.convened", assembly, principal, repos,
                ["recipients": "\(recipients.count)", "suspendedLots": "\(roll.suspendedLots.count)"])
            if let mailing, mailing.canRender {
                let building = try await TenantScope.building(assembly.buildingID, principal, repos)
                let agenda = try await repos.assemblies.agenda(of: id)
                let letters = recipients.map { recipient in
                    DocumentMailing.Letter(
                        publication: DocumentsService.Publication(
                            Self.convocationPrint(assembly, building: building, agenda: agenda, to: recipient),
                            fileName: "convocation-ag-\(assembly.date)-\(recipient.ownerID).pdf", kind: .other,
                            link: EntityLink(type: "owner", id: recipient.ownerID.rawValue), tags: ["convocation"]),
                        email: recipient.delivery == .email ? owners[recipient.ownerID]?.email : nil,
                        subject: "Convocation à l'assemblée générale du \(assembly.date)",
                        body: Self.convocationBody(assembly, building: building, to: recipient))
                }
                try await mailing.keepAndMail(letters, as: principal, pending: pending, repos)
                for (index, view) in (pending.prepared?.views ?? []).enumerated() where index < recipients.count {
                    recipients[index].documentID = view.document.id
                }
            }
            return Convocation(
                assembly: assembly, recipients: recipients, suspendedLots: roll.suspendedLots.map(\.number))
        }
    }
}

extension GovernanceService {
    /// How each voter receives what the syndic sends them: by email if they agreed to it in
    /// writing (`convocations_by_email`) and have an address, otherwise by registered post.
    static func recipients(
        _ voters: [AssemblyRoll.Voter], emails owners: [OwnerID: Owner], _ repos: any UsesConsents
    ) async throws -> [Convocation.Recipient] {
        var recipients: [Convocation.Recipient] = []
        for voter in voters {
            let consents = try await repos.consents.list(of: .owner(voter.ownerID))
            let byEmail =
                owners[voter.ownerID]?.email != nil && consents.contains { $0.purpose == emailConsent && $0.isActive }
            recipients.append(
                Convocation.Recipient(
                    ownerID: voter.ownerID, name: voter.name, lots: voter.lots, weight: voter.weight,
                    delivery: byEmail ? .email : .registeredPost))
        }
        return recipients
    }

    func detail(of assembly: GeneralAssembly, _ repos: any UsesAssemblies & UsesResolutions) async throws
        -> AssemblyDetail
    {
        let roll = try await repos.assemblies.roll(of: assembly.id)
        let attendance = try await repos.assemblies.attendance(of: assembly.id)
        return AssemblyDetail(
            assembly: assembly, agenda: try await repos.assemblies.agenda(of: assembly.id),
            voters: roll.voters(names: try await repos.assemblies.voterNames(of: assembly.id)).map {
                .init(voter: $0, attendance: attendance[$0.ownerID] ?? .absent)
            },
            suspendedLots: roll.suspendedLots.map(\.number),
            proxies: try await repos.assemblies.proxies(of: assembly.id),
            resolutions: try await repos.resolutions.resolutions(of: assembly.id))
    }

    func transition(
        _ id: AssemblyID, as principal: Principal,
        _ change: @Sendable (inout GeneralAssembly, any AssemblyTransitionStores) async throws -> Void
    ) async throws -> GeneralAssembly {
        try AccessPolicy.require(.manageGovernance, by: principal)
        return try await persistence.write { (repos: any AssemblyTransitionStores & UsesAudit) in
            try await repos.assemblies.lock(id)
            var assembly = try await visibleAssembly(id, principal, repos)
            try await change(&assembly, repos)
            try await repos.assemblies.update(assembly)
            try await audit("assembly.\(assembly.status.rawValue)", assembly, principal, repos)
            return assembly
        }
    }

    func visibleAssembly(_ id: AssemblyID, _ principal: Principal, _ repos: any UsesAssemblies) async throws
        -> GeneralAssembly
    {
        try TenantScope.visible(
            try await repos.assemblies.find(id), in: \.organizationID, principal, entity: "assembly",
            id: id.description)
    }

    /// The syndic's staff and the board read every building; an owner reads the buildings where
    /// they hold a lot today.
    func readableBuilding(
        _ id: BuildingID, _ principal: Principal, _ repos: any UsesBuildings & UsesOwners & UsesOwnerships
    ) async throws
        -> Building
    {
        let building = try await TenantScope.building(id, principal, repos)
        if AccessPolicy.allows(principal, .readCoOwnership) { return building }
        let today = today
        for row in try await repos.ownerships.open(in: id) where row.isActive(on: today) {
            if try await repos.owners.find(row.ownerID)?.userID == principal.userID { return building }
        }
        throw ApplicationError.permissionDenied(.readGovernance)
    }

    func audit(
        _ action: String, _ assembly: GeneralAssembly, _ principal: Principal, _ repos: any UsesAudit,
        _ payload: [String: String] = [:]
    ) async throws {
        try await trail.record(
            action, entity: "assembly", id: assembly.id.description,
            payload: payload.merging(["building": assembly.buildingID.description]) { $1 }, by: principal,
            organization: assembly.organizationID, repos)
    }

}

/// What the changes run through `transition(_:as:_:)` use, together (`scripts/store-uses.py`).
typealias AssemblyTransitionStores = UsesAssemblies & UsesResolutions
