public import Application
import Crypto
public import Domain
public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Blobs on the local filesystem, under `root`: `<organization>/<first two hex digits>/<digest>`.
/// Uploads are staged in `root/.staging` (the same filesystem, so a commit is one atomic
/// `rename`), hashed with SHA-256 as they are written.
public struct FileBlobStore: BlobStore {
    public let root: URL
    let maxUploadBytes: Int64
    static let chunkSize = 64 * 1024

    /// Nothing is created until the first upload: starting Gestio leaves no folder behind.
    public init(root: URL, maxUploadBytes: Int64) throws {
        self.root = root
        self.maxUploadBytes = maxUploadBytes
    }

    var stagingDirectory: URL { root.appendingPathComponent(".staging", isDirectory: true) }

    func path(of digest: BlobDigest, in organization: OrganizationID) -> URL {
        root.appendingPathComponent(organization.description, isDirectory: true)
            .appendingPathComponent(String(digest.hex.prefix(2)), isDirectory: true)
            .appendingPathComponent(digest.hex)
    }

    public func stage() async throws -> any BlobStaging {
        try FileStaging.start(in: stagingDirectory, limit: maxUploadBytes)
    }

    public func commit(_ staged: StagedBlob, to organization: OrganizationID) async throws -> Bool {
        let destination = path(of: staged.digest, in: organization)
        if FileManager.default.fileExists(atPath: destination.path) { return false }
        try FileManager.default.createDirectory(
            at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        // A hard link: the staged file stays until it is discarded, and the blob appears whole
        // at once. Two concurrent commits of the same bytes: the second finds it there.
        guard link(staged.path, destination.path) == 0 || errno == EEXIST else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
        }
        return true
    }

    public func discard(_ staged: StagedBlob) async { FileStaging.discard(staged) }

    public func read(_ digest: BlobDigest, of organization: OrganizationID, range: ClosedRange<Int64>?) async throws
        -> AsyncThrowingStream<[UInt8], any Error>
    {
        let file = path(of: digest, in: organization)
        guard FileManager.default.fileExists(atPath: file.path) else { throw BlobMissing(path: file.path) }
        let start = range?.lowerBound ?? 0
        let length = range.map { $0.upperBound - $0.lowerBound + 1 }
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let handle = try FileHandle(forReadingFrom: file)
                    defer { try? handle.close() }
                    try handle.seek(toOffset: UInt64(start))
                    var remaining = length
                    while remaining.map({ $0 > 0 }) ?? true, !Task.isCancelled {
                        let want = remaining.map { Int(min(Int64(Self.chunkSize), $0)) } ?? Self.chunkSize
                        guard let data = try handle.read(upToCount: want), !data.isEmpty else { break }
                        remaining = remaining.map { $0 - Int64(data.count) }
                        continuation.yield(Array(data))
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public func organizations() async throws -> [OrganizationID] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).compactMap(OrganizationID.init)
    }

    public func blobs(of organization: OrganizationID) async throws -> [(digest: BlobDigest, storedAt: Date)] {
        let directory = root.appendingPathComponent(organization.description, isDirectory: true)
        var found: [(digest: BlobDigest, storedAt: Date)] = []
        for prefix in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] {
            let folder = directory.appendingPathComponent(prefix, isDirectory: true)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                guard let digest = BlobDigest(hex: name) else { continue }
                let attributes = try FileManager.default.attributesOfItem(
                    atPath: folder.appendingPathComponent(name).path)
                found.append((digest, attributes[.modificationDate] as? Date ?? .distantPast))
            }
        }
        return found
    }

    public func delete(_ digest: BlobDigest, of organization: OrganizationID) async throws {
        let file = path(of: digest, in: organization)
        if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
    }
}

/// A blob a version names is not in the store: bytes were lost outside Gestio (a 500, logged).
struct BlobMissing: Error, CustomStringConvertible {
    let path: String
    var description: String { "the blob \(path) is missing from the store" }
}

/// One upload being written to its staging file.
actor FileStaging: BlobStaging {
    let path: URL
    let limit: Int64
    private let handle: FileHandle
    private var hasher = SHA256()
    private var size: Int64 = 0
    private var prefix: [UInt8] = []
    private var pending: [UInt8] = []
    static let prefixSize = 4096
    static let writeSize = 256 * 1024

    /// A new staging file in `directory` (made if need be).
    static func start(in directory: URL, limit: Int64) throws -> FileStaging {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try FileStaging(path: directory.appendingPathComponent(UUID().uuidString), limit: limit)
    }

    /// Removes a finished staging file that will not be kept.
    static func discard(_ staged: StagedBlob) {
        try? FileManager.default.removeItem(atPath: staged.path)
    }

    init(path: URL, limit: Int64) throws {
        guard FileManager.default.createFile(atPath: path.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path.path])
        }
        self.path = path
        self.limit = limit
        self.handle = try FileHandle(forWritingTo: path)
    }

    func write(_ bytes: [UInt8]) async throws {
        size += Int64(bytes.count)
        guard size <= limit else { throw DocumentError.tooLarge(limit: limit) }
        if prefix.count < Self.prefixSize { prefix += bytes.prefix(Self.prefixSize - prefix.count) }
        hasher.update(data: bytes)
        pending += bytes
        if pending.count >= Self.writeSize { try flush() }
    }

    /// Writes what is buffered: the file sees writes of 256 KiB, whatever the chunks were.
    private func flush() throws {
        guard !pending.isEmpty else { return }
        try handle.write(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
    }

    func finish() async throws -> StagedBlob {
        try flush()
        try handle.close()
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        guard let digest = BlobDigest(hex: hex) else { preconditionFailure("SHA-256 gives 64 hex digits") }
        return StagedBlob(path: path.path, digest: digest, size: size, prefix: prefix)
    }

    func abandon() async {
        try? handle.close()
        try? FileManager.default.removeItem(at: path)
    }
}
