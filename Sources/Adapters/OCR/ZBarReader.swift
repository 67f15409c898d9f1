public import Application
import CTesseract
import CZBar
import Dispatch

/// The QR codes (and bar codes) printed on a page image, through zbar's C API (Debian
/// libzbar-dev). Leptonica decodes the image to 8-bit gray, as for OCR; zbar finds the symbols
/// at any angle. zbar 0.23 reads QR codes, PDF417 in part and linear bar codes, but not Data
/// Matrix: a card whose only code is a Data Matrix is read from its text. The work runs on a
/// dispatch queue, off Swift's cooperative threads.
public struct ZBarReader: BarcodeReader {
    /// Larger pictures are refused from their header, before they are decoded.
    static let maxPixels = 70_000_000

    public init() {}

    public func decode(image: [UInt8]) async throws -> [String] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Self.scan(image) })
            }
        }
    }

    static func scan(_ image: [UInt8]) throws -> [String] {
        let (width, height, pixels) = try gray(image)
        guard let scanner = zbar_image_scanner_create() else { throw OCRError(description: "zbar could not start") }
        defer { zbar_image_scanner_destroy(scanner) }
        _ = zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 1)
        guard let picture = zbar_image_create() else { throw OCRError(description: "zbar could not start") }
        defer { zbar_image_destroy(picture) }
        // "Y800": one byte of gray per pixel, rows one after the other.
        let y800 =
            UInt(UInt8(ascii: "Y")) | UInt(UInt8(ascii: "8")) << 8 | UInt(UInt8(ascii: "0")) << 16
            | UInt(UInt8(ascii: "0")) << 24
        zbar_image_set_format(picture, y800)
        zbar_image_set_size(picture, UInt32(width), UInt32(height))
        return pixels.withUnsafeBufferPointer { buffer -> [String] in
            zbar_image_set_data(picture, buffer.baseAddress, UInt(buffer.count), nil)
            guard zbar_scan_image(scanner, picture) > 0 else { return [] }
            var texts: [String] = []
            var symbol = zbar_image_first_symbol(picture)
            while let found = symbol {
                if let data = zbar_symbol_get_data(found) {
                    let length = Int(zbar_symbol_get_data_length(found))
                    let bytes = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
                    texts.append(String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self))
                }
                symbol = zbar_symbol_next(found)
            }
            // zbar points into the image it keeps; it must let the buffer go before the buffer goes.
            zbar_image_set_data(picture, nil, 0, nil)
            return texts
        }
    }

    /// The image's pixels as 8-bit gray, row after row.
    static func gray(_ image: [UInt8]) throws -> (Int, Int, [UInt8]) {
        var (format, width, height, bits, samples, colormap): (Int32, Int32, Int32, Int32, Int32, Int32) = (
            0, 0, 0, 0, 0, 0
        )
        let header = image.withUnsafeBufferPointer {
            pixReadHeaderMem($0.baseAddress, $0.count, &format, &width, &height, &bits, &samples, &colormap)
        }
        guard header == 0 else { throw OCRError(description: "the image cannot be decoded") }
        guard width >= 16, height >= 16, Int(width) * Int(height) <= maxPixels else {
            throw OCRError(description: "the image is \(width)×\(height) pixels: too small or too large to read")
        }
        var decoded = image.withUnsafeBufferPointer { pixReadMem($0.baseAddress, $0.count) }
        guard decoded != nil else { throw OCRError(description: "the image cannot be decoded") }
        defer { pixDestroy(&decoded) }
        var gray = pixConvertTo8(decoded, 0)
        guard let converted = gray, let data = pixGetData(converted) else {
            throw OCRError(description: "the image cannot be converted to gray")
        }
        defer { pixDestroy(&gray) }
        let (columns, rows) = (Int(pixGetWidth(converted)), Int(pixGetHeight(converted)))
        let wordsPerLine = Int(pixGetWpl(converted))
        var pixels = [UInt8](repeating: 0, count: columns * rows)
        let raw = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
        // Leptonica keeps each row in 32-bit words of the machine's order: on a little-endian
        // machine the byte of pixel x is at x ^ 3 within its row.
        let swap = UInt32(1).littleEndian == 1 ? 3 : 0
        for row in 0..<rows {
            let line = raw + row * wordsPerLine * 4
            for column in 0..<columns { pixels[row * columns + column] = line[column ^ swap] }
        }
        return (columns, rows, pixels)
    }
}
