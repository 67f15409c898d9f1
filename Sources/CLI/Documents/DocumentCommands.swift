import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// An organization's documents from the command line, acting as the operator.
struct DocumentCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document", abstract: "Documents: upload, list, download, and the organization's quota.",
        subcommands: [Add.self, List.self, Get.self, Quota.self])

    struct Output: Encodable {
        let id, title, type: String
        let entityType, entityId: String?
        let tags: [String]
        let currentVersion: Int
        let versions: [Version]

        struct Version: Encodable {
            let number: Int
            let size: Int64
            let mediaType, fileName, sha256: String
        }

        init(_ view: DocumentView) {
            id = view.document.id.description
            title = view.document.title
            type = view.document.kind.rawValue
            entityType = view.document.link?.type
            entityId = view.document.link?.id.lowercasedText
            tags = view.document.tags
            currentVersion = view.document.currentVersion
            versions = view.versions.map {
                Version(
                    number: $0.number, size: $0.size, mediaType: $0.mediaType.name, fileName: $0.fileName,
                    sha256: $0.blob.hex)
            }
        }

        var line: String { "\(title)  \(type)  v\(currentVersion)  \(id)" }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Upload a file as a new document (its type is told from its bytes).")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "The file to upload.") var file: String
        @Option(name: .long) var title: String?
        @Option(name: .long, help: "plan, quote, invoice, contract, minutes, certificate, photo or other.")
        var type: String?
        @Option(name: .long, help: "building, lot, owner, intervention, equipment, ride or journal_entry.")
        var entityType: String?
        @Option(name: .long) var entityId: String?
        @Option(name: .long, parsing: .upToNextOption) var tags: [String] = []
        @Option(name: .long) var comment: String?

        func run() async throws {
            let principal = try scope.principal
            let view = try await scope.common.withGestio { gestio in
                let upload = try await stage(file, into: gestio.documents)
                return try await gestio.documents.create(
                    NewDocument(
                        title: title, kind: type, entityType: entityType, entityID: entityId, tags: tags,
                        comment: comment),
                    upload: upload, as: principal)
            }
            let output = Output(view)
            try emit(output, json: scope.common.json) { "added \(output.line)" }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the organization's documents, newest first.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long) var entityType: String?
        @Option(name: .long) var entityId: String?
        @Option(name: .long) var type: String?
        @Option(name: .long, help: "Words the title or a tag contains.") var query: String?

        func run() async throws {
            let principal = try scope.principal
            let page = try await scope.common.withGestio {
                try await $0.documents.list(
                    entityType: entityType, entityID: entityId, kind: type, text: query,
                    page: PageRequest(page: 1, perPage: 100), as: principal)
            }
            let output = page.items.map { Output(DocumentView(document: $0, versions: [])) }
            try emit(output, json: scope.common.json) {
                (output.map(\.line) + ["\(page.totalItems) document(s)"]).joined(separator: "\n")
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a document and its versions; with --output, write a version's bytes to a file.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long) var id: String
        @Option(name: .long, help: "The version to write (the newest by default).") var version: Int?
        @Option(name: .long, help: "Where to write the version's bytes.") var output: String?

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(id, as: DocumentID.self, option: "--id")
            let view = try await scope.common.withGestio { gestio in
                let view = try await gestio.documents.document(id, as: principal)
                if let output {
                    let number = version ?? view.document.currentVersion
                    let (_, bytes) = try await gestio.documents.content(of: id, version: number, as: principal)
                    guard FileManager.default.createFile(atPath: output, contents: nil),
                        let handle = FileHandle(forWritingAtPath: output)
                    else { throw ValidationError("cannot write \(output)") }
                    defer { try? handle.close() }
                    for try await chunk in bytes { try handle.write(contentsOf: chunk) }
                }
                return view
            }
            let result = Output(view)
            try emit(result, json: scope.common.json) {
                ([result.line]
                    + result.versions.map { "  v\($0.number)  \($0.fileName)  \($0.mediaType)  \($0.size) bytes" }
                    + (output.map { ["written to \($0)"] } ?? []))
                    .joined(separator: "\n")
            }
        }
    }

    struct Quota: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the organization's storage; set its quota with --megabytes, or --default.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long) var megabytes: Int64?
        @Flag(name: .long, help: "Back to GESTIO_DOCUMENT_QUOTA_MB.") var `default` = false

        struct Result: Encodable {
            let limitBytes, usedBytes, remainingBytes: Int64
        }

        func run() async throws {
            let organization = try scope.principal.organizationID
            if let megabytes, !(0...100_000_000).contains(megabytes) {
                throw ValidationError("--megabytes must be between 0 and 100000000")
            }
            let storage = try await scope.common.withGestio { gestio in
                if let megabytes {
                    try await gestio.documents.setQuota(megabytes * 1_000_000, of: organization)
                } else if `default` {
                    try await gestio.documents.setQuota(nil, of: organization)
                }
                return try await gestio.documents.storage(of: organization)
            }
            let result = Result(limitBytes: storage.limit, usedBytes: storage.used, remainingBytes: storage.remaining)
            try emit(result, json: scope.common.json) {
                "\(result.usedBytes) of \(result.limitBytes) bytes used, \(result.remainingBytes) remaining"
            }
        }
    }
}

/// Streams a local file into the blob store's staging, as the HTTP upload does.
func stage(_ path: String, into documents: DocumentsService) async throws -> Upload {
    guard let handle = FileHandle(forReadingAtPath: path) else { throw ValidationError("cannot read \(path)") }
    defer { try? handle.close() }
    let staging = try await documents.stage()
    do {
        while let chunk = try handle.read(upToCount: 64 * 1024), !chunk.isEmpty {
            try await staging.write(Array(chunk))
        }
        return Upload(
            staged: try await staging.finish(), fileName: URL(fileURLWithPath: path).lastPathComponent,
            declaredType: nil)
    } catch {
        await staging.abandon()
        throw error
    }
}
