import Application
import SQLKit

/// Finance's personal data: an owner's contributions and payments (amounts and dates, no
/// names: those are on the owner record). They stay: they are the building's accounts.
enum FinancePersonalData {
    static let tables: [PersonalTable] = [
        PersonalTable(
            kind: "contributions to calls for funds", table: "contributions", matches: [.owner("owner_id")],
            organization: nil, export: [("call_id", .uuid), ("amount_cents", .number), ("paid_cents", .number)],
            erasure: .keep),
        PersonalTable(
            kind: "payments", table: "owner_payments", matches: [.owner("owner_id")], organization: nil,
            export: [("call_id", .uuid), ("amount_cents", .number), ("paid_on", .date)], erasure: .keep),
    ]

    /// Belgian co-ownership accounts: books and supporting documents are kept 7 years (Civil
    /// Code art. 3.89 §5, 17°, and the royal decree of 12 July 2012), and unpaid dues until paid.
    static let holds: [PersonalHold] = [
        PersonalHold(
            reason:
                "Belgian co-ownership accounts are kept 7 years (Civil Code art. 3.89 §5, 17°; royal decree of 12 July 2012)",
            kept: "the owner record, its lot shares, contributions and payments", years: 7,
            query: { subject in
                let owners = SQLPersonalDataRepository.ownersOf(subject)
                return """
                    SELECT organization_id, MAX(since) AS since FROM (
                        SELECT o.organization_id, p.paid_on AS since FROM owner_payments p
                        JOIN owners o ON o.id = p.owner_id WHERE o.id IN \(owners)
                        UNION ALL
                        SELECT o.organization_id, c.call_date AS since FROM contributions k
                        JOIN calls_for_funds c ON c.id = k.call_id JOIN owners o ON o.id = k.owner_id
                        WHERE o.id IN \(owners)
                    ) AS entries GROUP BY organization_id
                    """
            }),
        PersonalHold(
            reason: "unpaid co-ownership dues are kept until they are settled",
            kept: "the owner record and its unpaid contributions", years: 0,
            query: { subject in
                """
                SELECT DISTINCT o.organization_id, CAST(NULL AS TEXT) AS since FROM contributions k
                JOIN owners o ON o.id = k.owner_id
                WHERE k.paid_cents < k.amount_cents AND o.id IN \(SQLPersonalDataRepository.ownersOf(subject))
                """
            }),
    ]
}
