import Application
import Foundation
import StorageAdapters
import Testing

/// The blob stores every blob-store contract test runs against: the filesystem always, S3 when
/// `GESTIO_TEST_S3_ENDPOINT` points at an S3-compatible server (CI starts moto's, see
/// scripts/with-s3). Each test gets a store of its own: a fresh folder, or a fresh bucket.
enum TestBlobStore: String, CaseIterable, CustomStringConvertible, Sendable {
    case filesystem
    case s3

    static let s3Endpoint = ProcessInfo.processInfo.environment["GESTIO_TEST_S3_ENDPOINT"].flatMap {
        $0.isEmpty ? nil : $0
    }

    static var enabled: [TestBlobStore] { s3Endpoint == nil ? [.filesystem] : [.filesystem, .s3] }

    var description: String { rawValue }

    /// Settings for a new bucket on the test server (moto takes any keys).
    static func freshS3Settings() throws -> S3Settings {
        guard let endpoint = s3Endpoint else { throw TestSetupError("GESTIO_TEST_S3_ENDPOINT is not set") }
        return S3Settings(
            endpoint: endpoint, bucket: "gestio-test-" + UUID().uuidString.lowercased().prefix(18),
            region: "eu-west-1", accessKeyID: "gestio-test", secretAccessKey: "gestio-test-secret")
    }

    func make(maxUploadBytes: Int64 = 10_000_000) async throws -> (store: any BlobStore, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-blobs-\(UUID())")
        switch self {
        case .filesystem:
            return (try FileBlobStore(root: folder, maxUploadBytes: maxUploadBytes), folder)
        case .s3:
            let store = try S3BlobStore(
                settings: try Self.freshS3Settings(),
                stagingDirectory: folder.appendingPathComponent(".staging"), maxUploadBytes: maxUploadBytes)
            try await store.createBucket()
            try await store.check()
            return (store, folder)
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// For a test that only means something with S3: without `GESTIO_TEST_S3_ENDPOINT` it is
    /// reported as skipped (never as passed), and CI fails on any skipped test.
    static var requiresS3: Self {
        .enabled(if: TestBlobStore.s3Endpoint != nil, "needs an S3-compatible server (GESTIO_TEST_S3_ENDPOINT)")
    }
}
