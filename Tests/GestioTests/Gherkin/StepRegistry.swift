import Foundation

/// One step pattern and what it does. Patterns are plain text with `{string}` (a quoted string),
/// `{int}`, `{number}` (decimal), `{word}` and `{bool}` placeholders.
struct StepDefinition: Sendable {
    let pattern: String
    let run: @Sendable (World, [String], Step) async throws -> Void
    /// The pattern compiled once. Compiling it for every step against every definition kept both
    /// threads of the cooperative pool (two cores) busy for minutes under the whole suite, and
    /// starved the servers the features call (the CI runs reported as hangs).
    private let regex: Result<NSRegularExpression, any Error>
    /// The pattern's literal text between its placeholders: a step lacking one of them, in
    /// order, cannot match, and is told so without the regular expression.
    private let literals: [String]

    static let placeholders: [(name: String, group: String)] = [
        ("{string}", "\"([^\"]*)\""), ("{int}", "(-?[0-9]+)"), ("{number}", "(-?[0-9]+(?:\\.[0-9]+)?)"),
        ("{word}", "([^ ]+)"), ("{bool}", "(true|false)"),
    ]

    init(_ pattern: String, _ run: @escaping @Sendable (World, [String], Step) async throws -> Void) {
        self.pattern = pattern
        self.run = run
        var source = NSRegularExpression.escapedPattern(for: pattern)
        var literals = [pattern]
        for (placeholder, group) in Self.placeholders {
            source = source.replacingOccurrences(
                of: NSRegularExpression.escapedPattern(for: placeholder), with: group)
            literals = literals.flatMap { $0.components(separatedBy: placeholder) }
        }
        self.literals = literals
        regex = Result { try NSRegularExpression(pattern: "^" + source + "$") }
    }

    /// The captured arguments when the step text matches.
    func match(_ text: String) throws -> [String]? {
        guard text.hasPrefix(literals.first ?? ""), text.hasSuffix(literals.last ?? "") else { return nil }
        var rest = text[...]
        for literal in literals where !literal.isEmpty {
            guard let found = rest.range(of: literal) else { return nil }
            rest = rest[found.upperBound...]
        }
        let regex = try regex.get()
        let range = NSRange(text.startIndex..., in: text)
        guard let result = regex.firstMatch(in: text, range: range) else { return nil }
        return (1..<result.numberOfRanges).map { index in
            Range(result.range(at: index), in: text).map { String(text[$0]) } ?? ""
        }
    }
}

enum StepRegistry {
    /// Finds the one definition for a step: none or several is a failure, never a skip.
    static func resolve(_ text: String, in definitions: [StepDefinition]) throws -> (StepDefinition, [String]) {
        var matches: [(StepDefinition, [String])] = []
        for definition in definitions {
            if let arguments = try definition.match(text) { matches.append((definition, arguments)) }
        }
        guard let first = matches.first else { throw StepFailure("undefined step: \(text)") }
        guard matches.count == 1 else {
            throw StepFailure(
                "ambiguous step: \(text) matches \(matches.map { "\"\($0.0.pattern)\"" }.joined(separator: ", "))")
        }
        return first
    }
}
