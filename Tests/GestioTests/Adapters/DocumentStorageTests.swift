import Application
import Bootstrap
import Domain
import Foundation
import StorageAdapters
import Testing

@Suite("Document storage")
struct DocumentStorageTests {
    @Test(
        "The purge removes bytes no row counts once they are an hour old, and never the bytes a version names",
        arguments: TestDatabase.enabled)
    func straySweep(_ database: TestDatabase) async throws {
        let clock = TestClock(Date())
        try await database.withGestio(clock: clock) { gestio in
            let admin = try await gestio.registeredAdmin()
            let store = try FileBlobStore(
                root: URL(fileURLWithPath: gestio.configuration.documentsDirectory), maxUploadBytes: 1_000_000)
            func stage(_ text: String) async throws -> StagedBlob {
                let staging = try await store.stage()
                try await staging.write(TestFiles.pdf(saying: text))
                return try await staging.finish()
            }
            // Kept: a document's version names it.
            let kept = try await stage("Contrat")
            _ = try await gestio.documents.create(
                NewDocument(title: "Contrat"), upload: Upload(staged: kept, fileName: "contrat.pdf", declaredType: nil),
                as: admin)
            // Strays: committed to the store, no row counts them (a transaction that failed after).
            let old = try await stage("Vieux")
            let fresh = try await stage("Récent")
            for stray in [old, fresh] {
                _ = try await store.commit(stray, to: admin.organizationID)
                await store.discard(stray)
            }
            let file = store.root.appendingPathComponent(admin.organizationID.description)
                .appendingPathComponent(String(old.digest.hex.prefix(2))).appendingPathComponent(old.digest.hex)
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: file.path)

            _ = try await gestio.documents.purge()
            let left = Set(try await store.blobs(of: admin.organizationID).map(\.digest))
            #expect(
                left == [kept.digest, fresh.digest], "the old stray is gone; the fresh one may still be committing")
        }
    }
}

@Suite("Document reading queue")
struct DocumentReadingQueueTests {
    @Test(
        "A version is claimed once; a lease that runs out is taken over; a finished one can be queued again",
        arguments: TestDatabase.enabled)
    func leases(_ database: TestDatabase) async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        let readerOff: (inout GestioConfiguration) -> Void = { $0.ocrWorkers = 0 }
        try await database.withGestio(clock: clock, configure: readerOff) { gestio in
            let admin = try await gestio.registeredAdmin()
            let staging = try await gestio.documents.stage()
            try await staging.write(TestFiles.pdf(saying: "Facture"))
            let document = try await gestio.documents.create(
                NewDocument(title: "Facture"),
                upload: Upload(staged: try await staging.finish(), fileName: "facture.pdf", declaredType: nil),
                as: admin
            ).document.id
            let persistence = gestio.persistence
            @Sendable func queue() async throws -> Bool {
                try await persistence.write { (repos: any Repositories) in
                    try await repos.documentTexts.queue(
                        document, version: 1, organization: admin.organizationID, at: clock.now())
                }
            }
            @Sendable func claim() async throws -> [DocumentText] {
                let now = clock.now()
                return try await persistence.write { (repos: any Repositories) in
                    try await repos.documentTexts.claim(dueAt: now, leaseUntil: now.addingTimeInterval(300), limit: 5)
                }
            }
            #expect(try await queue() == true)
            #expect(try await queue() == false, "already pending")
            let first = try await claim()
            #expect(first.map(\.status) == [.running])
            #expect(first.first?.attempts == 1)
            #expect(try await claim().isEmpty, "leased to the first reader")
            #expect(try await queue() == false, "being read")
            // The reader stopped; its lease runs out and another takes the version over.
            clock.advance(by: 301)
            let second = try await claim()
            #expect(second.map(\.documentID) == [document])
            #expect(second.first?.attempts == 2)
            var read = try #require(second.first)
            read.status = .done
            read.text = "Facture"
            let done = read
            try await persistence.write { (repos: any Repositories) in
                try await repos.documentTexts.save(done, leaseUntil: nil)
            }
            clock.advance(by: 3600)
            #expect(try await claim().isEmpty, "a finished reading is not claimed")
            #expect(try await queue() == true, "read again on request")
            #expect(try await claim().map(\.status) == [.running])
        }
    }
}
