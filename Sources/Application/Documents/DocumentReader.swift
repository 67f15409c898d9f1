public import Domain
public import Foundation
import Synchronization

/// Reads the text of uploaded documents, off the request: a PDF's text layer page by page, and
/// OCR for scanned pages and images; then the typed fields of the document's kind. A version is
/// queued in its upload's transaction; the upload returns at once, and the reading starts right
/// after commit (the `documents-ocr` job takes over what an instance left). Progress is stored
/// page by page; when the reading ends, the uploader is notified, on the notifications socket
/// too, and the text joins the search index.
public final class DocumentReader: Sendable {
    public static let job = "documents-ocr"
    /// A PDF longer than this is not read (a scan of a whole archive box is not an invoice).
    public static let maxPages = 200
    /// A page whose text layer holds fewer letters is read by OCR instead.
    static let minimumLayerLetters = 20
    static let renderDPI = 300

    let persistence: any Persistence
    let clock: any WallClock
    let blobs: any BlobStore
    let recognizer: any TextRecognizer
    let pdfs: any PDFPageSource
    let extractors: [any FieldExtractor]
    /// Decodes the codes on page images, for the extractors that read them.
    let barcodes: (any BarcodeReader)?
    let events: (any EventBroadcaster)?
    let trail: AuditTrail
    /// Versions read at once (one per engine).
    let parallel: Int
    /// How long a claimed version is left to one instance before another may take it over.
    let lease: TimeInterval
    private let drain = Mutex<DrainState>(DrainState())

