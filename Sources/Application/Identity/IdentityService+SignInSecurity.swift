public import Domain
import Foundation

/// A TOTP secret being set up: shown once, for the authenticator app.
public struct TwoFactorSetup: Sendable, Equatable {
    /// Base 32, as authenticator apps take it.
    public let secret: String
    /// `otpauth://totp/…`, for a QR code.
    public let uri: String
}

// MARK: - Password reset and change

extension IdentityService {
    /// Sends a single-use reset link valid 30 minutes when an active account has this email.
    /// The caller learns nothing either way (the route always answers 202); requests count
    /// towards the throttle, per account and per address.
    public func requestPasswordReset(email rawEmail: String, client: SignInClient = .unknown) async throws {
        let now = clock.now()
        let account = accountKey(rawEmail)
        try await throttle.check(.passwordReset, account: account, address: client.address, at: now)
        _ = try await throttle.fail(.passwordReset, account: account, address: client.address, at: now)
        guard let email = try? Email(rawEmail),
            let user = try await persistence.read({ (repos: any UsesUsers) in
                try await repos.users.find(email: email)
            }), user.isActive
        else { return }
        let token = secrets.makeToken()
        let mailID = ids.make()
        try await persistence.write { (repos: any UsesAudit & UsesMailQueue & UsesMemberships & UsesPasswordResets) in
            try await repos.passwordResets.insert(
                PasswordReset(
                    id: PasswordResetID(ids.make()), userID: user.id, tokenHash: secrets.digest(token), createdAt: now,
                    expiresAt: now.addingTimeInterval(PasswordReset.validity)))
            try await mail?.enqueue(
                EmailMessage(
                    to: user.email, subject: "Reset your Gestio password",
                    body: """
                        Someone asked to reset the password of your Gestio account. If it was you, \
                        choose a new password within 30 minutes with this link (it works once):

                        \(publicURL)/password/reset?token=\(token)

                        If it was not you, ignore this email: your password stays as it is.
                        """), organization: nil, id: mailID, at: now, repos)
            try await auditAccount("password.reset_requested", user: user.id, repos)
        }
        await mail?.deliver([mailID])
    }

    /// Sets a new password with a reset link and closes every session of the account.
    public func resetPassword(token: String, newPassword: String, client: SignInClient = .unknown) async throws {
        let now = clock.now()
        // Guessing tokens is throttled per address (there is no account to count against yet).
        try await throttle.check(.passwordReset, account: nil, address: client.address, at: now)
        try PasswordPolicy.validate(newPassword)
        let hash = secrets.digest(token)
        let reset = try await persistence.read { (repos: any UsesPasswordResets) in
            try await repos.passwordResets.find(tokenHash: hash)
        }
        guard let reset, reset.isUsable(at: now) else {
            _ = try await throttle.fail(.passwordReset, account: nil, address: client.address, at: now)
            throw ApplicationError.invalidResetToken
        }
        let passwordHash = try await hasher.hash(newPassword)
        let closed = try await persistence.write {
            (repos: any UsesAudit & UsesMemberships & UsesPasswordResets & UsesRefreshTokens & UsesUsers)
                -> [RefreshToken] in
            guard try await repos.passwordResets.useAll(of: reset.userID, claiming: reset.id, at: now),
                var user = try await repos.users.find(reset.userID)
            else { throw ApplicationError.invalidResetToken }
            user.passwordHash = passwordHash
            try await repos.users.update(user)
            let closed = try await repos.refreshTokens.revokeAll(of: user.id, keeping: nil, at: now)
            try await auditAccount(
                "password.reset", user: user.id, payload: ["sessionsClosed": String(closed.count)], repos)
            return closed
        }
        for token in closed { await announceClosed(token, reason: "password_reset", at: now) }
    }

