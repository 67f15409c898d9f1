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
                retention: "while they work at the centre; deleted on erasure"),
            ProcessingRecord(
                data: "a customer's vehicles (plate, VIN, make, model) and bookings with the contact given "
                    + "(name, email, phone), and their conversations with the booking assistant",
                purpose:
                    "booking, inspecting and certifying the vehicle; answering and acting on the customer's requests",
                legalBasis: "performance of the contract (Art. 6(1)(b))",
                retention: "vehicles and bookings kept for the centre's records with the contact erased on request; "
                    + "conversations deleted on erasure"),
        ])
}
