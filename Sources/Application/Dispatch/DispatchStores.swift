/// The dispatch module's stores.
public protocol DispatchStores: Sendable {
    var societes: any SocieteRepository { get }
    var taxis: any TaxiRepository { get }
    var dispatchClients: any DispatchClientRepository { get }
    var commandes: any CommandeRepository { get }
    var demandes: any DemandeRepository { get }
    var dispatchStats: any DispatchStatsRepository { get }
}

/// What dispatch's use cases see: its own stores, and the identity (members, invitations) and
/// platform (audit, notifications, mail queue, job locks) stores. Use cases that state a fact on
/// the bus (a ride left waiting, a member's roles changed) hand it the whole transaction.
typealias DispatchScope = DispatchStores & IdentityStores & PlatformStores
