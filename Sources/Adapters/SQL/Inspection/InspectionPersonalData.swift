import Application

/// The inspection centre module's personal data: an inspector's working plan at each centre
/// (deleted on erasure: the centre plans without them), and a customer's vehicles and bookings,
/// found by their account or the email they gave. The vehicles and bookings stay for the centre's
/// records (a vehicle's inspection history belongs to the vehicle); the contact is erased. A
/// customer's conversations with the assistant are deleted (public-page ones name no one). The
/// payments for their bookings, and their refunds with the reason given, are exported and kept as
/// they are: they are the centre's accounting records, and hold amounts, a staff member's id and
/// the reason staff wrote, nothing else of the customer.
enum InspectionPersonalData {
    static let tables: [PersonalTable] = [
        PersonalTable(
            kind: "your working plan at an inspection centre", table: "inspector_schedules",
            matches: [.user("inspector_id")], organization: "organization_id",
            export: [("centre_id", .uuid), ("hours", .text), ("absences", .text), ("categories", .text)],
            erasure: .delete),
        PersonalTable(
            kind: "your vehicles at an inspection centre", table: "vehicles",
            matches: [.user("customer_id"), .email("owner_email")], organization: "organization_id",
            export: [
                ("plate", .text), ("vin", .text), ("make", .text), ("model", .text), ("category", .text),
                ("owner_name", .text), ("owner_email", .text), ("owner_phone", .text), ("created_at", .time),
            ],
            erasure: .anonymize([
                "owner_name": .text("erased"), "owner_email": .null, "owner_phone": .text("erased"),
                "customer_id": .null,
            ])),
        PersonalTable(
            kind: "your appointments at an inspection centre", table: "appointments",
            matches: [.user("customer_id"), .email("contact_email")], organization: "organization_id",
            export: [
                ("centre_id", .uuid), ("vehicle_id", .uuid), ("starts_at", .time), ("status", .text),
                ("contact_name", .text), ("contact_email", .text), ("contact_phone", .text),
                ("cancellation_reason", .text),
            ],
            erasure: .anonymize([
                "contact_name": .text("erased"), "contact_email": .null, "contact_phone": .text("erased"),
                "cancellation_reason": .null, "customer_id": .null,
            ])),
        PersonalTable(
            kind: "your payments at an inspection centre", table: "payments",
            matches: [.appointment("appointment_id")], organization: "organization_id",
            export: [
                ("appointment_id", .uuid), ("amount", .number), ("method", .text), ("status", .text),
                ("receipt_year", .number), ("receipt_sequence", .number), ("refunded", .number),
                ("created_at", .time), ("paid_at", .time),
            ],
            erasure: .keep),
        PersonalTable(
            kind: "the refunds of your payments at an inspection centre", table: "refunds",
            matches: [.payment("payment_id")], organization: "organization_id",
            export: [("payment_id", .uuid), ("amount", .number), ("reason", .text), ("created_at", .time)],
            erasure: .keep),
        PersonalTable(
            kind: "your conversations with an inspection centre's assistant", table: "assistant_conversations",
            matches: [.user("customer_id")], organization: "organization_id",
            export: [("centre_id", .uuid), ("language", .text), ("created_at", .time)], erasure: .delete),
        PersonalTable(
            kind: "your messages to an inspection centre's assistant, and its answers", table: "assistant_messages",
            matches: [.user("customer_id")], organization: "organization_id",
            export: [("author", .text), ("text", .text), ("created_at", .time)], erasure: .delete),
    ]
}
