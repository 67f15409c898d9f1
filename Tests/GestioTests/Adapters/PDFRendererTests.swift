import Application
import Foundation
import PDFAdapters
import Subprocess
import Testing

/// The PDF renderer's output as people's tools read it: `pdfinfo` accepts it, `pdftotext`
/// (poppler-utils) reads back names outside Latin-1, the table's header on every page it spans,
/// the page numbers and the footer.
@Suite("PDF rendering (libharu)")
struct PDFRendererTests {
    /// Runs the tool (found on the PATH) through swift-subprocess, as the adapters do: no thread is
    /// held while it runs, and the child inherits no descriptor of the tests running beside it.
    /// Its output and errors come back together.
    static func run(_ tool: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let result = try await Subprocess.run(
            .name(tool), arguments: Arguments(arguments), output: .string(limit: 64 * 1024 * 1024),
            error: .combinedWithOutput)
        let status: Int32 =
            switch result.terminationStatus {
            case .exited(let code): code
            case .signaled(let signal): 128 + signal
            }
        return (status, result.standardOutput)
    }

    /// A 2×1 PNG (red, blue).
    static var logo: [UInt8] { PNG.encode(width: 2, height: 1, colorType: 2, rows: [0, 255, 0, 0, 0, 0, 255]) }

    /// The text of the QR code on the PDF's first page: the page rendered by pdftoppm at 150 dpi,
    /// read by zbarimg (Debian zbar-tools).
    static func qrText(ofPDF bytes: [UInt8]) async throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-qr-\(UUID().uuidString)")
        let pdf = base.appendingPathExtension("pdf")
        try Data(bytes).write(to: pdf)
        defer {
            try? FileManager.default.removeItem(at: pdf)
            try? FileManager.default.removeItem(at: base.appendingPathExtension("png"))
        }
        let rendered = try await run("pdftoppm", ["-r", "150", "-png", "-singlefile", "-f", "1", pdf.path, base.path])
        guard rendered.status == 0 else { throw RenderFailure(output: rendered.output) }
        // zbarimg's errors go apart: it reports on standard error that it has no D-Bus, harmlessly.
        let read = try await Subprocess.run(
            .name("zbarimg"), arguments: ["--quiet", "--raw", base.appendingPathExtension("png").path],
            output: .string(limit: 1024 * 1024), error: .discarded)
        guard read.terminationStatus.isSuccess else { throw RenderFailure(output: "zbarimg read no QR code") }
        return read.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct RenderFailure: Error {
        let output: String
    }

    @Test("A QR code drawn into the PDF reads back, from the rendered page, as the text it encodes")
    func qrCodeReadsBack() async throws {
        let link = "https://gestio.example/verify/7QK2M9XW4RBT3HJN6PZC8DFA5G"
        let document = PrintDocument(
            title: "Certificat de contrôle technique",
            blocks: [
                .paragraph("Résultat : favorable"),
                .qrCode(try LibQREncoder().encode(link), caption: "Vérifiez ce certificat : \(link)"),
            ], footer: "Contrôle Ixelles")
        let bytes = try HaruRenderer().render(document)
        #expect(try await Self.qrText(ofPDF: bytes) == link)
        #expect(throws: (any Error).self) { try LibQREncoder().encode(String(repeating: "x", count: 1001)) }
    }

    @Test("Unicode names, a table across pages with its header repeated, page numbers, a footer and a logo")
    func renderAndReadBack() async throws {
        let names = ["Wiśniewski", "Öztürk", "Ionescu", "Łukasz Ďurica", "Ørsted"]
        let rows = (1...90).map { index in
            [
                "A\(index)", names[index % names.count], "\(index * 10)",
                String(format: "%d,%02d €", index * 12, index % 100),
            ]
        }
        let document = PrintDocument(
            title: "Décompte annuel — Résidence des Tilleuls",
            blocks: [
                .paragraph(
                    "Copropriétaires : " + names.joined(separator: ", ")
                        + ". Ce paragraphe est assez long pour être coupé en plusieurs lignes sur la largeur de la page, mot après mot, sans perdre un seul caractère."
                ),
                .heading("Répartition par lot"),
                .table(
                    PrintDocument.Table(
                        headers: ["Lot", "Propriétaire", "Tantièmes", "Montant"], rows: rows, widths: [1, 3, 1.2, 1.5],
                        rightAligned: [2, 3])),
                .paragraph("Fin du décompte."),
            ],
            footer: "Syndic Dupont — BE68 5390 0754 7034", logoPNG: Self.logo)
        let bytes = try HaruRenderer().render(document)
        #expect(bytes.starts(with: Array("%PDF-".utf8)))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-\(UUID().uuidString).pdf")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let info = try await Self.run("pdfinfo", [file.path])
        #expect(info.status == 0, "pdfinfo refused it: \(info.output)")
        let pages =
            info.output.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        #expect(pages >= 2, "90 rows take more than a page: \(info.output)")

        let text = try await Self.run("pdftotext", ["-layout", file.path, "-"])
        #expect(text.status == 0)
        for expected in names + ["Décompte annuel — Résidence des Tilleuls", "Fin du décompte.", "A90", "1080,90 €"] {
            #expect(text.output.contains(expected), "pdftotext lacks \(expected)")
        }
        for page in 1...pages {
            let single = try await Self.run("pdftotext", ["-f", "\(page)", "-l", "\(page)", "-layout", file.path, "-"])
            // pdftotext -layout may close up the spaces of small text: "1 / 3" reads "1/3".
            #expect(
                single.output.replacingOccurrences(of: " ", with: "").contains("\(page)/\(pages)"),
                "page \(page) is not numbered")
            #expect(single.output.contains("Syndic Dupont — BE68 5390 0754 7034"))
            if page < pages || single.output.contains("A90") {
                #expect(single.output.contains("Propriétaire"), "page \(page) lacks the table's header")
            }
        }
        #expect(throws: (any Error).self) {
            try HaruRenderer().render(
                PrintDocument(title: "x", blocks: [], footer: "", logoPNG: Array("not a png".utf8)))
        }
    }
}
