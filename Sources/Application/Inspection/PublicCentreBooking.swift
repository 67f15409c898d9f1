public import Domain
public import Foundation

/// A booking made on a centre's public page, with the tokens of the links mailed to its contact.
public struct PublicAppointment: Sendable {
    public let appointment: Appointment
    /// Cancels the booking once, until it begins.
    public let cancelToken: String
    /// Starts its online payment once, while it is held for its prepayment.
    public let paymentToken: String?
    /// Moves it once to another free slot, until it begins.
    public let rescheduleToken: String
}

/// A centre's public page, without an account: the centre and its services, its free slots, a
/// booking (rate-limited per client address and captcha-checked, like the public ride form,
/// confirmed by email with single-use links to cancel, to move it and, when the centre asks for
/// prepayment, to pay), and a customer account in the centre's organization.
public struct PublicCentreBooking: Sendable {
    /// Where the confirmation's links point: the web app's pages, which post the token to
    /// `/api/v1/public/appointments/cancel` and `/api/v1/public/appointments/checkout`.
    public static let payPath = "/appointments/pay"
    /// The web app's page that posts the token and the new start to
    /// `/api/v1/public/appointments/reschedule`.
    public static let reschedulePath = "/appointments/reschedule"

    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let secrets: any SecretTokenGenerator
    let identity: IdentityService
    let captcha: any CaptchaVerifier
    let limiter: RateLimiter
    let mail: MailDelivery
    let publicURL: String
    let trail: AuditTrail

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, secrets: any SecretTokenGenerator,
        identity: IdentityService, captcha: any CaptchaVerifier, limiter: RateLimiter, mail: MailDelivery,
        publicURL: String
    ) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.secrets = secrets
        self.identity = identity
        self.captcha = captcha
        self.limiter = limiter
        self.mail = mail
        self.publicURL = publicURL
        self.trail = AuditTrail(clock: clock, ids: ids)
    }

    /// Books a free slot for the vehicle described; the contact's email is required (the
    /// confirmation and its links go there). The vehicle is the organization's with that plate,
    /// or a new one owned by the contact.
    public func book(
        _ input: BookingInput, at slug: String, captchaToken: String?, from address: String?
    ) async throws -> PublicAppointment {
        let now = clock.now()
        try await limiter.attempt(address ?? "unknown", at: now)
        guard let start = input.slotStart else {
            throw DomainError.invalidValue(field: "slotStart", reason: "is required")
        }
        guard start > now else { throw DomainError.invalidValue(field: "slotStart", reason: "has passed") }
        guard let described = input.vehicle else {
            throw DomainError.invalidValue(field: "vehicle", reason: "is required")
        }
        let contact = try ContactDetails(
            name: input.contact?.name ?? "", email: input.contact?.email, phone: input.contact?.phone)
        guard let email = contact.email else {
            throw DomainError.invalidValue(field: "contact.email", reason: "is required (the confirmation goes there)")
        }
        // Checked before the captcha so that a typo does not cost the customer a new captcha.
        _ = try AppointmentService.vehicle(
            described, id: VehicleID(UUID()), organization: OrganizationID(UUID()), owner: contact, customer: nil,
            field: "vehicle.", at: now)
        guard try await captcha.verify(token: captchaToken ?? "", remoteAddress: address) else {
            throw PublicBookingError.captchaFailed
        }
        let cancelToken = secrets.makeToken()
        let paymentToken = secrets.makeToken()
        let moveToken = secrets.makeToken()
        let mailID = ids.make()
        let appointment = try await persistence.write {
            (
                repos: any UsesAppointmentLinks & UsesAppointments & UsesAudit & UsesCentres & UsesInspectionOffers
                    & UsesInspectorSchedules & UsesLanes & UsesMailQueue & UsesUsers & UsesVehicles
            ) in
            let centre = try await CentreService.published(slug, repos)
            let offer = try await AppointmentService.offer(input.serviceID, of: centre, repos)
            // A plate the organization knows is booked as recorded; a new one is recorded with the contact as owner.
            let vehicle = try await AppointmentService.vehicle(described, in: centre.organizationID, repos) {
                try AppointmentService.vehicle(
                    described, id: VehicleID(ids.make()), organization: centre.organizationID, owner: contact,
                    customer: nil, field: "vehicle.", at: now)
            }
            let slot = try await AppointmentService.slot(
                at: start, centre: centre, offer: offer, category: vehicle.category, repos)
            let appointment = Appointment(
                id: AppointmentID(ids.make()), organizationID: centre.organizationID, centreID: centre.id,
                offer: offer, vehicleID: vehicle.id, category: vehicle.category, slot: slot, customerID: nil,
                contact: contact, policy: centre.policy, at: now)
            try await repos.appointments.insert(appointment)
            try await insertLinks(of: appointment, cancel: cancelToken, move: moveToken, at: now, repos)
            if let hold = appointment.holdExpiresAt {
                try await repos.appointmentLinks.insert(
                    AppointmentLink(
                        tokenHash: secrets.digest(paymentToken), organizationID: centre.organizationID,
                        appointmentID: appointment.id, action: .pay, expiresAt: hold),
                    at: now)
            }
            try await trail.record(
                "appointment.booked", entity: "appointment", id: appointment.id.description,
                payload: ["centre": centre.id.description, "status": appointment.status.rawValue, "source": "public"],
                by: nil, organization: centre.organizationID, repos)
            try await mail.enqueue(
                confirmation(
                    appointment, at: centre, offer: offer, plate: vehicle.plate.value, to: email, cancel: cancelToken,
                    move: moveToken, pay: appointment.holdExpiresAt == nil ? nil : paymentToken),
                organization: centre.organizationID, id: mailID, at: now, repos)
            return appointment
        }
        await mail.deliver([mailID])
        return PublicAppointment(
            appointment: appointment, cancelToken: cancelToken,
            paymentToken: appointment.holdExpiresAt == nil ? nil : paymentToken, rescheduleToken: moveToken)
    }

    private func insertLinks(
        of appointment: Appointment, cancel: String, move: String, at now: Date, _ repos: any UsesAppointmentLinks
    ) async throws {
        for (token, action) in [(cancel, AppointmentLinkAction.cancel), (move, .reschedule)] {
            try await repos.appointmentLinks.insert(
                AppointmentLink(
                    tokenHash: secrets.digest(token), organizationID: appointment.organizationID,
                    appointmentID: appointment.id, action: action, expiresAt: appointment.start),
                at: now)
        }
    }

    /// Moves a booking to another free slot of its service with the single-use link its
    /// confirmation carried, until it begins; a payment already made stays with it. The contact
    /// gets the new time by email, with fresh links to cancel and to move it again (the cancel
    /// link sent before still works until the time first booked).
    public func reschedule(link token: String?, to start: Date?) async throws -> PublicAppointment {
        let hash = secrets.digest(try MailedLink.token(token))
        guard let start else { throw DomainError.invalidValue(field: "slotStart", reason: "is required") }
        let now = clock.now()
        guard start > now else { throw DomainError.invalidValue(field: "slotStart", reason: "has passed") }
        let cancelToken = secrets.makeToken()
        let moveToken = secrets.makeToken()
        let mailID = ids.make()
        let appointment = try await AppointmentService.retryingLostRace {
            try await persistence.write {
                (
                    repos: any UsesAppointmentLinks & UsesAppointments & UsesAudit & UsesCentres & UsesInspectionOffers
                        & UsesInspectorSchedules & UsesLanes & UsesMailQueue & UsesVehicles
                ) in
                let opened = try await MailedLink.open(hash, .reschedule, at: now, repos)
                var link = opened.link
                var appointment = opened.appointment
                let centre = opened.centre
                guard let offer = try await repos.inspectionOffers.find(appointment.offerID),
                    let vehicle = try await repos.vehicles.find(appointment.vehicleID)
                else { throw InspectionError.unknownLink }
                try link.use(at: now)
                try await MailedLink.markUsed(hash, at: now, repos)
                let slot = try await AppointmentService.slot(
                    at: start, centre: centre, offer: offer, category: appointment.category, ignoring: appointment.id,
                    repos)
                try appointment.reschedule(to: slot, at: now)
                try await repos.appointments.update(appointment)
                try await insertLinks(of: appointment, cancel: cancelToken, move: moveToken, at: now, repos)
                try await trail.record(
                    "appointment.rescheduled", entity: "appointment", id: appointment.id.description,
                    payload: [
                        "centre": centre.id.description, "status": appointment.status.rawValue, "by": "link",
                    ],
                    by: nil, organization: appointment.organizationID, repos)
                if let email = appointment.contact.email {
                    try await mail.enqueue(
                        confirmation(
                            appointment, at: centre, offer: offer, plate: vehicle.plate.value, to: email,
                            cancel: cancelToken, move: moveToken, pay: nil, moved: true),
                        organization: appointment.organizationID, id: mailID, at: now, repos)
                }
                return appointment
            }
        }
        await mail.deliver([mailID])
        return PublicAppointment(
            appointment: appointment, cancelToken: cancelToken, paymentToken: nil, rescheduleToken: moveToken)
    }

    private func confirmation(
        _ appointment: Appointment, at centre: Centre, offer: InspectionOffer, plate: String, to email: Email,
        cancel: String, move: String, pay: String?, moved: Bool = false
    ) -> EmailMessage {
        let (day, time) = InspectionReminders.localDayAndTime(of: appointment.start, in: centre.timeZone)
        var payment = ""
        if let pay, let hold = appointment.holdExpiresAt {
            let minutes = Int(hold.timeIntervalSince(appointment.createdAt) / 60)
            payment = """

                Ce centre demande le paiement à la réservation : votre créneau est réservé \(minutes) minutes.
                Payer (\(appointment.price)) : \(publicURL)\(Self.payPath)?token=\(pay)

                """
        }
        return EmailMessage(
            to: email, subject: "Rendez-vous\(moved ? " déplacé" : "") : \(offer.name) le \(day) à \(time)",
            body: """
                Bonjour \(appointment.contact.name),

                Votre rendez-vous est \(moved ? "déplacé" : "enregistré") : \(offer.name) du véhicule \(plate), le \(day) à \(time), \
                chez \(centre.name), \(centre.address). Prix : \(appointment.price).
                \(payment)
                Pour annuler (lien à usage unique ; conditions d'annulation du centre) :
                \(publicURL)\(InspectionReminderService.cancelPath)?token=\(cancel)

                Pour le déplacer à un autre créneau libre (lien à usage unique) :
                \(publicURL)\(Self.reschedulePath)?token=\(move)

                \(centre.name)
                """)
    }

    /// An account with the `customer` role in the centre's organization: it then books, and sees
    /// its own vehicles and bookings. Rate-limited like the bookings.
    public func register(
        email: String, password: String, name: String, at slug: String, client: SignInClient, from address: String?
    ) async throws -> AuthSession {
        try await limiter.attempt(address ?? "unknown", at: clock.now())
        let organization = try await persistence.read { (repos: any UsesCentres) in
            try await CentreService.published(slug, repos).organizationID
        }
        return try await identity.register(
            Registration(
                email: email, password: password, name: name, destination: .customer(of: organization),
                client: client))
    }
}
