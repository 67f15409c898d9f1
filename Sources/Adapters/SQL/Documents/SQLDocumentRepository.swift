import Application
import Domain
import Foundation
import SQLKit

struct DocumentRow: Codable {
    let id: UUID
    let organizationId: UUID
    let title: String
    let kind: String
    let entityType: String?
    let entityId: UUID?
    /// A JSON array of strings.
    let tags: String
    let authorId: UUID?
    let createdAt: Date
    let updatedAt: Date
    let currentVersion: Int
    let deletedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, title, kind, tags
        case organizationId = "organization_id"
        case entityType = "entity_type"
        case entityId = "entity_id"
        case authorId = "author_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case currentVersion = "current_version"
        case deletedAt = "deleted_at"
    }

    init(_ document: Document) throws {
        id = document.id.rawValue
        organizationId = document.organizationID.rawValue
        title = document.title
        kind = document.kind.rawValue
        entityType = document.link?.type
        entityId = document.link?.id
        tags = String(decoding: try JSONEncoder().encode(document.tags), as: UTF8.self)
        authorId = document.authorID?.rawValue
        createdAt = document.createdAt
        updatedAt = document.updatedAt
        currentVersion = document.currentVersion
        deletedAt = document.deletedAt
    }

    func domain() throws -> Document {
        guard let kind = Document.Kind(rawValue: kind) else {
            throw CorruptRow(table: "documents", reason: "\(id) has the unknown type \(self.kind)")
        }
        let link = both(entityType, entityId).map { EntityLink(type: $0, id: $1) }
        return try Document(
            id: DocumentID(id), organizationID: OrganizationID(organizationId), title: title, kind: kind, link: link,
            tags: try JSONDecoder().decode([String].self, from: Data(tags.utf8)), authorID: authorId.map(UserID.init),
            createdAt: createdAt, updatedAt: updatedAt, currentVersion: currentVersion, deletedAt: deletedAt)
    }
}

private func both<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}

struct DocumentVersionRow: Codable {
    let documentId: UUID
    let number: Int
    let organizationId: UUID
    let blobDigest: String
    let size: Int64
    let mediaType: String
    let fileName: String
    let uploadedBy: UUID?
    let uploadedAt: Date
    let comment: String?

    enum CodingKeys: String, CodingKey {
        case number, size, comment
        case documentId = "document_id"
        case organizationId = "organization_id"
        case blobDigest = "blob_digest"
        case mediaType = "media_type"
        case fileName = "file_name"
        case uploadedBy = "uploaded_by"
        case uploadedAt = "uploaded_at"
    }

    func domain() throws -> DocumentVersion {
        guard let digest = BlobDigest(hex: blobDigest), let type = MediaType.named(mediaType) else {
            throw CorruptRow(table: "document_versions", reason: "\(documentId) v\(number): bad digest or type")
        }
        return try DocumentVersion(
            documentID: DocumentID(documentId), number: number, blob: digest, size: size, mediaType: type,
            fileName: fileName, uploadedBy: uploadedBy.map(UserID.init), uploadedAt: uploadedAt, comment: comment)
    }
}

