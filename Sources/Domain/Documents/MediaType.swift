/// The media types Gestio keeps, told from a file's first bytes (and, for the Office formats,
/// which are ZIP archives, from the names of their entries), never from what the client says.
public struct MediaType: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    /// The usual extensions, the first one preferred.
    public let extensions: [String]

    public var description: String { name }

    public static let pdf = MediaType(name: "application/pdf", extensions: ["pdf"])
    public static let png = MediaType(name: "image/png", extensions: ["png"])
    public static let jpeg = MediaType(name: "image/jpeg", extensions: ["jpg", "jpeg"])
    public static let tiff = MediaType(name: "image/tiff", extensions: ["tif", "tiff"])
    public static let webp = MediaType(name: "image/webp", extensions: ["webp"])
    public static let docx = MediaType(
        name: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"])
    public static let xlsx = MediaType(
        name: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"])
    public static let pptx = MediaType(
        name: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extensions: ["pptx"])
    public static let doc = MediaType(name: "application/msword", extensions: ["doc"])
    public static let xls = MediaType(name: "application/vnd.ms-excel", extensions: ["xls"])
    public static let ppt = MediaType(name: "application/vnd.ms-powerpoint", extensions: ["ppt"])
    public static let odt = MediaType(name: "application/vnd.oasis.opendocument.text", extensions: ["odt"])
    public static let ods = MediaType(name: "application/vnd.oasis.opendocument.spreadsheet", extensions: ["ods"])
    public static let odp = MediaType(name: "application/vnd.oasis.opendocument.presentation", extensions: ["odp"])

    /// Every type kept by default.
    public static let allowed: [MediaType] = [
        .pdf, .png, .jpeg, .tiff, .webp, .docx, .xlsx, .pptx, .doc, .xls, .ppt, .odt, .ods, .odp,
    ]

    public static func named(_ name: String) -> MediaType? {
        let bare = name.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return allowed.first { $0.name == bare }
    }

    /// The kind of container the first bytes announce.
    public enum Signature: Sendable, Equatable {
        case type(MediaType)
        /// A ZIP archive: its entries tell which Office or OpenDocument format it is.
        case zip
        /// An OLE compound file (the Office formats before 2007): its extension tells which.
        case compoundFile
    }

    /// What the first bytes say, or nil for anything Gestio does not keep.
    public static func signature(of prefix: [UInt8]) -> Signature? {
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            prefix.count >= offset + magic.count && Array(prefix[offset..<offset + magic.count]) == magic
        }
        if starts(Array("%PDF-".utf8)) { return .type(.pdf) }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .type(.png) }
        if starts([0xFF, 0xD8, 0xFF]) { return .type(.jpeg) }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .type(.tiff) }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .type(.webp) }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return .zip }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .compoundFile }
        return nil
    }

    /// The Office or OpenDocument format of a ZIP archive, from its entries: OpenDocument names
    /// its type in a first entry `mimetype`; Office Open XML has `[Content_Types].xml` and a
    /// main part per format.
    public static func officeFormat(entries: [String], mimetypeEntry: String?) -> MediaType? {
        if let declared = mimetypeEntry.flatMap(named), [odt, ods, odp].contains(declared) { return declared }
        guard entries.contains("[Content_Types].xml") else { return nil }
        if entries.contains("word/document.xml") { return .docx }
        if entries.contains("xl/workbook.xml") { return .xlsx }
        if entries.contains("ppt/presentation.xml") { return .pptx }
        return nil
    }

    /// A file's extension, lower-cased, when it has one.
    public static func fileExtension(of fileName: String) -> String? {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return nil }
        let ext = fileName[fileName.index(after: dot)...].lowercased()
        return ext.isEmpty ? nil : ext
    }

    /// The type a file's name claims, when its extension is one Gestio knows.
    public static func claimed(byName fileName: String) -> MediaType? {
        guard let ext = fileExtension(of: fileName) else { return nil }
        return allowed.first { $0.extensions.contains(ext) }
    }
}
