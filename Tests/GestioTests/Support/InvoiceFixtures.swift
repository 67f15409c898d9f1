import Application
import Domain
import Foundation
import PDFAdapters

/// The invoices of `Tests/Fixtures/ocr/invoices.json`, rendered by the tests from their known
/// text (so the truth is known): a PDF through the production renderer, then a page image
/// through poppler, turned, skewed, noised or rendered at a low resolution as each asks.
struct InvoiceFixture: Decodable, Sendable {
    let name: String
    let language: String
    /// `clean`, `skewed`, `noisy`, `low-res`, `rotated` or `noisy-skewed`.
    let degradation: String
    let supplier: String
    let address: [String]
    let vatNumber: String
    let iban: String
    let bic: String
    let client: String
    let clientAddress: [String]
    let number: String
    let date: String
    let dueDate: String
    let lines: [[String]]
    let netAmount: String
    let vatRate: String
    let vat: String
    let total: String
    let structuredCommunication: String?

    enum CodingKeys: String, CodingKey {
        case name, language, degradation, supplier, address, iban, bic, client, number, date, lines, vat, total
        case vatNumber = "vat_number"
        case clientAddress = "client_address"
        case dueDate = "due_date"
        case netAmount = "net_amount"
        case vatRate = "vat_rate"
        case structuredCommunication = "structured_communication"
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/ocr")

    static func all() throws -> [InvoiceFixture] {
        try JSONDecoder().decode(
            [InvoiceFixture].self, from: Data(contentsOf: directory.appendingPathComponent("invoices.json")))
    }

    var isClean: Bool { degradation == "clean" }

    /// The fields an extraction should find, by name.
    var truth: [String: String] {
        var fields = [
            "supplier_name": supplier, "vat_number": vatNumber, "iban": iban, "bic": bic, "invoice_number": number,
            "invoice_date": date, "due_date": dueDate, "net_amount": netAmount, "vat_rate": vatRate, "vat": vat,
            "total": total,
        ]
        fields["structured_communication"] = structuredCommunication
        return fields
    }

    // MARK: - The printed invoice

    struct Labels {
        let invoice, number, date, due, description, quantity, unitPrice, amount, net, vat, total, communication,
            vatNumber, footer: String
    }

    var labels: Labels {
        switch language {
        case "nl":
            Labels(
                invoice: "FACTUUR", number: "Factuurnummer", date: "Factuurdatum", due: "Vervaldatum",
                description: "Omschrijving", quantity: "Aantal", unitPrice: "Eenheidsprijs", amount: "Bedrag",
                net: "Totaal excl. btw", vat: "Btw \(vatRate) %", total: "Totaal incl. btw",
                communication: "Gestructureerde mededeling", vatNumber: "Btw-nr.",
                footer: "Gelieve de gestructureerde mededeling te vermelden")
        case "en":
            Labels(
                invoice: "INVOICE", number: "Invoice number", date: "Invoice date", due: "Due date",
                description: "Description", quantity: "Qty", unitPrice: "Unit price", amount: "Amount",
                net: "Subtotal", vat: "VAT \(vatRate) %", total: "Total due", communication: "Structured reference",
                vatNumber: "VAT no.", footer: "Please quote the structured reference")
        default:
            Labels(
                invoice: "FACTURE", number: "Facture n°", date: "Date de facture", due: "Échéance",
                description: "Description", quantity: "Qté", unitPrice: "Prix unitaire", amount: "Montant",
                net: "Total HTVA", vat: "TVA \(vatRate) %", total: "Total TVAC",
                communication: "Communication structurée", vatNumber: "TVA", footer: "Merci de votre confiance")
        }
    }

    /// `1234.56` as the invoice's language prints it: `1.234,56` (French, Dutch) or `1,234.56`.
    func printed(_ amount: String) -> String {
        let parts = amount.split(separator: ".")
        var whole = String(parts[0])
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(whole, at: 0)
        let english = language == "en"
        return groups.joined(separator: english ? "," : ".") + (english ? "." : ",") + parts[1]
    }

