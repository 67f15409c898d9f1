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

/// Reads the codes printed on a page image (QR codes, bar codes): the text each holds.
public protocol BarcodeReader: Sendable {
    func decode(image: [UInt8]) async throws -> [String]
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
    /// Whether the codes printed on the pages are worth decoding for it.
    var readsCodes: Bool { get }
    /// The fields from the text and the codes decoded on its pages (preferred where they say).
    func extract(from text: RecognizedText, codes: [String]) -> [ExtractedField]
}

extension FieldExtractor {
    public var readsCodes: Bool { false }
    public func extract(from text: RecognizedText, codes: [String]) -> [ExtractedField] { extract(from: text) }
}

/// A page's or a file's reading: the text, and the codes decoded on it.
public struct PageReading: Sendable, Equatable {
    public let text: RecognizedText
    public let codes: [String]

    public init(text: RecognizedText, codes: [String]) {
        self.text = text
        self.codes = codes
    }
}
