/// Co-ownership's personal data: the owner records syndics keep (by the person's account or
/// email) and the lot shares they hold.
enum CoOwnershipPersonalData {
    static let tables: [PersonalTable] = [
        PersonalTable(
            kind: "owner records", table: "owners", matches: [.user("user_id"), .email("email")],
            organization: "organization_id",
            export: [
                ("id", .uuid), ("kind", .text), ("name", .text), ("email", .text), ("phone", .text),
                ("address", .text), ("created_at", .time),
            ],
            erasure: .anonymize(["name": .text("Erased owner"), "email": .null, "phone": .null, "address": .null])),
        PersonalTable(
            kind: "lot shares", table: "ownerships", matches: [.owner("owner_id")], organization: nil,
            export: [
                ("lot_id", .uuid), ("share_millionths", .number), ("start_date", .date), ("end_date", .date),
            ], erasure: .keep),
    ]
}
