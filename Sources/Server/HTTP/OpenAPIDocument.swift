import Application
import Domain
import Foundation
import Synchronization

/// The OpenAPI 3.1 contract served at `/openapi.json`, assembled at start from one fragment per
/// module (`<Module>/<Module>.json`) and the shared parts defined once (`Shared.json`:
/// the `Id`, `Page` and `PerPage` parameters, `Problem`, `Pagination` and the problem responses).
///
/// Assembly adds what every operation of a kind can answer, so no fragment repeats it: 401 for
/// an operation behind a bearer token; 400 and 422 for one that reads parameters or a body (the
/// edge refuses malformed and out-of-bounds input); 413 for one that reads a body; the
/// `Idempotency-Key` header and its 409 for a write behind a token.
public enum OpenAPIDocument {
    /// The document for these modules: the shared parts and each module's fragment.
    public static func document(for modules: [HTTPModule]) -> [UInt8] { contract(for: modules).bytes }

    /// The assembled document and its routes, made once per list of modules and process (every
    /// router built from the same modules, a test's or the server's, shares it).
    static func contract(for modules: [HTTPModule]) -> (bytes: [UInt8], routes: DocumentedRoutes) {
        let key = modules.map(\.name).joined(separator: ",")
        if let known = assembled.withLock({ $0[key] }) { return known }
        let bytes: [UInt8]
        do {
            bytes = try assemble(shared: PackageResources.Shared_json, fragments: modules.map(\.contract))
        } catch {
            // The fragments are part of the binary and checked by the test suite.
            preconditionFailure("the OpenAPI fragments do not assemble: \(error)")
        }
        let contract = (bytes: bytes, routes: DocumentedRoutes(document: bytes))
        assembled.withLock { $0[key] = contract }
        return contract
    }

    private static let assembled = Mutex<[String: (bytes: [UInt8], routes: DocumentedRoutes)]>([:])

    struct AssemblyError: Error, CustomStringConvertible {
        let description: String
    }

    static func assemble(shared: [UInt8], fragments: [[UInt8]]) throws -> [UInt8] {
        guard var document = try JSONSerialization.jsonObject(with: Data(shared)) as? [String: Any] else {
            throw AssemblyError(description: "Shared.json is not an object")
        }
        var paths = document["paths"] as? [String: [String: Any]] ?? [:]
        var components = document["components"] as? [String: [String: Any]] ?? [:]
        for bytes in fragments {
            guard let fragment = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                throw AssemblyError(description: "a fragment is not an object")
            }
            for (path, operations) in fragment["paths"] as? [String: [String: Any]] ?? [:] {
                for (method, operation) in operations {
                    guard paths[path]?[method] == nil else {
                        throw AssemblyError(description: "\(method.uppercased()) \(path) is in two fragments")
                    }
                    paths[path, default: [:]][method] = try withAccessRoles(
                        withCommonResponses(operation, method: method), operation: "\(method.uppercased()) \(path)")
                }
            }
            for (kind, entries) in fragment["components"] as? [String: [String: Any]] ?? [:] {
                for (name, value) in entries {
                    guard components[kind]?[name] == nil else {
                        throw AssemblyError(description: "components.\(kind).\(name) is defined twice")
                    }
                    components[kind, default: [:]][name] = value
                }
            }
        }
        document["paths"] = paths
        document["components"] = components
        return Array(try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]))
    }

    /// Who may call an operation behind a token is stated once, as the permission it requires
    /// (`x-permission`: a `Permission`, a list of them any of which suffices, `{"all_of": [...]}`
    /// when each is needed (a document of a building: read documents and read the co-ownership),
    /// or `member` for any member acting on their own things); assembly adds `x-roles`, the roles that grant it in
    /// `AccessPolicy.rules`, so clients read the roles and the isolation sweep tests them. An
    /// operation behind a token without `x-permission`, or naming an unknown permission, is refused.
    static func withAccessRoles(_ value: Any, operation name: String) throws -> Any {
        guard var operation = value as? [String: Any], let security = operation["security"] as? [Any],
            !security.isEmpty
        else { return value }
        let declared: [String]
        var allRequired = false
        switch operation["x-permission"] {
        case let one as String: declared = [one]
        case let several as [String] where !several.isEmpty: declared = several
        case let object as [String: Any]:
            guard let all = object["all_of"] as? [String], !all.isEmpty, object.count == 1 else { fallthrough }
            (declared, allRequired) = (all, true)
        default: throw AssemblyError(description: "\(name) is behind a token but declares no x-permission")
        }
        if declared == [Self.anyMember] { return operation }
        var granted: [Set<Role>] = []
        for raw in declared {
            guard let permission = Permission(rawValue: raw) else {
                throw AssemblyError(description: "\(name) declares the unknown permission \(raw)")
            }
            granted.append(AccessPolicy.rules[permission, default: []])
        }
        let roles =
            allRequired
            ? granted.dropFirst().reduce(granted[0]) { $0.intersection($1) }
            : granted.reduce(into: Set<Role>()) { $0.formUnion($1) }
        operation["x-roles"] = roles.map(\.rawValue).sorted()
        return operation
    }

    /// `x-permission` of an operation any member may call, on their own things.
    static let anyMember = "member"

    private static func withCommonResponses(_ value: Any, method: String) -> Any {
        guard var operation = value as? [String: Any] else { return value }
        var responses = operation["responses"] as? [String: Any] ?? [:]
        func add(_ status: String) {
            if responses[status] == nil { responses[status] = ["$ref": "#/components/responses/Problem\(status)"] }
        }
        if let security = operation["security"] as? [Any], !security.isEmpty {
            add("401")
            // Roles, and a token that may only set up the 2FA its organization requires.
            add("403")
            // A write behind a token may be sent again with an Idempotency-Key (IdempotencyMiddleware).
            if ["post", "put", "patch", "delete"].contains(method) {
                operation["parameters"] =
                    (operation["parameters"] as? [Any] ?? []) + [["$ref": "#/components/parameters/IdempotencyKey"]]
                add("409")
                add("400")
                add("422")
            }
        }
        let hasParameters = !(operation["parameters"] as? [Any] ?? []).isEmpty
        let hasBody = operation["requestBody"] != nil
        if hasParameters || hasBody {
            add("400")
            add("422")
        }
        if hasBody { add("413") }
        operation["responses"] = responses
        return operation
    }
}
