import Foundation
import Synchronization

/// The OpenAPI 3.1 contract served at `/openapi.json`, assembled at start from one fragment per
/// module (`<Module>/<Module>.json`) and the shared parts defined once (`Shared.json`:
/// the `Id`, `Page` and `PerPage` parameters, `Problem`, `Pagination` and the problem responses).
///
/// Assembly adds what every operation of a kind can answer, so no fragment repeats it: 401 for
/// an operation behind a bearer token; 400 and 422 for one that reads parameters or a body (the
/// edge refuses malformed and out-of-bounds input); 413 for one that reads a body.
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
                    paths[path, default: [:]][method] = withCommonResponses(operation)
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

    private static func withCommonResponses(_ value: Any) -> Any {
        guard var operation = value as? [String: Any] else { return value }
        var responses = operation["responses"] as? [String: Any] ?? [:]
        func add(_ status: String) {
            if responses[status] == nil { responses[status] = ["$ref": "#/components/responses/Problem\(status)"] }
        }
        if let security = operation["security"] as? [Any], !security.isEmpty {
            add("401")
            // Roles, and a token that may only set up the 2FA its organization requires.
            add("403")
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
