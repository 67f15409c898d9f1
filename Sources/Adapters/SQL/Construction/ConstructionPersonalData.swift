/// The construction module's personal data: the projects a person created, the projects they
/// take part in with their role, the tasks they validated, the budgets they set, the costs they
/// recorded, the acceptances they pronounced, the records they signed, the chat messages they
/// wrote and how far they read the chat. On erasure the memberships and read positions are
/// deleted; a project, its tasks, its acceptance records and its chat stay the organization's
/// records (a project's conversation is what a dispute is settled on; who wrote, created,
/// validated or signed is an id).
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
        PersonalTable(
            kind: "messages you wrote in project chats", table: "project_messages", matches: [.user("author_id")],
            organization: "organization_id",
            export: [("project_id", .uuid), ("body", .text), ("created_at", .time)], erasure: .keep),
        PersonalTable(
            kind: "people of other companies you invited onto a project", table: "project_guest_invitations",
            matches: [.user("invited_by")], organization: "organization_id",
            export: [("project_id", .uuid), ("role", .text), ("created_at", .time)], erasure: .keep),
        PersonalTable(
            kind: "how far you read project chats", table: "project_chat_reads", matches: [.user("user_id")],
            organization: "organization_id",
            export: [("project_id", .uuid), ("last_read", .number), ("read_at", .time)], erasure: .delete),
    ]
}
