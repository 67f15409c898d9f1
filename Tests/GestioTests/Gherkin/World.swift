import Bootstrap
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// The state of one running scenario: the app, the last response, remembered values and people.
final class World {
    let gestio: Gestio
    let client: any TestClientProtocol
    let clock: TestClock
    var variables: [String: String] = [:]
    /// The person whose access token goes with requests; nil for anonymous calls.
    var currentPerson: String?
    var lastResponse: TestResponse?
    /// The local server playing the payment provider, for the payments features.
    var paymentProvider: FakePaymentProvider?
    /// The local server playing the assistant's language model, for its feature.
    var languageModel: FakeLanguageModel?

    static let defaultPassword = "correct-horse-battery"

    init(gestio: Gestio, client: any TestClientProtocol, clock: TestClock) {
        self.gestio = gestio
        self.client = client
        self.clock = clock
    }

    /// Replaces `{{name}}` with remembered values; an unknown name fails the step.
    func interpolate(_ text: String) throws -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw StepFailure("unclosed {{ in \(text)")
            }
            let name = String(rest[open.upperBound..<close.lowerBound])
            guard let value = variables[name] else { throw StepFailure("nothing remembered as \(name)") }
            result += value
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ path: String, json: String? = nil, as person: String? = nil,
        headers extra: HTTPFields = [:]
    )
        async throws -> TestResponse
    {
        var headers = extra
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        if let person = person ?? currentPerson, headers[.authorization] == nil {
            headers[.authorization] = "Bearer \(try token(of: person))"
        }
        let response = try await client.executeRequest(
            uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        lastResponse = response
        return response
    }

    /// Sends raw bytes (an upload) as the current person.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ path: String, bytes: [UInt8], contentType: String) async throws
        -> TestResponse
    {
        var headers: HTTPFields = [.contentType: contentType]
        if let person = currentPerson { headers[.authorization] = "Bearer \(try token(of: person))" }
        let response = try await client.executeRequest(
            uri: path, method: method, headers: headers, body: ByteBuffer(bytes: bytes))
        lastResponse = response
        return response
    }

    func token(of person: String) throws -> String {
        guard let token = variables["\(person).access_token"] else { throw StepFailure("\(person) has no session") }
        return token
    }

    /// Stores a session response's tokens and ids under the person's alias.
    func rememberSession(of person: String, from response: TestResponse) throws {
        let json = try body(of: response)
        for (key, path) in [
            ("access_token", "access_token"), ("refresh_token", "refresh_token"), ("id", "user.id"),
            ("org", "user.organization_id"),
        ] {
            guard let value = JSONPath.lookup(path, in: json) as? String else {
                throw StepFailure("session response lacks \(path)")
            }
            if key == "refresh_token", let previous = variables["\(person).refresh_token"] {
                variables["\(person).previous_refresh_token"] = previous
            }
            variables["\(person).\(key)"] = value
        }
    }

    func lastJSON() throws -> Any {
        guard let response = lastResponse else { throw StepFailure("no request was sent yet") }
        return try body(of: response)
    }

    func body(of response: TestResponse) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(
                with: Data(response.body.readableBytesView), options: [.fragmentsAllowed])
        } catch {
            throw StepFailure("response \(response.status.code) is not JSON: \(String(buffer: response.body))")
        }
    }
}

/// A step that did not hold; the runner reports it at the step's line in the feature file.
struct StepFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `user.roles`, `data[0].email`: a small path into decoded JSON.
enum JSONPath {
    static func lookup(_ path: String, in json: Any) -> Any? {
        var current: Any? = json
        for component in path.split(separator: ".") {
            var name = Substring(component)
            var indices: [Int] = []
            while let open = name.lastIndex(of: "["), name.hasSuffix("]"),
                let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)])
            {
                indices.insert(index, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { current = (current as? [String: Any])?[String(name)] }
            for index in indices {
                guard let array = current as? [Any], array.indices.contains(index) else { return nil }
                current = array[index]
            }
        }
        return current
    }

    static func render(_ value: Any?) -> String {
        switch value {
        case nil: return "nothing"
        case let string as String: return "\"\(string)\""
        case let value?:
            if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
            {
                return String(decoding: data, as: UTF8.self)
            }
            return "\(value)"
        }
    }
}
