public import Domain
public import Foundation

/// Use cases of a co-ownership's structure: buildings, lots, owners and who owns what.
/// Every call acts for a principal and sees only its organization. Its use cases see only the
/// co-ownership stores (and the identity stores, to check a linked user); creating a building
/// publishes `BuildingCreated` with the whole transaction, since reactions (finance opens the
/// building's books) write their own module's stores.
public struct CoOwnershipService: Sendable {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    /// Where co-ownership states its facts (a building created) for other modules to react.
    let bus: DomainEventBus

    public init(persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, bus: DomainEventBus) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.bus = bus
    }
}

public struct BuildingInput: Sendable {
    public var name: String
    public var address: String
    public var city: String
    public var postalCode: String
    public var country: String
    public var totalTantiemes: Int
    /// IANA; nil: Europe/Brussels.
    public var timeZone: String?

    public init(
        name: String, address: String, city: String, postalCode: String, country: String, totalTantiemes: Int,
        timeZone: String? = nil
    ) {
        self.timeZone = timeZone
        self.name = name
        self.address = address
        self.city = city
        self.postalCode = postalCode
        self.country = country
        self.totalTantiemes = totalTantiemes
    }
}

/// A partial update: nil leaves the field as it is.
public struct BuildingPatch: Sendable {
    public var name, address, city, postalCode, country: String?
    public var totalTantiemes: Int?
    /// IBANs; an empty string clears the account.
    public var workingFundIBAN, reserveFundIBAN: String?
    public var timeZone: String?

    public init(
        name: String? = nil, address: String? = nil, city: String? = nil, postalCode: String? = nil,
        country: String? = nil, totalTantiemes: Int? = nil, workingFundIBAN: String? = nil,
        reserveFundIBAN: String? = nil, timeZone: String? = nil
    ) {
        self.timeZone = timeZone
        self.workingFundIBAN = workingFundIBAN
        self.reserveFundIBAN = reserveFundIBAN
        self.name = name
        self.address = address
        self.city = city
        self.postalCode = postalCode
        self.country = country
        self.totalTantiemes = totalTantiemes
    }
}

public struct LotInput: Sendable {
    public var number: String
    public var kind: String
    public var floor: Int?
    /// Square metres; kept to the hundredth.
    public var surface: Double?
    public var tantiemes: Int

    public init(number: String, kind: String, floor: Int?, surface: Double?, tantiemes: Int) {
        self.number = number
        self.kind = kind
        self.floor = floor
        self.surface = surface
        self.tantiemes = tantiemes
    }
}

public struct LotPatch: Sendable {
    public var number, kind: String?
    public var floor: Int?
    public var surface: Double?
    public var tantiemes: Int?

    public init(
        number: String? = nil, kind: String? = nil, floor: Int? = nil, surface: Double? = nil, tantiemes: Int? = nil
    ) {
        self.number = number
        self.kind = kind
        self.floor = floor
        self.surface = surface
        self.tantiemes = tantiemes
    }
}

public struct OwnerInput: Sendable {
    public var kind: String?
    public var name: String?
    public var email: String?
    public var phone: String?
    public var address: String?
    public var userID: UUID?

    public init(
        kind: String? = nil, name: String? = nil, email: String? = nil, phone: String? = nil, address: String? = nil,
        userID: UUID? = nil
    ) {
        self.kind = kind
        self.name = name
        self.email = email
        self.phone = phone
        self.address = address
        self.userID = userID
    }
}

// MARK: - Buildings

extension CoOwnershipService {
    public func createBuilding(_ input: BuildingInput, as principal: Principal) async throws -> Building {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        let building = try Building(
            id: BuildingID(ids.make()), organizationID: principal.organizationID, name: input.name,
            address: input.address, city: input.city, postalCode: input.postalCode, country: input.country,
            totalTantiemes: input.totalTantiemes, createdAt: clock.now(),
            timeZone: input.timeZone ?? Building.defaultTimeZone)
        _ = try await persistence.write(publishing: bus) {
            (repos: any UsesBuildings, facts: EventPublisher) in
            try await repos.buildings.insert(building)
            // Finance opens the building's books (its PCMN chart) in the same transaction.
            return try await facts.publish(BuildingCreated(building: building.id, at: building.createdAt))
        }
        return building
    }

