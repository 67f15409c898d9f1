public import Domain
public import Foundation
import Synchronization

/// The sizes the documents module works within.
public struct DocumentLimits: Sendable, Equatable {
    /// The largest upload (413 beyond it).
    public var maxUploadBytes: Int64
    /// An organization's storage, unless the operator set its own.
    public var defaultQuotaBytes: Int64
    /// How long a deleted document's versions are kept before the purge.
    public var retentionDays: Int

    public init(
        maxUploadBytes: Int64 = 25 * 1_000_000, defaultQuotaBytes: Int64 = 10 * 1_000_000_000, retentionDays: Int = 30
    ) {
        self.maxUploadBytes = maxUploadBytes
        self.defaultQuotaBytes = defaultQuotaBytes
        self.retentionDays = retentionDays
    }

    /// An archive may expand this many times its size, and never past `maxExpandedBytes`.
    public static let maxExpansionRatio: Int64 = 100
    public static let maxExpandedBytes: Int64 = 1_000_000_000
}

/// The metadata of a new document, as the client sent it.
public struct NewDocument: Sendable {
    public var title: String?
    public var kind: String?
    public var entityType: String?
    public var entityID: String?
    public var tags: [String]
    public var comment: String?

    public init(
        title: String? = nil, kind: String? = nil, entityType: String? = nil, entityID: String? = nil,
        tags: [String] = [], comment: String? = nil
    ) {
        self.title = title
        self.kind = kind
        self.entityType = entityType
        self.entityID = entityID
        self.tags = tags
        self.comment = comment
    }
}

/// An uploaded file, staged, with what the client said about it.
public struct Upload: Sendable {
    public let staged: StagedBlob
    public let fileName: String
    /// The part's `Content-Type`, when the client sent one.
    public let declaredType: String?

    public init(staged: StagedBlob, fileName: String, declaredType: String?) {
        self.staged = staged
        self.fileName = fileName
        self.declaredType = declaredType
    }
}

public struct DocumentView: Sendable {
    public let document: Document
    /// Oldest first.
    public let versions: [DocumentVersion]
    /// The reading of the current version's text (nil: not read, as for an Office file).
    public let text: DocumentText?

    public init(document: Document, versions: [DocumentVersion], text: DocumentText? = nil) {
        self.document = document
        self.versions = versions
        self.text = text
    }
}

/// The entity types documents may be linked to, filled once at start from every module's
/// registration (`GestioModule(documentLinks:)`).
public final class DocumentLinkRegistry: Sendable {
    private let targets = Mutex<[String: DocumentLinkTarget]>([:])

    public init() {}

    public func register(_ targets: [DocumentLinkTarget]) {
        self.targets.withLock { registered in
            for target in targets { registered[target.type] = target }
        }
    }

    public var all: [DocumentLinkTarget] { targets.withLock { $0.values.sorted { $0.type < $1.type } } }

    func target(_ type: String) throws -> DocumentLinkTarget {
        guard let target = targets.withLock({ $0[type] }) else { throw DocumentError.unknownEntityType(type) }
        return target
    }
}

/// Documents for every module: versioned files in a blob store, their types told from their
/// bytes, within the organization's quota, linked to the entities modules register.
public struct DocumentsService: Sendable {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let blobs: any BlobStore
    let archives: any ArchiveInspector
    let trail: AuditTrail
    public let limits: DocumentLimits
    public let links: DocumentLinkRegistry
    /// PDFs of what modules print (nil when no renderer could start: no fonts).
    let renderer: (any DocumentRenderer)?
    /// Whether this server makes PDFs (a use case that can do without them checks first).
    public var canRender: Bool { renderer != nil }

