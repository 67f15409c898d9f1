import Domain

extension PrivacyDeclaration {
    public static let governance = PrivacyDeclaration(
        module: "Governance",
        processing: [
            ProcessingRecord(
                data:
                    "owners entitled to attend general assemblies (name, lots, votes), their attendance, proxies "
                    + "and votes",
                purpose: "convening and holding general assemblies, the minutes and the register of decisions",
                legalBasis: "legal obligation (Art. 6(1)(c); Civil Code art. 3.87 and 3.89 §5)",
                retention:
                    "kept with the building's register; on erasure the names are blanked and the votes stay as ids")
        ])
}
