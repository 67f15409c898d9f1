public import Domain
import Foundation

/// Every problem of a multi-item request, each named by its JSON path (`taxis[1].plaque`).
public struct BatchValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Issue: Sendable, Equatable {
        public let path: String
        public let reason: String
    }

    public let issues: [Issue]

    public var description: String {
        "nothing was created (\(issues.count) problem\(issues.count == 1 ? "" : "s")): "
            + issues.prefix(3).map { "\($0.path) \($0.reason)" }.joined(separator: "; ")
    }
}

public struct OnboardingInput: Sendable {
    public struct Driver: Sendable {
        public let name, email: String?
        public init(name: String?, email: String?) {
            self.name = name
            self.email = email
        }
    }

    public var societe: SocieteInput
    public var taxis: [TaxiInput]
    public var drivers: [Driver]
    public var clients: [DispatchClientInput]

    public init(societe: SocieteInput, taxis: [TaxiInput], drivers: [Driver], clients: [DispatchClientInput]) {
        self.societe = societe
        self.taxis = taxis
        self.drivers = drivers
        self.clients = clients
    }
}

public struct OnboardingResult: Sendable {
    public let societe: Societe
    public let taxis: [Taxi]
    public let invitations: [Invitation]
    public let clients: [DispatchClient]
}

/// The onboarding wizard: company profile, taxis, drivers (invited by email with a magic link)
/// and clients in one transaction. Every item is checked first, against the others and against
/// the database; any problem → 422 listing them all by path, and nothing is created.
public struct DispatchOnboarding: Sendable {
    let dispatch: DispatchService
    let identity: IdentityService
    let mail: MailDelivery
    /// Where invitation links point (`<publicURL>/invitations/accept?token=…`).
    let publicURL: String

    public init(dispatch: DispatchService, identity: IdentityService, mail: MailDelivery, publicURL: String) {
        self.dispatch = dispatch
        self.identity = identity
        self.mail = mail
        self.publicURL = publicURL
    }

    public func bootstrap(_ input: OnboardingInput, as principal: Principal) async throws -> OnboardingResult {
        try AccessPolicy.require(.manageCompany, by: principal)
        try AccessPolicy.require(.inviteMembers, by: principal)
        let now = dispatch.clock.now()
        var issues: [BatchValidationError.Issue] = []
        func check<T>(_ path: String, _ make: () throws -> T) -> T? {
            do { return try make() } catch let error as DomainError {
                if case .invalidValue(let field, let reason) = error {
                    issues.append(.init(path: "\(path).\(field)", reason: reason))
                } else {
                    issues.append(.init(path: path, reason: error.description))
                }
            } catch { issues.append(.init(path: path, reason: "\(error)")) }
            return nil
        }
        let organization = principal.organizationID
        let societeInput = input.societe
        let societe = check("societe") {
            try Societe(
                organizationID: organization, name: societeInput.name ?? "", slug: societeInput.slug,
                email: try DispatchService.email(societeInput.email, field: "email"), phone: societeInput.phone,
                address: societeInput.address, vatNumber: societeInput.vatNumber,
                defaultRideMinutes: societeInput.defaultRideMinutes ?? Societe.defaultRideMinutes,
                pendingAlertMinutes: societeInput.pendingAlertMinutes ?? Societe.defaultPendingAlertMinutes)
        }
        var taxis: [Taxi] = []
        for (index, item) in input.taxis.enumerated() {
            guard
                let taxi = check(
                    "taxis[\(index)]",
                    {
                        try Taxi(
                            id: TaxiID(dispatch.ids.make()), organizationID: organization, numero: item.numero ?? "",
                            plate: item.plate ?? "", vignette: item.vignette,
                            status: try DispatchService.parse(item.status, Taxi.Status.self, field: "statut")
                                ?? .disponible, driverID: nil, createdAt: now)
                    })
            else { continue }
            if taxis.contains(where: { $0.plate == taxi.plate }) {
                issues.append(.init(path: "taxis[\(index)].plaque", reason: "appears twice in the request"))
            }
            taxis.append(taxi)
        }
        var invitations: [(Invitation, String)] = []
        for (index, driver) in input.drivers.enumerated() {
            guard
                let prepared = check(
                    "chauffeurs[\(index)]",
                    {
                        _ = try User.validatedName(driver.name ?? "")
                        guard let email = try? Email(driver.email ?? "") else {
                            throw DomainError.invalidValue(field: "email", reason: "is not an email address")
                        }
                        return try identity.prepareInvitation(
                            email: email, role: .chauffeur, to: organization, by: principal.userID)
                    })
            else { continue }
            if invitations.contains(where: { $0.0.email == prepared.0.email }) {
                issues.append(.init(path: "chauffeurs[\(index)].email", reason: "appears twice in the request"))
            }
            invitations.append(prepared)
        }
        var clients: [DispatchClient] = []
        for (index, item) in input.clients.enumerated() {
            if let client = check(
                "clients[\(index)]",
                {
                    try DispatchClient(
                        id: DispatchClientID(dispatch.ids.make()), organizationID: organization,
                        kind: try DispatchService.parse(item.kind, DispatchClient.Kind.self, field: "type")
                            ?? .entreprise,
                        name: item.name ?? "", email: try DispatchService.email(item.email, field: "contactEmail"),
                        phone: item.phone, address: item.address, createdAt: now)
                })
            {
                clients.append(client)
            }
        }
        let checked = issues
        let result = try await dispatch.persistence.write {
            [taxis, invitations, clients]
            (
                repos: any UsesAudit & UsesDispatchClients & UsesInvitations & UsesMailQueue & UsesMemberships
                    & UsesSocietes & UsesTaxis & UsesUsers
            ) in
            var issues = checked
            if let slug = societe?.slug, let owner = try await repos.societes.find(slug: slug),
                owner.organizationID != organization
            {
                issues.append(.init(path: "societe.slug", reason: "is already taken"))
            }
            for (index, taxi) in taxis.enumerated()
            where try await repos.taxis.find(plate: taxi.plate, in: organization) != nil {
                issues.append(.init(path: "taxis[\(index)].plaque", reason: "is already used by a taxi of the company"))
            }
            for (index, (invitation, _)) in invitations.enumerated() {
                if let user = try await repos.users.find(email: invitation.email),
                    try await repos.memberships.find(user: user.id, organization: organization) != nil
                {
                    issues.append(.init(path: "chauffeurs[\(index)].email", reason: "is already a member"))
                }
            }
            guard issues.isEmpty, let societe else { throw BatchValidationError(issues: issues) }
            try await repos.societes.save(societe)
            for taxi in taxis { try await repos.taxis.insert(taxi) }
            for (invitation, token) in invitations {
                try await repos.invitations.insert(invitation)
                try await queueMail(invitation, token: token, company: societe.name, at: now, repos)
            }
            for client in clients { try await repos.dispatchClients.insert(client) }
            try await dispatch.trail.record(
                "onboarding.completed", entity: "societe", id: organization.description,
                payload: [
                    "taxis": String(taxis.count), "chauffeurs": String(invitations.count),
                    "clients": String(clients.count),
                ], by: principal, organization: organization, repos)
            return OnboardingResult(
                societe: societe, taxis: taxis, invitations: invitations.map(\.0), clients: clients)
        }
        await mail.deliver(result.invitations.map(\.id.rawValue))
        return result
    }

