import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// Reading documents' text from the command line: `gestio ocr run --id DOCUMENT` reads the
/// document's current version now (and whatever else waits to be read), then prints its text's
/// status and the fields found.
struct OCRCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr", abstract: "Documents' text: read a document now (OCR or its PDF text layer).",
        subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a document's current version now and print the fields found in it.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "The document to read.") var id: String
        @Flag(name: .long, help: "Print the text read, too.") var text = false

        struct Output: Encodable {
            let documentId: String
            let version: Int
            let status: String
            let pagesDone: Int
            let pagesTotal: Int?
            let confidence: Double?
            let error: String?
            let fields: [ExtractedField]
            let text: String?
        }

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(id, as: DocumentID.self, option: "--id")
            let read = try await scope.common.withGestio { gestio in
                _ = try await gestio.documents.reread(id, as: principal)
                // The reading started in the background: wait for it (and anything else queued).
                await gestio.documents.reader?.stop()
                return try await gestio.documents.text(of: id, as: principal)
            }
            let output = Output(
                documentId: read.documentID.description, version: read.version, status: read.status.rawValue,
                pagesDone: read.pagesDone, pagesTotal: read.pagesTotal, confidence: read.confidence, error: read.error,
                fields: read.fields, text: text ? read.text : nil)
            try emit(output, json: scope.common.json) {
                var lines = [
                    "\(output.status)  v\(output.version)  \(output.pagesDone)/\(output.pagesTotal ?? 0) page(s)"
                        + (output.confidence.map { "  confidence \($0)" } ?? "")
                ]
                if let error = output.error { lines.append("error: \(error)") }
                lines += read.fields.map { "  \($0.name): \($0.value)  (\($0.confidence))" }
                if text { lines += ["", read.text] }
                return lines.joined(separator: "\n")
            }
            if read.status == .failed { throw ExitCode.failure }
        }
    }
}
