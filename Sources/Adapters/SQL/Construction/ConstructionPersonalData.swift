/// The construction module's personal data: the projects a person created, the projects they
/// take part in with their role, and the tasks they validated. On erasure the memberships are
/// deleted; a project and its tasks stay the organization's records (who created or validated
/// them is an id).
enum ConstructionPersonalData {
    static let tables: [PersonalTable] = [
        PersonalTable(
            kind: "projects you created", table: "projects", matches: [.user("created_by")],
            organization: "organization_id",
            export: [("name", .text), ("reference", .text), ("status", .text), ("created_at", .time)], erasure: .keep),
        PersonalTable(
            kind: "projects you take part in, and your role", table: "project_members", matches: [.user("user_id")],
            organization: "organization_id", export: [("project_id", .uuid), ("role", .text), ("added_at", .time)],
            erasure: .delete),
        PersonalTable(
            kind: "tasks you validated", table: "project_tasks", matches: [.user("validated_by")],
            organization: "organization_id", export: [("project_id", .uuid), ("title", .text), ("updated_at", .time)],
            erasure: .keep),
    ]
}
