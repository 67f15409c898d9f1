import Foundation
import SQLAdapters
import SQLKit
import Testing

/// TLS to PostgreSQL, against the test server `scripts/with-postgres` starts with a certificate
/// it makes at start, signed by the authority in `GESTIO_TEST_POSTGRES_CA`.
@Suite("PostgreSQL over TLS", .requiresPostgres)
struct PostgresTLSTests {
    /// The admin URL with other query parameters.
    func location(_ query: String, host: String? = nil) throws -> DatabaseLocation {
        let admin = try #require(TestDatabase.postgresAdminURL)
        var url = admin.components(separatedBy: "?")[0] + (query.isEmpty ? "" : "?" + query)
        if let host { url = url.replacingOccurrences(of: "127.0.0.1", with: host) }
        return try DatabaseLocation(url: url)
    }

    var authority: String {
        get throws {
            try #require(
                ProcessInfo.processInfo.environment["GESTIO_TEST_POSTGRES_CA"],
                "scripts/with-postgres exports the test server's certificate authority")
        }
    }

    /// Whether the session the pool hands out is encrypted, as the server sees it.
    func encrypted(_ location: DatabaseLocation) async throws -> Bool {
        let store = try await SQLPersistence.open(location, maxConnections: 1, logger: .quiet)
        do {
            let ssl: Bool? = try await store.withDatabase { db in
                try await db.raw("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                    .first(decodingColumn: "ssl", as: Bool.self)
            }
            await store.shutdown()
            guard let ssl else { throw TestSetupError("pg_stat_ssl has no row for this session") }
            return ssl
        } catch {
            await store.shutdown()
            throw error
        }
    }

    @Test("Each sslmode gives the session it names: clear text, or TLS checked as far as asked")
    func modes() async throws {
        try await TestDatabase.withPostgresSlot { try await checkModes() }
    }

    func checkModes() async throws {
        let ca = try authority
        #expect(try await encrypted(location("sslmode=disable")) == false)
        #expect(try await encrypted(location("")) == true, "prefer, the default, uses TLS when the server offers it")
        #expect(try await encrypted(location("sslmode=require")) == true)
        #expect(try await encrypted(location("sslmode=verify-ca&sslrootcert=\(ca)")) == true)
        #expect(try await encrypted(location("sslmode=verify-full&sslrootcert=\(ca)")) == true)
        #expect(
            try await encrypted(location("sslmode=verify-full&sslrootcert=\(ca)", host: "localhost")) == true,
            "the certificate names localhost too")
    }

    /// The reason the connection was refused.
    func refusal(_ location: DatabaseLocation) async throws -> String {
        do {
            let store = try await SQLPersistence.open(location, logger: .quiet)
            await store.shutdown()
            Issue.record("connected to \(location)")
            return ""
        } catch let error as DatabaseUnreachable {
            return error.reason
        }
    }

    @Test("A certificate that is not trusted, or not issued for the host, is refused before any query")
    func refusals() async throws {
        try await TestDatabase.withPostgresSlot { try await checkRefusals() }
    }

    func checkRefusals() async throws {
        let ca = try authority
        // Not signed by an authority the system trusts.
        for mode in ["verify-full", "verify-ca"] {
            let reason = try await refusal(location("sslmode=\(mode)"))
            #expect(reason.contains("CERTIFICATE_VERIFY_FAILED"), "\(mode): \(reason)")
        }
        // Trusted, but issued for 127.0.0.1 and localhost, not for 127.0.0.2 (the same server listens there).
        let reason = try await refusal(location("sslmode=verify-full&sslrootcert=\(ca)", host: "127.0.0.2"))
        #expect(reason.contains("failedToValidateHostname"), "\(reason)")
        // verify-ca does not check the name.
        #expect(try await encrypted(location("sslmode=verify-ca&sslrootcert=\(ca)", host: "127.0.0.2")) == true)
        // A root certificate that cannot be read is a configuration error.
        await #expect(throws: DatabaseLocation.InvalidURL.self) {
            _ = try await SQLPersistence.open(
                try location("sslmode=verify-full&sslrootcert=/nonexistent/ca.pem"), logger: .quiet)
        }
    }
}
