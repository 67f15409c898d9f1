import Foundation
import HTTPTypes

/// The operations of the served OpenAPI document, as the isolation sweep walks them.
struct ContractOperation: CustomStringConvertible {
    let method: HTTPRequest.Method
    let path: String
    let operation: [String: Any]
    let document: [String: Any]

    var description: String { "\(method) \(path)" }
    var isBearer: Bool { (operation["security"] as? [[String: Any]])?.contains { $0["bearer"] != nil } ?? false }
    /// The roles that may call the operation, as the contract states them (`x-roles`, made from
    /// `AccessPolicy.rules` for the operation's `x-permission`); nil for any member of the organization.
    var roles: Set<String>? { (operation["x-roles"] as? [String]).map(Set.init) }
    var permission: Any? { operation["x-permission"] }

    /// `{id}` and `{consent_id}` with the path segment each follows: the collection it names.
    var pathParameters: [(name: String, collection: String)] {
        let segments = path.split(separator: "/").map(String.init)
        return segments.indices.compactMap { index in
            let segment = segments[index]
            guard segment.hasPrefix("{"), index > 0 else { return nil }
            return (String(segment.dropFirst().dropLast()), segments[index - 1])
        }
    }

    /// The path with each parameter replaced.
    func path(with value: (_ name: String, _ collection: String) throws -> String) rethrows -> String {
        var result = path + requiredQuery
        for parameter in pathParameters {
            result = result.replacingOccurrences(
                of: "{\(parameter.name)}", with: try value(parameter.name, parameter.collection))
        }
        return result
    }

