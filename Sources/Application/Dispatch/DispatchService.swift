public import Domain
public import Foundation

public struct SocieteInput: Sendable {
    public var name, slug, email, phone, address, vatNumber: String?
    public var defaultRideMinutes, pendingAlertMinutes: Int?

    public init(
        name: String? = nil, slug: String? = nil, email: String? = nil, phone: String? = nil, address: String? = nil,
        vatNumber: String? = nil, defaultRideMinutes: Int? = nil, pendingAlertMinutes: Int? = nil
    ) {
        self.name = name
        self.slug = slug
        self.email = email
        self.phone = phone
        self.address = address
        self.vatNumber = vatNumber
        self.defaultRideMinutes = defaultRideMinutes
        self.pendingAlertMinutes = pendingAlertMinutes
    }
}

public struct TaxiInput: Sendable {
    public var numero, plate, vignette, status: String?
    /// In an edit: nil leaves the driver, `.some(nil)` unbinds them.
    public var driverID: UUID??

    public init(
        numero: String? = nil, plate: String? = nil, vignette: String? = nil, status: String? = nil,
        driverID: UUID?? = nil
    ) {
        self.numero = numero
        self.plate = plate
        self.vignette = vignette
        self.status = status
        self.driverID = driverID
    }
}

public struct DispatchClientInput: Sendable {
    public var kind, name, email, phone, address: String?

    public init(
        kind: String? = nil, name: String? = nil, email: String? = nil, phone: String? = nil, address: String? = nil
    ) {
        self.kind = kind
        self.name = name
        self.email = email
        self.phone = phone
        self.address = address
    }
}

/// A taxi with the rides planned on it for one day.
public struct TaxiDay: Sendable {
    public let taxi: Taxi
    public let rides: [Commande]
}

/// The taxi dispatch module: company profile, fleet, business clients, rides and the offers
/// made to drivers. Every change writes its audit event in the same transaction and, once
/// committed, pushes live events to the dispatchers' and drivers' sockets.
public struct DispatchService: Sendable {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let events: any EventBroadcaster
    let trail: AuditTrail
    let bus: DomainEventBus
    var roleChange: MemberRoleChange { MemberRoleChange(bus: bus, trail: trail) }

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, events: any EventBroadcaster,
        bus: DomainEventBus
    ) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.events = events
        self.trail = AuditTrail(clock: clock, ids: ids)
        self.bus = bus
    }

    /// Dispatch's reactions to other modules' facts: a member who stops being a driver, however
    /// their roles changed, leaves their taxi and their open offers go back to the pool (refused
    /// with 409 while they hold accepted or started rides).
    public func subscribe(to bus: DomainEventBus) {
        bus.subscribe { event, repos in
            guard let change = event as? MemberRolesChanged, change.previous.contains(.chauffeur),
                !change.current.contains(.chauffeur)
            else { return [] }
            return try await releaseDriver(change.user, in: change.organization, at: change.at, repos)
        }
    }

    static func email(_ raw: String?, field: String) throws -> Email? {
        guard let raw, !raw.isEmpty else { return nil }
        do { return try Email(raw) } catch { throw DomainError.invalidValue(field: field, reason: "is not an email") }
    }

    /// A user of the organization who holds the `chauffeur` role.
    func checkDriver(_ user: UserID, _ principal: Principal, _ repos: any UsesMemberships) async throws {
        let membership = try await repos.memberships.find(user: user, organization: principal.organizationID)
        guard let membership, membership.roles.contains(.chauffeur) else {
            throw DomainError.invalidValue(
                field: "chauffeurId", reason: "must be a user with the chauffeur role in this organization")
        }
    }
}

// MARK: - Company profile

extension DispatchService {
    /// The profile, or one made of the organization's name until it is first saved.
    public func societe(as principal: Principal) async throws -> Societe {
        try AccessPolicy.require(.readDispatch, by: principal)
        return try await persistence.read { (repos: any UsesOrganizations & UsesSocietes) in
            try await currentSociete(principal.organizationID, repos)
        }
    }

    func currentSociete(_ organization: OrganizationID, _ repos: any UsesOrganizations & UsesSocietes) async throws
        -> Societe
    {
        if let societe = try await repos.societes.find(organization) { return societe }
        guard let org = try await repos.organizations.find(organization) else {
            throw ApplicationError.notFound(entity: "organization", id: organization.description)
        }
        return try Societe(organizationID: organization, name: org.name)
    }

