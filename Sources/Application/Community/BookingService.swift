public import Domain
public import Foundation

/// A resource as the syndic sends it; on an update, only the fields sent change.
public struct ResourceInput: Sendable {
    public var name: String?
    public var kind: String?
    public var description: String?

    public init(name: String? = nil, kind: String? = nil, description: String? = nil) {
        self.name = name
        self.kind = kind
        self.description = description
    }
}

/// A policy as the syndic sends it: the fields not sent keep their current value.
public struct BookingPolicyInput: Sendable {
    public var minimumMinutes: Int?
    public var maximumMinutes: Int?
    public var advanceDays: Int?
    public var maxActivePerResident: Int?
    public var cancellationCutoffHours: Int?
    public var requiresApproval: Bool?
    public var checkInWindowMinutes: Int?
    /// Each range as weekday (1 Monday … 7 Sunday), opens and closes (`HH:MM`).
    public var openingHours: [(weekday: Int, opens: String, closes: String)]?
    public var deposit: Int?

    public init(
        minimumMinutes: Int? = nil, maximumMinutes: Int? = nil, advanceDays: Int? = nil,
        maxActivePerResident: Int? = nil, cancellationCutoffHours: Int? = nil, requiresApproval: Bool? = nil,
        checkInWindowMinutes: Int? = nil, openingHours: [(weekday: Int, opens: String, closes: String)]? = nil,
        deposit: Int? = nil
    ) {
        self.minimumMinutes = minimumMinutes
        self.maximumMinutes = maximumMinutes
        self.advanceDays = advanceDays
        self.maxActivePerResident = maxActivePerResident
        self.cancellationCutoffHours = cancellationCutoffHours
        self.requiresApproval = requiresApproval
        self.checkInWindowMinutes = checkInWindowMinutes
        self.openingHours = openingHours
        self.deposit = deposit
    }
}

/// Bookings of a building's common spaces under each resource's policy. Slots are half-open;
/// an overlap with a booking holding its slot is refused naming it, in the booking's
/// transaction with the resource locked (and on PostgreSQL by an exclusion constraint too, so
/// two racing requests never both win). A weekly series is booked whole or not at all.
public struct BookingService: Sendable, UseCaseSupport, CommunityUseCase {
    public static let job = "community-bookings"

    public static let notificationTypes = [
        NotificationType("community.booking_approved", "the syndic approved your booking of a common space"),
        NotificationType("community.booking_no_show", "a booking of yours passed without a check-in"),
        NotificationType("community.booking_not_approved", "a booking of yours reached its start unapproved"),
    ]

    /// The longest calendar one request reads: availability, and a resource's bookings.
    public static let maxRangeDays = 93

    let context: CommunityContext

    // MARK: Resources

