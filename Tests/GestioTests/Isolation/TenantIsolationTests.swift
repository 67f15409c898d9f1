import Bootstrap
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Walks the served OpenAPI document. Every operation that names a resource by id is called with
/// the id of a resource of organization A and a token of organization B: the answer is 404, never
/// 200 and never 403. No answer to B mentions an id of A. Every operation that only some roles may
/// call (`x-roles` in the contract, from `AccessPolicy.rules`) refuses each other role with 403,
/// and does not refuse the roles it names. A new route is covered without touching this file: its
/// module's fixture makes the resource it names (`IsolationFixtures`), or it is exempt below.
@Suite("Tenant isolation and roles, operation by operation of the contract")
struct TenantIsolationTests {
    /// Operations that are not behind a member's token, by design, with the reason.
    static let exempt: [String: String] = [
        "/health": "liveness probe, no data",
        "/ready": "readiness probe, no data",
        "/metrics": "process metrics, no organization's data (labels are route templates)",
        "/openapi.json": "the contract itself",
        "/api/v1/auth/register": "creates a new organization; nothing of another's is named",
        "/api/v1/auth/login": "sign-in by email and password",
        "/api/v1/auth/refresh": "the refresh token is the credential",
        "/api/v1/auth/logout": "the refresh token is the credential",
        "/api/v1/auth/2fa/verify": "the mfa_token is the credential",
        "/api/v1/auth/password/forgot": "answers 202 whoever asks, reveals nothing",
        "/api/v1/auth/password/reset": "the single-use reset token is the credential",
        "/api/v1/account/email/confirm": "the single-use confirmation token is the credential",
        "/api/v1/public/captcha-config": "the public booking form's configuration",
        "/api/v1/public/commandes": "the public booking form (captcha and rate limit)",
        "/api/v1/contractor/work-reports/{token}":
            "the contractor's link (72 hours) is the credential; work_reports.feature shows it reaches one report",
        "/api/v1/public/certificates/{code}":
            "the certificate's unguessable code (128 random bits) is the credential; certificates.feature shows it names no one",
        "/api/v1/public/centres/{slug}": "a centre's public page: its address, hours, services and prices",
        "/api/v1/public/centres/{slug}/availability": "a centre's public page: its free slots, no booking's details",
        "/api/v1/public/centres/{slug}/appointments":
            "the public booking form (captcha and rate limit); it answers only the booking it made",
        "/api/v1/public/centres/{slug}/customers":
            "opens a customer account in the centre's organization (rate-limited); nothing of anyone else is named",
        "/api/v1/public/appointments/checkout":
            "the single-use payment token of a public booking is the credential; public_appointments.feature uses it",
        "/api/v1/public/appointments/reschedule":
            "the single-use token mailed with a public booking's confirmation is the credential; public_appointments.feature uses it",
        "/api/v1/public/centres/{slug}/assistant/conversations":
            "a visitor's conversation on the public page (rate-limited); it answers from the centre's public data only",
        "/api/v1/public/assistant/conversations/{id}/messages":
            "the token given when the public conversation started is the credential; assistant.feature uses it",
        "/api/v1/public/appointments/cancel":
            "the single-use token mailed to the booking's contact is the credential; inspection_reminders.feature uses it once",
        "/api/v1/webhooks/payments":
            "the provider's signature under the organization's webhook secret is the credential; payments.feature refuses forged and stale ones",
        "/ws/notifications": "the token is checked in the upgrade; LiveSocketTests shows a member hears only their own",
        "/ws/demandes": "the token is checked in the upgrade; LiveSocketTests shows a driver hears only their own",
        "/ws/planning": "the token is checked in the upgrade; LiveSocketTests shows one organization's planning",
        "/ws/projects/{id}":
            "the token and project membership are checked in the upgrade; project_chat.feature refuses a non-member with 4404",
    ]

    @Test("Each module registers an isolation fixture under its name, as Gestio.modules lists the modules")
    func fixtureModules() {
        #expect(Set(IsolationFixtures.modules.map(\.name)) == Set(Gestio.modules.map(\.name)))
        #expect(IsolationFixtures.modules.count == Gestio.modules.count)
    }

