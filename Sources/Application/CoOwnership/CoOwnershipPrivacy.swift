extension PrivacyDeclaration {
    public static let coOwnership = PrivacyDeclaration(
        module: "CoOwnership",
        processing: [
            ProcessingRecord(
                data: "owner records: name, email, phone, address; lot shares",
                purpose:
                    "the list of owners the syndic must keep (Civil Code art. 3.89 §5, 16°) and the allocation of charges",
                legalBasis: "legal obligation (Art. 6(1)(c))",
                retention: "while an owner, then 7 years with the accounts that name them; anonymized after")
        ])
}
