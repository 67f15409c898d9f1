public import Domain
public import Foundation

/// `PATCH /users/{id}`: what the company changes about one of its members. `nil` leaves a field
/// as it is; `.some(nil)` clears it (the company's name for them, their phone, their taxi).
public struct MemberPatch: Sendable {
    public var name: String??
    public var phone: String??
    public var roles: [String]?
    public var taxiID: UUID??

    public init(name: String?? = nil, phone: String?? = nil, roles: [String]? = nil, taxiID: UUID?? = nil) {
        self.name = name
        self.phone = phone
        self.roles = roles
        self.taxiID = taxiID
    }
}

/// A member and the taxi they drive, if any.
public struct CompanyMember: Sendable, Equatable {
    public let member: Member
    public let taxiID: TaxiID?
}

extension DispatchService {
    /// `PATCH /users/{id}`: the company's record of a member (name, phone), their roles and their
    /// taxi, in one transaction. Binding a driver to a taxi moves them from their previous one; a
    /// taxi driven by someone else is refused (409). A member who stops being a driver leaves
    /// their taxi and their open offers go back to the pool, as when they leave the company.
    public func updateMember(_ user: UserID, _ patch: MemberPatch, as principal: Principal) async throws
        -> CompanyMember
    {
        try AccessPolicy.require(.changeMemberRoles, by: principal)
        let roles = try patch.roles.map { try IdentityService.roles($0, for: user, by: principal) }
        let now = clock.now()
        let organization = principal.organizationID
        // The whole transaction: this use case states a fact on the bus, whose reactions write their own modules' stores.
        let (result, events) = try await persistence.write(publishing: roleChange.bus) {
            (repos: any UsesAudit & UsesMemberships & UsesTaxis, facts: EventPublisher) in
            guard var membership = try await repos.memberships.find(user: user, organization: organization) else {
                throw ApplicationError.notFound(entity: "user", id: user.description)
            }
            try membership.editProfile(displayName: patch.name, phone: patch.phone)
            try await repos.memberships.updateProfile(membership)
            var events: [LiveEvent] = []
            if let roles {
                events = try await roleChange.apply(
                    to: &membership, roles: roles, by: principal, at: now, repos, facts)
            }
            var taxi = try await repos.taxis.find(driver: user, in: organization)
            if let wanted = patch.taxiID {
                taxi = try await bind(user, to: wanted.map(TaxiID.init), current: taxi, membership, principal, repos)
            }
            try await trail.record(
                "member.updated", entity: "user", id: user.description, by: principal, organization: organization,
                repos)
            guard let member = try await repos.memberships.member(user, in: organization) else {
                throw ApplicationError.notFound(entity: "user", id: user.description)
            }
            return (CompanyMember(member: member, taxiID: taxi?.id), events)
        }
        await self.events.publish(events)
        return result
    }

    /// The driver's taxi after binding them to `wanted` (nil: to none).
    private func bind(
        _ user: UserID, to wanted: TaxiID?, current: Taxi?, _ membership: Membership, _ principal: Principal,
        _ repos: any UsesTaxis
    ) async throws -> Taxi? {
        guard current?.id != wanted else { return current }
        if var current {
            try await repos.taxis.lock(current.id)
            try current.edit(numero: nil, plate: nil, vignette: nil, driverID: .some(nil))
            try await repos.taxis.update(current)
        }
        guard let wanted else { return nil }
        guard membership.roles.contains(.chauffeur) else {
            throw DomainError.invalidValue(
                field: "taxiId", reason: "only a member with the chauffeur role drives a taxi")
        }
        try await repos.taxis.lock(wanted)
        var taxi = try TenantScope.visible(
            try await repos.taxis.find(wanted), in: \.organizationID, principal, entity: "taxi", id: wanted.description)
        if let other = taxi.driverID, other != user { throw DispatchError.taxiHasDriver }
        try taxi.edit(numero: nil, plate: nil, vignette: nil, driverID: .some(user))
        try await repos.taxis.update(taxi)
        return taxi
    }

    /// `DELETE /users/{id}`: the member leaves the company. A driver's open offers are withdrawn
    /// (the rides go back to the pool) and their taxi is freed, in the same transaction; a driver
    /// still holding accepted or started rides is refused (409) until they are reassigned.
    public func removeMember(_ user: UserID, as principal: Principal) async throws {
        try AccessPolicy.require(.changeMemberRoles, by: principal)
        guard user != principal.userID else { throw DispatchError.cannotRemoveSelf }
        let now = clock.now()
        let organization = principal.organizationID
        let events = try await persistence.write {
            (repos: any UsesAudit & UsesCommandes & UsesDemandes & UsesMemberships & UsesTaxis) in
            guard try await repos.memberships.find(user: user, organization: organization) != nil else {
                throw ApplicationError.notFound(entity: "user", id: user.description)
            }
            var events = try await releaseDriver(user, in: organization, at: now, repos)
            events.append(.sessionClosed(user, in: organization, session: nil, reason: "removed", at: now))
            try await repos.memberships.delete(user: user, organization: organization)
            try await trail.record(
                "member.removed", entity: "user", id: user.description, by: principal, organization: organization,
                repos)
            return events
        }
        await self.events.publish(events)
    }

    /// A member stops driving for the company: refused (409) while they hold accepted or started
    /// rides; otherwise their open offers go back to the pool and their taxi is freed.
    func releaseDriver(
        _ user: UserID, in organization: OrganizationID, at now: Date,
        _ repos: any UsesCommandes & UsesDemandes & UsesTaxis
    )
        async throws -> [LiveEvent]
    {
        if let held = try await repos.commandes.rides(
            driver: user, in: organization, statuses: [.assignee, .enCours]
        ).first {
            throw DispatchError.memberHasRides(reference: held.reference)
        }
        var events: [LiveEvent] = []
        for ride in try await repos.commandes.rides(driver: user, in: organization, statuses: [.proposee]) {
            var ride = ride
            try await repos.commandes.lock(ride.id)
            try await withdrawOpenOffer(of: ride.id, repos)
            try ride.apply(.refuse, at: now)
            try await repos.commandes.update(ride)
            events.append(planningEvent("commande.released", ride, at: now))
        }
        if var taxi = try await repos.taxis.find(driver: user, in: organization) {
            try taxi.edit(numero: nil, plate: nil, vignette: nil, driverID: .some(nil))
            try await repos.taxis.update(taxi)
        }
        return events
    }
}
