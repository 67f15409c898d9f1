/// The co-ownership module's stores.
public protocol CoOwnershipStores: Sendable {
    var buildings: any BuildingRepository { get }
    var lots: any LotRepository { get }
    var owners: any OwnerRepository { get }
    var ownerships: any OwnershipRepository { get }
}
