/// Finance operations' personal data: the approvals a member gave to supplier invoices (user ids
/// and times only), which stay on erasure as part of the accounts the law keeps 7 years; and the
/// bank lines of an owner's payments, whose payer name and account are blanked on erasure (the
/// amounts stay in the books); and the reminders of an owner's unpaid contributions, kept as
/// collection records with the accounts (their letters are documents linked to the owner).
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
            erasure: .keep),
        PersonalTable(
            kind: "your payments on the building's bank statements", table: "bank_lines", matches: [.owner("owner_id")],
            organization: "organization_id",
            export: [
                ("line_date", .date), ("amount", .number), ("counterparty_name", .text), ("counterparty_iban", .text),
                ("status", .text),
            ],
            erasure: .anonymize(["counterparty_name": .text("Erased person"), "counterparty_iban": .null])),
        PersonalTable(
            kind: "reminders of your unpaid contributions", table: "dues_reminders", matches: [.owner("owner_id")],
            organization: "organization_id",
            export: [
                ("level", .text), ("status", .text), ("amount", .number), ("due_date", .date), ("fee", .number),
                ("sent_on", .date), ("tracking_number", .text), ("for_bailiff", .flag),
            ],
            erasure: .keep),
    ]
}
