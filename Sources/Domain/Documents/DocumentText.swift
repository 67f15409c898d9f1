public import Foundation

/// The text read from one version of a document (its PDF text layer, or OCR of its pages), and
/// the typed fields found in it. Reading runs as a job: `pending` → `running` (page by page) →
/// `done`, or `failed` with the reason; it may be run again.
public struct DocumentText: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        case pending, running, done, failed
    }

    public let documentID: DocumentID
    public let version: Int
    public let organizationID: OrganizationID
    public var status: Status
    public var pagesDone: Int
    /// Known once reading starts.
    public var pagesTotal: Int?
    public var text: String
    /// The mean confidence of the pages read (1 for a text layer).
    public var confidence: Double?
    public var fields: [ExtractedField]
    public var error: String?
    public var attempts: Int
    public var updatedAt: Date

    public init(
        documentID: DocumentID, version: Int, organizationID: OrganizationID, status: Status = .pending,
        pagesDone: Int = 0, pagesTotal: Int? = nil, text: String = "", confidence: Double? = nil,
        fields: [ExtractedField] = [], error: String? = nil, attempts: Int = 0, updatedAt: Date
    ) {
        self.documentID = documentID
        self.version = version
        self.organizationID = organizationID
        self.status = status
        self.pagesDone = pagesDone
        self.pagesTotal = pagesTotal
        self.text = text
        self.confidence = confidence
        self.fields = fields
        self.error = error
        self.attempts = attempts
        self.updatedAt = updatedAt
    }

    /// Media types whose text can be read: PDF (its text layer, or its pages rendered) and images.
    public static func readable(_ type: MediaType) -> Bool {
        [.pdf, .png, .jpeg, .tiff, .webp].contains(type)
    }
}

/// A field read from a document's text: its normalized value (amounts as `1234.56`, dates as
/// `2026-03-31`, identifiers without spaces), how sure the reading is (0…1), and where in the
/// text it came from.
public struct ExtractedField: Sendable, Equatable, Codable {
    public let name: String
    public let value: String
    public let confidence: Double
    /// Offsets in the document's text, in characters (start inclusive, end exclusive).
    public let start: Int
    public let end: Int
    /// The text at those offsets, as read.
    public let source: String

    public init(name: String, value: String, confidence: Double, start: Int, end: Int, source: String) {
        self.name = name
        self.value = value
        self.confidence = min(1, max(0, confidence))
        self.start = start
        self.end = end
        self.source = source
    }
}

extension ExtractedField {
    /// What a use case took from this reading, under its own field name: the same confidence and
    /// place in the text.
    public func taken(as name: String, value: String) -> ExtractedField {
        ExtractedField(name: name, value: value, confidence: confidence, start: start, end: end, source: source)
    }
}
