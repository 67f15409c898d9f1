public import Application
import Domain
import Foundation
import JWTKit

/// HS256 access tokens with claims `sub`, `org`, `roles`, `exp`, `iat`, `jti`.
public struct JWTAccessTokenIssuer: AccessTokenIssuer {
    private let keys: JWTKeyCollection

    public init(secret: String) async {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.keys = keys
    }

    public func sign(_ claims: AccessClaims) async throws -> String {
        try await keys.sign(AccessPayload(claims))
    }

    /// Expiry is checked by the caller against the application clock; here: signature and shape.
    public func verify(_ token: String) async throws -> AccessClaims {
        do {
            return try await keys.verify(token, as: AccessPayload.self).claims()
        } catch {
            throw ApplicationError.invalidAccessToken
        }
    }
}

struct AccessPayload: JWTPayload {
    let sub: SubjectClaim
    let org: String
    let roles: [String]
    let exp: ExpirationClaim
    let iat: IssuedAtClaim
    let jti: IDClaim

    init(_ claims: AccessClaims) {
        sub = SubjectClaim(value: claims.userID.description)
        org = claims.organizationID.description
        roles = claims.roles.sorted().map(\.rawValue)
        // NumericDate in whole seconds: some clients reject fractional ones.
        exp = ExpirationClaim(value: Date(timeIntervalSince1970: claims.expiresAt.timeIntervalSince1970.rounded(.down)))
        iat = IssuedAtClaim(value: Date(timeIntervalSince1970: claims.issuedAt.timeIntervalSince1970.rounded(.down)))
        jti = IDClaim(value: claims.tokenID)
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {
        _ = try claims()
    }

    func claims() throws -> AccessClaims {
        guard let user = UserID(sub.value), let organization = OrganizationID(org) else {
            throw ApplicationError.invalidAccessToken
        }
        let roles = try Set(roles.map { try Role(parsing: $0) })
        return AccessClaims(
            userID: user, organizationID: organization, roles: roles, issuedAt: iat.value, expiresAt: exp.value,
            tokenID: jti.value)
    }
}
