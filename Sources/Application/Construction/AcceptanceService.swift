public import Domain
public import Foundation

/// An item of a snag list as a client sends it.
public struct SnagInput: Sendable {
    public var tradeID: UUID?
    public var title: String?
    public var description: String?
    public var deadline: String?
    public var photoDocumentID: UUID?

    public init(
        tradeID: UUID? = nil, title: String? = nil, description: String? = nil, deadline: String? = nil,
        photoDocumentID: UUID? = nil
    ) {
        self.tradeID = tradeID
        self.title = title
        self.description = description
        self.deadline = deadline
        self.photoDocumentID = photoDocumentID
    }
}

/// A provisional acceptance as a client sends it: of a trade (or of the whole project), its day,
/// its remarks and its snag list.
public struct AcceptanceInput: Sendable {
    public var tradeID: UUID?
    public var date: String?
    public var remarks: String?
    public var snags: [SnagInput]

    public init(tradeID: UUID? = nil, date: String? = nil, remarks: String? = nil, snags: [SnagInput] = []) {
        self.tradeID = tradeID
        self.date = date
        self.remarks = remarks
        self.snags = snags
    }
}

/// An acceptance with its snag list, the warranties it started, and who signed.
public struct AcceptanceView: Sendable {
    public let acceptance: Acceptance
    public let trade: Trade?
    public let snags: [Snag]
    public let warranties: [ProjectWarranty]
    public let today: CalendarDate
}

/// The acceptance (réception) of a project's works, trade by trade or as a whole: provisional
/// with its snag list, final once every snag is verified, each stage signed off by the client and
/// the architect and printed as a record; the warranties it starts, and their expiry alerts.
public struct AcceptanceService: Sendable, UseCaseSupport, ConstructionUseCase {
    public static let warrantyJob = "project-warranties"
    public static let notificationTypes = [
        NotificationType("construction.warranty_ending", "the warranty of a project's trade ends within 90 days")
    ]
    /// At most this many snags per acceptance.
    public static let maximumSnags = 500

    let context: ConstructionContext

    /// The day snags are late and warranties run against.
    public var today: CalendarDate { CalendarDate(utcDayOf: clock.now()) }

    /// Pronounces the provisional acceptance of a trade, or of the whole project, with its snag
    /// list; the caller signs it off in their role, and the warranties of the trades it covers
    /// start on its day.
    public func pronounce(_ input: AcceptanceInput, in id: ProjectID, as principal: Principal) async throws
        -> AcceptanceView
    {
        try AccessPolicy.require(.useProjects, by: principal)
        guard let rawDate = input.date else { throw DomainError.invalidValue(field: "date", reason: "is required") }
        let day = try CalendarDate(parsing: rawDate, field: "date")
        try Self.requireNotFuture(day, today)
        guard input.snags.count <= Self.maximumSnags else {
            throw DomainError.invalidValue(field: "snags", reason: "must hold at most \(Self.maximumSnags) items")
        }
        return try await persistence.write {
            (
                repos: any UsesAcceptances & UsesAudit & UsesProjectChanges & UsesProjectMembers & UsesProjects
                    & UsesTrades
            ) in
            let caller = try await context.caller(id, principal, repos, locking: true)
            try caller.require(.signAcceptance)
            try caller.requireWritable()
            let trades = try await repos.trades.list(of: id)
            let trade = try input.tradeID.map { raw in
                guard let found = trades.first(where: { $0.id.rawValue == raw }) else {
                    throw ApplicationError.notFound(entity: "trade", id: raw.uuidString.lowercased())
                }
                return found
            }
            let existing = try await repos.acceptances.list(of: id)
            if existing.contains(where: { $0.tradeID == nil }) { throw ConstructionError.alreadyAccepted(nil) }
            if let trade, existing.contains(where: { $0.tradeID == trade.id }) {
                throw ConstructionError.alreadyAccepted(trade.id)
            }
            let now = clock.now()
            var acceptance = try Acceptance(
                id: AcceptanceID(ids.make()), projectID: id, organizationID: caller.project.organizationID,
                tradeID: trade?.id, provisionalOn: day, remarks: input.remarks, createdBy: principal.userID,
                createdAt: now)
            if let role = caller.member?.role, Acceptance.signatories.contains(role) {
                try acceptance.signOff(as: role, by: principal.userID, at: now)
            }
            try await repos.acceptances.insert(acceptance)
            var snags: [Snag] = []
            for (index, item) in input.snags.enumerated() {
                let snag = try makeSnag(item, field: "snags[\(index)].", for: acceptance, trades: trades, at: now)
                try await repos.acceptances.insert(snag)
                try await context.changed(.snag, snag.id.rawValue, in: caller.project, repos)
                snags.append(snag)
            }
            let covered = Set(try await repos.acceptances.warranties(of: id).map(\.tradeID))
            let warranties = (trade.map { [$0] } ?? trades).filter { !covered.contains($0.id) }.map {
                ProjectWarranty(
                    projectID: id, organizationID: acceptance.organizationID, tradeID: $0.id,
                    acceptanceID: acceptance.id, kind: ProjectWarranty.Kind($0.kind), startsOn: day)
            }
            try await repos.acceptances.insert(warranties)
            try await context.audit(
                "project.acceptance_pronounced", project: caller.project, entity: "acceptance",
                id: acceptance.id.description,
                payload: [
                    "stage": "provisional", "trade": trade?.id.description ?? "project", "snags": "\(snags.count)",
                ],
                principal, repos)
            return AcceptanceView(
                acceptance: acceptance, trade: trade, snags: snags.sorted { $0.deadline < $1.deadline },
                warranties: warranties,
                today: CalendarDate(utcDayOf: now))
        }
    }

