import Application
import Bootstrap
import Domain
import Foundation
import SQLAdapters
import SecurityAdapters
import Testing

@Suite("Adapters")
struct AdapterTests {
    @Test("Database URLs parse into locations, and bad ones are named")
    func databaseURLs() throws {
        #expect(try DatabaseLocation(url: "sqlite::memory:") == .sqliteMemory)
        #expect(
            try DatabaseLocation(url: "sqlite:///var/lib/gestio.sqlite") == .sqliteFile(path: "/var/lib/gestio.sqlite"))
        #expect(try DatabaseLocation(url: "sqlite://gestio.sqlite") == .sqliteFile(path: "gestio.sqlite"))
        let postgres = try DatabaseLocation(url: "postgres://app:s%40cret@db.local:6543/gestio")
        #expect(
            postgres
                == .postgres(
                    .init(host: "db.local", port: 6543, username: "app", password: "s@cret", database: "gestio")))
        #expect(!postgres.description.contains("cret"))
        #expect(
            try DatabaseLocation(url: "postgres://app@localhost/gestio")
                == .postgres(.init(host: "localhost", port: 5432, username: "app", password: nil, database: "gestio")))
        #expect(
            try DatabaseLocation(url: "postgres://app@db.local/gestio?sslmode=verify-full&sslrootcert=/etc/ca.pem")
                == .postgres(
                    .init(
                        host: "db.local", port: 5432, username: "app", password: nil, database: "gestio",
                        tls: .verifyFull, rootCertificate: "/etc/ca.pem")))
        guard case .postgres(let patient) = try DatabaseLocation(url: "postgres://app@h/db?connect_timeout=90"),
            case .postgres(let hasty) = try DatabaseLocation(url: "postgres://app@h/db")
        else {
            Issue.record("not PostgreSQL")
            return
        }
        #expect(patient.connectTimeout == 90)
        #expect(hasty.connectTimeout == 10)
        for mode in DatabaseLocation.TLSMode.allCases {
            guard case .postgres(let target) = try DatabaseLocation(url: "postgres://app@h/db?sslmode=\(mode.rawValue)")
            else {
                Issue.record("not PostgreSQL")
                continue
            }
            #expect(target.tls == mode)
        }
        for bad in [
            "mysql://x@y/z", "postgres://localhost/db", "postgres://u@localhost", "sqlite://", "nonsense",
            "postgres://u@h/db?sslmode=allow", "postgres://u@h/db?sslmode=", "postgres://u@h/db?sslrootcert=",
            "postgres://u@h/db?ssl=true", "postgres://u@h/db?connect_timeout=0",
            "postgres://u@h/db?connect_timeout=3601", "postgres://u@h/db?connect_timeout=ten",
        ] {
            #expect(throws: DatabaseLocation.InvalidURL.self, "\(bad)") { try DatabaseLocation(url: bad) }
        }
    }

    @Test("An unreachable PostgreSQL server is named with the network's reason")
    func unreachablePostgres() async throws {
        let closedPort = try DatabaseLocation(url: "postgres://gestio@127.0.0.1:1/gestio")
        do {
            _ = try await SQLPersistence.open(closedPort, logger: .quiet)
            Issue.record("opened a database on a closed port")
        } catch let error as DatabaseUnreachable {
            #expect(error.description.contains("gestio at 127.0.0.1:1"))
            #expect(error.reason.lowercased().contains("refused"), "\(error.reason)")
        }
    }

    @Test("A PostgreSQL database that does not exist is named with the server's reason", .requiresPostgres)
    func missingPostgresDatabase() async throws {
        guard case .postgres(var target) = try DatabaseLocation(url: try #require(TestDatabase.postgresAdminURL))
        else {
            Issue.record("GESTIO_TEST_POSTGRES_URL is not a postgres:// URL")
            return
        }
        target.database = "gestio_no_such_database"
        do {
            _ = try await TestDatabase.withPostgresSlot {
                try await SQLPersistence.open(.postgres(target), logger: .quiet)
            }
            Issue.record("opened a database that does not exist")
        } catch let error as DatabaseUnreachable {
            #expect(error.reason == #"database "gestio_no_such_database" does not exist"#)
        }
    }

    @Test("bcrypt hashes verify, and wrong passwords do not")
    func bcrypt() async throws {
        let hasher = BcryptPasswordHasher(cost: 4)
        let hash = try await hasher.hash("correct-horse-battery")
        #expect(hash.hasPrefix("$2"))
        #expect(try await hasher.verify("correct-horse-battery", against: hash))
        #expect(try await hasher.verify("correct-horse-batterz", against: hash) == false)
        await hasher.verifyNothing("anything")
    }

    @Test("JWTs carry the claims, and a token signed with another secret or tampered with is refused")
    func jwt() async throws {
        let issuer = await JWTAccessTokenIssuer(secret: String(repeating: "k", count: 40))
        let claims = AccessClaims(
            userID: UserID(UUID()), organizationID: OrganizationID(UUID()), roles: [.admin, .syndic],
            issuedAt: Date(timeIntervalSince1970: 1_800_000_000), expiresAt: Date(timeIntervalSince1970: 1_800_000_900),
            tokenID: "jti-1", sessionID: TokenFamilyID(UUID()))
        let token = try await issuer.sign(claims)
        #expect(try await issuer.verify(token) == claims)
        let payload = try #require(token.split(separator: ".").dropFirst().first)
        let json = try #require(
            Data(
                base64Encoded: String(payload).padding(
                    toLength: (payload.count + 3) / 4 * 4, withPad: "=", startingAt: 0)))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(Set(object.keys) == ["sub", "org", "roles", "exp", "iat", "jti", "sid"])
        let other = await JWTAccessTokenIssuer(secret: String(repeating: "x", count: 40))
        await #expect(throws: ApplicationError.invalidAccessToken) { try await other.verify(token) }
        await #expect(throws: ApplicationError.invalidAccessToken) { try await issuer.verify(token + "x") }
    }

    @Test("Secret tokens are random and stored as a stable digest")
    func secretTokens() {
        let generator = RandomSecretTokenGenerator()
        let token = generator.makeToken()
        #expect(token.count == 43)
        #expect(token != generator.makeToken())
        #expect(generator.digest(token) == generator.digest(token))
        #expect(generator.digest(token) != token)
    }

    @Test("Configuration reads the environment and names bad keys")
    func configuration() throws {
        let defaults = try GestioConfiguration.fromEnvironment([:])
        #expect(defaults.databaseURL == "sqlite://gestio.sqlite")
        #expect(defaults.port == 8080)
        #expect(defaults.jwtSecret == nil)
        let configured = try GestioConfiguration.fromEnvironment([
            "GESTIO_DATABASE_URL": "postgres://u@h/db", "GESTIO_PORT": "9000", "GESTIO_LOG_LEVEL": "debug",
            "GESTIO_BCRYPT_COST": "10", "GESTIO_JWT_SECRET": String(repeating: "s", count: 32),
        ])
        #expect(configured.databaseURL == "postgres://u@h/db")
        #expect(configured.port == 9000)
        #expect(configured.logLevel == .debug)
        #expect(configured.bcryptCost == 10)
        #expect(throws: GestioConfiguration.Invalid.self) {
            try GestioConfiguration.fromEnvironment(["GESTIO_PORT": "http"])
        }
        #expect(throws: GestioConfiguration.Invalid.self) {
            try GestioConfiguration.fromEnvironment(["GESTIO_JWT_SECRET": "short"])
        }
        #expect(throws: GestioConfiguration.Invalid.self) {
            try GestioConfiguration.fromEnvironment(["GESTIO_BCRYPT_COST": "3"])
        }
    }
}
