/// What the documents module refuses, each with what a client needs to explain it.
public enum DocumentError: Error, Equatable, Sendable {
    /// The file's bytes are not a type Gestio keeps (415).
    case unsupportedMediaType(detail: String)
    /// The name or the declared type says one thing, the bytes another (415).
    case mediaTypeMismatch(claimed: String, actual: String)
    /// A file of zero bytes (422).
    case emptyFile
    /// An archive that expands far beyond its size, or cannot be read as one (422).
    case suspiciousArchive(detail: String)
    /// The upload would pass the organization's quota (409).
    case quotaExceeded(remaining: Int64, limit: Int64)
    /// Larger than the per-upload maximum (413).
    case tooLarge(limit: Int64)
    /// A document no module links to (422 naming `entity_type`).
    case unknownEntityType(String)
    /// Deleting it is refused: it supports a record the law keeps (409).
    case retained(reason: String)
    /// No such version of the document (404).
    case versionNotFound(number: Int)
    /// PDFs cannot be made on this server (its fonts are missing) (503).
    case rendererUnavailable
    /// Text cannot be read on this server (Tesseract or its models are missing) (503).
    case readerUnavailable
    /// The version's text cannot be read from its type (an Office file) (409).
    case notReadable(mediaType: String)
    /// Reading the text failed (the reason is stored with the version's text).
    case unreadable(reason: String)
    /// The document's text is still being read, or could not be (409): what is read from it is
    /// asked again once reading is done.
    case textNotReady(DocumentText.Status)
}

extension DocumentError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unsupportedMediaType(let detail): "the file is not a type Gestio keeps: \(detail)"
        case .mediaTypeMismatch(let claimed, let actual): "the file claims to be \(claimed) but its bytes are \(actual)"
        case .emptyFile: "the file is empty"
        case .suspiciousArchive(let detail): "the archive is refused: \(detail)"
        case .quotaExceeded(let remaining, let limit):
            "the organization's storage is full: \(remaining) of \(limit) bytes remain"
        case .tooLarge(let limit): "the file is larger than \(limit) bytes"
        case .unknownEntityType(let type): "documents cannot be linked to \(type)"
        case .retained(let reason): "the document is kept: \(reason)"
        case .versionNotFound(let number): "the document has no version \(number)"
        case .rendererUnavailable: "this server cannot make PDFs: its fonts are missing (fonts-dejavu-core)"
        case .readerUnavailable: "this server cannot read documents' text: Tesseract or its language models are missing"
        case .notReadable(let type): "text is read from PDFs and images, not from \(type)"
        case .unreadable(let reason): "the text cannot be read: \(reason)"
        case .textNotReady(let status): "the document's text is \(status.rawValue): ask again once reading is done"
        }
    }
}