    /// `2026-03-10` as printed: `10/03/2026`, `10-03-2026`, or with the month's name.
    func printed(date: String) -> String {
        let parts = date.split(separator: "-").map(String.init)
        let months: [String: [String]] = [
            "fr": [
                "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                "novembre", "décembre",
            ],
            "nl": [
                "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                "november", "december",
            ],
        ]
        let index = Int(name.suffix(2)) ?? 0
        if index % 3 == 0, let names = months[language], let month = Int(parts[1]) {
            return "\(Int(parts[2]) ?? 0) \(names[month - 1]) \(parts[0])"
        }
        return [parts[2], parts[1], parts[0]].joined(separator: language == "nl" ? "-" : "/")
    }

    var printedVATNumber: String {
        guard vatNumber.hasPrefix("BE") else { return vatNumber }
        let digits = Array(vatNumber.dropFirst(2))
        return "BE " + String(digits[0..<4]) + "." + String(digits[4..<7]) + "." + String(digits[7..<10])
    }

    var printDocument: PrintDocument {
        let labels = labels
        var blocks: [PrintDocument.Block] = address.map { .paragraph($0) }
        blocks += [
            .paragraph("\(labels.vatNumber) : \(printedVATNumber)"),
            .paragraph("IBAN : \(IBAN(iban)?.description ?? iban)    BIC : \(bic)"),
            .heading(labels.invoice),
            .paragraph(client),
        ]
        blocks += clientAddress.map { .paragraph($0) }
        blocks += [
            .paragraph("\(labels.number) \(number)"),
            .paragraph("\(labels.date) : \(printed(date: date))"),
            .paragraph("\(labels.due) : \(printed(date: dueDate))"),
            .table(
                PrintDocument.Table(
                    headers: [labels.description, labels.quantity, labels.unitPrice, labels.amount],
                    rows: lines.map { [$0[0], $0[1], printed($0[2]), printed($0[3])] }, widths: [0.5, 0.1, 0.2, 0.2],
                    rightAligned: [1, 2, 3])),
            .paragraph("\(labels.net) : \(printed(netAmount)) €"),
            .paragraph("\(labels.vat) : \(printed(vat)) €"),
            .paragraph("\(labels.total) : \(printed(total)) €"),
        ]
        if let structuredCommunication, let communication = StructuredCommunication(structuredCommunication) {
            blocks.append(.paragraph("\(labels.communication) : \(communication)"))
        }
        return PrintDocument(title: supplier, blocks: blocks, footer: labels.footer)
    }

    func pdf() throws -> [UInt8] { try HaruRenderer().render(printDocument) }

    /// The first page as a PNG, degraded as the fixture asks (the resolution is recorded in it).
    func image() async throws -> (png: [UInt8], dpi: Int) {
        try await GrayImage.scan(of: try pdf(), degradation: degradation, seed: name)
    }
}

extension InvoiceFixture {
    /// The clean first page as poppler writes it (a compressed PNG, small enough to upload quickly).
    func scanPNG(dpi: Int = 300) async throws -> [UInt8] { try await GrayImage.compressedPNG(of: try pdf(), dpi: dpi) }