    /// Adds an item to a provisional acceptance's snag list.
    public func addSnag(_ input: SnagInput, to id: AcceptanceID, as principal: Principal) async throws -> Snag {
        try await change(id, principal) { acceptance, caller, repos in
            try caller.require(.signAcceptance)
            guard acceptance.stage == .provisional else { throw ConstructionError.acceptanceFinal }
            let snag = try makeSnag(
                input, field: "", for: acceptance, trades: try await repos.trades.list(of: acceptance.projectID),
                at: clock.now())
            try await repos.acceptances.insert(snag)
            try await context.audit(
                "project.snag_added", project: caller.project, entity: "snag", id: snag.id.description,
                payload: ["acceptance": acceptance.id.description], principal, repos)
            return snag
        }
    }

    /// Moves a snag: `fixed` by its trade (or a planner), `verified` or back to `open` by the
    /// client or the architect.
    public func moveSnag(_ id: SnagID, to status: String?, as principal: Principal) async throws -> Snag {
        try AccessPolicy.require(.useProjects, by: principal)
        let next = try Self.parseRequired(status, Snag.Status.self, field: "status")
        return try await persistence.write {
            (repos: any UsesAcceptances & UsesAudit & UsesProjectChanges & UsesProjectMembers & UsesProjects) in
            let found = try TenantScope.visible(
                try await repos.acceptances.find(id), in: \.organizationID, principal, entity: "snag",
                id: id.description)
            let (acceptance, caller) = try await locked(found.acceptanceID, principal, repos)
            guard var snag = try await repos.acceptances.find(id) else {
                throw ApplicationError.notFound(entity: "snag", id: id.description)
            }
            if next == .fixed {
                try caller.require(.fixSnags)
                guard caller.allows(.planTasks) || caller.member?.tradeIDs.contains(snag.tradeID) == true else {
                    throw ConstructionError.notYourTrade
                }
            } else {
                try caller.require(.signAcceptance)
            }
            guard acceptance.stage == .provisional else { throw ConstructionError.acceptanceFinal }
            try snag.move(to: next, at: clock.now())
            try await repos.acceptances.update(snag)
            try await context.audit(
                "project.snag_moved", project: caller.project, entity: "snag", id: snag.id.description,
                payload: ["status": next.rawValue], principal, repos)
            return snag
        }
    }

    /// Signs the record of the acceptance's current stage in the caller's project role.
    public func signOff(_ id: AcceptanceID, as principal: Principal) async throws -> AcceptanceView {
        try await change(id, principal) { acceptance, caller, repos in
            try caller.require(.signAcceptance)
            guard let role = caller.member?.role else { throw ConstructionError.projectRoleDenied(.signAcceptance) }
            try acceptance.signOff(as: role, by: principal.userID, at: clock.now())
            try await repos.acceptances.update(acceptance)
            try await context.audit(
                "project.acceptance_signed", project: caller.project, entity: "acceptance",
                id: acceptance.id.description, payload: ["stage": acceptance.stage.rawValue, "role": role.rawValue],
                principal, repos)
            return try await view(of: acceptance, repos)
        }
    }

