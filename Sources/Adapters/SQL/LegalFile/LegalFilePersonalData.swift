/// The legal file's personal data: who asked for an état daté (a notary or the seller, by name,
/// office and email). The request stays as the syndic's record of a legal duty; on erasure the
/// requester's name and email are blanked. The seller's figures are the books' (finance); the
/// working fund credited at a transfer stays with the accounts.
enum LegalFilePersonalData {
    static let tables: [PersonalTable] = [
        PersonalTable(
            kind: "états datés you asked for", table: "etats_dates", matches: [.email("requester_email")],
            organization: "organization_id",
            export: [
                ("reference", .text), ("kind", .text), ("requester_name", .text), ("requester_office", .text),
                ("reference_date", .date), ("received_on", .date), ("status", .text),
            ],
            erasure: .anonymize(["requester_name": .text("Erased person"), "requester_email": .null])),
        PersonalTable(
            kind: "working fund credits when you sold a lot", table: "transfer_credits", matches: [.owner("seller_id")],
            organization: "organization_id",
            export: [("transfer_date", .date), ("amount", .number)], erasure: .keep),
        PersonalTable(
            kind: "working fund taken over when you bought a lot", table: "transfer_credits",
            matches: [.owner("buyer_id")], organization: "organization_id",
            export: [("transfer_date", .date), ("amount", .number)], erasure: .keep),
    ]
}
