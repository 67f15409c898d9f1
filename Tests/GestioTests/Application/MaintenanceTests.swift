import Application
import Bootstrap
import Domain
import Foundation
import MailAdapters
import SQLAdapters
import SQLKit
import Testing

@Suite("Maintenance use cases on real databases")
struct MaintenanceTests {
    func admin(_ gestio: Gestio) async throws -> Principal {
        try await gestio.registeredAdmin(organization: "Maintenance")
    }

    @Test(
        "Listing interventions issues the same two statements whatever the page size", arguments: TestDatabase.enabled)
    func boundedStatements(database: TestDatabase) async throws {
        try await database.withGestio { gestio in
            let principal = try await admin(gestio)
            let equipement = try await gestio.maintenance.createEquipement(
                EquipementInput(code: "E1", name: "Pompe"), as: principal)
            for index in 0..<30 {
                _ = try await gestio.maintenance.createIntervention(
                    InterventionInput(title: "Job \(index)", equipementID: equipement.id.rawValue), as: principal)
            }
            var counts: [Int] = []
            for size in [1, 10, 100] {
                let before = gestio.persistence.statements.value
                let page = try await gestio.maintenance.interventions(
                    filter: InterventionFilter(), page: try PageRequest(page: 1, perPage: size), as: principal)
                #expect(page.items.count == min(size, 30))
                counts.append(gestio.persistence.statements.value - before)
            }
            #expect(counts == [2, 2, 2], "statements per list call: \(counts)")
        }
    }

    @Test("The audit log cannot be changed or deleted on PostgreSQL, whoever connects", .requiresPostgres)
    func appendOnlyAuditLog() async throws {
        try await TestDatabase.postgres.withGestio { gestio in
            let principal = try await admin(gestio)
            _ = try await gestio.maintenance.createEquipement(EquipementInput(code: "E1", name: "Pompe"), as: principal)
            for statement: SQLQueryString in [
                "UPDATE audit_log SET action = 'forged'", "DELETE FROM audit_log",
            ] {
                await #expect(throws: (any Error).self) {
                    try await gestio.persistence.withTransaction { db in try await db.raw(statement).run() }
                }
            }
            let log = try await gestio.activity.auditLog(
                filter: AuditFilter(entity: "equipement"), page: try PageRequest(page: 1, perPage: 10), as: principal)
            #expect(log.items.map(\.action) == ["equipement.created"])
        }
    }
}

/// A mailer that always fails, to watch the retries (unit tests only).
struct FailingMailer: Mailer {
    struct Down: Error {}
    func send(_ message: EmailMessage) async throws { throw Down() }
}

@Suite("Mail delivery")
struct MailDeliveryTests {
    @Test(
        "A failed send is retried with backoff, then given up; the notification itself stays",
        arguments: TestDatabase.enabled)
    func retries(database: TestDatabase) async throws {
        let clock = TestClock()
        try await database.withGestio(clock: clock) { gestio in
            let session = try await gestio.identity.register(
                Registration(
                    email: "sam@example.com", password: "correct-horse-battery", name: "Sam",
                    destination: .newOrganization(name: "Maintenance")))
            let principal = Principal(
                userID: session.member.user.id, organizationID: session.member.organizationID, roles: [.admin])
            let equipement = try await gestio.maintenance.createEquipement(
                EquipementInput(code: "E1", name: "Pompe"), as: principal)
            let job = try await gestio.maintenance.createIntervention(
                InterventionInput(title: "Fuite", priority: "urgente", equipementID: equipement.id.rawValue),
                as: principal)
            clock.advance(by: 5 * 3600)
            _ = try await gestio.maintenance.runSLABreachJob()
            let delivery = MailDelivery(persistence: gestio.persistence, mailer: FailingMailer(), clock: clock)
            var attempts = 0
            for expectedWait in [60.0, 120, 240, 480, 960, 1920, 3840] {
                let report = try await delivery.run()
                attempts += 1
                #expect(report.skipped == 1, "attempt \(attempts)")
                #expect(try await delivery.run().skipped == 0, "retried before its time")
                clock.advance(by: expectedWait)
            }
            #expect(try await delivery.run().skipped == 1)  // the 8th attempt gives up
            clock.advance(by: 24 * 3600)
            #expect(try await delivery.run().skipped == 0)
            let notifications = try await gestio.activity.notifications(
                unreadOnly: true, page: try PageRequest(page: 1, perPage: 10), as: principal)
            #expect(notifications.items.map(\.entityID) == [job.intervention.id.description])
        }
    }
}

@Suite("Mail queue")
struct MailQueueTests {
    @Test(
        "An invitation commits even when its email cannot be sent; the job sends it later and forgets the link",
        arguments: TestDatabase.enabled)
    func queuedInvitation(database: TestDatabase) async throws {
        let clock = TestClock()
        // The configured outbox is below a regular file: every send fails.
        let unwritable: (inout GestioConfiguration) -> Void = { $0.mailOutbox = "/dev/null/outbox" }
        try await database.withGestio(clock: clock, configure: unwritable) { gestio in
            let session = try await gestio.identity.register(
                Registration(
                    email: "dora@example.com", password: "correct-horse-battery", name: "Dora",
                    destination: .newOrganization(name: "Taxis Lumière")))
            let principal = Principal(
                userID: session.member.user.id, organizationID: session.member.organizationID, roles: [.admin])
            let invitation = try await gestio.onboarding.inviteUser(
                name: "Eve", email: "eve@example.com", role: nil, as: principal)
            await #expect(throws: ApplicationError.self) {
                _ = try await gestio.onboarding.inviteUser(
                    name: "Dora", email: "dora@example.com", role: nil, as: principal)
            }
            let queued: SQLQueryString = "SELECT id, status, attempts, body FROM mail_queue"
            let rows = try await gestio.persistence.withTransaction { try await $0.raw(queued).all() }
            #expect(rows.count == 1, "the refused invitation queued nothing")
            #expect(try rows.first?.decode(column: "id", as: UUID.self) == invitation.id.rawValue)
            #expect(try rows.first?.decode(column: "attempts", as: Int.self) == 1)
            #expect(try rows.first?.decode(column: "status", as: String.self) == "pending")

            let outbox = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-queue-\(UUID())")
            defer { try? FileManager.default.removeItem(at: outbox) }
            let delivery = MailDelivery(
                persistence: gestio.persistence, mailer: OutboxMailer(directory: outbox), clock: clock)
            #expect(try await delivery.run().notified == 0, "sent again before its backoff")
            clock.advance(by: 60)
            #expect(try await delivery.run().notified == 1)
            #expect(try await delivery.run().notified == 0)
            let files = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
            #expect(files.count == 1)
            let text = try String(contentsOf: outbox.appendingPathComponent(files[0]), encoding: .utf8)
            #expect(text.contains("To: eve@example.com"))
            #expect(text.contains("invitations/accept?token="))
            let sent = try await gestio.persistence.withTransaction { try await $0.raw(queued).all() }
            #expect(try sent.first?.decode(column: "status", as: String.self) == "sent")
            #expect(try sent.first?.decode(column: "body", as: String.self) == "", "the magic link is not kept")
        }
    }
}
