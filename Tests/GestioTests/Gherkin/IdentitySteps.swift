import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// The step vocabulary of the living specification: generic HTTP steps, plus each module's
/// domain steps, in a file named after the module (`<Module>Steps.swift`).
enum Steps {
    /// Each module's steps, in the order and with the names of `Gestio.modules` (a test checks):
    /// adding a module with steps is one line here.
    static let modules: [(name: String, steps: [StepDefinition])] = [
        ("Platform", platform), ("Identity", identity + signInSecurity), ("CoOwnership", coOwnership),
        ("Finance", ledger),
        ("Maintenance", maintenance), ("Dispatch", dispatch), ("Documents", documents), ("Governance", governance),
        ("FinanceOperations", financeOperations), ("LegalFile", legalFile), ("Community", community),
        ("Construction", construction), ("Inspection", inspection + payments + publicPage),
    ]

    static let all: [StepDefinition] = http + modules.flatMap(\.steps)

    static let http: [StepDefinition] = [
        StepDefinition("the API is running") { world, _, _ in
            let response = try await world.send(.get, "/health")
            try expect(response.status.code == 200, "GET /health answered \(response.status.code)")
        },
        StepDefinition("I send {word} {string}") { world, arguments, step in
            guard let method = HTTPRequest.Method(arguments[0]) else {
                throw StepFailure("unknown method \(arguments[0])")
            }
            try await world.send(method, arguments[1], json: try step.docString.map(world.interpolate))
        },
        StepDefinition("I send {word} {string} with the header {string} set to {string}") { world, arguments, step in
            guard let method = HTTPRequest.Method(arguments[0]), let name = HTTPField.Name(arguments[2]) else {
                throw StepFailure("bad method or header name")
            }
            try await world.send(
                method, arguments[1], json: try step.docString.map(world.interpolate), headers: [name: arguments[3]])
        },
        StepDefinition("I send {word} {string} with a body of {int} bytes") { world, arguments, _ in
            guard let method = HTTPRequest.Method(arguments[0]), let size = Int(arguments[2]) else {
                throw StepFailure("bad method or size")
            }
            let padding = String(repeating: "a", count: max(0, size - 20))
            try await world.send(method, arguments[1], json: "{\"padding\": \"\(padding)\"}")
        },
        StepDefinition("the response status is {int}") { world, arguments, _ in
            let response = try lastResponse(world)
            try expect(
                String(response.status.code) == arguments[0],
                "expected status \(arguments[0]), got \(response.status.code): \(String(buffer: response.body))")
        },
        StepDefinition("the response field {string} is {string}") { world, arguments, _ in
            let value = JSONPath.lookup(arguments[0], in: try world.lastJSON())
            try expect(
                value as? String == arguments[1],
                "\(arguments[0]) is \(JSONPath.render(value)), expected \"\(arguments[1])\"")
        },
        StepDefinition("the response field {string} is the number {number}") { world, arguments, _ in
            let value = JSONPath.lookup(arguments[0], in: try world.lastJSON())
            try expect(
                (value as? NSNumber)?.doubleValue == Double(arguments[1]),
                "\(arguments[0]) is \(JSONPath.render(value)), expected \(arguments[1])")
        },
        StepDefinition("the response field {string} is {bool}") { world, arguments, _ in
            let value = JSONPath.lookup(arguments[0], in: try world.lastJSON())
            try expect(
                value as? Bool == (arguments[1] == "true"),
                "\(arguments[0]) is \(JSONPath.render(value)), expected \(arguments[1])")
        },
        StepDefinition("the response field {string} lists {string}") { world, arguments, _ in
            let value = JSONPath.lookup(arguments[0], in: try world.lastJSON())
            let expected = arguments[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            try expect(
                value as? [String] == expected, "\(arguments[0]) is \(JSONPath.render(value)), expected \(expected)")
        },
        StepDefinition("the response field {string} has an item whose {string} is {string}") { world, arguments, _ in
            let value = JSONPath.lookup(arguments[0], in: try world.lastJSON())
            guard let items = value as? [Any] else { throw StepFailure("\(arguments[0]) is not a list") }
            let expected = try world.interpolate(arguments[2])
            try expect(
                items.contains { JSONPath.lookup(arguments[1], in: $0) as? String == expected },
                "no item of \(arguments[0]) has \(arguments[1]) \(expected): \(JSONPath.render(value))")
        },
        StepDefinition("the response field {string} has no item whose {string} is {string}") { world, arguments, _ in
            let value = JSONPath.lookup(arguments[0], in: try world.lastJSON())
            let unwanted = try world.interpolate(arguments[2])
            try expect(
                !((value as? [Any]) ?? []).contains { JSONPath.lookup(arguments[1], in: $0) as? String == unwanted },
                "an item of \(arguments[0]) has \(arguments[1]) \(unwanted): \(JSONPath.render(value))")
        },
        StepDefinition("the response field {string} has {int} items") { world, arguments, _ in
            let value = JSONPath.lookup(arguments[0], in: try world.lastJSON())
            try expect((value as? [Any])?.count == Int(arguments[1]), "\(arguments[0]) is \(JSONPath.render(value))")
        },
        StepDefinition("the response has no field {string}") { world, arguments, _ in
            let value = JSONPath.lookup(arguments[0], in: try world.lastJSON())
            try expect(value == nil || value is NSNull, "\(arguments[0]) is present: \(JSONPath.render(value))")
        },
        StepDefinition("the response header {string} is {string}") { world, arguments, _ in
            guard let name = HTTPField.Name(arguments[0]) else { throw StepFailure("bad header name") }
            let value = try lastResponse(world).headers[name]
            try expect(
                value == arguments[1], "header \(arguments[0]) is \(value ?? "absent"), expected \(arguments[1])")
        },
        StepDefinition("the response is a problem {int} with code {string}") { world, arguments, _ in
            let response = try lastResponse(world)
            try expect(
                String(response.status.code) == arguments[0],
                "expected status \(arguments[0]), got \(response.status.code): \(String(buffer: response.body))")
            try expect(
                response.headers[.contentType] == "application/problem+json",
                "content type is \(response.headers[.contentType] ?? "absent")")
            let json = try world.body(of: response)
            for field in ["type", "title", "detail", "code"] {
                try expect(JSONPath.lookup(field, in: json) is String, "problem lacks \(field)")
            }
            try expect(
                (JSONPath.lookup("status", in: json) as? NSNumber)?.stringValue == arguments[0],
                "problem status differs")
            let code = JSONPath.lookup("code", in: json)
            try expect(
                code as? String == arguments[1], "problem code is \(JSONPath.render(code)), expected \(arguments[1])")
        },
        StepDefinition("the problem names the field {string}") { world, arguments, _ in
            let field = JSONPath.lookup("field", in: try world.lastJSON())
            try expect(
                field as? String == arguments[0], "problem field is \(JSONPath.render(field)), expected \(arguments[0])"
            )
        },
        StepDefinition("I remember the response field {string} as {string}") { world, arguments, _ in
            // A string, or a whole number (a cursor) as its digits.
            let value = JSONPath.lookup(arguments[0], in: try world.lastJSON())
            let rendered = JSONPath.render(value)
            if let number = value as? Int, rendered == String(number) {
                world.variables[arguments[1]] = rendered
                return
            }
            guard let string = value as? String else {
                throw StepFailure("\(arguments[0]) is \(rendered), not a string or a whole number")
            }
            world.variables[arguments[1]] = string
        },
    ]

    static let identity: [StepDefinition] = [
        StepDefinition("{string} has registered the organization {string}") { world, arguments, _ in
            let person = arguments[0]
            let body = try json([
                "email": email(of: person), "password": World.defaultPassword, "name": person.capitalized,
                "organization_name": arguments[1],
            ])
            let response = try await world.send(
                .post, "/api/v1/auth/register", json: body, as: nil, headers: [:], anonymous: true)
            try expect(
                response.status == .created,
                "registration of \(person) answered \(response.status.code): \(String(buffer: response.body))")
            try world.rememberSession(of: person, from: response)
        },
        StepDefinition("{string} invites {string} as {string}") { world, arguments, _ in
            let (admin, invitee, role) = (arguments[0], arguments[1], arguments[2])
            let org = try variable(world, "\(admin).org")
            let response = try await world.send(
                .post, "/api/v1/organizations/\(org)/invitations",
                json: try json(["email": email(of: invitee), "role": role]), as: admin)
            try expect(
                response.status == .created,
                "invitation answered \(response.status.code): \(String(buffer: response.body))")
            world.variables["\(invitee).invitation"] =
                JSONPath.lookup("token", in: try world.body(of: response)) as? String
        },
        // "X logs in" must succeed (a setup); "X tries to log in" records whatever is answered,
        // for a scenario that checks a refusal.
        StepDefinition("{string} registers with the invitation") { world, arguments, _ in
            try await registerWithInvitation(world, arguments[0], mustSucceed: true)
        },
        StepDefinition("{string} tries to register with the invitation") { world, arguments, _ in
            try await registerWithInvitation(world, arguments[0], mustSucceed: false)
        },
        StepDefinition("{string} logs in") { world, arguments, _ in
            try await logIn(world, arguments[0], mustSucceed: true)
        },
        // Someone with memberships in several organizations opens a session in a given one.
        StepDefinition("{string} logs in to the organization of {string}") { world, arguments, _ in
            let body = try json([
                "email": email(of: arguments[0]), "password": World.defaultPassword,
                "organization_id": try variable(world, "\(arguments[1]).org"),
            ])
            let response = try await world.send(.post, "/api/v1/auth/login", json: body, anonymous: true)
            try rememberSession(world, arguments[0], response, expected: .ok, mustSucceed: true, doing: "logging in")
        },
        StepDefinition("{string} tries to log in") { world, arguments, _ in
            try await logIn(world, arguments[0], mustSucceed: false)
        },
        StepDefinition("{string} refreshes the session") { world, arguments, _ in
            try await refresh(world, arguments[0], mustSucceed: true)
        },
        StepDefinition("{string} tries to refresh the session") { world, arguments, _ in
            try await refresh(world, arguments[0], mustSucceed: false)
        },
        StepDefinition("I am {string}") { world, arguments, _ in
            _ = try world.token(of: arguments[0])
            world.currentPerson = arguments[0]
        },
        StepDefinition("I am anonymous") { world, _, _ in
            world.currentPerson = nil
        },
        StepDefinition("{string} is deactivated by the operator") { world, arguments, _ in
            guard let id = UUID(uuidString: try variable(world, "\(arguments[0]).id")) else {
                throw StepFailure("bad id")
            }
            _ = try await world.gestio.identity.setActive(.init(id), false)
        },
        StepDefinition("{int} minutes pass") { world, arguments, _ in
            world.clock.advance(by: TimeInterval(Int(arguments[0])! * 60))
        },
        StepDefinition("{int} days pass") { world, arguments, _ in
            world.clock.advance(by: TimeInterval(Int(arguments[0])! * 86_400))
        },
        StepDefinition("today is {string}") { world, arguments, _ in
            world.clock.set(to: try CalendarDate(parsing: arguments[0]).startOfDayUTC.addingTimeInterval(9 * 3600))
        },
    ]

    /// People are named by alias in features; their email is alias@example.com.
    static func email(of person: String) -> String { person.contains("@") ? person : "\(person)@example.com" }

    static func json(_ object: [String: String]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func variable(_ world: World, _ name: String) throws -> String {
        guard let value = world.variables[name] else { throw StepFailure("nothing remembered as \(name)") }
        return value
    }

    static func lastResponse(_ world: World) throws -> TestResponse {
        guard let response = world.lastResponse else { throw StepFailure("no request was sent yet") }
        return response
    }

    static func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        guard condition else { throw StepFailure(message()) }
    }
}

extension World {
    /// A request sent without anyone's token, whoever the current person is.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ path: String, json: String?, as person: String? = nil,
        headers: HTTPFields = [:], anonymous: Bool
    )
        async throws -> TestResponse
    {
        guard anonymous else { return try await send(method, path, json: json, as: person, headers: headers) }
        let response = try await client.executeRequest(
            uri: path, method: method, headers: json == nil ? headers : headers + [.contentType: "application/json"],
            body: json.map { ByteBuffer(string: $0) })
        lastResponse = response
        return response
    }
}

