import Application
import Domain
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/v1/documents` and `/{collection}/{id}/documents` for every entity type a module
/// registered: uploads (multipart, streamed to the blob store), versions, lists and downloads
/// (ETag, If-None-Match, Range, Content-Disposition).
struct DocumentRoutes {
    let service: DocumentsService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        // Uploads stream past the JSON body limit; their own limit is the service's.
        group.post("documents") { request, context in
            try await service.checkUpload(as: context.principal)
            let form = try await readForm(request)
            let view = try await service.create(
                newDocument(form, entityType: form.field("entity_type"), entityID: form.field("entity_id")),
                upload: try upload(form), as: context.principal)
            return EditedResponse(status: .created, response: DocumentResponse(view))
        }
        group.get("documents") { request, context in
            let query = request.uri.queryParameters
            return try await list(
                request, context, entityType: query.get("entity_type"), entityID: query.get("entity_id"))
        }
        group.get("documents/{id}") { _, context in
            DocumentResponse(try await service.document(try documentID(context), as: context.principal))
        }
        group.delete("documents/{id}") { _, context in
            try await service.delete(try documentID(context), as: context.principal)
            return HTTPResponse.Status.noContent
        }
        group.post("documents/{id}/versions") { request, context in
            let id = try documentID(context)
            try await service.checkUpload(to: id, as: context.principal)
            let form = try await readForm(request)
            let view = try await service.addVersion(
                to: id, upload: try upload(form), comment: form.field("comment"), as: context.principal)
            return EditedResponse(status: .created, response: DocumentResponse(view))
        }
        group.get("documents/{id}/text") { _, context in
            DocumentTextResponse(try await service.text(of: try documentID(context), as: context.principal))
        }
        group.post("documents/{id}/text") { _, context in
            EditedResponse(
                status: .accepted,
                response: DocumentTextResponse(try await service.reread(try documentID(context), as: context.principal))
            )
        }
        group.get("documents/{id}/versions/{number}/content") { request, context in
            try await download(request, context)
        }
        for target in service.links.all {
            group.get("\(target.collection)/{id}/documents") { request, context in
                try await list(request, context, entityType: target.type, entityID: context.parameters.get("id") ?? "")
            }
            group.post("\(target.collection)/{id}/documents") { request, context in
                let entity = context.parameters.get("id") ?? ""
                guard UUID(uuidString: entity) != nil else {
                    throw ApplicationError.notFound(entity: target.type, id: entity)
                }
                try await service.checkUpload(linkedTo: target.type, entity, as: context.principal)
                let form = try await readForm(request)
                let view = try await service.create(
                    newDocument(form, entityType: target.type, entityID: entity), upload: try upload(form),
                    as: context.principal)
                return EditedResponse(status: .created, response: DocumentResponse(view))
            }
        }
    }

    /// A page of documents, of one entity when asked, filtered by `type` and `q`; lists carry no versions.
    private func list(_ request: Request, _ context: AuthenticatedContext, entityType: String?, entityID: String?)
        async throws -> ListResponse<DocumentResponse>
    {
        ListResponse(
            try await service.list(
                entityType: entityType, entityID: entityID, kind: request.uri.queryParameters.get("type"),
                text: try request.textQuery("q", maxLength: 200), page: try request.pageRequest(), as: context.principal
            ),
            { DocumentResponse(DocumentView(document: $0, versions: [])) })
    }

    private func documentID(_ context: AuthenticatedContext) throws -> DocumentID {
        try context.parameters.id(as: DocumentID.self, entity: "document")
    }

    private func readForm(_ request: Request) async throws -> MultipartUpload {
        try await MultipartUpload.read(
            request, maxFileBytes: service.limits.maxUploadBytes, staging: { try await service.stage() })
    }

    private func upload(_ form: MultipartUpload) throws -> Upload {
        guard let upload = form.upload else { throw RequestError.missingField("file") }
        return upload
    }

    private func newDocument(_ form: MultipartUpload, entityType: String?, entityID: String?) -> NewDocument {
        NewDocument(
            title: form.field("title"), kind: form.field("type"), entityType: entityType, entityID: entityID,
            tags: (form.fields["tags"] ?? []).flatMap { $0.split(separator: ",").map(String.init) }
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty },
            comment: form.field("comment"))
    }

    private func download(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try documentID(context)
        let raw = context.parameters.get("number") ?? ""
        guard let number = Int(raw), (1...1_000_000).contains(number) else {
            throw DocumentError.versionNotFound(number: 0)
        }
        let version = try await service.version(number, of: id, as: context.principal)
        let etag = "\"\(version.blob.hex)\""
        var headers: HTTPFields = [
            .eTag: etag, .acceptRanges: "bytes", .contentType: version.mediaType.name,
            .contentDisposition: ContentDisposition.attachment(fileName: version.fileName),
            .cacheControl: "private, no-cache",
        ]
        if let match = request.headers[.ifNoneMatch],
            match.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }).contains(where: {
                $0 == etag || $0 == "W/\(etag)" || $0 == "*"
            })
        {
            return Response(status: .notModified, headers: headers)
        }
        let range: ClosedRange<Int64>?
        switch ByteRange.parse(request.headers[.range], size: version.size) {
        case .whole: range = nil
        case .part(let part): range = part
        case .unsatisfiable: throw RangeNotSatisfiable(size: version.size)
        }
        let (_, bytes) = try await service.content(of: id, version: number, range: range, as: context.principal)
        let body = ResponseBody(asyncSequence: bytes.map { ByteBuffer(bytes: $0) })
        if let range {
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(version.size)"
            headers[.contentLength] = String(range.upperBound - range.lowerBound + 1)
            return Response(status: .partialContent, headers: headers, body: body)
        }
        headers[.contentLength] = String(version.size)
        return Response(status: .ok, headers: headers, body: body)
    }
}

/// A `Range` header the file cannot satisfy: 416 naming the size.
struct RangeNotSatisfiable: Error {
    let size: Int64
}

/// `Range: bytes=…` (RFC 9110 14.1.2), one range: anything else is served whole.
enum ByteRange: Equatable {
    case whole
    case part(ClosedRange<Int64>)
    case unsatisfiable

    static func parse(_ header: String?, size: Int64) -> ByteRange {
        guard let header, header.hasPrefix("bytes="), !header.contains(",") else { return .whole }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        let bounds = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard bounds.count == 2 else { return .whole }
        let first = bounds[0].isEmpty ? nil : Int64(bounds[0])
        let last = bounds[1].isEmpty ? nil : Int64(bounds[1])
        switch (first, last, bounds[0].isEmpty, bounds[1].isEmpty) {
        case (let start?, nil, false, true):
            guard start >= 0 else { return .whole }
            return start < size ? .part(start...(size - 1)) : .unsatisfiable
        case (let start?, let end?, false, false):
            guard start >= 0, end >= start else { return .whole }
            return start < size ? .part(start...min(end, size - 1)) : .unsatisfiable
        case (nil, let suffix?, true, false):
            guard suffix > 0 else { return suffix == 0 ? .unsatisfiable : .whole }
            return size == 0 ? .unsatisfiable : .part(max(0, size - suffix)...(size - 1))
        default:
            return .whole
        }
    }
}

/// `Content-Disposition: attachment` with the original name (RFC 6266): an ASCII fallback in
/// `filename`, the exact name in `filename*` as UTF-8, percent-encoded.
enum ContentDisposition {
    static func attachment(fileName: String) -> String {
        let fallback = String(
            fileName.unicodeScalars.map { scalar -> Character in
                scalar.isASCII && scalar.value >= 0x20 && scalar != "\"" && scalar != "\\" ? Character(scalar) : "_"
            })
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "!#$&+-.^_`|~")
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: allowed) ?? fallback
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }
}

extension Response {
    /// A PDF made for the caller, to download under `fileName`, never kept by a shared cache.
    static func pdf(_ bytes: [UInt8], fileName: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "application/pdf", .contentDisposition: ContentDisposition.attachment(fileName: fileName),
                .cacheControl: "private, no-cache",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