    /// Changes the caller's password, which needs the current one; every other session of the
    /// account is closed, the caller's stays open.
    public func changePassword(current: String, new newPassword: String, as principal: Principal) async throws {
        let now = clock.now()
        let (user, _) = try await requirePassword(current, as: principal, counting: .login, at: now)
        try PasswordPolicy.validate(newPassword, field: "newPassword")
        let passwordHash = try await hasher.hash(newPassword)
        let closed = try await persistence.write {
            (repos: any UsesAudit & UsesMemberships & UsesRefreshTokens & UsesUsers) -> [RefreshToken] in
            guard var user = try await repos.users.find(user.id) else { throw ApplicationError.invalidAccessToken }
            user.passwordHash = passwordHash
            try await repos.users.update(user)
            let closed = try await repos.refreshTokens.revokeAll(of: user.id, keeping: principal.sessionID, at: now)
            try await auditAccount(
                "password.changed", user: user.id, payload: ["sessionsClosed": String(closed.count)], repos)
            return closed
        }
        for token in closed { await announceClosed(token, reason: "password_changed", at: now) }
    }
}

// MARK: - Rectification (GDPR Art. 16)

extension IdentityService {
    /// The caller edits their own account: name and phone at once (nil leaves a field as it is;
    /// an empty phone clears it). An organization's own record of them is the organization's.
    public func updateAccount(name rawName: String?, phone rawPhone: String?, as principal: Principal) async throws
        -> Member
    {
        let name = try rawName.map { try User.validatedName($0) }
        let phone = try rawPhone.map { try User.validatedPhone($0) }
        try await persistence.write { (repos: any UsesAudit & UsesMemberships & UsesUsers) in
            guard var user = try await repos.users.find(principal.userID) else {
                throw ApplicationError.invalidAccessToken
            }
            if let name { user.name = name }
            if let phone { user.phone = phone }
            try await repos.users.update(user)
            try await auditAccount("account.updated", user: user.id, repos)
        }
        return try await me(principal)
    }

    /// Sends a confirmation link to the new address; the email changes once it is followed.
    public func requestEmailChange(to rawEmail: String, as principal: Principal) async throws {
        let email = try Email(rawEmail)
        let now = clock.now()
        let token = secrets.makeToken()
        let mailID = ids.make()
        try await persistence.write {
            (repos: any UsesAudit & UsesEmailChanges & UsesMailQueue & UsesMemberships & UsesUsers) in
            if let holder = try await repos.users.find(email: email) {
                throw holder.id == principal.userID
                    ? DomainError.invalidValue(field: "email", reason: "is already your email")
                    : ApplicationError.emailAlreadyRegistered(email)
            }
            try await repos.emailChanges.insert(
                EmailChange(
                    id: ids.make(), userID: principal.userID, newEmail: email, tokenHash: secrets.digest(token),
                    createdAt: now, expiresAt: now.addingTimeInterval(EmailChange.validity)))
            try await mail?.enqueue(
                EmailMessage(
                    to: email, subject: "Confirm your new Gestio email",
                    body: """
                        Someone asked to use this address for their Gestio account. If it was you, confirm \
                        it within 24 hours with this link (it works once):

                        \(publicURL)/account/email/confirm?token=\(token)

                        If it was not you, ignore this email: nothing changes.
                        """), organization: nil, id: mailID, at: now, repos)
            try await auditAccount("account.email_change_requested", user: principal.userID, repos)
        }
        await mail?.deliver([mailID])
    }

    /// Follows a confirmation link: the account's email becomes the new one.
    public func confirmEmailChange(token: String) async throws -> User {
        let now = clock.now()
        let hash = secrets.digest(token)
        return try await persistence.write {
            (repos: any UsesAudit & UsesEmailChanges & UsesMemberships & UsesUsers) -> User in
            guard let change = try await repos.emailChanges.find(tokenHash: hash), change.isUsable(at: now),
                try await repos.emailChanges.confirm(change.id, at: now),
                var user = try await repos.users.find(change.userID)
            else { throw ApplicationError.invalidConfirmationToken }
            user.email = change.newEmail
            try await repos.users.update(user)
            try await auditAccount("account.email_changed", user: user.id, repos)
            return user
        }
    }
}

