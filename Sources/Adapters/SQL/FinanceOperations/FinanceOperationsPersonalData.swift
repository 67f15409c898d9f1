/// Finance operations' personal data: the approvals a member gave to supplier invoices (user ids
/// and times only). They stay on erasure: they are part of the accounts the law keeps 7 years.
/// Suppliers are businesses the organization pays, not people with an account or an owner
/// record, so no data subject reaches them here.
enum FinanceOperationsPersonalData {
    static let tables: [PersonalTable] = [
        PersonalTable(
            kind: "supplier invoices you approved", table: "purchase_invoices",
            matches: [.user("syndic_approved_by"), .user("board_approved_by")], organization: "organization_id",
            export: [
                ("number", .text), ("status", .text), ("syndic_approved_at", .time), ("board_approved_at", .time),
            ],
            erasure: .keep)
    ]
}
