import Application
import Domain
import Hummingbird

/// `/api/v1/auth/*`, `/api/v1/users/*`, `/api/v1/organizations/{id}/invitations`.
struct IdentityRoutes {
    let identity: IdentityService

    /// Sign-in bodies are a few hundred bytes: anything larger is refused before it is read.
    static let signInBodyLimit = 16 << 10

    func addPublicRoutes(to routes: RouterGroup<AppRequestContext>) {
        let group = routes.limitingBodies(to: Self.signInBodyLimit)
        group.post("auth/register") { request, context in
            let body = try await request.decodeJSON(RegisterRequest.self, context: context)
            let destination: Registration.Destination
            switch (body.organizationName, body.invitationToken) {
            case (let name?, nil): destination = .newOrganization(name: name)
            case (nil, let token?): destination = .invitation(token: token)
            case (nil, nil): throw RequestError.missingField("organization_name")
            case (.some, .some): throw RequestError.conflictingFields("organization_name", "invitation_token")
            }
            let session = try await identity.register(
                Registration(
                    email: body.email, password: body.password, name: body.name, destination: destination,
                    client: request.signInClient(context)))
            return EditedResponse(status: .created, response: SessionResponse(session))
        }
        group.post("auth/login") { request, context -> Response in
            let body = try await request.decodeJSON(LoginRequest.self, context: context)
            let outcome = try await identity.login(
                email: body.email, password: body.password, organization: body.organizationId.map(OrganizationID.init),
                client: request.signInClient(context))
            switch outcome {
            case .signedIn(let session):
                return try SessionResponse(session).response(from: request, context: context)
            case .secondFactorRequired(let token, let expiresIn):
                return try SecondFactorRequiredResponse(mfaToken: token, expiresIn: expiresIn)
                    .response(from: request, context: context)
            }
        }
        group.post("auth/2fa/verify") { request, context in
            let body = try await request.decodeJSON(SecondFactorRequest.self, context: context)
            switch (body.code, body.backupCode) {
            case (nil, nil): throw RequestError.missingField("code")
            case (.some, .some): throw RequestError.conflictingFields("code", "backup_code")
            default: break
            }
            return SessionResponse(
                try await identity.verifySecondFactor(
                    mfaToken: body.mfaToken, code: body.code, backupCode: body.backupCode,
                    client: request.signInClient(context)))
        }
        group.post("auth/password/forgot") { request, context in
            let body = try await request.decodeJSON(EmailRequest.self, context: context)
            try await identity.requestPasswordReset(email: body.email, client: request.signInClient(context))
            return HTTPResponse.Status.accepted
        }
        group.post("account/email/confirm") { request, context in
            let body = try await request.decodeJSON(TokenRequest.self, context: context)
            let user = try await identity.confirmEmailChange(token: body.token)
            return EmailConfirmedResponse(id: user.id.description, email: user.email.value)
        }
        group.post("auth/password/reset") { request, context in
            let body = try await request.decodeJSON(ResetPasswordRequest.self, context: context)
            try await identity.resetPassword(
                token: body.token, newPassword: body.password, client: request.signInClient(context))
            return HTTPResponse.Status.noContent
        }
        group.post("auth/refresh") { request, context in
            let body = try await request.decodeJSON(RefreshTokenRequest.self, context: context)
            return SessionResponse(try await identity.refresh(refreshToken: body.refreshToken))
        }
        group.post("auth/logout") { request, context in
            let body = try await request.decodeJSON(RefreshTokenRequest.self, context: context)
            try await identity.logout(refreshToken: body.refreshToken)
            return HTTPResponse.Status.noContent
        }
    }

