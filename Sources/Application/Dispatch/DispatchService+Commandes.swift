public import Domain
public import Foundation

public struct CommandeInput: Sendable {
    public var clientID: UUID?
    public var pickup, destination: String?
    public var pickupAt: Date?
    public var durationMinutes, passengers, luggage: Int?
    public var flight: String?
    public var taxiID: UUID?

    public init(
        clientID: UUID? = nil, pickup: String? = nil, destination: String? = nil, pickupAt: Date? = nil,
        durationMinutes: Int? = nil, passengers: Int? = nil, luggage: Int? = nil, flight: String? = nil,
        taxiID: UUID? = nil
    ) {
        self.clientID = clientID
        self.pickup = pickup
        self.destination = destination
        self.pickupAt = pickupAt
        self.durationMinutes = durationMinutes
        self.passengers = passengers
        self.luggage = luggage
        self.flight = flight
        self.taxiID = taxiID
    }
}

/// An offer as its driver sees it: the offer and the ride.
public struct DemandeView: Sendable {
    public let demande: Demande
    public let commande: Commande
}

// MARK: - Dispatcher: rides and the planning

extension DispatchService {
    /// Creates a ride in the pool, or offered at once when `taxi_id` is given.
    public func createCommande(_ input: CommandeInput, as principal: Principal) async throws -> Commande {
        try AccessPolicy.require(.manageDispatch, by: principal)
        guard let pickupAt = input.pickupAt else {
            throw DomainError.invalidValue(field: "dateIso", reason: "is required")
        }
        let now = clock.now()
        let id = CommandeID(ids.make())
        let (commande, events) = try await persistence.write {
            (
                repos: any UsesAudit & UsesCommandes & UsesDemandes & UsesDispatchClients & UsesNotifications
                    & UsesOrganizations & UsesSocietes & UsesTaxis
            ) in
            let societe = try await currentSociete(principal.organizationID, repos)
            let client = input.clientID.map(DispatchClientID.init)
            if let client { try await checkClient(client, principal, repos) }
            var commande = try await insertNew(in: principal.organizationID, at: now, by: principal, repos) {
                reference in
                try Commande(
                    id: id, organizationID: principal.organizationID, reference: reference, clientID: client,
                    pickup: input.pickup ?? "", destination: input.destination ?? "", pickupAt: pickupAt,
                    durationMinutes: input.durationMinutes ?? societe.defaultRideMinutes,
                    passengers: input.passengers ?? 1, luggage: input.luggage ?? 0, flight: input.flight,
                    createdAt: now)
            }
            var events = [planningEvent("commande.created", commande, at: now)]
            if let taxi = input.taxiID.map(TaxiID.init) {
                events += try await offer(&commande, to: taxi, principal, repos)
                try await repos.commandes.update(commande)
            }
            return (commande, events)
        }
        await self.events.publish(events)
        return commande
    }

    public func commandes(filter: CommandeFilter, page: PageRequest, as principal: Principal) async throws -> Page<
        Commande
    > {
        try AccessPolicy.require(.readDispatch, by: principal)
        return try await persistence.read { (repos: any UsesCommandes) in
            try await repos.commandes.list(of: principal.organizationID, filter: filter, page: page)
        }
    }

    public func commande(_ id: CommandeID, as principal: Principal) async throws -> (Commande, [Demande]) {
        try AccessPolicy.require(.readDispatch, by: principal)
        return try await persistence.read { (repos: any UsesCommandes & UsesDemandes) in
            let commande = try TenantScope.visible(
                try await repos.commandes.find(id), in: \.organizationID, principal, entity: "commande",
                id: id.description)
            return (commande, try await repos.demandes.list(commande: id))
        }
    }

