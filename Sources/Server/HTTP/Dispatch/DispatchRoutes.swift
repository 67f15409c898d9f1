import Application
import Domain
import Foundation
import Hummingbird

struct SocieteBody: Decodable {
    let nom, slug, email, telephone, adresse, tva: String?
    let dureeCourseMinutes, slaAttenteMinutes: Int?

    var input: SocieteInput {
        SocieteInput(
            name: nom, slug: slug, email: email, phone: telephone, address: adresse, vatNumber: tva,
            defaultRideMinutes: dureeCourseMinutes, pendingAlertMinutes: slaAttenteMinutes)
    }
}

struct SocieteResponse: ResponseEncodable {
    let nom: String
    let slug, email, telephone, adresse, tva: String?
    let dureeCourseMinutes, slaAttenteMinutes: Int

    init(_ societe: Societe) {
        nom = societe.name
        slug = societe.slug
        email = societe.email?.value
        telephone = societe.phone
        adresse = societe.address
        tva = societe.vatNumber
        dureeCourseMinutes = societe.defaultRideMinutes
        slaAttenteMinutes = societe.pendingAlertMinutes
    }
}

struct TaxiBody: Decodable {
    let numero, plaque, vignette, statut: String?
    /// `null` unbinds the driver.
    let chauffeurId: UUID??

    enum CodingKeys: String, CodingKey {
        case numero, plaque, vignette, statut, chauffeurId
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        numero = try container.decodeIfPresent(String.self, forKey: .numero)
        plaque = try container.decodeIfPresent(String.self, forKey: .plaque)
        vignette = try container.decodeIfPresent(String.self, forKey: .vignette)
        statut = try container.decodeIfPresent(String.self, forKey: .statut)
        chauffeurId = try container.decodePatch(UUID.self, forKey: .chauffeurId)
    }

    var input: TaxiInput {
        TaxiInput(numero: numero, plate: plaque, vignette: vignette, status: statut, driverID: chauffeurId)
    }
}

struct TaxiResponse: ResponseEncodable {
    let id, numero, plaque, statut: String
    let vignette, chauffeurId: String?
    /// The day's rides, on the taxi's own page.
    let courses: [CommandeResponse]?

    init(_ taxi: Taxi, rides: [Commande]? = nil) {
        id = taxi.id.description
        numero = taxi.numero
        plaque = taxi.plate
        statut = taxi.status.rawValue
        vignette = taxi.vignette
        chauffeurId = taxi.driverID?.description
        courses = rides?.map { CommandeResponse($0) }
    }
}

/// `PATCH /users/{id}`: `null` clears the company's name for the member (their account's name
/// shows again), their phone, or their taxi.
struct MemberBody: Decodable {
    let patch: MemberPatch

    enum CodingKeys: String, CodingKey {
        case name, phone, roles, taxiId
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        patch = MemberPatch(
            name: try container.decodePatch(String.self, forKey: .name),
            phone: try container.decodePatch(String.self, forKey: .phone),
            roles: try container.decodeIfPresent([String].self, forKey: .roles),
            taxiID: try container.decodePatch(UUID.self, forKey: .taxiId))
    }
}

/// A member as the company sees them: the member's fields and the taxi they drive.
struct CompanyMemberResponse: ResponseEncodable {
    let summary: MemberSummary
    let taxiId: String?

    init(_ member: CompanyMember) {
        summary = MemberSummary(member.member)
        taxiId = member.taxiID?.description
    }

    enum CodingKeys: String, CodingKey { case taxiId }

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(taxiId, forKey: .taxiId)
    }
}

struct DispatchClientBody: Decodable {
    let type, nom, contactEmail, contactPhone, adresse: String?

    var input: DispatchClientInput {
        DispatchClientInput(kind: type, name: nom, email: contactEmail, phone: contactPhone, address: adresse)
    }
}

struct DispatchClientResponse: ResponseEncodable {
    let id, type, nom: String
    let contactEmail, contactPhone, adresse: String?

    init(_ client: DispatchClient) {
        id = client.id.description
        type = client.kind.rawValue
        nom = client.name
        contactEmail = client.email?.value
        contactPhone = client.phone
        adresse = client.address
    }
}

