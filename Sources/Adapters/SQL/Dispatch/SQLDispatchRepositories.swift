import Application
import Domain
import Foundation
import SQLKit

struct SocieteRow: Codable {
    let organizationId: UUID
    let nom: String
    let slug: String?
    let email: String?
    let telephone: String?
    let adresse: String?
    let tva: String?
    let dureeCourseMinutes: Int
    let slaAttenteMinutes: Int

    enum CodingKeys: String, CodingKey {
        case nom, slug, email, telephone, adresse, tva
        case organizationId = "organization_id"
        case dureeCourseMinutes = "duree_course_minutes"
        case slaAttenteMinutes = "sla_attente_minutes"
    }

    init(_ societe: Societe) {
        organizationId = societe.organizationID.rawValue
        nom = societe.name
        slug = societe.slug
        email = societe.email?.value
        telephone = societe.phone
        adresse = societe.address
        tva = societe.vatNumber
        dureeCourseMinutes = societe.defaultRideMinutes
        slaAttenteMinutes = societe.pendingAlertMinutes
    }

    func domain() throws -> Societe {
        try Societe(
            organizationID: OrganizationID(organizationId), name: nom, slug: slug, email: try email.map(Email.init),
            phone: telephone, address: adresse, vatNumber: tva, defaultRideMinutes: dureeCourseMinutes,
            pendingAlertMinutes: slaAttenteMinutes)
    }
}

struct SQLSocieteRepository: SocieteRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func find(_ organization: OrganizationID) async throws -> Societe? {
        try await db.select().columns("*").from("societes").where("organization_id", .equal, organization.rawValue)
            .first(decoding: SocieteRow.self, with: rowDecoder)?.domain()
    }

    func find(slug: String) async throws -> Societe? {
        try await db.select().columns("*").from("societes").where("slug", .equal, slug)
            .first(decoding: SocieteRow.self, with: rowDecoder)?.domain()
    }

    func save(_ societe: Societe) async throws {
        if let slug = societe.slug, let owner = try await find(slug: slug),
            owner.organizationID != societe.organizationID
        {
            throw DispatchError.slugTaken(slug)
        }
        do {
            try await db.insert(into: "societes").model(SocieteRow(societe), nilEncodingStrategy: .asNil)
                .onConflict(with: ["organization_id"]) {
                    try $0.set(excludedContentOf: SocieteRow(societe), nilEncodingStrategy: .asNil)
                }
                .run()
        } catch  where dialect.isUniqueViolation(error) {
            throw DispatchError.slugTaken(societe.slug ?? "")
        }
    }
}

struct TaxiRow: Codable {
    let id: UUID
    let organizationId: UUID
    let numero: String
    let plaque: String
    let vignette: String?
    let statut: String
    let chauffeurId: UUID?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, numero, plaque, vignette, statut
        case organizationId = "organization_id"
        case chauffeurId = "chauffeur_id"
        case createdAt = "created_at"
    }

    init(_ taxi: Taxi) {
        id = taxi.id.rawValue
        organizationId = taxi.organizationID.rawValue
        numero = taxi.numero
        plaque = taxi.plate
        vignette = taxi.vignette
        statut = taxi.status.rawValue
        chauffeurId = taxi.driverID?.rawValue
        createdAt = taxi.createdAt
    }

    func domain() throws -> Taxi {
        guard let status = Taxi.Status(rawValue: statut) else {
            throw CorruptRow(table: "taxis", reason: "statut of \(id)")
        }
        return try Taxi(
            id: TaxiID(id), organizationID: OrganizationID(organizationId), numero: numero, plate: plaque,
            vignette: vignette, status: status, driverID: chauffeurId.map(UserID.init), createdAt: createdAt)
    }
}

