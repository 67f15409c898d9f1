import Domain
public import Foundation

/// A document to print, as the modules describe it: headings, paragraphs and tables, a logo and
/// a footer. The renderer lays it out on A4 pages (tables break across pages with their header
/// repeated; every page is numbered).
public struct PrintDocument: Sendable, Equatable {
    public enum Block: Sendable, Equatable {
        case heading(String)
        case paragraph(String)
        case table(Table)
        /// A QR code, drawn square at the left with its caption beside it.
        case qrCode(QRCode, caption: String)
    }

    public struct Table: Sendable, Equatable {
        public let headers: [String]
        public let rows: [[String]]
        /// Each column's share of the width; equal when empty.
        public let widths: [Double]
        /// Columns whose text is right-aligned (amounts).
        public let rightAligned: Set<Int>

        public init(headers: [String], rows: [[String]], widths: [Double] = [], rightAligned: Set<Int> = []) {
            self.headers = headers
            self.rows = rows
            self.widths = widths
            self.rightAligned = rightAligned
        }
    }

    public var title: String
    public var blocks: [Block]
    /// Printed at the foot of every page, beside its number.
    public var footer: String
    /// A PNG shown at the top of the first page.
    public var logoPNG: [UInt8]?

    public init(title: String, blocks: [Block], footer: String, logoPNG: [UInt8]? = nil) {
        self.title = title
        self.blocks = blocks
        self.footer = footer
        self.logoPNG = logoPNG
    }
}

extension PrintDocument {
    /// A moment as prints show it: `2026-12-01 14:05 UTC`.
    public static func time(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let minutes = ((seconds % 86_400) + 86_400) % 86_400 / 60
        let hour = minutes / 60
        let minute = minutes % 60
        return "\(CalendarDate(utcDayOf: date)) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute) UTC"
    }
}

/// A QR code symbol: `size` × `size` modules, row by row, true for a dark one.
public struct QRCode: Sendable, Equatable {
    public let size: Int
    public let modules: [Bool]

    public init(size: Int, modules: [Bool]) throws {
        guard (21...177).contains(size), modules.count == size * size else {
            throw DomainError.invalidValue(field: "qrCode", reason: "is not a QR code symbol")
        }
        self.size = size
        self.modules = modules
    }

    public func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }
}

/// Makes the QR code of a text (a verification link).
public protocol QRCodeEncoder: Sendable {
    func encode(_ text: String) throws -> QRCode
}

/// Renders a `PrintDocument` as PDF bytes.
public protocol DocumentRenderer: Sendable {
    func render(_ document: PrintDocument) throws -> [UInt8]
}