struct CommandeBody: Decodable {
    let clientId: UUID?
    let priseEnCharge, destination: String?
    let dateIso: Date?
    let dureeMinutes, passagers, bagages: Int?
    let vol: String?
    let taxiId: UUID?

    var input: CommandeInput {
        CommandeInput(
            clientID: clientId, pickup: priseEnCharge, destination: destination, pickupAt: dateIso,
            durationMinutes: dureeMinutes, passengers: passagers, luggage: bagages, flight: vol, taxiID: taxiId)
    }
}

struct CommandeResponse: ResponseEncodable {
    struct Offer: Encodable {
        let id, taxiId, chauffeurId, statut: String
        let motif: String?
        let createdAt: Date
        let answeredAt: Date?
    }

    let id, reference, priseEnCharge, destination, statut, source: String
    let clientId, vol, taxiId, chauffeurId, motifAnnulation: String?
    let dateIso, fin, createdAt, updatedAt: Date
    let dureeMinutes, passagers, bagages: Int
    let allowedNextStates: [String]
    /// Every offer made for the ride, on its own page: who was asked, who refused and why.
    let demandes: [Offer]?

    init(_ commande: Commande, demandes: [Demande]? = nil) {
        id = commande.id.description
        reference = commande.reference
        priseEnCharge = commande.pickup
        destination = commande.destination
        statut = commande.status.rawValue
        source = commande.source.rawValue
        clientId = commande.clientID?.description
        vol = commande.flight
        taxiId = commande.taxiID?.description
        chauffeurId = commande.driverID?.description
        motifAnnulation = commande.cancelReason
        dateIso = commande.pickupAt
        fin = commande.window.upperBound
        createdAt = commande.createdAt
        updatedAt = commande.updatedAt
        dureeMinutes = commande.durationMinutes
        passagers = commande.passengers
        bagages = commande.luggage
        allowedNextStates = commande.allowedActions.map(\.to.rawValue)
        self.demandes = demandes?.map {
            Offer(
                id: $0.id.description, taxiId: $0.taxiID.description, chauffeurId: $0.driverID.description,
                statut: $0.status.rawValue, motif: $0.reason, createdAt: $0.createdAt, answeredAt: $0.answeredAt)
        }
    }
}

struct DemandeResponse: ResponseEncodable {
    let id, commandeId, statut: String
    let motif: String?
    let createdAt: Date
    let commande: CommandeResponse

    init(_ view: DemandeView) {
        id = view.demande.id.description
        commandeId = view.commande.id.description
        statut = view.demande.status.rawValue
        motif = view.demande.reason
        createdAt = view.demande.createdAt
        commande = CommandeResponse(view.commande)
    }
}

struct DataResponse<Item: Encodable & Sendable>: ResponseEncodable {
    let data: [Item]
}

struct ReasonBody: Decodable { let reason: String? }

