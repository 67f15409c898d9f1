public import Application
import CHaru
import Foundation

/// PDF through libharu (Debian libhpdf-dev), chosen over a writer of our own because names
/// outside Latin-1 (Wiśniewski, Öztürk, Ionescu) need an embedded TrueType font and a Unicode
/// encoder: libharu embeds DejaVu and encodes UTF-8; a hand-written writer would need CID fonts.
/// One `HPDF_Doc` per render, so renders run concurrently.
public struct HaruRenderer: DocumentRenderer {
    let regularFont: String
    let boldFont: String

    /// `fontDirectory` holds DejaVuSans.ttf and DejaVuSans-Bold.ttf (Debian fonts-dejavu-core).
    public init(fontDirectory: String = "/usr/share/fonts/truetype/dejavu") throws {
        regularFont = fontDirectory + "/DejaVuSans.ttf"
        boldFont = fontDirectory + "/DejaVuSans-Bold.ttf"
        for file in [regularFont, boldFont] where !FileManager.default.fileExists(atPath: file) {
            throw RenderError(description: "the font \(file) is missing (install fonts-dejavu-core)")
        }
    }

    public func render(_ document: PrintDocument) throws -> [UInt8] {
        guard let pdf = HPDF_New(nil, nil) else { throw RenderError(description: "libharu could not start") }
        defer { HPDF_Free(pdf) }
        try check(pdf, HPDF_UseUTFEncodings(pdf))
        try check(pdf, HPDF_SetCompressionMode(pdf, UInt32(HPDF_COMP_ALL)))
        guard let regularName = HPDF_LoadTTFontFromFile(pdf, regularFont, HPDF_TRUE),
            let boldName = HPDF_LoadTTFontFromFile(pdf, boldFont, HPDF_TRUE),
            let regular = HPDF_GetFont(pdf, regularName, "UTF-8"), let bold = HPDF_GetFont(pdf, boldName, "UTF-8")
        else { throw RenderError(description: "the fonts could not be loaded: \(HPDF_GetError(pdf))") }
        let layout = try Layout(pdf: pdf, regular: regular, bold: bold)
        if let logo = document.logoPNG {
            try layout.logo(logo)
            layout.y -= 34  // the title starts below it
        }
        layout.heading(document.title, size: 18)
        for block in document.blocks {
            switch block {
            case .heading(let text): layout.heading(text, size: 13)
            case .paragraph(let text): layout.paragraph(text)
            case .table(let table): try layout.table(table)
            case .qrCode(let code, let caption): layout.qrCode(code, caption: caption)
            }
        }
        layout.footers(document.footer)
        try check(pdf, HPDF_SaveToStream(pdf))
        var size = HPDF_GetStreamSize(pdf)
        var bytes = [UInt8](repeating: 0, count: Int(size))
        try check(pdf, HPDF_ReadFromStream(pdf, &bytes, &size))
        return Array(bytes.prefix(Int(size)))
    }

    func check(_ pdf: HPDF_Doc, _ status: HPDF_STATUS) throws {
        guard status == HPDF_OK else {
            throw RenderError(description: "libharu error 0x\(String(HPDF_GetError(pdf), radix: 16))")
        }
    }
}

struct RenderError: Error, CustomStringConvertible {
    let description: String
}

/// Places text top to bottom on A4 pages, opening a page when the next thing does not fit.
private final class Layout {
    let pdf: HPDF_Doc
    let regular: HPDF_Font
    let bold: HPDF_Font
    var pages: [HPDF_Page] = []
    var page: HPDF_Page
    var y: Float = 0
    let margin: Float = 50
    let bottom: Float = 60
    var pageWidth: Float = 595.28
    var pageHeight: Float = 841.89
    var contentWidth: Float { pageWidth - 2 * margin }

    init(pdf: HPDF_Doc, regular: HPDF_Font, bold: HPDF_Font) throws {
        self.pdf = pdf
        self.regular = regular
        self.bold = bold
        guard let first = HPDF_AddPage(pdf) else { throw RenderError(description: "no page") }
        page = first
        setUp(first)
    }

    private func setUp(_ new: HPDF_Page) {
        HPDF_Page_SetSize(new, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT)
        pageWidth = HPDF_Page_GetWidth(new)
        pageHeight = HPDF_Page_GetHeight(new)
        pages.append(new)
        page = new
        y = pageHeight - margin
    }

    func newPage() {
        if let next = HPDF_AddPage(pdf) { setUp(next) }
    }

    func ensure(_ height: Float) {
        if y - height < bottom { newPage() }
    }

    func width(_ text: String, _ font: HPDF_Font, _ size: Float) -> Float {
        HPDF_Page_SetFontAndSize(page, font, size)
        return HPDF_Page_TextWidth(page, text)
    }

    func write(_ text: String, x: Float, y: Float, _ font: HPDF_Font, _ size: Float) {
        HPDF_Page_BeginText(page)
        HPDF_Page_SetFontAndSize(page, font, size)
        HPDF_Page_TextOut(page, x, y, text)
        HPDF_Page_EndText(page)
    }

