/// The documents a person created and the versions they uploaded. The files are the
/// organization's records; the person is named by id only, so the rows are kept as they are.
enum DocumentsPersonalData {
    static let tables: [PersonalTable] = [
        PersonalTable(
            kind: "documents you created", table: "documents", matches: [.user("author_id")],
            organization: "organization_id",
            export: [("title", .text), ("kind", .text), ("created_at", .time), ("deleted_at", .time)], erasure: .keep),
        PersonalTable(
            kind: "document versions you uploaded", table: "document_versions", matches: [.user("uploaded_by")],
            organization: "organization_id",
            export: [("number", .number), ("file_name", .text), ("size", .number), ("uploaded_at", .time)],
            erasure: .keep),
    ]
}
