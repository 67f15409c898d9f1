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
