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
            ProcessingRecord(
                data: "the text of a customer's question the assistant's engine does not recognize, sent with the "
                    + "centre's public facts to the language model configured by GESTIO_LLM_URL (when one is); "
                    + "never the customer's identity, vehicles, bookings or results",
                purpose: "answering free questions about the centre",
                legalBasis: "performance of the contract (Art. 6(1)(b)); the model's provider is a processor",
                retention: "kept with the conversation; the provider's own retention is set by the contract with it"),
            ProcessingRecord(
                data: "a photo or scan of a vehicle's registration certificate (the holder's name and address on it)",
                purpose: "pre-filling the vehicle for the person at the desk or the customer to check",
                legalBasis: "performance of the contract (Art. 6(1)(b))",
                retention: "none: read in memory and let go; only the vehicle a person confirms is kept"),
        ])
}
