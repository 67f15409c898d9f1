public import Domain

/// A page's text as the engine read it, with its mean word confidence (0…1).
public struct RecognizedText: Sendable, Equatable {
    public let text: String
    public let confidence: Double

    public init(text: String, confidence: Double) {
        self.text = text
        self.confidence = confidence
    }
}

/// Reads the text of a page image (PNG, JPEG, TIFF or WebP bytes). Implementations keep the
/// engine's work off the threads that serve requests.
public protocol TextRecognizer: Sendable {
    /// `dpi` is the image's resolution when known (a rendered PDF page); otherwise the image's
    /// own, or the engine's guess.
    func recognize(image: [UInt8], dpi: Int?) async throws -> RecognizedText
}

/// The pages of a PDF: each page's text layer, and a page rendered as an image when it has none
/// (a scan).
public protocol PDFPageSource: Sendable {
    func open(_ pdf: [UInt8]) async throws -> any PDFPages
}

public protocol PDFPages: Sendable {
    var count: Int { get }
    /// The page's text layer (empty for a scanned page); pages count from 1.
    func text(ofPage page: Int) async throws -> String
    /// The page as a PNG at `dpi`.
    func image(ofPage page: Int, dpi: Int) async throws -> [UInt8]
    /// Forgets the temporary files.
    func close() async
}

/// Reads typed fields from a document's text: one implementation per kind of document
/// (invoices here; the inspection centre adds registration cards).
public protocol FieldExtractor: Sendable {
    /// The kinds of document it reads.
    var kinds: Set<Document.Kind> { get }
    func extract(from text: RecognizedText) -> [ExtractedField]
}
