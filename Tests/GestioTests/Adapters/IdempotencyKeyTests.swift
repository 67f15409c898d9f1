import Application
import Bootstrap
import Domain
import Foundation
import Testing

@Suite("Idempotency keys (repository contract)")
struct IdempotencyKeyTests {
    @Test(
        "A key is claimed once, answers its replays, refuses another request, is released on failure and expires in 24 hours",
        arguments: TestDatabase.enabled)
    func lifecycle(_ database: TestDatabase) async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await database.withGestio(clock: clock) { gestio in
            let admin = try await gestio.registeredAdmin()
            let keys = gestio.idempotency
            let answer = StoredAnswer(status: 201, contentType: "application/json", body: #"{"id":"1"}"#)
            #expect(try await keys.claim("k1", fingerprint: "POST /a", as: admin) == .claimed)
            #expect(try await keys.claim("k1", fingerprint: "POST /a", as: admin) == .inProgress)
            try await keys.keep(answer, for: "k1", as: admin)
            #expect(try await keys.claim("k1", fingerprint: "POST /a", as: admin) == .answered(answer))
            #expect(try await keys.claim("k1", fingerprint: "POST /b", as: admin) == .reused)
            // Released after a failure: claimed afresh.
            #expect(try await keys.claim("k2", fingerprint: "POST /a", as: admin) == .claimed)
            try await keys.release("k2", as: admin)
            #expect(try await keys.claim("k2", fingerprint: "POST /b", as: admin) == .claimed)
            // Another user's keys are their own.
            let other = Principal(userID: UserID(UUID()), organizationID: admin.organizationID, roles: [.admin])
            await #expect(throws: (any Error).self, "an unknown user has no keys") {
                try await keys.claim("k1", fingerprint: "POST /b", as: other)
            }
            // A key whose request never answered (its process stopped) is free after the lease.
            #expect(try await keys.claim("k3", fingerprint: "POST /a", as: admin) == .claimed)
            clock.advance(by: IdempotencyService.lease - 1)
            #expect(try await keys.claim("k3", fingerprint: "POST /a", as: admin) == .inProgress)
            clock.advance(by: 2)
            #expect(try await keys.claim("k3", fingerprint: "POST /a", as: admin) == .claimed)
            // …but an answered one stays 24 hours.
            #expect(try await keys.claim("k1", fingerprint: "POST /a", as: admin) == .answered(answer))
            // After 24 hours the answer is forgotten.
            clock.advance(by: IdempotencyService.lifetime + 1)
            #expect(try await keys.claim("k1", fingerprint: "POST /b", as: admin) == .claimed)
            // The purge job forgets old keys without waiting for their user to send another.
            clock.advance(by: IdempotencyService.lifetime + 1)
            #expect(try await gestio.idempotency.runPurgeJob().skipped == 1)
            #expect(try await gestio.idempotency.runPurgeJob().skipped == 0)
            #expect(IdempotencyService.isValid("8c5e2f4a-site-0001"))
            #expect(!IdempotencyService.isValid("bad key"))
            #expect(!IdempotencyService.isValid(""))
            #expect(!IdempotencyService.isValid(String(repeating: "k", count: 256)))
        }
    }
}
