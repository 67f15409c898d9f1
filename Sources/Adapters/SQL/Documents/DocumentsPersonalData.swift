/// The documents a person created and the versions they uploaded: the organization's records,
/// naming the person by id only, so the rows are kept as they are. The documents about them
/// (an owner's calls-for-funds notices and statements, which print their name) are deleted with
/// their search entries when the erasure completes, after the law's holds on the accounts; the
/// hourly `documents-purge` then removes the bytes no version names any more.
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
        PersonalTable(
            kind: "search entries of documents about you", table: "search_entries", matches: [.linkedOwner],
            organization: "organization_id", export: [("title", .text)], erasure: .delete),
        PersonalTable(
            kind: "documents about you (notices, statements)", table: "documents", matches: [.linkedOwner],
            organization: "organization_id",
            export: [("title", .text), ("kind", .text), ("created_at", .time)], erasure: .delete),
    ]
}