// MARK: - Restriction (GDPR Art. 18)

extension IdentityService {
    /// Routes a restricted account may still call with a method that changes something.
    public static let allowedWhileRestricted: Set<String> = [
        "/api/v1/me/restriction", "/api/v1/me/erasure-request", "/api/v1/auth/logout",
    ]

    /// Freezes processing of the caller's data: the account is read-only (every change is refused
    /// until lifted) and no notification is emailed; the emails waiting are dropped.
    public func restrictProcessing(as principal: Principal) async throws -> Member {
        try await setRestriction(true, principal)
    }

    public func liftRestriction(as principal: Principal) async throws -> Member {
        try await setRestriction(false, principal)
    }

    /// Whether the user's processing is restricted: read for requests that would change data.
    public func isRestricted(_ user: UserID) async throws -> Bool {
        try await persistence.read { (repos: any UsesUsers) in
            try await repos.users.find(user)?.restrictedAt != nil
        }
    }

    private func setRestriction(_ restricted: Bool, _ principal: Principal) async throws -> Member {
        let now = clock.now()
        try await persistence.write {
            (repos: any UsesAudit & UsesMemberships & UsesNotificationPreferences & UsesUsers) in
            guard var user = try await repos.users.find(principal.userID) else {
                throw ApplicationError.invalidAccessToken
            }
            guard (user.restrictedAt != nil) != restricted else { return }
            user.restrictedAt = restricted ? now : nil
            try await repos.users.update(user)
            if restricted { try await repos.notificationPreferences.dropWaitingEmails(of: user.id) }
            try await auditAccount(
                restricted ? "privacy.restricted" : "privacy.restriction_lifted", user: user.id, repos)
        }
        return try await me(principal)
    }
}

// MARK: - Two-factor authentication

extension IdentityService {
    /// Starts (or restarts) setting up TOTP: a new secret, off until a first code confirms it.
    public func setUpTwoFactor(as principal: Principal) async throws -> TwoFactorSetup {
        let user = try await me(principal).user
        let secret = otp.randomBytes(20)
        let sealed = try otp.seal(secret)
        let now = clock.now()
        try await persistence.write { (repos: any UsesTwoFactor) in
            if try await repos.twoFactor.credential(of: user.id)?.isEnabled == true {
                throw ApplicationError.twoFactorAlreadyEnabled
            }
            try await repos.twoFactor.save(
                TwoFactorCredential(userID: user.id, sealedSecret: sealed, createdAt: now, enabledAt: nil, lastStep: 0))
        }
        let encoded = Base32.encode(secret)
        // Key URI format: `issuer:account`, the account percent-encoded (an email may hold `+`, `?`…).
        var accountCharacters = CharacterSet.urlPathAllowed
        accountCharacters.remove(charactersIn: ":+&=")
        let account = user.email.value.addingPercentEncoding(withAllowedCharacters: accountCharacters) ?? ""
        let label = "Gestio:\(account)"
        return TwoFactorSetup(
            secret: encoded,
            uri: "otpauth://totp/\(label)?secret=\(encoded)&issuer=Gestio&algorithm=SHA1&digits=6&period=30")
    }

    /// Turns 2FA on with a first code from the app; returns the 10 backup codes, shown once.
    public func enableTwoFactor(code: String, as principal: Principal) async throws -> [String] {
        let now = clock.now()
        let user = try await me(principal).user
        let account = accountKey(user.email.value)
        try await throttle.check(.twoFactor, account: account, address: nil, at: now)
        guard
            let credential = try await persistence.read({ (repos: any UsesTwoFactor) in
                try await repos.twoFactor.credential(of: user.id)
            })
        else { throw ApplicationError.twoFactorNotSetUp }
        guard !credential.isEnabled else { throw ApplicationError.twoFactorAlreadyEnabled }
        guard let step = try matchingStep(code, credential, at: now) else {
            try await failed(.twoFactor, account: account, user: user, client: .unknown, at: now)
            throw ApplicationError.invalidCode
        }
        let codes = (0..<BackupCodes.count).map { _ in BackupCodes.format(otp.randomBytes(8)) }
        try await persistence.write { (repos: any UsesAudit & UsesMemberships & UsesTwoFactor) in
            try await repos.twoFactor.enable(
                user.id, at: now, step: step,
                backupCodeHashes: codes.map { secrets.digest(BackupCodes.normalized($0)) })
            try await auditAccount("two_factor.enabled", user: user.id, repos)
        }
        return codes
    }

