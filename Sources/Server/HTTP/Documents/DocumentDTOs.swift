import Application
import Domain
import Foundation
import Hummingbird

struct DocumentResponse: ResponseEncodable {
    struct Version: Encodable {
        let number: Int
        let size: Int64
        let mediaType: String
        let fileName: String
        let sha256: String
        let uploadedBy: String?
        let uploadedAt: Date
        let comment: String?
        let contentUrl: String
    }

    let id: String
    let title: String
    let type: String
    let entityType: String?
    let entityId: String?
    let tags: [String]
    let authorId: String?
    let createdAt: Date
    let updatedAt: Date
    let currentVersion: Int
    let versions: [Version]
    /// The reading of the current version's text, when it is read.
    let ocr: Reading?

    struct Reading: Encodable {
        let status: String
        let version: Int
        let pagesDone: Int
        let pagesTotal: Int?
        let error: String?
        let textUrl: String
    }

    init(_ view: DocumentView) {
        let document = view.document
        id = document.id.description
        title = document.title
        type = document.kind.rawValue
        entityType = document.link?.type
        entityId = document.link?.id.lowercasedText
        tags = document.tags
        authorId = document.authorID?.description
        createdAt = document.createdAt
        updatedAt = document.updatedAt
        currentVersion = document.currentVersion
        versions = view.versions.map { version in
            Version(
                number: version.number, size: version.size, mediaType: version.mediaType.name,
                fileName: version.fileName, sha256: version.blob.hex, uploadedBy: version.uploadedBy?.description,
                uploadedAt: version.uploadedAt, comment: version.comment,
                contentUrl: "/api/v1/documents/\(document.id)/versions/\(version.number)/content")
        }
        ocr = view.text.map { text in
            Reading(
                status: text.status.rawValue, version: text.version, pagesDone: text.pagesDone,
                pagesTotal: text.pagesTotal, error: text.error, textUrl: "/api/v1/documents/\(document.id)/text")
        }
    }
}

/// Documents made at once (a call's notices).
struct DocumentsCreatedResponse: ResponseEncodable {
    let data: [DocumentResponse]
}

/// The text read from a document's current version and the fields found in it.
struct DocumentTextResponse: ResponseEncodable {
    struct Field: Encodable {
        let name: String
        let value: String
        let confidence: Double
        let start: Int
        let end: Int
        let source: String
    }

    let documentId: String
    let version: Int
    let status: String
    let pagesDone: Int
    let pagesTotal: Int?
    let confidence: Double?
    let text: String
    let fields: [Field]
    let error: String?
    let updatedAt: Date

    init(_ text: DocumentText) {
        documentId = text.documentID.description
        version = text.version
        status = text.status.rawValue
        pagesDone = text.pagesDone
        pagesTotal = text.pagesTotal
        confidence = text.confidence
        self.text = text.text
        fields = text.fields.map {
            Field(
                name: $0.name, value: $0.value, confidence: $0.confidence, start: $0.start, end: $0.end,
                source: $0.source)
        }
        error = text.error
        updatedAt = text.updatedAt
    }
}
