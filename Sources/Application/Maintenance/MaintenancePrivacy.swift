public import Domain

extension PrivacyDeclaration {
    public static let maintenance = PrivacyDeclaration(
        module: "Maintenance",
        processing: [
            ProcessingRecord(
                data: "interventions requested or worked on, technician profile (ids, team, availability)",
                purpose: "planning and following maintenance work", legalBasis: "contract (Art. 6(1)(b))",
                retention: "kept with the company's records; they hold ids, not names")
        ])
}

extension MaintenanceService {
    /// The notifications maintenance sends, for users' delivery preferences.
    public static let notificationTypes = [
        NotificationType("intervention.assigned", "an intervention is assigned to you"),
        NotificationType("intervention.closed", "an intervention you opened is closed"),
        NotificationType("intervention.sla_breached", "an intervention passed its SLA due time"),
    ]
}