    /// Turns 2FA off; needs the password and a code (from the app, or a backup code).
    public func disableTwoFactor(password: String, code: String, as principal: Principal) async throws {
        let now = clock.now()
        let (user, account) = try await requirePassword(password, as: principal, counting: .twoFactor, at: now)
        let accepted = try await persistence.write { (repos: any UsesAudit & UsesMemberships & UsesTwoFactor) -> Bool in
            guard let credential = try await repos.twoFactor.credential(of: user.id), credential.isEnabled else {
                throw ApplicationError.twoFactorNotEnabled
            }
            guard try await consume(code: code, backupCode: code, credential, at: now, repos) != nil else {
                return false
            }
            _ = try await repos.twoFactor.delete(user.id)
            try await auditAccount("two_factor.disabled", user: user.id, repos)
            return true
        }
        guard accepted else {
            try await failed(.twoFactor, account: account, user: user, client: .unknown, at: now)
            throw ApplicationError.invalidCode
        }
    }

    /// The second step of a login: a code from the app or a backup code, with the mfa_token the
    /// password step returned. A wrong code uses one of the token's 5 attempts.
    public func verifySecondFactor(
        mfaToken: String, code: String?, backupCode: String?, client: SignInClient = .unknown
    ) async throws -> AuthSession {
        let now = clock.now()
        let hash = secrets.digest(mfaToken)
        let found = try await persistence.read { (repos: any UsesMFAChallenges & UsesUsers) -> (MFAChallenge, User)? in
            guard let challenge = try await repos.mfaChallenges.find(tokenHash: hash),
                let user = try await repos.users.find(challenge.userID)
            else { return nil }
            return (challenge, user)
        }
        guard let (challenge, user) = found, challenge.isOpen(at: now) else {
            throw ApplicationError.invalidMFAToken
        }
        let account = accountKey(user.email.value)
        try await throttle.check(.twoFactor, account: account, address: client.address, at: now)
        enum Outcome: Sendable {
            case signedIn(Member, IssuedRefreshToken, setupOnly: Bool)
            case wrongCode
        }
        let outcome = try await persistence.write {
            (
                repos: any UsesAudit & UsesMFAChallenges & UsesMemberships & UsesRefreshTokens & UsesSignInSessions
                    & UsesTwoFactor
            ) -> Outcome in
            guard let credential = try await repos.twoFactor.credential(of: user.id), credential.isEnabled else {
                throw ApplicationError.invalidMFAToken
            }
            guard let factor = try await consume(code: code, backupCode: backupCode, credential, at: now, repos)
            else {
                // Committed with the refusal: the attempt is spent.
                try await repos.mfaChallenges.recordFailure(challenge.id)
                return .wrongCode
            }
            guard try await repos.mfaChallenges.complete(challenge.id, at: now),
                let member = try await repos.memberships.member(user.id, in: challenge.organizationID)
            else { throw ApplicationError.invalidMFAToken }
            guard member.user.isActive else { throw ApplicationError.accountDisabled }
            let token = try await openSession(for: member, client: challenge.client, at: now, repos)
            try await auditAccount(
                "sign_in.succeeded", user: user.id,
                payload: ["session": token.family.description, "secondFactor": factor], repos)
            return .signedIn(member, token, setupOnly: false)
        }
        switch outcome {
        case .signedIn(let member, let token, let setupOnly):
            return try await session(for: member, refreshToken: token, setupOnly: setupOnly, at: now)
        case .wrongCode:
            try await failed(.twoFactor, account: account, user: user, client: client, at: now)
            throw ApplicationError.invalidCode
        }
    }

