public import Domain
import Foundation

/// Letters a module prints and sends in one of its transactions (a call's notices, an
/// assembly's convocations): each PDF kept as a document linked to its addressee, and emailed
/// with it attached (referenced by its document version) to those with an address. The emails
/// go out after the transaction commits, retried like any mail; if it fails, the stored bytes
/// are abandoned.
public struct DocumentMailing: Sendable {
    public struct Letter: Sendable {
        public let publication: DocumentsService.Publication
        /// Where it is emailed; nil: kept only (sent by post).
        public let email: Email?
        public let subject: String
        public let body: String

        public init(publication: DocumentsService.Publication, email: Email?, subject: String, body: String) {
            self.publication = publication
            self.email = email
            self.subject = subject
            self.body = body
        }
    }

    let documents: DocumentsService
    let mail: MailDelivery
    let ids: any IDGenerator
    let clock: any WallClock

    public init(documents: DocumentsService, mail: MailDelivery, ids: any IDGenerator, clock: any WallClock) {
        self.documents = documents
        self.mail = mail
        self.ids = ids
        self.clock = clock
    }

    /// Whether this server makes PDFs: without a renderer, letters are not kept nor emailed.
    public var canRender: Bool { documents.canRender }

    /// In the caller's transaction, whose use case has checked the addressees are the caller's.
    func keepAndMail(
        _ letters: [Letter], as principal: Principal, pending: PendingNotices,
        _ repos: any MailedDocumentStores
    ) async throws {
        let prepared = try await documents.render(letters.map(\.publication), as: principal)
        pending.prepared = prepared
        try await documents.insert(prepared, repos)
        for (letter, view) in zip(letters, prepared.views) {
            guard let email = letter.email else { continue }
            let id = ids.make()
            try await mail.enqueue(
                EmailMessage(to: email, subject: letter.subject, body: letter.body),
                organization: principal.organizationID, id: id, at: clock.now(),
                attachments: [AttachmentReference(documentID: view.document.id.rawValue, version: 1)], repos)
            pending.emails.append(id)
        }
    }

    /// One letter kept as a new document, or as the next version of `existing`, and emailed
    /// with that version attached, in the caller's transaction.
    func keepAndMail(
        _ letter: Letter, replacing existing: DocumentID?, as principal: Principal, pending: PendingNotices,
        _ repos: any MailedDocumentStores
    ) async throws -> DocumentView {
        let prepared = try await documents.render([letter.publication], as: principal)
        pending.prepared = prepared
        let view: DocumentView
        if let existing {
            view = try await documents.insertVersion(prepared, of: existing, repos)
        } else {
            try await documents.insert(prepared, repos)
            view = prepared.views[0]
        }
        if let email = letter.email {
            let id = ids.make()
            try await mail.enqueue(
                EmailMessage(to: email, subject: letter.subject, body: letter.body),
                organization: principal.organizationID, id: id, at: clock.now(),
                attachments: [
                    AttachmentReference(documentID: view.document.id.rawValue, version: view.document.currentVersion)
                ], repos)
            pending.emails.append(id)
        }
        return view
    }

    /// After commit: the letters' bytes made sure of, and the emails sent now.
    func sent(_ pending: PendingNotices) async {
        if let prepared = pending.prepared { await documents.finish(prepared) }
        await mail.deliver(pending.emails)
    }

    /// After a failed transaction: the stored bytes no document names are let go.
    func failed(_ pending: PendingNotices) async {
        if let prepared = pending.prepared { await documents.abandon(prepared) }
    }
}

/// What a transaction prepared for `DocumentMailing`, for after it commits (or fails).
final class PendingNotices: @unchecked Sendable {
    // Written inside the one transaction, read after it: never at the same time.
    var prepared: DocumentsService.Prepared?
    var emails: [UUID] = []
}

/// What keeping a document and mailing it writes (`keepAndMail`).
typealias MailedDocumentStores = UsesAudit & UsesDocumentTexts & UsesDocuments & UsesMailQueue & UsesSearchIndex
