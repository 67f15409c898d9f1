import Application
import Bootstrap
import Crypto
import Domain
import Foundation
import StorageAdapters
import Testing

/// What every blob store does, on the filesystem and in an S3 bucket alike.
@Suite("Blob store contract")
struct BlobStoreContractTests {
    static func stage(_ bytes: [UInt8], in store: any BlobStore) async throws -> StagedBlob {
        let staging = try await store.stage()
        // Written in uneven pieces, as a multipart body arrives.
        var offset = 0
        var piece = 1000
        while offset < bytes.count {
            let end = min(bytes.count, offset + piece)
            try await staging.write(Array(bytes[offset..<end]))
            offset = end
            piece = piece * 3 % 70_001 + 1
        }
        return try await staging.finish()
    }

    static func read(
        _ digest: BlobDigest, of organization: OrganizationID, range: ClosedRange<Int64>? = nil,
        from store: any BlobStore
    ) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in try await store.read(digest, of: organization, range: range) { bytes += chunk }
        return bytes
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    @Test(
        "A committed blob reads back whole and by range, named by its SHA-256; the same bytes again store nothing new",
        arguments: TestBlobStore.enabled)
    func roundTrip(_ kind: TestBlobStore) async throws {
        let (store, folder) = try await kind.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let organization = OrganizationID(UUID())
        // Three megabytes: more than one chunk each way.
        let bytes = Self.randomBytes(3_000_123)
        let staged = try await Self.stage(bytes, in: store)
        #expect(staged.size == Int64(bytes.count))
        #expect(staged.digest.hex == SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
        #expect(staged.prefix == Array(bytes.prefix(4096)))

        #expect(try await store.commit(staged, to: organization) == true)
        #expect(try await store.commit(staged, to: organization) == false, "already there")
        await store.discard(staged)
        #expect(!FileManager.default.fileExists(atPath: staged.path), "the staged file is gone")

        #expect(try await Self.read(staged.digest, of: organization, from: store) == bytes)
        let middle: ClosedRange<Int64> = 65_530...1_048_600
        #expect(
            try await Self.read(staged.digest, of: organization, range: middle, from: store)
                == Array(bytes[65_530...1_048_600]))
        #expect(try await Self.read(staged.digest, of: organization, range: 0...0, from: store) == [bytes[0]])
        let last = Int64(bytes.count - 1)
        #expect(
            try await Self.read(staged.digest, of: organization, range: (last - 9)...last, from: store)
                == Array(bytes.suffix(10)))
        #expect(try await store.bytes(staged.digest, of: organization) == bytes)
    }

    @Test(
        "Organizations never share a blob: the same bytes are stored once per organization, and deleting one leaves the other",
        arguments: TestBlobStore.enabled)
    func perOrganization(_ kind: TestBlobStore) async throws {
        let (store, folder) = try await kind.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tilleuls = OrganizationID(UUID())
        let marronniers = OrganizationID(UUID())
        let bytes = Array("Procès-verbal de l'assemblée générale".utf8)
        let staged = try await Self.stage(bytes, in: store)
        #expect(try await store.commit(staged, to: tilleuls) == true)
        #expect(try await store.commit(staged, to: marronniers) == true, "a blob of its own")
        await store.discard(staged)
        #expect(Set(try await store.organizations()) == [tilleuls, marronniers])

        try await store.delete(staged.digest, of: tilleuls)
        await #expect(throws: (any Error).self) { try await Self.read(staged.digest, of: tilleuls, from: store) }
        #expect(try await Self.read(staged.digest, of: marronniers, from: store) == bytes)
        #expect(try await store.blobs(of: tilleuls).isEmpty)
        // Deleting what is not there is not an error: the purge may run twice.
        try await store.delete(staged.digest, of: tilleuls)
    }

    @Test(
        "The store lists an organization's blobs with when each was stored, for the purge of strays",
        arguments: TestBlobStore.enabled)
    func listing(_ kind: TestBlobStore) async throws {
        let (store, folder) = try await kind.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let organization = OrganizationID(UUID())
        let before = Date().addingTimeInterval(-5)
        var digests: Set<BlobDigest> = []
        for index in 0..<5 {
            let staged = try await Self.stage(Array("Facture n° \(index)".utf8), in: store)
            _ = try await store.commit(staged, to: organization)
            await store.discard(staged)
            digests.insert(staged.digest)
        }
        let listed = try await store.blobs(of: organization)
        #expect(Set(listed.map(\.digest)) == digests)
        for blob in listed {
            #expect(blob.storedAt >= before && blob.storedAt <= Date().addingTimeInterval(5), "stored just now")
        }
        #expect(try await store.blobs(of: OrganizationID(UUID())).isEmpty)
    }

    @Test("A blob that is not there fails the read; it never reads as empty", arguments: TestBlobStore.enabled)
    func missing(_ kind: TestBlobStore) async throws {
        let (store, folder) = try await kind.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nowhere = try #require(BlobDigest(hex: String(repeating: "ab", count: 32)))
        await #expect(throws: (any Error).self) {
            try await Self.read(nowhere, of: OrganizationID(UUID()), from: store)
        }
    }

    @Test(
        "An upload beyond the maximum is refused while it is written, and abandoning it leaves nothing",
        arguments: TestBlobStore.enabled)
    func tooLarge(_ kind: TestBlobStore) async throws {
        let (store, folder) = try await kind.make(maxUploadBytes: 100_000)
        defer { try? FileManager.default.removeItem(at: folder) }
        let staging = try await store.stage()
        try await staging.write(Array(repeating: 7, count: 60_000))
        await #expect(throws: DocumentError.tooLarge(limit: 100_000)) {
            try await staging.write(Array(repeating: 7, count: 60_000))
        }
        await staging.abandon()
        let staged =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(".staging").path))
        #expect(staged ?? [] == [], "no staged file left behind")
    }
}

