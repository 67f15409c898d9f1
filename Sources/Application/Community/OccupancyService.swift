public import Domain
public import Foundation

/// Occupants (tenants) of a building's lots: linked by the syndic or by the lot's owner, to a
/// member of the organization; the link ends when they leave and stays as history.
public struct OccupancyService: Sendable, UseCaseSupport, CommunityUseCase {
    let context: CommunityContext

    /// The lot, its building, and whether the caller may change its occupants: the building's
    /// managers, or an owner of the lot today.
    private func lotForChange(
        _ lotID: LotID, _ principal: Principal,
        _ repos: any UsesBuildings & UsesLots & UsesOccupancies & UsesOwners & UsesOwnerships
    ) async throws
        -> (Lot, Building)
    {
        try AccessPolicy.require(.useCommunity, by: principal)
        let lot = try await TenantScope.visible(
            try await repos.lots.find(lotID), of: \.buildingID, principal, repos, entity: "lot", id: lotID.description)
        let (building, resident) = try await residents.resident(of: lot.buildingID, principal, repos)
        guard !resident.isManager else { return (lot, building) }
        let today = residents.today(in: building)
        let holders = Set(
            try await repos.ownerships.history(of: lot.id).filter { $0.isActive(on: today) }.map(\.ownerID))
        guard resident.ownerIDs.contains(where: holders.contains) else {
            throw CommunityError.notYours("the syndic or an owner of the lot")
        }
        return (lot, building)
    }

    /// Links a member to the lot from `startDate` (today when nil).
    public func link(_ userID: UUID?, to lotID: LotID, startDate: String?, as principal: Principal) async throws
        -> Occupancy
    {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesLots & UsesMemberships & UsesOccupancies & UsesOwners
                    & UsesOwnerships
            ) in
            let (lot, building) = try await lotForChange(lotID, principal, repos)
            guard let userID else { throw DomainError.invalidValue(field: "userId", reason: "is required") }
            let user = UserID(userID)
            guard try await repos.memberships.find(user: user, organization: principal.organizationID) != nil else {
                throw DomainError.invalidValue(field: "userId", reason: "must be a member of the organization")
            }
            let start =
                try startDate.map { try CalendarDate(parsing: $0, field: "startDate") }
                ?? residents.today(in: building)
            if try await repos.occupancies.list(of: lot.id).contains(where: { $0.userID == user && $0.endDate == nil })
            {
                throw DomainError.invalidValue(field: "userId", reason: "already occupies this lot")
            }
            let occupancy = Occupancy(
                id: OccupancyID(ids.make()), organizationID: principal.organizationID, buildingID: building.id,
                lotID: lot.id, userID: user, startDate: start, createdBy: principal.userID, createdAt: clock.now())
            try await repos.occupancies.insert(occupancy)
            try await trail.record(
                "occupancy.linked", entity: "occupancy", id: occupancy.id.description,
                payload: ["lot": lot.id.description, "building": building.id.description], by: principal,
                organization: principal.organizationID, repos)
            return occupancy
        }
    }

    /// The lot's occupants, current and past (its managers and owners).
    public func occupants(of lotID: LotID, as principal: Principal) async throws -> [Occupancy] {
        try await persistence.read {
            (repos: any UsesBuildings & UsesLots & UsesOccupancies & UsesOwners & UsesOwnerships) in
            let (lot, _) = try await lotForChange(lotID, principal, repos)
            return try await repos.occupancies.list(of: lot.id)
        }
    }

    /// Ends the link on `endDate` (today when nil).
    public func end(_ id: OccupancyID, endDate: String?, as principal: Principal) async throws -> Occupancy {
        try await persistence.write {
            (repos: any UsesAudit & UsesBuildings & UsesLots & UsesOccupancies & UsesOwners & UsesOwnerships) in
            try AccessPolicy.require(.useCommunity, by: principal)
            var occupancy = try TenantScope.visible(
                try await repos.occupancies.find(id), in: \.organizationID, principal, entity: "occupancy",
                id: id.description)
            let (_, building) = try await lotForChange(occupancy.lotID, principal, repos)
            let day =
                try endDate.map { try CalendarDate(parsing: $0, field: "endDate") } ?? residents.today(in: building)
            try occupancy.end(on: day)
            try await repos.occupancies.update(occupancy)
            try await trail.record(
                "occupancy.ended", entity: "occupancy", id: occupancy.id.description,
                payload: ["lot": occupancy.lotID.description], by: principal, organization: principal.organizationID,
                repos)
            return occupancy
        }
    }

    /// The caller's place in the building (`GET /buildings/{id}/community/me`).
    public func resident(of buildingID: BuildingID, as principal: Principal) async throws -> Resident {
        try await persistence.read { (repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships) in
            try await residents.resident(of: buildingID, principal, repos).1
        }
    }
}

/// The community module's use cases, built together.
public struct CommunityServices: Sendable {
    public let occupancies: OccupancyService
    public let polls: PollService
    public let notices: NoticeService
    public let skills: SkillService
    public let sharedObjects: SharedObjectService
    public let bookings: BookingService

    public init(persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, bus: DomainEventBus) {
        let context = CommunityContext(
            persistence: persistence, clock: clock, ids: ids, trail: AuditTrail(clock: clock, ids: ids),
            residents: Residents(clock: clock), bus: bus)
        skills = SkillService(context: context)
        sharedObjects = SharedObjectService(context: context)
        occupancies = OccupancyService(context: context)
        polls = PollService(context: context)
        notices = NoticeService(context: context)
        bookings = BookingService(context: context)
    }
}

/// What every community use case is built from, made once by `CommunityServices`.
struct CommunityContext: Sendable {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail
    let residents: Residents
    /// Where the module states its facts (a shared object removed: its photos go with it).
    let bus: DomainEventBus
}

/// A community use case: its dependencies are the module's context.
protocol CommunityUseCase: Sendable {
    var context: CommunityContext { get }
}

extension CommunityUseCase {
    var persistence: any Persistence { context.persistence }
    var clock: any WallClock { context.clock }
    var ids: any IDGenerator { context.ids }
    var trail: AuditTrail { context.trail }
    var residents: Residents { context.residents }
}
