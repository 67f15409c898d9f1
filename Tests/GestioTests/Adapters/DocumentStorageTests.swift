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
            let session = try await gestio.identity.register(
                Registration(
                    email: "sam@example.com", password: "correct-horse-battery", name: "Sam",
                    destination: .newOrganization(name: "Tilleuls")))
            let admin = Principal(
                userID: session.member.user.id, organizationID: session.member.organizationID, roles: [.admin])
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
