extension PrivacyDeclaration {
    public static let platform = PrivacyDeclaration(
        module: "Platform",
        processing: [
            ProcessingRecord(
                data: "notifications (title, text, read or not)", purpose: "tell members what concerns them",
                legalBasis: "contract (Art. 6(1)(b))", retention: "as long as the account; anonymized at erasure"),
            ProcessingRecord(
                data: "emails queued (address, subject, text)",
                purpose: "invitations, reset links, confirmations and notices",
                legalBasis: "contract (Art. 6(1)(b))", retention: "anonymized at erasure"),
            ProcessingRecord(
                data:
                    "consent records (purpose, version of the text, given and withdrawn when; for members and owners)",
                purpose: "proving what a person agreed to", legalBasis: "legal obligation (Art. 7(1))",
                retention: "kept as the proof, with ids only; withdrawal is dated"),
            ProcessingRecord(
                data:
                    "reads of a person's data by others (who, what: owner record, statement, consents, member profile, export; when)",
                purpose: "accountability: showing who accessed personal data",
                legalBasis: "legal obligation (Art. 5(2))",
                retention:
                    "GESTIO_ACCESS_LOG_RETENTION_DAYS (365 by default), then deleted by the access-log-retention job; deleted at erasure"
            ),
            ProcessingRecord(
                data: "comments on documents and tasks (who wrote what, whom it names, when)",
                purpose: "discussing a document or a task with the people who may read it",
                legalBasis:
                    "contract (Art. 6(1)(b)); legitimate interest in the record of what was agreed (Art. 6(1)(f))",
                retention: "kept with the document or task they discuss, as part of its record"),
            ProcessingRecord(
                data: "audit events (ids of the person and of what they did, never names or emails)",
                purpose: "accountability and security of the organizations' records",
                legalBasis: "legitimate interest (Art. 6(1)(f)); legal obligation for the accounts",
                retention: "kept, append-only and hash-chained; they name ids only"),
        ])
}
