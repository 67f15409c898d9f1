/// A CSV file read as RFC 4180 says: fields separated by commas (or semicolons, as spreadsheets
/// set to French or Dutch write them; the header line decides), quoted fields may hold separators,
/// line breaks and doubled quotes. The first record is the header; blank records are skipped.
public struct CSVTable: Sendable {
    public struct Record: Sendable {
        /// The file line the record starts on (1 is the header).
        public let line: Int
        public let fields: [String]
    }

    public struct Malformed: Error, Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public let header: [String]
    public let records: [Record]

    public init(parsing text: String) throws {
        var scalars = Substring(text).unicodeScalars
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }  // Excel's byte order mark
        let firstLine = scalars.prefix { $0 != "\n" && $0 != "\r" }
        let separator: Unicode.Scalar =
            firstLine.filter({ $0 == ";" }).count > firstLine.filter({ $0 == "," }).count ? ";" : ","
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var quoted = false
        var fieldWasQuoted = false
        var index = scalars.startIndex

        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            fieldWasQuoted = false
        }

        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            if quoted {
                if scalar == "\"" {
                    if index < scalars.endIndex, scalars[index] == "\"" {
                        field.append("\"")
                        index = scalars.index(after: index)
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard field.isEmpty else {
                    throw Malformed(line: line, reason: "a quote inside an unquoted field")
                }
                quoted = true
                fieldWasQuoted = true
            case separator:
                fields.append(String(field))
                field = String.UnicodeScalarView()
                fieldWasQuoted = false
            case "\r", "\n":
                if scalar == "\r", index < scalars.endIndex, scalars[index] == "\n" {
                    index = scalars.index(after: index)
                }
                endRecord()
                line += 1
                recordLine = line
            default:
                guard !fieldWasQuoted else {
                    throw Malformed(line: line, reason: "text after a closing quote")
                }
                field.append(scalar)
            }
        }
        guard !quoted else { throw Malformed(line: recordLine, reason: "a quoted field is not closed") }
        endRecord()
        guard let header = records.first else { throw Malformed(line: 1, reason: "the file is empty") }
        self.header = header.fields.map { $0.trimmingSpaces.lowercased() }
        self.records = Array(records.dropFirst())
    }
}

extension String {
    var trimmingSpaces: String {
        var view = Substring(self)
        while view.first?.isWhitespace == true { view.removeFirst() }
        while view.last?.isWhitespace == true { view.removeLast() }
        return String(view)
    }
}
