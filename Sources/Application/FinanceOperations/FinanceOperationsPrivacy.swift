import Domain

extension PrivacyDeclaration {
    public static let financeOperations = PrivacyDeclaration(
        module: "FinanceOperations",
        processing: [
            ProcessingRecord(
                data: "who approved each supplier invoice of a building (the syndic's staff, board members), and when",
                purpose: "the approval of the co-ownership's spending, as the building's rules and the board require",
                legalBasis: "legal obligation (Art. 6(1)(c); Civil Code art. 3.89 §5 and 3.90: the syndic's accounts)",
                retention: "kept with the accounts for 7 years; only user ids are stored"),
            ProcessingRecord(
                data: "bank statement lines: the payer's name and account, the amount and the communication",
                purpose: "matching owners' payments to their contributions and keeping the co-ownership's accounts",
                legalBasis: "legal obligation (Art. 6(1)(c); Civil Code art. 3.89 §5: the syndic keeps the accounts)",
                retention: "kept with the accounts for 7 years; on erasure the payer's name and account are blanked"),
            ProcessingRecord(
                data:
                    "the reminders sent to an owner who did not pay: the contribution, the amount, interest and fee, "
                    + "the letters (PDFs with the owner's statement), the registered letter's number, the bailiff mark",
                purpose: "collecting the co-ownership's unpaid contributions under the building's rules",
                legalBasis:
                    "legitimate interest and legal obligation (Art. 6(1)(c) and (f); Civil Code art. 3.89 §5: the "
                    + "syndic collects the contributions; art. 3.94: the arrears go into the état daté)",
                retention:
                    "kept with the accounts for 7 years; the letters are the owner's documents, erased with them"),
            ProcessingRecord(
                data: "suppliers' names, VAT numbers, bank accounts and email addresses (sole traders are persons)",
                purpose: "paying the co-ownership's suppliers and matching their invoices",
                legalBasis: "contract and legal obligation (Art. 6(1)(b) and (c); accounting law)",
                retention: "kept with the accounts for 7 years"),
        ])
}