    public func buildings(page: PageRequest, as principal: Principal) async throws -> Page<Building> {
        try AccessPolicy.require(.readCoOwnership, by: principal)
        return try await persistence.read { (repos: any UsesBuildings) in
            try await repos.buildings.list(of: principal.organizationID, page: page)
        }
    }

    public func building(_ id: BuildingID, as principal: Principal) async throws -> Building {
        try AccessPolicy.require(.readCoOwnership, by: principal)
        return try await persistence.read { (repos: any UsesBuildings) in
            try await TenantScope.building(id, principal, repos)
        }
    }

    /// A new total may not fall below the tantièmes its lots already hold.
    public func updateBuilding(_ id: BuildingID, _ patch: BuildingPatch, as principal: Principal) async throws
        -> Building
    {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        return try await persistence.write { (repos: any UsesBuildings & UsesLots) in
            let current = try await TenantScope.building(id, principal, repos)
            try await repos.buildings.lock(id)
            let updated = try Building(
                id: current.id, organizationID: current.organizationID, name: patch.name ?? current.name,
                address: patch.address ?? current.address, city: patch.city ?? current.city,
                postalCode: patch.postalCode ?? current.postalCode, country: patch.country ?? current.country,
                totalTantiemes: patch.totalTantiemes ?? current.totalTantiemes, createdAt: current.createdAt,
                workingFundAccount: try patch.workingFundIBAN.map {
                    try Building.account($0, field: "workingFundIban")
                }
                    ?? current.workingFundAccount,
                reserveFundAccount: try patch.reserveFundIBAN.map {
                    try Building.account($0, field: "reserveFundIban")
                }
                    ?? current.reserveFundAccount, timeZone: patch.timeZone ?? current.timeZone)
            let held = try await repos.lots.lots(of: id).reduce(0) { $0 + $1.tantiemes }
            try Lot.checkTantiemes(adding: 0, toExisting: held, of: updated)
            try await repos.buildings.update(updated)
            return updated
        }
    }

    public func readiness(of id: BuildingID, as principal: Principal) async throws -> BillingReadiness {
        try AccessPolicy.require(.readCoOwnership, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesLots & UsesOwnerships) in
            let building = try await TenantScope.building(id, principal, repos)
            return BillingReadiness(
                building: building, lots: try await repos.lots.lots(of: id),
                openOwnerships: try await repos.ownerships.open(in: id))
        }
    }

}

// MARK: - Lots

extension CoOwnershipService {
    /// Adds a lot; the building's lots may never hold more tantièmes than its total.
    public func addLot(to buildingID: BuildingID, _ input: LotInput, as principal: Principal) async throws -> Lot {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        let lot = try Lot(
            id: LotID(ids.make()), buildingID: buildingID, number: input.number,
            kind: try Lot.Kind(parsing: input.kind),
            floor: input.floor, surfaceHundredths: try input.surface.map(Self.hundredths), tantiemes: input.tantiemes,
            createdAt: clock.now())
        return try await persistence.write { (repos: any UsesBuildings & UsesLots) in
            let building = try await TenantScope.building(buildingID, principal, repos)
            try await repos.buildings.lock(buildingID)
            let held = try await repos.lots.lots(of: buildingID).reduce(0) { $0 + $1.tantiemes }
            try Lot.checkTantiemes(adding: lot.tantiemes, toExisting: held, of: building)
            try await repos.lots.insert(lot)
            return lot
        }
    }