@Suite("S3 blob store")
struct S3BlobStoreTests {
    /// The worked example of AWS's documentation ("Signature Calculations for the Authorization
    /// Header", GET Object): these inputs must sign to this exact signature.
    @Test("Requests are signed as AWS's own worked example says (Signature Version 4)")
    func signatureExample() {
        let signer = SignatureV4(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            region: "us-east-1")
        let headers = signer.sign(
            method: "GET", path: "/test.txt", query: [],
            headers: [(name: "Host", value: "examplebucket.s3.amazonaws.com"), (name: "Range", value: "bytes=0-9")],
            payloadHash: SignatureV4.emptyPayloadHash, at: Date(timeIntervalSince1970: 1_369_353_600))
        #expect(headers.first { $0.name == "x-amz-date" }?.value == "20130524T000000Z")
        #expect(
            headers.first { $0.name == "Authorization" }?.value
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test("Query parameters are signed sorted and percent-encoded, as AWS's ListObjects example says")
    func signatureListExample() {
        let signer = SignatureV4(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            region: "us-east-1")
        let headers = signer.sign(
            method: "GET", path: "/", query: [(name: "prefix", value: "J"), (name: "max-keys", value: "2")],
            headers: [(name: "Host", value: "examplebucket.s3.amazonaws.com")],
            payloadHash: SignatureV4.emptyPayloadHash, at: Date(timeIntervalSince1970: 1_369_353_600))
        #expect(
            headers.first { $0.name == "Authorization" }?.value.hasSuffix(
                "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7") == true)
    }

    @Test("The bucket, endpoint, region and keys come from GESTIO_S3_*; a bad or missing one stops the start")
    func configuration() throws {
        let keys = ["GESTIO_S3_ACCESS_KEY_ID": "AKIA1", "GESTIO_S3_SECRET_ACCESS_KEY": "s3cr3t"]
        #expect(try GestioConfiguration.fromEnvironment([:]).s3 == nil, "on disk unless a bucket is named")
        let aws = try GestioConfiguration.fromEnvironment(
            keys.merging(["GESTIO_S3_BUCKET": "gestio-docs", "GESTIO_S3_REGION": "eu-west-3"]) { $1 })
        #expect(
            aws.s3
                == S3Settings(
                    endpoint: "https://s3.eu-west-3.amazonaws.com", bucket: "gestio-docs", region: "eu-west-3",
                    accessKeyID: "AKIA1", secretAccessKey: "s3cr3t"))
        let minio = try GestioConfiguration.fromEnvironment(
            keys.merging(["GESTIO_S3_BUCKET": "docs", "GESTIO_S3_ENDPOINT": "http://127.0.0.1:9000/"]) { $1 })
        #expect(minio.s3?.endpoint == "http://127.0.0.1:9000")
        #expect(minio.s3?.region == "us-east-1")
        for bad in [
            ["GESTIO_S3_BUCKET": "Docs_Gestio"], ["GESTIO_S3_BUCKET": "docs", "GESTIO_S3_ENDPOINT": "s3.example.com"],
            ["GESTIO_S3_BUCKET": "docs", "GESTIO_S3_ENDPOINT": "https://s3.example.com/docs"],
            ["GESTIO_S3_BUCKET": "docs", "GESTIO_S3_REGION": "eu west"],
        ] {
            #expect(throws: GestioConfiguration.Invalid.self, "\(bad)") {
                try GestioConfiguration.fromEnvironment(keys.merging(bad) { $1 })
            }
        }
        #expect(throws: GestioConfiguration.Invalid.self, "a bucket needs its keys") {
            try GestioConfiguration.fromEnvironment(["GESTIO_S3_BUCKET": "docs"])
        }
    }

    @Test("An endpoint that does not answer is a clear error naming it")
    func unreachable() async throws {
        let store = try S3BlobStore(
            settings: S3Settings(
                endpoint: "http://127.0.0.1:9", bucket: "gestio", region: "eu-west-1", accessKeyID: "k",
                secretAccessKey: "s"),
            stagingDirectory: FileManager.default.temporaryDirectory, maxUploadBytes: 1000,
            requestTimeout: .seconds(1))
        await #expect {
            try await store.check()
        } throws: { error in
            String(describing: error).contains("http://127.0.0.1:9 cannot be reached")
        }
    }

    @Test("An endpoint with a path, or not http(s), is refused before any request")
    func badEndpoint() {
        for endpoint in ["ftp://example.com", "https://example.com/bucket", "example.com"] {
            #expect(throws: S3Error.badEndpoint(endpoint)) {
                try S3BlobStore(
                    settings: S3Settings(
                        endpoint: endpoint, bucket: "gestio", region: "eu-west-1", accessKeyID: "k",
                        secretAccessKey: "s"),
                    stagingDirectory: FileManager.default.temporaryDirectory, maxUploadBytes: 1000)
            }
        }
    }

    @Test("A bucket that does not exist stops the check with the store's own answer", .requiresS3)
    func missingBucket() async throws {
        let store = try S3BlobStore(
            settings: try TestBlobStore.freshS3Settings(), stagingDirectory: FileManager.default.temporaryDirectory,
            maxUploadBytes: 1000)
        await #expect {
            try await store.check()
        } throws: { error in
            guard case .refused(_, let status, _, _) = error as? S3Error else { return false }
            return status == 404
        }
    }
}
