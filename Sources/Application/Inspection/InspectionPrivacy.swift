import Domain

extension PrivacyDeclaration {
    public static let inspection = PrivacyDeclaration(
        module: "Inspection",
        processing: [
            ProcessingRecord(
                data: "an inspector's working plan at a centre: weekly hours, absences (leave, training, sickness) "
                    + "and the vehicle categories they are certified for",
                purpose: "offering only the slots an inspector can take, and assigning inspections",
                legalBasis: "performance of the employment contract (Art. 6(1)(b))",
                retention: "while they work at the centre; deleted on erasure")
        ])
}
