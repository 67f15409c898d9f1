public import Domain
import Foundation

extension DispatchService {
    /// `DELETE /users/{id}`: the member leaves the company. A driver's open offers are withdrawn
    /// (the rides go back to the pool) and their taxi is freed, in the same transaction; a driver
    /// still holding accepted or started rides is refused (409) until they are reassigned.
    public func removeMember(_ user: UserID, as principal: Principal) async throws {
        try AccessPolicy.require(.changeMemberRoles, by: principal)
        guard user != principal.userID else { throw DispatchError.cannotRemoveSelf }
        let now = clock.now()
        let organization = principal.organizationID
        let events = try await persistence.write { repos in
            guard try await repos.memberships.find(user: user, organization: organization) != nil else {
                throw ApplicationError.notFound(entity: "user", id: user.description)
            }
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
            try await repos.memberships.delete(user: user, organization: organization)
            try await trail.record(
                "member.removed", entity: "user", id: user.description, by: principal, organization: organization,
                repos)
            return events
        }
        await self.events.publish(events)
    }
}
