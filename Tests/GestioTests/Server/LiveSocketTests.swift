import Application
import Bootstrap
import Domain
import Foundation
import HTTPServer
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import ServiceLifecycle
import Synchronization
import Testing
import WSClient

/// A Gestio HTTP server on a free loopback port, WebSockets included, for the length of `body`.
func withLiveServer<T: Sendable>(_ gestio: Gestio, _ body: (Int) async throws -> T) async throws -> T {
    try await withLiveServer(router: gestio.router(), webSockets: gestio.liveRouter(), body)
}

/// Any router on a free loopback port, stopped gracefully after `body`.
func withLiveServer<T: Sendable, Context: RequestContext>(
    router: Router<Context>, webSockets: Router<LiveSocketContext>? = nil, _ body: (Int) async throws -> T
) async throws -> T where Context.Source == ApplicationRequestContextSource {
    let (ports, portSignal) = AsyncStream<Int>.makeStream()
    let onServerRunning: @Sendable (any Channel) async -> Void = { channel in
        portSignal.yield(channel.localAddress?.port ?? 0)
        portSignal.finish()
    }
    let configuration = ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0))
    let app: any Service =
        if let webSockets {
            Application(
                router: router, server: .http1WebSocketUpgrade(webSocketRouter: webSockets),
                configuration: configuration, onServerRunning: onServerRunning, logger: .quiet)
        } else {
            Application(router: router, configuration: configuration, onServerRunning: onServerRunning, logger: .quiet)
        }
    // Graceful shutdown is bounded, then escalated to cancellation (and a cancellation that does
    // not end to a crash): a stuck connection fails the run at once instead of hanging it.
    var group = ServiceGroupConfiguration(services: [.init(service: app)], gracefulShutdownSignals: [], logger: .quiet)
    group.maximumGracefulShutdownDuration = .seconds(20)
    group.maximumCancellationDuration = .seconds(20)
    let services = ServiceGroup(configuration: group)
    // A server that stops before it runs (a failed bind) ends the wait for its port too.
    let server = Task {
        defer { portSignal.finish() }
        try await services.run()
    }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else {
        _ = try? await server.value
        throw TestSetupError("the server did not start")
    }
    do {
        let result = try await body(port)
        await services.triggerGracefulShutdown()
        try await server.value
        return result
    } catch {
        await services.triggerGracefulShutdown()
        _ = try? await server.value
        throw error
    }
}

/// A WebSocket client that keeps every text message it receives.
final class SocketProbe: Sendable {
    private final class State: Sendable {
        let received = Mutex<[String]>([])
        let closeCode = Mutex<WebSocketErrorCode?>(nil)
        let closeReason = Mutex<String?>(nil)
        /// How the connection ended, once it has: what a wait that cannot be met any more reports.
        let ended = Mutex<String?>(nil)
    }

    private let state = State()
    private let task: Task<Void, any Error>

