public import Domain
import Foundation

/// Who the caller is in a building's community.
public enum Resident: Sendable, Equatable {
    /// The syndic or an admin of the organization: acts on everything by role.
    case manager
    /// An owner of a lot today, through the owner records linked to their account.
    case owner([OwnerID])
    /// Lives in a lot without owning it.
    case occupant

    public var isManager: Bool { self == .manager }

    public var ownerIDs: [OwnerID] {
        if case .owner(let ids) = self { return ids }
        return []
    }
}

/// Finds the caller's place in a building: manager by role, else owner (an owner record linked to
/// their account holds a lot today), else occupant (an open link to a lot), else refused with the
/// reason. Every community use case starts here.
struct Residents: Sendable {
    let clock: any WallClock

    func today(in building: Building) -> CalendarDate { CalendarDate(dayOf: clock.now(), in: building.zone) }

    /// The building (of the caller's organization) and the caller's place in it.
    func resident(
        of buildingID: BuildingID, _ principal: Principal,
        _ repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships
    ) async throws -> (Building, Resident) {
        try AccessPolicy.require(.useCommunity, by: principal)
        let building = try await TenantScope.building(buildingID, principal, repos)
        if AccessPolicy.allows(principal, .manageCommunity) { return (building, .manager) }
        let today = today(in: building)
        let owners = try await owners(of: principal.userID, in: building, on: today, repos)
        if !owners.isEmpty { return (building, .owner(owners)) }
        let occupancies = try await repos.occupancies.open(of: principal.userID, in: building.id)
        if occupancies.contains(where: { $0.isActive(on: today) }) { return (building, .occupant) }
        throw CommunityError.notAResident
    }

    /// The caller's owner records that hold a lot of the building on that day.
    func owners(
        of user: UserID, in building: Building, on day: CalendarDate, _ repos: any UsesOwners & UsesOwnerships
    ) async throws -> [OwnerID] {
        let linked = try await repos.owners.linked(to: user, in: building.organizationID)
        guard !linked.isEmpty else { return [] }
        let holding = try await currentOwners(of: building, on: day, repos)
        return linked.map(\.id).filter(holding.contains)
    }

    /// The building's owners on that day: those holding an open ownership of one of its lots.
    func currentOwners(of building: Building, on day: CalendarDate, _ repos: any UsesOwnerships) async throws
        -> Set<OwnerID>
    {
        Set(try await repos.ownerships.open(in: building.id).filter { $0.isActive(on: day) }.map(\.ownerID))
    }

    /// The users of the building's owners today (those linked to an account).
    func ownerUsers(of building: Building, _ repos: any UsesOwners & UsesOwnerships) async throws -> Set<UserID> {
        var users = Set<UserID>()
        for ownerID in try await currentOwners(of: building, on: today(in: building), repos) {
            if let user = try await repos.owners.find(ownerID)?.userID { users.insert(user) }
        }
        return users
    }
}
