/// The dispatch module's stores.
public protocol DispatchStores:
    UsesSocietes,
    UsesTaxis,
    UsesDispatchClients,
    UsesCommandes,
    UsesDemandes,
    UsesDispatchStats
{}

/// A use case that reads or writes `societes`.
public protocol UsesSocietes: Sendable { var societes: any SocieteRepository { get } }

/// A use case that reads or writes `taxis`.
public protocol UsesTaxis: Sendable { var taxis: any TaxiRepository { get } }

/// A use case that reads or writes `dispatchClients`.
public protocol UsesDispatchClients: Sendable { var dispatchClients: any DispatchClientRepository { get } }

/// A use case that reads or writes `commandes`.
public protocol UsesCommandes: Sendable { var commandes: any CommandeRepository { get } }

/// A use case that reads or writes `demandes`.
public protocol UsesDemandes: Sendable { var demandes: any DemandeRepository { get } }

/// A use case that reads or writes `dispatchStats`.
public protocol UsesDispatchStats: Sendable { var dispatchStats: any DispatchStatsRepository { get } }