struct SQLTaxiRepository: TaxiRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ taxi: Taxi) async throws {
        try await checkUnique(taxi)
        do {
            try await db.insert(into: "taxis").model(TaxiRow(taxi), nilEncodingStrategy: .asNil).run()
        } catch  where dialect.isUniqueViolation(error) {
            throw DispatchError.plateTaken(taxi.plate)
        }
    }

    /// Names the conflict before the unique keys refuse it (a refused statement would end a
    /// PostgreSQL transaction before we could tell which key it was).
    private func checkUnique(_ taxi: Taxi) async throws {
        if let other = try await find(plate: taxi.plate, in: taxi.organizationID), other.id != taxi.id {
            throw DispatchError.plateTaken(taxi.plate)
        }
        if let driver = taxi.driverID, let other = try await find(driver: driver, in: taxi.organizationID),
            other.id != taxi.id
        {
            throw DispatchError.driverHasTaxi
        }
    }

    func find(_ id: TaxiID) async throws -> Taxi? {
        try await db.select().columns("*").from("taxis").where("id", .equal, id.rawValue)
            .first(decoding: TaxiRow.self, with: rowDecoder)?.domain()
    }

    func find(plate: String, in organization: OrganizationID) async throws -> Taxi? {
        try await db.select().columns("*").from("taxis").where("organization_id", .equal, organization.rawValue)
            .where("plaque", .equal, plate).first(decoding: TaxiRow.self, with: rowDecoder)?.domain()
    }

    func find(driver: UserID, in organization: OrganizationID) async throws -> Taxi? {
        try await db.select().columns("*").from("taxis").where("organization_id", .equal, organization.rawValue)
            .where("chauffeur_id", .equal, driver.rawValue).first(decoding: TaxiRow.self, with: rowDecoder)?.domain()
    }

    func lock(_ id: TaxiID) async throws {
        try await db.lockRow(of: "taxis", id: id.rawValue, dialect: dialect)
    }

    func list(of organization: OrganizationID, page: PageRequest) async throws -> Page<Taxi> {
        let (rows, total) = try await db.page(
            "taxis", page, as: TaxiRow.self, filtered: { $0.where("organization_id", .equal, organization.rawValue) },
            ordered: { $0.orderBy("numero").orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func update(_ taxi: Taxi) async throws {
        try await checkUnique(taxi)
        let row = TaxiRow(taxi)
        do {
            try await db.update("taxis").set("numero", to: row.numero).set("plaque", to: row.plaque)
                .set("vignette", to: row.vignette).set("statut", to: row.statut)
                .set("chauffeur_id", to: row.chauffeurId).where("id", .equal, row.id).run()
        } catch  where dialect.isUniqueViolation(error) {
            throw DispatchError.plateTaken(taxi.plate)
        }
    }

    func delete(_ id: TaxiID) async throws {
        // Past offers and finished or cancelled rides keep their history without the taxi.
        try await db.update("commandes").set("taxi_id", to: SQLLiteral.null).where("taxi_id", .equal, id.rawValue)
            .run()
        try await db.delete(from: "demandes").where("taxi_id", .equal, id.rawValue).run()
        try await db.delete(from: "taxis").where("id", .equal, id.rawValue).run()
    }
}

struct DispatchClientRow: Codable {
    let id: UUID
    let organizationId: UUID
    let type: String
    let nom: String
    let contactEmail: String?
    let contactPhone: String?
    let adresse: String?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, type, nom, adresse
        case organizationId = "organization_id"
        case contactEmail = "contact_email"
        case contactPhone = "contact_phone"
        case createdAt = "created_at"
    }

    init(_ client: DispatchClient) {
        id = client.id.rawValue
        organizationId = client.organizationID.rawValue
        type = client.kind.rawValue
        nom = client.name
        contactEmail = client.email?.value
        contactPhone = client.phone
        adresse = client.address
        createdAt = client.createdAt
    }

    func domain() throws -> DispatchClient {
        guard let kind = DispatchClient.Kind(rawValue: type) else {
            throw CorruptRow(table: "dispatch_clients", reason: "type of \(id)")
        }
        return try DispatchClient(
            id: DispatchClientID(id), organizationID: OrganizationID(organizationId), kind: kind, name: nom,
            email: try contactEmail.map(Email.init), phone: contactPhone, address: adresse, createdAt: createdAt)
    }
}

struct SQLDispatchClientRepository: DispatchClientRepository {
    let db: any SQLDatabase

    func insert(_ client: DispatchClient) async throws {
        try await db.insert(into: "dispatch_clients").model(DispatchClientRow(client), nilEncodingStrategy: .asNil)
            .run()
    }

    func find(_ id: DispatchClientID) async throws -> DispatchClient? {
        try await db.select().columns("*").from("dispatch_clients").where("id", .equal, id.rawValue)
            .first(decoding: DispatchClientRow.self, with: rowDecoder)?.domain()
    }

    func list(of organization: OrganizationID, page: PageRequest) async throws -> Page<DispatchClient> {
        let (rows, total) = try await db.page(
            "dispatch_clients", page, as: DispatchClientRow.self,
            filtered: { $0.where("organization_id", .equal, organization.rawValue) },
            ordered: { $0.orderBy("nom").orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func update(_ client: DispatchClient) async throws {
        let row = DispatchClientRow(client)
        try await db.update("dispatch_clients").set("type", to: row.type).set("nom", to: row.nom)
            .set("contact_email", to: row.contactEmail).set("contact_phone", to: row.contactPhone)
            .set("adresse", to: row.adresse).where("id", .equal, row.id).run()
    }

    func delete(_ id: DispatchClientID) async throws {
        try await db.delete(from: "dispatch_clients").where("id", .equal, id.rawValue).run()
    }

    func isReferenced(_ id: DispatchClientID) async throws -> Bool {
        try await db.select().column("id").from("commandes").where("client_id", .equal, id.rawValue).limit(1)
            .first() != nil
    }
}

struct CommandeRow: Codable {
    let id: UUID
    let organizationId: UUID
    let reference: String
    let clientId: UUID?
    let priseEnCharge: String
    let destination: String
    let dateIso: Date
    let dureeMinutes: Int
    let passagers: Int
    let bagages: Int
    let vol: String?
    let taxiId: UUID?
    let chauffeurId: UUID?
    let statut: String
    let source: String
    let contactNom: String?
    let contactEmail: String?
    let contactTelephone: String?
    let motifAnnulation: String?
    let createdAt: Date
    let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, reference, destination, passagers, bagages, vol, statut, source
        case organizationId = "organization_id"
        case clientId = "client_id"
        case priseEnCharge = "prise_en_charge"
        case dateIso = "date_iso"
        case dureeMinutes = "duree_minutes"
        case taxiId = "taxi_id"
        case chauffeurId = "chauffeur_id"
        case contactNom = "contact_nom"
        case contactEmail = "contact_email"
        case contactTelephone = "contact_telephone"
        case motifAnnulation = "motif_annulation"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ commande: Commande) {
        id = commande.id.rawValue
        organizationId = commande.organizationID.rawValue
        reference = commande.reference
        clientId = commande.clientID?.rawValue
        priseEnCharge = commande.pickup
        destination = commande.destination
        dateIso = commande.pickupAt
        dureeMinutes = commande.durationMinutes
        passagers = commande.passengers
        bagages = commande.luggage
        vol = commande.flight
        taxiId = commande.taxiID?.rawValue
        chauffeurId = commande.driverID?.rawValue
        statut = commande.status.rawValue
        source = commande.source.rawValue
        contactNom = commande.contact?.name
        contactEmail = commande.contact?.email.value
        contactTelephone = commande.contact?.phone
        motifAnnulation = commande.cancelReason
        createdAt = commande.createdAt
        updatedAt = commande.updatedAt
    }

    func domain() throws -> Commande {
        guard let status = Commande.Status(rawValue: statut), let source = Commande.Source(rawValue: source) else {
            throw CorruptRow(table: "commandes", reason: "statut or source of \(id)")
        }
        let contact = try contactNom.map { name in
            try Commande.Contact(name: name, email: try Email(contactEmail ?? ""), phone: contactTelephone)
        }
        return try Commande(
            id: CommandeID(id), organizationID: OrganizationID(organizationId), reference: reference,
            clientID: clientId.map(DispatchClientID.init), pickup: priseEnCharge, destination: destination,
            pickupAt: dateIso, durationMinutes: dureeMinutes, passengers: passagers, luggage: bagages, flight: vol,
            taxiID: taxiId.map(TaxiID.init), driverID: chauffeurId.map(UserID.init), status: status, source: source,
            contact: contact, cancelReason: motifAnnulation, createdAt: createdAt, updatedAt: updatedAt)
    }
}

struct SQLCommandeRepository: CommandeRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func nextNumber(of organization: OrganizationID, year: Int) async throws -> Int {
        // One atomic upsert: concurrent creations queue on the counter's row until the first commits.
        let next = try await db.raw(
            """
            INSERT INTO commande_counters (organization_id, year, last_number)
            VALUES (\(bind: organization.rawValue), \(bind: year), 1)
            ON CONFLICT (organization_id, year)
            DO UPDATE SET last_number = commande_counters.last_number + 1
            RETURNING last_number
            """
        ).first(decodingColumn: "last_number", as: Int.self)
        guard let next else { throw CorruptRow(table: "commande_counters", reason: "no number returned") }
        return next
    }

    func insert(_ commande: Commande) async throws {
        try await db.insert(into: "commandes").model(CommandeRow(commande), nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: CommandeID) async throws -> Commande? {
        try await db.select().columns("*").from("commandes").where("id", .equal, id.rawValue)
            .first(decoding: CommandeRow.self, with: rowDecoder)?.domain()
    }

    func find(ids: [CommandeID]) async throws -> [Commande] {
        guard !ids.isEmpty else { return [] }
        return try await db.select().columns("*").from("commandes").where("id", .in, ids.map(\.rawValue))
            .all(decoding: CommandeRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func lock(_ id: CommandeID) async throws {
        try await db.lockRow(of: "commandes", id: id.rawValue, dialect: dialect)
    }

    func update(_ commande: Commande) async throws {
        let row = CommandeRow(commande)
        try await db.update("commandes").set("client_id", to: row.clientId)
            .set("prise_en_charge", to: row.priseEnCharge).set("destination", to: row.destination)
            .set("date_iso", to: row.dateIso).set("duree_minutes", to: row.dureeMinutes)
            .set("passagers", to: row.passagers).set("bagages", to: row.bagages).set("vol", to: row.vol)
            .set("taxi_id", to: row.taxiId).set("chauffeur_id", to: row.chauffeurId).set("statut", to: row.statut)
            .set("motif_annulation", to: row.motifAnnulation).set("updated_at", to: row.updatedAt)
            .where("id", .equal, row.id).run()
    }

    func list(of organization: OrganizationID, filter: CommandeFilter, page: PageRequest) async throws -> Page<
        Commande
    > {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.where("organization_id", .equal, organization.rawValue)
            if let status = filter.status { query = query.where("statut", .equal, status.rawValue) }
            if let taxi = filter.taxiID { query = query.where("taxi_id", .equal, taxi.rawValue) }
            if let driver = filter.driverID { query = query.where("chauffeur_id", .equal, driver.rawValue) }
            if let from = filter.from { query = query.where("date_iso", .greaterThanOrEqual, from) }
            if let to = filter.to { query = query.where("date_iso", .lessThan, to) }
            if let kind = filter.clientKind {
                query = query.where(
                    SQLColumn("client_id"), .in,
                    SQLGroupExpression(
                        db.select().column("id").from("dispatch_clients").where("type", .equal, kind.rawValue)
                            .select))
            }
            if let text = filter.query?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty {
                let pattern =
                    "%\(text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: ""))%"
                query = query.where { group in
                    ["reference", "prise_en_charge", "destination", "contact_nom"].reduce(group) { group, column in
                        group.orWhere(SQLFunction("LOWER", args: SQLColumn(column)), .like, SQLBind(pattern))
                    }
                }
            }
            return query
        }
        let (rows, total) = try await db.page(
            "commandes", page, as: CommandeRow.self, filtered: filtered,
            ordered: { $0.orderBy("date_iso").orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func holding(taxi: TaxiID, pickupFrom from: Date, to: Date) async throws -> [Commande] {
        try await db.select().columns("*").from("commandes").where("taxi_id", .equal, taxi.rawValue)
            .where("statut", .in, [Commande.Status.assignee.rawValue, Commande.Status.enCours.rawValue])
            .where("date_iso", .greaterThanOrEqual, from).where("date_iso", .lessThan, to)
            .orderBy("date_iso").all(decoding: CommandeRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func waitingUnalerted(createdBefore date: Date) async throws -> [Commande] {
        try await db.select().columns("*").from("commandes")
            .where("statut", .equal, Commande.Status.enAttente.rawValue).where("sla_alerte", .equal, false)
            .where("created_at", .lessThanOrEqual, date).orderBy("created_at")
            .all(decoding: CommandeRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func markAlerted(_ id: CommandeID) async throws -> Bool {
        let marked = try await db.raw(
            "UPDATE commandes SET sla_alerte = \(bind: true) WHERE id = \(bind: id.rawValue) AND sla_alerte = \(bind: false) RETURNING id"
        ).all()
        return !marked.isEmpty
    }

    func rides(driver: UserID, in organization: OrganizationID, statuses: Set<Commande.Status>) async throws
        -> [Commande]
    {
        try await db.select().columns("*").from("commandes").where("organization_id", .equal, organization.rawValue)
            .where("chauffeur_id", .equal, driver.rawValue).where("statut", .in, statuses.map(\.rawValue).sorted())
            .orderBy("date_iso").all(decoding: CommandeRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func hasPlannedRides(taxi: TaxiID) async throws -> Bool {
        try await db.select().column("id").from("commandes").where("taxi_id", .equal, taxi.rawValue)
            .where(
                "statut", .in,
                [
                    Commande.Status.proposee.rawValue, Commande.Status.assignee.rawValue,
                    Commande.Status.enCours.rawValue,
                ]
            )
            .limit(1).first() != nil
    }
}

struct DemandeRow: Codable {
    let id: UUID
    let organizationId: UUID
    let commandeId: UUID
    let taxiId: UUID
    let chauffeurId: UUID
    let statut: String
    let motif: String?
    let createdAt: Date
    let answeredAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, statut, motif
        case organizationId = "organization_id"
        case commandeId = "commande_id"
        case taxiId = "taxi_id"
        case chauffeurId = "chauffeur_id"
        case createdAt = "created_at"
        case answeredAt = "answered_at"
    }

    init(_ demande: Demande) {
        id = demande.id.rawValue
        organizationId = demande.organizationID.rawValue
        commandeId = demande.commandeID.rawValue
        taxiId = demande.taxiID.rawValue
        chauffeurId = demande.driverID.rawValue
        statut = demande.status.rawValue
        motif = demande.reason
        createdAt = demande.createdAt
        answeredAt = demande.answeredAt
    }

    func domain() throws -> Demande {
        guard let status = Demande.Status(rawValue: statut) else {
            throw CorruptRow(table: "demandes", reason: "statut of \(id)")
        }
        return Demande(
            id: DemandeID(id), organizationID: OrganizationID(organizationId), commandeID: CommandeID(commandeId),
            taxiID: TaxiID(taxiId), driverID: UserID(chauffeurId), status: status, reason: motif,
            createdAt: createdAt, answeredAt: answeredAt)
    }
}

struct SQLDemandeRepository: DemandeRepository {
    let db: any SQLDatabase

    func insert(_ demande: Demande) async throws {
        try await db.insert(into: "demandes").model(DemandeRow(demande), nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: DemandeID) async throws -> Demande? {
        try await db.select().columns("*").from("demandes").where("id", .equal, id.rawValue)
            .first(decoding: DemandeRow.self, with: rowDecoder)?.domain()
    }

    func open(for commande: CommandeID) async throws -> Demande? {
        try await db.select().columns("*").from("demandes").where("commande_id", .equal, commande.rawValue)
            .where("statut", .equal, Demande.Status.enAttente.rawValue)
            .first(decoding: DemandeRow.self, with: rowDecoder)?.domain()
    }

    func update(_ demande: Demande) async throws {
        let row = DemandeRow(demande)
        try await db.update("demandes").set("statut", to: row.statut).set("motif", to: row.motif)
            .set("answered_at", to: row.answeredAt).where("id", .equal, row.id).run()
    }

    func list(driver: UserID, in organization: OrganizationID, status: Demande.Status) async throws -> [Demande] {
        try await db.select().columns("*").from("demandes").where("chauffeur_id", .equal, driver.rawValue)
            .where("organization_id", .equal, organization.rawValue).where("statut", .equal, status.rawValue)
            .orderBy("created_at", .descending).limit(PageRequest.maximumPerPage)
            .all(decoding: DemandeRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func list(commande: CommandeID) async throws -> [Demande] {
        try await db.select().columns("*").from("demandes").where("commande_id", .equal, commande.rawValue)
            .orderBy("created_at").all(decoding: DemandeRow.self, with: rowDecoder).map { try $0.domain() }
    }
}