    public func lots(of buildingID: BuildingID, page: PageRequest, as principal: Principal) async throws -> Page<Lot> {
        try AccessPolicy.require(.readCoOwnership, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesLots) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            return try await repos.lots.list(of: buildingID, page: page)
        }
    }

    public func lot(_ id: LotID, as principal: Principal) async throws -> Lot {
        try AccessPolicy.require(.readCoOwnership, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesLots) in
            try await visibleLot(id, principal, repos).lot
        }
    }

    public func updateLot(_ id: LotID, _ patch: LotPatch, as principal: Principal) async throws -> Lot {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        return try await persistence.write { (repos: any UsesBuildings & UsesLots) in
            let (current, building) = try await visibleLot(id, principal, repos)
            try await repos.buildings.lock(building.id)
            let updated = try Lot(
                id: current.id, buildingID: current.buildingID, number: patch.number ?? current.number,
                kind: try patch.kind.map { try Lot.Kind(parsing: $0) } ?? current.kind,
                floor: patch.floor ?? current.floor,
                surfaceHundredths: try patch.surface.map(Self.hundredths) ?? current.surfaceHundredths,
                tantiemes: patch.tantiemes ?? current.tantiemes, createdAt: current.createdAt)
            let others = try await repos.lots.lots(of: building.id).filter { $0.id != id }.reduce(0) {
                $0 + $1.tantiemes
            }
            try Lot.checkTantiemes(adding: updated.tantiemes, toExisting: others, of: building)
            try await repos.lots.update(updated)
            return updated
        }
    }

    func visibleLot(_ id: LotID, _ principal: Principal, _ repos: any UsesBuildings & UsesLots) async throws -> (
        lot: Lot, building: Building
    ) {
        guard let lot = try await repos.lots.find(id), let building = try await repos.buildings.find(lot.buildingID),
            building.organizationID == principal.organizationID
        else { throw ApplicationError.notFound(entity: "lot", id: id.description) }
        return (lot, building)
    }

    static func hundredths(_ surface: Double) throws -> Int {
        guard surface.isFinite, InputBounds.decimal.contains(surface) else {
            throw DomainError.invalidValue(
                field: "surface", reason: "must be a number of square metres below 1,000,000,000")
        }
        return Int((surface * 100).rounded())
    }
}

// MARK: - Owners

extension CoOwnershipService {
    public func createOwner(_ input: OwnerInput, as principal: Principal) async throws -> Owner {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        let owner = try Owner(
            id: OwnerID(ids.make()), organizationID: principal.organizationID,
            kind: try Owner.Kind(parsing: input.kind ?? "natural"), name: input.name ?? "",
            email: try input.email.map { try Email($0) }, phone: input.phone, address: input.address,
            userID: input.userID.map(UserID.init), createdAt: clock.now())
        try await persistence.write { (repos: any UsesMemberships & UsesOwners) in
            try await checkLinkedUser(owner.userID, principal, repos)
            try await repos.owners.insert(owner)
        }
        return owner
    }

    public func owners(page: PageRequest, as principal: Principal) async throws -> Page<Owner> {
        try AccessPolicy.require(.readCoOwnership, by: principal)
        return try await persistence.read { (repos: any UsesOwners) in
            try await repos.owners.list(of: principal.organizationID, page: page)
        }
    }

    public func owner(_ id: OwnerID, as principal: Principal) async throws -> Owner {
        try AccessPolicy.require(.readCoOwnership, by: principal)
        let owner = try await persistence.read { (repos: any UsesOwners) in
            try await TenantScope.owner(id, principal, repos)
        }
        if owner.userID != principal.userID {
            try await PersonalDataReadLog(persistence: persistence, clock: clock, ids: ids)
                .record(.owner(id), purpose: "owner record", in: owner.organizationID, by: principal)
        }
        return owner
    }

    public func updateOwner(_ id: OwnerID, _ patch: OwnerInput, as principal: Principal) async throws -> Owner {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        return try await persistence.write { (repos: any UsesMemberships & UsesOwners) in
            let current = try await TenantScope.owner(id, principal, repos)
            let updated = try Owner(
                id: current.id, organizationID: current.organizationID,
                kind: try patch.kind.map { try Owner.Kind(parsing: $0) } ?? current.kind,
                name: patch.name ?? current.name,
                email: try patch.email.map { try Email($0) } ?? current.email, phone: patch.phone ?? current.phone,
                address: patch.address ?? current.address, userID: patch.userID.map(UserID.init) ?? current.userID,
                createdAt: current.createdAt)
            try await checkLinkedUser(updated.userID, principal, repos)
            try await repos.owners.update(updated)
            return updated
        }
    }

