/// Input the HTTP layer refuses before any use case runs.
enum RequestError: Error, Equatable {
    /// Not JSON at all, or not the expected shape.
    case malformedJSON(detail: String)
    /// A body that is not what the route reads (not UTF-8 text…).
    case malformedBody(detail: String)
    /// A field with the wrong JSON type (a number where a string is expected…).
    case wrongType(field: String, expected: String)
    /// A required field is absent.
    case missingField(String)
    /// A query parameter that does not parse.
    case invalidParameter(name: String, reason: String)
    /// No `Authorization: Bearer …` header on a protected route.
    case missingToken
    /// The body is over the size limit.
    case payloadTooLarge(limit: Int)
    /// Two fields that exclude each other were both given, or neither.
    case conflictingFields(String, String)
}

extension String {
    /// `organizationName` → `organization_name`, for naming fields as clients spell them.
    var snakeCased: String {
        var result = ""
        for character in self {
            if character.isUppercase {
                if !result.isEmpty { result.append("_") }
                result.append(contentsOf: character.lowercased())
            } else {
                result.append(character)
            }
        }
        return result
    }
}
