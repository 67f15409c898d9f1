import Application
import Bootstrap
import Domain
import Foundation
import SQLAdapters
import SQLKit
import Testing

@Suite("Audit chain")
struct AuditChainTests {
    /// Registers a person (a new organization) who then signs in `count` times: one audit row each.
    static func organization(_ gestio: Gestio, _ email: String, signIns count: Int) async throws -> OrganizationID {
        let session = try await gestio.identity.register(
            Registration(
                email: email, password: "correct-horse-battery", name: "Someone",
                destination: .newOrganization(name: "Org of \(email)")))
        for _ in 0..<count { _ = try await gestio.identity.login(email: email, password: "correct-horse-battery") }
        return session.member.organizationID
    }

    static func sql(_ gestio: Gestio, _ text: String) async throws {
        try await gestio.persistence.withDatabase { db in try await db.raw(SQLQueryString(text)).run() }
    }

    @Test(
        "Sealed rows verify; a row edited or deleted in SQL afterwards is named by gestio audit verify",
        arguments: TestDatabase.enabled)
    func tamperEvidence(_ database: TestDatabase) async throws {
        try await database.withGestio { gestio in
            let edited = try await Self.organization(gestio, "edited@example.com", signIns: 4)
            let deleted = try await Self.organization(gestio, "deleted@example.com", signIns: 4)
            let untouched = try await Self.organization(gestio, "untouched@example.com", signIns: 2)
            #expect(try await gestio.auditChain.verify(edited).first?.waiting == 4, "nothing sealed yet")
            #expect(try await gestio.auditChain.seal() == 10)
            #expect(try await gestio.auditChain.seal() == 0, "sealing twice seals nothing more")
            for report in try await gestio.auditChain.verify() {
                #expect(report.isIntact && report.waiting == 0, "\(report)")
            }
            #expect(try await gestio.auditChain.verify(untouched).first?.sealed == 2)

            if gestio.location.dialect == .postgres {
                // The database itself refuses edits and deletions; an intruder who owns the
                // tables can lift the triggers, which is what the chain is for.
                await #expect(throws: (any Error).self) {
                    try await Self.sql(gestio, "UPDATE audit_log SET action = 'x' WHERE chain_position = 1")
                }
                await #expect(throws: (any Error).self) {
                    try await Self.sql(gestio, "DELETE FROM audit_log WHERE chain_position = 1")
                }
                try await Self.sql(gestio, "ALTER TABLE audit_log DISABLE TRIGGER USER")
            }
            try await gestio.persistence.withDatabase { db in
                try await db.update("audit_log").set("payload_json", to: #"{"session":"forged"}"#)
                    .where("organization_id", .equal, edited.rawValue).where("chain_position", .equal, 3).run()
                try await db.delete(from: "audit_log")
                    .where("organization_id", .equal, deleted.rawValue).where("chain_position", .equal, 2).run()
            }
            let editedReport = try #require(try await gestio.auditChain.verify(edited).first)
            #expect(editedReport.firstBroken?.position == 3)
            #expect(editedReport.firstBroken?.eventID != nil)
            let deletedReport = try #require(try await gestio.auditChain.verify(deleted).first)
            #expect(deletedReport.firstBroken?.position == 2)
            #expect(deletedReport.firstBroken?.reason.contains("missing") == true)
            #expect(try await gestio.auditChain.verify(untouched).first?.isIntact == true, "others stay intact")
        }
    }

    @Test(
        "Rows appended after a seal extend the chain; the time is kept to the millisecond",
        arguments: TestDatabase.enabled)
    func extendsChain(_ database: TestDatabase) async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_795_000_000.123456))
        try await database.withGestio(clock: clock) { gestio in
            let organization = try await Self.organization(gestio, "alice@example.com", signIns: 1)
            #expect(try await gestio.auditChain.seal() == 1)
            clock.advance(by: 0.000_3)
            _ = try await gestio.identity.login(email: "alice@example.com", password: "correct-horse-battery")
            let report = try #require(try await gestio.auditChain.verify(organization).first)
            #expect(report.sealed == 1 && report.waiting == 1)
            #expect(try await gestio.auditChain.seal() == 1)
            let sealed = try #require(try await gestio.auditChain.verify(organization).first)
            #expect(sealed.isIntact && sealed.sealed == 2)
        }
    }

    @Test("Audit payloads of invitations and dispatch clients hold no email or name", arguments: TestDatabase.enabled)
    func noPersonalData(_ database: TestDatabase) async throws {
        try await database.withGestio { gestio in
            let session = try await gestio.identity.register(
                Registration(
                    email: "admin@example.com", password: "correct-horse-battery", name: "Admin",
                    destination: .newOrganization(name: "Taxis Lumière")))
            let admin = Principal(
                userID: session.member.user.id, organizationID: session.member.organizationID, roles: [.admin])
            _ = try await gestio.onboarding.inviteUser(
                name: "Chloé Martin", email: "chloe@example.com", role: "chauffeur", as: admin)
            _ = try await gestio.dispatch.createClient(
                DispatchClientInput(kind: "hotel", name: "Hôtel Royal", email: "resa@royal.example"), as: admin)
            _ = try await gestio.identity.login(email: "admin@example.com", password: "correct-horse-battery")
            try await gestio.persistence.withDatabase { db in
                let rows = try await db.raw("SELECT payload_json FROM audit_log").all(
                    decodingColumn: "payload_json", as: String.self)
                #expect(rows.count == 3, "\(rows)")
                for unwanted in ["@", "Royal", "Chlo"] { #expect(!rows.joined().contains(unwanted), "\(rows)") }
            }
        }
    }
}
