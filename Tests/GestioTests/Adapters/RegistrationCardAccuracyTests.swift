import Application
import Domain
import Foundation
import OCRAdapters
import Testing

/// The registration cards of `Tests/Fixtures/ocr/`, rendered from their known text, read as a
/// desk's scan would be: through Tesseract and zbar, clean or degraded (rotated, skewed, noisy,
/// low resolution), field by field against the truth. The aims are ≥ 95 % of fields right on
/// clean scans and ≥ 85 % on degraded ones; `scripts/bench ocr` reports the figures in
/// docs/PERFORMANCE.md. With GESTIO_PRINT_OCR set, each card's text is printed as read.
@Suite("Registration cards read by OCR and from their QR code", .serialized)
struct RegistrationCardAccuracyTests {
    @Test("Scans through Tesseract and zbar: ≥ 95 % of fields right on clean cards, ≥ 85 % on degraded ones")
    func scannedCards() async throws {
        let fixtures = try RegistrationCardFixture.all()
        #expect(fixtures.count >= 5)
        let recognizer = try TesseractRecognizer(engines: 2)
        let codes = ZBarReader()
        var clean = FieldScore()
        var degraded = FieldScore()
        let started = ContinuousClock.now
        for fixture in fixtures {
            let image = try await fixture.image()
            async let text = recognizer.recognize(image: image.png, dpi: image.dpi)
            async let decoded = codes.decode(image: image.png)
            let found = try await decoded
            // A card with a code has it decoded; a card without, none.
            #expect(found.count == (fixture.qr ? 1 : 0), "\(fixture.name): \(found.count) codes")
            if ProcessInfo.processInfo.environment["GESTIO_PRINT_OCR"] != nil {
                print("card-text \(fixture.name):\n\(try await text.text)")
            }
            let readings = RegistrationCardReader().read(
                text: try await text.text, confidence: try await text.confidence, codes: found)
            let fields = readings.map(\.extracted).values
            if fixture.isClean {
                clean.add(fixture.name, fixture.truth, fields)
            } else {
                degraded.add(fixture.name, fixture.truth, fields)
            }
        }
        let seconds = started.duration(to: .now).seconds
        print(
            """
            card-accuracy clean: \(clean.summary); degraded: \(degraded.summary); \(fixtures.count) cards in \
            \(String(format: "%.2f", seconds)) s
            """)
        for miss in clean.misses + degraded.misses { print("card-accuracy miss: \(miss)") }
        #expect(clean.recall >= 0.95)
        #expect(degraded.recall >= 0.85)
    }

    @Test("The code's fields are exact, and preferred to the text's")
    func codePreferred() {
        let reading = RegistrationCardReader().read(
            text: "A 1-XXX-999\nJ M1\nP.3 DIESEL", confidence: 0.9,
            codes: ["A=1-ABC-123;B=2019-03-14;E=WVWZZZAU5KW123456;P.3=ESSENCE;Z=ignored;nonsense"])
        let byName = Dictionary(uniqueKeysWithValues: reading.map { ($0.field.name, $0) })
        #expect(byName["plate"]?.value == "1-ABC-123")
        #expect(byName["plate"]?.origin == .code)
        #expect(byName["plate"]?.confidence == 1)
        #expect(byName["fuel"]?.value == "petrol")
        #expect(byName["category"]?.origin == .text)
        #expect(byName["vin"]?.needsCheck == false)
    }

    @Test("OCR's confusions are put right where a field's shape says, and such a field counts as less sure")
    func corrections() {
        let text =
            "A  1-A8C-I23\nB 14/O3/2019\nE WVWZZZAUSKW123456\nJ Ml\nD1 VOLKSWAGEN\nP.l 1 498   P,2 81,0   P.3 Hybride essence"
        let reading = RegistrationCardReader().read(text: text, confidence: 0.95, codes: [])
        let byName = Dictionary(uniqueKeysWithValues: reading.map { ($0.field.name, $0) })
        #expect(byName["plate"]?.value == "1-ABC-123")
        #expect(byName["plate"]?.needsCheck == true)
        #expect(byName["first_registration"]?.value == "2019-03-14")
        #expect(byName["category"]?.value == "M1")
        #expect(byName["make"]?.value == "VOLKSWAGEN")
        #expect(byName["cylinder_capacity"]?.value == "1498")
        #expect(byName["power_kw"]?.value == "81")
        #expect(byName["fuel"]?.value == "hybrid")
        // `S` in a VIN is a letter it may hold: no check digit then, so it is flagged.
        #expect(byName["vin"]?.value == "WVWZZZAUSKW123456")
        #expect(byName["vin"]?.needsCheck == true)
        // Every field points at the text it came from.
        let characters = Array(text)
        for field in reading { #expect(String(characters[field.start..<field.end]) == field.source) }
    }

    @Test("Any text or code, however broken, is read without a crash, and every span points into it")
    func arbitraryInput() {
        for text in RandomText.samples(of: "ABCDEJPX0123456789.,:;=|/- \nOIlSé€MN", count: 2000, seed: 0x2545_F491) {
            let characters = Array(text)
            for field in RegistrationCardReader().read(text: text, confidence: 0.9, codes: [text]) {
                #expect((0...1).contains(field.confidence))
                if field.origin == .text {
                    #expect(field.start <= field.end && field.end <= characters.count)
                }
            }
        }
    }
}

/// Texts of random length (up to 189 characters) drawn from an alphabet, the same each run.
enum RandomText {
    static func samples(of alphabet: String, count: Int, seed: UInt64, lengthScale: Int = 3) -> [String] {
        let characters = Array(alphabet)
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        return (0..<count).map { _ in
            String((0..<Int(next() >> 58) * lengthScale).map { _ in characters[Int(next() >> 33) % characters.count] })
        }
    }
}

/// Fields right, found and expected, over several readings.
struct FieldScore {
    var right = 0
    var found = 0
    var expected = 0
    var misses: [String] = []

    mutating func add(_ name: String, _ truth: [String: String], _ fields: [String: String]) {
        expected += truth.count
        for (field, value) in truth.sorted(by: { $0.key < $1.key }) {
            let got = fields[field]
            if got != nil { found += 1 }
            if got == value { right += 1 } else { misses.append("\(name) \(field): \(got ?? "-") ≠ \(value)") }
        }
    }

    var precision: Double { found == 0 ? 0 : Double(right) / Double(found) }
    var recall: Double { expected == 0 ? 0 : Double(right) / Double(expected) }
    var summary: String {
        "\(right)/\(expected) right, precision \(String(format: "%.3f", precision)), recall \(String(format: "%.3f", recall))"
    }
}

extension Array where Element == ExtractedField {
    /// The first value read under each name.
    var values: [String: String] { Dictionary(map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }) }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
