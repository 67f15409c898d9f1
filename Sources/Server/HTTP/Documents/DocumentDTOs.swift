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
    }
}