    var messages: [String] { state.received.withLock { $0 } }
    var events: [[String: Any]] {
        messages.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["type"] as? String != "ready" }
    }
    var closedWith: WebSocketErrorCode? { state.closeCode.withLock { $0 } }
    var closeReason: String? { state.closeReason.withLock { $0 } }

    init(port: Int, path: String, token: String, viaProtocol: Bool = false) {
        let state = state
        var configuration = WebSocketClientConfiguration()
        if viaProtocol { configuration.additionalHeaders = [.secWebSocketProtocol: "bearer, \(token)"] }
        let url = viaProtocol ? "ws://127.0.0.1:\(port)\(path)" : "ws://127.0.0.1:\(port)\(path)?token=\(token)"
        task = Task {
            do {
                let frame = try await WebSocketClient.connect(url: url, configuration: configuration, logger: .quiet) {
                    inbound, _, _ in
                    for try await message in inbound.messages(maxSize: 1 << 16) {
                        if case .text(let text) = message { state.received.withLock { $0.append(text) } }
                    }
                }
                state.closeReason.withLock { $0 = frame?.reason }
                state.closeCode.withLock { $0 = frame?.closeCode }
                state.ended.withLock { $0 = frame == nil ? "the connection ended without a close frame" : "closed" }
            } catch {
                state.ended.withLock { $0 = "the connection failed: \(error)" }
                throw error
            }
        }
    }

    /// Waits (at most `timeout`) until `condition` holds.
    func wait(
        for what: String, timeout: Duration = .seconds(60), _ condition: @escaping (SocketProbe) -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition(self) {
            // Once the connection is over nothing more can come: say how it ended, at once.
            if let ended = state.ended.withLock({ $0 }), !condition(self) {
                throw TestSetupError("waiting for \(what): \(ended)")
            }
            guard ContinuousClock.now < deadline else { throw TestSetupError("timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Connected and subscribed (a loaded machine may take a while to accept the upgrade).
    func ready() async throws { try await wait(for: "ready", timeout: .seconds(60)) { !$0.messages.isEmpty } }

    func close() { task.cancel() }
}

/// People of a taxi company, made through the use cases.
struct TaxiCompany {
    let admin: Principal
    let adminToken: String
    let dispatcherToken: String
    let chloe: (principal: Principal, token: String)
    let charles: (principal: Principal, token: String)
    let taxi: Taxi

    static func make(_ gestio: Gestio) async throws -> TaxiCompany {
        let dora = try await gestio.identity.register(
            Registration(
                email: "dora@example.com", password: "correct-horse-battery", name: "Dora",
                destination: .newOrganization(name: "Taxis Lumière")))
        let admin = Principal(
            userID: dora.member.user.id, organizationID: dora.member.organizationID, roles: [.admin])
        func join(_ name: String, as role: String) async throws -> (principal: Principal, token: String) {
            let invitation = try await gestio.identity.invite(
                email: "\(name)@example.com", role: role, to: admin.organizationID, as: admin)
            let session = try await gestio.identity.register(
                Registration(
                    email: "\(name)@example.com", password: "correct-horse-battery", name: name,
                    destination: .invitation(token: invitation.token)))
            return (
                Principal(
                    userID: session.member.user.id, organizationID: admin.organizationID,
                    roles: session.member.roles),
                session.accessToken
            )
        }
        let dan = try await join("dan", as: "dispatcher")
        let chloe = try await join("chloe", as: "chauffeur")
        let charles = try await join("charles", as: "chauffeur")
        let taxi = try await gestio.dispatch.createTaxi(
            TaxiInput(numero: "T1", plate: "1ABC123", driverID: chloe.principal.userID.rawValue), as: admin)
        return TaxiCompany(
            admin: admin, adminToken: dora.accessToken, dispatcherToken: dan.token, chloe: chloe, charles: charles,
            taxi: taxi)
    }

    func ride(at hour: Int, _ gestio: Gestio) async throws -> Commande {
        try await gestio.dispatch.createCommande(
            CommandeInput(
                pickup: "Gare centrale", destination: "Aéroport",
                pickupAt: Date(timeIntervalSince1970: 1_795_000_000 + Double(hour) * 3600)),
            as: admin)
    }
}

@Suite("WebSockets against a live server")
struct LiveSocketTests {
    @Test(
        "A planning change reaches other dispatchers and the offered driver, never an unrelated driver",
        arguments: TestDatabase.enabled)
    func fanOut(database: TestDatabase) async throws {
        try await database.withGestio { gestio in
            let company = try await TaxiCompany.make(gestio)
            let ride = try await company.ride(at: 30, gestio)
            try await withLiveServer(gestio) { port in
                let planning = SocketProbe(port: port, path: "/ws/planning", token: company.dispatcherToken)
                let notifications = SocketProbe(
                    port: port, path: "/ws/notifications", token: company.dispatcherToken, viaProtocol: true)
                let chloe = SocketProbe(port: port, path: "/ws/demandes", token: company.chloe.token)
                let charles = SocketProbe(port: port, path: "/ws/demandes", token: company.charles.token)
                let probes = [planning, notifications, chloe, charles]
                defer { for probe in probes { probe.close() } }
                for probe in probes { try await probe.ready() }

                // Another dispatcher (the admin) drags the ride onto Chloé's taxi.
                _ = try await gestio.dispatch.updateCommande(
                    ride.id, CommandeInput(taxiID: company.taxi.id.rawValue), as: company.admin)
                try await planning.wait(for: "the planning event") { !$0.events.isEmpty }
                try await chloe.wait(for: "the offer") { !$0.events.isEmpty }
                #expect(planning.events.first?["type"] as? String == "commande.updated")
                #expect(
                    (planning.events.first?["data"] as? [String: String])?["taxi_id"] == company.taxi.id.description)
                #expect(chloe.events.first?["type"] as? String == "demande.created")
                #expect((chloe.events.first?["data"] as? [String: String])?["commande_id"] == ride.id.description)

                // Chloé refuses: dispatchers hear it on /ws/notifications.
                let offer = try #require(try await gestio.dispatch.myDemandes(as: company.chloe.principal).first)
                _ = try await gestio.dispatch.refuseDemande(
                    offer.demande.id, reason: "Trop loin", as: company.chloe.principal)
                try await notifications.wait(for: "the refusal") { !$0.events.isEmpty }
                #expect(notifications.events.first?["type"] as? String == "demande.refused")
                #expect((notifications.events.first?["data"] as? [String: String])?["reason"] == "Trop loin")

                try await Task.sleep(for: .milliseconds(200))
                #expect(charles.events.isEmpty, "an unrelated driver received \(charles.messages)")
            }
        }
    }

    @Test(
        "The notifications socket tells a member what is addressed to them (a document read), and dispatch news only to dispatchers",
        arguments: TestDatabase.enabled)
    func personalNotifications(database: TestDatabase) async throws {
        try await database.withGestio { gestio in
            let company = try await TaxiCompany.make(gestio)
            let ride = try await company.ride(at: 30, gestio)
            try await withLiveServer(gestio) { port in
                let admin = SocketProbe(port: port, path: "/ws/notifications", token: company.adminToken)
                let chloe = SocketProbe(port: port, path: "/ws/notifications", token: company.chloe.token)
                defer { for probe in [admin, chloe] { probe.close() } }
                for probe in [admin, chloe] { try await probe.ready() }

                // The admin uploads an invoice; once its text is read, the admin's socket says so.
                let staging = try await gestio.documents.stage()
                try await staging.write(try InvoiceFixture.all()[0].pdf())
                let upload = Upload(staged: try await staging.finish(), fileName: "facture.pdf", declaredType: nil)
                let view = try await gestio.documents.create(NewDocument(), upload: upload, as: company.admin)
                try await admin.wait(for: "the document read", timeout: .seconds(120)) { probe in
                    probe.events.contains { $0["type"] as? String == "document.read" }
                }
                let read = try #require(admin.events.first { $0["type"] as? String == "document.read" })
                #expect((read["data"] as? [String: String])?["document_id"] == view.document.id.description)

                // A refusal is dispatch news: Chloé, a driver, is not told on this socket.
                _ = try await gestio.dispatch.updateCommande(
                    ride.id, CommandeInput(taxiID: company.taxi.id.rawValue), as: company.admin)
                let offer = try #require(try await gestio.dispatch.myDemandes(as: company.chloe.principal).first)
                _ = try await gestio.dispatch.refuseDemande(
                    offer.demande.id, reason: "Trop loin", as: company.chloe.principal)
                try await admin.wait(for: "the refusal") { probe in
                    probe.events.contains { $0["type"] as? String == "demande.refused" }
                }
                try await Task.sleep(for: .milliseconds(200))
                #expect(chloe.events.isEmpty, "a driver heard dispatch news: \(chloe.messages)")
            }
        }
    }

    @Test(
        "A refused socket is told why over the socket: 4401 without a valid token, 4403 without the role",
        arguments: TestDatabase.enabled)
    func refusedUpgrades(database: TestDatabase) async throws {
        try await database.withGestio { gestio in
            let company = try await TaxiCompany.make(gestio)
            try await withLiveServer(gestio) { port in
                for (path, token, code, reason) in [
                    ("/ws/planning", "not-a-token", 4401, "invalid_token"), ("/ws/planning", "", 4401, "missing_token"),
                    ("/ws/planning", company.chloe.token, 4403, "forbidden"),
                    ("/ws/demandes", company.dispatcherToken, 4403, "forbidden"),
                ] {
                    let probe = SocketProbe(port: port, path: path, token: token)
                    defer { probe.close() }
                    try await probe.wait(for: "the refusal of \(path)") { $0.closedWith != nil }
                    #expect(probe.closedWith == .unknown(UInt16(code)), "\(path) with \(token.prefix(8))")
                    #expect(probe.closeReason == reason)
                    #expect(probe.messages.isEmpty, "a refused socket received \(probe.messages)")
                }
            }
        }
    }

    @Test(
        "A project's chat is heard by its members; one taken off the project is closed with 4403, the others stay",
        arguments: TestDatabase.enabled)
    func projectChat(database: TestDatabase) async throws {
        try await database.withGestio { gestio in
            let owner = try await gestio.identity.register(
                Registration(
                    email: "marc@example.com", password: "correct-horse-battery", name: "Marc",
                    destination: .newOrganization(name: "BTP Martin")))
            let admin = Principal(
                userID: owner.member.user.id, organizationID: owner.member.organizationID, roles: [.admin])
            var members: [(principal: Principal, token: String)] = []
            for name in ["arno", "eva"] {
                let invitation = try await gestio.identity.invite(
                    email: "\(name)@example.com", role: name == "arno" ? "architecte" : "entreprise_generale",
                    to: admin.organizationID, as: admin)
                let session = try await gestio.identity.register(
                    Registration(
                        email: "\(name)@example.com", password: "correct-horse-battery", name: name.capitalized,
                        destination: .invitation(token: invitation.token)))
                members.append(
                    (
                        Principal(
                            userID: session.member.user.id, organizationID: admin.organizationID,
                            roles: session.member.roles), session.accessToken
                    ))
            }
            let project = try await gestio.construction.projects.create(
                ProjectInput(name: "Maison Dupont", reference: "CH-1", clientName: "Famille Dupont"), as: admin)
            let id = project.project.id
            for (member, role) in zip(members, ["architecte", "entreprise_generale"]) {
                _ = try await gestio.construction.projects.addMember(
                    member.principal.userID.rawValue, role: role, tradeIDs: [], to: id, as: admin)
            }
            try await withLiveServer(gestio) { port in
                let arno = SocketProbe(port: port, path: "/ws/projects/\(id)", token: members[0].token)
                let eva = SocketProbe(port: port, path: "/ws/projects/\(id)", token: members[1].token)
                let unknown = SocketProbe(port: port, path: "/ws/projects/\(UUID())", token: members[1].token)
                defer { for probe in [arno, eva, unknown] { probe.close() } }
                try await arno.ready()
                try await eva.ready()
                try await unknown.wait(for: "the refusal") { $0.closedWith != nil }
                #expect(unknown.closedWith == .unknown(4404))
                #expect(unknown.closeReason == "not_found")

                _ = try await gestio.construction.chat.post(
                    MessageInput(body: "Réunion lundi 8h"), to: id, as: members[1].principal)
                try await arno.wait(for: "the message") { !$0.events.isEmpty }
                #expect(arno.events.first?["type"] as? String == "message.posted")
                #expect((arno.events.first?["data"] as? [String: String])?["body"] == "Réunion lundi 8h")

                try await gestio.construction.projects.removeMember(members[0].principal.userID, from: id, as: admin)
                try await arno.wait(for: "the close") { $0.closedWith != nil }
                #expect(arno.closedWith == .unknown(4403))
                #expect(arno.closeReason == "removed_from_project")
                // Eva stays, and hears what follows.
                _ = try await gestio.construction.chat.post(
                    MessageInput(body: "Arno ne suit plus le chantier"), to: id, as: admin)
                try await eva.wait(for: "the second message") { $0.events.count >= 2 }
                #expect(eva.events.map { $0["type"] as? String } == ["message.posted", "message.posted"])
                #expect(eva.closedWith == nil)
            }
        }
    }

    @Test("The socket closes with 4401 when its token expires")
    func expiry() async throws {
        let database = try #require(TestDatabase.enabled.first)
        let shortTokens: (inout GestioConfiguration) -> Void = { $0.accessTokenLifetime = 1 }
        try await database.withGestio(configure: shortTokens) { gestio in
            let company = try await TaxiCompany.make(gestio)
            try await withLiveServer(gestio) { port in
                let probe = SocketProbe(port: port, path: "/ws/planning", token: company.dispatcherToken)
                defer { probe.close() }
                try await probe.ready()
                try await probe.wait(for: "the close", timeout: .seconds(20)) { $0.closedWith != nil }
                #expect(probe.closedWith == .unknown(4401))
                #expect(probe.closeReason == "token_expired")
            }
        }
    }

    @Test(
        "Logging out closes that session's sockets only; leaving the company closes them all",
        arguments: TestDatabase.enabled)
    func sessionsClose(database: TestDatabase) async throws {
        try await database.withGestio { gestio in
            let company = try await TaxiCompany.make(gestio)
            let phone = try await gestio.identity.login(email: "chloe@example.com", password: "correct-horse-battery")
                .session()
            let ride = try await company.ride(at: 30, gestio)
            try await withLiveServer(gestio) { port in
                let tablet = SocketProbe(port: port, path: "/ws/demandes", token: company.chloe.token)
                let onPhone = SocketProbe(port: port, path: "/ws/demandes", token: phone.accessToken)
                let dispatcher = SocketProbe(port: port, path: "/ws/planning", token: company.dispatcherToken)
                let probes = [tablet, onPhone, dispatcher]
                defer { for probe in probes { probe.close() } }
                for probe in probes { try await probe.ready() }

                try await gestio.identity.logout(refreshToken: phone.refreshToken)
                try await onPhone.wait(for: "the phone's close") { $0.closedWith != nil }
                #expect(onPhone.closedWith == .unknown(4401))
                #expect(onPhone.closeReason == "logged_out")
                // The phone's access token has not expired, but its session is closed.
                let reopened = SocketProbe(port: port, path: "/ws/demandes", token: phone.accessToken)
                defer { reopened.close() }
                try await reopened.wait(for: "the refusal") { $0.closedWith != nil }
                #expect(reopened.closedWith == .unknown(4401))
                #expect(reopened.messages.isEmpty)

                // The tablet's session is still open: it gets the next offer.
                _ = try await gestio.dispatch.updateCommande(
                    ride.id, CommandeInput(taxiID: company.taxi.id.rawValue), as: company.admin)
                try await tablet.wait(for: "the offer") { !$0.events.isEmpty }
                #expect(tablet.closedWith == nil)

                try await gestio.dispatch.removeMember(company.chloe.principal.userID, as: company.admin)
                try await tablet.wait(for: "the tablet's close") { $0.closedWith != nil }
                #expect(tablet.closeReason == "removed")
                try await Task.sleep(for: .milliseconds(100))
                #expect(dispatcher.closedWith == nil, "another user's socket closed")
            }
        }
    }

    @Test(
        "A driver hears their ride moved and cancelled; dispatchers hear taxi changes",
        arguments: TestDatabase.enabled)
    func driverAndTaxiEvents(database: TestDatabase) async throws {
        try await database.withGestio { gestio in
            let company = try await TaxiCompany.make(gestio)
            let ride = try await company.ride(at: 30, gestio)
            _ = try await gestio.dispatch.updateCommande(
                ride.id, CommandeInput(taxiID: company.taxi.id.rawValue), as: company.admin)
            let offer = try #require(try await gestio.dispatch.myDemandes(as: company.chloe.principal).first)
            _ = try await gestio.dispatch.acceptDemande(offer.demande.id, as: company.chloe.principal)
            try await withLiveServer(gestio) { port in
                let chloe = SocketProbe(port: port, path: "/ws/demandes", token: company.chloe.token)
                let charles = SocketProbe(port: port, path: "/ws/demandes", token: company.charles.token)
                let planning = SocketProbe(port: port, path: "/ws/planning", token: company.dispatcherToken)
                let probes = [chloe, charles, planning]
                defer { for probe in probes { probe.close() } }
                for probe in probes { try await probe.ready() }

                _ = try await gestio.dispatch.updateCommande(
                    ride.id, CommandeInput(pickupAt: ride.pickupAt.addingTimeInterval(1800)), as: company.admin)
                try await chloe.wait(for: "the reschedule") { !$0.events.isEmpty }
                _ = try await gestio.dispatch.cancelCommande(ride.id, reason: "Client absent", as: company.admin)
                try await chloe.wait(for: "the cancellation") { $0.events.count >= 2 }
                #expect(chloe.events.map { $0["type"] as? String } == ["commande.rescheduled", "commande.cancelled"])
                #expect((chloe.events.first?["data"] as? [String: String])?["commande_id"] == ride.id.description)

                _ = try await gestio.dispatch.updateTaxi(
                    company.taxi.id, TaxiInput(status: "hors_service"), as: company.admin)
                try await planning.wait(for: "the taxi change") {
                    $0.events.contains { $0["type"] as? String == "taxi.updated" }
                }
                let taxiEvent = try #require(planning.events.first { $0["type"] as? String == "taxi.updated" })
                #expect((taxiEvent["data"] as? [String: String])?["statut"] == "hors_service")
                try await Task.sleep(for: .milliseconds(100))
                #expect(charles.events.isEmpty, "an unrelated driver received \(charles.messages)")
            }
        }
    }

    @Test("With PostgreSQL, a change made through one instance reaches a socket held by another", .requiresPostgres)
    func twoInstances() async throws {
        let clock = TestClock()
        try await TestDatabase.postgres.withGestio(clock: clock) { first in
            let company = try await TaxiCompany.make(first)
            let second = try await Gestio.start(first.configuration, logger: .quiet, clock: clock)
            do {
                try await withLiveServer(second) { port in
                    let planning = SocketProbe(port: port, path: "/ws/planning", token: company.dispatcherToken)
                    defer { planning.close() }
                    try await planning.ready()
                    let ride = try await company.ride(at: 30, first)
                    try await planning.wait(for: "the event from the other instance") { !$0.events.isEmpty }
                    #expect(planning.events.first?["type"] as? String == "commande.created")
                    #expect(
                        (planning.events.first?["data"] as? [String: String])?["reference"] == ride.reference)
                }
            } catch {
                await second.shutdown()
                throw error
            }
            await second.shutdown()
        }
    }
}
