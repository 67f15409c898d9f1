public import Application
import CTesseract
import Dispatch
import Foundation

/// OCR through Tesseract's C API (Debian libtesseract-dev, languages fra, eng and nld). A bounded
/// pool of engines, each one Tesseract handle (a handle is not thread-safe, and loading its
/// models takes a second, so it is made once and reused). An engine works on a dispatch queue of
/// its own, so a page that takes seconds never holds a thread of Swift's cooperative pool (two
/// on this machine) or an HTTP event loop.
public final class TesseractRecognizer: TextRecognizer {
    let pool: EnginePool

    /// `engines` pages are read at once; `languages` as Tesseract names them (`fra+eng+nld`).
    public init(engines: Int, languages: String = "fra+eng+nld", dataPath: String? = nil) throws {
        let dataPath = dataPath ?? Self.defaultDataPath()
        for language in languages.split(separator: "+") {
            let model = "\(dataPath)/\(language).traineddata"
            guard FileManager.default.fileExists(atPath: model) else {
                throw OCRError(
                    description: "the Tesseract model \(model) is missing (install tesseract-ocr-\(language))")
            }
        }
        pool = EnginePool(
            (0..<max(1, engines)).map { Engine(number: $0, languages: languages, dataPath: dataPath) })
    }

    /// TESSDATA_PREFIX when set, else Debian's folder.
    static func defaultDataPath() -> String {
        if let prefix = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"], !prefix.isEmpty { return prefix }
        let candidates = ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata"]
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
    }

    public func recognize(image: [UInt8], dpi: Int?) async throws -> RecognizedText {
        let engine = await pool.take()
        defer { Task { await pool.give(engine) } }
        return try await engine.recognize(image, dpi: dpi)
    }
}

struct OCRError: Error, CustomStringConvertible {
    let description: String
}

/// Hands out idle engines; a caller waits while all are busy.
actor EnginePool {
    var idle: [Engine]
    var waiting: [CheckedContinuation<Engine, Never>] = []

    init(_ engines: [Engine]) { idle = engines }

    func take() async -> Engine {
        if let engine = idle.popLast() { return engine }
        return await withCheckedContinuation { waiting.append($0) }
    }

    func give(_ engine: Engine) {
        if waiting.isEmpty { idle.append(engine) } else { waiting.removeFirst().resume(returning: engine) }
    }
}

/// One Tesseract handle, used on one serial queue only (made there at first use).
final class Engine: @unchecked Sendable {
    let queue: DispatchQueue
    let languages: String
    let dataPath: String
    /// Touched on `queue` only: the reading handle, and one for orientation (OSD) alone.
    private var handle: OpaquePointer?
    private var orientation: OpaquePointer?

    /// An A3 page at 600 dpi, roughly; larger pictures are refused before they are decoded.
    static let maxPixels = 70_000_000

    init(number: Int, languages: String, dataPath: String) {
        queue = DispatchQueue(label: "gestio.ocr.\(number)")
        self.languages = languages
        self.dataPath = dataPath
    }

    deinit {
        if let handle { TessBaseAPIDelete(handle) }
        if let orientation { TessBaseAPIDelete(orientation) }
    }