    /// The planning's edits: fields, a new pickup time, or a move to another taxi (which offers
    /// the ride to that taxi's driver).
    public func updateCommande(_ id: CommandeID, _ input: CommandeInput, as principal: Principal) async throws
        -> Commande
    {
        try AccessPolicy.require(.manageDispatch, by: principal)
        let now = clock.now()
        let (commande, events) = try await persistence.write {
            (repos: any UsesAudit & UsesCommandes & UsesDemandes & UsesDispatchClients & UsesNotifications & UsesTaxis)
            in
            var commande = try await lockedCommande(id, principal, repos)
            let before = commande
            let client = input.clientID.map(DispatchClientID.init)
            if let client { try await checkClient(client, principal, repos) }
            try commande.edit(
                clientID: client.map { $0 }, pickup: input.pickup, destination: input.destination,
                pickupAt: input.pickupAt, durationMinutes: input.durationMinutes, passengers: input.passengers,
                luggage: input.luggage, flight: input.flight.map { $0 }, at: now)
            var events: [LiveEvent] = []
            let rescheduled = commande.window != before.window
            if let taxi = input.taxiID.map(TaxiID.init), taxi != commande.taxiID || commande.status == .enAttente {
                events += try await offer(&commande, to: taxi, principal, repos)
            } else if rescheduled, let driver = commande.driverID {
                // The driver keeps the ride at its new time (an accepted one must still fit the taxi).
                if commande.holdsTaxi, let taxi = commande.taxiID {
                    try await repos.taxis.lock(taxi)
                    try await checkOverlap(commande, taxi: taxi, repos)
                }
                events.append(driverEvent("commande.rescheduled", commande, driver, at: now))
            }
            try await repos.commandes.update(commande)
            try await trail.record(
                "commande.updated", entity: "commande", id: id.description,
                payload: ["reference": commande.reference], by: principal, organization: principal.organizationID,
                repos)
            events.append(planningEvent("commande.updated", commande, at: now))
            return (commande, events)
        }
        await self.events.publish(events)
        return commande
    }

    /// Cancels a ride that has not started; the row stays, its open offer is withdrawn.
    public func cancelCommande(_ id: CommandeID, reason: String?, as principal: Principal) async throws -> Commande {
        try AccessPolicy.require(.manageDispatch, by: principal)
        let now = clock.now()
        let (commande, events) = try await persistence.write {
            (repos: any UsesAudit & UsesCommandes & UsesDemandes & UsesNotifications) in
            var commande = try await lockedCommande(id, principal, repos)
            let driver = commande.driverID
            try commande.cancel(reason: reason, at: now)
            try await withdrawOpenOffer(of: id, repos)
            try await repos.commandes.update(commande)
            try await trail.record(
                "commande.cancelled", entity: "commande", id: id.description,
                payload: ["reference": commande.reference, "reason": commande.cancelReason ?? ""], by: principal,
                organization: principal.organizationID, repos)
            var events = [planningEvent("commande.cancelled", commande, at: now)]
            if let driver {
                try await trail.notify(
                    driver, in: principal.organizationID, kind: "commande.cancelled", title: "Course annulée",
                    body: "\(commande.reference) : \(commande.pickup) → \(commande.destination)", entity: "commande",
                    id: id.description, repos)
                events.append(driverEvent("commande.cancelled", commande, driver, at: now))
            }
            return (commande, events)
        }
        await self.events.publish(events)
        return commande
    }

    /// Takes the organization's next reference (gapless: the counter moves in this transaction),
    /// stores the ride `make` builds with it, and records its creation.
    func insertNew(
        in organization: OrganizationID, at now: Date, by principal: Principal?, payload: [String: String] = [:],
        _ repos: any UsesAudit & UsesCommandes, make: (String) throws -> Commande
    ) async throws -> Commande {
        let year = Self.year(of: now)
        let number = try await repos.commandes.nextNumber(of: organization, year: year)
        let commande = try make(Commande.reference(year: year, number: number))
        try await repos.commandes.insert(commande)
        try await trail.record(
            "commande.created", entity: "commande", id: commande.id.description,
            payload: payload.merging(["reference": commande.reference]) { _, new in new }, by: principal,
            organization: organization, repos)
        return commande
    }

    /// Offers the ride to the taxi's driver: the taxi must be in service, have a driver and be
    /// free over the ride's window; an earlier open offer is withdrawn.
    func offer(
        _ commande: inout Commande, to taxiID: TaxiID, _ principal: Principal,
        _ repos: any UsesAudit & UsesCommandes & UsesDemandes & UsesNotifications & UsesTaxis
    )
        async throws -> [LiveEvent]
    {
        let now = clock.now()
        try await repos.taxis.lock(taxiID)
        let taxi = try TenantScope.visible(
            try await repos.taxis.find(taxiID), in: \.organizationID, principal, entity: "taxi",
            id: taxiID.description)
        guard taxi.status != .horsService else { throw DispatchError.taxiOutOfService }
        guard let driver = taxi.driverID else { throw DispatchError.taxiWithoutDriver }
        try await checkOverlap(commande, taxi: taxiID, repos)
        let previousDriver = commande.driverID
        try await withdrawOpenOffer(of: commande.id, repos)
        try commande.offer(to: taxiID, driver: driver, at: now)
        let demande = Demande(
            id: DemandeID(ids.make()), organizationID: commande.organizationID, commandeID: commande.id,
            taxiID: taxiID, driverID: driver, createdAt: now)
        try await repos.demandes.insert(demande)
        try await trail.record(
            "commande.offered", entity: "commande", id: commande.id.description,
            payload: [
                "taxiId": taxiID.description, "chauffeurId": driver.description, "demandeId": demande.id.description,
            ],
            by: principal, organization: commande.organizationID, repos)
        try await trail.notify(
            driver, in: commande.organizationID, kind: "demande.created", title: "Nouvelle course proposée",
            body: "\(commande.reference) : \(commande.pickup) → \(commande.destination)", entity: "demande",
            id: demande.id.description, repos)
        var events = [driverEvent("demande.created", commande, driver, at: now, demande: demande.id)]
        if let previousDriver, previousDriver != driver {
            events.append(driverEvent("demande.withdrawn", commande, previousDriver, at: now))
        }
        return events
    }

