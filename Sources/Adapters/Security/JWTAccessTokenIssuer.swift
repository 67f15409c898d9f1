public import Application
import Domain
import Foundation
import JWTKit
import Synchronization

/// HS256 access tokens with claims `sub`, `org`, `roles`, `exp`, `iat`, `jti`, and `sid` (the
/// sign-in session) when known.
public struct JWTAccessTokenIssuer: AccessTokenIssuer {
    private let keys: JWTKeyCollection
    private let verified = VerifiedTokenCache(capacity: 10_000)

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
        // A client sends the same token many times in its 15 minutes: checking the signature
        // once per token string is enough, and saves the key collection's actor hop and JSON decoding.
        if let claims = verified[token] { return claims }
        do {
            let claims = try await keys.verify(token, as: AccessPayload.self).claims()
            verified[token] = claims
            return claims
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
    let sid: String?
    /// `2fa_setup` for a token that may only set up 2FA.
    let scope: String?

    init(_ claims: AccessClaims) {
        scope = claims.twoFactorSetupOnly ? Self.setupScope : nil
        sub = SubjectClaim(value: claims.userID.description)
        org = claims.organizationID.description
        roles = claims.roles.sorted().map(\.rawValue)
        // NumericDate in whole seconds: some clients reject fractional ones.
        exp = ExpirationClaim(value: Date(timeIntervalSince1970: claims.expiresAt.timeIntervalSince1970.rounded(.down)))
        iat = IssuedAtClaim(value: Date(timeIntervalSince1970: claims.issuedAt.timeIntervalSince1970.rounded(.down)))
        jti = IDClaim(value: claims.tokenID)
        sid = claims.sessionID?.description
    }

    static let setupScope = "2fa_setup"

    func verify(using algorithm: some JWTAlgorithm) async throws {
        _ = try claims()
    }

    func claims() throws -> AccessClaims {
        guard let user = UserID(sub.value), let organization = OrganizationID(org) else {
            throw ApplicationError.invalidAccessToken
        }
        let roles = try Set(roles.map { try Role(parsing: $0) })
        let session = try sid.map { raw in
            guard let id = TokenFamilyID(raw) else { throw ApplicationError.invalidAccessToken }
            return id
        }
        return AccessClaims(
            userID: user, organizationID: organization, roles: roles, issuedAt: iat.value, expiresAt: exp.value,
            tokenID: jti.value, sessionID: session, twoFactorSetupOnly: scope == Self.setupScope)
    }
}

/// Claims of tokens whose signature was already checked, keyed by the exact token text.
/// Bounded: when full it starts over, which costs one re-verification per live token.
final class VerifiedTokenCache: Sendable {
    private let entries: Mutex<[String: AccessClaims]>
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        self.entries = Mutex([:])
    }

    subscript(token: String) -> AccessClaims? {
        get { entries.withLock { $0[token] } }
        set {
            entries.withLock { entries in
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
                entries[token] = newValue
            }
        }
    }
}
