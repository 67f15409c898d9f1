public import Domain
public import Foundation

/// What a centre is created or changed with, as the client sent it.
public struct CentreInput: Sendable {
    public var name: String?
    public var slug: String?
    public var address: String?
    public var timeZone: String?
    public var hours: [String: [String]]?
    public var closedOnPublicHolidays: Bool?

    public init(
        name: String? = nil, slug: String? = nil, address: String? = nil, timeZone: String? = nil,
        hours: [String: [String]]? = nil, closedOnPublicHolidays: Bool? = nil
    ) {
        self.name = name
        self.slug = slug
        self.address = address
        self.timeZone = timeZone
        self.hours = hours
        self.closedOnPublicHolidays = closedOnPublicHolidays
    }
}

/// A centre's booking policy as the client sent it; what is left out keeps its value.
public struct PolicyInput: Sendable {
    public var freeCancellationHours, lateCancellationFeePercent, holdMinutes: Int?
    public var prepaymentRequired: Bool?
    /// Days a failed vehicle has to come back for its re-inspection (1 to 90).
    public var reinspectionDays: Int?
    /// The VAT number printed on the centre's receipts.
    public var vatNumber: String?

    public init(
        freeCancellationHours: Int? = nil, lateCancellationFeePercent: Int? = nil, prepaymentRequired: Bool? = nil,
        holdMinutes: Int? = nil, vatNumber: String? = nil, reinspectionDays: Int? = nil
    ) {
        self.reinspectionDays = reinspectionDays
        self.vatNumber = vatNumber
        self.freeCancellationHours = freeCancellationHours
        self.lateCancellationFeePercent = lateCancellationFeePercent
        self.prepaymentRequired = prepaymentRequired
        self.holdMinutes = holdMinutes
    }
}

/// A service as the client sent it: durations by category name, the price and VAT rate as decimals.
public struct OfferInput: Sendable {
    public var kind: String?
    public var name: String?
    public var durations: [String: Int]
    public var price: String?
    public var vatRate: String?

    public init(kind: String?, name: String?, durations: [String: Int], price: String?, vatRate: String?) {
        self.kind = kind
        self.name = name
        self.durations = durations
        self.price = price
        self.vatRate = vatRate
    }
}

/// An inspector's schedule as the client sent it.
public struct ScheduleInput: Sendable {
    public struct Absence: Sendable {
        public var from: String?
        public var to: String?
        public var reason: String?

        public init(from: String?, to: String?, reason: String?) {
            self.from = from
            self.to = to
            self.reason = reason
        }
    }

    public var centreID: UUID?
    public var hours: [String: [String]]?
    public var absences: [Absence]
    public var categories: [String]

    public init(centreID: UUID?, hours: [String: [String]]?, absences: [Absence], categories: [String]) {
        self.centreID = centreID
        self.hours = hours
        self.absences = absences
        self.categories = categories
    }
}

/// The inspection centres of an organization: their hours and closures, lanes, services and
/// inspectors' schedules, and the free slots these leave (`GET /centres/{id}/availability`).
/// Desk staff and inspectors read them; the organization's admins set them up.
public struct CentreService: Sendable, UseCaseSupport {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let trail: AuditTrail

    public init(persistence: any Persistence, clock: any WallClock, ids: any IDGenerator) {
        self.persistence = persistence
        self.clock = clock
        self.ids = ids
        self.trail = AuditTrail(clock: clock, ids: ids)
    }

    private func visible(_ id: CentreID, _ principal: Principal, _ repos: any UsesCentres) async throws -> Centre {
        try await Self.visible(id, principal, repos)
    }

    static func visible(_ id: CentreID, _ principal: Principal, _ repos: any UsesCentres) async throws -> Centre {
        try TenantScope.visible(
            try await repos.centres.find(id), in: \.organizationID, principal, entity: "centre", id: id.description)
    }

    private func audit(
        _ action: String, _ centre: Centre, id: String? = nil, _ principal: Principal, _ repos: any UsesAudit
    ) async throws {
        try await trail.record(
            action, entity: "centre", id: id ?? centre.id.description, payload: ["centre": centre.id.description],
            by: principal, organization: centre.organizationID, repos)
    }

    public func create(_ input: CentreInput, as principal: Principal) async throws -> Centre {
        try AccessPolicy.require(.manageCentres, by: principal)
        let centre = try Centre(
            id: CentreID(ids.make()), organizationID: principal.organizationID, name: input.name ?? "",
            slug: input.slug ?? "", address: input.address ?? "", timeZone: input.timeZone ?? "Europe/Brussels",
            hours: try WeeklyHours(parsing: input.hours ?? [:]),
            closedOnPublicHolidays: input.closedOnPublicHolidays ?? true, createdAt: clock.now())
        return try await persistence.write { (repos: any UsesAudit & UsesCentres) in
            try await repos.centres.insert(centre)
            try await audit("centre.created", centre, principal, repos)
            return centre
        }
    }

