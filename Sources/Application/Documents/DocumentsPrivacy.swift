public import Domain

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
            ),
            ProcessingRecord(
                data: "documents about an owner that print their name (calls-for-funds notices, statements)",
                purpose: "telling each owner what they owe and how to pay it",
                legalBasis: "legal obligation (Art. 6(1)(c)): the co-ownership's accounts",
                retention:
                    "with the accounts they belong to; deleted, bytes included, when the owner's erasure completes"
            ),
            ProcessingRecord(
                data: "the text read from uploaded PDFs and images (OCR) and the fields found in it",
                purpose: "search, and pre-filling what a document states (an invoice's amounts and accounts)",
                legalBasis: "contract (Art. 6(1)(b)); legitimate interest in finding one's documents (Art. 6(1)(f))",
                retention: "kept with the document version it was read from"
            ),
        ])
}

extension DocumentsService {
    /// What users may choose to be told by the documents module.
    public static let notificationTypes = [
        NotificationType("document.read", "the text of a document you uploaded has been read"),
        NotificationType("document.unreadable", "the text of a document you uploaded could not be read"),
    ]
}
