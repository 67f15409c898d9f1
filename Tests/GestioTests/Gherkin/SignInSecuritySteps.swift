import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecurityAdapters

/// Identity's sign-in security steps: authenticator codes, mailed reset links, throttling.
extension Steps {
    static let signInSecurity: [StepDefinition] = [
        StepDefinition("{string} sets up 2FA") { world, arguments, _ in
            let person = arguments[0]
            let response = try await world.send(.post, "/api/v1/auth/2fa/setup", as: person)
            try expect(
                response.status == .ok, "2FA setup answered \(response.status.code): \(String(buffer: response.body))")
            guard let secret = JSONPath.lookup("secret", in: try world.body(of: response)) as? String else {
                throw StepFailure("the setup answer has no secret")
            }
            world.variables["\(person).totp_secret"] = secret
        },
        StepDefinition("{string} turns 2FA on") { world, arguments, _ in
            let person = arguments[0]
            let code = try authenticatorCode(world, person, stepsAhead: 0)
            let response = try await world.send(
                .post, "/api/v1/auth/2fa/enable", json: try json(["code": code]), as: person)
            try expect(
                response.status == .ok,
                "enabling 2FA answered \(response.status.code): \(String(buffer: response.body))")
            try rememberBackupCodes(world, person)
        },
        StepDefinition("I remember the backup codes of {string}") { world, arguments, _ in
            try rememberBackupCodes(world, arguments[0])
        },
        // The code the person's authenticator app shows now (or one 30-second step later).
        StepDefinition("I remember {string}'s authenticator code as {string}") { world, arguments, _ in
            world.variables[arguments[1]] = try authenticatorCode(world, arguments[0], stepsAhead: 0)
        },
        StepDefinition("I remember {string}'s next authenticator code as {string}") { world, arguments, _ in
            world.variables[arguments[1]] = try authenticatorCode(world, arguments[0], stepsAhead: 1)
        },
        StepDefinition("{string} logs in with 2FA") { world, arguments, _ in
            let person = arguments[0]
            let login = try await world.send(
                .post, "/api/v1/auth/login",
                json: try json(["email": email(of: person), "password": World.defaultPassword]), anonymous: true)
            guard let token = JSONPath.lookup("mfa_token", in: try world.body(of: login)) as? String else {
                throw StepFailure(
                    "login answered \(login.status.code) without mfa_token: \(String(buffer: login.body))")
            }
            // A fresh step: the code of the step before may have been used already.
            world.clock.advance(by: 30)
            let code = try authenticatorCode(world, person, stepsAhead: 0)
            let response = try await world.send(
                .post, "/api/v1/auth/2fa/verify", json: try json(["mfa_token": token, "code": code]), anonymous: true)
            try expect(
                response.status == .ok, "2FA verify answered \(response.status.code): \(String(buffer: response.body))")
            try world.rememberSession(of: person, from: response)
        },
        StepDefinition("{int} seconds pass") { world, arguments, _ in
            world.clock.advance(by: TimeInterval(Int(arguments[0])!))
        },
        StepDefinition("the operator resets the 2FA of {string}") { world, arguments, _ in
            guard let id = UserID(try variable(world, "\(arguments[0]).id")) else { throw StepFailure("bad id") }
            _ = try await world.gestio.identity.resetTwoFactor(of: id)
        },
        StepDefinition("I remember the reset token mailed to {string} as {string}") { world, arguments, _ in
            world.variables[arguments[1]] = try linkToken("/password/reset", mailedTo: arguments[0], world)
        },
        StepDefinition("I remember the token of the link {string} mailed to {string} as {string}") {
            world, arguments, _ in
            world.variables[arguments[2]] = try linkToken(arguments[0], mailedTo: arguments[1], world)
        },
        StepDefinition("{string} fails to log in {int} times") { world, arguments, _ in
            for _ in 0..<Int(arguments[1])! {
                let response = try await world.send(
                    .post, "/api/v1/auth/login",
                    json: try json(["email": email(of: arguments[0]), "password": "not-the-password"]),
                    anonymous: true)
                try expect(response.status == .unauthorized, "a wrong password answered \(response.status.code)")
            }
        },
        StepDefinition("{int} unknown accounts fail to log in from this address") { world, arguments, _ in
            for index in 0..<Int(arguments[0])! {
                let response = try await world.send(
                    .post, "/api/v1/auth/login",
                    json: try json(["email": "stranger\(index)@example.com", "password": "not-the-password"]),
                    anonymous: true)
                try expect(response.status == .unauthorized, "an unknown account answered \(response.status.code)")
            }
        },
        StepDefinition("{string} asks for a password reset {int} times") { world, arguments, _ in
            for _ in 0..<Int(arguments[1])! {
                let response = try await world.send(
                    .post, "/api/v1/auth/password/forgot", json: try json(["email": email(of: arguments[0])]),
                    anonymous: true)
                try expect(response.status == .accepted, "a reset request answered \(response.status.code)")
            }
        },
        StepDefinition("the response header {string} is a number of seconds up to {int}") { world, arguments, _ in
            guard let name = HTTPField.Name(arguments[0]) else { throw StepFailure("bad header name") }
            let value = try lastResponse(world).headers[name]
            guard let seconds = value.flatMap(Int.init) else {
                throw StepFailure("header \(arguments[0]) is \(value ?? "absent"), not a number")
            }
            try expect(
                (1...Int(arguments[1])!).contains(seconds), "\(arguments[0]) is \(seconds), not in 1...\(arguments[1])")
        },
        StepDefinition("the response field {string} contains {string}") { world, arguments, _ in
            let value = JSONPath.lookup(arguments[0], in: try world.lastJSON())
            let expected = try world.interpolate(arguments[1])
            try expect(
                (value as? String)?.contains(expected) == true,
                "\(arguments[0]) is \(JSONPath.render(value)), which does not contain \(expected)")
        },
        StepDefinition("the response text does not contain {string}") { world, arguments, _ in
            let text = String(buffer: try lastResponse(world).body)
            let unwanted = try world.interpolate(arguments[0])
            try expect(!text.contains(unwanted), "the response contains \(unwanted): \(text)")
        },
    ]

    /// The token of the last link to `path` mailed to the person.
    static func linkToken(_ path: String, mailedTo person: String, _ world: World) throws -> String {
        let (mine, _) = try outbox(world, to: person)
        let tokens = mine.compactMap { message -> String? in
            guard let start = message.range(of: "\(path)?token=") else { return nil }
            return String(message[start.upperBound...].prefix { !$0.isWhitespace })
        }
        guard let token = tokens.last else { throw StepFailure("no \(path) link was mailed to \(person)") }
        return token
    }

    /// The 6-digit code for the person's remembered TOTP secret at the world's clock.
    static func authenticatorCode(_ world: World, _ person: String, stepsAhead: Int64) throws -> String {
        guard let secret = Base32.decode(try variable(world, "\(person).totp_secret")) else {
            throw StepFailure("the secret of \(person) is not base 32")
        }
        return TOTPAuthenticator(keyMaterial: "unused: codes need no sealing key")
            .code(secret: secret, step: TOTPWindow.step(at: world.clock.now()) + stepsAhead)
    }

    /// Keeps `person.backup_code.1` … from an enable answer.
    static func rememberBackupCodes(_ world: World, _ person: String) throws {
        guard let codes = JSONPath.lookup("backup_codes", in: try world.lastJSON()) as? [String] else {
            throw StepFailure("the answer has no backup_codes")
        }
        for (index, code) in codes.enumerated() { world.variables["\(person).backup_code.\(index + 1)"] = code }
    }
}