    /// A PDF holding only the page's image, as a scanner makes it (no text layer): the page at
    /// 150 dpi, an 8-bit gray image in a Flate stream of stored blocks.
    func scannedPDF() async throws -> [UInt8] {
        let page = try await GrayImage.render(pdf: try pdf(), dpi: 150)
        let zlib = PNG.zlibStored(page.pixels)
        var pdf: [UInt8] = Array("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        func object(_ body: [UInt8]) {
            offsets.append(pdf.count)
            pdf += Array("\(offsets.count) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let (width, height) = (595, 842)
        let content = Array("q \(width) 0 0 \(height) 0 0 cm /Scan Do Q".utf8)
        object(Array("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        object(Array("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8))
        object(
            Array(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] /Resources << /XObject << /Scan 4 0 R >> >> /Contents 5 0 R >>"
                    .utf8))
        object(
            Array(
                "<< /Type /XObject /Subtype /Image /Width \(page.width) /Height \(page.height) /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length \(zlib.count) >>\nstream\n"
                    .utf8) + zlib + Array("\nendstream".utf8))
        object(Array("<< /Length \(content.count) >>\nstream\n".utf8) + content + Array("\nendstream".utf8))
        let xref = pdf.count
        pdf += Array("xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets {
            let digits = String(offset)
            pdf += Array((String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n").utf8)
        }
        pdf += Array("trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return pdf
    }
}

/// An 8-bit gray image, for degrading rendered pages.
struct GrayImage {
    /// A PDF's first page as a scan: rendered, then turned, skewed, noised or at a low resolution
    /// as `degradation` says (`clean`, `skewed`, `noisy`, `low-res`, `rotated`, `noisy-skewed`);
    /// `seed` makes the noise.
    static func scan(of pdf: [UInt8], degradation: String, seed: String) async throws -> (png: [UInt8], dpi: Int) {
        let dpi = degradation == "low-res" ? 150 : 300
        var page = try await render(pdf: pdf, dpi: dpi)
        if degradation.contains("skewed") { page = page.rotated(degrees: 2.5) }
        if degradation.contains("noisy") {
            page = page.noised(seed: seed.utf8.reduce(UInt64(7)) { $0 &* 31 &+ UInt64($1) })
        }
        if degradation == "rotated" { page = page.turnedClockwise() }
        return (page.png(dpi: dpi), dpi)
    }

    /// A PDF's first page as poppler writes it: a compressed gray PNG, small enough to upload quickly.
    static func compressedPNG(of pdf: [UInt8], dpi: Int) async throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-ocr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("page.pdf")
        try Data(pdf).write(to: file)
        let result = try await PDFRendererTests.run(
            "pdftoppm",
            ["-png", "-gray", "-r", "\(dpi)", "-f", "1", "-l", "1", "-singlefile", file.path, folder.path + "/page"])
        guard result.status == 0 else { throw FixtureError(description: "pdftoppm: \(result.output)") }
        return Array(try Data(contentsOf: folder.appendingPathComponent("page.png")))
    }

    var width: Int
    var height: Int
    var pixels: [UInt8]

    /// The PDF's first page through `pdftoppm -gray` (a PGM).
    static func render(pdf: [UInt8], dpi: Int) async throws -> GrayImage {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-ocr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("invoice.pdf")
        try Data(pdf).write(to: file)
        let result = try await PDFRendererTests.run(
            "pdftoppm",
            ["-gray", "-r", "\(dpi)", "-f", "1", "-l", "1", "-singlefile", file.path, folder.path + "/page"])
        guard result.status == 0 else { throw FixtureError(description: "pdftoppm: \(result.output)") }
        let pgm = Array(try Data(contentsOf: folder.appendingPathComponent("page.pgm")))
        // "P5\n<width> <height>\n255\n" then the pixels.
        var fields: [Int] = []
        var index = 2
        while fields.count < 3 {
            while pgm[index] == 0x20 || pgm[index] == 0x0A { index += 1 }
            var value = 0
            while pgm[index] >= 0x30 && pgm[index] <= 0x39 {
                value = value * 10 + Int(pgm[index] - 0x30)
                index += 1
            }
            fields.append(value)
        }
        index += 1
        return GrayImage(
            width: fields[0], height: fields[1], pixels: Array(pgm[index..<(index + fields[0] * fields[1])]))
    }

    func pixel(_ x: Int, _ y: Int) -> UInt8 {
        guard x >= 0, y >= 0, x < width, y < height else { return 255 }
        return pixels[y * width + x]
    }

    /// Turned by a small angle around the centre (bilinear; white outside).
    func rotated(degrees: Double) -> GrayImage {
        let angle = degrees * .pi / 180
        let (cosine, sine) = (cos(angle), sin(angle))
        let (cx, cy) = (Double(width) / 2, Double(height) / 2)
        var out = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let dx = Double(x) - cx
                let dy = Double(y) - cy
                let sx = cosine * dx + sine * dy + cx
                let sy = -sine * dx + cosine * dy + cy
                let x0 = Int(sx.rounded(.down))
                let y0 = Int(sy.rounded(.down))
                let fx = sx - Double(x0)
                let fy = sy - Double(y0)
                let top = Double(pixel(x0, y0)) * (1 - fx) + Double(pixel(x0 + 1, y0)) * fx
                let bottom = Double(pixel(x0, y0 + 1)) * (1 - fx) + Double(pixel(x0 + 1, y0 + 1)) * fx
                out[y * width + x] = UInt8(max(0, min(255, (top * (1 - fy) + bottom * fy).rounded())))
            }
        }
        return GrayImage(width: width, height: height, pixels: out)
    }

    /// A quarter turn clockwise.
    func turnedClockwise() -> GrayImage {
        var out = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            for x in 0..<width { out[x * height + (height - 1 - y)] = pixels[y * width + x] }
        }
        return GrayImage(width: height, height: width, pixels: out)
    }

