import Bootstrap
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting

/// Two organizations, A and B, each with one member per role, and one of each resource that an
/// operation names by id, made in A by the modules' fixtures. The isolation sweep then calls every
/// operation of the contract with A's ids and B's tokens, and with A's ids and A's wrong roles.
final class IsolationWorld {
    let world: World
    let gestio: Gestio
    /// One id per collection, the path segment an operation's `{id}` follows (`buildings`,
    /// `consents`…): the resource of organization A the sweep aims at.
    var ids: [String: String] = [:]
    /// Every id made in A, for the check that no answer given to B mentions one.
    var everyID: Set<String> = []

    static let organizations = ["A", "B"]
    /// Every role a member can hold; the platform operator's `superadmin` is not an organization's.
    static let roles = Role.allCases.filter { $0 != .superadmin }

    init(world: World) {
        self.world = world
        self.gestio = world.gestio
    }

    static func person(_ organization: String, _ role: Role) -> String { "\(organization).\(role.rawValue)" }

    func organizationID(_ organization: String) throws -> String {
        try IsolationWorld.value(
            world.variables["\(IsolationWorld.person(organization, .admin)).org"], "org of \(organization)")
    }

    func userID(_ organization: String, _ role: Role) throws -> String {
        try IsolationWorld.value(world.variables["\(IsolationWorld.person(organization, role)).id"], "user \(role)")
    }

    /// Registers both organizations (their admins), adds a member for every other role, logs everyone in.
    func setUp() async throws {
        for organization in IsolationWorld.organizations {
            let admin = IsolationWorld.person(organization, .admin)
            let registration = try await world.send(
                .post, "/api/v1/auth/register",
                json: try IsolationWorld.json([
                    "email": email(admin), "password": World.defaultPassword, "name": "Admin \(organization)",
                    "organization_name": "Organization \(organization)",
                ]), as: nil)
            guard registration.status == .created else {
                throw StepFailure("registering \(organization): \(String(buffer: registration.body))")
            }
            try world.rememberSession(of: admin, from: registration)
            let org = try IsolationWorld.value(OrganizationID(try organizationID(organization)), "organization id")
            for role in IsolationWorld.roles where role != .admin {
                let person = IsolationWorld.person(organization, role)
                _ = try await gestio.identity.createUser(
                    email: email(person), name: "Member \(person)", password: World.defaultPassword,
                    organization: org, roles: [role.rawValue])
                let login = try await world.send(
                    .post, "/api/v1/auth/login",
                    json: try IsolationWorld.json(["email": email(person), "password": World.defaultPassword]),
                    as: nil)
                guard login.status == .ok else {
                    throw StepFailure("login of \(person): \(String(buffer: login.body))")
                }
                try world.rememberSession(of: person, from: login)
            }
        }
    }

    func email(_ person: String) -> String {
        "\(person.lowercased().replacingOccurrences(of: ".", with: "-"))@example.com"
    }

    /// Sends as a member of organization A and requires a 2xx answer, whose JSON it returns.
    @discardableResult
    func expectSuccess(
        _ method: HTTPRequest.Method, _ path: String, _ json: String? = nil, as role: Role = .admin,
        organization: String = "A"
    ) async throws -> Any {
        let response = try await world.send(
            method, "/api/v1/\(path)", json: json, as: IsolationWorld.person(organization, role))
        guard (200..<300).contains(response.status.code) else {
            throw StepFailure(
                "\(method) \(path) as \(role) answered \(response.status.code): \(String(buffer: response.body))")
        }
        return response.body.readableBytes == 0 ? [:] : try world.body(of: response)
    }

    /// Creates a resource in A and remembers its id for the collection its routes name.
    @discardableResult
    func make(_ collection: String, _ path: String, _ json: String, as role: Role = .admin) async throws -> String {
        let made = try await expectSuccess(.post, path, json, as: role)
        let id = try IsolationWorld.value(JSONPath.lookup("id", in: made) as? String, "id of the new \(collection)")
        remember(collection, id)
        return id
    }

    func remember(_ collection: String, _ id: String) {
        ids[collection] = id
        everyID.insert(id)
    }

    static func value<T>(_ value: T?, _ what: String) throws -> T {
        guard let value else { throw StepFailure("no \(what)") }
        return value
    }

    static func json(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
