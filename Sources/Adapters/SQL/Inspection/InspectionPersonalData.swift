import Application

/// The inspection centre module's personal data so far: an inspector's working plan at each
/// centre. It is deleted on erasure (the centre plans without them).
enum InspectionPersonalData {
    static let tables: [PersonalTable] = [
        PersonalTable(
            kind: "your working plan at an inspection centre", table: "inspector_schedules",
            matches: [.user("inspector_id")], organization: "organization_id",
            export: [("centre_id", .uuid), ("hours", .text), ("absences", .text), ("categories", .text)],
            erasure: .delete)
    ]
}