    /// Scanner noise: every pixel shifted by up to ±40, and 1 % of them black or white specks.
    func noised(seed: UInt64) -> GrayImage {
        var state = seed | 1
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        var out = pixels
        for index in out.indices {
            let roll = next() % 1000
            if roll < 5 {
                out[index] = 0
            } else if roll < 10 {
                out[index] = 255
            } else {
                let shift = Int(next() % 81) - 40
                out[index] = UInt8(max(0, min(255, Int(out[index]) + shift)))
            }
        }
        return GrayImage(width: width, height: height, pixels: out)
    }

    /// A gray PNG whose deflate stream is stored blocks (no compression), with its resolution.
    func png(dpi: Int) -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity((width + 1) * height)
        for y in 0..<height {
            raw.append(0)
            raw += pixels[(y * width)..<((y + 1) * width)]
        }
        return PNG.encode(width: width, height: height, colorType: 0, rows: raw, dpi: dpi)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
}

/// A minimal PNG writer for the tests: filtered rows in stored deflate blocks.
enum PNG {
    static func be32(_ value: UInt32) -> [UInt8] { (0..<4).reversed().map { UInt8((value >> (8 * $0)) & 0xFF) } }

    /// A zlib stream of stored (uncompressed) deflate blocks, with its Adler-32.
    static func zlibStored(_ raw: [UInt8]) -> [UInt8] {
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, raw.count - offset)
            let last: UInt8 = offset + count == raw.count ? 1 : 0
            zlib += [last, UInt8(count & 0xFF), UInt8(count >> 8), ~UInt8(count & 0xFF), ~UInt8(count >> 8)]
            zlib += raw[offset..<(offset + count)]
            offset += count
        } while offset < raw.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in raw {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return zlib + be32((b << 16) | a)
    }

    static func encode(width: Int, height: Int, colorType: UInt8, rows raw: [UInt8], dpi: Int? = nil) -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be32(UInt32(data.count)) + body + be32(TestFiles.crc32(body))
        }
        let zlib = zlibStored(raw)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", be32(UInt32(width)) + be32(UInt32(height)) + [8, colorType, 0, 0, 0])
        if let dpi {
            let perMetre = UInt32((Double(dpi) / 0.0254).rounded())
            png += chunk("pHYs", be32(perMetre) + be32(perMetre) + [1])
        }
        return png + chunk("IDAT", zlib) + chunk("IEND", [])
    }
}