    public func updateSociete(_ input: SocieteInput, as principal: Principal) async throws -> Societe {
        try AccessPolicy.require(.manageCompany, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesOrganizations & UsesSocietes) in
            let current = try await currentSociete(principal.organizationID, repos)
            let societe = try Societe(
                organizationID: principal.organizationID, name: input.name ?? current.name,
                slug: input.slug ?? current.slug,
                email: try input.email.map { try Self.email($0, field: "email") } ?? current.email,
                phone: input.phone ?? current.phone, address: input.address ?? current.address,
                vatNumber: input.vatNumber ?? current.vatNumber,
                defaultRideMinutes: input.defaultRideMinutes ?? current.defaultRideMinutes,
                pendingAlertMinutes: input.pendingAlertMinutes ?? current.pendingAlertMinutes)
            try await repos.societes.save(societe)
            try await trail.record(
                "societe.updated", entity: "societe", id: principal.organizationID.description,
                payload: ["slug": societe.slug ?? ""], by: principal, organization: principal.organizationID, repos)
            return societe
        }
    }
}

// MARK: - Fleet

extension DispatchService {
    public func createTaxi(_ input: TaxiInput, as principal: Principal) async throws -> Taxi {
        try AccessPolicy.require(.manageDispatch, by: principal)
        let taxi = try Taxi(
            id: TaxiID(ids.make()), organizationID: principal.organizationID, numero: input.numero ?? "",
            plate: input.plate ?? "", vignette: input.vignette,
            status: try Self.parse(input.status, Taxi.Status.self, field: "statut") ?? .disponible,
            driverID: (input.driverID ?? nil).map(UserID.init), createdAt: clock.now())
        return try await persistence.write { (repos: any UsesAudit & UsesMemberships & UsesTaxis) in
            if let driver = taxi.driverID { try await checkDriver(driver, principal, repos) }
            try await repos.taxis.insert(taxi)
            try await trail.record(
                "taxi.created", entity: "taxi", id: taxi.id.description, payload: ["plaque": taxi.plate],
                by: principal, organization: principal.organizationID, repos)
            return taxi
        }
    }

    public func taxis(page: PageRequest, as principal: Principal) async throws -> Page<Taxi> {
        try AccessPolicy.require(.readDispatch, by: principal)
        return try await persistence.read { (repos: any UsesTaxis) in
            try await repos.taxis.list(of: principal.organizationID, page: page)
        }
    }

    /// The taxi and its rides of the day (UTC) that `day` falls in.
    public func taxi(_ id: TaxiID, day: Date?, as principal: Principal) async throws -> TaxiDay {
        try AccessPolicy.require(.readDispatch, by: principal)
        let start = CalendarDate(utcDayOf: day ?? clock.now()).startOfDayUTC
        return try await persistence.read { (repos: any UsesCommandes & UsesTaxis) in
            let taxi = try TenantScope.visible(
                try await repos.taxis.find(id), in: \.organizationID, principal, entity: "taxi", id: id.description)
            let rides = try await repos.commandes.list(
                of: principal.organizationID,
                filter: CommandeFilter(taxiID: id, from: start, to: start.addingTimeInterval(86_400)),
                page: try PageRequest(page: 1, perPage: PageRequest.maximumPerPage))
            return TaxiDay(taxi: taxi, rides: rides.items)
        }
    }

    public func updateTaxi(_ id: TaxiID, _ input: TaxiInput, as principal: Principal) async throws -> Taxi {
        try AccessPolicy.require(.manageDispatch, by: principal)
        let status = try Self.parse(input.status, Taxi.Status.self, field: "statut")
        let (taxi, events) = try await persistence.write { (repos: any UsesAudit & UsesMemberships & UsesTaxis) in
            try await repos.taxis.lock(id)
            var taxi = try TenantScope.visible(
                try await repos.taxis.find(id), in: \.organizationID, principal, entity: "taxi", id: id.description)
            let driver = input.driverID.map { $0.map(UserID.init) }
            if case .some(.some(let driver)) = driver { try await checkDriver(driver, principal, repos) }
            try taxi.edit(
                numero: input.numero, plate: input.plate, vignette: input.vignette.map { $0 }, driverID: driver)
            if let status { taxi.status = status }
            try await repos.taxis.update(taxi)
            try await trail.record(
                "taxi.updated", entity: "taxi", id: taxi.id.description, payload: ["statut": taxi.status.rawValue],
                by: principal, organization: principal.organizationID, repos)
            let event = LiveEvent(
                channel: .planning, organizationID: principal.organizationID, type: "taxi.updated",
                data: ["taxiId": taxi.id.description, "statut": taxi.status.rawValue], at: clock.now())
            return (taxi, [event])
        }
        await self.events.publish(events)
        return taxi
    }

