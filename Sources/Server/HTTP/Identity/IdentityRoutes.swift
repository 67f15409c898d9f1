import Application
import Domain
import Hummingbird

/// `/api/v1/auth/*`, `/api/v1/users/*`, `/api/v1/organizations/{id}/invitations`.
struct IdentityRoutes {
    let identity: IdentityService

    func addPublicRoutes(to group: RouterGroup<AppRequestContext>) {
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
                Registration(email: body.email, password: body.password, name: body.name, destination: destination))
            return EditedResponse(status: .created, response: SessionResponse(session))
        }
        group.post("auth/login") { request, context in
            let body = try await request.decodeJSON(LoginRequest.self, context: context)
            let session = try await identity.login(
                email: body.email, password: body.password, organization: body.organizationId.map(OrganizationID.init))
            return SessionResponse(session)
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
