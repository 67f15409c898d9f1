import Domain
import Foundation

extension LedgerService {
    /// A document may support a journal entry (the supplier's invoice); once the entry is
    /// posted, the document is kept with the books.
    public var documentLinks: [DocumentLinkTarget] {
        [
            DocumentLinkTarget(
                type: "journal_entry", collection: "journal-entries",
                check: { id, principal in _ = try await entry(JournalEntryID(id), as: principal) },
                retention: { id, principal in
                    try await entry(JournalEntryID(id), as: principal).isDraft
                        ? nil : "it supports a posted ledger entry, kept 7 years with the accounts"
                })
        ]
    }
}
