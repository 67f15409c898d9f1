public import Foundation
import HTTPServer
public import Logging

/// How log lines are written: `text` for people, `json` (one object per line) for log pipelines.
public enum LogFormat: String, Sendable, CaseIterable {
    case text
    case json
}

/// Writes each log record to standard error as one line, with one `write(2)`: concurrent
/// requests never interleave their lines, and no lock is held while formatting.
///
/// Written by hand rather than swift-log's `StreamLogHandler` because that one has no JSON form,
/// and formats its timestamp through `strftime` with the local time zone on every line.
public struct LineLogHandler: LogHandler {
    public let label: String
    public let format: LogFormat
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]

    public init(label: String, format: LogFormat) {
        self.label = label
        self.format = format
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line: String
        if let extra = event.metadata, !extra.isEmpty {
            var pairs = Array(extra)
            pairs.reserveCapacity(extra.count + metadata.count)
            for (key, value) in metadata where extra[key] == nil { pairs.append((key, value)) }
            line = Self.line(
                format: format, time: Date(), level: event.level, label: label, message: event.message.description,
                pairs: pairs)
        } else {
            line = Self.line(
                format: format, time: Date(), level: event.level, label: label, message: event.message.description,
                pairs: Array(metadata))
        }
        line.append("\n")
        line.withUTF8 { bytes in
            var remaining = UnsafeRawBufferPointer(bytes)
            while !remaining.isEmpty {
                let written = Foundation.write(STDERR_FILENO, remaining.baseAddress, remaining.count)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                remaining = UnsafeRawBufferPointer(rebasing: remaining[written...])
            }
        }
    }

    /// One record as its line, without the newline. Metadata keys are sorted, so lines compare.
    public static func line(
        format: LogFormat, time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata
    ) -> String {
        line(format: format, time: time, level: level, label: label, message: message, pairs: Array(metadata))
    }

    static func line(
        format: LogFormat, time: Date, level: Logger.Level, label: String, message: String,
        pairs unsorted: [(key: String, value: Logger.MetadataValue)]
    ) -> String {
        let pairs = unsorted.sorted { $0.key < $1.key }
        var line = ""
        line.reserveCapacity(160 + 48 * pairs.count)
        switch format {
        case .text:
            line += timestamp(time)
            line += " "
            line += level.rawValue
            line += " "
            line += label
            line += ": "
            line += message
            for (key, value) in pairs {
                line += " "
                line += key
                line += "="
                line += value.description
            }
        case .json:
            line += "{\"time\":\""
            line += timestamp(time)
            line += "\",\"level\":\""
            line += level.rawValue
            line += "\",\"label\":"
            appendJSONString(label, to: &line)
            line += ",\"message\":"
            appendJSONString(message, to: &line)
            for (key, value) in pairs where !reservedKeys.contains(key) {
                line += ","
                appendJSONString(key, to: &line)
                line += ":"
                appendJSON(value, to: &line)
            }
            line += "}"
        }
        return line
    }

    private static let reservedKeys: Set<String> = ["time", "level", "label", "message"]

    static func timestamp(_ time: Date) -> String { RFC3339.string(from: time, milliseconds: true) }

    /// Numbers and booleans given as `.stringConvertible` stay JSON numbers and booleans.
    static func appendJSON(_ value: Logger.MetadataValue, to line: inout String) {
        switch value {
        case .string(let string): appendJSONString(string, to: &line)
        case .stringConvertible(let convertible):
            switch convertible {
            case let number as Int: line += String(number)
            case let number as Double where number.isFinite: line += String(number)
            case let flag as Bool: line += flag ? "true" : "false"
            default: appendJSONString(convertible.description, to: &line)
            }
        case .array(let values):
            line += "["
            for (index, element) in values.enumerated() {
                if index > 0 { line += "," }
                appendJSON(element, to: &line)
            }
            line += "]"
        case .dictionary(let dictionary):
            line += "{"
            for (index, key) in dictionary.keys.sorted().enumerated() {
                if index > 0 { line += "," }
                appendJSONString(key, to: &line)
                line += ":"
                appendJSON(dictionary[key]!, to: &line)
            }
            line += "}"
        }
    }

    static func appendJSONString(_ string: String, to line: inout String) {
        line += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
    }
}