/// The taxi dispatch routes: `/societe`, `/taxis`, `/clients`, `/commandes` for dispatchers,
/// `/me/demandes`, `/demandes/{id}/…`, `/me/courses`, `/courses/{id}/…` for drivers.
struct DispatchRoutes {
    let service: DispatchService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        addCompanyRoutes(to: group)
        addCommandeRoutes(to: group)
        addDriverRoutes(to: group)
    }

    private func addCompanyRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.get("societe") { _, context in SocieteResponse(try await service.societe(as: context.principal)) }
        group.patch("societe") { request, context in
            let body = try await request.decodeJSON(SocieteBody.self, context: context)
            return SocieteResponse(try await service.updateSociete(body.input, as: context.principal))
        }
        group.post("taxis") { request, context in
            let body = try await request.decodeJSON(TaxiBody.self, context: context)
            guard body.numero != nil else { throw RequestError.missingField("numero") }
            guard body.plaque != nil else { throw RequestError.missingField("plaque") }
            return EditedResponse(
                status: .created,
                response: TaxiResponse(try await service.createTaxi(body.input, as: context.principal)))
        }
        group.get("taxis") { request, context in
            ListResponse(
                try await service.taxis(page: try request.pageRequest(), as: context.principal), { TaxiResponse($0) })
        }
        group.get("taxis/{id}") { request, context in
            let day = try await service.taxi(
                try context.parameters.id(as: TaxiID.self, entity: "taxi"), day: try request.dayQuery("date"),
                as: context.principal)
            return TaxiResponse(day.taxi, rides: day.rides)
        }
        group.patch("taxis/{id}") { request, context in
            let id = try context.parameters.id(as: TaxiID.self, entity: "taxi")
            let body = try await request.decodeJSON(TaxiBody.self, context: context)
            return TaxiResponse(try await service.updateTaxi(id, body.input, as: context.principal))
        }
        group.delete("taxis/{id}") { _, context in
            try await service.deleteTaxi(
                try context.parameters.id(as: TaxiID.self, entity: "taxi"), as: context.principal)
            return HTTPResponse.Status.noContent
        }
        group.post("clients") { request, context in
            let body = try await request.decodeJSON(DispatchClientBody.self, context: context)
            guard body.nom != nil else { throw RequestError.missingField("nom") }
            return EditedResponse(
                status: .created,
                response: DispatchClientResponse(try await service.createClient(body.input, as: context.principal)))
        }
        group.get("clients") { request, context in
            ListResponse(
                try await service.clients(page: try request.pageRequest(), as: context.principal),
                DispatchClientResponse.init)
        }
        group.patch("clients/{id}") { request, context in
            let id = try context.parameters.id(as: DispatchClientID.self, entity: "client")
            let body = try await request.decodeJSON(DispatchClientBody.self, context: context)
            return DispatchClientResponse(try await service.updateClient(id, body.input, as: context.principal))
        }
        group.patch("users/{id}") { request, context in
            let id = try context.parameters.id(as: UserID.self, entity: "user")
            let body = try await request.decodeJSON(MemberBody.self, context: context)
            return CompanyMemberResponse(try await service.updateMember(id, body.patch, as: context.principal))
        }
        group.delete("users/{id}") { _, context in
            try await service.removeMember(
                try context.parameters.id(as: UserID.self, entity: "user"), as: context.principal)
            return HTTPResponse.Status.noContent
        }
        group.delete("clients/{id}") { _, context in
            try await service.deleteClient(
                try context.parameters.id(as: DispatchClientID.self, entity: "client"), as: context.principal)
            return HTTPResponse.Status.noContent
        }
    }

    private func addCommandeRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.post("commandes") { request, context in
            let body = try await request.decodeJSON(CommandeBody.self, context: context)
            guard body.priseEnCharge != nil else { throw RequestError.missingField("prise_en_charge") }
            guard body.destination != nil else { throw RequestError.missingField("destination") }
            guard body.dateIso != nil else { throw RequestError.missingField("date_iso") }
            return EditedResponse(
                status: .created,
                response: CommandeResponse(try await service.createCommande(body.input, as: context.principal)))
        }
        group.get("commandes") { request, context in
            ListResponse(
                try await service.commandes(
                    filter: try request.commandeFilter(), page: try request.pageRequest(), as: context.principal),
                { CommandeResponse($0) })
        }
        group.get("stats/flotte") { request, context in
            FleetDayResponse(try await service.fleetDay(try request.dayQuery("date"), as: context.principal))
        }
        group.get("commandes/{id}") { _, context in
            let (commande, demandes) = try await service.commande(
                try context.parameters.id(as: CommandeID.self, entity: "commande"), as: context.principal)
            return CommandeResponse(commande, demandes: demandes)
        }
        group.patch("commandes/{id}") { request, context in
            let id = try context.parameters.id(as: CommandeID.self, entity: "commande")
            let body = try await request.decodeJSON(CommandeBody.self, context: context)
            return CommandeResponse(try await service.updateCommande(id, body.input, as: context.principal))
        }
        group.delete("commandes/{id}") { request, context in
            let id = try context.parameters.id(as: CommandeID.self, entity: "commande")
            let body = try await request.decodeOptionalJSON(ReasonBody.self, context: context)
            return CommandeResponse(
                try await service.cancelCommande(id, reason: body?.reason, as: context.principal))
        }
    }

    private func addDriverRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.get("me/demandes") { _, context in
            DataResponse(data: try await service.myDemandes(as: context.principal).map(DemandeResponse.init))
        }
        group.post("demandes/{id}/accept") { _, context in
            DemandeResponse(
                try await service.acceptDemande(
                    try context.parameters.id(as: DemandeID.self, entity: "demande"), as: context.principal))
        }
        group.post("demandes/{id}/refuse") { request, context in
            let id = try context.parameters.id(as: DemandeID.self, entity: "demande")
            let body = try await request.decodeOptionalJSON(ReasonBody.self, context: context)
            return DemandeResponse(try await service.refuseDemande(id, reason: body?.reason, as: context.principal))
        }
        group.get("me/courses") { request, context in
            var filter = try request.commandeFilter()
            if let day = try request.dayQuery("date") {
                filter.from = day
                filter.to = day.addingTimeInterval(86_400)
            }
            return ListResponse(
                try await service.myCourses(filter: filter, page: try request.pageRequest(), as: context.principal),
                { CommandeResponse($0) })
        }
        group.get("me/stats") { request, context in
            let raw = request.uri.queryParameters.get("period").map { String($0) } ?? "week"
            guard let period = DriverStats.Period(rawValue: raw) else {
                throw RequestError.invalidParameter(name: "period", reason: "must be week, month or year")
            }
            return DriverStatsResponse(try await service.myStats(period: period, as: context.principal))
        }
        group.post("courses/{id}/start") { _, context in
            CommandeResponse(
                try await service.startCourse(
                    try context.parameters.id(as: CommandeID.self, entity: "commande"), as: context.principal))
        }
        group.post("courses/{id}/finish") { _, context in
            CommandeResponse(
                try await service.finishCourse(
                    try context.parameters.id(as: CommandeID.self, entity: "commande"), as: context.principal))
        }
    }
}

