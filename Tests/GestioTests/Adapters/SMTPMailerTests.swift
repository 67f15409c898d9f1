import Application
import Bootstrap
import Domain
import Foundation
import MailAdapters
import Testing

@Suite("SMTP mailer against a live test server")
struct SMTPMailerTests {
    let message = EmailMessage(
        to: try! Email("marie@example.com"), subject: "Intervention clôturée",
        body: "Bonjour,\n.une ligne qui commence par un point\nFin.")

    /// The default 30 s: under the full suite's load on two cores a reply can wait seconds for a
    /// thread; the timeout itself has its own test.
    func settings(_ server: TestSMTPServer, password: String = "s3cret") -> SMTPSettings {
        SMTPSettings(
            host: "localhost", port: server.port, security: .starttls, username: "mailer", password: password,
            trustedCertificatesFile: server.certificatePEMFile, timeout: .seconds(30))
    }

    @Test("STARTTLS, AUTH, then the message arrives whole, dot-stuffing undone")
    func delivers() async throws {
        let server = try await TestSMTPServer.start()
        defer { Task { await server.stop() } }
        try await SMTPMailer(settings: settings(server), from: "syndic@gestio.example").send(message)
        let received = try #require(server.received.first)
        #expect(server.received.count == 1)
        #expect(received.tls)
        #expect(received.authenticatedAs == "mailer")
        #expect(received.from == "syndic@gestio.example")
        #expect(received.recipients == ["marie@example.com"])
        #expect(received.data.contains("To: marie@example.com\r\n"))
        #expect(
            received.data.contains("Subject: =?UTF-8?B?\(Data("Intervention clôturée".utf8).base64EncodedString())?="))
        #expect(received.data.contains("Message-ID: <"))
        #expect(received.data.hasSuffix("Bonjour,\r\n.une ligne qui commence par un point\r\nFin.\r\n"))
    }

    @Test("Implicit TLS (port 465 style): the conversation is encrypted from the first byte")
    func implicitTLS() async throws {
        var options = TestSMTPServer.Options()
        options.implicitTLS = true
        let server = try await TestSMTPServer.start(options)
        defer { Task { await server.stop() } }
        var tls = settings(server)
        tls.security = .tls
        try await SMTPMailer(settings: tls, from: "a@b.example").send(message)
        #expect(server.received.map(\.tls) == [true])
        // A client expecting STARTTLS on that port times out waiting for a greeting in clear.
        var startTLS = settings(server)
        startTLS.timeout = .milliseconds(300)
        await #expect(throws: SMTPError.timedOut) {
            try await SMTPMailer(settings: startTLS, from: "a@b.example").send(message)
        }
    }

    @Test("AUTH LOGIN is used when the server does not offer PLAIN")
    func login() async throws {
        var options = TestSMTPServer.Options()
        options.mechanisms = "LOGIN"
        let server = try await TestSMTPServer.start(options)
        defer { Task { await server.stop() } }
        try await SMTPMailer(settings: settings(server), from: "a@b.example").send(message)
        #expect(server.received.map(\.authenticatedAs) == ["mailer"])
    }

    @Test("Wrong credentials are refused with the server's answer, and nothing is sent")
    func wrongPassword() async throws {
        let server = try await TestSMTPServer.start()
        defer { Task { await server.stop() } }
        await #expect(throws: SMTPError.rejected(step: "AUTH", code: 535, text: "bad credentials")) {
            try await SMTPMailer(settings: settings(server, password: "wrong"), from: "a@b.example").send(message)
        }
        #expect(server.received.isEmpty)
    }

    @Test("A server certificate that is not trusted stops the conversation before credentials are sent")
    func untrustedCertificate() async throws {
        let server = try await TestSMTPServer.start()
        defer { Task { await server.stop() } }
        var untrusted = settings(server)
        untrusted.trustedCertificatesFile = nil
        await #expect(throws: (any Error).self) {
            try await SMTPMailer(settings: untrusted, from: "a@b.example").send(message)
        }
        #expect(server.received.isEmpty)
    }

    @Test("STARTTLS required but not offered: refused, nothing sent in clear")
    func startTLSMissing() async throws {
        var options = TestSMTPServer.Options()
        options.offerStartTLS = false
        let server = try await TestSMTPServer.start(options)
        defer { Task { await server.stop() } }
        await #expect(throws: SMTPError.startTLSNotOffered) {
            try await SMTPMailer(settings: settings(server), from: "a@b.example").send(message)
        }
        #expect(server.received.isEmpty)
    }

    @Test("Credentials without TLS are refused by the configuration, before any connection")
    func credentialsNeedTLS() throws {
        #expect(throws: SMTPError.credentialsNeedTLS) {
            try SMTPMailer(
                settings: SMTPSettings(host: "localhost", security: .none, username: "u", password: "p"),
                from: "a@b.example")
        }
        #expect(throws: GestioConfiguration.Invalid.self) {
            try GestioConfiguration.fromEnvironment([
                "GESTIO_SMTP_HOST": "localhost", "GESTIO_SMTP_SECURITY": "none", "GESTIO_SMTP_USERNAME": "u",
            ])
        }
        #expect(throws: GestioConfiguration.Invalid.self) {
            try GestioConfiguration.fromEnvironment(["GESTIO_SMTP_HOST": "localhost", "GESTIO_SMTP_SECURITY": "ssl"])
        }
    }

    @Test("Configured from the environment, the mail job sends notifications over SMTP and retries a 451")
    func mailJobOverSMTP() async throws {
        var options = TestSMTPServer.Options()
        options.failFirst = 1
        let server = try await TestSMTPServer.start(options)
        defer { Task { await server.stop() } }
        let environment = [
            "GESTIO_SMTP_HOST": "localhost", "GESTIO_SMTP_PORT": "\(server.port)", "GESTIO_SMTP_USERNAME": "mailer",
            "GESTIO_SMTP_PASSWORD": "s3cret", "GESTIO_SMTP_CA_FILE": server.certificatePEMFile,
            "GESTIO_MAIL_FROM": "noreply@gestio.example",
        ]
        let fromEnvironment = try GestioConfiguration.fromEnvironment(environment)
        #expect(fromEnvironment.smtp?.port == server.port)
        #expect(fromEnvironment.smtp?.security == .starttls)
        let clock = TestClock()
        let database = try #require(TestDatabase.enabled.first)
        let useSMTP: (inout GestioConfiguration) -> Void = {
            $0.smtp = fromEnvironment.smtp
            $0.mailFrom = fromEnvironment.mailFrom
        }
        try await database.withGestio(clock: clock, configure: useSMTP) { gestio in
            let session = try await gestio.identity.register(
                Registration(
                    email: "sam@example.com", password: "correct-horse-battery", name: "Sam",
                    destination: .newOrganization(name: "Maintenance")))
            let principal = Principal(
                userID: session.member.user.id, organizationID: session.member.organizationID, roles: [.admin])
            let equipement = try await gestio.maintenance.createEquipement(
                EquipementInput(code: "E1", name: "Pompe"), as: principal)
            _ = try await gestio.maintenance.createIntervention(
                InterventionInput(title: "Fuite", priority: "urgente", equipementID: equipement.id.rawValue),
                as: principal)
            clock.advance(by: 5 * 3600)
            _ = try await gestio.maintenance.runSLABreachJob()
            #expect(try await gestio.mail.run().skipped == 1)  // 451: kept for later
            #expect(server.received.isEmpty)
            clock.advance(by: 60)
            #expect(try await gestio.mail.run().notified == 1)
            let received = try #require(server.received.first)
            #expect(received.from == "noreply@gestio.example")
            #expect(received.recipients == ["sam@example.com"])
            #expect(try await gestio.mail.run().notified == 0)
        }
    }
}