    /// A QR code at the left margin, 3 points a module inside its quiet zone of 4 modules, dark
    /// runs of a row drawn as one rectangle; its caption wrapped beside it.
    func qrCode(_ code: QRCode, caption: String) {
        let module: Float = 3
        let quiet = 4 * module
        let side = Float(code.size) * module + 2 * quiet
        ensure(side + 8)
        let top = y
        HPDF_Page_SetRGBFill(page, 0, 0, 0)
        for row in 0..<code.size {
            var column = 0
            while column < code.size {
                guard code.isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                var end = column
                while end < code.size, code.isDark(row: row, column: end) { end += 1 }
                HPDF_Page_Rectangle(
                    page, margin + quiet + Float(column) * module, top - quiet - Float(row + 1) * module,
                    Float(end - column) * module, module)
                column = end
            }
        }
        HPDF_Page_Fill(page)
        var line = top - quiet - 10
        for text in wrap(caption, contentWidth - side - 12, regular, 10) {
            write(text, x: margin + side + 12, y: line, regular, 10)
            line -= 13
        }
        y = top - side - 8
    }

    /// Lines of at most `limit` points; a word longer than a line is cut.
    func wrap(_ text: String, _ limit: Float, _ font: HPDF_Font, _ size: Float) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                let candidate = line.isEmpty ? word : line + " " + word
                if width(candidate, font, size) <= limit {
                    line = candidate
                    continue
                }
                if !line.isEmpty { lines.append(line) }
                while width(word, font, size) > limit, word.count > 1 {
                    var cut = word.count - 1
                    while cut > 1, width(String(word.prefix(cut)), font, size) > limit { cut -= 1 }
                    lines.append(String(word.prefix(cut)))
                    word = String(word.dropFirst(cut))
                }
                line = word
            }
            lines.append(line)
        }
        return lines
    }

    func logo(_ png: [UInt8]) throws {
        guard
            let image = png.withUnsafeBufferPointer({ HPDF_LoadPngImageFromMem(pdf, $0.baseAddress, UInt32($0.count)) })
        else { throw RenderError(description: "the logo is not a PNG libharu reads") }
        let height: Float = 40
        let ratio = Float(HPDF_Image_GetWidth(image)) / max(1, Float(HPDF_Image_GetHeight(image)))
        let width = min(height * ratio, 160)
        HPDF_Page_DrawImage(page, image, pageWidth - margin - width, pageHeight - margin - height + 10, width, height)
    }

    func heading(_ text: String, size: Float) {
        let lines = wrap(text, contentWidth, bold, size)
        ensure(Float(lines.count) * size * 1.3 + 8)
        y -= 6
        for line in lines {
            y -= size * 1.3
            write(line, x: margin, y: y, bold, size)
        }
        y -= 4
    }

    func paragraph(_ text: String) {
        for line in wrap(text, contentWidth, regular, 10) {
            ensure(14)
            y -= 14
            write(line, x: margin, y: y, regular, 10)
        }
        y -= 6
    }

    func table(_ table: PrintDocument.Table) throws {
        let count = table.headers.count
        guard count > 0 else { return }
        let shares = table.widths.count == count ? table.widths : Array(repeating: 1, count: count)
        let total = shares.reduce(0, +)
        let widths = shares.map { Float($0 / max(total, 0.0001)) * contentWidth }
        let size: Float = 9
        let leading: Float = 11.5
        let padding: Float = 3

        func cells(_ row: [String], _ font: HPDF_Font) -> [[String]] {
            (0..<count).map { index in
                wrap(index < row.count ? row[index] : "", widths[index] - 2 * padding, font, size)
            }
        }
        func draw(_ wrapped: [[String]], _ font: HPDF_Font, shaded: Bool) {
            let lines = wrapped.map(\.count).max() ?? 1
            let height = Float(lines) * leading + 2 * padding
            if shaded {
                HPDF_Page_SetRGBFill(page, 0.9, 0.9, 0.9)
                HPDF_Page_Rectangle(page, margin, y - height, contentWidth, height)
                HPDF_Page_Fill(page)
                HPDF_Page_SetRGBFill(page, 0, 0, 0)
            }
            var x = margin
            for (index, column) in wrapped.enumerated() {
                for (line, text) in column.enumerated() {
                    let baseline = y - padding - Float(line + 1) * leading + 2.5
                    let offset =
                        table.rightAligned.contains(index)
                        ? widths[index] - padding - width(text, font, size) : padding
                    write(text, x: x + offset, y: baseline, font, size)
                }
                x += widths[index]
            }
            HPDF_Page_SetLineWidth(page, 0.3)
            HPDF_Page_MoveTo(page, margin, y - height)
            HPDF_Page_LineTo(page, margin + contentWidth, y - height)
            HPDF_Page_Stroke(page)
            y -= height
        }
        let header = cells(table.headers, bold)
        let headerHeight = Float(header.map(\.count).max() ?? 1) * leading + 2 * padding
        ensure(headerHeight * 2)
        draw(header, bold, shaded: true)
        for row in table.rows {
            let wrapped = cells(row, regular)
            let height = Float(wrapped.map(\.count).max() ?? 1) * leading + 2 * padding
            if y - height < bottom {
                newPage()
                draw(header, bold, shaded: true)  // the header again on every page the table spans
            }
            draw(wrapped, regular, shaded: false)
        }
        y -= 8
    }

    /// The footer and "page i / n" on every page, once the number of pages is known.
    func footers(_ text: String) {
        for (index, each) in pages.enumerated() {
            page = each
            let number = "\(index + 1) / \(pages.count)"
            write(text, x: margin, y: 30, regular, 8)
            write(number, x: pageWidth - margin - width(number, regular, 8), y: 30, regular, 8)
        }
    }
}