    struct DrainState {
        var task: Task<Void, Never>?
        /// Kicked while draining: look for work once more before stopping.
        var again = false
    }

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, blobs: any BlobStore,
        recognizer: any TextRecognizer, pdfs: any PDFPageSource,
        extractors: [any FieldExtractor] = [InvoiceExtractor()], barcodes: (any BarcodeReader)? = nil,
        events: (any EventBroadcaster)?, parallel: Int, lease: TimeInterval = 600
    ) {
        self.barcodes = barcodes
        self.persistence = persistence
        self.clock = clock
        self.blobs = blobs
        self.recognizer = recognizer
        self.pdfs = pdfs
        self.extractors = extractors
        self.events = events
        self.trail = AuditTrail(clock: clock, ids: ids)
        self.parallel = max(1, parallel)
        self.lease = lease
    }

    /// Whether a version of this type is read.
    public func reads(_ type: MediaType) -> Bool { DocumentText.readable(type) }

    /// Starts reading what is queued, in the background, unless a reading is under way (which
    /// then looks once more before it stops).
    public func kick() {
        drain.withLock { state in
            guard state.task == nil else {
                state.again = true
                return
            }
            state.task = Task { [self] in
                while true {
                    _ = try? await runPending()
                    let more = drain.withLock { state in
                        if state.again {
                            state.again = false
                            return true
                        }
                        state.task = nil
                        return false
                    }
                    if !more { return }
                }
            }
        }
    }

    /// Waits for the reading under way (before the database closes).
    public func stop() async {
        let task = drain.withLock { $0.task }
        await task?.value
    }

    /// Reads every version due, `parallel` at a time, until none is left. `created` counts the
    /// versions read, `skipped` those that failed.
    public func runPending() async throws -> JobReport {
        var read = 0
        var failed = 0
        while true {
            let now = clock.now()
            let claimed = try await persistence.write { (repos: any UsesDocumentTexts) in
                try await repos.documentTexts.claim(
                    dueAt: now, leaseUntil: now.addingTimeInterval(lease), limit: parallel)
            }
            if claimed.isEmpty { break }
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for text in claimed { group.addTask { await self.read(text) } }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            read += outcomes.filter { $0 }.count
            failed += outcomes.filter { !$0 }.count
        }
        return JobReport(job: Self.job, ran: true, created: read, skipped: failed, notified: 0)
    }

    /// Reads one claimed version and stores the outcome; true when its text was read.
    func read(_ claimed: DocumentText) async -> Bool {
        var text = claimed
        let found = try? await persistence.read { (repos: any UsesDocuments) in
            (
                try await repos.documents.find(claimed.documentID),
                try await repos.documents.version(claimed.version, of: claimed.documentID)
            )
        }
        guard let (document, version) = found, let document, let version, document.deletedAt == nil else {
            text.status = .failed
            text.error = "the document was deleted"
            try? await finish(text, document: nil, uploader: nil)
            return false
        }
        do {
            let extractor = extractors.first { $0.kinds.contains(document.kind) }
            let bytes = try await blobs.bytes(version.blob, of: text.organizationID)
            // The pages read so far are stored as the reading goes, and kept should it fail.
            var progress: DocumentText? = text
            let reading: PageReading
            do {
                reading = try await read(
                    bytes, type: version.mediaType, codes: extractor?.readsCodes ?? false, maxPages: Self.maxPages,
                    progress: &progress)
                text = progress ?? text
            } catch {
                text = progress ?? text
                throw error
            }
            text.text = reading.text.text
            text.confidence = reading.text.confidence
            text.fields = extractor?.extract(from: reading.text, codes: reading.codes) ?? []
            text.status = .done
            text.error = nil
        } catch {
            text.status = .failed
            text.error = String(describing: error)
        }
        do {
            try await finish(text, document: document, uploader: version.uploadedBy)
        } catch {
            return false
        }
        return text.status == .done
    }

    /// Reads a file now, without keeping anything: its text (a PDF's text layer, else OCR, of at
    /// most `maxPages` pages) and, when `codes`, the codes printed on its images. For a use case
    /// that reads a paper at the counter (a registration card) and keeps only what a person confirms.
    public func readNow(_ bytes: [UInt8], type: MediaType, codes: Bool, maxPages: Int = 4) async throws
        -> PageReading
    {
        var progress: DocumentText?
        return try await read(bytes, type: type, codes: codes, maxPages: maxPages, progress: &progress)
    }

    /// The text of each page (a PDF's text layer, or OCR of the page or of the image) joined,
    /// with the pages' mean confidence; the codes of the images when asked. Progress is stored
    /// page by page when there is a stored text to keep it in.
    private func read(
        _ bytes: [UInt8], type: MediaType, codes wanted: Bool, maxPages: Int, progress text: inout DocumentText?
    ) async throws -> PageReading {
        var pages: [RecognizedText] = []
        var codes: [String] = []
        // A page whose codes cannot be decoded still has its text.
        func decode(_ image: [UInt8]) async {
            if wanted, let barcodes { codes += (try? await barcodes.decode(image: image)) ?? [] }
        }
        if type == .pdf {
            let pdf = try await pdfs.open(bytes)
            do {
                guard pdf.count <= maxPages else {
                    throw DocumentError.unreadable(reason: "it has \(pdf.count) pages; at most \(maxPages) are read")
                }
                try await save(progress: &text, done: 0, total: pdf.count)
                for number in stride(from: 1, through: pdf.count, by: 1) {
                    let layer = try await pdf.text(ofPage: number)
                    if layer.filter(\.isLetter).count >= Self.minimumLayerLetters {
                        pages.append(RecognizedText(text: layer, confidence: 1))
                        if wanted, barcodes != nil {
                            await decode(try await pdf.image(ofPage: number, dpi: Self.renderDPI))
                        }
                    } else {
                        let image = try await pdf.image(ofPage: number, dpi: Self.renderDPI)
                        pages.append(try await recognizer.recognize(image: image, dpi: Self.renderDPI))
                        await decode(image)
                    }
                    try await save(progress: &text, done: number, total: pdf.count)
                }
                await pdf.close()
            } catch {
                await pdf.close()
                throw error
            }
        } else {
            try await save(progress: &text, done: 0, total: 1)
            pages.append(try await recognizer.recognize(image: bytes, dpi: nil))
            await decode(bytes)
            text?.pagesDone = 1
        }
        let body = pages.map(\.text).joined(separator: "\n\n").trimmingCharacters(in: .whitespacesAndNewlines)
        let confidence = pages.isEmpty ? 0 : pages.map(\.confidence).reduce(0, +) / Double(pages.count)
        return PageReading(
            text: RecognizedText(text: body, confidence: (confidence * 100).rounded() / 100), codes: codes)
    }

    /// Stores the pages read so far, renewing the lease; nothing when there is no stored text (a
    /// file read now, for nobody to keep).
    func save(progress text: inout DocumentText?, done: Int, total: Int) async throws {
        guard var snapshot = text else { return }
        snapshot.pagesDone = done
        snapshot.pagesTotal = total
        snapshot.updatedAt = clock.now()
        text = snapshot
        let leaseUntil = snapshot.updatedAt.addingTimeInterval(lease)
        let stored = snapshot
        try await persistence.write { (repos: any UsesDocumentTexts) in
            try await repos.documentTexts.save(stored, leaseUntil: leaseUntil)
        }
    }

    /// Stores the outcome; a version read becomes searchable (when it is the document's current
    /// one) and its uploader is told, in the same transaction; the live event follows the commit.
    func finish(_ text: DocumentText, document: Document?, uploader: UserID?) async throws {
        var text = text
        text.updatedAt = clock.now()
        let outcome = text
        try await persistence.write {
            (repos: any UsesDocumentTexts & UsesDocuments & UsesNotifications & UsesSearchIndex) in
            try await repos.documentTexts.save(outcome, leaseUntil: nil)
            guard let document else { return }
            if outcome.status == .done, document.currentVersion == outcome.version {
                let versions = try await repos.documents.versions(of: document.id)
                try await repos.searchIndex.upsert(
                    DocumentsService.searchEntry(document, versions, text: outcome.text))
            }
            if let uploader {
                let read = outcome.status == .done
                try await trail.notify(
                    uploader, in: document.organizationID, kind: read ? "document.read" : "document.unreadable",
                    title: read ? "Document lu" : "Document illisible",
                    body: read ? document.title : "\(document.title) : \(outcome.error ?? "")", entity: "document",
                    id: document.id.description, repos)
            }
        }
        guard let document, let uploader else { return }
        await events?.publish([
            LiveEvent(
                channel: .notifications, organizationID: document.organizationID, userID: uploader,
                type: outcome.status == .done ? "document.read" : "document.unreadable",
                data: [
                    "documentId": document.id.description, "version": String(outcome.version),
                    "ocrStatus": outcome.status.rawValue,
                ], at: outcome.updatedAt)
        ])
    }
}