extension Request {
    /// `?q=&statut=&client_type=&taxi_id=&date_from=&date_to=`: dates are days (`2026-11-21`,
    /// `date_to` inclusive) or instants (`2026-11-21T08:00:00Z`, `date_to` exclusive).
    func commandeFilter() throws -> CommandeFilter {
        func parsed<T: RawRepresentable>(_ name: String, _: T.Type) throws -> T? where T.RawValue == String {
            guard let raw = uri.queryParameters.get(name) else { return nil }
            guard let value = T(rawValue: String(raw)) else {
                throw RequestError.invalidParameter(name: name, reason: "unknown value \"\(raw)\"")
            }
            return value
        }
        return CommandeFilter(
            query: uri.queryParameters.get("q").map { String($0) }, status: try parsed("statut", Commande.Status.self),
            clientKind: try parsed("client_type", DispatchClient.Kind.self),
            taxiID: try idQuery("taxi_id", as: TaxiID.self), from: try instantQuery("date_from", endOfDay: false),
            to: try instantQuery("date_to", endOfDay: true))
    }

    func instantQuery(_ name: String, endOfDay: Bool) throws -> Date? {
        guard let raw = uri.queryParameters.get(name) else { return nil }
        if let instant = try? Date(String(raw), strategy: .iso8601) { return instant }
        return try dayQuery(name, throughEndOfDay: endOfDay)
    }
}

struct PublicBookingBody: Decodable {
    struct Contact: Decodable {
        let nom, email, telephone: String?
    }

    let societe, captchaToken, priseEnCharge, destination, vol: String?
    let dateIso: Date?
    let passagers, bagages: Int?
    let contact: Contact?

    var input: PublicBookingInput {
        PublicBookingInput(
            societe: societe, captchaToken: captchaToken, pickup: priseEnCharge, destination: destination,
            pickupAt: dateIso, passengers: passagers, luggage: bagages, flight: vol, contactName: contact?.nom,
            contactEmail: contact?.email, contactPhone: contact?.telephone)
    }
}

struct PublicBookingResponse: ResponseEncodable {
    let reference, statut: String
    let dateIso: Date

    init(_ commande: Commande) {
        reference = commande.reference
        statut = commande.status.rawValue
        dateIso = commande.pickupAt
    }
}

struct CaptchaConfigResponse: ResponseEncodable {
    let siteKey: String
}

/// `/public/captcha-config` and `/public/commandes`: the booking form, without login.
struct PublicBookingRoutes {
    let booking: PublicBooking

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("public/captcha-config") { _, _ in CaptchaConfigResponse(siteKey: booking.siteKey) }
        group.post("public/commandes") { request, context in
            let body = try await request.decodeJSON(PublicBookingBody.self, context: context)
            for (value, field) in [
                (body.societe, "societe"), (body.captchaToken, "captcha_token"),
                (body.priseEnCharge, "prise_en_charge"), (body.destination, "destination"),
            ] where value == nil {
                throw RequestError.missingField(field)
            }
            guard body.dateIso != nil else { throw RequestError.missingField("date_iso") }
            guard body.contact != nil else { throw RequestError.missingField("contact") }
            return EditedResponse(
                status: .created,
                response: PublicBookingResponse(try await booking.book(body.input, from: context.remoteAddress)))
        }
    }
}

