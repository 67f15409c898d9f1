extension PrivacyDeclaration {
    public static let finance = PrivacyDeclaration(
        module: "Finance",
        processing: [
            ProcessingRecord(
                data: "an owner's contributions to calls for funds and payments (amounts and dates)",
                purpose: "the co-ownership's accounts (Civil Code art. 3.89 §5, 17°)",
                legalBasis: "legal obligation (Art. 6(1)(c))",
                retention: "7 years after the last entry; unpaid dues until settled (erasure is held meanwhile)")
        ])
}
