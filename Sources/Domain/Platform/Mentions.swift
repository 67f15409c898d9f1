import Foundation

/// `@name` in a text: whom it names among the people who may read it, in the order they are
/// first named. A person is named by `@` and their full name, or their first name alone when no
/// one else among them has it; case and accents do not matter, and the name must end there
/// (`@Marcel` does not name Marc).
public enum Mentions {
    /// A message's or a comment's text, trimmed: required, and at most `maximumLength` characters.
    public static func text(_ body: String, maximumLength: Int) throws -> String {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw DomainError.invalidValue(field: "body", reason: "is required") }
        guard text.count <= maximumLength else {
            throw DomainError.invalidValue(field: "body", reason: "must be at most \(maximumLength) characters")
        }
        return text
    }

    public static func named(in text: String, among people: [(id: UserID, name: String)]) -> [UserID] {
        let firstNames = people.map { Self.firstWord(of: $0.name) }
        var named: [(id: UserID, at: String.Index)] = []
        for (index, person) in people.enumerated() where !named.contains(where: { $0.id == person.id }) {
            var forms = [person.name.trimmingCharacters(in: .whitespaces)]
            let first = firstNames[index]
            if !first.isEmpty, firstNames.filter({ Self.same($0, first) }).count == 1 { forms.append(first) }
            let places = forms.filter { !$0.isEmpty }.compactMap { Self.firstMention(in: text, "@" + $0) }
            if let place = places.min() { named.append((person.id, place)) }
        }
        return named.sorted { $0.at < $1.at }.map(\.id)
    }

    static func firstWord(of name: String) -> String {
        String(name.trimmingCharacters(in: .whitespaces).prefix { !$0.isWhitespace })
    }

    static func same(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
    }

    /// Where `text` first holds `form` not followed by a letter or a digit.
    static func firstMention(in text: String, _ form: String) -> String.Index? {
        var searched = text.startIndex..<text.endIndex
        while let found = text.range(of: form, options: [.caseInsensitive, .diacriticInsensitive], range: searched) {
            if found.upperBound == text.endIndex { return found.lowerBound }
            let next = text[found.upperBound]
            if !next.isLetter && !next.isNumber { return found.lowerBound }
            searched = found.upperBound..<text.endIndex
        }
        return nil
    }
}