    /// The PDF of a print a module's own use case has allowed the caller to read (minutes an
    /// owner reads), without keeping it as a document.
    public func pdf(of print: PrintDocument) throws -> [UInt8] {
        guard let renderer else { throw DocumentError.rendererUnavailable }
        return try renderer.render(print)
    }
    /// Reads uploads' text (nil when Tesseract or its models are missing).
    public let reader: DocumentReader?

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, blobs: any BlobStore,
        archives: any ArchiveInspector, limits: DocumentLimits, links: DocumentLinkRegistry = DocumentLinkRegistry(),
        renderer: (any DocumentRenderer)? = nil, reader: DocumentReader? = nil
    ) {
        self.renderer = renderer
        self.reader = reader
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.blobs = blobs
        self.archives = archives
        self.trail = AuditTrail(clock: clock, ids: ids)
        self.limits = limits
        self.links = links
    }

    /// A place to write an upload as it arrives (the HTTP edge streams into it).
    public func stage() async throws -> any BlobStaging { try await blobs.stage() }

    /// What can be refused before an upload's bytes are read: the caller's role, the document
    /// a version is for, the entity a new document is linked to.
    public func checkUpload(
        to document: DocumentID? = nil, linkedTo entityType: String? = nil, _ entityID: String? = nil,
        as principal: Principal
    ) async throws {
        try requireAny(.manageDocuments, principal)
        var link: EntityLink?
        if let document { link = try await visibleDocument(document, as: principal).link }
        if entityType != nil || entityID != nil {
            link = try await visibleLink(type: entityType, id: entityID, as: principal)
        }
        try await require(.manageDocuments, on: link, principal)
    }

    /// A new document with its first version. The staged file is kept or discarded.
    public func create(_ input: NewDocument, upload: Upload, as principal: Principal) async throws -> DocumentView {
        try await withStaged(upload) {
            try requireAny(.manageDocuments, principal)
            let kind = try Self.parse(input.kind, Document.Kind.self, field: "type") ?? .other
            let link = try await visibleLink(type: input.entityType, id: input.entityID, as: principal)
            try await require(.manageDocuments, on: link, principal)
            let mediaType = try await mediaType(of: upload)
            let now = clock.now()
            let document = try Document(
                id: DocumentID(ids.make()), organizationID: principal.organizationID,
                title: input.title ?? upload.fileName, kind: kind, link: link, tags: input.tags,
                authorID: AuditTrail.actor(principal), createdAt: now)
            let version = try DocumentVersion(
                documentID: document.id, number: 1, blob: upload.staged.digest, size: upload.staged.size,
                mediaType: mediaType, fileName: upload.fileName, uploadedBy: AuditTrail.actor(principal),
                uploadedAt: now, comment: input.comment)
            try await keep(upload, in: principal.organizationID)
            // The whole transaction: the linked entity's module reacts through its `changed` hook.
            try await persistence.write { (repos: any Repositories) in
                try await insertNew(document, version, upload, principal, repos)
                try await linkedChanged(document, deleted: false, at: now, repos)
            }
            _ = try await blobs.commit(upload.staged, to: principal.organizationID)
            reader?.kick()
            return DocumentView(document: document, versions: [version], text: pendingText(version, of: document))
        }
    }

    /// What a module prints, to keep as a document linked to the entity it is about.
    public struct Publication: Sendable {
        public let print: PrintDocument
        public let fileName: String
        public let kind: Document.Kind
        public let link: EntityLink
        public let tags: [String]

        public init(_ print: PrintDocument, fileName: String, kind: Document.Kind, link: EntityLink, tags: [String]) {
            self.print = print
            self.fileName = fileName
            self.kind = kind
            self.link = link
            self.tags = tags
        }
    }

    /// Renders what a module prints as a PDF and keeps it as a new document linked to the entity
    /// it is about (an owner's statement).
    public func publish(
        _ print: PrintDocument, fileName: String, kind: Document.Kind, linkedTo type: String, _ id: UUID,
        tags: [String], as principal: Principal
    ) async throws -> DocumentView {
        let views = try await publish(
            [Publication(print, fileName: fileName, kind: kind, link: EntityLink(type: type, id: id), tags: tags)],
            as: principal)
        return views[0]
    }

    /// Renders several prints (a call's notices, one per owner) and keeps them as documents in
    /// one transaction: all of them, or none.
    public func publish(_ publications: [Publication], as principal: Principal) async throws -> [DocumentView] {
        let prepared = try await prepare(publications, as: principal)
        do {
            try await persistence.write {
                (repos: any UsesAudit & UsesDocumentTexts & UsesDocuments & UsesSearchIndex) in
                try await insert(prepared, repos)
            }
        } catch {
            await abandon(prepared)
            throw error
        }
        await finish(prepared)
        return prepared.views
    }

    /// Prints rendered and their bytes in the store, their rows not yet written: `insert` them
    /// in a transaction (the caller's, with its own changes), then `finish`, or `abandon`.
    public struct Prepared: Sendable {
        public let views: [DocumentView]
        let uploads: [Upload]
        let principal: Principal
    }

    public func prepare(_ publications: [Publication], as principal: Principal) async throws -> Prepared {
        try AccessPolicy.require(.manageDocuments, by: principal)
        for link in Set(publications.map(\.link)) {
            _ = try await visibleLink(type: link.type, id: link.id.lowercasedText, as: principal)
        }
        let prepared = try await render(publications, as: principal)
        do {
            for upload in prepared.uploads { try await checkRoom(for: upload, in: principal.organizationID) }
        } catch {
            await abandon(prepared)
            throw error
        }
        return prepared
    }

    /// Renders the prints and stores their bytes without reading the database, for a use case
    /// that inserts them in its own transaction (a call's send) and has made sure the entities
    /// they are linked to are the caller's; the quota is checked when the rows are inserted.
    public func render(_ publications: [Publication], as principal: Principal) async throws -> Prepared {
        try AccessPolicy.require(.manageDocuments, by: principal)
        guard let renderer else { throw DocumentError.rendererUnavailable }
        var uploads: [Upload] = []
        do {
            for publication in publications {
                let bytes = try renderer.render(publication.print)
                let staging = try await blobs.stage()
                do {
                    try await staging.write(bytes)
                    let upload = Upload(
                        staged: try await staging.finish(), fileName: publication.fileName,
                        declaredType: MediaType.pdf.name)
                    uploads.append(upload)
                    _ = try await blobs.commit(upload.staged, to: principal.organizationID)
                } catch {
                    await staging.abandon()
                    throw error
                }
            }
            let now = clock.now()
            var views: [DocumentView] = []
            for (publication, upload) in zip(publications, uploads) {
                let document = try Document(
                    id: DocumentID(ids.make()), organizationID: principal.organizationID,
                    title: publication.print.title, kind: publication.kind, link: publication.link,
                    tags: publication.tags, authorID: AuditTrail.actor(principal), createdAt: now)
                let version = try DocumentVersion(
                    documentID: document.id, number: 1, blob: upload.staged.digest, size: upload.staged.size,
                    mediaType: .pdf, fileName: upload.fileName, uploadedBy: AuditTrail.actor(principal),
                    uploadedAt: now, comment: nil)
                views.append(
                    DocumentView(document: document, versions: [version], text: pendingText(version, of: document)))
            }
            return Prepared(views: views, uploads: uploads, principal: principal)
        } catch {
            for upload in uploads { await blobs.discard(upload.staged) }
            throw error
        }
    }

    /// The prepared documents' rows, in the caller's transaction.
    public func insert(
        _ prepared: Prepared, _ repos: any UsesAudit & UsesDocumentTexts & UsesDocuments & UsesSearchIndex
    ) async throws {
        for (view, upload) in zip(prepared.views, prepared.uploads) {
            try await insertNew(view.document, view.versions[0], upload, prepared.principal, repos)
        }
    }

    /// After the transaction committed: the bytes made sure of, the staged files gone, the
    /// reading started.
    public func finish(_ prepared: Prepared) async {
        for upload in prepared.uploads {
            _ = try? await blobs.commit(upload.staged, to: prepared.principal.organizationID)
            await blobs.discard(upload.staged)
        }
        reader?.kick()
    }

    /// Reads an uploaded file at once and lets it go: nothing of it is stored. The calling use case
    /// decides who may (a registration card read at the counter, for a vehicle's draft); a file
    /// that is not a PDF or an image, or cannot be read, is refused with the reason.
    public func readWithoutKeeping(_ upload: Upload, codes: Bool) async throws -> PageReading {
        do {
            guard let reader else { throw DocumentError.readerUnavailable }
            let type = try await mediaType(of: upload)
            guard reader.reads(type) else { throw DocumentError.notReadable(mediaType: type.description) }
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: upload.staged.path)))
            let reading: PageReading
            do { reading = try await reader.readNow(bytes, type: type, codes: codes) } catch let error as DocumentError
            {
                throw error
            } catch {
                throw DocumentError.unreadable(reason: String(describing: error))
            }
            await blobs.discard(upload.staged)
            return reading
        } catch {
            await blobs.discard(upload.staged)
            throw error
        }
    }

    /// The transaction failed: the staged files go (bytes already in the store and named by no
    /// row are the purge's).
    public func abandon(_ prepared: Prepared) async {
        for upload in prepared.uploads { await blobs.discard(upload.staged) }
    }

    /// A new document's rows, in the caller's transaction: its blob counted against the quota,
    /// the document, its first version, its search entry, its reading queued, the audit line.
    private func insertNew(
        _ document: Document, _ version: DocumentVersion, _ upload: Upload, _ principal: Principal,
        _ repos: any UsesAudit & UsesDocumentTexts & UsesDocuments & UsesSearchIndex
    ) async throws {
        try await reserve(upload, in: principal.organizationID, repos)
        try await repos.documents.insert(document)
        try await repos.documents.insertVersion(version, organization: document.organizationID)
        try await repos.searchIndex.upsert(Self.searchEntry(document, [version]))
        try await queueReading(version, of: document, repos)
        try await trail.record(
            "document.created", entity: "document", id: document.id.description,
            payload: ["version": "1", "blob": version.blob.hex], by: principal,
            organization: document.organizationID, repos)
    }

    /// The next version of a document.
    public func addVersion(to id: DocumentID, upload: Upload, comment: String?, as principal: Principal)
        async throws -> DocumentView
    {
        try await withStaged(upload) {
            try requireAny(.manageDocuments, principal)
            let current = try await visibleDocument(id, as: principal)
            try await require(.manageDocuments, on: current.link, principal)
            let mediaType = try await mediaType(of: upload)
            try await keep(upload, in: principal.organizationID)
            // The whole transaction: the linked entity's module reacts through its `changed` hook.
            let view = try await persistence.write { (repos: any Repositories) in
                guard current.organizationID == principal.organizationID else {
                    throw ApplicationError.notFound(entity: "document", id: id.description)
                }
                let view = try await appendVersion(
                    upload, mediaType: mediaType, comment: comment, to: id, as: principal, repos)
                try await linkedChanged(view.document, deleted: false, at: view.document.updatedAt, repos)
                return view
            }
            _ = try await blobs.commit(upload.staged, to: principal.organizationID)
            reader?.kick()
            return view
        }
    }

    /// A rendered print kept as the next version of a document of the caller's organization
    /// (an état daté generated again), in the caller's transaction; `finish` the prepared after.
    public func insertVersion(
        _ prepared: Prepared, of id: DocumentID,
        _ repos: any UsesAudit & UsesDocumentTexts & UsesDocuments & UsesSearchIndex
    ) async throws -> DocumentView {
        try await appendVersion(
            prepared.uploads[0], mediaType: .pdf, comment: nil, to: id, as: prepared.principal, repos)
    }

    /// The next version's rows: the blob counted against the quota, the version, the document's
    /// current number, its search entry, its reading queued, the audit line.
    private func appendVersion(
        _ upload: Upload, mediaType: MediaType, comment: String?, to id: DocumentID, as principal: Principal,
        _ repos: any UsesAudit & UsesDocumentTexts & UsesDocuments & UsesSearchIndex
    ) async throws -> DocumentView {
        let now = clock.now()
        guard var document = try await repos.documents.lock(id), document.deletedAt == nil,
            document.organizationID == principal.organizationID
        else { throw ApplicationError.notFound(entity: "document", id: id.description) }
        let version = try DocumentVersion(
            documentID: id, number: document.currentVersion + 1, blob: upload.staged.digest,
            size: upload.staged.size, mediaType: mediaType, fileName: upload.fileName,
            uploadedBy: AuditTrail.actor(principal), uploadedAt: now, comment: comment)
        try await reserve(upload, in: principal.organizationID, repos)
        try await repos.documents.insertVersion(version, organization: document.organizationID)
        document.currentVersion = version.number
        document.updatedAt = now
        try await repos.documents.update(document)
        let versions = try await repos.documents.versions(of: id)
        try await repos.searchIndex.upsert(Self.searchEntry(document, versions))
        try await queueReading(version, of: document, repos)
        try await trail.record(
            "document.version_added", entity: "document", id: id.description,
            payload: ["version": String(version.number), "blob": version.blob.hex], by: principal,
            organization: document.organizationID, repos)
        return DocumentView(document: document, versions: versions, text: pendingText(version, of: document))
    }

    public func document(_ id: DocumentID, as principal: Principal) async throws -> DocumentView {
        try requireAny(.readDocuments, principal)
        let document = try await visibleDocument(id, as: principal)
        try await require(.readDocuments, on: document.link, principal)
        let (versions, text) = try await persistence.read { (repos: any UsesDocumentTexts & UsesDocuments) in
            (
                try await repos.documents.versions(of: id),
                try await repos.documentTexts.find(id, version: document.currentVersion)
            )
        }
        return DocumentView(document: document, versions: versions, text: text)
    }

    /// The text read from the document's current version, and the fields found in it.
    public func text(of id: DocumentID, as principal: Principal) async throws -> DocumentText {
        let view = try await document(id, as: principal)
        guard let text = view.text else {
            let type = view.versions.last?.mediaType.name ?? "this file"
            if let current = view.versions.last, reader != nil, DocumentText.readable(current.mediaType) {
                throw ApplicationError.notFound(entity: "document text", id: id.description)
            }
            throw reader == nil ? DocumentError.readerUnavailable : DocumentError.notReadable(mediaType: type)
        }
        return text
    }

    /// Reads the current version's text again (a better engine, a failed first reading). A
    /// reading pending or under way is left to finish: asking twice changes nothing.
    public func reread(_ id: DocumentID, as principal: Principal) async throws -> DocumentText {
        try AccessPolicy.require(.manageDocuments, by: principal)
        let document = try await visibleDocument(id, as: principal)
        guard let reader else { throw DocumentError.readerUnavailable }
        let text = try await persistence.write { (repos: any UsesAudit & UsesDocumentTexts & UsesDocuments) in
            guard let version = try await repos.documents.version(document.currentVersion, of: id) else {
                throw DocumentError.versionNotFound(number: document.currentVersion)
            }
            guard reader.reads(version.mediaType) else {
                throw DocumentError.notReadable(mediaType: version.mediaType.name)
            }
            if try await repos.documentTexts.queue(
                id, version: version.number, organization: document.organizationID, at: clock.now())
            {
                try await trail.record(
                    "document.reread", entity: "document", id: id.description,
                    payload: ["version": String(version.number)], by: principal,
                    organization: document.organizationID, repos)
            }
            guard let text = try await repos.documentTexts.find(id, version: version.number) else {
                throw ApplicationError.notFound(entity: "document text", id: id.description)
            }
            return text
        }
        reader.kick()
        return text
    }

    /// Documents of the caller's organization; linked to one entity when asked (which must be
    /// visible to the caller).
    public func list(
        entityType: String?, entityID: String?, kind: String?, text: String?, page: PageRequest,
        as principal: Principal
    ) async throws -> Page<Document> {
        try requireAny(.readDocuments, principal)
        let link = try await visibleLink(type: entityType, id: entityID, as: principal)
        try await require(.readDocuments, on: link, principal)
        // The organization's list leaves out what an entity's own rule keeps to those who see the
        // entity (a project's documents): they are listed at that entity's route.
        let filter = DocumentFilter(
            link: link,
            kind: try Self.parse(kind, Document.Kind.self, field: "type"),
            text: text.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 },
            excludingTypes: link == nil ? links.all.filter { $0.scoped?.decidesForEveryone == true }.map(\.type) : [])
        return try await persistence.read { (repos: any UsesDocuments) in
            try await repos.documents.list(of: principal.organizationID, filter: filter, page: page)
        }
    }

    /// A version's metadata and its bytes (or a range of them).
    public func content(
        of id: DocumentID, version number: Int, range: ClosedRange<Int64>? = nil, as principal: Principal
    ) async throws -> (version: DocumentVersion, bytes: AsyncThrowingStream<[UInt8], any Error>) {
        let version = try await version(number, of: id, as: principal)
        return (version, try await blobs.read(version.blob, of: principal.organizationID, range: range))
    }

    /// A version's bytes, all of them (for the CLI writing a PDF to a file).
    public func bytes(of id: DocumentID, version number: Int, as principal: Principal) async throws -> [UInt8] {
        let version = try await version(number, of: id, as: principal)
        return try await blobs.bytes(version.blob, of: principal.organizationID)
    }

    /// A version's metadata (size, type, digest), for a download's headers.
    public func version(_ number: Int, of id: DocumentID, as principal: Principal) async throws -> DocumentVersion {
        try requireAny(.readDocuments, principal)
        let document = try await visibleDocument(id, as: principal)
        try await require(.readDocuments, on: document.link, principal)
        let version = try await persistence.read { (repos: any UsesDocuments) in
            try await repos.documents.version(number, of: id)
        }
        guard let version else { throw DocumentError.versionNotFound(number: number) }
        return version
    }

    /// A soft delete: the document leaves every list, and its versions are kept for the retention
    /// period. Refused while the document supports a record the law keeps.
    public func delete(_ id: DocumentID, as principal: Principal) async throws {
        try requireAny(.manageDocuments, principal)
        let document = try await visibleDocument(id, as: principal)
        try await require(.manageDocuments, on: document.link, principal)
        if let link = document.link, let retention = try links.target(link.type).retention,
            let reason = try await retention(link.id, principal)
        {
            throw DocumentError.retained(reason: reason)
        }
        let now = clock.now()
        // The whole transaction: the linked entity's module reacts through its `changed` hook.
        try await persistence.write { (repos: any Repositories) in
            guard var locked = try await repos.documents.lock(id), locked.deletedAt == nil else {
                throw ApplicationError.notFound(entity: "document", id: id.description)
            }
            locked.deletedAt = now
            locked.updatedAt = now
            try await repos.documents.update(locked)
            try await repos.searchIndex.remove(source: Self.searchSource, id: id.rawValue)
            try await trail.record(
                "document.deleted", entity: "document", id: id.description, by: principal,
                organization: locked.organizationID, repos)
            try await linkedChanged(locked, deleted: true, at: now, repos)
        }
    }

    /// Tells the module that owns the document's entity, when it asked to be told.
    /// Its `changed` hook writes that module's stores, so this takes the whole transaction, and so
    /// do the use cases that call it.
    private func linkedChanged(_ document: Document, deleted: Bool, at time: Date, _ repos: any Repositories)
        async throws
    {
        guard let link = document.link, let changed = try links.target(link.type).changed else { return }
        try await changed(link.id, document.id, deleted, time, repos)
    }

    /// The documents module's reactions to other modules' facts: the documents linked to an
    /// entity that is gone are deleted with it (in its transaction), and leave the search index;
    /// the purge removes them after the retention period, as any deleted document.
    public func subscribe(to bus: DomainEventBus) {
        bus.subscribe { event, repos in
            guard let deleted = event as? LinkedEntityDeleted else { return [] }
            let changed = (try? links.target(deleted.entityType))?.changed
            for id in try await repos.documents.deleteLinked(
                to: deleted.entityType, deleted.entityID, in: deleted.organization, at: deleted.at)
            {
                try await repos.searchIndex.remove(source: Self.searchSource, id: id.rawValue)
                try await changed?(deleted.entityID, id, true, deleted.at, repos)
            }
            return []
        }
    }

    /// The caller's organization's storage: its quota and what it uses.
    public func storage(as principal: Principal) async throws -> StorageQuota {
        try AccessPolicy.require(.readDocuments, by: principal)
        return try await storage(of: principal.organizationID)
    }

    public func storage(of organization: OrganizationID) async throws -> StorageQuota {
        let (quota, used) = try await persistence.read { (repos: any UsesDocuments) in
            try await repos.documents.storage(of: organization)
        }
        return StorageQuota(limit: quota ?? limits.defaultQuotaBytes, used: used)
    }

    /// The operator sets an organization's quota (nil: back to the configured default).
    public func setQuota(_ bytes: Int64?, of organization: OrganizationID) async throws {
        if let bytes, bytes < 0 { throw DomainError.invalidValue(field: "quota", reason: "must not be negative") }
        try await persistence.write { (repos: any UsesDocuments) in
            try await repos.documents.setQuota(bytes, of: organization)
        }
    }

    // MARK: - Steps shared by the use cases

    /// Queues the version's reading in the upload's transaction (PDFs and images, when a reader runs).
    private func queueReading(_ version: DocumentVersion, of document: Document, _ repos: any UsesDocumentTexts)
        async throws
    {
        guard let reader, reader.reads(version.mediaType) else { return }
        _ = try await repos.documentTexts.queue(
            document.id, version: version.number, organization: document.organizationID, at: version.uploadedAt)
    }

    /// What a just-queued reading looks like, for the upload's answer.
    private func pendingText(_ version: DocumentVersion, of document: Document) -> DocumentText? {
        guard let reader, reader.reads(version.mediaType) else { return nil }
        return DocumentText(
            documentID: document.id, version: version.number, organizationID: document.organizationID,
            updatedAt: version.uploadedAt)
    }

    /// Runs `work` with the upload staged; the staged file is discarded whatever happens (after
    /// a commit there is nothing left to discard).
    private func withStaged<T>(_ upload: Upload, _ work: () async throws -> T) async throws -> T {
        do {
            let result = try await work()
            await blobs.discard(upload.staged)
            return result
        } catch {
            await blobs.discard(upload.staged)
            throw error
        }
    }

    /// The bytes go to the store before the rows that name them commit (and are made sure of
    /// again after): a failed transaction leaves at most a blob no row names, which the purge
    /// removes, never a row without its blob.
    private func keep(_ upload: Upload, in organization: OrganizationID) async throws {
        try await checkRoom(for: upload, in: organization)
        _ = try await blobs.commit(upload.staged, to: organization)
    }

    /// Refuses an upload the organization's storage cannot take (new bytes only); the count in
    /// the transaction (`reserve`) is the one that holds under concurrent uploads.
    private func checkRoom(for upload: Upload, in organization: OrganizationID) async throws {
        let storage = try await storage(of: organization)
        let counted = try await persistence.read { (repos: any UsesDocuments) in
            try await repos.documents.hasBlob(upload.staged.digest, of: organization)
        }
        guard counted || upload.staged.size <= storage.remaining else {
            throw DocumentError.quotaExceeded(remaining: storage.remaining, limit: storage.limit)
        }
    }

    /// Counts the blob against the quota inside the transaction, so concurrent uploads cannot
    /// pass it together.
    private func reserve(_ upload: Upload, in organization: OrganizationID, _ repos: any UsesDocuments) async throws {
        let (quota, _) = try await repos.documents.storage(of: organization)
        let limit = quota ?? limits.defaultQuotaBytes
        guard
            try await repos.documents.reserve(
                upload.staged.digest, size: upload.staged.size, of: organization, limit: limit, at: clock.now())
        else {
            let used = try await repos.documents.storage(of: organization).used
            throw DocumentError.quotaExceeded(remaining: max(0, limit - used), limit: limit)
        }
    }

    /// The role check before anything is looked up: the documents permission, or the permission
    /// of a scoped rule some entity type has (a resident may get as far as a shared object's photos).
    private func requireAny(_ permission: Permission, _ principal: Principal) throws {
        guard
            AccessPolicy.allows(principal, permission)
                || links.all.contains(where: {
                    $0.scoped.map { AccessPolicy.allows(principal, $0.permission) } ?? false
                })
        else { throw ApplicationError.permissionDenied(permission) }
    }

    /// The check once the document's entity is known (and visible): the documents permission, or
    /// the entity type's scoped rule, whose manage check throws its own reason.
    private func require(_ permission: Permission, on link: EntityLink?, _ principal: Principal) async throws {
        let scoped = try link.flatMap { try links.target($0.type).scoped }
        if AccessPolicy.allows(principal, permission) && scoped?.decidesForEveryone != true { return }
        guard let link, let scoped, AccessPolicy.allows(principal, scoped.permission) else {
            throw ApplicationError.permissionDenied(permission)
        }
        if permission != .readDocuments { try await scoped.manage(link.id, principal) }
    }

    func visibleDocument(_ id: DocumentID, as principal: Principal) async throws -> Document {
        let found = try await persistence.read { (repos: any UsesDocuments) in try await repos.documents.find(id) }
        guard let document = found, document.deletedAt == nil else {
            throw ApplicationError.notFound(entity: "document", id: id.description)
        }
        let visible = try TenantScope.visible(
            document, in: \.organizationID, principal, entity: "document", id: id.description)
        if let link = visible.link { try await links.target(link.type).check(link.id, principal) }
        return visible
    }

    func visibleLink(type: String?, id: String?, as principal: Principal) async throws -> EntityLink? {
        switch (type, id) {
        case (nil, nil): return nil
        case (let type?, let raw?):
            guard let uuid = UUID(uuidString: raw) else {
                throw DomainError.invalidValue(field: "entityId", reason: "must be a UUID")
            }
            try await links.target(type).check(uuid, principal)
            return EntityLink(type: type, id: uuid)
        case (nil, _?): throw DomainError.invalidValue(field: "entityType", reason: "is required with entity_id")
        case (_?, nil): throw DomainError.invalidValue(field: "entityId", reason: "is required with entity_type")
        }
    }

    /// The type the file's bytes are; refused when the name or the declared type says another.
    func mediaType(of upload: Upload) async throws -> MediaType {
        let staged = upload.staged
        guard staged.size > 0 else { throw DocumentError.emptyFile }
        let actual: MediaType
        switch MediaType.signature(of: staged.prefix) {
        case nil:
            throw DocumentError.unsupportedMediaType(
                detail: "allowed are PDF, PNG, JPEG, TIFF, WebP, and Office and OpenDocument files")
        case .type(let type): actual = type
        case .zip:
            let contents: ArchiveContents
            do { contents = try await archives.inspect(staged) } catch {
                throw DocumentError.suspiciousArchive(detail: "it cannot be read as a ZIP archive")
            }
            let ceiling = min(
                DocumentLimits.maxExpandedBytes, DocumentLimits.maxExpansionRatio * max(staged.size, 1_000_000))
            guard contents.uncompressedSize <= ceiling else {
                throw DocumentError.suspiciousArchive(
                    detail: "it expands to \(contents.uncompressedSize) bytes from \(staged.size)")
            }
            guard let office = MediaType.officeFormat(entries: contents.entries, mimetypeEntry: contents.mimetype)
            else {
                throw DocumentError.unsupportedMediaType(
                    detail: "a ZIP archive that is not an Office or OpenDocument file")
            }
            actual = office
        case .compoundFile:
            guard let claimed = MediaType.claimed(byName: upload.fileName), [.doc, .xls, .ppt].contains(claimed) else {
                throw DocumentError.unsupportedMediaType(
                    detail: "an Office file from before 2007 needs its .doc, .xls or .ppt name")
            }
            actual = claimed
        }
        if let ext = MediaType.fileExtension(of: upload.fileName), !actual.extensions.contains(ext) {
            throw DocumentError.mediaTypeMismatch(claimed: ".\(ext)", actual: actual.name)
        }
        if let declared = upload.declaredType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
            .lowercased(), declared != "application/octet-stream", declared != actual.name
        {
            throw DocumentError.mediaTypeMismatch(claimed: declared, actual: actual.name)
        }
        return actual
    }
}

