/// Dispatch's personal data: rides a person booked (contact and addresses), rides they drove,
/// offers they answered, their weekly statistics, and company or client contacts that are
/// their email.
enum DispatchPersonalData {
    static let tables: [PersonalTable] = [
        PersonalTable(
            kind: "rides you booked", table: "commandes", matches: [.email("contact_email")],
            organization: "organization_id",
            export: [
                ("reference", .text), ("prise_en_charge", .text), ("destination", .text), ("date_iso", .time),
                ("statut", .text), ("contact_nom", .text), ("contact_email", .text), ("contact_telephone", .text),
            ],
            erasure: .anonymize([
                "contact_nom": .text("Erased"), "contact_email": .null, "contact_telephone": .null,
                "prise_en_charge": .text("(erased)"), "destination": .text("(erased)"), "vol": .null,
            ])),
        PersonalTable(
            kind: "rides you drove", table: "commandes", matches: [.user("chauffeur_id")],
            organization: "organization_id",
            export: [("reference", .text), ("date_iso", .time), ("duree_minutes", .number), ("statut", .text)],
            erasure: .keep),
        PersonalTable(
            kind: "ride offers", table: "demandes", matches: [.user("chauffeur_id")], organization: "organization_id",
            export: [("statut", .text), ("motif", .text), ("created_at", .time), ("answered_at", .time)],
            erasure: .keep),
        PersonalTable(
            kind: "weekly driving statistics", table: "driver_weekly_stats", matches: [.user("chauffeur_id")],
            organization: "organization_id",
            export: [("week_start", .time), ("rides_done", .number), ("minutes_driven", .number)], erasure: .keep),
        PersonalTable(
            kind: "client contacts", table: "dispatch_clients", matches: [.email("contact_email")],
            organization: "organization_id",
            export: [("type", .text), ("nom", .text), ("contact_email", .text), ("contact_phone", .text)],
            erasure: .anonymize(["contact_email": .null, "contact_phone": .null])),
        PersonalTable(
            kind: "company contacts", table: "societes", matches: [.email("email")], organization: "organization_id",
            export: [("nom", .text), ("email", .text), ("telephone", .text)],
            erasure: .anonymize(["email": .null, "telephone": .null])),
    ]
}