struct SQLDocumentRepository: DocumentRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ document: Document) async throws {
        try await db.insert(into: "documents").model(try DocumentRow(document), nilEncodingStrategy: .asNil).run()
    }

    func update(_ document: Document) async throws {
        let row = try DocumentRow(document)
        try await db.update("documents")
            .set("title", to: row.title).set("kind", to: row.kind).set("tags", to: row.tags)
            .set("current_version", to: row.currentVersion).set("updated_at", to: row.updatedAt)
            .set("deleted_at", to: row.deletedAt.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
            .where("id", .equal, row.id).run()
    }

    func find(_ id: DocumentID) async throws -> Document? {
        try await db.select().columns("*").from("documents").where("id", .equal, id.rawValue)
            .first(decoding: DocumentRow.self, with: rowDecoder)?.domain()
    }

    func lock(_ id: DocumentID) async throws -> Document? {
        try await db.lockRow(of: "documents", id: id.rawValue, dialect: dialect)
        return try await find(id)
    }

    func insertVersion(_ version: DocumentVersion, organization: OrganizationID) async throws {
        try await db.insert(into: "document_versions")
            .model(
                DocumentVersionRow(
                    documentId: version.documentID.rawValue, number: version.number,
                    organizationId: organization.rawValue, blobDigest: version.blob.hex, size: version.size,
                    mediaType: version.mediaType.name, fileName: version.fileName,
                    uploadedBy: version.uploadedBy?.rawValue, uploadedAt: version.uploadedAt, comment: version.comment),
                nilEncodingStrategy: .asNil
            ).run()
    }

    func versions(of id: DocumentID) async throws -> [DocumentVersion] {
        try await db.select().columns("*").from("document_versions").where("document_id", .equal, id.rawValue)
            .orderBy("number").all(decoding: DocumentVersionRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func version(_ number: Int, of id: DocumentID) async throws -> DocumentVersion? {
        try await db.select().columns("*").from("document_versions").where("document_id", .equal, id.rawValue)
            .where("number", .equal, number)
            .first(decoding: DocumentVersionRow.self, with: rowDecoder)?.domain()
    }

    func list(of organization: OrganizationID, filter: DocumentFilter, page request: PageRequest) async throws
        -> Page<Document>
    {
        let pattern = filter.text.map(likeContaining)
        let (rows, total) = try await db.page(
            "documents", request, as: DocumentRow.self,
            filtered: { query in
                query.where("organization_id", .equal, organization.rawValue)
                    .where("deleted_at", .is, SQLLiteral.null)
                if let link = filter.link {
                    query.where("entity_type", .equal, link.type).where("entity_id", .equal, link.id)
                }
                if let kind = filter.kind { query.where("kind", .equal, kind.rawValue) }
                if !filter.excludingTypes.isEmpty {
                    query.where { group in
                        group.where("entity_type", .is, SQLLiteral.null)
                            .orWhere("entity_type", .notIn, filter.excludingTypes)
                    }
                }
                if let pattern {
                    query.where(
                        SQLQueryString(
                            "(LOWER(title) LIKE \(bind: pattern) ESCAPE '!' OR LOWER(tags) LIKE \(bind: pattern) ESCAPE '!')"
                        ))
                }
                return query
            },
            ordered: { $0.orderBy("created_at", .descending).orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: request, totalItems: total)
    }

    func reserve(_ blob: BlobDigest, size: Int64, of organization: OrganizationID, limit: Int64, at date: Date)
        async throws -> Bool
    {
        let inserted = try await db.insert(into: "document_blobs")
            .columns("organization_id", "digest", "size", "created_at")
            .values(SQLBind(organization.rawValue), SQLBind(blob.hex), SQLBind(size), SQLBind(date))
            .ignoringConflicts(with: ["organization_id", "digest"])
            .returning("digest").all()
        guard !inserted.isEmpty else { return true }  // counted already
        try await db.insert(into: "document_storage").columns("organization_id", "used_bytes")
            .values(SQLBind(organization.rawValue), SQLBind(Int64(0)))
            .ignoringConflicts(with: ["organization_id"]).run()
        let counted = try await db.raw(
            """
            UPDATE document_storage SET used_bytes = used_bytes + \(bind: size)
            WHERE organization_id = \(bind: organization.rawValue) AND used_bytes + \(bind: size) <= \(bind: limit)
            RETURNING used_bytes
            """
        ).all()
        if counted.isEmpty {
            try await db.delete(from: "document_blobs").where("organization_id", .equal, organization.rawValue)
                .where("digest", .equal, blob.hex).run()
            return false
        }
        return true
    }

    func storage(of organization: OrganizationID) async throws -> (quota: Int64?, used: Int64) {
        struct Row: Decodable {
            let usedBytes: Int64
            let quotaBytes: Int64?
            enum CodingKeys: String, CodingKey {
                case usedBytes = "used_bytes"
                case quotaBytes = "quota_bytes"
            }
        }
        let row = try await db.select().columns("used_bytes", "quota_bytes").from("document_storage")
            .where("organization_id", .equal, organization.rawValue).first(decoding: Row.self, with: rowDecoder)
        return (row?.quotaBytes, row?.usedBytes ?? 0)
    }

    func live(after: DocumentID?, limit: Int) async throws -> [Document] {
        let query = db.select().columns("*").from("documents").where("deleted_at", .is, SQLLiteral.null)
        if let after { query.where("id", .greaterThan, after.rawValue) }
        return try await query.orderBy("id").limit(limit).all(decoding: DocumentRow.self, with: rowDecoder)
            .map { try $0.domain() }
    }

    func deleteLinked(to entityType: String, _ entityID: UUID, in organization: OrganizationID, at date: Date)
        async throws -> [DocumentID]
    {
        try await db.update("documents").set("deleted_at", to: date).set("updated_at", to: date)
            .where("organization_id", .equal, organization.rawValue).where("entity_type", .equal, entityType)
            .where("entity_id", .equal, entityID).where("deleted_at", .is, SQLLiteral.null)
            .returning("id").all(decodingColumn: "id", as: UUID.self).map(DocumentID.init)
    }

    func deleteDeleted(before date: Date) async throws -> Int {
        try await db.delete(from: "documents").where("deleted_at", .lessThan, date).returning("id").all().count
    }

    func releaseUnreferencedBlobs() async throws -> [(OrganizationID, BlobDigest)] {
        struct Released: Decodable {
            let organizationId: UUID
            let digest: String
            let size: Int64
            enum CodingKeys: String, CodingKey {
                case digest, size
                case organizationId = "organization_id"
            }
        }
        let released = try await db.raw(
            """
            DELETE FROM document_blobs WHERE NOT EXISTS (
                SELECT 1 FROM document_versions v
                WHERE v.organization_id = document_blobs.organization_id AND v.blob_digest = document_blobs.digest)
            RETURNING organization_id, digest, size
            """
        ).all(decoding: Released.self, with: rowDecoder)
        for item in released {
            try await db.raw(
                """
                UPDATE document_storage SET used_bytes = used_bytes - \(bind: item.size)
                WHERE organization_id = \(bind: item.organizationId)
                """
            ).run()
        }
        return released.compactMap { item in
            BlobDigest(hex: item.digest).map { (OrganizationID(item.organizationId), $0) }
        }
    }

    func blobDigests(of organization: OrganizationID) async throws -> Set<BlobDigest> {
        Set(
            try await db.select().column("digest").from("document_blobs")
                .where("organization_id", .equal, organization.rawValue)
                .all(decodingColumn: "digest", as: String.self).compactMap { BlobDigest(hex: $0) })
    }

    func hasBlob(_ blob: BlobDigest, of organization: OrganizationID) async throws -> Bool {
        try await db.select().column("digest").from("document_blobs")
            .where("organization_id", .equal, organization.rawValue).where("digest", .equal, blob.hex)
            .first() != nil
    }

    func setQuota(_ bytes: Int64?, of organization: OrganizationID) async throws {
        try await db.insert(into: "document_storage").columns("organization_id", "used_bytes", "quota_bytes")
            .values(
                SQLBind(organization.rawValue), SQLBind(Int64(0)),
                bytes.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null
            )
            .onConflict(with: ["organization_id"]) { $0.set(excludedValueOf: "quota_bytes") }
            .run()
    }
}

struct DocumentTextRow: Codable {
    let documentId: UUID
    let version: Int
    let organizationId: UUID
    let status: String
    let pagesDone: Int
    let pagesTotal: Int?
    let body: String
    let confidence: Double?
    /// A JSON array of fields.
    let fields: String
    let error: String?
    let attempts: Int
    let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case version, status, body, confidence, fields, error, attempts
        case documentId = "document_id"
        case organizationId = "organization_id"
        case pagesDone = "pages_done"
        case pagesTotal = "pages_total"
        case updatedAt = "updated_at"
    }

    func domain() throws -> DocumentText {
        guard let status = DocumentText.Status(rawValue: status),
            let fields = try? JSONDecoder().decode([ExtractedField].self, from: Data(fields.utf8))
        else { throw CorruptRow(table: "document_texts", reason: "\(documentId) v\(version): bad status or fields") }
        return DocumentText(
            documentID: DocumentID(documentId), version: version, organizationID: OrganizationID(organizationId),
            status: status, pagesDone: pagesDone, pagesTotal: pagesTotal, text: body, confidence: confidence,
            fields: fields, error: error, attempts: attempts, updatedAt: updatedAt)
    }
}

struct SQLDocumentTextRepository: DocumentTextRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func queue(_ document: DocumentID, version: Int, organization: OrganizationID, at date: Date) async throws -> Bool {
        let queued = try await db.raw(
            """
            INSERT INTO document_texts (document_id, version, organization_id, status, updated_at)
            VALUES (\(bind: document.rawValue), \(bind: version), \(bind: organization.rawValue), 'pending', \(bind: date))
            ON CONFLICT (document_id, version) DO UPDATE SET status = 'pending', pages_done = 0,
                pages_total = NULL, body = '', confidence = NULL, fields = '[]', error = NULL, attempts = 0,
                lease_until = NULL, updated_at = excluded.updated_at
            WHERE document_texts.status IN ('done', 'failed')
            RETURNING version
            """
        ).all()
        return !queued.isEmpty
    }

    func claim(dueAt now: Date, leaseUntil: Date, limit: Int) async throws -> [DocumentText] {
        let skipLocked = SQLQueryString(dialect.skipLockedClause)
        let claimed = try await db.raw(
            """
            UPDATE document_texts SET status = 'running', lease_until = \(bind: leaseUntil),
                attempts = attempts + 1, updated_at = \(bind: now)
            WHERE (document_id, version) IN (
                SELECT document_id, version FROM document_texts
                WHERE status = 'pending' OR (status = 'running' AND lease_until < \(bind: now))
                ORDER BY updated_at LIMIT \(bind: limit) \(skipLocked))
            RETURNING *
            """
        ).all(decoding: DocumentTextRow.self, with: rowDecoder)
        return try claimed.map { try $0.domain() }
    }

    func save(_ text: DocumentText, leaseUntil: Date?) async throws {
        let fields = String(decoding: try JSONEncoder().encode(text.fields), as: UTF8.self)
        try await db.update("document_texts")
            .set("status", to: text.status.rawValue).set("pages_done", to: text.pagesDone)
            .set("pages_total", to: text.pagesTotal.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
            .set("body", to: text.text)
            .set("confidence", to: text.confidence.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
            .set("fields", to: fields)
            .set(
                "error", to: text.error.map { SQLBind(String($0.prefix(1000))) as any SQLExpression } ?? SQLLiteral.null
            )
            .set("updated_at", to: text.updatedAt)
            .set("lease_until", to: leaseUntil.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
            .where("document_id", .equal, text.documentID.rawValue).where("version", .equal, text.version).run()
    }

    func find(_ document: DocumentID, version: Int) async throws -> DocumentText? {
        try await db.select().columns("*").from("document_texts").where("document_id", .equal, document.rawValue)
            .where("version", .equal, version).first(decoding: DocumentTextRow.self, with: rowDecoder)?.domain()
    }
}
