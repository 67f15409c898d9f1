public import Domain
import Foundation

public protocol CentreRepository: Sendable {
    /// Throws `ApplicationError.conflict` when the slug is taken (slugs are unique across organizations).
    func insert(_ centre: Centre) async throws
    func find(_ id: CentreID) async throws -> Centre?
    /// Stores the hours, the closures and the holiday rule.
    func update(_ centre: Centre) async throws
    /// By name.
    func list(of organization: OrganizationID) async throws -> [Centre]
}

public protocol LaneRepository: Sendable {
    func insert(_ lane: Lane, organization: OrganizationID) async throws
    /// By name.
    func list(of centre: CentreID) async throws -> [Lane]
}

public protocol InspectionOfferRepository: Sendable {
    func insert(_ offer: InspectionOffer, organization: OrganizationID) async throws
    func find(_ id: InspectionOfferID) async throws -> InspectionOffer?
    /// By name.
    func list(of centre: CentreID) async throws -> [InspectionOffer]
}

public protocol InspectorScheduleRepository: Sendable {
    /// Adds the schedule, or replaces the inspector's at that centre.
    func save(_ schedule: InspectorSchedule, organization: OrganizationID) async throws
    func list(of centre: CentreID) async throws -> [InspectorSchedule]
}

/// The inspection centre module's stores.
public protocol InspectionStores: Sendable {
    var centres: any CentreRepository { get }
    var lanes: any LaneRepository { get }
    var inspectionOffers: any InspectionOfferRepository { get }
    var inspectorSchedules: any InspectorScheduleRepository { get }
}

/// What the module's use cases see: its own stores, the members (identity) and the platform's.
typealias InspectionScope = InspectionStores & IdentityStores & PlatformStores