    public func deleteTaxi(_ id: TaxiID, as principal: Principal) async throws {
        try AccessPolicy.require(.manageDispatch, by: principal)
        try await persistence.write { (repos: any UsesAudit & UsesCommandes & UsesTaxis) in
            try await repos.taxis.lock(id)
            let taxi = try TenantScope.visible(
                try await repos.taxis.find(id), in: \.organizationID, principal, entity: "taxi", id: id.description)
            guard !(try await repos.commandes.hasPlannedRides(taxi: id)) else {
                throw DispatchError.taxiHasPlannedRides
            }
            try await repos.taxis.delete(id)
            try await trail.record(
                "taxi.deleted", entity: "taxi", id: id.description, payload: ["plaque": taxi.plate], by: principal,
                organization: principal.organizationID, repos)
        }
    }
}

// MARK: - Business clients

extension DispatchService {
    public func createClient(_ input: DispatchClientInput, as principal: Principal) async throws -> DispatchClient {
        try AccessPolicy.require(.manageDispatch, by: principal)
        let client = try DispatchClient(
            id: DispatchClientID(ids.make()), organizationID: principal.organizationID,
            kind: try Self.parse(input.kind, DispatchClient.Kind.self, field: "type") ?? .entreprise,
            name: input.name ?? "", email: try Self.email(input.email, field: "contactEmail"), phone: input.phone,
            address: input.address, createdAt: clock.now())
        return try await persistence.write { (repos: any UsesAudit & UsesDispatchClients) in
            try await repos.dispatchClients.insert(client)
            try await trail.record(
                "client.created", entity: "client", id: client.id.description,
                payload: ["type": client.kind.rawValue], by: principal, organization: principal.organizationID, repos)
            return client
        }
    }

    public func clients(page: PageRequest, as principal: Principal) async throws -> Page<DispatchClient> {
        try AccessPolicy.require(.readDispatch, by: principal)
        return try await persistence.read { (repos: any UsesDispatchClients) in
            try await repos.dispatchClients.list(of: principal.organizationID, page: page)
        }
    }

    public func updateClient(_ id: DispatchClientID, _ input: DispatchClientInput, as principal: Principal)
        async throws -> DispatchClient
    {
        try AccessPolicy.require(.manageDispatch, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesDispatchClients) in
            var client = try TenantScope.visible(
                try await repos.dispatchClients.find(id), in: \.organizationID, principal, entity: "client",
                id: id.description)
            try client.edit(
                kind: try Self.parse(input.kind, DispatchClient.Kind.self, field: "type"), name: input.name,
                email: try input.email.map { try Self.email($0, field: "contactEmail") },
                phone: input.phone.map { $0 }, address: input.address.map { $0 })
            try await repos.dispatchClients.update(client)
            try await trail.record(
                "client.updated", entity: "client", id: id.description, by: principal,
                organization: principal.organizationID, repos)
            return client
        }
    }

    public func deleteClient(_ id: DispatchClientID, as principal: Principal) async throws {
        try AccessPolicy.require(.manageDispatch, by: principal)
        try await persistence.write { (repos: any UsesAudit & UsesDispatchClients) in
            _ = try TenantScope.visible(
                try await repos.dispatchClients.find(id), in: \.organizationID, principal, entity: "client",
                id: id.description)
            guard !(try await repos.dispatchClients.isReferenced(id)) else { throw DispatchError.clientInUse }
            try await repos.dispatchClients.delete(id)
            try await trail.record(
                "client.deleted", entity: "client", id: id.description, by: principal,
                organization: principal.organizationID, repos)
        }
    }
}
