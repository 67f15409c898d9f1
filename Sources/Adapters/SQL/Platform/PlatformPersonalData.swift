/// The platform's personal data: notifications, the mail queue, and the audit events about a
/// person (ids only: kept as they are, the log is append-only).
enum PlatformPersonalData {
    static let tables: [PersonalTable] = [
        PersonalTable(
            kind: "notifications", table: "notifications", matches: [.user("user_id")],
            organization: "organization_id",
            export: [("kind", .text), ("title", .text), ("body", .text), ("read", .flag), ("created_at", .time)],
            erasure: .anonymize(["title": .text("(erased)"), "body": .text("")])),
        PersonalTable(
            kind: "emails queued to you", table: "mail_queue", matches: [.email("to_email")],
            organization: "organization_id",
            export: [("subject", .text), ("status", .text), ("created_at", .time)],
            erasure: .anonymize(["to_email": .erasedEmail, "subject": .text("(erased)"), "body": .text("")])),
        PersonalTable(
            kind: "answers kept to replay your requests (Idempotency-Key), for 24 hours", table: "idempotency_keys",
            matches: [.user("user_id")], organization: "organization_id",
            export: [("idempotency_key", .text), ("status", .number), ("created_at", .time)], erasure: .delete),
        PersonalTable(
            kind: "notification preferences", table: "notification_preferences", matches: [.user("user_id")],
            organization: nil, export: [("event_type", .text), ("delivery", .text)], erasure: .delete),
        PersonalTable(
            kind: "consents", table: "consents", matches: [.user("user_id"), .owner("owner_id")],
            organization: "organization_id",
            export: [("purpose", .text), ("text_version", .text), ("given_at", .time), ("withdrawn_at", .time)],
            erasure: .keep),
        PersonalTable(
            kind: "reads of your data by others", table: "personal_data_reads",
            matches: [.user("subject_user_id"), .owner("subject_owner_id")], organization: "organization_id",
            export: [("purpose", .text), ("reader_user_id", .uuid), ("read_at", .time)], erasure: .delete),
        PersonalTable(
            kind: "comments you wrote on documents and tasks", table: "comments", matches: [.user("author_id")],
            organization: "organization_id",
            export: [("subject_type", .text), ("subject_id", .uuid), ("body", .text), ("created_at", .time)],
            erasure: .keep),
        PersonalTable(
            kind: "audit events about you or by you", table: "audit_log",
            matches: [.user("user_id"), .userText("entity_id")], organization: "organization_id",
            export: [("action", .text), ("entity", .text), ("entity_id", .text), ("at", .time)], erasure: .keep),
    ]
}
