public import Domain
public import Foundation
import Synchronization

/// A fact one module states and others may react to (a member's roles changed…).
public protocol DomainEvent: Sendable {}

/// A member's roles in an organization were replaced.
public struct MemberRolesChanged: DomainEvent, Equatable {
    public let user: UserID
    public let organization: OrganizationID
    public let previous: Set<Role>
    public let current: Set<Role>
    public let at: Date
}

/// Someone accepted an invitation to an organization, by registering with it or, holding an
/// account already, by accepting it signed in. A module that invited for a purpose of its own (a
/// project's guest) finishes it here, in the same transaction.
public struct InvitationAccepted: DomainEvent, Equatable {
    public let invitation: InvitationID
    public let user: UserID
    public let organization: OrganizationID
    public let at: Date
}

/// An entity that documents may be linked to is gone (a shared object its lender removed): the
/// documents linked to it go with it.
public struct LinkedEntityDeleted: DomainEvent, Equatable {
    /// The link type the entity's module registered (`shared_object`).
    public let entityType: String
    public let entityID: UUID
    public let organization: OrganizationID
    public let at: Date
}

/// A building was created: it needs its own books.
public struct BuildingCreated: DomainEvent, Equatable {
    public let building: BuildingID
    public let at: Date
}

/// A ride has waited in the pool longer than its company allows (stated once per ride).
public struct RideLeftWaiting: DomainEvent, Equatable {
    public let ride: CommandeID
    public let organization: OrganizationID
    public let reference: String
    public let pickup: String
    public let destination: String
    /// The company's allowance, in minutes.
    public let minutes: Int
    public let at: Date
}

/// An owner's contribution to a call is paid in full.
public struct ContributionSettled: DomainEvent, Equatable {
    public let call: CallForFundsID
    public let building: BuildingID
    public let owner: OwnerID
    public let on: CalendarDate
    public let at: Date
}

/// A lot was sold: the seller's shares ended the day before `on`, the buyer's start that day.
public struct LotTransferred: DomainEvent, Equatable {
    public let lot: LotID
    public let building: BuildingID
    public let organization: OrganizationID
    public let seller: OwnerID
    public let buyer: OwnerID
    public let on: CalendarDate
    public let at: Date
}

/// A regulated inspection (legal file) is due on `nextDate`: maintenance keeps the equipment's
/// preventive plan `plan` at the legal frequency and that date, making it the first time.
public struct RegulatedPlanScheduled: DomainEvent, Equatable {
    public let plan: PreventivePlanID
    public let organization: OrganizationID
    public let equipement: EquipementID
    public let title: String
    public let months: Int
    public let nextDate: CalendarDate
    public let at: Date
}

/// A regulated inspection failed: maintenance opens the repair, the intervention `intervention`.
public struct TechnicalInspectionFailed: DomainEvent, Equatable {
    public let intervention: InterventionID
    public let organization: OrganizationID
    public let building: BuildingID
    public let equipement: EquipementID
    public let title: String
    public let findings: String
    public let at: Date
}

/// A supplier invoice is about to be approved (finance operations): a reaction may refuse it.
public struct InvoiceApproving: DomainEvent, Equatable {
    public let invoice: PurchaseInvoiceID
    public let building: BuildingID
    public let organization: OrganizationID
    public let category: PurchaseInvoice.Category
    public let at: Date
}

/// How modules react to each other's facts without reaching into each other.
///
/// A module publishes an event inside the transaction that makes it true; every reaction runs in
/// that same transaction, with the same repositories, so the fact and its consequences commit or
/// roll back together (a reaction that refuses, with a 409, refuses the whole change). Reactions
/// hand back the live events to publish once the transaction has committed.
///
/// The composition root subscribes each module's reactions once, at start; a module never
/// knows who listens.
public final class DomainEventBus: Sendable {
    public typealias Reaction = @Sendable (any DomainEvent, any Repositories) async throws -> [LiveEvent]

    private let reactions = Mutex<[Reaction]>([])

    public init() {}

    public func subscribe(_ reaction: @escaping Reaction) {
        reactions.withLock { $0.append(reaction) }
    }

    /// Runs every reaction to `event` in the caller's transaction (`repos`), in subscription order.
    func publish(_ event: any DomainEvent, _ repos: any Repositories) async throws -> [LiveEvent] {
        var live: [LiveEvent] = []
        for reaction in reactions.withLock({ $0 }) {
            live += try await reaction(event, repos)
        }
        return live
    }
}

/// How a use case states a fact: it publishes into its own transaction and every reaction runs
/// there, with the stores the reaction needs, which the use case itself never sees. A use case
/// that publishes declares its own stores as any other does (`persistence.write(publishing:)`).
public struct EventPublisher: Sendable {
    private let bus: DomainEventBus?
    private let repos: any Repositories

    init(_ bus: DomainEventBus?, _ repos: any Repositories) {
        self.bus = bus
        self.repos = repos
    }

    /// Runs every reaction to `event` now, in the transaction; the live events to publish once it
    /// has committed. Without a bus (a service built without one) nothing reacts.
    func publish(_ event: any DomainEvent) async throws -> [LiveEvent] {
        guard let bus else { return [] }
        return try await bus.publish(event, repos)
    }
}

extension Persistence {
    /// A write whose use case publishes facts (`events`) for other modules to react to in the same
    /// transaction; `work` states the stores it uses, as in `write`.
    func write<T: Sendable>(
        publishing bus: DomainEventBus?, _ work: @Sendable (any Repositories, EventPublisher) async throws -> T
    ) async throws -> T {
        try await write { repos in try await work(repos, EventPublisher(bus, repos)) }
    }
}

/// The one way a member's roles change, whichever route or command asks: the roles are replaced,
/// the change is audited, the `MemberRolesChanged` reactions run (dispatch releases a driver who
/// stops driving), and the member's sockets close so they reconnect with their new roles.
struct MemberRoleChange {
    let bus: DomainEventBus
    let trail: AuditTrail

    /// Within the caller's transaction; the live events to publish after it commits. A member
    /// whose roles do not change is left alone.
    func apply(
        to membership: inout Membership, roles: Set<Role>, by principal: Principal?, at now: Date,
        _ repos: any UsesAudit & UsesMemberships, _ events: EventPublisher
    ) async throws -> [LiveEvent] {
        let previous = membership.roles
        guard roles != previous else { return [] }
        try membership.replaceRoles(with: roles)
        try await repos.memberships.replaceRoles(membership)
        try await trail.record(
            "member.roles_changed", entity: "user", id: membership.userID.description,
            payload: ["roles": roles.map(\.rawValue).sorted().joined(separator: ",")], by: principal,
            organization: membership.organizationID, repos)
        let event = MemberRolesChanged(
            user: membership.userID, organization: membership.organizationID, previous: previous, current: roles,
            at: now)
        var live = try await events.publish(event)
        // Their sockets were opened with the old roles: they reconnect with a fresh token.
        live.append(
            .sessionClosed(
                membership.userID, in: membership.organizationID, session: nil, reason: "roles_changed", at: now))
        return live
    }
}