extension DocumentsService {
    public static let searchSource = "document"

    /// What search finds of a document: its title and tags, its versions' file names and
    /// comments, and the text read from its current version.
    static func searchEntry(_ document: Document, _ versions: [DocumentVersion], text: String? = nil) -> SearchEntry {
        SearchEntry(
            organizationID: document.organizationID, source: searchSource, sourceID: document.id.rawValue,
            title: document.title,
            body: (versions.reversed().flatMap { [$0.fileName] + ($0.comment.map { [$0] } ?? []) } + [text ?? ""])
                .joined(separator: " "),
            tags: document.tags, kind: document.kind.rawValue, link: document.link, updatedAt: document.updatedAt)
    }

    /// Documents in search: found by whoever may read documents and see the entity the
    /// document is linked to; rebuilt from every live document.
    public var searchSources: [SearchSource] {
        [
            SearchSource(
                name: Self.searchSource,
                visible: { entry, principal in
                    guard AccessPolicy.allows(principal, .readDocuments) else { return false }
                    return (try? await visibleDocument(DocumentID(entry.sourceID), as: principal)) != nil
                },
                reindex: {
                    var count = 0
                    var after: DocumentID?
                    while true {
                        let cursor = after
                        let batch = try await persistence.read { (repos: any UsesDocuments) in
                            try await repos.documents.live(after: cursor, limit: 500)
                        }
                        guard let last = batch.last else { return count }
                        try await persistence.write {
                            (repos: any UsesDocumentTexts & UsesDocuments & UsesSearchIndex) in
                            for document in batch {
                                let versions = try await repos.documents.versions(of: document.id)
                                let text = try await repos.documentTexts.find(
                                    document.id, version: document.currentVersion)
                                try await repos.searchIndex.upsert(
                                    Self.searchEntry(
                                        document, versions, text: text?.status == .done ? text?.text : nil))
                            }
                        }
                        count += batch.count
                        after = last.id
                    }
                })
        ]
    }

