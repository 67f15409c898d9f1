import Foundation

/// A parsed `.feature` file. Supports Feature, Background, Scenario, Scenario Outline with
/// Examples, Given/When/Then/And/But (and their French forms), doc strings and tables.
struct Feature: Sendable {
    let name: String
    let file: String
    let background: [Step]
    let scenarios: [Scenario]
}

struct Scenario: Sendable {
    let name: String
    let line: Int
    let steps: [Step]
}

struct Step: Sendable {
    let keyword: String
    let text: String
    let line: Int
    var docString: String?
    var table: [[String]]?
}

struct GherkinError: Error, CustomStringConvertible {
    let file: String
    let line: Int
    let message: String
    var description: String { "\(file):\(line): \(message)" }
}

enum GherkinParser {
    static let stepKeywords = [
        "Given", "When", "Then", "And", "But", "*", "Soit", "Étant donné", "Quand", "Alors", "Et", "Mais",
    ]
    static let featureKeywords = ["Feature:", "Fonctionnalité:"]
    static let backgroundKeywords = ["Background:", "Contexte:"]
    static let scenarioKeywords = ["Scenario:", "Example:", "Scénario:"]
    static let outlineKeywords = ["Scenario Outline:", "Scenario Template:", "Plan du scénario:"]
    static let examplesKeywords = ["Examples:", "Scenarios:", "Exemples:"]

    static func parse(_ text: String, file: String) throws -> Feature {
        var featureName: String?
        var background: [Step] = []
        var scenarios: [Scenario] = []

        enum Block {
            case none
            case background
            case scenario(String, Int)
            case outline(String, Int)
            case examples(String, Int)
        }
        var block = Block.none
        var steps: [Step] = []
        var outlineSteps: [Step] = []
        var examples: [[String]] = []
        let lines = text.components(separatedBy: "\n")
        var index = 0

        func fail(_ message: String, _ line: Int) -> GherkinError {
            GherkinError(file: file, line: line, message: message)
        }

        func closeBlock() throws {
            switch block {
            case .none: break
            case .background: background = steps
            case .scenario(let name, let line): scenarios.append(Scenario(name: name, line: line, steps: steps))
            case .outline(let name, let line): throw fail("Scenario Outline \"\(name)\" has no Examples", line)
            case .examples(let name, let line):
                guard let header = examples.first, examples.count > 1 else {
                    throw fail("Examples of \"\(name)\" need a header row and at least one row", line)
                }
                for (rowIndex, row) in examples.dropFirst().enumerated() {
                    guard row.count == header.count else {
                        throw fail("Examples row has \(row.count) cells, header has \(header.count)", line)
                    }
                    func substitute(_ text: String) -> String {
                        zip(header, row).reduce(text) { $0.replacingOccurrences(of: "<\($1.0)>", with: $1.1) }
                    }
                    let expanded = outlineSteps.map { step in
                        var copy = Step(keyword: step.keyword, text: substitute(step.text), line: step.line)
                        copy.docString = step.docString.map(substitute)
                        copy.table = step.table?.map { $0.map(substitute) }
                        return copy
                    }
                    let label = zip(header, row).map { "\($0)=\($1)" }.joined(separator: ", ")
                    scenarios.append(
                        Scenario(name: "\(substitute(name)) (\(rowIndex + 1): \(label))", line: line, steps: expanded))
                }
            }
            steps = []
            examples = []
            block = .none
        }

        while index < lines.count {
            let lineNumber = index + 1
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            index += 1
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("@") { continue }

            if let name = strip(line, featureKeywords) {
                featureName = name
                block = .none
            } else if strip(line, backgroundKeywords) != nil {
                try closeBlock()
                block = .background
            } else if let name = strip(line, outlineKeywords) {
                try closeBlock()
                block = .outline(name, lineNumber)
            } else if let name = strip(line, scenarioKeywords) {
                try closeBlock()
                block = .scenario(name, lineNumber)
            } else if strip(line, examplesKeywords) != nil {
                guard case .outline(let name, let line) = block else {
                    throw fail("Examples outside a Scenario Outline", lineNumber)
                }
                outlineSteps = steps
                steps = []
                block = .examples(name, line)
            } else if line.hasPrefix("|") {
                let cells = row(line)
                if case .examples = block {
                    examples.append(cells)
                } else {
                    guard !steps.isEmpty else { throw fail("table without a step", lineNumber) }
                    steps[steps.count - 1].table = (steps[steps.count - 1].table ?? []) + [cells]
                }
            } else if line.hasPrefix("\"\"\"") {
                guard !steps.isEmpty else { throw fail("doc string without a step", lineNumber) }
                let indent = lines[index - 1].prefix { $0 == " " }.count
                var body: [String] = []
                while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("\"\"\"") {
                    body.append(String(lines[index].dropFirst(min(indent, lines[index].prefix { $0 == " " }.count))))
                    index += 1
                }
                guard index < lines.count else { throw fail("unterminated doc string", lineNumber) }
                index += 1
                steps[steps.count - 1].docString = body.joined(separator: "\n")
            } else if let (keyword, text) = stepParts(line) {
                switch block {
                case .none: throw fail("step outside a Scenario or Background", lineNumber)
                case .examples: throw fail("step after Examples", lineNumber)
                default: steps.append(Step(keyword: keyword, text: text, line: lineNumber))
                }
            } else if case .none = block, featureName != nil {
                continue  // free description text under Feature:
            } else if case .scenario = block, steps.isEmpty {
                continue  // description under a Scenario title
            } else {
                throw fail("cannot read line: \(line)", lineNumber)
            }
        }
        try closeBlock()
        guard let featureName else { throw fail("no Feature: line", 1) }
        return Feature(name: featureName, file: file, background: background, scenarios: scenarios)
    }

    private static func strip(_ line: String, _ keywords: [String]) -> String? {
        for keyword in keywords where line.hasPrefix(keyword) {
            return String(line.dropFirst(keyword.count)).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    private static func stepParts(_ line: String) -> (String, String)? {
        for keyword in stepKeywords where line.hasPrefix(keyword + " ") {
            return (keyword, String(line.dropFirst(keyword.count + 1)).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    private static func row(_ line: String) -> [String] {
        var cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        cells.removeFirst()
        if cells.last == "" { cells.removeLast() }
        return cells
    }
}
