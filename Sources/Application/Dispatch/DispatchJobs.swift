import Domain
import Foundation

extension DispatchService {
    public static let watchdogJob = "sla-watchdog"

    /// The SLA watchdog: a ride still in the pool longer than its company allows (default two
    /// hours) gets one `prise_en_charge` intervention, the dispatchers a notification and a push
    /// on `/ws/notifications`. Once per ride however often it runs: the ride's flag is set in the
    /// same transaction, and a unique index allows one such intervention per ride.
    public func runPendingWatchdog() async throws -> JobReport {
        let now = clock.now()
        let (report, events) = try await persistence.write { repos in
            guard try await repos.jobLocks.tryLock(job: Self.watchdogJob) else {
                return (
                    JobReport(job: Self.watchdogJob, ran: false, created: 0, skipped: 0, notified: 0), [LiveEvent]()
                )
            }
            var created = 0
            var notified = 0
            var events: [LiveEvent] = []
            var thresholds: [OrganizationID: Int] = [:]
            let shortest = TimeInterval(Societe.minimumPendingAlertMinutes * 60)
            for ride in try await repos.commandes.waitingUnalerted(createdBefore: now.addingTimeInterval(-shortest)) {
                let organization = ride.organizationID
                if thresholds[organization] == nil {
                    thresholds[organization] =
                        try await repos.societes.find(organization)?.pendingAlertMinutes
                        ?? Societe.defaultPendingAlertMinutes
                }
                let minutes = thresholds[organization] ?? Societe.defaultPendingAlertMinutes
                guard ride.createdAt.addingTimeInterval(TimeInterval(minutes * 60)) <= now else { continue }
                guard try await repos.commandes.markAlerted(ride.id) else { continue }
                let sla = try await repos.maintenanceSettings.sla(of: organization) ?? .standard
                let intervention = try Intervention(
                    id: InterventionID(ids.make()), organizationID: organization,
                    title: "Prise en charge en attente : \(ride.reference)",
                    description: "\(ride.pickup) → \(ride.destination), en attente depuis plus de \(minutes) min",
                    kind: .priseEnCharge, priority: .haute, equipementID: nil, commandeID: ride.id, buildingID: nil,
                    clientID: nil, createdBy: nil, createdAt: now, dueAt: sla.due(for: .haute, from: now),
                    estimatedMinutes: nil)
                try await repos.interventions.insert(intervention)
                try await repos.interventions.appendHistory(
                    InterventionHistoryEntry(from: nil, to: intervention.status, at: now, by: nil, remark: nil),
                    to: intervention.id)
                try await trail.record(
                    "commande.sla_alert", entity: "commande", id: ride.id.description,
                    payload: ["reference": ride.reference, "intervention_id": intervention.id.description], by: nil,
                    organization: organization, repos)
                created += 1
                notified += try await trail.notify(
                    try await repos.memberships.users(withAnyOf: [.admin, .dispatcher], in: organization),
                    in: organization, kind: "commande.sla_alert", title: "Course en attente",
                    body: "\(ride.reference) attend un chauffeur depuis plus de \(minutes) min",
                    entity: "intervention", id: intervention.id.description, repos)
                var data = ride.eventData
                data["intervention_id"] = intervention.id.description
                events.append(
                    LiveEvent(
                        channel: .notifications, organizationID: organization, type: "commande.sla_alert", data: data,
                        at: now))
            }
            return (
                JobReport(job: Self.watchdogJob, ran: true, created: created, skipped: 0, notified: notified), events
            )
        }
        await self.events.publish(events)
        return report
    }
}
