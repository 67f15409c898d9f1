public import Application
import Foundation
import Subprocess
import SystemPackage

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
    /// line. swift-subprocess waits for the tool without holding a thread (pidfd and epoll) and
    /// gives the child no descriptor but its own three; past the time limit the tool is killed.
    func run(_ tool: String, _ arguments: [String]) async throws -> Data {
        let executable = Executable.path(FilePath("\(binaries)/\(tool)"))
        let timeout = self.timeout
        let (succeeded, output, errors) = try await withThrowingTaskGroup { group in
            group.addTask {
                let result = try await Subprocess.run(
                    executable, arguments: Arguments(arguments), output: .bytes(limit: Self.outputLimit),
                    error: .string(limit: 64 * 1024))
                return (result.terminationStatus.isSuccess, result.standardOutput, result.standardError)
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw OCRError(description: "\(tool) took longer than \(timeout)")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
        guard succeeded else {
            let line = errors.split(separator: "\n").first.map(String.init)
            throw OCRError(description: "\(tool) could not read the PDF\(line.map { ": \($0)" } ?? "")")
        }
        return Data(output)
    }

    /// What a tool may print (a page's text layer); more is an error, not a buffer without end.
    static let outputLimit = 64 * 1024 * 1024
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
