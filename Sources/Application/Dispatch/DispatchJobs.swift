import Domain
import Foundation

extension DispatchService {
    public static let watchdogJob = "sla-watchdog"

    /// The SLA watchdog: a ride still in the pool longer than its company allows (default two
    /// hours) is stated as `RideLeftWaiting` (maintenance opens one `prise_en_charge`
    /// intervention for it), and the dispatchers get a notification and a push on
    /// `/ws/notifications`. Once per ride however often it runs: the ride's flag is set in the
    /// same transaction, and a unique index allows one such intervention per ride.
    public func runPendingWatchdog() async throws -> JobReport {
        let now = clock.now()
        // The whole transaction: this use case states a fact on the bus, whose reactions write their own modules' stores.
        let (report, events) = try await persistence.write(publishing: bus) {
            (
                repos: any UsesAudit & UsesCommandes & UsesJobLocks & UsesMemberships & UsesNotifications
                    & UsesSocietes, facts: EventPublisher
            ) in
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
                // Maintenance opens the follow-up intervention (it subscribes to this fact).
                events += try await facts.publish(
                    RideLeftWaiting(
                        ride: ride.id, organization: organization, reference: ride.reference, pickup: ride.pickup,
                        destination: ride.destination, minutes: minutes, at: now))
                try await trail.record(
                    "commande.sla_alert", entity: "commande", id: ride.id.description,
                    payload: ["reference": ride.reference], by: nil, organization: organization, repos)
                created += 1
                notified += try await trail.notify(
                    try await repos.memberships.users(withAnyOf: [.admin, .dispatcher], in: organization),
                    in: organization, kind: "commande.sla_alert", title: "Course en attente",
                    body: "\(ride.reference) attend un chauffeur depuis plus de \(minutes) min",
                    entity: "commande", id: ride.id.description, repos)
                events.append(
                    LiveEvent(
                        channel: .notifications, organizationID: organization, type: "commande.sla_alert",
                        data: ride.eventData, at: now))
            }
            return (
                JobReport(job: Self.watchdogJob, ran: true, created: created, skipped: 0, notified: notified), events
            )
        }
        await self.events.publish(events)
        return report
    }
}
