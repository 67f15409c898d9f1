public import Domain
public import Foundation

public protocol SocieteRepository: Sendable {
    func find(_ organization: OrganizationID) async throws -> Societe?
    /// The company whose public booking form has this slug.
    func find(slug: String) async throws -> Societe?
    /// Throws `DispatchError.slugTaken` for a slug another company uses.
    func save(_ societe: Societe) async throws
}

public protocol TaxiRepository: Sendable {
    /// Throws `DispatchError.plateTaken` or `.driverHasTaxi`.
    func insert(_ taxi: Taxi) async throws
    func find(_ id: TaxiID) async throws -> Taxi?
    func find(plate: String, in organization: OrganizationID) async throws -> Taxi?
    func find(driver: UserID, in organization: OrganizationID) async throws -> Taxi?
    /// Holds the taxi until the transaction ends: accepting rides on one taxi is serialized.
    func lock(_ id: TaxiID) async throws
    /// Ordered by numero.
    func list(of organization: OrganizationID, page: PageRequest) async throws -> Page<Taxi>
    func update(_ taxi: Taxi) async throws
    func delete(_ id: TaxiID) async throws
}

public protocol DispatchClientRepository: Sendable {
    func insert(_ client: DispatchClient) async throws
    func find(_ id: DispatchClientID) async throws -> DispatchClient?
    /// Ordered by name.
    func list(of organization: OrganizationID, page: PageRequest) async throws -> Page<DispatchClient>
    func update(_ client: DispatchClient) async throws
    func delete(_ id: DispatchClientID) async throws
    func isReferenced(_ id: DispatchClientID) async throws -> Bool
}

public struct CommandeFilter: Sendable {
    /// Matches the reference, pickup, destination or contact name, case-insensitively.
    public var query: String?
    public var status: Commande.Status?
    public var clientKind: DispatchClient.Kind?
    public var taxiID: TaxiID?
    public var driverID: UserID?
    /// Pickup time in [from, to).
    public var from: Date?
    public var to: Date?

    public init(
        query: String? = nil, status: Commande.Status? = nil, clientKind: DispatchClient.Kind? = nil,
        taxiID: TaxiID? = nil, driverID: UserID? = nil, from: Date? = nil, to: Date? = nil
    ) {
        self.query = query
        self.status = status
        self.clientKind = clientKind
        self.taxiID = taxiID
        self.driverID = driverID
        self.from = from
        self.to = to
    }
}

public protocol CommandeRepository: Sendable {
    /// The next number of the organization's year, from a counter updated in the caller's
    /// transaction: a rolled-back ride gives its number back, so references have no gaps.
    func nextNumber(of organization: OrganizationID, year: Int) async throws -> Int
    func insert(_ commande: Commande) async throws
    func find(_ id: CommandeID) async throws -> Commande?
    /// Several rides in one statement.
    func find(ids: [CommandeID]) async throws -> [Commande]
    /// Holds the ride until the transaction ends, so two changes cannot race.
    func lock(_ id: CommandeID) async throws
    func update(_ commande: Commande) async throws
    /// Ordered by pickup time; one statement for the page and one for the count.
    func list(of organization: OrganizationID, filter: CommandeFilter, page: PageRequest) async throws -> Page<
        Commande
    >
    /// Rides that hold the taxi (accepted or started) with a pickup in [from, to).
    func holding(taxi: TaxiID, pickupFrom from: Date, to: Date) async throws -> [Commande]
    /// Every organization's rides still in the pool, created before `date`, not yet alerted.
    func waitingUnalerted(createdBefore date: Date) async throws -> [Commande]
    /// Sets the ride's SLA-alert flag; false when it was already set (another run got there).
    func markAlerted(_ id: CommandeID) async throws -> Bool
    /// A driver's rides in these states (to release or refuse before the driver leaves).
    func rides(driver: UserID, in organization: OrganizationID, statuses: Set<Commande.Status>) async throws
        -> [Commande]
    /// Whether rides not yet finished or cancelled use the taxi.
    func hasPlannedRides(taxi: TaxiID) async throws -> Bool
}

public protocol DemandeRepository: Sendable {
    func insert(_ demande: Demande) async throws
    func find(_ id: DemandeID) async throws -> Demande?
    /// The ride's unanswered offer, if any.
    func open(for commande: CommandeID) async throws -> Demande?
    func update(_ demande: Demande) async throws
    /// A driver's offers in one state, newest first.
    func list(driver: UserID, in organization: OrganizationID, status: Demande.Status) async throws -> [Demande]
    /// The offers of a ride, oldest first (who was asked, who refused and why).
    func list(commande: CommandeID) async throws -> [Demande]
}

/// Rides of one taxi (or of none) in one state, for the fleet's figures.
public struct RideTally: Sendable, Equatable {
    public let taxiID: TaxiID?
    public let status: Commande.Status
    public let count: Int
    public let minutes: Int

    public init(taxiID: TaxiID?, status: Commande.Status, count: Int, minutes: Int) {
        self.taxiID = taxiID
        self.status = status
        self.count = count
        self.minutes = minutes
    }
}

/// A driver's figures over a period.
public struct DriverFigures: Sendable, Equatable, Codable {
    public var ridesDone: Int
    public var minutesDriven: Int
    public var offersAccepted: Int
    public var offersRefused: Int

    public init(ridesDone: Int = 0, minutesDriven: Int = 0, offersAccepted: Int = 0, offersRefused: Int = 0) {
        self.ridesDone = ridesDone
        self.minutesDriven = minutesDriven
        self.offersAccepted = offersAccepted
        self.offersRefused = offersRefused
    }
}

public protocol DispatchStatsRepository: Sendable {
    /// Rides picked up in [from, to), counted per taxi and state, in SQL.
    func tallies(of organization: OrganizationID, from: Date, to: Date) async throws -> [RideTally]
    /// Pickup times in [from, to) of rides not cancelled (for the rides-per-hour curve).
    func pickupTimes(of organization: OrganizationID, from: Date, to: Date) async throws -> [Date]
    /// Rides finished (by pickup time) and offers answered in [from, to).
    func figures(driver: UserID, in organization: OrganizationID, from: Date, to: Date) async throws -> DriverFigures
    /// The weekly snapshot, if the job took it.
    func snapshot(driver: UserID, in organization: OrganizationID, weekStart: Date) async throws -> DriverFigures?
    /// Keeps the first snapshot of a week (a rerun changes nothing); returns whether it was new.
    func saveSnapshot(
        _ figures: DriverFigures, driver: UserID, in organization: OrganizationID, weekStart: Date, at now: Date
    ) async throws -> Bool
    /// Every (organization, driver) pair: members holding the chauffeur role.
    func drivers() async throws -> [(OrganizationID, UserID)]
}
