public import Domain
public import Foundation

/// The documents module's stores.
public protocol DocumentsStores:
    UsesDocuments,
    UsesDocumentTexts
{}

/// A use case that reads or writes `documents`.
public protocol UsesDocuments: Sendable { var documents: any DocumentRepository { get } }

/// A use case that reads or writes `documentTexts`.
public protocol UsesDocumentTexts: Sendable { var documentTexts: any DocumentTextRepository { get } }

public struct DocumentFilter: Sendable, Equatable {
    public var link: EntityLink?
    public var kind: Document.Kind?
    /// Words the title or a tag contains (without case).
    public var text: String?
    /// Leaves out the documents linked to entities of these types (unlinked ones stay).
    public var excludingTypes: [String]

    public init(link: EntityLink? = nil, kind: Document.Kind? = nil, text: String? = nil, excludingTypes: [String] = [])
    {
        self.link = link
        self.kind = kind
        self.text = text
        self.excludingTypes = excludingTypes
    }
}

public protocol DocumentRepository: Sendable {
    func insert(_ document: Document) async throws
    /// Title, kind, tags, current version, update and deletion times.
    func update(_ document: Document) async throws
    func find(_ id: DocumentID) async throws -> Document?
    /// The document, its row held until the transaction ends (a new version's number).
    func lock(_ id: DocumentID) async throws -> Document?
    func insertVersion(_ version: DocumentVersion, organization: OrganizationID) async throws
    /// Oldest first.
    func versions(of id: DocumentID) async throws -> [DocumentVersion]
    func version(_ number: Int, of id: DocumentID) async throws -> DocumentVersion?
    /// Documents not deleted, newest first.
    func list(of organization: OrganizationID, filter: DocumentFilter, page: PageRequest) async throws
        -> Page<Document>

    /// Counts a blob against the organization's quota, once per digest: true when it fits (or
    /// was counted already), false when it would pass `limit` (nothing is recorded then).
    func reserve(_ blob: BlobDigest, size: Int64, of organization: OrganizationID, limit: Int64, at: Date)
        async throws -> Bool
    /// The organization's quota (nil: the configured default) and the bytes its blobs take.
    func storage(of organization: OrganizationID) async throws -> (quota: Int64?, used: Int64)
    /// Every blob the organization's rows count (the purge keeps these in the store).
    func blobDigests(of organization: OrganizationID) async throws -> Set<BlobDigest>
    /// True when the organization keeps these bytes already (a new upload of them costs nothing).
    func hasBlob(_ blob: BlobDigest, of organization: OrganizationID) async throws -> Bool
    func setQuota(_ bytes: Int64?, of organization: OrganizationID) async throws
    /// Documents not deleted, in every organization, by id after `after` (a rebuild of the index).
    func live(after: DocumentID?, limit: Int) async throws -> [Document]
    /// Marks deleted, at `date`, the live documents linked to the entity; returns their ids.
    func deleteLinked(to entityType: String, _ entityID: UUID, in organization: OrganizationID, at date: Date)
        async throws -> [DocumentID]
    /// Deletes the documents (and their versions) deleted before `date`; returns how many.
    func deleteDeleted(before date: Date) async throws -> Int
    /// Forgets every blob no version names any more, giving its bytes back to its organization's
    /// usage; returns them, for the store to delete.
    func releaseUnreferencedBlobs() async throws -> [(OrganizationID, BlobDigest)]
}

/// The text read from documents' versions, and the queue of versions waiting to be read.
public protocol DocumentTextRepository: Sendable {
    /// Queues the version to be read (again): `pending`, nothing read. A version already
    /// pending or being read is left as it is; returns false then.
    func queue(_ document: DocumentID, version: Int, organization: OrganizationID, at: Date) async throws -> Bool
    /// Takes up to `limit` versions due for reading (pending, or running past their lease: an
    /// instance stopped mid-way), marks them running and leases them until `leaseUntil`.
    func claim(dueAt now: Date, leaseUntil: Date, limit: Int) async throws -> [DocumentText]
    /// Stores progress (the lease renewed until `leaseUntil`), or the outcome (status, text,
    /// fields, error; `leaseUntil` nil).
    func save(_ text: DocumentText, leaseUntil: Date?) async throws
    func find(_ document: DocumentID, version: Int) async throws -> DocumentText?
}
