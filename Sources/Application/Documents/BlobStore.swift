public import Domain
public import Foundation

/// Where documents' bytes live, addressed by their SHA-256 within one organization (the same
/// bytes are kept once per organization; quotas and erasure stay per organization). Uploads are
/// first staged in a local file, hashed as they arrive, then committed.
public protocol BlobStore: Sendable {
    /// A local file to write an upload into as it arrives.
    func stage() async throws -> any BlobStaging
    /// Makes sure the organization's blob holds the staged bytes; false when it was there
    /// already. The staged file stays until it is discarded, so a use case commits once before
    /// its transaction and once after (the purge may have removed a blob no row named).
    func commit(_ staged: StagedBlob, to organization: OrganizationID) async throws -> Bool
    /// Removes a staged file that will not be kept.
    func discard(_ staged: StagedBlob) async
    /// The blob's bytes, or those of `range` (offsets, inclusive), in chunks.
    func read(_ digest: BlobDigest, of organization: OrganizationID, range: ClosedRange<Int64>?) async throws
        -> AsyncThrowingStream<[UInt8], any Error>
    func delete(_ digest: BlobDigest, of organization: OrganizationID) async throws
    /// The organizations that have blobs in the store.
    func organizations() async throws -> [OrganizationID]
    /// An organization's blobs and when each was stored.
    func blobs(of organization: OrganizationID) async throws -> [(digest: BlobDigest, storedAt: Date)]
}

extension BlobStore {
    /// A blob's bytes, all of them (for a reader or an attachment; uploads are at most
    /// GESTIO_UPLOAD_MAX_MB).
    public func bytes(_ digest: BlobDigest, of organization: OrganizationID) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in try await read(digest, of: organization, range: nil) { bytes += chunk }
        return bytes
    }
}

/// An upload being written: bytes are appended as they arrive, then finished.
public protocol BlobStaging: Sendable {
    /// Throws `DocumentError.tooLarge` once more than `limit` bytes were written.
    func write(_ bytes: [UInt8]) async throws
    func finish() async throws -> StagedBlob
    /// Deletes what was written (a refused or broken upload).
    func abandon() async
}

public struct StagedBlob: Sendable, Equatable {
    /// The local file holding the bytes.
    public let path: String
    public let digest: BlobDigest
    public let size: Int64
    /// The first bytes, for telling the type.
    public let prefix: [UInt8]

    public init(path: String, digest: BlobDigest, size: Int64, prefix: [UInt8]) {
        self.path = path
        self.digest = digest
        self.size = size
        self.prefix = prefix
    }
}

/// Looks inside a staged ZIP archive: its entries' names, the OpenDocument `mimetype` entry,
/// and whether it expands suspiciously (a ZIP bomb).
public protocol ArchiveInspector: Sendable {
    func inspect(_ staged: StagedBlob) async throws -> ArchiveContents
}

public struct ArchiveContents: Sendable, Equatable {
    public let entries: [String]
    public let mimetype: String?
    public let uncompressedSize: Int64

    public init(entries: [String], mimetype: String?, uncompressedSize: Int64) {
        self.entries = entries
        self.mimetype = mimetype
        self.uncompressedSize = uncompressedSize
    }
}
