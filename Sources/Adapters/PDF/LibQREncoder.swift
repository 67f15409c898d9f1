public import Application
import CQREncode

/// QR codes through libqrencode (Debian libqrencode-dev), at error correction level M (15 % of
/// the symbol may be lost), in 8-bit mode so that any URL encodes as it is.
public struct LibQREncoder: QRCodeEncoder {
    public init() {}

    public func encode(_ text: String) throws -> QRCode {
        guard text.utf8.count <= 1000 else {
            throw RenderError(description: "a QR code holds at most 1,000 bytes here")
        }
        guard let symbol = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else {
            throw RenderError(description: "libqrencode could not encode the text")
        }
        defer { QRcode_free(symbol) }
        let size = Int(symbol.pointee.width)
        let data = UnsafeBufferPointer(start: symbol.pointee.data, count: size * size)
        // Bit 0 of each byte is the module's colour; the others describe its role.
        return try QRCode(size: size, modules: data.map { $0 & 1 == 1 })
    }
}
