public import Foundation

public typealias DocumentID = Identifier<Document>

/// A file an organization keeps, in versions: a plan, a quote, the minutes of an assembly. It may
/// be linked to one entity of a module (a building, an intervention…), whose visibility then
/// governs who sees it. Deleting it is a soft delete: the versions stay for the retention period.
public struct Document: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case plan, quote, invoice, contract, minutes, certificate, photo, other
        /// A vehicle's registration certificate (its fields are read like an invoice's).
        case registrationCard = "registration_card"
    }

    public let id: DocumentID
    public let organizationID: OrganizationID
    public var title: String
    public var kind: Kind
    public let link: EntityLink?
    public var tags: [String]
    /// nil when uploaded by the operator or a job (generated PDFs).
    public let authorID: UserID?
    public let createdAt: Date
    public var updatedAt: Date
    /// The number of the newest version (1 for a new document).
    public var currentVersion: Int
    public var deletedAt: Date?

    public init(
        id: DocumentID, organizationID: OrganizationID, title: String, kind: Kind, link: EntityLink?, tags: [String],
        authorID: UserID?, createdAt: Date, updatedAt: Date? = nil, currentVersion: Int = 1, deletedAt: Date? = nil
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.title = try Self.validatedTitle(title)
        self.kind = kind
        self.link = link
        self.tags = try Self.validatedTags(tags)
        self.authorID = authorID
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.currentVersion = currentVersion
        self.deletedAt = deletedAt
    }

    public static let maxTitleLength = 200
    public static let maxTags = 20

    public static func validatedTitle(_ raw: String) throws -> String {
        let title = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, Text.fits(raw, maxTitleLength), !title.contains(where: \.isNewline) else {
            throw DomainError.invalidValue(
                field: "title", reason: "must be 1 to \(maxTitleLength) characters on one line")
        }
        return title
    }

    /// Tags are lower-case words (letters, digits, `-` and `_`, up to 40), at most 20, each once.
    public static func validatedTags(_ raw: [String]) throws -> [String] {
        var tags: [String] = []
        for (index, tag) in raw.enumerated() {
            let normalized = tag.trimmingCharacters(in: .whitespaces).lowercased()
            guard (1...40).contains(normalized.count),
                normalized.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            else {
                throw DomainError.invalidValue(
                    field: "tags[\(index)]", reason: "must be a word of 1 to 40 letters, digits, - or _")
            }
            if !tags.contains(normalized) { tags.append(normalized) }
        }
        guard tags.count <= maxTags else {
            throw DomainError.invalidValue(field: "tags", reason: "at most \(maxTags) tags")
        }
        return tags
    }
}

/// What a document is attached to: an entity type a module registered (`building`,
/// `intervention`…) and its id.
public struct EntityLink: Sendable, Equatable, Hashable {
    public let type: String
    public let id: UUID

    public init(type: String, id: UUID) {
        self.type = type
        self.id = id
    }
}

/// One upload of a document's content. Earlier versions stay downloadable.
public struct DocumentVersion: Sendable, Equatable {
    public let documentID: DocumentID
    public let number: Int
    public let blob: BlobDigest
    public let size: Int64
    public let mediaType: MediaType
    public let fileName: String
    public let uploadedBy: UserID?
    public let uploadedAt: Date
    public let comment: String?

    public init(
        documentID: DocumentID, number: Int, blob: BlobDigest, size: Int64, mediaType: MediaType, fileName: String,
        uploadedBy: UserID?, uploadedAt: Date, comment: String?
    ) throws {
        self.documentID = documentID
        self.number = number
        self.blob = blob
        self.size = size
        self.mediaType = mediaType
        self.fileName = try Self.validatedFileName(fileName)
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
        if let comment, !Text.fits(comment, 1000) {
            throw DomainError.invalidValue(field: "comment", reason: "must be at most 1000 characters")
        }
        self.comment = comment?.isEmpty == true ? nil : comment
    }

    /// The name the client gave, without any folder part or control character, at most 255
    /// characters; a name with nothing left is refused.
    public static func validatedFileName(_ raw: String) throws -> String {
        let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(
            String.UnicodeScalarView(
                base.unicodeScalars.filter {
                    !$0.properties.isNoncharacterCodePoint && $0.value >= 0x20 && $0.value != 0x7F
                })
        )
        .trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty, cleaned != ".", cleaned != "..", cleaned.count <= 255 else {
            throw DomainError.invalidValue(field: "file", reason: "needs a file name of 1 to 255 characters")
        }
        return cleaned
    }
}

/// The SHA-256 of a blob's bytes, in lower-case hexadecimal: its address in the blob store.
public struct BlobDigest: Sendable, Hashable, CustomStringConvertible {
    public let hex: String

    public init?(hex: String) {
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            return nil
        }
        self.hex = hex
    }

    public var description: String { hex }
}

/// How much an organization may store, and what it stores now (each blob counted once).
public struct StorageQuota: Sendable, Equatable {
    public let limit: Int64
    public let used: Int64

    public init(limit: Int64, used: Int64) {
        self.limit = limit
        self.used = used
    }

    public var remaining: Int64 { max(0, limit - used) }
}
