/// The co-ownership module's stores.
public protocol CoOwnershipStores:
    UsesBuildings,
    UsesLots,
    UsesOwners,
    UsesOwnerships
{}

/// A use case that reads or writes `buildings`.
public protocol UsesBuildings: Sendable { var buildings: any BuildingRepository { get } }

/// A use case that reads or writes `lots`.
public protocol UsesLots: Sendable { var lots: any LotRepository { get } }

/// A use case that reads or writes `owners`.
public protocol UsesOwners: Sendable { var owners: any OwnerRepository { get } }

/// A use case that reads or writes `ownerships`.
public protocol UsesOwnerships: Sendable { var ownerships: any OwnershipRepository { get } }
