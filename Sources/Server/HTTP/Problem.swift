import Application
import Domain
import Foundation
import HTTPTypes
import Hummingbird

/// An RFC 9457 problem: every error response of the API has this shape, with a stable `code`.
struct Problem: Error, Encodable {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let code: String
    /// The offending input, for validation errors.
    let field: String?
    /// For illegal transitions: the state the resource is in, and the one asked for.
    var currentState: String?
    var requestedState: String?
    var allowedNextStates: [String]?
    /// For a taxi's overlapping rides: the ride already holding that time.
    var conflictingCommandeId: String?
    var conflictingReference: String?
    /// For 429: seconds until another attempt is accepted (also the `Retry-After` header).
    var retryAfter: Int?
    /// For 405: the methods the path answers (also the `Allow` header).
    var allowedMethods: [String]?
    /// For an erasure held by law: what is kept, by whom, why and until when.
    var holds: [Hold]?
    var erasureRequestId: String?
    /// Every problem found in a multi-item input (an import's lines…), each on its own.
    var errors: [Item]?
    /// For a full quota: the bytes the organization may still store, and its quota.
    var remainingBytes: Int64?
    var limitBytes: Int64?
    /// For 416: the size of the file (also the `Content-Range` header).
    var completeLength: Int64?
    var requestId: String?
    /// For an overlapping booking: the bookings holding the slot.
    var conflicts: [Conflict]?
    /// For a stale write: the task as it is now, for the client to merge with.
    var currentTask: ProjectTaskResponse?

    struct Hold: Encodable {
        let module: String
        let organizationId: String
        let reason: String
        let kept: String
        /// Absent: until a debt is settled.
        let keptUntil: Date?
    }

    struct Conflict: Encodable {
        let bookingId: String
        let start: Date
        let end: Date
    }

    struct Item: Encodable {
        let line: Int?
        let field: String?
        let detail: String

        /// `field` as Application names it (camelCase); the wire spelling is kept.
        init(line: Int?, field: String?, detail: String) {
            self.line = line
            self.field = field.map(WireName.of)
            self.detail = detail
        }
    }

    init(_ status: HTTPResponse.Status, code: String, detail: String, field: String? = nil) {
        self.type = "urn:gestio:problem:\(code)"
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.code = code
        self.field = field.map(WireName.of)
    }

    var httpStatus: HTTPResponse.Status { HTTPResponse.Status(code: status) }

    /// The answer to an error the API does not know: a 500 that reveals nothing of the server.
    static let unexpected = Problem(
        .internalServerError, code: "internal_error", detail: "an unexpected error occurred")
}

/// The one place where errors become HTTP statuses.
extension Problem {
    /// nil for errors the API does not know: those are server faults (500). Errors shared by every
    /// module map here; each module's own errors map in its folder (`ProblemConvertible`).
    init?(mapping error: any Error) {
        switch error {
        case let problem as Problem: self = problem
        case let error as any ProblemConvertible: self = error.problem
        case let error as DomainError: self.init(domain: error)
        case let error as ApplicationError: self.init(application: error)
        case let error as RateLimited:
            self.init(
                .tooManyRequests, code: "rate_limited",
                detail: "too many attempts; try again in \(error.retryAfter) seconds")
            retryAfter = error.retryAfter
        case let error as RequestError: self.init(request: error)
        case let error as HTTPError: self.init(http: error)
        default: return nil
        }
    }

    private init(domain error: DomainError) {
        switch error {
        case .invalidValue(let field, let reason):
            let field = WireName.of(field)
            self.init(.unprocessableContent, code: "validation_failed", detail: "\(field) \(reason)", field: field)
        case .illegalTransition(let entity, let from, let to):
            self.init(.conflict, code: "illegal_transition", detail: "\(entity) cannot go from \(from) to \(to)")
            currentState = from
            requestedState = to
        }
    }