    @Test(
        "No organization reaches another's data, and no role does more than the access policy allows",
        arguments: TestDatabase.enabled)
    func sweep(_ database: TestDatabase) async throws {
        let clock = TestClock()
        try await database.withGestio(clock: clock) { gestio in
            let app = Application(router: gestio.router(), logger: .quiet)
            try await app.test(.router) { client in
                let isolation = IsolationWorld(world: World(gestio: gestio, client: client, clock: clock))
                try await isolation.setUp()
                for module in IsolationFixtures.modules {
                    do { try await module.make(isolation) } catch {
                        Issue.record("the \(module.name) fixture failed: \(error)")
                        return
                    }
                }
                let served = try await isolation.world.send(.get, "/openapi.json", as: nil)
                let document = try #require(
                    try JSONSerialization.jsonObject(with: Data(served.body.readableBytesView)) as? [String: Any])
                let operations = ContractOperation.all(in: document)
                #expect(operations.count > 100)
                var findings: [String] = []
                for operation in operations {
                    guard operation.isBearer else {
                        if TenantIsolationTests.exempt[operation.path] == nil {
                            findings.append("\(operation) is not behind a token and not listed as exempt")
                        }
                        continue
                    }
                    findings += try await TenantIsolationTests.crossTenant(operation, isolation)
                    findings += try await TenantIsolationTests.refusedRoles(operation, isolation)
                }
                for operation in operations where operation.isBearer {
                    findings += try await TenantIsolationTests.allowedRoles(operation, isolation)
                }
                #expect(
                    findings.isEmpty,
                    Comment(rawValue: "\(findings.count) findings:\n" + findings.joined(separator: "\n")))
            }
        }
    }

    /// The caller in organization `organization` for an operation: its admin when the admin may
    /// call it, else the first role that may.
    static func caller(for operation: ContractOperation, in organization: String) -> String {
        guard let roles = operation.roles, !roles.contains(Role.admin.rawValue) else {
            return IsolationWorld.person(organization, .admin)
        }
        let role = IsolationWorld.roles.first { roles.contains($0.rawValue) } ?? .admin
        return IsolationWorld.person(organization, role)
    }

    static func crossTenant(_ operation: ContractOperation, _ isolation: IsolationWorld) async throws -> [String] {
        let caller = caller(for: operation, in: "B")
        let body = operation.exampleBody(ids: isolation.ids)
        if operation.pathParameters.isEmpty {
            let path = operation.path { _, _ in "" }
            let named = isolation.everyID.filter { body?.text.contains($0) ?? false }
            guard operation.method == .get || !named.isEmpty else { return [] }
            let response = try await send(operation.method, path, body, as: caller, isolation)
            let text = String(buffer: response.body)
            if operation.method == .get, let leaked = isolation.everyID.first(where: text.contains) {
                return ["\(operation) as \(caller) answered \(response.status.code) mentioning A's id \(leaked)"]
            }
            guard !named.isEmpty else { return [] }
            // Naming A's resources in a body is answered exactly as naming resources that do not exist.
            let unknown = try await send(
                operation.method, path, body?.replacing(named) { UUID().uuidString.lowercased() }, as: caller, isolation
            )
            if (200..<300).contains(response.status.code) || response.status != unknown.status
                || problemCode(response, isolation) != problemCode(unknown, isolation)
            {
                return [
                    "\(operation) as \(caller) answered \(response.status.code) naming A's resources in the body "
                        + "(\(text)), \(unknown.status.code) naming unknown ones (\(String(buffer: unknown.body)))"
                ]
            }
            return []
        }
        var missing: [String] = []
        let path = operation.path { _, collection in
            if let id = isolation.ids[collection] { return id }
            missing.append(collection)
            return UUID().uuidString.lowercased()
        }
        guard missing.isEmpty else {
            return [
                "\(operation): no fixture makes a resource of \(missing.joined(separator: ", ")); "
                    + "add one to its module's IsolationFixtures"
            ]
        }
        let response = try await send(operation.method, path, body, as: caller, isolation)
        guard response.status.code == 404 else {
            return [
                "\(operation) with A's ids as \(caller) answered \(response.status.code): \(String(buffer: response.body))"
            ]
        }
        return []
    }

    static func send(
        _ method: HTTPRequest.Method, _ path: String, _ body: RequestBody?, as person: String,
        _ isolation: IsolationWorld
    ) async throws -> TestResponse {
        try await isolation.world.send(
            method, path, json: body?.text, as: person,
            headers: body.map { [.contentType: $0.contentType] } ?? [:])
    }

    static func problemCode(_ response: TestResponse, _ isolation: IsolationWorld) -> String? {
        JSONPath.lookup("code", in: (try? isolation.world.body(of: response)) ?? [:]) as? String
    }

    static func refusedRoles(_ operation: ContractOperation, _ isolation: IsolationWorld) async throws -> [String] {
        guard let allowed = operation.roles else { return [] }
        var findings: [String] = []
        let body = operation.exampleBody(ids: isolation.ids)
        let path = operation.path { _, collection in isolation.ids[collection] ?? UUID().uuidString.lowercased() }
        for role in IsolationWorld.roles where !allowed.contains(role.rawValue) {
            let response = try await send(operation.method, path, body, as: IsolationWorld.person("A", role), isolation)
            if response.status.code != 403 || problemCode(response, isolation) != "forbidden" {
                findings.append(
                    "\(operation) as \(role.rawValue), a role it does not allow, answered \(response.status.code): \(String(buffer: response.body))"
                )
            }
        }
        return findings
    }

    /// Roles the contract allows are not refused: with ids that name nothing (404 after the role
    /// check), or, for an operation without ids, as the request the example body makes.
    static func allowedRoles(_ operation: ContractOperation, _ isolation: IsolationWorld) async throws -> [String] {
        guard let allowed = operation.roles else { return [] }
        var findings: [String] = []
        let body = operation.exampleBody(ids: isolation.ids)
        let path = operation.path { _, _ in UUID().uuidString.lowercased() }
        for role in IsolationWorld.roles where allowed.contains(role.rawValue) {
            let response = try await send(operation.method, path, body, as: IsolationWorld.person("A", role), isolation)
            if response.status.code == 403 {
                findings.append(
                    "\(operation) as \(role.rawValue), a role it allows, answered 403: \(String(buffer: response.body))"
                )
            }
        }
        return findings
    }
}