    func recognize(_ image: [UInt8], dpi: Int?) async throws -> RecognizedText {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.read(image, dpi: dpi) })
            }
        }
    }

    private func started() throws -> (read: OpaquePointer, orient: OpaquePointer) {
        if let handle, let orientation { return (handle, orientation) }
        // Leptonica's complaints about a broken image go nowhere: the reading fails with a reason.
        _ = setMsgSeverity(Int32(L_SEVERITY_NONE))
        let read = try Self.make(languages, dataPath: dataPath)
        let orient: OpaquePointer
        do { orient = try Self.make("osd", dataPath: dataPath) } catch {
            TessBaseAPIDelete(read)
            throw error
        }
        TessBaseAPISetPageSegMode(orient, PSM_OSD_ONLY)
        handle = read
        orientation = orient
        return (read, orient)
    }

    private static func make(_ languages: String, dataPath: String) throws -> OpaquePointer {
        guard let made = TessBaseAPICreate() else { throw OCRError(description: "Tesseract could not start") }
        guard TessBaseAPIInit3(made, dataPath, languages) == 0 else {
            TessBaseAPIDelete(made)
            throw OCRError(description: "Tesseract could not load \(languages) from \(dataPath)")
        }
        // Logs go nowhere: a page without a resolution or a word is not worth a line on stderr.
        _ = TessBaseAPISetVariable(made, "debug_file", "/dev/null")
        return made
    }

    /// On `queue`: decode, straighten, read.
    private func read(_ image: [UInt8], dpi: Int?) throws -> RecognizedText {
        // The size the header states is checked before decoding: a small file can claim a
        // picture of gigabytes.
        var (format, width, height, bits, samples, colormap): (Int32, Int32, Int32, Int32, Int32, Int32) = (
            0, 0, 0, 0, 0, 0
        )
        let header = image.withUnsafeBufferPointer {
            pixReadHeaderMem($0.baseAddress, $0.count, &format, &width, &height, &bits, &samples, &colormap)
        }
        guard header == 0 else { throw OCRError(description: "the image cannot be decoded") }
        guard width >= 16, height >= 16, Int(width) * Int(height) <= Self.maxPixels else {
            throw OCRError(description: "the image is \(width)×\(height) pixels: too small or too large to read")
        }
        // The engine starts (its models load) only for an image worth reading.
        let (api, orient) = try started()
        var decoded = image.withUnsafeBufferPointer { pixReadMem($0.baseAddress, $0.count) }
        guard decoded != nil else { throw OCRError(description: "the image cannot be decoded") }
        defer { pixDestroy(&decoded) }
        var gray = pixConvertTo8(decoded, 0)
        guard gray != nil else { throw OCRError(description: "the image cannot be converted to gray") }
        defer { pixDestroy(&gray) }
        let resolution = dpi ?? Int(pixGetXRes(gray))
        // A page turned a quarter or upside down is turned back; a slightly skewed one straightened.
        var upright = try turnedUpright(gray, api: orient, resolution: resolution)
        defer { pixDestroy(&upright) }
        var straight = pixDeskew(upright, 0)
        defer { if straight != nil { pixDestroy(&straight) } }
        TessBaseAPISetImage2(api, straight ?? upright)
        TessBaseAPISetSourceResolution(api, Int32(resolution > 0 ? resolution : 300))
        guard TessBaseAPIRecognize(api, nil) == 0, let text = TessBaseAPIGetUTF8Text(api) else {
            TessBaseAPIClear(api)
            throw OCRError(description: "Tesseract could not read the page")
        }
        defer { TessDeleteText(text) }
        let confidence = Double(max(0, TessBaseAPIMeanTextConf(api))) / 100
        TessBaseAPIClear(api)
        return RecognizedText(text: String(cString: text), confidence: confidence)
    }

    /// The page turned by the orientation Tesseract's OSD finds (a copy when no turn is needed).
    private func turnedUpright(_ gray: UnsafeMutablePointer<Pix>?, api: OpaquePointer, resolution: Int) throws
        -> UnsafeMutablePointer<Pix>?
    {
        TessBaseAPISetImage2(api, gray)
        TessBaseAPISetSourceResolution(api, Int32(resolution > 0 ? resolution : 300))
        var degrees: Int32 = 0
        var orientationConfidence: Float = 0
        var script: UnsafePointer<CChar>?
        var scriptConfidence: Float = 0
        let detected = TessBaseAPIDetectOrientationScript(
            api, &degrees, &orientationConfidence, &script, &scriptConfidence)
        TessBaseAPIClear(api)
        // OSD's degrees are clockwise of the text; pixRotateOrth turns clockwise by quarters.
        let quarters = detected != 0 && orientationConfidence > 2 ? Int32((360 - degrees) % 360 / 90) : 0
        guard let turned = quarters == 0 ? pixCopy(nil, gray) : pixRotateOrth(gray, quarters) else {
            throw OCRError(description: "the image cannot be turned")
        }
        return turned
    }
}
