public import Foundation

/// What a booking's single-use link lets its holder do without an account.
public enum AppointmentLinkAction: String, Sendable, CaseIterable {
    case cancel
    /// Start the online prepayment of a held booking (until the hold lapses).
    case pay
    /// Move the booking to another free slot of its service (until it begins).
    case reschedule
}

/// A single-use link mailed to a booking's contact (the reminder's cancel link): only the
/// token's digest is kept; it works once, and not after the booking has begun.
public struct AppointmentLink: Sendable, Equatable {
    public let tokenHash: String
    public let organizationID: OrganizationID
    public let appointmentID: AppointmentID
    public let action: AppointmentLinkAction
    public let expiresAt: Date
    public private(set) var usedAt: Date?

    public init(
        tokenHash: String, organizationID: OrganizationID, appointmentID: AppointmentID,
        action: AppointmentLinkAction, expiresAt: Date, usedAt: Date? = nil
    ) {
        self.tokenHash = tokenHash
        self.organizationID = organizationID
        self.appointmentID = appointmentID
        self.action = action
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }

    public func isUsable(at now: Date) -> Bool { usedAt == nil && now < expiresAt }

    public mutating func use(at now: Date) throws {
        guard isUsable(at: now) else {
            throw DomainError.invalidValue(field: "token", reason: "this link was used already or has expired")
        }
        usedAt = now
    }
}

/// When reminders go out and what they say to bring.
public enum InspectionReminders {
    /// A booking's reminder goes out once it starts within this (24 hours).
    public static let appointmentLead: TimeInterval = 24 * 3600
    /// A vehicle's owner is reminded once its next inspection is due within this many days.
    public static let dueLeadDays = 30

    /// The day and the time (`HH:MM`) the centre's clocks show at `instant`.
    public static func localDayAndTime(of instant: Date, in zone: TimeZone) -> (CalendarDate, String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return (CalendarDate(dayOf: instant, in: zone), String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0))
    }

    /// The papers to bring for a kind of service, in French (the reminders' language) or in the
    /// assistant's customer's language.
    public static func documentsToBring(for kind: InspectionOffer.Kind, in language: AssistantLanguage = .fr)
        -> [String]
    {
        func say(_ french: String, _ dutch: String, _ english: String) -> String {
            switch language {
            case .fr: french
            case .nl: dutch
            case .en: english
            }
        }
        var papers = [
            say(
                "le certificat d'immatriculation du véhicule", "het inschrijvingsbewijs van het voertuig",
                "the vehicle's registration certificate"),
            say(
                "le certificat de conformité (ou le procès-verbal d'agréation)",
                "het gelijkvormigheidsattest (of het proces-verbaal van goedkeuring)",
                "the certificate of conformity (or the approval report)"),
        ]
        switch kind {
        case .reinspection:
            papers.append(
                say(
                    "le certificat de visite de la dernière inspection, avec les défauts à corriger",
                    "het keuringsbewijs van de vorige keuring, met de te herstellen gebreken",
                    "the certificate of the last inspection, with the defects to repair"))
        case .beforeSale:
            papers.append(
                say(
                    "le dernier certificat de visite et le carnet d'entretien, si vous l'avez",
                    "het laatste keuringsbewijs en het onderhoudsboekje, als u het hebt",
                    "the last inspection certificate and the service book, if you have it"))
        case .lpg:
            papers.append(
                say(
                    "l'attestation d'installation LPG de l'installateur agréé",
                    "het attest van de LPG-installatie door de erkende installateur",
                    "the LPG installation certificate from the approved installer"))
        case .periodic, .afterRepair, .other:
            papers.append(
                say("le dernier certificat de visite", "het laatste keuringsbewijs", "the last inspection certificate"))
        }
        return papers
    }
}