    /// `POST /users`: invites a member (a driver by default) with a magic link by email.
    public func inviteUser(name: String?, email rawEmail: String?, role rawRole: String?, as principal: Principal)
        async throws -> Invitation
    {
        try AccessPolicy.require(.inviteMembers, by: principal)
        if let name { _ = try User.validatedName(name) }
        guard let email = try? Email(rawEmail ?? "") else {
            throw DomainError.invalidValue(field: "email", reason: "is not an email address")
        }
        let role = try rawRole.map { try Role(parsing: $0) } ?? .chauffeur
        guard role != .superadmin else {
            throw DomainError.invalidValue(field: "role", reason: "superadmin cannot be granted by an organization")
        }
        let (invitation, token) = try identity.prepareInvitation(
            email: email, role: role, to: principal.organizationID, by: principal.userID)
        try await dispatch.persistence.write {
            (
                repos: any UsesAudit & UsesInvitations & UsesMailQueue & UsesMemberships & UsesOrganizations
                    & UsesSocietes & UsesUsers
            ) in
            if let user = try await repos.users.find(email: email),
                try await repos.memberships.find(user: user.id, organization: principal.organizationID) != nil
            {
                throw ApplicationError.alreadyMember(email)
            }
            try await repos.invitations.insert(invitation)
            try await dispatch.trail.record(
                "member.invited", entity: "invitation", id: invitation.id.description,
                payload: ["role": role.rawValue], by: principal,
                organization: principal.organizationID, repos)
            let company = try await dispatch.currentSociete(principal.organizationID, repos).name
            try await queueMail(invitation, token: token, company: company, at: dispatch.clock.now(), repos)
        }
        await mail.deliver([invitation.id.rawValue])
        return invitation
    }

    /// Queues the magic link in the invitation's transaction (the queued email bears the
    /// invitation's id); it is sent after commit and retried by the mail job.
    private func queueMail(
        _ invitation: Invitation, token: String, company: String, at now: Date, _ repos: any UsesMailQueue
    ) async throws {
        try await mail.enqueue(
            EmailMessage(
                to: invitation.email, subject: "Invitation : \(company)",
                body: """
                    Bonjour,

                    \(company) vous invite sur Gestio (\(invitation.role.rawValue)).
                    Pour créer votre compte, ouvrez ce lien (valable 7 jours) :
                    \(publicURL)/invitations/accept?token=\(token)
                    """),
            organization: invitation.organizationID, id: invitation.id.rawValue, at: now, repos)
    }
}
