public import Domain

extension PrivacyDeclaration {
    public static let dispatch = PrivacyDeclaration(
        module: "Dispatch",
        processing: [
            ProcessingRecord(
                data: "rides booked: contact name, email, phone, pickup and destination, flight",
                purpose: "carrying out the ride", legalBasis: "contract (Art. 6(1)(b))",
                retention: "anonymized at erasure; the ride's reference and times stay for the company's accounts"),
            ProcessingRecord(
                data: "drivers: rides driven, offers answered, weekly statistics",
                purpose: "dispatching and the drivers' own statistics", legalBasis: "contract (Art. 6(1)(b))",
                retention: "kept with the company's records; they hold ids, not names"),
            ProcessingRecord(
                data: "client and company contacts (email, phone)", purpose: "reaching a client or the company",
                legalBasis: "legitimate interest (Art. 6(1)(f))", retention: "anonymized at erasure"),
        ])
}

extension DispatchService {
    /// The notifications dispatch sends, for users' delivery preferences.
    public static let notificationTypes = [
        NotificationType("commande.created", "a ride was booked on the public page"),
        NotificationType("commande.cancelled", "a ride you drive was cancelled"),
        NotificationType("demande.created", "a ride is offered to you"),
        NotificationType("commande.sla_alert", "a ride waits in the pool too long"),
    ]
}