    /// Pronounces the final acceptance: refused while the provisional record lacks a signature or
    /// a snag is not verified.
    public func pronounceFinal(_ id: AcceptanceID, date: String?, as principal: Principal) async throws
        -> AcceptanceView
    {
        let now = clock.now()
        let day = try date.map { try CalendarDate(parsing: $0, field: "date") } ?? CalendarDate(utcDayOf: now)
        try Self.requireNotFuture(day, CalendarDate(utcDayOf: now))
        return try await change(id, principal) { acceptance, caller, repos in
            try caller.require(.signAcceptance)
            try acceptance.pronounceFinal(
                on: day, snags: try await repos.acceptances.snags(of: acceptance.projectID, acceptance: acceptance.id))
            if let role = caller.member?.role, Acceptance.signatories.contains(role) {
                try acceptance.signOff(as: role, by: principal.userID, at: now)
            }
            try await repos.acceptances.update(acceptance)
            try await context.audit(
                "project.acceptance_pronounced", project: caller.project, entity: "acceptance",
                id: acceptance.id.description, payload: ["stage": "final"], principal, repos)
            return try await view(of: acceptance, repos)
        }
    }

    public func acceptance(_ id: AcceptanceID, as principal: Principal) async throws -> AcceptanceView {
        try AccessPolicy.require(.useProjects, by: principal)
        return try await persistence.read {
            (repos: any UsesAcceptances & UsesProjectMembers & UsesProjects & UsesTrades) in
            let acceptance = try await visible(id, principal, repos)
            _ = try await context.caller(acceptance.projectID, principal, repos)
            return try await view(of: acceptance, repos)
        }
    }

    /// The project's acceptances with their snags, by provisional day.
    public func list(of id: ProjectID, as principal: Principal) async throws -> [AcceptanceView] {
        try await persistence.read { (repos: any UsesAcceptances & UsesProjectMembers & UsesProjects & UsesTrades) in
            _ = try await context.caller(id, principal, repos)
            let trades = try await repos.trades.list(of: id)
            let snags = try await repos.acceptances.snags(of: id, acceptance: nil)
            let warranties = try await repos.acceptances.warranties(of: id)
            let today = CalendarDate(utcDayOf: clock.now())
            return try await repos.acceptances.list(of: id).map { acceptance in
                AcceptanceView(
                    acceptance: acceptance, trade: trades.first { $0.id == acceptance.tradeID },
                    snags: snags.filter { $0.acceptanceID == acceptance.id },
                    warranties: warranties.filter { $0.acceptanceID == acceptance.id }, today: today)
            }
        }
    }

    /// The project's warranties, with their trades.
    public func warranties(of id: ProjectID, as principal: Principal) async throws -> [(ProjectWarranty, Trade?)] {
        try await persistence.read { (repos: any UsesAcceptances & UsesProjectMembers & UsesProjects & UsesTrades) in
            _ = try await context.caller(id, principal, repos)
            let trades = try await repos.trades.list(of: id)
            return try await repos.acceptances.warranties(of: id).map { warranty in
                (warranty, trades.first { $0.id == warranty.tradeID })
            }
        }
    }

    // MARK: - The warranty job

    /// Tells the project's client and architect, once per warranty, that it ends within 90 days.
    public func runWarrantyJob() async throws -> JobReport {
        let now = clock.now()
        let today = CalendarDate(utcDayOf: now)
        return try await persistence.write {
            (
                repos: any UsesAcceptances & UsesJobLocks & UsesNotifications & UsesProjectMembers & UsesProjects
                    & UsesTrades
            ) in
            guard try await repos.jobLocks.tryLock(job: Self.warrantyJob) else {
                return JobReport(job: Self.warrantyJob, ran: false)
            }
            var notified = 0
            let due = try await repos.acceptances.warrantiesUnalerted(
                ending: today...today.adding(days: ProjectWarranty.alertDays))
            for warranty in due where warranty.endsSoon(on: today) {
                guard let project = try await repos.projects.find(warranty.projectID),
                    let trade = try await repos.trades.find(warranty.tradeID)
                else { continue }
                let recipients = Set(
                    try await repos.projectMembers.members(of: project.id)
                        .filter { Acceptance.signatories.contains($0.role) }.map(\.userID))
                notified += try await context.trail.notify(
                    recipients, in: project.organizationID, kind: "construction.warranty_ending",
                    title: "Garantie du lot \(trade.name) jusqu'au \(warranty.endsOn)",
                    body: "La garantie \(Self.label(warranty.kind)) du lot \(trade.name) (\(project.details.name)) "
                        + "prend fin le \(warranty.endsOn).",
                    entity: "project", id: project.id.description, repos)
                try await repos.acceptances.markAlerted(warranty, at: now)
            }
            return JobReport(job: Self.warrantyJob, ran: true, notified: notified)
        }
    }

