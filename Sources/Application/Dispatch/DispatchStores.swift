/// The dispatch module's stores.
public protocol DispatchStores: Sendable {
    var societes: any SocieteRepository { get }
    var taxis: any TaxiRepository { get }
    var dispatchClients: any DispatchClientRepository { get }
    var commandes: any CommandeRepository { get }
    var demandes: any DemandeRepository { get }
    var dispatchStats: any DispatchStatsRepository { get }
}
