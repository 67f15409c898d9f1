public import Domain

public protocol BuildingRepository: Sendable {
    func insert(_ building: Building) async throws
    func find(_ id: BuildingID) async throws -> Building?
    func list(of organization: OrganizationID, page: PageRequest) async throws -> Page<Building>
    func update(_ building: Building) async throws
    /// Holds the building until the transaction ends, so checks over its lots cannot race
    /// (a row lock on PostgreSQL; SQLite writers are serialized already).
    func lock(_ id: BuildingID) async throws
}

public protocol LotRepository: Sendable {
    /// Throws `CoOwnershipError.lotNumberTaken` when the number exists in the building.
    func insert(_ lot: Lot) async throws
    /// Many lots in a few statements (an import); the numbers must have been checked.
    func insertAll(_ lots: [Lot]) async throws
    func find(_ id: LotID) async throws -> Lot?
    func lots(of building: BuildingID) async throws -> [Lot]
    /// Ordered by number.
    func list(of building: BuildingID, page: PageRequest) async throws -> Page<Lot>
    func update(_ lot: Lot) async throws
}

public protocol OwnerRepository: Sendable {
    func insert(_ owner: Owner) async throws
    func insertAll(_ owners: [Owner]) async throws
    func find(_ id: OwnerID) async throws -> Owner?
    /// The organization's oldest owner with that email, if any.
    func find(email: Email, in organization: OrganizationID) async throws -> Owner?
    /// `find(email:in:)` for many emails at once (an import): the oldest owner of each email found.
    func find(emails: [Email], in organization: OrganizationID) async throws -> [Email: Owner]
    /// Ordered by name.
    func list(of organization: OrganizationID, page: PageRequest) async throws -> Page<Owner>
    func update(_ owner: Owner) async throws
    /// The organization's owner records linked to the user account, oldest first.
    func linked(to user: UserID, in organization: OrganizationID) async throws -> [Owner]
}

public protocol OwnershipRepository: Sendable {
    func insert(_ ownership: Ownership) async throws
    func insertAll(_ ownerships: [Ownership]) async throws
    /// Every row of the lot, current and past, oldest first.
    func history(of lot: LotID) async throws -> [Ownership]
    /// Every row of every lot of the building, current and past.
    func all(in building: BuildingID) async throws -> [Ownership]
    /// Rows without an end date, for every lot of the building.
    func open(in building: BuildingID) async throws -> [Ownership]
    func end(_ ownership: Ownership) async throws
}
