public import Domain
public import Foundation

/// The minutes as sent to the owners: who got them by email, who by registered post.
public struct MinutesDistribution: Sendable {
    public let assembly: GeneralAssembly
    public let sentOn: CalendarDate
    public let recipients: [Convocation.Recipient]
}

extension GovernanceService {
    /// The job that reminds the syndic, once, of a requisition or of minutes due within a week.
    public static let deadlinesJob = "governance-deadlines"
    /// How long before a deadline the syndic is reminded.
    public static let reminderDays = 7

    /// Records the registered letter by which owners require an assembly (art. 3.87 §2): they
    /// must hold a fifth of the shares; the syndic then has 30 days to convene it. The next
    /// convocation of the building's assembly answers it.
    public func recordRequisition(
        in buildingID: BuildingID, owners: [UUID], receivedOn raw: String, as principal: Principal
    ) async throws -> AssemblyRequisition {
        try AccessPolicy.require(.manageGovernance, by: principal)
        return try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesLotRepresentatives & UsesLots & UsesOwners & UsesOwnerships
                    & UsesRequisitions
            ) in
            _ = try await TenantScope.building(buildingID, principal, repos)
            let receivedOn = try CalendarDate(parsing: raw, field: "receivedOn")
            let (roll, _) = try await currentRoll(of: buildingID, on: receivedOn, repos)
            let requisition = try AssemblyRequisition.make(
                id: RequisitionID(ids.make()), organizationID: principal.organizationID, buildingID: buildingID,
                owners: owners.map(OwnerID.init), roll: roll, receivedOn: receivedOn, today: today,
                calendar: calendar, createdAt: clock.now())
            try await repos.requisitions.insert(requisition)
            try await trail.record(
                "assembly.requisition_received", entity: "building", id: buildingID.description,
                payload: ["shares": "\(requisition.shares)", "dueOn": requisition.dueOn.description], by: principal,
                organization: principal.organizationID, repos)
            return requisition
        }
    }

    public func requisitions(of buildingID: BuildingID, page: PageRequest, as principal: Principal) async throws
        -> Page<AssemblyRequisition>
    {
        try AccessPolicy.require(.readGovernance, by: principal)
        return try await persistence.read {
            (repos: any UsesBuildings & UsesOwners & UsesOwnerships & UsesRequisitions) in
            _ = try await readableBuilding(buildingID, principal, repos)
            return try await repos.requisitions.list(of: buildingID, page: page)
        }
    }

    /// Sends the minutes of an assembly held to every person on its roll (art. 3.87, within 30
    /// days): each keeps a PDF linked to them, emailed to those who agreed, the rest listed for
    /// registered post. Sending again sends again, and records the new day.
    public func sendMinutes(of id: AssemblyID, as principal: Principal) async throws -> MinutesDistribution {
        try AccessPolicy.require(.manageGovernance, by: principal)
        let print = try await minutes(of: id, as: principal)
        let pending = PendingNotices()
        let distribution: MinutesDistribution
        do {
            distribution = try await persistence.write {
                (
                    repos: any MailedDocumentStores & UsesAssemblies & UsesConsents & UsesMinutesDistributions
                        & UsesOwners
                ) in
                try await repos.assemblies.lock(id)
                let assembly = try await visibleAssembly(id, principal, repos)
                guard assembly.outcome == .held else { throw GovernanceError.noMinutesWithoutQuorum }
                let roll = try await repos.assemblies.roll(of: id)
                let owners = try await voterRecords(of: roll, repos)
                var recipients = try await Self.recipients(
                    roll.voters(names: try await repos.assemblies.voterNames(of: id)), emails: owners, repos)
                if let mailing, mailing.canRender {
                    try await mailing.keepAndMail(
                        recipients.map { recipient in
                            DocumentMailing.Letter(
                                publication: DocumentsService.Publication(
                                    print, fileName: "pv-ag-\(assembly.date)-\(recipient.ownerID).pdf", kind: .other,
                                    link: EntityLink(type: "owner", id: recipient.ownerID.rawValue),
                                    tags: ["proces-verbal"]),
                                email: recipient.delivery == .email ? owners[recipient.ownerID]?.email : nil,
                                subject: "Procès-verbal de l'assemblée générale du \(assembly.date)",
                                body: "Bonjour \(recipient.name),\n\nVous trouverez ci-joint le procès-verbal de "
                                    + "l'assemblée générale du \(assembly.date).\n\nVotre syndic")
                        }, as: principal, pending: pending, repos)
                    for (index, view) in (pending.prepared?.views ?? []).enumerated() where index < recipients.count {
                        recipients[index].documentID = view.document.id
                    }
                }
                try await repos.minutesDistributions.markSent(id, on: today)
                try await audit(
                    "assembly.minutes_sent", assembly, principal, repos, ["recipients": "\(recipients.count)"])
                return MinutesDistribution(assembly: assembly, sentOn: today, recipients: recipients)
            }
        } catch {
            await mailing?.failed(pending)
            throw error
        }
        await mailing?.sent(pending)
        return distribution
    }

    /// Reminds the organization's admins and syndics, once each, of a requisition to answer or
    /// of minutes to send within the next 7 days (or already late).
    public func runDeadlineJob() async throws -> JobReport {
        let now = clock.now()
        let today = CalendarDate(utcDayOf: now)
        let horizon = today.adding(days: Self.reminderDays)
        return try await persistence.write {
            (
                repos: any UsesJobLocks & UsesMemberships & UsesMinutesDistributions & UsesNotifications
                    & UsesRequisitions
            ) in
            guard try await repos.jobLocks.tryLock(job: Self.deadlinesJob) else {
                return JobReport(job: Self.deadlinesJob, ran: false, created: 0, skipped: 0, notified: 0)
            }
            var notified = 0
            func notify(_ organization: OrganizationID, _ kind: String, _ title: String, _ body: String, _ id: String)
                async throws
            {
                let recipients = try await repos.memberships.users(withAnyOf: [.admin, .syndic], in: organization)
                notified += try await trail.notify(
                    recipients, in: organization, kind: kind, title: title, body: body, entity: "building", id: id,
                    repos)
            }
            for requisition in try await repos.requisitions.dueUnreminded(onOrBefore: horizon) {
                try await notify(
                    requisition.organizationID, "governance.requisition_due",
                    "Assemblée requise par les copropriétaires",
                    "Convocation à envoyer au plus tard le \(requisition.dueOn)", requisition.buildingID.description)
                try await repos.requisitions.markReminded(requisition.id, at: now)
            }
            // Minutes are due 30 days after the assembly: those held in the last 60 days are looked at.
            for assembly in try await repos.minutesDistributions.awaiting(heldSince: today.adding(days: -60)) {
                let due = calendar.periodEnd(from: assembly.date, days: 30)
                guard due <= horizon else { continue }
                try await notify(
                    assembly.organizationID, "governance.minutes_due", "Procès-verbal à envoyer",
                    "Le procès-verbal de l'assemblée du \(assembly.date) doit parvenir aux copropriétaires le \(due)",
                    assembly.buildingID.description)
                try await repos.minutesDistributions.markReminded(assembly.id, at: now)
            }
            return JobReport(job: Self.deadlinesJob, ran: true, created: 0, skipped: 0, notified: notified)
        }
    }
}