    func addAuthenticatedRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.get("auth/me") { _, context in
            UserResponse(try await identity.me(context.principal))
        }
        group.post("auth/invitations/accept") { request, context in
            let body = try await request.decodeJSON(InvitationAcceptance.self, context: context)
            return UserResponse(
                try await identity.acceptInvitation(token: body.invitationToken, as: context.principal))
        }
        group.patch("me") { request, context in
            let body = try await request.decodeJSON(AccountPatch.self, context: context)
            return UserResponse(
                try await identity.updateAccount(name: body.name, phone: body.phone, as: context.principal))
        }
        group.post("me/restriction") { _, context in
            UserResponse(try await identity.restrictProcessing(as: context.principal))
        }
        group.delete("me/restriction") { _, context in
            UserResponse(try await identity.liftRestriction(as: context.principal))
        }
        group.post("me/email") { request, context in
            let body = try await request.decodeJSON(EmailRequest.self, context: context)
            try await identity.requestEmailChange(to: body.email, as: context.principal)
            return HTTPResponse.Status.accepted
        }
        group.post("auth/password/change") { request, context in
            let body = try await request.decodeJSON(ChangePasswordRequest.self, context: context)
            try await identity.changePassword(
                current: body.currentPassword, new: body.newPassword, as: context.principal)
            return HTTPResponse.Status.noContent
        }
        group.post("auth/2fa/setup") { _, context in
            TwoFactorSetupResponse(try await identity.setUpTwoFactor(as: context.principal))
        }
        group.post("auth/2fa/enable") { request, context in
            let body = try await request.decodeJSON(CodeRequest.self, context: context)
            return BackupCodesResponse(
                backupCodes: try await identity.enableTwoFactor(code: body.code, as: context.principal))
        }
        group.post("auth/2fa/disable") { request, context in
            let body = try await request.decodeJSON(DisableTwoFactorRequest.self, context: context)
            try await identity.disableTwoFactor(password: body.password, code: body.code, as: context.principal)
            return HTTPResponse.Status.noContent
        }
        group.get("auth/sessions") { _, context in
            SessionsResponse(
                try await identity.sessions(as: context.principal), current: context.principal.sessionID)
        }
        group.delete("auth/sessions/{id}") { _, context in
            let id = try context.parameters.id(as: TokenFamilyID.self, entity: "session")
            try await identity.revokeSession(id, as: context.principal)
            return HTTPResponse.Status.noContent
        }
        group.get("organizations/{id}/two-factor-policy") { _, context in
            let organization = try context.parameters.id(as: OrganizationID.self, entity: "organization")
            return TwoFactorPolicyResponse(
                try await identity.twoFactorPolicy(of: organization, as: context.principal))
        }
        group.put("organizations/{id}/two-factor-policy") { request, context in
            let organization = try context.parameters.id(as: OrganizationID.self, entity: "organization")
            let body = try await request.decodeJSON(RolesRequest.self, context: context)
            return TwoFactorPolicyResponse(
                try await identity.setTwoFactorPolicy(roles: body.roles, of: organization, as: context.principal))
        }
        group.get("users") { request, context in
            let page = try await identity.members(page: try request.pageRequest(), as: context.principal)
            return ListResponse(page, UserResponse.init)
        }
        group.get("users/{id}") { _, context in
            let id = try context.parameters.id(as: UserID.self, entity: "user")
            return UserResponse(try await identity.member(id, as: context.principal))
        }
        group.patch("users/{id}/role") { request, context in
            let id = try context.parameters.id(as: UserID.self, entity: "user")
            let body = try await request.decodeJSON(RolesRequest.self, context: context)
            return UserResponse(try await identity.changeRoles(of: id, to: body.roles, as: context.principal))
        }
        group.post("organizations/{id}/invitations") { request, context in
            let organization = try context.parameters.id(as: OrganizationID.self, entity: "organization")
            let body = try await request.decodeJSON(InvitationRequest.self, context: context)
            let issued = try await identity.invite(
                email: body.email, role: body.role, to: organization, as: context.principal)
            return EditedResponse(status: .created, response: InvitationResponse(issued))
        }
    }
}

extension Request {
    /// Where a sign-in comes from, for the user's session list.
    func signInClient(_ context: AppRequestContext) -> SignInClient {
        SignInClient(userAgent: headers[.userAgent], address: context.remoteAddress)
    }
}