    /// A linked user must be a member of the organization holding the `owner` role.
    func checkLinkedUser(_ user: UserID?, _ principal: Principal, _ repos: any UsesMemberships) async throws {
        guard let user else { return }
        guard let member = try await repos.memberships.member(user, in: principal.organizationID),
            member.roles.contains(.owner)
        else {
            throw DomainError.invalidValue(
                field: "userId", reason: "must be a member of this organization with the owner role")
        }
    }

}

// MARK: - Ownerships

extension CoOwnershipService {
    /// Adds an owner of a lot from `startDate` (until `endDate` for a past owner recorded as
    /// history); the lot's shares may not pass 100 % on any day.
    public func addOwnership(
        to lotID: LotID, owner ownerID: OwnerID, share rawShare: String, startDate rawDate: String,
        endDate rawEnd: String? = nil, as principal: Principal
    ) async throws -> Ownership {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        let share = try Share(parsing: rawShare)
        let startDate = try CalendarDate(parsing: rawDate, field: "startDate")
        let endDate = try rawEnd.map { try CalendarDate(parsing: $0, field: "endDate") }
        return try await persistence.write { (repos: any UsesBuildings & UsesLots & UsesOwners & UsesOwnerships) in
            let (_, building) = try await visibleLot(lotID, principal, repos)
            _ = try await TenantScope.owner(ownerID, principal, repos)
            try await repos.buildings.lock(building.id)
            let ownership = try Ownership(
                id: OwnershipID(ids.make()), lotID: lotID, ownerID: ownerID, share: share, startDate: startDate,
                endDate: endDate)
            try Ownership.checkShares(adding: ownership, to: try await repos.ownerships.history(of: lotID))
            try await repos.ownerships.insert(ownership)
            return ownership
        }
    }

    public func ownerships(of lotID: LotID, as principal: Principal) async throws -> [Ownership] {
        try AccessPolicy.require(.readCoOwnership, by: principal)
        return try await persistence.read { (repos: any UsesBuildings & UsesLots & UsesOwnerships) in
            _ = try await visibleLot(lotID, principal, repos)
            return try await repos.ownerships.history(of: lotID)
        }
    }

    /// A sale: the seller's current rows end on `date` and the buyer's start that day with the
    /// same shares, in one transaction, with the reactions to `LotTransferred` (the seller's
    /// working fund credit). History is kept.
    public func transfer(
        lot lotID: LotID, from sellerID: OwnerID, to buyerID: OwnerID, on rawDate: String, as principal: Principal
    ) async throws -> [Ownership] {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        let date = try CalendarDate(parsing: rawDate, field: "date")
        guard sellerID != buyerID else {
            throw DomainError.invalidValue(field: "toOwnerId", reason: "must differ from the seller")
        }
        return try await persistence.write(publishing: bus) {
            (repos: any UsesBuildings & UsesLots & UsesOwners & UsesOwnerships, facts: EventPublisher) in
            let (_, building) = try await visibleLot(lotID, principal, repos)
            _ = try await TenantScope.owner(sellerID, principal, repos)
            _ = try await TenantScope.owner(buyerID, principal, repos)
            try await repos.buildings.lock(building.id)
            let selling = try await repos.ownerships.history(of: lotID).filter { $0.isOpen && $0.ownerID == sellerID }
            guard !selling.isEmpty else { throw CoOwnershipError.ownerHasNoShare }
            for var row in selling {
                try row.end(on: date)
                try await repos.ownerships.end(row)
                let bought = try Ownership(
                    id: OwnershipID(ids.make()), lotID: lotID, ownerID: buyerID, share: row.share, startDate: date)
                try await repos.ownerships.insert(bought)
            }
            _ = try await facts.publish(
                LotTransferred(
                    lot: lotID, building: building.id, organization: building.organizationID, seller: sellerID,
                    buyer: buyerID, on: date, at: clock.now()))
            return try await repos.ownerships.history(of: lotID)
        }
    }
}
