import Domain

extension PrivacyDeclaration {
    public static let documents = PrivacyDeclaration(
        module: "Documents",
        processing: [
            ProcessingRecord(
                data: "documents and versions a person uploaded (title, file name, size, when; the uploader by id)",
                purpose: "keeping the organization's plans, quotes, invoices, minutes and certificates",
                legalBasis: "contract (Art. 6(1)(b)); legal obligation for accounting documents",
                retention:
                    "kept with the organization's records; deleted documents for GESTIO_DOCUMENT_RETENTION_DAYS; those supporting posted entries 7 years"
            )
        ])
}
