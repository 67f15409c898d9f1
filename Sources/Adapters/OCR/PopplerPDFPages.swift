public import Application
import Foundation

/// A PDF's pages through poppler's tools (Debian poppler-utils): `pdfinfo` counts them,
/// `pdftotext` gives a page's text layer, `pdftoppm` renders a scanned page as a PNG. The PDF is
/// written once to a private temporary folder, removed on close. Each tool runs with a time
/// limit, so a hostile file cannot hold a worker.
public struct PopplerPDFPageSource: PDFPageSource {
    let binaries: String
    let timeout: Duration

    public init(binaries: String = "/usr/bin", timeout: Duration = .seconds(120)) throws {
        for tool in ["pdfinfo", "pdftotext", "pdftoppm"]
        where !FileManager.default.isExecutableFile(atPath: "\(binaries)/\(tool)") {
            throw OCRError(description: "\(binaries)/\(tool) is missing (install poppler-utils)")
        }
        self.binaries = binaries
        self.timeout = timeout
    }

    public func open(_ pdf: [UInt8]) async throws -> any PDFPages {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let file = folder.appendingPathComponent("document.pdf")
        do {
            try Data(pdf).write(to: file)
            let info = try await run("pdfinfo", [file.path])
            let pages = String(decoding: info, as: UTF8.self).split(separator: "\n")
                .first { $0.hasPrefix("Pages:") }
                .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
            guard let pages, pages > 0 else { throw OCRError(description: "the PDF has no pages") }
            return PopplerPages(source: self, folder: folder, file: file, count: pages)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// Runs a poppler tool and returns its standard output; a failure carries its first error
    /// line. The waiting happens on a dispatch queue, not on a thread of the cooperative pool.
    func run(_ tool: String, _ arguments: [String]) async throws -> Data {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runWaiting(tool, arguments) })
            }
        }
    }

    private func runWaiting(_ tool: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(binaries)/\(tool)")
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let seconds = Double(timeout.components.seconds)
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            if process.isRunning { process.terminate() }
        }
        // Read while it runs: a page's text can be larger than a pipe's buffer.
        let data = (try? output.fileHandleForReading.readToEnd()).flatMap { $0 } ?? Data()
        let message = (try? errors.fileHandleForReading.readToEnd()).flatMap { $0 } ?? Data()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let line = String(decoding: message, as: UTF8.self).split(separator: "\n").first.map(String.init)
            throw OCRError(description: "\(tool) could not read the PDF\(line.map { ": \($0)" } ?? "")")
        }
        return data
    }
}

struct PopplerPages: PDFPages {
    let source: PopplerPDFPageSource
    let folder: URL
    let file: URL
    let count: Int

    func text(ofPage page: Int) async throws -> String {
        let data = try await source.run(
            "pdftotext", ["-layout", "-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", file.path, "-"])
        return String(decoding: data, as: UTF8.self)
    }

    /// The longest side a rendered page may have (an A3 page at 300 dpi): a PDF can declare a
    /// page of any size, and its image must stay a few megabytes.
    static let maxPixels = 4_961

    func image(ofPage page: Int, dpi: Int) async throws -> [UInt8] {
        let prefix = folder.appendingPathComponent("page-\(page)")
        // `Page    1 size: 595.28 x 841.89 pts (A4)`
        let info = String(
            decoding: try await source.run("pdfinfo", ["-f", "\(page)", "-l", "\(page)", file.path]), as: UTF8.self)
        let size =
            info.split(separator: "\n").first { $0.hasPrefix("Page") && $0.contains("size:") }
            .map { $0.split(separator: " ").compactMap { Double($0) } } ?? []
        let longest = (size.dropFirst().max() ?? 842) * Double(dpi) / 72
        let scale = longest > Double(Self.maxPixels) ? ["-scale-to", "\(Self.maxPixels)"] : ["-r", "\(dpi)"]
        _ = try await source.run(
            "pdftoppm",
            ["-png", "-gray"] + scale + ["-f", "\(page)", "-l", "\(page)", "-singlefile", file.path, prefix.path])
        let png = prefix.appendingPathExtension("png")
        defer { try? FileManager.default.removeItem(at: png) }
        return Array(try Data(contentsOf: png))
    }

    func close() async {
        try? FileManager.default.removeItem(at: folder)
    }
}
