import Application
import Foundation
import OCRAdapters
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// How poppler's tools are run, with stand-in tools (shell scripts in a folder of their own): a
/// tool that does not end is killed at its time limit and the wait ends with it, and a tool
/// inherits none of the server's open files (a tool holding another's pipe is how a reader waits
/// forever).
@Suite("Poppler's tools as child processes")
struct PopplerToolsTests {
    /// A folder with `pdfinfo`, `pdftotext` and `pdftoppm` made of the given shell bodies.
    static func tools(_ bodies: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-tools-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for tool in ["pdfinfo", "pdftotext", "pdftoppm"] {
            let file = folder.appendingPathComponent(tool)
            try Data("#!/bin/sh\n\(bodies[tool] ?? "exit 1")\n".utf8).write(to: file)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        }
        return folder
    }

    @Test("A tool that never ends is killed at its time limit, and the reading fails instead of waiting")
    func timeLimit() async throws {
        let folder = try Self.tools(["pdfinfo": "echo $$ > \"$(dirname \"$0\")/pid\"\nexec sleep 600"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try PopplerPDFPageSource(binaries: folder.path, timeout: .seconds(1))
        await #expect(throws: (any Error).self) { _ = try await source.open(Array("%PDF-1.4".utf8)) }
        let pid = try #require(
            Int32(
                String(decoding: try Data(contentsOf: folder.appendingPathComponent("pid")), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)))
        // The wait returned once the child was reaped: no such process is left.
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
    }

    @Test("A tool sees its three standard descriptors and none of the server's open files")
    func noInheritedFiles() async throws {
        let folder = try Self.tools(["pdfinfo": "echo 'Pages: 1'", "pdftotext": "exec ls /proc/self/fd"])
        defer { try? FileManager.default.removeItem(at: folder) }
        // A descriptor opened without close-on-exec, as a library might.
        let open = Glibc.open(folder.appendingPathComponent("pdfinfo").path, O_RDONLY)
        try #require(open >= 0)
        defer { close(open) }
        let source = try PopplerPDFPageSource(binaries: folder.path, timeout: .seconds(60))
        let pages = try await source.open(Array("%PDF-1.4".utf8))
        let listed = try await pages.text(ofPage: 1).split(separator: "\n").compactMap { Int32($0) }
        await pages.close()
        #expect(Set(listed).isSuperset(of: [0, 1, 2]))
        #expect(!listed.contains(open), "the tool holds the server's descriptor \(open): \(listed)")
        // ls's own listing of /proc/self/fd is the only other one.
        #expect(listed.count <= 4, "\(listed)")
    }
}
