public import Domain
public import Foundation

public protocol AssemblyRepository: Sendable {
    func insert(_ assembly: GeneralAssembly) async throws
    func find(_ id: AssemblyID) async throws -> GeneralAssembly?
    /// Holds the assembly until the transaction ends, so attendance, proxies and votes cannot race.
    func lock(_ id: AssemblyID) async throws
    /// Newest date first.
    func list(of building: BuildingID, page: PageRequest) async throws -> Page<GeneralAssembly>
    func update(_ assembly: GeneralAssembly) async throws

    func insert(_ item: AgendaItem) async throws
    func agendaItem(_ id: AgendaItemID) async throws -> AgendaItem?
    /// In agenda order.
    func agenda(of assembly: AssemblyID) async throws -> [AgendaItem]

    /// Freezes the persons entitled to attend, with their names as they are today.
    func saveRoll(_ roll: AssemblyRoll, names: [OwnerID: String], of assembly: AssemblyID) async throws
    func roll(of assembly: AssemblyID) async throws -> AssemblyRoll
    /// The voters' names as frozen with the roll.
    func voterNames(of assembly: AssemblyID) async throws -> [OwnerID: String]
    /// The voters of the roll whose owner record is linked to `user`.
    func voters(linkedTo user: UserID, in assembly: AssemblyID) async throws -> [OwnerID]

    func setAttendance(_ attendance: [OwnerID: Attendance], of assembly: AssemblyID) async throws
    func attendance(of assembly: AssemblyID) async throws -> [OwnerID: Attendance]

    func insert(_ proxy: Proxy) async throws
    func proxies(of assembly: AssemblyID) async throws -> [Proxy]
}

public protocol ResolutionRepository: Sendable {
    func insert(_ resolution: Resolution) async throws
    func find(_ id: ResolutionID) async throws -> Resolution?
    func update(_ resolution: Resolution) async throws
    /// In agenda order, then creation order.
    func resolutions(of assembly: AssemblyID) async throws -> [Resolution]
    /// Records or replaces the voter's vote.
    func record(_ vote: Vote) async throws
    func votes(on resolution: ResolutionID) async throws -> [Vote]
}

/// The building's register of decisions: appended once per decision, never changed.
public protocol RegisterRepository: Sendable {
    func append(_ entry: RegisterEntry) async throws
    /// Oldest decision first.
    func list(of building: BuildingID, page: PageRequest) async throws -> Page<RegisterEntry>
}

/// An owner's written answer to a written decision.
public struct WrittenAnswer: Sendable, Equatable {
    public let owner: OwnerID
    public let agrees: Bool
    public let recordedBy: UserID
    public let recordedAt: Date

