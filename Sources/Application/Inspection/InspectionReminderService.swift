public import Domain
import Foundation

/// Reminders by email, through the mail queue: a booking's contact 24 hours before (the date,
/// the centre, the papers to bring and a single-use cancel link), and a vehicle's owner a month
/// before its next inspection is due. The cancel link works without an account, once, until the
/// booking begins, under the centre's cancellation policy.
public struct InspectionReminderService: Sendable {
    public static let job = "inspection-reminders"
    /// Where the cancel link points: the web app's page, which posts the token to
    /// `/api/v1/public/appointments/cancel`.
    public static let cancelPath = "/appointments/cancel"

    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let secrets: any SecretTokenGenerator
    let publicURL: String
    let trail: AuditTrail

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, secrets: any SecretTokenGenerator,
        publicURL: String
    ) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.secrets = secrets
        self.publicURL = publicURL
        self.trail = AuditTrail(clock: clock, ids: ids)
    }

    /// Mails the reminders now due, each once; returns how many bookings and vehicles were
    /// reminded (`created`) and passed over for want of an email address (`skipped`).
    public func runJob() async throws -> JobReport {
        let now = clock.now()
        return try await persistence.write {
            (
                repos: any UsesAppointmentLinks & UsesCentres & UsesInspectionOffers & UsesInspectionReminders
                    & UsesMailQueue & UsesVehicles
            ) in
            var mailed = 0
            var skipped = 0
            var centres: [CentreID: Centre] = [:]
            func centre(_ id: CentreID) async throws -> Centre? {
                if let known = centres[id] { return known }
                centres[id] = try await repos.centres.find(id)
                return centres[id]
            }
            let soon = now.addingTimeInterval(InspectionReminders.appointmentLead)
            for appointment in try await repos.inspectionReminders.appointmentsToRemind(after: now, until: soon) {
                try await repos.inspectionReminders.markReminded(
                    appointment.id, organization: appointment.organizationID, at: now)
                guard let email = appointment.contact.email, let centre = try await centre(appointment.centreID),
                    let offer = try await repos.inspectionOffers.find(appointment.offerID)
                else {
                    skipped += 1
                    continue
                }
                let token = secrets.makeToken()
                try await repos.appointmentLinks.insert(
                    AppointmentLink(
                        tokenHash: secrets.digest(token), organizationID: appointment.organizationID,
                        appointmentID: appointment.id, action: .cancel, expiresAt: appointment.start),
                    at: now)
                let plate = try await repos.vehicles.find(appointment.vehicleID)?.plate.value
                try await repos.mailQueue.enqueue(
                    QueuedEmail(
                        id: ids.make(), organizationID: appointment.organizationID,
                        message: reminder(appointment, at: centre, offer: offer, plate: plate, to: email, token: token),
                        createdAt: now))
                mailed += 1
            }
            let today = CalendarDate(dayOf: now, in: TimeZone(identifier: "Europe/Brussels")!)
            let horizon = today.adding(days: InspectionReminders.dueLeadDays)
            for inspection in try await repos.inspectionReminders.inspectionsDue(from: today, to: horizon) {
                guard let due = inspection.nextDue else { continue }
                try await repos.inspectionReminders.markDueReminded(
                    inspection.vehicleID, due: due, organization: inspection.organizationID, at: now)
                guard let vehicle = try await repos.vehicles.find(inspection.vehicleID),
                    let email = vehicle.owner.email,
                    let centre = try await centre(inspection.centreID)
                else {
                    skipped += 1
                    continue
                }
                try await repos.mailQueue.enqueue(
                    QueuedEmail(
                        id: ids.make(), organizationID: inspection.organizationID,
                        message: EmailMessage(
                            to: email,
                            subject: "Contrôle technique du véhicule \(vehicle.plate) à faire avant le \(due)",
                            body: """
                                Bonjour \(vehicle.owner.name),

                                Le prochain contrôle technique du véhicule \(vehicle.plate) est à faire avant le \(due).
                                Réservez votre rendez-vous auprès de \(centre.name), \(centre.address) : \
                                \(publicURL)/centres/\(centre.slug)

                                \(centre.name)
                                """), createdAt: now))
                mailed += 1
            }
            return JobReport(job: Self.job, ran: true, created: mailed, skipped: skipped)
        }
    }

    private func reminder(
        _ appointment: Appointment, at centre: Centre, offer: InspectionOffer, plate: String?, to email: Email,
        token: String
    ) -> EmailMessage {
        let (day, time) = InspectionReminders.localDayAndTime(of: appointment.start, in: centre.timeZone)
        let papers = InspectionReminders.documentsToBring(for: offer.kind).map { "- \($0)" }.joined(separator: "\n")
        let vehicle = plate.map { " du véhicule \($0)" } ?? ""
        return EmailMessage(
            to: email, subject: "Rappel : \(offer.name) le \(day) à \(time)",
            body: """
                Bonjour \(appointment.contact.name),

                Rappel de votre rendez-vous : \(offer.name)\(vehicle), le \(day) à \(time), \
                chez \(centre.name), \(centre.address).

                À apporter :
                \(papers)

                Pour annuler ce rendez-vous (lien à usage unique ; conditions d'annulation du centre) :
                \(publicURL)\(Self.cancelPath)?token=\(token)

                \(centre.name)
                """)
    }

    /// Cancels the booking whose reminder carried this link: once, before the booking begins,
    /// under the centre's policy (a late cancellation has its fee). Any other token is 404.
    public func cancel(link token: String?) async throws -> Appointment {
        let hash = secrets.digest(try MailedLink.token(token))
        let now = clock.now()
        return try await persistence.write {
            (repos: any UsesAppointmentLinks & UsesAppointments & UsesAudit & UsesCentres) in
            let opened = try await MailedLink.open(hash, .cancel, at: now, repos)
            var link = opened.link
            var appointment = opened.appointment
            let centre = opened.centre
            try link.use(at: now)
            try await MailedLink.markUsed(hash, at: now, repos)
            try appointment.cancel(
                by: nil, reason: "cancelled through the reminder's link", policy: centre.policy, waivingFee: false,
                at: now)
            try await repos.appointments.update(appointment)
            try await trail.record(
                "appointment.cancelled", entity: "appointment", id: appointment.id.description,
                payload: [
                    "centre": appointment.centreID.description, "status": appointment.status.rawValue, "by": "link",
                ],
                by: nil, organization: appointment.organizationID, repos)
            return appointment
        }
    }
}
