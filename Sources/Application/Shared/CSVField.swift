/// One field of a delimited text export, quoted as RFC 4180 says when it holds the separator, a
/// quote or a line break.
enum CSVField {
    /// `text` as a field; with `defusingFormulas`, a field a spreadsheet would run as a formula
    /// (`=`, `+`, `-`, `@` first, and not a number) starts with `'`.
    static func quoted(_ text: String, separator: Character, defusingFormulas: Bool = false) -> String {
        var text = text
        if defusingFormulas, let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
