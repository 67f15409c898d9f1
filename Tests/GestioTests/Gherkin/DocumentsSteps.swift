import Domain
import Foundation
import HTTPTypes

extension Steps {
    static let documents: [StepDefinition] = [
        // | field | value | rows add form fields (title, type, tags, comment, entity_type, entity_id).
        StepDefinition("I upload a PDF saying {string} as {string} to {string} with the fields:") {
            world, arguments, step in
            try await upload(
                world, to: arguments[2], name: arguments[1], type: "application/pdf",
                bytes: TestFiles.pdf(saying: arguments[0]), fields: try fields(of: step, world))
        },
        StepDefinition("I upload a PDF saying {string} as {string} to {string}") { world, arguments, _ in
            try await upload(
                world, to: arguments[2], name: arguments[1], type: "application/pdf",
                bytes: TestFiles.pdf(saying: arguments[0]), fields: [])
        },
        // Kinds: png, executable, empty, docx, odt, zip-bomb.
        StepDefinition("I upload a {word} file as {string} to {string}") { world, arguments, _ in
            let files: [String: [UInt8]] = [
                "png": TestFiles.png, "executable": TestFiles.executable, "empty": [], "docx": TestFiles.docx,
                "odt": TestFiles.odt, "zip-bomb": TestFiles.zipBomb,
            ]
            guard let bytes = files[arguments[0]] else { throw StepFailure("no test file of kind \(arguments[0])") }
            try await upload(world, to: arguments[2], name: arguments[1], type: nil, bytes: bytes, fields: [])
        },
        StepDefinition("I upload a PDF saying {string} as {string} declared as {string} to {string}") {
            world, arguments, _ in
            try await upload(
                world, to: arguments[3], name: arguments[1], type: arguments[2],
                bytes: TestFiles.pdf(saying: arguments[0]), fields: [])
        },
        // The invoices of Tests/Fixtures/ocr, rendered: `scan` a PNG, `scanned PDF` a PDF of the page's image.
        StepDefinition("I upload the scan of the invoice {string} as {string} to {string} with the fields:") {
            world, arguments, step in
            try await upload(
                world, to: arguments[2], name: arguments[1], type: "image/png",
                bytes: try await invoice(arguments[0]).scanPNG(), fields: try fields(of: step, world))
        },
        StepDefinition("I upload the invoice {string} as a scanned PDF {string} to {string} with the fields:") {
            world, arguments, step in
            try await upload(
                world, to: arguments[2], name: arguments[1], type: "application/pdf",
                bytes: try await invoice(arguments[0]).scannedPDF(), fields: try fields(of: step, world))
        },
        // Polls the document as a client would, until its text is read (or two minutes pass).
        StepDefinition("the document {string} has been read") { world, arguments, _ in
            let path = "/api/v1/documents/\(try world.interpolate(arguments[0]))"
            let deadline = ContinuousClock.now + .seconds(120)
            while true {
                try await world.send(.get, path)
                let status = JSONPath.lookup("ocr.status", in: try world.lastJSON()) as? String
                if status == "done" || status == "failed" { return }
                try expect(ContinuousClock.now < deadline, "the document is still \(status ?? "unread")")
                try await Task.sleep(for: .milliseconds(200))
            }
        },
        // | name | value | : each row a field of the text's `fields`, with a confidence of at least 0.5.
        StepDefinition("the fields read are:") { world, _, step in
            let fields = JSONPath.lookup("fields", in: try world.lastJSON()) as? [[String: Any]] ?? []
            for row in try rows(of: step, columns: ["name", "value"]) {
                let field = fields.first { $0["name"] as? String == row["name"] }
                try expect(
                    field?["value"] as? String == row["value"],
                    "\(row["name"]!) is \(field?["value"] ?? "missing"), expected \(row["value"]!)")
                let confidence = (field?["confidence"] as? NSNumber)?.doubleValue ?? 0
                try expect(confidence >= 0.5, "\(row["name"]!) has the confidence \(confidence)")
            }
        },
        // The email's MIME part named so, decoded from base64, read back with pdftotext.
        StepDefinition("the email to {string} has the attachment {string} reading {string}") { world, arguments, _ in
            let name = try world.interpolate(arguments[1])
            let (mine, _) = try outbox(world, to: arguments[0])
            let parts = mine.flatMap { $0.components(separatedBy: "\r\n--gestio-") }
            guard let part = parts.first(where: { $0.contains("filename=\"\(name)\"") }) else {
                throw StepFailure("no attachment \(name) in \(mine.count) email(s)")
            }
            let base64 = part.components(separatedBy: "\r\n\r\n").dropFirst().joined()
                .components(separatedBy: "\r\n").joined()
            guard let bytes = Data(base64Encoded: base64) else { throw StepFailure("the attachment is not base64") }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-\(UUID().uuidString).pdf")
            try bytes.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let text = try await PDFRendererTests.run("pdftotext", [file.path, "-"]).output
            try expect(text.contains(try world.interpolate(arguments[2])), "pdftotext reads: \(text)")
        },
        StepDefinition("the organization of {string} may store {int} bytes of documents") { world, arguments, _ in
            guard let organization = OrganizationID(try variable(world, "\(arguments[0]).org")),
                let bytes = Int64(arguments[1])
            else { throw StepFailure("bad organization or size") }
            try await world.gestio.documents.setQuota(bytes, of: organization)
        },
        // RFC 6266: an ASCII fallback in filename, the exact name in filename* (UTF-8, percent-encoded).
        StepDefinition("the download is named {string}") { world, arguments, _ in
            let header = try lastResponse(world).headers[.contentDisposition] ?? ""
            try expect(header.hasPrefix("attachment; filename=\""), "Content-Disposition is \(header)")
            let extended = header.components(separatedBy: "filename*=UTF-8''").last ?? ""
            try expect(
                extended.removingPercentEncoding == arguments[0] && !extended.contains(" ")
                    && header.components(separatedBy: "\"").dropFirst().first?.allSatisfy(\.isASCII) == true,
                "Content-Disposition is \(header)")
        },
        StepDefinition("I send GET {string} with the header {string} set to what I remembered as {string}") {
            world, arguments, _ in
            guard let name = HTTPField.Name(arguments[1]) else { throw StepFailure("bad header name") }
            try await world.send(.get, arguments[0], headers: [name: try variable(world, arguments[2])])
        },
        StepDefinition("the search index is rebuilt") { world, _, _ in
            let counts = try await world.gestio.search.reindex()
            try expect(counts["document"] ?? 0 > 0, "nothing was reindexed: \(counts)")
        },
        StepDefinition("the downloaded PDF reads {string}") { world, arguments, _ in
            let response = try lastResponse(world)
            let bytes = Array(response.body.readableBytesView)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("gestio-\(UUID().uuidString).pdf")
            try Data(bytes).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let text = try await PDFRendererTests.run("pdftotext", [file.path, "-"]).output
            try expect(text.contains(arguments[0]), "pdftotext reads: \(text)")
        },
        StepDefinition("the response body is {string}") { world, arguments, _ in
            let text = String(buffer: try lastResponse(world).body)
            try expect(text == arguments[0], "the body is \(text)")
        },
        StepDefinition("I remember the response header {string} as {string}") { world, arguments, _ in
            guard let name = HTTPField.Name(arguments[0]), let value = try lastResponse(world).headers[name] else {
                throw StepFailure("no header \(arguments[0])")
            }
            world.variables[arguments[1]] = value
        },
    ]

    static func invoice(_ name: String) throws -> InvoiceFixture {
        guard let fixture = try InvoiceFixture.all().first(where: { $0.name == name }) else {
            throw StepFailure("no invoice fixture \(name)")
        }
        return fixture
    }

    static func fields(of step: Step, _ world: World) throws -> [(String, String)] {
        try rows(of: step, columns: ["field", "value"]).map { ($0["field"]!, try world.interpolate($0["value"]!)) }
    }

    static func upload(
        _ world: World, to path: String, name: String, type: String?, bytes: [UInt8], fields: [(String, String)]
    ) async throws {
        let boundary = "gestio-test-\(UUID().uuidString)"
        try await world.send(
            .post, path,
            bytes: TestFiles.multipart(boundary: boundary, fields: fields, file: (name, type, bytes)),
            contentType: "multipart/form-data; boundary=\(boundary)")
    }
}