    /// Uses a code from the app (its time step is recorded, so it is not accepted twice) or a
    /// backup code; returns which one was accepted ("totp", "backup_code"), nil when none was.
    private func consume(
        code: String?, backupCode: String?, _ credential: TwoFactorCredential, at now: Date,
        _ repos: any UsesTwoFactor
    ) async throws -> String? {
        if let code, let step = try matchingStep(code, credential, at: now),
            try await repos.twoFactor.advance(credential.userID, to: step)
        {
            return "totp"
        }
        if let backupCode, !BackupCodes.normalized(backupCode).isEmpty,
            try await repos.twoFactor.useBackupCode(
                credential.userID, hash: secrets.digest(BackupCodes.normalized(backupCode)), at: now)
        {
            return "backup_code"
        }
        return nil
    }

    /// The time step a code belongs to, among those accepted now (±1 step, newer than the last
    /// used); nil when it matches none.
    private func matchingStep(_ code: String, _ credential: TwoFactorCredential, at now: Date) throws -> Int64? {
        guard let typed = TOTPWindow.normalized(code) else { return nil }
        let secret = try otp.open(credential.sealedSecret)
        return TOTPWindow.acceptableSteps(at: now, after: credential.lastStep).first { step in
            constantTimeEquals(otp.code(secret: secret, step: step), typed)
        }
    }

    /// The roles the caller's organization requires 2FA for.
    public func twoFactorPolicy(of organization: OrganizationID, as principal: Principal) async throws
        -> TwoFactorPolicy
    {
        try AccessPolicy.requireSameOrganization(
            organization, as: principal, entity: "organization", id: organization.description)
        try AccessPolicy.require(.manageSecurityPolicy, by: principal)
        return try await persistence.read { (repos: any UsesTwoFactorPolicies) in
            try await repos.twoFactorPolicies.policy(of: organization)
        }
    }

    /// Requires 2FA for these roles from the next sign-in or refresh on.
    public func setTwoFactorPolicy(roles rawRoles: [String], of organization: OrganizationID, as principal: Principal)
        async throws -> TwoFactorPolicy
    {
        try AccessPolicy.requireSameOrganization(
            organization, as: principal, entity: "organization", id: organization.description)
        try AccessPolicy.require(.manageSecurityPolicy, by: principal)
        let policy = TwoFactorPolicy(
            organizationID: organization, roles: try Set(rawRoles.map { try Role(parsing: $0, field: "roles") }))
        let now = clock.now()
        try await persistence.write { (repos: any UsesAudit & UsesTwoFactorPolicies) in
            try await repos.twoFactorPolicies.save(policy, at: now)
            try await trail.record(
                "two_factor_policy.changed", entity: "organization", id: organization.description,
                payload: ["roles": policy.roles.sorted().map(\.rawValue).joined(separator: ",")], by: principal,
                organization: organization, repos)
        }
        return policy
    }

    /// Whether the member must set up 2FA before doing anything else.
    func mustSetUpTwoFactor(_ member: Member, _ repos: any UsesTwoFactor & UsesTwoFactorPolicies) async throws -> Bool {
        guard try await repos.twoFactorPolicies.policy(of: member.organizationID).requires(member.roles) else {
            return false
        }
        return try await repos.twoFactor.credential(of: member.user.id)?.isEnabled != true
    }
}

// MARK: - Sessions

extension IdentityService {
    /// The caller's open sessions (in every organization), newest first.
    public func sessions(as principal: Principal) async throws -> [SignInSession] {
        let now = clock.now()
        return try await persistence.read { (repos: any UsesSignInSessions) in
            try await repos.signInSessions.open(of: principal.userID, at: now)
        }
    }

