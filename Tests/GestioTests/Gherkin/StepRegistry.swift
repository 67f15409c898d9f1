import Foundation

/// One step pattern and what it does. Patterns are plain text with `{string}` (a quoted string),
/// `{int}`, `{number}` (decimal), `{word}` and `{bool}` placeholders.
struct StepDefinition: Sendable {
    let pattern: String
    let run: @Sendable (World, [String], Step) async throws -> Void

    init(_ pattern: String, _ run: @escaping @Sendable (World, [String], Step) async throws -> Void) {
        self.pattern = pattern
        self.run = run
    }

    /// The pattern as a regular expression source, anchored on both ends.
    var regexSource: String {
        var source = NSRegularExpression.escapedPattern(for: pattern)
        for (placeholder, group) in [
            ("\\{string\\}", "\"([^\"]*)\""), ("\\{int\\}", "(-?[0-9]+)"), ("\\{number\\}", "(-?[0-9]+(?:\\.[0-9]+)?)"),
            ("\\{word\\}", "([^ ]+)"),
            ("\\{bool\\}", "(true|false)"),
        ] {
            source = source.replacingOccurrences(of: placeholder, with: group)
        }
        return "^" + source + "$"
    }

    /// The captured arguments when the step text matches.
    func match(_ text: String) throws -> [String]? {
        let regex = try NSRegularExpression(pattern: regexSource)
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