    public func createResource(_ input: ResourceInput, in buildingID: BuildingID, as principal: Principal)
        async throws -> Resource
    {
        try AccessPolicy.require(.manageCommunity, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesBuildings & UsesResources) in
            let building = try await TenantScope.building(buildingID, principal, repos)
            let resource = try Resource(
                id: ResourceID(ids.make()), organizationID: building.organizationID, buildingID: building.id,
                name: input.name ?? "", kind: try Self.parseRequired(input.kind, Resource.Kind.self, field: "kind"),
                description: input.description, createdAt: clock.now())
            try await repos.resources.insert(resource)
            try await audit("resource.created", resource, principal, repos)
            return resource
        }
    }

    public func resources(in buildingID: BuildingID, as principal: Principal) async throws -> [Resource] {
        try await persistence.read {
            (repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesResources) in
            _ = try await residents.resident(of: buildingID, principal, repos)
            return try await repos.resources.list(in: buildingID)
        }
    }

    public func resource(_ id: ResourceID, as principal: Principal) async throws -> Resource {
        try await persistence.read {
            (repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesResources) in
            try await visibleResource(id, principal, repos).resource
        }
    }

    /// The syndic's rules for the resource; bookings already made keep theirs.
    public func setPolicy(_ id: ResourceID, _ input: BookingPolicyInput, as principal: Principal) async throws
        -> Resource
    {
        try AccessPolicy.require(.manageCommunity, by: principal)
        return try await persistence.write {
            (repos: any UsesAudit & UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesResources) in
            var (resource, _, _) = try await visibleResource(id, principal, repos)
            let current = resource.policy
            let hours = try input.openingHours.map { ranges in
                try ranges.map {
                    try OpeningHours(
                        weekday: $0.weekday, opens: try OpeningHours.minutes(parsing: $0.opens),
                        closes: try OpeningHours.minutes(parsing: $0.closes))
                }
            }
            resource.policy = try BookingPolicy(
                minimumMinutes: input.minimumMinutes ?? current.minimumMinutes,
                maximumMinutes: input.maximumMinutes ?? current.maximumMinutes,
                advanceDays: input.advanceDays ?? current.advanceDays,
                maxActivePerResident: input.maxActivePerResident ?? current.maxActivePerResident,
                cancellationCutoffHours: input.cancellationCutoffHours ?? current.cancellationCutoffHours,
                requiresApproval: input.requiresApproval ?? current.requiresApproval,
                checkInWindowMinutes: input.checkInWindowMinutes ?? current.checkInWindowMinutes,
                openingHours: hours ?? current.openingHours, deposit: input.deposit ?? current.deposit)
            try await repos.resources.update(resource)
            try await audit("resource.policy_changed", resource, principal, repos)
            return resource
        }
    }

    private func visibleResource(
        _ id: ResourceID, _ principal: Principal,
        _ repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesResources
    )
        async throws -> (resource: Resource, building: Building, resident: Resident)
    {
        try AccessPolicy.require(.useCommunity, by: principal)
        let resource = try TenantScope.visible(
            try await repos.resources.find(id), in: \.organizationID, principal, entity: "resource",
            id: id.description)
        let (building, resident) = try await residents.resident(of: resource.buildingID, principal, repos)
        return (resource, building, resident)
    }

    // MARK: Booking

    /// Books `[start, end)`, repeated weekly `weeks` times in all (1: once). Every occurrence is
    /// checked against the policy and the other bookings; one refusal books nothing.
    public func book(
        _ resourceID: ResourceID, start: Date, end: Date, weeks: Int = 1, as principal: Principal
    ) async throws -> [Booking] {
        do {
            return try await persistence.write {
                (
                    repos: any UsesAudit & UsesBookings & UsesBuildings & UsesCommunitySettings & UsesCredits
                        & UsesOccupancies & UsesOwners & UsesOwnerships & UsesResources
                ) in
                let (found, building, resident) = try await visibleResource(resourceID, principal, repos)
                try await repos.resources.lock(found.id)
                let resource = try await repos.resources.find(found.id) ?? found
                guard start < end else {
                    throw DomainError.invalidValue(field: "end", reason: "must be after the start")
                }
                let now = clock.now()
                let occurrences = try Booking.weekly(start..<end, weeks: weeks, in: building.zone)
                for occurrence in occurrences { try resource.policy.check(occurrence, at: now, in: building.zone) }
                if !resident.isManager {
                    let noShows = try await repos.bookings.noShows(
                        of: principal.userID, in: building.id, since: now.addingTimeInterval(-90 * 86_400))
                    if let until = Booking.blockEnd(noShows: noShows), until > now {
                        throw BookingRefusal.blocked(until: until)
                    }
                    let active = try await repos.bookings.activeCount(of: principal.userID, on: resource.id, at: now)
                    guard active + occurrences.count <= resource.policy.maxActivePerResident else {
                        throw BookingRefusal.tooManyBookings(resource.policy.maxActivePerResident)
                    }
                }
                var conflicts: [Booking] = []
                for occurrence in occurrences {
                    conflicts += try await repos.bookings.overlapping(resource.id, occurrence)
                }
                guard conflicts.isEmpty else { throw CommunityError.bookingConflict(Self.distinct(conflicts)) }
                // The syndic books for the building: no credits of theirs are held.
                let deposit = resident.isManager ? 0 : resource.policy.deposit
                let booker = CreditTransfer.Account.resident(principal.userID)
                if deposit > 0 {
                    let settings = try await repos.communitySettings.settings(of: building.id) ?? .standard
                    let balance = try await repos.credits.balance(of: booker, in: building.id)
                    let needed = deposit * occurrences.count
                    guard balance - needed >= settings.trustLimit else {
                        throw CommunityError.insufficientCredit(
                            balance: balance, needed: needed, limit: settings.trustLimit)
                    }
                }
                let series = occurrences.count > 1 ? ids.make() : nil
                let status: Booking.Status =
                    resource.policy.requiresApproval && !resident.isManager ? .pending : .confirmed
                var booked: [Booking] = []
                for occurrence in occurrences {
                    let booking = Booking(
                        id: BookingID(ids.make()), organizationID: building.organizationID, buildingID: building.id,
                        resourceID: resource.id, bookerID: principal.userID, start: occurrence.lowerBound,
                        end: occurrence.upperBound, seriesID: series, deposit: deposit, status: status,
                        createdAt: now, updatedAt: now)
                    try await repos.bookings.insert(booking)
                    if deposit > 0 {
                        try await repos.credits.record(
                            try CreditTransfer(
                                id: CreditTransferID(ids.make()), organizationID: building.organizationID,
                                buildingID: building.id, kind: .bookingDepositHeld, reference: booking.id.rawValue,
                                legs: [.init(booker, -deposit), .init(.deposits, deposit)], at: now))
                    }
                    try await audit(
                        "booking.created", booking, principal, repos,
                        ["start": booking.start.formatted(.iso8601), "end": booking.end.formatted(.iso8601)])
                    booked.append(booking)
                }
                return booked
            }
        } catch is BookingOverlap {
            // Another request took the slot between our check and our insert (PostgreSQL's
            // constraint refused ours): name what holds it now.
            let holding =
                (try? await persistence.read {
                    (
                        repos: any UsesBookings & UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships
                            & UsesResources
                    ) -> [Booking] in
                    let building = try await visibleResource(resourceID, principal, repos).building
                    var found: [Booking] = []
                    for occurrence in try Booking.weekly(start..<end, weeks: weeks, in: building.zone) {
                        found += try await repos.bookings.overlapping(resourceID, occurrence)
                    }
                    return found
                }) ?? []
            throw CommunityError.bookingConflict(Self.distinct(holding))
        }
    }

    static func distinct(_ bookings: [Booking]) -> [Booking] {
        var seen = Set<BookingID>()
        return bookings.filter { seen.insert($0.id).inserted }.sorted { $0.start < $1.start }
    }

    private func visibleBooking(
        _ id: BookingID, _ principal: Principal,
        _ repos: any UsesBookings & UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesResources
    )
        async throws -> (booking: Booking, resource: Resource, building: Building, resident: Resident)
    {
        try AccessPolicy.require(.useCommunity, by: principal)
        let booking = try TenantScope.visible(
            try await repos.bookings.find(id), in: \.organizationID, principal, entity: "booking", id: id.description)
        let (resource, building, resident) = try await visibleResource(booking.resourceID, principal, repos)
        guard resident.isManager || booking.bookerID == principal.userID else {
            throw CommunityError.notYours("the booker or the syndic")
        }
        return (booking, resource, building, resident)
    }

    public func booking(_ id: BookingID, as principal: Principal) async throws -> Booking {
        try await persistence.read {
            (repos: any UsesBookings & UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesResources) in
            try await visibleBooking(id, principal, repos).booking
        }
    }

    /// The syndic confirms a booking that needs approval; the booker is told.
    public func approve(_ id: BookingID, as principal: Principal) async throws -> Booking {
        try AccessPolicy.require(.manageCommunity, by: principal)
        return try await persistence.write {
            (
                repos: any UsesAudit & UsesBookings & UsesBuildings & UsesNotifications & UsesOccupancies & UsesOwners
                    & UsesOwnerships & UsesResources
            ) in
            var (booking, resource, _, _) = try await visibleBooking(id, principal, repos)
            try booking.approve(at: clock.now())
            try await repos.bookings.update(booking)
            try await audit("booking.approved", booking, principal, repos)
            _ = try await trail.notify(
                [booking.bookerID], in: booking.organizationID, kind: "community.booking_approved",
                title: "Réservation confirmée : \(resource.name)",
                body: "Votre réservation du \(booking.start.formatted(.iso8601)) est confirmée.", entity: "booking",
                id: booking.id.description, repos)
            return booking
        }
    }

    /// The booker arrives, from the start to the end of the check-in window.
    public func checkIn(_ id: BookingID, as principal: Principal) async throws -> Booking {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesBookings & UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships
                    & UsesResources
            ) in
            var (booking, resource, _, _) = try await visibleBooking(id, principal, repos)
            guard booking.bookerID == principal.userID else { throw CommunityError.notYours("the booker") }
            try booking.checkIn(at: clock.now(), policy: resource.policy)
            try await repos.bookings.update(booking)
            try await audit("booking.checked_in", booking, principal, repos)
            return booking
        }
    }

    /// The booker until the cutoff, the syndic at any time before it is over; the deposit returns.
    public func cancel(_ id: BookingID, as principal: Principal) async throws -> Booking {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesBookings & UsesBuildings & UsesCredits & UsesOccupancies & UsesOwners
                    & UsesOwnerships & UsesResources
            ) in
            var (booking, resource, _, resident) = try await visibleBooking(id, principal, repos)
            let now = clock.now()
            try booking.cancel(at: now, byManager: resident.isManager, policy: resource.policy)
            try await repos.bookings.update(booking)
            try await returnDeposit(of: booking, at: now, repos)
            try await audit("booking.cancelled", booking, principal, repos)
            return booking
        }
    }

    private func returnDeposit(of booking: Booking, at now: Date, _ repos: any UsesCredits) async throws {
        guard booking.deposit > 0 else { return }
        try await repos.credits.record(
            try CreditTransfer(
                id: CreditTransferID(ids.make()), organizationID: booking.organizationID,
                buildingID: booking.buildingID, kind: .bookingDepositReturned, reference: booking.id.rawValue,
                legs: [.init(.deposits, -booking.deposit), .init(.resident(booking.bookerID), booking.deposit)],
                at: now))
    }

    // MARK: Calendars

    /// The resource's bookings over a range of the building's days (from today and a week on
    /// unless told; at most `maxRangeDays`), by start.
    public func bookings(
        of resourceID: ResourceID, from: CalendarDate?, to: CalendarDate?, as principal: Principal
    ) async throws -> [Booking] {
        try await persistence.read {
            (repos: any UsesBookings & UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesResources) in
            let (resource, building, _) = try await visibleResource(resourceID, principal, repos)
            let days = try days(from: from, to: to, in: building)
            return try await repos.bookings.list(of: resource.id, during: days.instants)
        }
    }

    /// The free slots of the resource under its policy over a range of the building's days (from
    /// today and a week on unless told; at most `maxRangeDays`).
    public func availability(
        of resourceID: ResourceID, from: CalendarDate?, to: CalendarDate?, as principal: Principal
    ) async throws -> [Range<Date>] {
        try await persistence.read {
            (repos: any UsesBookings & UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesResources) in
            let (resource, building, _) = try await visibleResource(resourceID, principal, repos)
            let days = try days(from: from, to: to, in: building)
            let busy = try await repos.bookings.list(of: resource.id, during: days.instants).filter(\.status.holdsSlot)
            return Booking.freeSlots(
                policy: resource.policy, from: days.from, to: days.to, busy: busy.map(\.interval), now: clock.now(),
                zone: building.zone)
        }
    }

    private func days(from: CalendarDate?, to: CalendarDate?, in building: Building) throws
        -> (from: CalendarDate, to: CalendarDate, instants: Range<Date>)
    {
        let first = from ?? residents.today(in: building)
        let last = to ?? first.adding(days: 6)
        guard first <= last else { throw DomainError.invalidValue(field: "to", reason: "must not be before from") }
        guard first.days(until: last) < Self.maxRangeDays else {
            throw DomainError.invalidValue(
                field: "to", reason: "must be less than \(Self.maxRangeDays) days after from")
        }
        return (first, last, first.midnight(in: building.zone)..<last.adding(days: 1).midnight(in: building.zone))
    }

    /// The caller's bookings in the organization, the latest first.
    public func mine(page: PageRequest, as principal: Principal) async throws -> Page<Booking> {
        try AccessPolicy.require(.useCommunity, by: principal)
        return try await persistence.read { (repos: any UsesBookings) in
            try await repos.bookings.mine(principal.userID, in: principal.organizationID, page: page)
        }
    }

    // MARK: The job

    /// Settles what time has decided: a confirmed booking past its check-in window is a no-show
    /// (the deposit is kept, the booker told), a checked-in one past its end completed (the
    /// deposit returned), a pending one never approved by its start cancelled (the deposit returned).
    public func runJob() async throws -> JobReport {
        let now = clock.now()
        return try await persistence.write {
            (repos: any UsesBookings & UsesCredits & UsesNotifications & UsesResources) in
            var settled = 0
            var notified = 0
            var policies: [ResourceID: Resource] = [:]
            for var booking in try await repos.bookings.unsettled(at: now) {
                if policies[booking.resourceID] == nil {
                    policies[booking.resourceID] = try await repos.resources.find(booking.resourceID)
                }
                guard let resource = policies[booking.resourceID],
                    let next = booking.due(at: now, policy: resource.policy)
                else { continue }
                try booking.settle(next, at: now)
                try await repos.bookings.update(booking)
                settled += 1
                if next == .noShow {
                    notified += try await trail.notify(
                        [booking.bookerID], in: booking.organizationID, kind: "community.booking_no_show",
                        title: "Réservation manquée : \(resource.name)",
                        body: "Personne ne s'est présenté pour la réservation du \(booking.start.formatted(.iso8601)). "
                            + "Trois absences en 60 jours suspendent les réservations pendant 30 jours.",
                        entity: "booking", id: booking.id.description, repos)
                } else {
                    try await returnDeposit(of: booking, at: now, repos)
                }
                if next == .cancelled {
                    notified += try await trail.notify(
                        [booking.bookerID], in: booking.organizationID, kind: "community.booking_not_approved",
                        title: "Réservation non confirmée : \(resource.name)",
                        body: "Le syndic n'a pas approuvé la réservation du \(booking.start.formatted(.iso8601)) "
                            + "avant son début : elle est annulée.",
                        entity: "booking", id: booking.id.description, repos)
                }
            }
            return JobReport(job: Self.job, ran: true, created: settled, skipped: 0, notified: notified)
        }
    }

    private func audit(
        _ action: String, _ resource: Resource, _ principal: Principal, _ repos: any UsesAudit
    ) async throws {
        try await trail.record(
            action, entity: "resource", id: resource.id.description,
            payload: ["building": resource.buildingID.description, "name": resource.name], by: principal,
            organization: resource.organizationID, repos)
    }

    private func audit(
        _ action: String, _ booking: Booking, _ principal: Principal, _ repos: any UsesAudit,
        _ payload: [String: String] = [:]
    ) async throws {
        try await trail.record(
            action, entity: "booking", id: booking.id.description,
            payload: payload.merging(["resource": booking.resourceID.description, "status": booking.status.rawValue]) {
                $1
            }, by: principal, organization: booking.organizationID, repos)
    }
}
