public import Domain
public import Foundation

public struct MandateInput: Sendable {
    public var role, holderName, startsOn, endsOn: String?
    public var ownerID, resolutionID: UUID?

    public init(
        role: String? = nil, holderName: String? = nil, startsOn: String? = nil, endsOn: String? = nil,
        ownerID: UUID? = nil, resolutionID: UUID? = nil
    ) {
        self.role = role
        self.holderName = holderName
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.ownerID = ownerID
        self.resolutionID = resolutionID
    }
}

extension GovernanceService {
    /// The name of the job that flags syndic mandates ending within 90 days.
    public static let mandateAlertJob = "governance-mandate-alerts"

    /// The notifications governance sends, for users' delivery preferences.
    public static let notificationTypes = [
        NotificationType("governance.syndic_mandate_ending", "a syndic's mandate ends within 90 days"),
        NotificationType("governance.requisition_due", "an assembly required by owners must be convened within 7 days"),
        NotificationType("governance.minutes_due", "an assembly's minutes must reach the owners within 7 days"),
    ]

    /// Records a mandate the assembly gave by an adopted resolution of this building: a board
    /// member (an owner of the building), the syndic or the auditor.
    public func appoint(in buildingID: BuildingID, _ input: MandateInput, as principal: Principal) async throws
        -> Mandate
    {
        try AccessPolicy.require(.manageGovernance, by: principal)
        return try await persistence.write {
            (
                repos: any UsesAssemblies & UsesAudit & UsesBuildings & UsesMandates & UsesOwners & UsesOwnerships
                    & UsesResolutions
            ) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            let role = try Self.parseRequired(input.role, Mandate.Role.self, field: "role")
            guard let resolutionID = input.resolutionID.map(ResolutionID.init) else {
                throw DomainError.invalidValue(field: "resolutionId", reason: "is required: the assembly appoints")
            }
            let resolution = try await visibleResolution(resolutionID, principal, repos)
            let assembly = try await visibleAssembly(resolution.assemblyID, principal, repos)
            guard assembly.buildingID == buildingID, resolution.result == .adopted else {
                throw DomainError.invalidValue(
                    field: "resolutionId", reason: "must be an adopted resolution of this building's assembly")
            }
            var holderName = input.holderName ?? ""
            let owner = input.ownerID.map(OwnerID.init)
            if let owner {
                let record = try await TenantScope.owner(owner, principal, repos)
                let today = today
                guard
                    try await repos.ownerships.open(in: buildingID).contains(where: {
                        $0.ownerID == owner && $0.isActive(on: today)
                    })
                else {
                    throw DomainError.invalidValue(field: "ownerId", reason: "must own a lot of this building")
                }
                holderName = record.name
            }
            let mandate = try Mandate(
                id: MandateID(ids.make()), organizationID: principal.organizationID, buildingID: buildingID, role: role,
                ownerID: owner, holderName: holderName,
                startsOn: try CalendarDate(parsing: input.startsOn ?? "", field: "startsOn"),
                endsOn: try CalendarDate(parsing: input.endsOn ?? "", field: "endsOn"), resolutionID: resolutionID,
                createdAt: clock.now())
            try await repos.mandates.insert(mandate)
            try await trail.record(
                "mandate.appointed", entity: "building", id: buildingID.description,
                payload: ["role": role.rawValue, "endsOn": mandate.endsOn.description], by: principal,
                organization: principal.organizationID, repos)
            return mandate
        }
    }

    /// Whether the building needs a board and has one, who the syndic and the auditor are, the
    /// notice its convocations need, and where it stands with the reserve fund rule this year.
    public func governance(of buildingID: BuildingID, as principal: Principal) async throws -> (
        summary: GovernanceSummary, noticeDays: Int, reserveFund: ReserveFundCheck
    ) {
        try AccessPolicy.require(.readGovernance, by: principal)
        let today = today
        return try await persistence.read {
            (
                repos: any UsesBuildings & UsesGovernanceSettings & UsesJournal & UsesLots & UsesMandates & UsesOwners
                    & UsesOwnerships & UsesReserveFund
            ) in
            _ = try await readableBuilding(buildingID, principal, repos)
            return (
                GovernanceSummary(
                    lots: try await repos.lots.lots(of: buildingID),
                    mandates: try await repos.mandates.mandates(of: buildingID), today: today),
                (try await repos.governanceSettings.settings(of: buildingID) ?? .standard).noticeDays,
                // The reserve fund rule of the year (finance's ledger, read): its shortfall shows here.
                try await ReserveFundCheck.evaluate(buildingID, fiscalYear: today.year, repos)
            )
        }
    }

    /// Flags, once each, the syndic mandates ending within 90 days: the organization's admins
    /// and syndics are notified, so the assembly can renew or replace the syndic in time.
    public func runMandateAlertJob() async throws -> JobReport {
        let now = clock.now()
        let today = CalendarDate(utcDayOf: now)
        return try await persistence.write {
            (repos: any UsesJobLocks & UsesMandates & UsesMemberships & UsesNotifications) in
            guard try await repos.jobLocks.tryLock(job: Self.mandateAlertJob) else {
                return JobReport(job: Self.mandateAlertJob, ran: false, created: 0, skipped: 0, notified: 0)
            }
            var notified = 0
            for mandate in try await repos.mandates.syndicMandatesEnding(
                onOrBefore: today.adding(days: Mandate.alertDays), after: today)
            {
                let recipients = try await repos.memberships.users(
                    withAnyOf: [.admin, .syndic], in: mandate.organizationID)
                notified += try await trail.notify(
                    recipients, in: mandate.organizationID, kind: "governance.syndic_mandate_ending",
                    title: "Mandat du syndic",
                    body: "Le mandat de \(mandate.holderName) prend fin le \(mandate.endsOn)",
                    entity: "building", id: mandate.buildingID.description, repos)
                try await repos.mandates.markAlerted(mandate.id, at: now)
            }
            return JobReport(job: Self.mandateAlertJob, ran: true, created: 0, skipped: 0, notified: notified)
        }
    }
}
