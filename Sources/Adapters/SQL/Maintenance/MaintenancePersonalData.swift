/// Maintenance's personal data: interventions a person requested and worked on, and their
/// technician profile. Ids only: kept as they are (the intervention history is the company's).
enum MaintenancePersonalData {
    static let tables: [PersonalTable] = [
        PersonalTable(
            kind: "interventions you requested", table: "interventions", matches: [.user("created_by")],
            organization: "organization_id",
            export: [
                ("title", .text), ("kind", .text), ("statut", .text), ("created_at", .time), ("closed_at", .time),
            ], erasure: .keep),
        PersonalTable(
            kind: "technician profile", table: "techniciens", matches: [.user("user_id")],
            organization: "organization_id",
            export: [("equipe", .text), ("disponibilite", .text), ("created_at", .time)], erasure: .keep),
        PersonalTable(
            kind: "intervention steps you recorded", table: "intervention_history", matches: [.user("by_user")],
            organization: nil, export: [("from_statut", .text), ("to_statut", .text), ("at", .time)], erasure: .keep),
    ]
}