    /// Closes one of the caller's sessions: its refresh tokens stop working and its WebSockets
    /// close. Another user's session is not found.
    public func revokeSession(_ id: TokenFamilyID, as principal: Principal) async throws {
        let now = clock.now()
        let session = try await persistence.write {
            (repos: any UsesAudit & UsesMemberships & UsesRefreshTokens & UsesSignInSessions) -> SignInSession in
            guard let session = try await repos.signInSessions.find(id), session.userID == principal.userID,
                try await repos.refreshTokens.isOpen(id)
            else { throw ApplicationError.notFound(entity: "session", id: id.description) }
            try await repos.refreshTokens.revokeFamily(id, at: now)
            try await auditAccount(
                "session.revoked", user: principal.userID, payload: ["session": id.description], repos)
            return session
        }
        await events?.publish([
            .sessionClosed(session.userID, in: session.organizationID, session: id, reason: "session_revoked", at: now)
        ])
    }
}

// MARK: - Shared

extension IdentityService {
    /// How the throttle knows an account: the digest of the email as typed (trimmed, lowercased),
    /// whether or not such an account exists, so a refusal reveals nothing.
    func accountKey(_ rawEmail: String) -> String {
        secrets.digest(rawEmail.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
    }

    /// Counts a failure; for a known account, audits it and, when it locks the account, mails
    /// its owner once.
    func failed(
        _ attempt: SignInThrottle.Attempt, account: String, user: User?, client: SignInClient, at now: Date
    ) async throws {
        let locked = try await throttle.fail(attempt, account: account, address: client.address, at: now)
        guard let user else { return }
        let mailID = ids.make()
        try await persistence.write { (repos: any UsesAudit & UsesMailQueue & UsesMemberships) in
            try await auditAccount("sign_in.failed", user: user.id, payload: ["step": attempt.rawValue], repos)
            guard locked else { return }
            try await auditAccount("sign_in.locked", user: user.id, payload: ["step": attempt.rawValue], repos)
            let until = throttle.lockedUntil(at: now).formatted(.iso8601)
            try await mail?.enqueue(
                EmailMessage(
                    to: user.email, subject: "Sign-in to your Gestio account is paused",
                    body: """
                        There were \(SignInThrottle.failuresPerAccount) failed attempts to sign in to your \
                        Gestio account (\(attempt == .twoFactor ? "two-factor codes" : "passwords")). \
                        Sign-in is paused until \(until).

                        If it was not you, someone may know your email address: once sign-in reopens, \
                        change your password and turn on two-factor authentication.
                        """), organization: nil, id: mailID, at: now, repos)
        }
        if locked { await mail?.deliver([mailID]) }
    }

    /// The caller's account, once `password` is its current password; a wrong one counts as a
    /// failed `attempt` for the throttle. Returns the throttle's key for the account too.
    func requirePassword(
        _ password: String, as principal: Principal, counting attempt: SignInThrottle.Attempt, at now: Date
    ) async throws -> (User, account: String) {
        let user = try await me(principal).user
        let account = accountKey(user.email.value)
        try await throttle.check(attempt, account: account, address: nil, at: now)
        guard try await hasher.verify(password, against: user.passwordHash) else {
            try await failed(attempt, account: account, user: user, client: .unknown, at: now)
            throw ApplicationError.wrongPassword
        }
        return (user, account)
    }

    /// Writes an account event (sign-in, 2FA, password) into the audit log of each organization
    /// the user belongs to, as done by the user. No secrets, no address.
    func auditAccount(
        _ action: String, user: UserID, payload: [String: String] = [:], _ repos: any UsesAudit & UsesMemberships
    ) async throws {
        try await trail.recordAboutAccount(action, user: user, payload: payload, byTheUser: true, repos)
    }
}

/// Compares codes without stopping at the first difference.
func constantTimeEquals(_ left: String, _ right: String) -> Bool {
    let (a, b) = (Array(left.utf8), Array(right.utf8))
    guard a.count == b.count else { return false }
    return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
}
