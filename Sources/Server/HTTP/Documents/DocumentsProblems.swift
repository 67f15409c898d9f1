import Application
import Domain

extension DocumentError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .unsupportedMediaType:
            return Problem(.unsupportedMediaType, code: "unsupported_media_type", detail: description, field: "file")
        case .mediaTypeMismatch:
            return Problem(.unsupportedMediaType, code: "media_type_mismatch", detail: description, field: "file")
        case .emptyFile:
            return Problem(.unprocessableContent, code: "empty_file", detail: description, field: "file")
        case .suspiciousArchive:
            return Problem(.unprocessableContent, code: "suspicious_archive", detail: description, field: "file")
        case .quotaExceeded(let remaining, let limit):
            var problem = Problem(.conflict, code: "quota_exceeded", detail: description)
            problem.remainingBytes = remaining
            problem.limitBytes = limit
            return problem
        case .tooLarge:
            return Problem(.contentTooLarge, code: "payload_too_large", detail: description, field: "file")
        case .unknownEntityType:
            return Problem(.unprocessableContent, code: "validation_failed", detail: description, field: "entity_type")
        case .retained:
            return Problem(.conflict, code: "document_retained", detail: description)
        case .versionNotFound:
            return Problem(.notFound, code: "not_found", detail: description)
        case .rendererUnavailable:
            return Problem(.serviceUnavailable, code: "renderer_unavailable", detail: description)
        case .readerUnavailable:
            return Problem(.serviceUnavailable, code: "reader_unavailable", detail: description)
        case .notReadable:
            return Problem(.conflict, code: "not_readable", detail: description)
        case .unreadable:
            return Problem(.unprocessableContent, code: "unreadable", detail: description, field: "file")
        case .textNotReady(let status):
            var problem = Problem(.conflict, code: "text_not_ready", detail: description)
            problem.currentState = status.rawValue
            return problem
        }
    }
}

extension RangeNotSatisfiable: ProblemConvertible {
    var problem: Problem {
        var problem = Problem(
            .rangeNotSatisfiable, code: "range_not_satisfiable", detail: "the file has \(size) bytes")
        problem.completeLength = size
        return problem
    }
}
