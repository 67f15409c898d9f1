/// The construction module's personal data: the projects a person created, the projects they
/// take part in with their role, the tasks they validated, the budgets they set, the costs they
/// recorded, the acceptances they pronounced and the records they signed. On erasure the
/// memberships are deleted; a project, its tasks and its acceptance records stay the
/// organization's records (who created, validated or signed them is an id).
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
        PersonalTable(
            kind: "project budgets you set", table: "project_budget_versions", matches: [.user("created_by")],
            organization: "organization_id",
            export: [("project_id", .uuid), ("number", .number), ("reason", .text), ("created_at", .time)],
            erasure: .keep),
        PersonalTable(
            kind: "project costs you recorded", table: "project_expenses", matches: [.user("recorded_by")],
            organization: "organization_id",
            export: [("project_id", .uuid), ("kind", .text), ("reference", .text), ("recorded_at", .time)],
            erasure: .keep),
        PersonalTable(
            kind: "acceptances you pronounced", table: "project_acceptances", matches: [.user("created_by")],
            organization: "organization_id",
            export: [("project_id", .uuid), ("provisional_on", .text), ("final_on", .text), ("created_at", .time)],
            erasure: .keep),
        PersonalTable(
            kind: "acceptance records you signed", table: "project_acceptance_signoffs", matches: [.user("user_id")],
            organization: "organization_id",
            export: [("acceptance_id", .uuid), ("stage", .text), ("role", .text), ("signed_at", .time)],
            erasure: .keep),
    ]
}