    /// A valid request body: the contract's example for it, or an instance of its schema (required
    /// properties only, each the schema's example, first enum value, or a value of its format),
    /// with every `…_id` property naming organization A's resource of that collection
    /// (`owner_id` → `owners`) when there is one.
    func exampleBody(ids: [String: String]) -> RequestBody? {
        guard let content = (resolve(operation["requestBody"]) as? [String: Any])?["content"] as? [String: Any],
            let (type, media) = content.first.map({ ($0.key, $0.value as? [String: Any] ?? [:]) })
        else { return nil }
        let value = media["example"] ?? example(media["schema"] as? [String: Any] ?? [:], depth: 0)
        if let text = value as? String, type != "application/json" { return RequestBody(contentType: type, text: text) }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: aimed(value, ids: ids), options: [.fragmentsAllowed, .sortedKeys])
        else { return nil }
        return RequestBody(contentType: type, text: String(decoding: data, as: UTF8.self))
    }

    /// The query string of the required query parameters, each with a value of its schema.
    var requiredQuery: String {
        let parameters = (operation["parameters"] as? [Any] ?? []).compactMap { resolve($0) as? [String: Any] }
        let pairs = parameters.filter { $0["in"] as? String == "query" && $0["required"] as? Bool == true }
            .compactMap { parameter -> String? in
                guard let name = parameter["name"] as? String else { return nil }
                let value = example(parameter["schema"] as? [String: Any] ?? [:], depth: 0)
                return "\(name)=\(value)"
            }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }

    /// Every `…_id` property (an example's too) set to organization A's resource of that collection, when there is one.
    private func aimed(_ value: Any, ids: [String: String]) -> Any {
        switch value {
        case let object as [String: Any]:
            var result: [String: Any] = [:]
            for (key, item) in object {
                if key.hasSuffix("_id"), item is String, let id = ids[String(key.dropLast(3)) + "s"] {
                    result[key] = id
                } else {
                    result[key] = aimed(item, ids: ids)
                }
            }
            return result
        case let array as [Any]: return array.map { aimed($0, ids: ids) }
        default: return value
        }
    }

    private func resolve(_ value: Any?) -> Any? {
        guard let object = value as? [String: Any], let reference = object["$ref"] as? String else { return value }
        var current: Any? = document
        for component in reference.dropFirst(2).split(separator: "/") {
            current = (current as? [String: Any])?[String(component)]
        }
        return resolve(current)
    }

    private func example(_ raw: [String: Any], depth: Int) -> Any {
        let schema = resolve(raw) as? [String: Any] ?? [:]
        if let example = schema["example"] { return example }
        if let values = schema["enum"] as? [Any], let first = values.first { return first }
        if let constant = schema["const"] { return constant }
        for combinator in ["allOf", "oneOf", "anyOf"] {
            if let parts = schema[combinator] as? [[String: Any]] {
                if combinator == "allOf" {
                    var merged: [String: Any] = [:]
                    for part in parts {
                        if let object = example(part, depth: depth + 1) as? [String: Any] {
                            merged.merge(object) { first, _ in first }
                        }
                    }
                    return merged
                }
                if let first = parts.first(where: { ($0["type"] as? String) != "null" }) {
                    return example(first, depth: depth + 1)
                }
            }
        }
        let types = (schema["type"] as? [String]) ?? [(schema["type"] as? String) ?? "object"]
        let type = types.first { $0 != "null" } ?? "null"
        switch type {
        case "object":
            guard depth < 8 else { return [String: Any]() }
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            var object: [String: Any] = [:]
            for key in schema["required"] as? [String] ?? [] {
                object[key] = example(properties[key] ?? [:], depth: depth + 1)
            }
            return object
        case "array":
            let count = max(schema["minItems"] as? Int ?? 0, 1)
            let item = schema["items"] as? [String: Any] ?? [:]
            return (0..<count).map { _ in example(item, depth: depth + 1) }
        case "integer", "number":
            let minimum = (schema["minimum"] as? NSNumber)?.intValue ?? 1
            let maximum = (schema["maximum"] as? NSNumber)?.intValue ?? Int.max
            return min(max(minimum, 1), maximum)
        case "boolean":
            return false
        case "null":
            return NSNull()
        default:
            return string(schema)
        }
    }

    private func string(_ schema: [String: Any]) -> String {
        switch schema["format"] as? String {
        case "uuid": return UUID().uuidString.lowercased()
        case "date": return "2026-06-15"
        case "date-time": return "2030-06-15T10:00:00Z"
        case "email": return "someone@example.com"
        default: break
        }
        switch schema["pattern"] as? String {
        case "^-?[0-9]+(\\.[0-9]{1,2})?$", "^-?[0-9]+\\.[0-9]{2}$": return "10.00"
        case "^[0-9]+(\\.[0-9]{1,6})?$": return "1"
        case "^[1-7][0-9]*$": return "1"
        case "^[a-z0-9_.-]{1,80}$": return "sample"
        case let pattern?: return "unknown pattern \(pattern)"
        case nil: break
        }
        let length = max(schema["minLength"] as? Int ?? 1, 1)
        return String(repeating: "x", count: max(length, 8)).prefix((schema["maxLength"] as? Int) ?? 64).description
    }
}

/// A request body and its media type.
struct RequestBody {
    let contentType: String
    let text: String

    /// The same body with these ids replaced by others.
    func replacing(_ ids: Set<String>, with replacement: () -> String) -> RequestBody {
        RequestBody(
            contentType: contentType, text: ids.reduce(text) { $0.replacingOccurrences(of: $1, with: replacement()) })
    }
}

extension ContractOperation {
    /// Every operation of the document, in a stable order.
    static func all(in document: [String: Any]) -> [ContractOperation] {
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        return paths.keys.sorted().flatMap { path in
            (paths[path] ?? [:]).keys.sorted().compactMap { method -> ContractOperation? in
                guard let operation = paths[path]?[method] as? [String: Any],
                    let httpMethod = HTTPRequest.Method(method.uppercased())
                else { return nil }
                return ContractOperation(method: httpMethod, path: path, operation: operation, document: document)
            }
        }
    }
}