    private init(application error: ApplicationError) {
        switch error {
        case .notFound(let entity, let id):
            self.init(.notFound, code: "not_found", detail: "no \(entity) with id \(id)")
        case .emailAlreadyRegistered:
            self.init(.conflict, code: "email_taken", detail: "this email is already registered", field: "email")
        case .alreadyMember:
            self.init(.conflict, code: "already_member", detail: "this person is already a member", field: "email")
        case .invalidCredentials:
            self.init(.unauthorized, code: "invalid_credentials", detail: "wrong email or password")
        case .accountDisabled:
            self.init(.forbidden, code: "account_disabled", detail: "this account is deactivated")
        case .notAMember:
            self.init(.forbidden, code: "not_a_member", detail: "this account is not a member of that organization")
        case .invalidAccessToken:
            self.init(.unauthorized, code: "invalid_token", detail: "the access token is invalid or expired")
        case .invalidRefreshToken:
            self.init(.unauthorized, code: "invalid_refresh_token", detail: "the refresh token is invalid or expired")
        case .refreshTokenReused:
            self.init(
                .unauthorized, code: "refresh_token_reused",
                detail: "this refresh token was already used; the session is revoked, log in again")
        case .invalidInvitation:
            self.init(
                .unprocessableContent, code: "invalid_invitation", detail: "invitation_token is not a valid invitation",
                field: "invitation_token")
        case .invitationNotPending(let status):
            self.init(.conflict, code: "invitation_not_pending", detail: "the invitation is \(status.rawValue)")
        case .permissionDenied(let permission):
            self.init(
                .forbidden, code: "forbidden",
                detail: "your roles do not allow \(permission.rawValue.replacingOccurrences(of: "_", with: " "))")
        case .invalidResetToken:
            self.init(
                .unprocessableContent, code: "invalid_reset_token", detail: error.description, field: "token")
        case .invalidConfirmationToken:
            self.init(
                .unprocessableContent, code: "invalid_confirmation_token", detail: error.description, field: "token")
        case .wrongPassword:
            self.init(.forbidden, code: "wrong_password", detail: error.description)
        case .invalidCode:
            self.init(.unprocessableContent, code: "invalid_code", detail: error.description, field: "code")
        case .invalidMFAToken:
            self.init(.unauthorized, code: "invalid_mfa_token", detail: error.description)
        case .twoFactorAlreadyEnabled:
            self.init(.conflict, code: "two_factor_enabled", detail: error.description)
        case .twoFactorNotSetUp:
            self.init(.conflict, code: "two_factor_not_set_up", detail: error.description)
        case .twoFactorNotEnabled:
            self.init(.conflict, code: "two_factor_not_enabled", detail: error.description)
        case .twoFactorSetupRequired:
            self.init(.forbidden, code: "two_factor_setup_required", detail: error.description)
        case .processingRestricted:
            self.init(.forbidden, code: "processing_restricted", detail: error.description)
        }
    }

    private init(request error: RequestError) {
        switch error {
        case .malformedJSON(let detail):
            self.init(.badRequest, code: "malformed_json", detail: detail)
        case .malformedBody(let detail):
            self.init(.badRequest, code: "malformed_body", detail: detail)
        case .wrongType(let field, let expected):
            self.init(.badRequest, code: "invalid_type", detail: "\(field) must be \(expected)", field: field)
        case .missingField(let field):
            self.init(.unprocessableContent, code: "missing_field", detail: "\(field) is required", field: field)
        case .invalidParameter(let name, let reason):
            self.init(.unprocessableContent, code: "validation_failed", detail: "\(name) \(reason)", field: name)
        case .missingToken:
            self.init(
                .unauthorized, code: "missing_token", detail: "send an access token as Authorization: Bearer <token>")
        case .payloadTooLarge(let limit):
            self.init(
                .contentTooLarge, code: "payload_too_large", detail: "the request body is larger than \(limit) bytes")
        case .conflictingFields(let first, let second):
            self.init(
                .unprocessableContent, code: "validation_failed", detail: "give exactly one of \(first) and \(second)",
                field: first)
        }
    }

    private init(http error: HTTPError) {
        let status = error.status
        let code: String =
            switch status {
            case .notFound: "route_not_found"
            case .methodNotAllowed: "method_not_allowed"
            case .contentTooLarge: "payload_too_large"
            case .badRequest: "bad_request"
            default: status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            }
        let detail =
            switch status {
            case .notFound: "no such route"
            case .contentTooLarge: "the request body is larger than \(JSONCoding.maximumBodySize) bytes"
            default: error.body ?? status.reasonPhrase
            }
        self.init(status, code: code, detail: detail)
    }

    func response(requestID: String) -> Response {
        var problem = self
        problem.requestId = requestID.isEmpty ? nil : requestID
        let body = (try? JSONCoding.encoder.encode(problem)) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if httpStatus == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if let allowedMethods { headers[.allow] = allowedMethods.joined(separator: ", ") }
        if let completeLength { headers[.contentRange] = "bytes */\(completeLength)" }
        return Response(status: httpStatus, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension Problem {
    /// 409 for a state machine's refused transition, naming where it stands and where it may go.
    init<State: RawRepresentable>(
        illegal error: any Error & CustomStringConvertible, from: State, requested: State, allowed: [State]
    ) where State.RawValue == String {
        self.init(.conflict, code: "illegal_transition", detail: error.description)
        currentState = from.rawValue
        requestedState = requested.rawValue
        allowedNextStates = allowed.map(\.rawValue)
    }

}