struct OnboardingBody: Decodable {
    struct Driver: Decodable {
        let name, email: String?
    }

    let societe: SocieteBody?
    let taxis: [TaxiBody]?
    let chauffeurs: [Driver]?
    let clients: [DispatchClientBody]?

    var input: OnboardingInput {
        OnboardingInput(
            societe: societe?.input ?? SocieteInput(), taxis: (taxis ?? []).map(\.input),
            drivers: (chauffeurs ?? []).map { OnboardingInput.Driver(name: $0.name, email: $0.email) },
            clients: (clients ?? []).map(\.input))
    }
}

struct OnboardingResponse: ResponseEncodable {
    struct InvitedDriver: Encodable {
        let invitationId, email: String
        let expiresAt: Date
    }

    let societe: SocieteResponse
    let taxis: [TaxiResponse]
    let chauffeurs: [InvitedDriver]
    let clients: [DispatchClientResponse]

    init(_ result: OnboardingResult) {
        societe = SocieteResponse(result.societe)
        taxis = result.taxis.map { TaxiResponse($0) }
        chauffeurs = result.invitations.map {
            InvitedDriver(invitationId: $0.id.description, email: $0.email.value, expiresAt: $0.expiresAt)
        }
        clients = result.clients.map(DispatchClientResponse.init)
    }
}

/// `POST /onboarding/bootstrap`: the wizard's one transaction.
struct OnboardingRoutes {
    let onboarding: DispatchOnboarding

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.post("users") { request, context in
            let body = try await request.decodeJSON(InviteUserBody.self, context: context)
            guard body.email != nil else { throw RequestError.missingField("email") }
            let invitation = try await onboarding.inviteUser(
                name: body.name, email: body.email, role: body.role, as: context.principal)
            return EditedResponse(
                status: .created,
                response: InvitedUserResponse(
                    invitationId: invitation.id.description, email: invitation.email.value,
                    role: invitation.role.rawValue, expiresAt: invitation.expiresAt))
        }
        group.post("onboarding/bootstrap") { request, context in
            let body = try await request.decodeJSON(OnboardingBody.self, context: context)
            guard body.societe != nil else { throw RequestError.missingField("societe") }
            return EditedResponse(
                status: .created,
                response: OnboardingResponse(try await onboarding.bootstrap(body.input, as: context.principal)))
        }
    }
}

struct FleetDayResponse: ResponseEncodable {
    struct Line: Encodable {
        let taxiId, numero, plaque, statut: String
        let courses: [String: Int]
        let busyMinutes: Int
        let occupationPercent: String
    }

    let date: String
    let taxis: [Line]
    let courses: [String: Int]
    let coursesParHeure: [Int]
    let nonAssignees: Int

    init(_ day: FleetDay) {
        date = day.day.description
        taxis = day.taxis.map {
            Line(
                taxiId: $0.taxi.id.description, numero: $0.taxi.numero, plaque: $0.taxi.plate,
                statut: $0.taxi.status.rawValue, courses: $0.ridesByStatus, busyMinutes: $0.busyMinutes,
                occupationPercent: String(
                    format: "%d.%02d", $0.occupancyBasisPoints / 100, $0.occupancyBasisPoints % 100))
        }
        courses = day.ridesByStatus
        coursesParHeure = day.ridesPerHour
        nonAssignees = day.unassigned
    }
}

struct DriverStatsResponse: ResponseEncodable {
    let period: String
    let from, to: Date
    let current, previous: DriverFigures
    let previousSource: String

    init(_ stats: DriverStats) {
        period = stats.period.rawValue
        from = stats.from
        to = stats.to
        current = stats.current
        previous = stats.previous
        previousSource = stats.previousSource
    }
}

struct InviteUserBody: Decodable {
    let name, email, role: String?
}

struct InvitedUserResponse: ResponseEncodable {
    let invitationId, email, role: String
    let expiresAt: Date
}