    public static let purgeJob = "documents-purge"

    /// Bytes in the store that no row counts, stored more than an hour ago: an upload whose
    /// transaction failed after its blob was committed. (An hour leaves any upload in flight the
    /// time to commit its rows.) Returns how many were deleted.
    func sweepStrayBlobs() async throws -> Int {
        let cutoff = clock.now().addingTimeInterval(-3600)
        var deleted = 0
        for organization in try await blobs.organizations() {
            let counted = try await persistence.read { (repos: any UsesDocuments) in
                try await repos.documents.blobDigests(of: organization)
            }
            for (digest, storedAt) in try await blobs.blobs(of: organization)
            where storedAt < cutoff && !counted.contains(digest) {
                try await blobs.delete(digest, of: organization)
                deleted += 1
            }
        }
        return deleted
    }

    /// Deletes the documents deleted more than the retention period ago, then every blob no
    /// version names any more (its bytes leave the store after the rows, and the organization's
    /// usage goes down). The run is written to the platform's audit log.
    public func purge() async throws -> JobReport {
        let cutoff = clock.now().addingTimeInterval(-Double(limits.retentionDays) * 86_400)
        let (documents, orphans) = try await persistence.write { (repos: any UsesAudit & UsesDocuments) in
            let documents = try await repos.documents.deleteDeleted(before: cutoff)
            let orphans = try await repos.documents.releaseUnreferencedBlobs()
            try await trail.recordRetention(
                job: Self.purgeJob, deleted: ["documents": documents, "blobs": orphans.count], before: cutoff, repos)
            return (documents, orphans)
        }
        for (organization, digest) in orphans { try await blobs.delete(digest, of: organization) }
        let strays = try await sweepStrayBlobs()
        return JobReport(job: Self.purgeJob, ran: true, skipped: documents + strays)
    }
}

extension DocumentsService: UseCaseSupport {}

extension DocumentsService: AttachmentSource {
    /// A document version's bytes for an email, from the organization's store.
    public func attachment(_ reference: AttachmentReference, of organization: OrganizationID) async throws
        -> EmailAttachment
    {
        let id = DocumentID(reference.documentID)
        let (document, version) = try await persistence.read { (repos: any UsesDocuments) in
            (try await repos.documents.find(id), try await repos.documents.version(reference.version, of: id))
        }
        guard let document, document.organizationID == organization, let version else {
            throw ApplicationError.notFound(entity: "document", id: id.description)
        }
        return EmailAttachment(
            fileName: version.fileName, mediaType: version.mediaType.name,
            bytes: try await blobs.bytes(version.blob, of: organization))
    }
}