    public func centre(_ id: CentreID, as principal: Principal) async throws -> Centre {
        try AccessPolicy.require(.readCentres, by: principal)
        return try await persistence.read { (repos: any UsesCentres) in try await visible(id, principal, repos) }
    }

    public func centres(as principal: Principal) async throws -> [Centre] {
        try AccessPolicy.require(.readCentres, by: principal)
        return try await persistence.read { (repos: any UsesCentres) in
            try await repos.centres.list(of: principal.organizationID)
        }
    }

    /// Replaces the weekly hours (and, when sent, whether the legal holidays close the centre).
    public func setHours(
        _ hours: [String: [String]]?, closedOnPublicHolidays: Bool?, of id: CentreID, as principal: Principal
    )
        async throws -> Centre
    {
        try AccessPolicy.require(.manageCentres, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesCentres) in
            var centre = try await visible(id, principal, repos)
            guard let hours else { throw DomainError.invalidValue(field: "hours", reason: "is required") }
            centre.hours = try WeeklyHours(parsing: hours)
            if let closedOnPublicHolidays { centre.closedOnPublicHolidays = closedOnPublicHolidays }
            try await repos.centres.update(centre)
            try await audit("centre.hours_set", centre, principal, repos)
            return centre
        }
    }

    /// Sets the booking policy: the free-cancellation window, the late fee, whether bookings
    /// wait for their prepayment (and how long), the VAT number printed on receipts, and the
    /// re-inspection deadline. Bookings already made keep their hold; inspections already
    /// failed take the new deadline.
    public func setPolicy(_ input: PolicyInput, of id: CentreID, as principal: Principal) async throws -> Centre {
        try AccessPolicy.require(.manageCentres, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesCentres) in
            var centre = try await visible(id, principal, repos)
            let current = centre.policy
            centre.policy = try AppointmentPolicy(
                freeCancellationHours: input.freeCancellationHours ?? current.cancellation.freeUntilHoursBefore,
                lateCancellationFeePercent: input.lateCancellationFeePercent ?? current.lateCancellationFeePercent,
                prepaymentRequired: input.prepaymentRequired ?? current.prepaymentRequired,
                holdMinutes: input.holdMinutes ?? current.holdMinutes)
            if let days = input.reinspectionDays { centre.rules = try InspectionRules(reinspectionDays: days) }
            if let text = input.vatNumber {
                guard let number = VATNumber(text) else {
                    throw DomainError.invalidValue(
                        field: "vatNumber", reason: "is not a Belgian or French VAT number with valid check digits")
                }
                centre.vatNumber = number
            }
            try await repos.centres.update(centre)
            try await audit("centre.policy_set", centre, principal, repos)
            return centre
        }
    }

    /// Adds days the centre is closed (at most 366 at once; 1,000 in all).
    public func close(on dates: [String], _ id: CentreID, as principal: Principal) async throws -> Centre {
        try AccessPolicy.require(.manageCentres, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesCentres) in
            var centre = try await visible(id, principal, repos)
            guard (1...366).contains(dates.count) else {
                throw DomainError.invalidValue(field: "dates", reason: "gives 1 to 366 days")
            }
            let days = try dates.map { try CalendarDate(parsing: $0, field: "dates") }
            centre.closures.formUnion(days)
            guard centre.closures.count <= 1000 else {
                throw DomainError.invalidValue(field: "dates", reason: "a centre keeps at most 1,000 closures")
            }
            try await repos.centres.update(centre)
            try await audit("centre.closed", centre, principal, repos)
            return centre
        }
    }

    static func categories(_ raw: [String], field: String) throws -> Set<VehicleCategory> {
        guard raw.count <= VehicleCategory.allCases.count * 2 else {
            throw DomainError.invalidValue(field: field, reason: "names each category once")
        }
        return Set(try raw.map { try parseRequired($0, VehicleCategory.self, field: field) })
    }

    public func addLane(name: String?, categories: [String], to id: CentreID, as principal: Principal) async throws
        -> Lane
    {
        try AccessPolicy.require(.manageCentres, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesCentres & UsesLanes) in
            // Someone else's centre is not found, whatever the body says.
            let centre = try await visible(id, principal, repos)
            let lane = try Lane(
                id: LaneID(ids.make()), centreID: id, name: name ?? "",
                categories: try Self.categories(categories, field: "categories"))
            guard try await repos.lanes.list(of: id).count < 50 else {
                throw DomainError.invalidValue(field: "name", reason: "a centre has at most 50 lanes")
            }
            try await repos.lanes.insert(lane, organization: centre.organizationID)
            try await audit("centre.lane_added", centre, id: lane.id.description, principal, repos)
            return lane
        }
    }

    public func lanes(of id: CentreID, as principal: Principal) async throws -> [Lane] {
        try AccessPolicy.require(.readCentres, by: principal)
        return try await persistence.read { (repos: any UsesCentres & UsesLanes) in
            _ = try await visible(id, principal, repos)
            return try await repos.lanes.list(of: id)
        }
    }

    public func addOffer(_ input: OfferInput, to id: CentreID, as principal: Principal) async throws -> InspectionOffer
    {
        try AccessPolicy.require(.manageCentres, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesCentres & UsesInspectionOffers) in
            let centre = try await visible(id, principal, repos)
            let offer = try offer(input, of: id)
            guard try await repos.inspectionOffers.list(of: id).count < 100 else {
                throw DomainError.invalidValue(field: "name", reason: "a centre offers at most 100 services")
            }
            try await repos.inspectionOffers.insert(offer, organization: centre.organizationID)
            try await audit("centre.service_added", centre, id: offer.id.description, principal, repos)
            return offer
        }
    }

    private func offer(_ input: OfferInput, of id: CentreID) throws -> InspectionOffer {
        guard input.durations.count <= VehicleCategory.allCases.count else {
            throw DomainError.invalidValue(field: "durations", reason: "names each category once")
        }
        var durations: [VehicleCategory: Int] = [:]
        for (name, minutes) in input.durations {
            durations[try Self.parseRequired(name, VehicleCategory.self, field: "durations")] = minutes
        }
        let rate = try Self.decimal(input.vatRate ?? "21", field: "vatRate").minorUnits
        return try InspectionOffer(
            id: InspectionOfferID(ids.make()), centreID: id,
            kind: try Self.parse(input.kind, InspectionOffer.Kind.self, field: "kind") ?? .periodic,
            name: input.name ?? "", durations: durations, price: try Self.decimal(input.price ?? "", field: "price"),
            vatRateBasisPoints: Int(rate))
    }

    /// An amount or a rate written with digits and at most one point: no sign, no spaces.
    static func decimal(_ raw: String, field: String) throws -> Money {
        guard !raw.isEmpty, raw.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else {
            throw DomainError.invalidValue(field: field, reason: "must be written with digits, such as \"45.50\"")
        }
        return try Money(parsing: raw, field: field)
    }

    public func offers(of id: CentreID, as principal: Principal) async throws -> [InspectionOffer] {
        try AccessPolicy.require(.readCentres, by: principal)
        return try await persistence.read { (repos: any UsesCentres & UsesInspectionOffers) in
            _ = try await visible(id, principal, repos)
            return try await repos.inspectionOffers.list(of: id)
        }
    }

    /// Sets an inspector's working plan at a centre: weekly hours, absences and the categories
    /// they are certified for. The person must hold the inspector role in the organization.
    public func setSchedule(_ input: ScheduleInput, of inspector: UserID, as principal: Principal) async throws
        -> InspectorSchedule
    {
        try AccessPolicy.require(.manageCentres, by: principal)
        guard let centreID = input.centreID.map(CentreID.init) else {
            throw DomainError.invalidValue(field: "centreId", reason: "is required")
        }
        return try await persistence.write {
            (repos: any UsesAudit & UsesCentres & UsesInspectorSchedules & UsesMemberships) in
            let centre = try await visible(centreID, principal, repos)
            guard let member = try await repos.memberships.member(inspector, in: principal.organizationID) else {
                throw ApplicationError.notFound(entity: "inspector", id: inspector.description)
            }
            guard member.roles.contains(.inspector) else {
                throw DomainError.invalidValue(field: "id", reason: "is not an inspector of the organization")
            }
            let schedule = try schedule(input, of: inspector, at: centreID)
            try await repos.inspectorSchedules.save(schedule, organization: centre.organizationID)
            try await audit("centre.schedule_set", centre, id: inspector.description, principal, repos)
            return schedule
        }
    }

    private func schedule(_ input: ScheduleInput, of inspector: UserID, at centreID: CentreID) throws
        -> InspectorSchedule
    {
        guard let hours = input.hours else { throw DomainError.invalidValue(field: "hours", reason: "is required") }
        guard input.absences.count <= 100 else {
            throw DomainError.invalidValue(field: "exceptions", reason: "at most 100 absences")
        }
        return try InspectorSchedule(
            inspectorID: inspector, centreID: centreID, weekly: try WeeklyHours(parsing: hours),
            absences: try input.absences.map { absence in
                try InspectorSchedule.Absence(
                    from: try CalendarDate(parsing: absence.from ?? "", field: "exceptions.from"),
                    to: try CalendarDate(parsing: absence.to ?? absence.from ?? "", field: "exceptions.to"),
                    reason: try Self.parse(
                        absence.reason, InspectorSchedule.Absence.Reason.self, field: "exceptions.reason")
                        ?? .leave)
            }, categories: try Self.categories(input.categories, field: "categories"))
    }

    /// The free slots of a service for a category between two days (the centre's days).
    public func availability(
        of id: CentreID, service: UUID?, category: String?, from: String?, to: String?, as principal: Principal
    ) async throws -> [FreeSlot] {
        try AccessPolicy.require(.readCentres, by: principal)
        let (service, category, first, last) = try Self.slotQuery(service, category, from, to)
        return try await persistence.read {
            (repos: any UsesAppointments & UsesCentres & UsesInspectionOffers & UsesInspectorSchedules & UsesLanes) in
            try await slots(
                at: try await visible(id, principal, repos), service: service, category: category, from: first,
                to: last, repos)
        }
    }

    /// A free-slot search as the client sent it: the service, the category and the days.
    static func slotQuery(_ service: UUID?, _ category: String?, _ from: String?, _ to: String?) throws -> (
        UUID, VehicleCategory, CalendarDate, CalendarDate
    ) {
        let category = try Self.parseRequired(category, VehicleCategory.self, field: "category")
        guard let service else { throw DomainError.invalidValue(field: "service", reason: "is required") }
        let first = try CalendarDate(parsing: from ?? "", field: "dateFrom")
        let last = try to.map { try CalendarDate(parsing: $0, field: "dateTo") } ?? first
        // Checked before the days become instants: a range that runs backwards is no interval.
        guard first <= last, first.days(until: last) < Availability.maximumDays else {
            throw DomainError.invalidValue(
                field: "dateTo",
                reason: "must be on or after date_from, at most \(Availability.maximumDays) days later")
        }
        return (service, category, first, last)
    }

    private func slots(
        at centre: Centre, service: UUID, category: VehicleCategory, from first: CalendarDate, to last: CalendarDate,
        _ repos: any UsesAppointments & UsesInspectionOffers & UsesInspectorSchedules & UsesLanes
    ) async throws -> [FreeSlot] {
        guard let offer = try await repos.inspectionOffers.find(InspectionOfferID(service)),
            offer.centreID == centre.id
        else { throw ApplicationError.notFound(entity: "service", id: service.uuidString.lowercased()) }
        // Whole days on either side cover every time zone.
        let booked = try await repos.appointments.holding(
            centre.id,
            during: DateInterval(
                start: first.adding(days: -1).startOfDayUTC, end: last.adding(days: 2).startOfDayUTC))
        let availability = Availability(
            centre: centre, lanes: try await repos.lanes.list(of: centre.id),
            inspectors: try await repos.inspectorSchedules.list(of: centre.id),
            bookedLanes: Dictionary(grouping: booked, by: \.laneID).mapValues { $0.map(\.interval) },
            bookedInspectors: Dictionary(grouping: booked, by: \.inspectorID).mapValues { $0.map(\.interval) })
        return try availability.slots(for: offer, category: category, from: first, to: last, now: clock.now())
    }

    // MARK: The public page

    /// The centre whose public page this is, with its services; 404 for any other name.
    public func publicCentre(slug: String) async throws -> (Centre, [InspectionOffer]) {
        try await persistence.read { (repos: any UsesCentres & UsesInspectionOffers) in
            let centre = try await Self.published(slug, repos)
            return (centre, try await repos.inspectionOffers.list(of: centre.id))
        }
    }

    static func published(_ slug: String, _ repos: any UsesCentres) async throws -> Centre {
        guard slug.utf8.count <= 60, let centre = try await repos.centres.find(slug: slug) else {
            throw ApplicationError.notFound(entity: "centre", id: String(slug.prefix(60)))
        }
        return centre
    }

    /// The free slots on the centre's public page.
    public func publicAvailability(
        slug: String, service: UUID?, category: String?, from: String?, to: String?
    ) async throws -> [FreeSlot] {
        let (service, category, first, last) = try Self.slotQuery(service, category, from, to)
        return try await persistence.read {
            (repos: any UsesAppointments & UsesCentres & UsesInspectionOffers & UsesInspectorSchedules & UsesLanes) in
            try await slots(
                at: try await Self.published(slug, repos), service: service, category: category, from: first,
                to: last, repos)
        }
    }
}