    // MARK: - Helpers

    /// Runs `apply` on the acceptance under its project's lock, as its project's member.
    private func change<T: Sendable>(
        _ id: AcceptanceID, _ principal: Principal,
        _ apply: @Sendable (inout Acceptance, ProjectCaller, any AcceptanceChangeStores) async throws -> T
    ) async throws -> T {
        try AccessPolicy.require(.useProjects, by: principal)
        return try await persistence.write { (repos: any AcceptanceChangeStores & UsesProjectMembers) in
            var (acceptance, caller) = try await locked(id, principal, repos)
            return try await apply(&acceptance, caller, repos)
        }
    }

    /// The acceptance under its project's lock, read again once the lock is held (so a change
    /// committed meanwhile is seen), and the caller as that project's member.
    private func locked(
        _ id: AcceptanceID, _ principal: Principal, _ repos: any UsesAcceptances & UsesProjectMembers & UsesProjects
    ) async throws
        -> (Acceptance, ProjectCaller)
    {
        let found = try await visible(id, principal, repos)
        let caller = try await context.caller(found.projectID, principal, repos, locking: true)
        try caller.requireWritable()
        return (try await visible(id, principal, repos), caller)
    }

    func visible(_ id: AcceptanceID, _ principal: Principal, _ repos: any UsesAcceptances) async throws
        -> Acceptance
    {
        try TenantScope.visible(
            try await repos.acceptances.find(id), in: \.organizationID, principal, entity: "acceptance",
            id: id.description)
    }

    private func makeSnag(
        _ input: SnagInput, field prefix: String, for acceptance: Acceptance, trades: [Trade], at now: Date
    ) throws -> Snag {
        guard let tradeID = input.tradeID.map(TradeID.init) ?? acceptance.tradeID else {
            throw DomainError.invalidValue(
                field: "\(prefix)tradeId", reason: "is required on the acceptance of the whole project")
        }
        guard trades.contains(where: { $0.id == tradeID }) else {
            throw ApplicationError.notFound(entity: "trade", id: tradeID.description)
        }
        if let accepted = acceptance.tradeID, accepted != tradeID {
            throw DomainError.invalidValue(
                field: "\(prefix)tradeId", reason: "must be the accepted trade (\(accepted))")
        }
        guard let deadline = input.deadline else {
            throw DomainError.invalidValue(field: "\(prefix)deadline", reason: "is required")
        }
        do {
            return try Snag(
                id: SnagID(ids.make()), acceptanceID: acceptance.id, projectID: acceptance.projectID,
                organizationID: acceptance.organizationID, tradeID: tradeID, title: input.title ?? "",
                description: input.description,
                deadline: try CalendarDate(parsing: deadline, field: "deadline"),
                photoDocumentID: input.photoDocumentID, createdAt: now)
        } catch DomainError.invalidValue(let field, let reason) {
            throw DomainError.invalidValue(field: prefix + field, reason: reason)
        }
    }

    func view(of acceptance: Acceptance, _ repos: any UsesAcceptances & UsesTrades) async throws -> AcceptanceView {
        AcceptanceView(
            acceptance: acceptance,
            trade: try await acceptance.tradeID.asyncMap { try await repos.trades.find($0) } ?? nil,
            snags: try await repos.acceptances.snags(of: acceptance.projectID, acceptance: acceptance.id),
            warranties: try await repos.acceptances.warranties(of: acceptance.projectID).filter {
                $0.acceptanceID == acceptance.id
            }, today: CalendarDate(utcDayOf: clock.now()))
    }

    /// An acceptance records what happened: its day is not to come.
    private static func requireNotFuture(_ day: CalendarDate, _ today: CalendarDate) throws {
        guard day <= today else { throw DomainError.invalidValue(field: "date", reason: "must not be after today") }
    }

    static func label(_ kind: ProjectWarranty.Kind) -> String {
        switch kind {
        case .decennial: "décennale"
        case .oneYear: "d'un an"
        }
    }
}

/// What the changes run through `change(_:_:_:)` use, together (`scripts/store-uses.py`).
typealias AcceptanceChangeStores = UsesAcceptances & UsesAudit & UsesProjectChanges & UsesProjects & UsesTrades
