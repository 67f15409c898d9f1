public import Domain
public import Foundation

/// Checks the token a public form got from a captcha widget (reCAPTCHA-compatible).
public protocol CaptchaVerifier: Sendable {
    /// What the form's widget needs (`GET /public/captcha-config`).
    var siteKey: String { get }
    func verify(token: String, remoteAddress: String?) async throws -> Bool
}

/// For tests and local runs: accepts one fixed token, refuses every other.
public struct FixedTokenCaptchaVerifier: CaptchaVerifier {
    public let siteKey: String
    let acceptedToken: String

    public init(siteKey: String = "local-test-site-key", acceptedToken: String) {
        self.siteKey = siteKey
        self.acceptedToken = acceptedToken
    }

    public func verify(token: String, remoteAddress: String?) async throws -> Bool { token == acceptedToken }
}

public enum PublicBookingError: Error, Equatable, Sendable, CustomStringConvertible {
    case captchaFailed

    public var description: String { "the captcha was not solved; reload the form and try again" }
}

public struct PublicBookingInput: Sendable {
    public var societe, captchaToken, pickup, destination, flight: String?
    public var pickupAt: Date?
    public var passengers, luggage: Int?
    public var contactName, contactEmail, contactPhone: String?

    public init(
        societe: String?, captchaToken: String?, pickup: String?, destination: String?, pickupAt: Date?,
        passengers: Int?, luggage: Int?, flight: String?, contactName: String?, contactEmail: String?,
        contactPhone: String?
    ) {
        self.societe = societe
        self.captchaToken = captchaToken
        self.pickup = pickup
        self.destination = destination
        self.pickupAt = pickupAt
        self.passengers = passengers
        self.luggage = luggage
        self.flight = flight
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.contactPhone = contactPhone
    }
}

/// The public booking form: no login; rate-limited per client address, captcha verified,
/// strictly validated; the ride lands in the company's pool and the customer gets an email.
public struct PublicBooking: Sendable {
    let dispatch: DispatchService
    let captcha: any CaptchaVerifier
    let mail: MailDelivery
    let limiter: RateLimiter

    public init(dispatch: DispatchService, captcha: any CaptchaVerifier, mail: MailDelivery, limiter: RateLimiter) {
        self.dispatch = dispatch
        self.captcha = captcha
        self.mail = mail
        self.limiter = limiter
    }

    public var siteKey: String { captcha.siteKey }

    public func book(_ input: PublicBookingInput, from address: String?) async throws -> Commande {
        let now = dispatch.clock.now()
        try await limiter.attempt(address ?? "unknown", at: now)
        guard let pickupAt = input.pickupAt else {
            throw DomainError.invalidValue(field: "dateIso", reason: "is required")
        }
        guard pickupAt > now.addingTimeInterval(5 * 60) else {
            throw DomainError.invalidValue(field: "dateIso", reason: "must be at least 5 minutes in the future")
        }
        guard pickupAt < now.addingTimeInterval(366 * 86_400) else {
            throw DomainError.invalidValue(field: "dateIso", reason: "must be within a year")
        }
        let slug = try Societe.validSlug(input.societe ?? "")
        let contact = try Commande.Contact(
            name: input.contactName ?? "",
            email: try DispatchService.email(input.contactEmail, field: "contact.email")
                ?? { throw DomainError.invalidValue(field: "contact.email", reason: "is required") }(),
            phone: input.contactPhone)
        // Checked before the captcha so a typo does not cost the customer a new captcha.
        _ = try Commande(
            id: CommandeID(UUID()), organizationID: OrganizationID(UUID()), reference: "", clientID: nil,
            pickup: input.pickup ?? "", destination: input.destination ?? "", pickupAt: pickupAt,
            durationMinutes: Societe.defaultRideMinutes, passengers: input.passengers ?? 1,
            luggage: input.luggage ?? 0, flight: input.flight, createdAt: now)
        guard try await captcha.verify(token: input.captchaToken ?? "", remoteAddress: address) else {
            throw PublicBookingError.captchaFailed
        }
        let commande = try await dispatch.createPublicCommande(
            input, slug: slug, contact: contact, pickupAt: pickupAt, mail: mail)
        await mail.deliver([commande.id.rawValue])
        return commande
    }
}

extension DispatchService {
    /// The ride, and its confirmation queued in the same transaction (the email bears the ride's id).
    func createPublicCommande(
        _ input: PublicBookingInput, slug: String, contact: Commande.Contact, pickupAt: Date, mail: MailDelivery
    ) async throws -> Commande {
        let now = clock.now()
        let id = CommandeID(ids.make())
        let (created, events) = try await persistence.write {
            (repos: any UsesAudit & UsesCommandes & UsesMailQueue & UsesMemberships & UsesNotifications & UsesSocietes)
            in
            guard let societe = try await repos.societes.find(slug: slug) else {
                throw ApplicationError.notFound(entity: "societe", id: slug)
            }
            let organization = societe.organizationID
            let commande = try await insertNew(
                in: organization, at: now, by: nil, payload: ["source": "public"], repos
            ) { reference in
                try Commande(
                    id: id, organizationID: organization, reference: reference, clientID: nil,
                    pickup: input.pickup ?? "", destination: input.destination ?? "", pickupAt: pickupAt,
                    durationMinutes: societe.defaultRideMinutes, passengers: input.passengers ?? 1,
                    luggage: input.luggage ?? 0, flight: input.flight, source: .publicForm, contact: contact,
                    createdAt: now)
            }
            try await trail.notify(
                try await repos.memberships.users(withAnyOf: [.admin, .dispatcher], in: organization),
                in: organization, kind: "commande.created", title: "Nouvelle réservation en ligne",
                body: "\(commande.reference) : \(commande.pickup) → \(commande.destination)", entity: "commande",
                id: id.description, repos)
            try await mail.enqueue(
                Self.confirmation(of: commande, to: contact, company: societe.name), organization: organization,
                id: id.rawValue, at: now, repos)
            return (
                commande,
                [
                    planningEvent("commande.created", commande, at: now),
                    LiveEvent(
                        channel: .notifications, organizationID: organization, type: "commande.created",
                        data: commande.eventData, at: now),
                ]
            )
        }
        await self.events.publish(events)
        return created
    }

    static func confirmation(of commande: Commande, to contact: Commande.Contact, company: String) -> EmailMessage {
        EmailMessage(
            to: contact.email, subject: "Réservation \(commande.reference) reçue",
            body: """
                Bonjour \(contact.name),

                Nous avons bien reçu votre réservation \(commande.reference) :
                \(commande.pickup) → \(commande.destination)
                le \(commande.pickupAt.formatted(.iso8601)) (UTC), \(commande.passengers) passager(s).

                Un chauffeur vous sera attribué ; nous vous recontacterons si nécessaire.
                \(company)
                """)
    }
}
