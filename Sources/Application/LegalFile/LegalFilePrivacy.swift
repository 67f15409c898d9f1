import Domain

extension PrivacyDeclaration {
    public static let legalFile = PrivacyDeclaration(
        module: "LegalFile",
        processing: [
            ProcessingRecord(
                data: "who asked for an état daté (a notary or the seller: name, office, email) and when",
                purpose: "answering the notary and the buyer before a lot is sold, within the legal periods",
                legalBasis: "legal obligation (Art. 6(1)(c); Civil Code art. 3.94 and 3.89 §5 7°)",
                retention: "kept with the co-ownership's records for 7 years; on erasure the requester's name and "
                    + "email are blanked"),
            ProcessingRecord(
                data:
                    "the seller's figures in an état daté: arrears, collection costs, reserve calls, charge statements",
                purpose: "the information the law requires for the sale of a lot (art. 3.94 §1 and §2)",
                legalBasis: "legal obligation (Art. 6(1)(c); Civil Code art. 3.94)",
                retention: "computed from the accounts; the PDF is a document of the lot, kept with the accounts"),
            ProcessingRecord(
                data: "at a sale, the seller's working fund credit and the buyer's take-over, by call and period",
                purpose: "settling the working fund between seller and buyer (art. 3.94 §5)",
                legalBasis: "legal obligation (Art. 6(1)(c); Civil Code art. 3.94)",
                retention: "kept with the accounts for 7 years"),
        ])
}
