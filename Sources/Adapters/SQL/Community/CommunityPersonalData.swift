/// The community's personal data: the lots a person occupies, the notices they wrote, the skills
/// and objects they offer, their loans, the common spaces they booked, the polls they made, and
/// their answers to polls. On erasure, occupancy links, notices (their words), skills, objects and
/// bookings are deleted; a poll stays the building's; a ballot stays in the counts without its
/// owner, an open answer's words blanked.
enum CommunityPersonalData {
    static let tables: [PersonalTable] = [
        PersonalTable(
            kind: "lots you occupy or occupied", table: "occupancies", matches: [.user("user_id")],
            organization: "organization_id",
            export: [("building_id", .uuid), ("lot_id", .uuid), ("start_date", .date), ("end_date", .date)],
            erasure: .delete),
        PersonalTable(
            kind: "notices you wrote", table: "notices", matches: [.user("author_id")],
            organization: "organization_id",
            export: [
                ("kind", .text), ("category", .text), ("title", .text), ("content", .text), ("status", .text),
                ("created_at", .time),
            ],
            erasure: .delete),
        PersonalTable(
            kind: "skills you offer", table: "skills", matches: [.user("user_id")], organization: "organization_id",
            export: [
                ("name", .text), ("description", .text), ("category", .text), ("certifications", .text),
                ("hourly_rate", .number), ("availability", .text),
            ],
            erasure: .delete),
        PersonalTable(
            kind: "objects you lend", table: "shared_objects", matches: [.user("owner_id")],
            organization: "organization_id",
            export: [("name", .text), ("description", .text), ("category", .text), ("deposit", .number)],
            erasure: .delete),
        PersonalTable(
            kind: "objects you borrowed or lent", table: "object_loans",
            matches: [.user("borrower_id"), .user("lender_id")], organization: "organization_id",
            export: [("object_id", .uuid), ("borrowed_at", .time), ("due_on", .date), ("returned_at", .time)],
            erasure: .keep),
        PersonalTable(
            kind: "help you gave or received through a skill", table: "skill_sessions",
            matches: [.user("provider_id"), .user("recipient_id")], organization: "organization_id",
            export: [
                ("skill_id", .uuid), ("hours", .number), ("hourly_rate", .number), ("status", .text),
                ("created_at", .time),
            ],
            erasure: .keep),
        PersonalTable(
            kind: "common spaces you booked", table: "bookings", matches: [.user("booker_id")],
            organization: "organization_id",
            export: [("resource_id", .uuid), ("starts_at", .time), ("ends_at", .time), ("status", .text)],
            erasure: .delete),
        PersonalTable(
            kind: "polls you made", table: "polls", matches: [.user("created_by")], organization: "organization_id",
            export: [("title", .text), ("kind", .text), ("status", .text), ("created_at", .time)], erasure: .keep),
        PersonalTable(
            kind: "your answers to polls (named ones; anonymous ballots do not name you)", table: "poll_ballots",
            matches: [.owner("owner_id")], organization: "organization_id",
            export: [
                ("poll_id", .uuid), ("option_ids", .text), ("rating", .number), ("answer", .text), ("cast_at", .time),
            ],
            erasure: .anonymize(["owner_id": .null, "answer": .text("(erased)")])),
        PersonalTable(
            kind: "polls you could answer, and when you did", table: "poll_voters", matches: [.owner("owner_id")],
            organization: "organization_id", export: [("poll_id", .uuid), ("voted_at", .time)], erasure: .keep),
    ]
}
