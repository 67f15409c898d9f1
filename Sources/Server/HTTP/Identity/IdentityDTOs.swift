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
    /// The organization requires 2FA for these roles: the token only sets it up.
    let twoFactorSetupRequired: Bool

    init(_ session: AuthSession) {
        accessToken = session.accessToken
        refreshToken = session.refreshToken
        expiresIn = session.expiresIn
        user = UserResponse(session.member)
        twoFactorSetupRequired = session.twoFactorSetupRequired
    }
}

/// The password was right and 2FA is on: send a code to `/auth/2fa/verify` with the token.
struct SecondFactorRequiredResponse: ResponseEncodable {
    let mfaRequired = true
    let mfaToken: String
    let expiresIn: Int
}

struct SecondFactorRequest: Decodable {
    let mfaToken: String
    let code: String?
    let backupCode: String?
}

/// `{email}`: a reset request, a new address.
struct EmailRequest: Decodable {
    let email: String
}

struct ResetPasswordRequest: Decodable {
    let token: String
    let password: String
}

struct AccountPatch: Decodable {
    let name: String?
    /// Empty clears it.
    let phone: String?
}

/// An invitation accepted by a signed-in account.
struct InvitationAcceptance: Decodable {
    let invitationToken: String
}

struct TokenRequest: Decodable {
    let token: String
}

struct EmailConfirmedResponse: ResponseEncodable {
    let id: String
    let email: String
}

struct ChangePasswordRequest: Decodable {
    let currentPassword: String
    let newPassword: String
}

struct CodeRequest: Decodable {
    let code: String
}

struct DisableTwoFactorRequest: Decodable {
    let password: String
    let code: String
}

struct TwoFactorSetupResponse: ResponseEncodable {
    let secret: String
    let otpauthUri: String

    init(_ setup: TwoFactorSetup) {
        secret = setup.secret
        otpauthUri = setup.uri
    }
}

struct BackupCodesResponse: ResponseEncodable {
    let backupCodes: [String]
}

struct TwoFactorPolicyResponse: ResponseEncodable {
    let organizationId: String
    let roles: [String]

    init(_ policy: TwoFactorPolicy) {
        organizationId = policy.organizationID.description
        roles = policy.roles.sorted().map(\.rawValue)
    }
}

struct SessionsResponse: ResponseEncodable {
    struct Item: Encodable {
        let id: String
        let organizationId: String
        let createdAt: Date
        let lastUsedAt: Date
        let userAgent: String?
        let address: String?
        /// The session of the access token that asked.
        let current: Bool
    }

    let data: [Item]

    init(_ sessions: [SignInSession], current: TokenFamilyID?) {
        data = sessions.map {
            Item(
                id: $0.id.description, organizationId: $0.organizationID.description, createdAt: $0.createdAt,
                lastUsedAt: $0.lastUsedAt, userAgent: $0.client.userAgent, address: $0.client.address,
                current: $0.id == current)
        }
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
