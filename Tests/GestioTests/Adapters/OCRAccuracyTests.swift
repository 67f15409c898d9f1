import Application
import Domain
import Foundation
import OCRAdapters
import Testing

/// The invoices of `Tests/Fixtures/ocr/`, rendered from their known text, read back: from the
/// PDF's text layer (every field right), and as page images through Tesseract, clean or
/// degraded (rotated, skewed, noisy, low resolution), field by field against the truth. The aims
/// are ≥ 95 % of fields right on clean pages and ≥ 85 % on degraded ones. `scripts/bench ocr`
/// runs this suite in release and reports its figures (precision, recall, pages per second) in
/// docs/PERFORMANCE.md; the speed is printed, never asserted.
@Suite("OCR and invoice extraction", .serialized)
struct OCRAccuracyTests {
    @Test("Every field of every invoice is read right from the PDF's text layer")
    func textLayer() async throws {
        let pages = try PopplerPDFPageSource()
        var score = FieldScore()
        for fixture in try InvoiceFixture.all() {
            let pdf = try await pages.open(try fixture.pdf())
            let text = try await pdf.text(ofPage: 1)
            await pdf.close()
            let fields = InvoiceExtractor().extract(from: RecognizedText(text: text, confidence: 1))
            score.add(fixture.name, fixture.truth, fields.values)
            // Each field points at the text it came from.
            let characters = Array(text)
            for field in fields {
                #expect(String(characters[field.start..<field.end]) == field.source)
            }
        }
        #expect(score.misses == [])
        #expect(score.recall == 1)
    }

    @Test("Page images through Tesseract: ≥ 95 % of fields right on clean pages, ≥ 85 % on degraded ones")
    func scannedPages() async throws {
        let fixtures = try InvoiceFixture.all()
        var images: [(png: [UInt8], dpi: Int)] = []
        for fixture in fixtures { images.append(try await fixture.image()) }
        let recognizer = try TesseractRecognizer(engines: 2)
        let started = ContinuousClock.now
        let readings = try await withThrowingTaskGroup(of: (Int, RecognizedText).self) { group in
            for (index, image) in images.enumerated() {
                group.addTask { (index, try await recognizer.recognize(image: image.png, dpi: image.dpi)) }
            }
            return try await group.reduce(into: [Int: RecognizedText]()) { $0[$1.0] = $1.1 }
        }
        let elapsed = started.duration(to: .now)
        var clean = FieldScore()
        var degraded = FieldScore()
        for (index, fixture) in fixtures.enumerated() {
            let text = try #require(readings[index])
            let fields = InvoiceExtractor().extract(from: text)
            let values = fields.values
            if fixture.isClean {
                clean.add(fixture.name, fixture.truth, values)
            } else {
                degraded.add(fixture.name, fixture.truth, values)
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let format = { (value: Double) in String(format: "%.3f", value) }
        print(
            """
            ocr-accuracy clean: \(clean.right)/\(clean.expected) right, precision \(format(clean.precision)), \
            recall \(format(clean.recall)); degraded: \(degraded.right)/\(degraded.expected) right, precision \
            \(format(degraded.precision)), recall \(format(degraded.recall)); \(fixtures.count) pages in \
            \(format(seconds)) s (\(format(Double(fixtures.count) / seconds)) pages/s, 2 engines)
            """)
        for miss in clean.misses + degraded.misses { print("ocr-accuracy miss: \(miss)") }
        #expect(clean.recall >= 0.95)
        #expect(degraded.recall >= 0.85)
    }

    @Test("An image is refused from its header when it claims too many pixels, and garbage is refused as undecodable")
    func refusedImages() async throws {
        let recognizer = try TesseractRecognizer(engines: 1)
        // 300 bytes claiming 65,535 × 65,535 pixels (4 GB once decoded): refused before decoding.
        let bomb = PNG.encode(width: 65_535, height: 65_535, colorType: 0, rows: Array(repeating: 0, count: 200))
        await #expect {
            _ = try await recognizer.recognize(image: bomb, dpi: 300)
        } throws: { error in
            String(describing: error).contains("65535×65535 pixels: too small or too large")
        }
        let tiny = PNG.encode(width: 8, height: 8, colorType: 0, rows: Array(repeating: 0, count: 72))
        await #expect {
            _ = try await recognizer.recognize(image: tiny, dpi: 300)
        } throws: { error in
            String(describing: error).contains("8×8 pixels")
        }
        await #expect {
            _ = try await recognizer.recognize(image: Array("not an image at all".utf8), dpi: nil)
        } throws: { error in
            String(describing: error).contains("cannot be decoded")
        }
    }

    @Test("Any text, however broken, is read without a crash and every span points into it")
    func arbitraryText() {
        let alphabet = "0123456789 .,+*/%€:-\n\tBEFRIBANbicTVAtotalTTCHTVAbtwDate n°ÉéöŚ|_O"
        for text in RandomText.samples(of: alphabet, count: 2000, seed: 0x9E37_79B9_7F4A_7C15, lengthScale: 4) {
            let characters = Array(text)
            for field in InvoiceExtractor().extract(from: RecognizedText(text: text, confidence: 0.9)) {
                #expect(field.start <= field.end && field.end <= characters.count)
                #expect((0...1).contains(field.confidence))
            }
        }
    }
}