    public init(owner: OwnerID, agrees: Bool, recordedBy: UserID, recordedAt: Date) {
        self.owner = owner
        self.agrees = agrees
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

public protocol WrittenDecisionRepository: Sendable {
    func insert(_ decision: WrittenDecision) async throws
    func find(_ id: WrittenDecisionID) async throws -> WrittenDecision?
    /// Holds the decision until the transaction ends, so two last answers cannot both conclude it.
    func lock(_ id: WrittenDecisionID) async throws
    /// Newest first.
    func list(of building: BuildingID, page: PageRequest) async throws -> Page<WrittenDecision>
    func update(_ decision: WrittenDecision) async throws
    func saveRoll(_ roll: AssemblyRoll, names: [OwnerID: String], of decision: WrittenDecisionID) async throws
    func roll(of decision: WrittenDecisionID) async throws -> AssemblyRoll
    func voterNames(of decision: WrittenDecisionID) async throws -> [OwnerID: String]
    func voters(linkedTo user: UserID, in decision: WrittenDecisionID) async throws -> [OwnerID]
    /// Throws `GovernanceError.alreadyAnswered` for a second answer of the same owner.
    func insert(_ answer: WrittenAnswer, to decision: WrittenDecisionID) async throws
    func answers(of decision: WrittenDecisionID) async throws -> [WrittenAnswer]
}

public protocol LotRepresentativeRepository: Sendable {
    /// Names (or replaces) the person who votes for a lot held by several.
    func name(_ owner: OwnerID, for lot: LotID, at date: Date) async throws
    func representatives(in building: BuildingID) async throws -> [LotID: OwnerID]
}

/// Per building: the rules its internal rules set (notice, annual assembly period).
public protocol GovernanceSettingsRepository: Sendable {
    func settings(of building: BuildingID) async throws -> GovernanceSettings?
    func save(_ settings: GovernanceSettings, of building: BuildingID) async throws
}

public protocol MandateRepository: Sendable {
    func insert(_ mandate: Mandate) async throws
    /// Every mandate of the building, current and past, oldest start first.
    func mandates(of building: BuildingID) async throws -> [Mandate]
    /// Every organization's current syndic mandates ending on or before `day`, not yet flagged.
    func syndicMandatesEnding(onOrBefore day: CalendarDate, after today: CalendarDate) async throws -> [Mandate]
    func markAlerted(_ id: MandateID, at date: Date) async throws
}

public protocol AgendaProposalRepository: Sendable {
    func insert(_ proposal: AgendaProposal) async throws
    /// Oldest received first.
    func list(of building: BuildingID, page: PageRequest) async throws -> Page<AgendaProposal>
    /// The building's proposals not yet placed on an agenda, oldest received first.
    func pending(in building: BuildingID) async throws -> [AgendaProposal]
    func markPlaced(_ proposal: AgendaProposal) async throws
}

public protocol RequisitionRepository: Sendable {
    func insert(_ requisition: AssemblyRequisition) async throws
    /// Oldest received first.
    func list(of building: BuildingID, page: PageRequest) async throws -> Page<AssemblyRequisition>
    func pending(in building: BuildingID) async throws -> [AssemblyRequisition]
    func markConvened(_ requisition: AssemblyRequisition) async throws
    /// Every organization's pending requisitions due on or before `day`, not yet reminded.
    func dueUnreminded(onOrBefore day: CalendarDate) async throws -> [AssemblyRequisition]
    func markReminded(_ id: RequisitionID, at date: Date) async throws
}

/// When an assembly's minutes were sent to the owners, and whether the syndic was reminded.
public protocol MinutesDistributionRepository: Sendable {
    func sentOn(_ assembly: AssemblyID) async throws -> CalendarDate?
    func markSent(_ assembly: AssemblyID, on day: CalendarDate) async throws
    /// Every organization's assemblies held (with quorum) on or after `day` whose minutes are
    /// neither sent nor reminded.
    func awaiting(heldSince day: CalendarDate) async throws -> [GeneralAssembly]
    func markReminded(_ assembly: AssemblyID, at date: Date) async throws
}

/// The governance module's stores.
public protocol GovernanceStores:
    UsesAssemblies,
    UsesResolutions,
    UsesRegister,
    UsesWrittenDecisions,
    UsesLotRepresentatives,
    UsesMandates,
    UsesAgendaProposals,
    UsesRequisitions,
    UsesMinutesDistributions,
    UsesGovernanceSettings
{}

/// A use case that reads or writes `assemblies`.
public protocol UsesAssemblies: Sendable { var assemblies: any AssemblyRepository { get } }

/// A use case that reads or writes `resolutions`.
public protocol UsesResolutions: Sendable { var resolutions: any ResolutionRepository { get } }

/// A use case that reads or writes `register`.
public protocol UsesRegister: Sendable { var register: any RegisterRepository { get } }

/// A use case that reads or writes `writtenDecisions`.
public protocol UsesWrittenDecisions: Sendable { var writtenDecisions: any WrittenDecisionRepository { get } }

/// A use case that reads or writes `lotRepresentatives`.
public protocol UsesLotRepresentatives: Sendable { var lotRepresentatives: any LotRepresentativeRepository { get } }

/// A use case that reads or writes `mandates`.
public protocol UsesMandates: Sendable { var mandates: any MandateRepository { get } }

/// A use case that reads or writes `agendaProposals`.
public protocol UsesAgendaProposals: Sendable { var agendaProposals: any AgendaProposalRepository { get } }

/// A use case that reads or writes `requisitions`.
public protocol UsesRequisitions: Sendable { var requisitions: any RequisitionRepository { get } }

/// A use case that reads or writes `minutesDistributions`.
public protocol UsesMinutesDistributions: Sendable {
    var minutesDistributions: any MinutesDistributionRepository { get }
}

/// A use case that reads or writes `governanceSettings`.
public protocol UsesGovernanceSettings: Sendable { var governanceSettings: any GovernanceSettingsRepository { get } }