    /// Refuses when another ride holding the taxi overlaps this one's window.
    func checkOverlap(_ commande: Commande, taxi: TaxiID, _ repos: any UsesCommandes) async throws {
        let window = commande.window
        let candidates = try await repos.commandes.holding(
            taxi: taxi, pickupFrom: window.lowerBound.addingTimeInterval(-1440 * 60), to: window.upperBound)
        if let conflict = candidates.first(where: { $0.id != commande.id && $0.window.overlaps(window) }) {
            throw DispatchError.overlap(commandeID: conflict.id, reference: conflict.reference)
        }
    }

    func withdrawOpenOffer(of commande: CommandeID, _ repos: any UsesDemandes) async throws {
        guard var open = try await repos.demandes.open(for: commande) else { return }
        try open.answer(.retiree, at: clock.now())
        try await repos.demandes.update(open)
    }

    func lockedCommande(_ id: CommandeID, _ principal: Principal, _ repos: any UsesCommandes) async throws -> Commande {
        try await repos.commandes.lock(id)
        return try TenantScope.visible(
            try await repos.commandes.find(id), in: \.organizationID, principal, entity: "commande", id: id.description)
    }

    func checkClient(_ id: DispatchClientID, _ principal: Principal, _ repos: any UsesDispatchClients) async throws {
        _ = try TenantScope.visible(
            try await repos.dispatchClients.find(id), in: \.organizationID, principal, entity: "client",
            id: id.description)
    }

    static func year(of date: Date) -> Int { CalendarDate(utcDayOf: date).year }

    func planningEvent(_ type: String, _ commande: Commande, at now: Date) -> LiveEvent {
        LiveEvent(
            channel: .planning, organizationID: commande.organizationID, type: type, data: commande.eventData, at: now)
    }

    func driverEvent(
        _ type: String, _ commande: Commande, _ driver: UserID, at now: Date, demande: DemandeID? = nil
    ) -> LiveEvent {
        var data = commande.eventData
        if let demande { data["demandeId"] = demande.description }
        return LiveEvent(
            channel: .demandes, organizationID: commande.organizationID, userID: driver, type: type, data: data, at: now
        )
    }
}

extension Commande {
    /// What a planning screen needs to move a card without reloading.
    var eventData: [String: String] {
        var data = [
            "commandeId": id.description, "reference": reference, "statut": status.rawValue,
            "dateIso": pickupAt.formatted(.iso8601),
        ]
        if let taxiID { data["taxiId"] = taxiID.description }
        if let driverID { data["chauffeurId"] = driverID.description }
        return data
    }
}

// MARK: - Driver: offers and rides

extension DispatchService {
    /// The offers waiting for my answer, newest first.
    public func myDemandes(as principal: Principal) async throws -> [DemandeView] {
        try AccessPolicy.require(.drive, by: principal)
        return try await persistence.read { (repos: any UsesCommandes & UsesDemandes) in
            let demandes = try await repos.demandes.list(
                driver: principal.userID, in: principal.organizationID, status: .enAttente)
            let rides = Dictionary(
                uniqueKeysWithValues: try await repos.commandes.find(ids: demandes.map(\.commandeID)).map {
                    ($0.id, $0)
                })
            return demandes.compactMap { demande in
                rides[demande.commandeID].map { DemandeView(demande: demande, commande: $0) }
            }
        }
    }

    /// Accepting an offer takes the ride, unless the taxi meanwhile holds another at that time.
    public func acceptDemande(_ id: DemandeID, as principal: Principal) async throws -> DemandeView {
        try await answer(id, accept: true, reason: nil, as: principal)
    }