extension HTTPFields {
    static func + (lhs: HTTPFields, rhs: HTTPFields) -> HTTPFields {
        var result = lhs
        result.append(contentsOf: rhs)
        return result
    }
}

extension Steps {
    fileprivate static func registerWithInvitation(_ world: World, _ person: String, mustSucceed: Bool) async throws {
        let body = try json([
            "email": email(of: person), "password": World.defaultPassword, "name": person.capitalized,
            "invitation_token": try variable(world, "\(person).invitation"),
        ])
        let response = try await world.send(.post, "/api/v1/auth/register", json: body, anonymous: true)
        try rememberSession(world, person, response, expected: .created, mustSucceed: mustSucceed, doing: "registering")
    }

    fileprivate static func logIn(_ world: World, _ person: String, mustSucceed: Bool) async throws {
        let body = try json(["email": email(of: person), "password": World.defaultPassword])
        let response = try await world.send(.post, "/api/v1/auth/login", json: body, anonymous: true)
        try rememberSession(world, person, response, expected: .ok, mustSucceed: mustSucceed, doing: "logging in")
    }

    fileprivate static func refresh(_ world: World, _ person: String, mustSucceed: Bool) async throws {
        let body = try json(["refresh_token": try variable(world, "\(person).refresh_token")])
        let response = try await world.send(.post, "/api/v1/auth/refresh", json: body, anonymous: true)
        try rememberSession(world, person, response, expected: .ok, mustSucceed: mustSucceed, doing: "refreshing")
    }

    private static func rememberSession(
        _ world: World, _ person: String, _ response: TestResponse, expected: HTTPResponse.Status, mustSucceed: Bool,
        doing: String
    ) throws {
        if response.status == expected {
            try world.rememberSession(of: person, from: response)
        } else if mustSucceed {
            throw StepFailure(
                "\(person) \(doing): answered \(response.status.code): \(String(buffer: response.body))")
        }
    }
}
