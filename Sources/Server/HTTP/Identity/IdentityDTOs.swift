import Application
import Domain
import Foundation
import Hummingbird

struct RegisterRequest: Decodable {
    let email: String
    let password: String
    let name: String
    let organizationName: String?
    let invitationToken: String?
}

struct LoginRequest: Decodable {
    let email: String
    let password: String
    /// Which organization to open the session in; the oldest membership when absent.
    let organizationId: UUID?
}

struct RefreshTokenRequest: Decodable {
    let refreshToken: String
}

struct RolesRequest: Decodable {
    let roles: [String]
}

struct InvitationRequest: Decodable {
    let email: String
    let role: String
}

/// A member on the wire: the shared `MemberSummary`, encoded as itself.
struct UserResponse: ResponseEncodable {
    let summary: MemberSummary

    init(_ member: Member) { summary = MemberSummary(member) }

    func encode(to encoder: any Encoder) throws { try summary.encode(to: encoder) }
}

struct SessionResponse: ResponseEncodable {
    let accessToken: String
    let refreshToken: String
    let tokenType = "Bearer"
    let expiresIn: Int
    let user: UserResponse

    init(_ session: AuthSession) {
        accessToken = session.accessToken
        refreshToken = session.refreshToken
        expiresIn = session.expiresIn
        user = UserResponse(session.member)
    }
}

struct InvitationResponse: ResponseEncodable {
    let id: String
    let organizationId: String
    let email: String
    let role: String
    /// Shown once: hand it to the invitee, who registers with it.
    let token: String
    let expiresAt: Date

    init(_ issued: IssuedInvitation) {
        id = issued.invitation.id.description
        organizationId = issued.invitation.organizationID.description
        email = issued.invitation.email.value
        role = issued.invitation.role.rawValue
        token = issued.token
        expiresAt = issued.invitation.expiresAt
    }
}

/// `{data: [...], pagination: {...}}`, the shape of every list.
struct ListResponse<Item: Encodable & Sendable>: ResponseEncodable {
    struct Pagination: Encodable {
        let page: Int
        let perPage: Int
        let totalItems: Int
        let totalPages: Int
    }

    let data: [Item]
    let pagination: Pagination

    init<Source>(_ page: Page<Source>, _ transform: (Source) -> Item) {
        data = page.items.map(transform)
        pagination = Pagination(
            page: page.request.page, perPage: page.request.perPage, totalItems: page.totalItems,
            totalPages: page.totalPages)
    }
}

extension Request {
    /// `?page=&per_page=`, validated.
    func pageRequest() throws -> PageRequest {
        try PageRequest(
            page: integerQuery("page", in: 1...PageRequest.maximumPage, default: 1),
            perPage: integerQuery("per_page", in: 1...PageRequest.maximumPerPage, default: 20))
    }
}

extension Parameters {
    /// A path id; an id that is not a UUID names nothing, so it is a 404 like any unknown id.
    func id<Entity>(_ name: String = "id", as _: Identifier<Entity>.Type, entity: String) throws -> Identifier<Entity> {
        let raw = get(name) ?? ""
        guard let id = Identifier<Entity>(raw) else { throw ApplicationError.notFound(entity: entity, id: raw) }
        return id
    }
}
