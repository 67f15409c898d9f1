import Foundation

/// Text as search compares it: lower case, without diacritics (`Öztürk` finds `ozturk`, `élève`
/// finds `eleve`), cut into words of letters and digits.
public enum SearchText {
    /// The folded form of each character, one for one, so positions in the folded text are
    /// positions in the original.
    public static func fold(_ text: String) -> String {
        String(text.map(fold))
    }

    static func fold(_ character: Character) -> Character {
        // Most text is ASCII: lower-cased here, without Foundation's folding (a string per
        // character, hundreds of times slower on a page of OCR text).
        if let ascii = character.asciiValue {
            return Character(Unicode.Scalar((65...90).contains(ascii) ? ascii + 32 : ascii))
        }
        let folded = String(character).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        if folded.count == 1, let only = folded.first { return only }
        return String(character).lowercased().first ?? character
    }

    /// The words of a query, folded, at most 20 of them, each at most 100 characters.
    public static func words(_ text: String) -> [String] {
        fold(text).split { !$0.isLetter && !$0.isNumber }.map { String($0.prefix(100)) }.prefix(20).map { $0 }
    }

    /// Up to `length` words of `text` around the first word matching the query, matches wrapped
    /// in `<mark>…</mark>`; the text itself is HTML-escaped, so the snippet can be shown as HTML.
    /// A word matches when it starts with a query word (plurals, conjugations), or a query word
    /// starts with it (a stem of at least four letters).
    public static func snippet(of text: String, matching query: [String], length: Int = 24) -> String {
        let pieces = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !pieces.isEmpty else { return "" }
        let stems = query.map(stem)
        func matches(_ piece: String) -> Bool {
            fold(piece).split { !$0.isLetter && !$0.isNumber }.contains { word in
                stems.contains { word.hasPrefix($0) || (word.count >= 4 && $0.hasPrefix(word)) }
            }
        }
        let first = pieces.firstIndex(where: matches) ?? 0
        let start = max(0, min(first - length / 3, pieces.count - length))
        let window = pieces[start..<min(pieces.count, start + length)]
        let body = window.map { piece in matches(piece) ? "<mark>\(escape(piece))</mark>" : escape(piece) }
            .joined(separator: " ")
        return (start > 0 ? "… " : "") + body + (start + length < pieces.count ? " …" : "")
    }

    /// A folded word without its plural mark (`ascenseurs`, `travaux`), for prefix matching:
    /// the word's stem is a prefix of its other forms.
    public static func stem(_ word: String) -> String {
        guard word.count > 3, let last = word.last, last == "s" || last == "x" else { return word }
        return String(word.dropLast())
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