    /// Refusing puts the ride back in the pool and records who refused and why.
    public func refuseDemande(_ id: DemandeID, reason: String?, as principal: Principal) async throws -> DemandeView {
        try await answer(id, accept: false, reason: reason, as: principal)
    }

    private func answer(_ id: DemandeID, accept: Bool, reason: String?, as principal: Principal) async throws
        -> DemandeView
    {
        try AccessPolicy.require(.drive, by: principal)
        let now = clock.now()
        let (view, events) = try await persistence.write {
            (repos: any UsesAudit & UsesCommandes & UsesDemandes & UsesTaxis) in
            guard let found = try await repos.demandes.find(id), found.organizationID == principal.organizationID
            else { throw ApplicationError.notFound(entity: "demande", id: id.description) }
            guard found.driverID == principal.userID else { throw ApplicationError.permissionDenied(.drive) }
            var commande = try await lockedCommande(found.commandeID, principal, repos)
            guard var demande = try await repos.demandes.find(id) else {
                throw ApplicationError.notFound(entity: "demande", id: id.description)
            }
            if accept {
                try demande.answer(.acceptee, at: now)
                try await repos.taxis.lock(demande.taxiID)
                try commande.apply(.accept, at: now)
                try await checkOverlap(commande, taxi: demande.taxiID, repos)
            } else {
                try demande.answer(.refusee, reason: reason, at: now)
                try commande.apply(.refuse, at: now)
            }
            try await repos.demandes.update(demande)
            try await repos.commandes.update(commande)
            let action = accept ? "accepted" : "refused"
            try await trail.record(
                "demande.\(action)", entity: "commande", id: commande.id.description,
                payload: ["demandeId": id.description].merging(demande.reason.map { ["reason": $0] } ?? [:]) { a, _ in
                    a
                },
                by: principal,
                organization: principal.organizationID, repos)
            var events = [planningEvent("demande.\(action)", commande, at: now)]
            if !accept {
                // Dispatchers hear of a refusal: the ride is back in their pool.
                var data = events[0].data
                data["refusedBy"] = principal.userID.description
                data["reason"] = demande.reason
                events.append(
                    LiveEvent(
                        channel: .notifications, organizationID: principal.organizationID, type: "demande.refused",
                        data: data, at: now))
            }
            return (DemandeView(demande: demande, commande: commande), events)
        }
        await self.events.publish(events)
        return view
    }

    /// My rides (accepted, on the road, done), filtered like the dispatcher's list.
    public func myCourses(filter: CommandeFilter, page: PageRequest, as principal: Principal) async throws -> Page<
        Commande
    > {
        try AccessPolicy.require(.drive, by: principal)
        var mine = filter
        mine.driverID = principal.userID
        return try await persistence.read { [mine] (repos: any UsesCommandes) in
            try await repos.commandes.list(of: principal.organizationID, filter: mine, page: page)
        }
    }

    public func startCourse(_ id: CommandeID, as principal: Principal) async throws -> Commande {
        try await drive(id, .start, taxiStatus: .enCourse, as: principal)
    }

    public func finishCourse(_ id: CommandeID, as principal: Principal) async throws -> Commande {
        try await drive(id, .finish, taxiStatus: .disponible, as: principal)
    }

    /// Start and finish: only the ride's own driver; the taxi's status follows.
    private func drive(_ id: CommandeID, _ action: Commande.Action, taxiStatus: Taxi.Status, as principal: Principal)
        async throws -> Commande
    {
        try AccessPolicy.require(.drive, by: principal)
        let now = clock.now()
        let (commande, events) = try await persistence.write { (repos: any UsesAudit & UsesCommandes & UsesTaxis) in
            var commande = try await lockedCommande(id, principal, repos)
            guard commande.driverID == principal.userID else { throw ApplicationError.permissionDenied(.drive) }
            try commande.apply(action, at: now)
            try await repos.commandes.update(commande)
            if let taxiID = commande.taxiID, var taxi = try await repos.taxis.find(taxiID) {
                taxi.status = taxiStatus
                try await repos.taxis.update(taxi)
            }
            let type = action == .start ? "commande.started" : "commande.finished"
            try await trail.record(
                type, entity: "commande", id: id.description, payload: ["reference": commande.reference],
                by: principal, organization: principal.organizationID, repos)
            return (commande, [planningEvent(type, commande, at: now)])
        }
        await self.events.publish(events)
        return commande
    }
}
