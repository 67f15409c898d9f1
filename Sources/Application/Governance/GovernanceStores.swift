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

/// A decision in the building's register: what was decided, when, by which majority.
public struct RegisterEntry: Sendable, Equatable {
    public let assembly: GeneralAssembly
    public let item: AgendaItem
    public let resolution: Resolution

    public init(assembly: GeneralAssembly, item: AgendaItem, resolution: Resolution) {
        self.assembly = assembly
        self.item = item
        self.resolution = resolution
    }
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
    /// The closed resolutions of the building's assemblies, oldest first.
    func register(of building: BuildingID, page: PageRequest) async throws -> Page<RegisterEntry>
}

public protocol LotRepresentativeRepository: Sendable {
    /// Names (or replaces) the person who votes for a lot held by several.
    func name(_ owner: OwnerID, for lot: LotID, at date: Date) async throws
    func representatives(in building: BuildingID) async throws -> [LotID: OwnerID]
}

/// Per building: the notice the internal rules ask (at least the legal 15 days).
public protocol GovernanceSettingsRepository: Sendable {
    func noticeDays(of building: BuildingID) async throws -> Int?
    func setNoticeDays(_ days: Int, of building: BuildingID) async throws
}

/// The governance module's stores.
public protocol GovernanceStores: Sendable {
    var assemblies: any AssemblyRepository { get }
    var resolutions: any ResolutionRepository { get }
    var lotRepresentatives: any LotRepresentativeRepository { get }
    var governanceSettings: any GovernanceSettingsRepository { get }
}

/// What governance's use cases see: its own stores, co-ownership's (buildings, lots, owners),
/// identity's (who is the syndic) and platform's (audit, consents). Finance reacts to its
/// decisions through the bus.
typealias GovernanceScope = GovernanceStores & CoOwnershipStores & IdentityStores & PlatformStores
