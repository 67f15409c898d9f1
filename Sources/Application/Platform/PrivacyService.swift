public import Domain
public import Foundation

/// The rights of GDPR Art. 15, 17 and 20 over every module: what Gestio holds about a person,
/// exported in one document, and erased everywhere at once unless the law keeps records (then
/// the login is closed and the `erasure-holds` job completes the erasure when the holds end).
public struct PrivacyService: Sendable {
    public static let holdsJob = "erasure-holds"

    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail
    /// Every module's declaration, in the modules' order.
    public let declarations: [PrivacyDeclaration]

    public init(
        persistence: any Persistence, clock: any WallClock, ids: any IDGenerator, declarations: [PrivacyDeclaration]
    ) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.trail = AuditTrail(clock: clock, ids: ids)
        self.declarations = declarations
    }

    /// Everything held about a person (Art. 15 and 20).
    public struct Export: Sendable {
        public let generatedAt: Date
        public let userID: UserID
        public let records: [ExportedRecords]
        /// Who holds what: each organization holding records, by name.
        public let organizations: [OrganizationID: String]
    }

    /// The caller's own data.
    public func export(as principal: Principal) async throws -> Export {
        try await collect(user: principal.userID)
    }

    /// A person's data (the operator, `gestio privacy export`); the read is logged in each
    /// organization that holds some of it.
    public func export(user: UserID) async throws -> Export {
        let export = try await collect(user: user)
        let log = PersonalDataReadLog(persistence: persistence, clock: clock, ids: ids)
        for organization in export.organizations.keys.sorted(by: { $0.description < $1.description }) {
            try await log.record(.user(user), purpose: "data export by the operator", in: organization, by: nil)
        }
        return export
    }

    private func collect(user: UserID) async throws -> Export {
        let now = clock.now()
        return try await persistence.read { (repos: any UsesOrganizations & UsesPersonalData & UsesUsers) in
            let subject = try await Self.subject(user, repos)
            var records: [ExportedRecords] = []
            for declaration in declarations {
                records += try await repos.personalData.export(subject, module: declaration.module)
            }
            var organizations: [OrganizationID: String] = [:]
            for id in Set(records.flatMap(\.holders)) {
                organizations[id] = try await repos.organizations.find(id)?.name
            }
            return Export(generatedAt: now, userID: user, records: records, organizations: organizations)
        }
    }

    /// The caller asks to be forgotten. With nothing to keep, the request waits for an admin (or
    /// the operator). When the law keeps records, it is held: `ErasureHeld` says what is kept until
    /// when, and the login closes.
    public func requestErasure(as principal: Principal) async throws -> ErasureRequest {
        let now = clock.now()
        let request = try await persistence.write {
            (
                repos: any UsesAudit & UsesErasureRequests & UsesMemberships & UsesPersonalData & UsesRefreshTokens
                    & UsesUsers
            ) -> ErasureRequest in
            if let open = try await repos.erasureRequests.open(of: principal.userID) { return open }
            let subject = try await Self.subject(principal.userID, repos)
            let holds = try await holds(subject, at: now, repos)
            var request = ErasureRequest(
                id: ids.make(), userID: principal.userID, requestedAt: now, status: .pending, holds: [],
                completedAt: nil)
            try await repos.erasureRequests.insert(request)
            try await audit("privacy.erasure_requested", request, repos)
            if !holds.isEmpty { request = try await hold(request, holds, repos) }
            return request
        }
        if request.status == .held { throw ErasureHeld(request: request) }
        return request
    }

    /// Erasure requests of the admin's organization's members that are not done.
    public func erasureRequests(as principal: Principal) async throws -> [ErasureRequest] {
        try AccessPolicy.require(.managePrivacyRequests, by: principal)
        return try await persistence.read { (repos: any UsesErasureRequests) in
            try await repos.erasureRequests.open(in: principal.organizationID)
        }
    }

    /// An admin of an organization the person belongs to executes their request.
    public func execute(_ id: UUID, as principal: Principal) async throws -> ErasureRequest {
        try AccessPolicy.require(.managePrivacyRequests, by: principal)
        return try await execute(id) { request, repos in
            guard try await repos.memberships.find(user: request.userID, organization: principal.organizationID) != nil
            else { throw ApplicationError.notFound(entity: "erasure_request", id: id.uuidString.lowercased()) }
        }
    }

    /// The operator erases a person at once (`gestio privacy erase`): a request is recorded and
    /// executed, or held.
    public func erase(user: UserID) async throws -> ErasureRequest {
        let request = try await persistence.write { (repos: any UsesErasureRequests & UsesUsers) -> ErasureRequest in
            _ = try await Self.subject(user, repos)
            if let open = try await repos.erasureRequests.open(of: user) { return open }
            let request = ErasureRequest(
                id: ids.make(), userID: user, requestedAt: clock.now(), status: .pending, holds: [], completedAt: nil)
            try await repos.erasureRequests.insert(request)
            return request
        }
        return try await execute(request.id) { _, _ in }
    }

    /// Completes the held requests whose holds have ended; returns how many were erased.
    public func runHoldsJob() async throws -> JobReport {
        let held = try await persistence.read { (repos: any UsesErasureRequests) in
            try await repos.erasureRequests.held()
        }
        var erased = 0
        var stillHeld = 0
        for request in held {
            do {
                _ = try await execute(request.id) { _, _ in }
                erased += 1
            } catch is ErasureHeld {
                stillHeld += 1
            }
        }
        return JobReport(job: Self.holdsJob, ran: true, created: erased, skipped: stillHeld, notified: 0)
    }

    /// The register of processing (Art. 30), as `docs/PRIVACY.md` holds it; `inventory` lists,
    /// per module, the records the storage declares and how each is erased.
    public func register(inventory: [String: [String]]) -> String {
        var lines = [
            "# Register of processing (GDPR Art. 30)", "",
            "Generated from the modules' declarations by `gestio privacy register`; a test keeps this file equal to it.",
            "Each module also declares, in its SQL folder (`<Module>PersonalData.swift`), the tables and columns",
            "that hold personal data and how each is exported (`GET /me/data-export`) and erased.", "",
        ]
        for declaration in declarations {
            lines += [
                "## \(declaration.module)", "", "| data | purpose | legal basis | retention |", "|---|---|---|---|",
            ]
            lines += declaration.processing.map {
                "| \($0.data) | \($0.purpose) | \($0.legalBasis) | \($0.retention) |"
            }
            lines += ["", "Stored:"] + (inventory[declaration.module] ?? []).map { "- \($0)" }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Internals

    private func execute(
        _ id: UUID, check: @Sendable (ErasureRequest, any ErasureCheckStores) async throws -> Void
    ) async throws -> ErasureRequest {
        let now = clock.now()
        let request = try await persistence.write {
            (
                repos: any ErasureCheckStores & UsesAudit & UsesErasureRequests & UsesPersonalData & UsesRefreshTokens
                    & UsesUsers
            ) -> ErasureRequest in
            guard var request = try await repos.erasureRequests.find(id) else {
                throw ApplicationError.notFound(entity: "erasure_request", id: id.uuidString.lowercased())
            }
            try await check(request, repos)
            guard request.status != .done else { return request }
            let subject = try await Self.subject(request.userID, repos)
            let holds = try await holds(subject, at: now, repos)
            guard holds.isEmpty else { return try await hold(request, holds, repos) }
            // Audited before the erasure, while the memberships say which organizations to tell.
            try await audit("privacy.erased", request, repos)
            // Later modules first: they find the person through earlier modules' records (the
            // documents about an owner through the owner record's email, which co-ownership's
            // erasure clears).
            for declaration in declarations.reversed() {
                _ = try await repos.personalData.erase(subject, module: declaration.module)
            }
            request.status = .done
            request.holds = []
            request.completedAt = now
            try await repos.erasureRequests.update(request)
            return request
        }
        if request.status == .held { throw ErasureHeld(request: request) }
        return request
    }

    /// Holds the request: the law keeps records, so the login closes and its sessions end.
    private func hold(
        _ request: ErasureRequest, _ holds: [LegalHold],
        _ repos: any UsesAudit & UsesErasureRequests & UsesMemberships & UsesRefreshTokens & UsesUsers
    ) async throws
        -> ErasureRequest
    {
        var request = request
        let first = request.status != .held
        request.status = .held
        request.holds = holds
        try await repos.erasureRequests.update(request)
        if var user = try await repos.users.find(request.userID), user.isActive {
            user.isActive = false
            try await repos.users.update(user)
        }
        _ = try await repos.refreshTokens.revokeAll(of: request.userID, keeping: nil, at: clock.now())
        if first { try await audit("privacy.erasure_held", request, repos) }
        return request
    }

    private func holds(_ subject: DataSubject, at now: Date, _ repos: any UsesPersonalData) async throws -> [LegalHold]
    {
        var holds: [LegalHold] = []
        for declaration in declarations {
            holds += try await repos.personalData.holds(subject, module: declaration.module, at: now)
        }
        return holds
    }

    /// One event in each of the person's organizations, by id only.
    private func audit(_ action: String, _ request: ErasureRequest, _ repos: any UsesAudit & UsesMemberships)
        async throws
    {
        try await trail.recordAboutAccount(
            action, user: request.userID, payload: ["request": request.id.lowercasedText], byTheUser: false, repos)
    }

    private static func subject(_ user: UserID, _ repos: any UsesUsers) async throws -> DataSubject {
        guard let found = try await repos.users.find(user) else {
            throw ApplicationError.notFound(entity: "user", id: user.description)
        }
        return DataSubject(userID: user, email: found.email)
    }
}

/// What the checks run before an erasure (`execute(_:check:)`) read.
typealias ErasureCheckStores = UsesMemberships
