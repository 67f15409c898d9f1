import Application
import Domain
import Foundation
import SQLAdapters
import Testing

/// The inspection centre's repositories, on SQLite and (when configured) PostgreSQL.
@Suite("Inspection centre repository contract")
struct InspectionContractTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// An organization with one centre (Monday to Friday 08:00–17:00 in Brussels), its lane for
    /// cars, its periodic inspection, an inspector at work there, and a vehicle.
    struct Centre1 {
        let organization: Organization
        let inspector: User
        let centre: Centre
        let lane: Lane
        let offer: InspectionOffer
        let vehicle: Vehicle
    }

    func centre1(_ store: SQLPersistence, slug: String = "ixelles") async throws -> Centre1 {
        let organization = Organization(id: OrganizationID(UUID()), name: "Contrôle SA", createdAt: now)
        let inspector = User(
            id: UserID(UUID()), email: try Email("eva.\(UUID().uuidString.prefix(8))@example.com"), name: "Eva",
            passwordHash: "x", isActive: true, createdAt: now)
        let week = try WeeklyHours(
            Dictionary(uniqueKeysWithValues: (1...5).map { ($0, [try DaySpan(parsing: "08:00-17:00")]) }))
        let centre = try Centre(
            id: CentreID(UUID()), organizationID: organization.id, name: "Contrôle Ixelles", slug: slug,
            address: "Chaussée de Boondael 1, 1050 Ixelles", timeZone: "Europe/Brussels", hours: week, createdAt: now)
        let lane = try Lane(id: LaneID(UUID()), centreID: centre.id, name: "Piste 1", categories: [.m1, .n1])
        let offer = try InspectionOffer(
            id: InspectionOfferID(UUID()), centreID: centre.id, kind: .periodic, name: "Contrôle périodique",
            durations: [.m1: 30], price: Money(minorUnits: 4_550), vatRateBasisPoints: 2100)
        let schedule = try InspectorSchedule(
            inspectorID: inspector.id, centreID: centre.id, weekly: week, absences: [], categories: [.m1])
        let vehicle = try Vehicle(
            id: VehicleID(UUID()), organizationID: organization.id, plate: try Plate("1-ABC-234"), vin: nil,
            make: "Volkswagen", model: "Golf", category: .m1, fuel: .diesel,
            firstRegistration: try CalendarDate(parsing: "2020-01-10"),
            owner: try ContactDetails(name: "Marc", email: "marc@example.com", phone: nil), createdAt: now)
        try await store.write { repos in
            try await repos.organizations.insert(organization)
            try await repos.users.insert(inspector)
            try await repos.centres.insert(centre)
            try await repos.lanes.insert(lane, organization: organization.id)
            try await repos.inspectionOffers.insert(offer, organization: organization.id)
            try await repos.inspectorSchedules.save(schedule, organization: organization.id)
            try await repos.vehicles.insert(vehicle)
        }
        return Centre1(
            organization: organization, inspector: inspector, centre: centre, lane: lane, offer: offer,
            vehicle: vehicle)
    }

    /// A customer's account.
    func customer(_ store: SQLPersistence) async throws -> UserID {
        let user = User(
            id: UserID(UUID()), email: try Email("marc.\(UUID().uuidString.prefix(8))@example.com"), name: "Marc",
            passwordHash: "x", isActive: true, createdAt: now)
        try await store.write { try await $0.users.insert(user) }
        return user.id
    }

    /// A booking of the vehicle on the lane with the inspector, `minutes` after 2027-03-01 08:00 UTC.
    func booking(
        _ set: Centre1, at minutes: Int, status: AppointmentStatus = .confirmed, holdUntil: Date? = nil,
        customer: UserID? = nil
    ) throws -> Appointment {
        let start = Date(timeIntervalSince1970: 1_803_888_000 + TimeInterval(minutes * 60))
        return Appointment(
            id: AppointmentID(UUID()), organizationID: set.organization.id, centreID: set.centre.id,
            offerID: set.offer.id, vehicleID: set.vehicle.id, category: .m1, laneID: set.lane.id,
            inspectorID: set.inspector.id, customerID: customer,
            contact: try ContactDetails(name: "Marc", email: "marc@example.com", phone: nil), start: start,
            end: start.addingTimeInterval(30 * 60), status: status, price: set.offer.price, holdExpiresAt: holdUntil,
            cancellation: nil, createdAt: now, updatedAt: now)
    }

    @Test(
        "Centres round-trip with their hours and policy, keep slugs unique across organizations, and list their lanes, services and inspectors",
        arguments: TestDatabase.enabled)
    func centres(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let set = try await centre1(store)
            let id = set.centre.id
            #expect(try await store.read { try await $0.centres.find(id) } == set.centre)
            #expect(try await store.read { try await $0.centres.find(slug: "ixelles") } == set.centre)
            var changed = set.centre
            changed.closures = [try CalendarDate(parsing: "2027-03-02")]
            changed.closedOnPublicHolidays = false
            changed.policy = try AppointmentPolicy(lateCancellationFeePercent: 50, prepaymentRequired: true)
            let centre = changed
            try await store.write { try await $0.centres.update(centre) }
            #expect(try await store.read { try await $0.centres.find(id) } == centre)
            // Another organization cannot take the slug: public pages are found by it alone.
            await #expect(throws: InspectionError.slugTaken("ixelles")) {
                _ = try await centre1(store, slug: "ixelles")
            }
            let second = try Lane(id: LaneID(UUID()), centreID: centre.id, name: "A piste", categories: [.l])
            try await store.write { try await $0.lanes.insert(second, organization: set.organization.id) }
            #expect(try await store.read { try await $0.lanes.list(of: id) } == [second, set.lane])
            #expect(try await store.read { try await $0.inspectionOffers.find(set.offer.id) } == set.offer)
            #expect(try await store.read { try await $0.inspectionOffers.list(of: id) } == [set.offer])
            // Saving a schedule again replaces the inspector's at that centre.
            let mornings = try InspectorSchedule(
                inspectorID: set.inspector.id, centreID: centre.id,
                weekly: try WeeklyHours([1: [try DaySpan(parsing: "08:00-12:00")]]), absences: [],
                categories: [.m1, .n1])
            try await store.write { try await $0.inspectorSchedules.save(mornings, organization: set.organization.id) }
            #expect(try await store.read { try await $0.inspectorSchedules.list(of: id) } == [mornings])
            #expect(try await store.read { try await $0.centres.list(of: set.organization.id) } == [centre])
        }
    }

    @Test(
        "Vehicles are one per plate in an organization, found by plate, and a customer lists their own",
        arguments: TestDatabase.enabled)
    func vehicles(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let set = try await centre1(store)
            let organization = set.organization.id
            let page = try PageRequest()
            #expect(
                try await store.read { try await $0.vehicles.find(plate: try Plate("1abc234"), in: organization) }
                    == set.vehicle)
            let twin = try Vehicle(
                id: VehicleID(UUID()), organizationID: organization, plate: set.vehicle.plate, vin: nil, make: nil,
                model: nil, category: .m1, fuel: .petrol, firstRegistration: nil,
                owner: try ContactDetails(name: "Anne", email: nil, phone: "+32470000000"), createdAt: now)
            await #expect(throws: InspectionError.plateTaken("1-ABC-234")) {
                try await store.write { try await $0.vehicles.insert(twin) }
            }
            let customer = try await self.customer(store)
            let theirs = try Vehicle(
                id: VehicleID(UUID()), organizationID: organization, plate: try Plate("2-XYZ-987"),
                vin: try VIN("1M8GDM9AXKP042788"), make: "Renault", model: nil, category: .n1, fuel: .electric,
                firstRegistration: nil, owner: try ContactDetails(name: "Anne", email: nil, phone: "+32470000000"),
                customerID: customer, createdAt: now)
            var renamed = set.vehicle
            renamed.model = "Golf VIII"
            let golf = renamed
            try await store.write { repos in
                try await repos.vehicles.insert(theirs)
                try await repos.vehicles.update(golf)
            }
            #expect(try await store.read { try await $0.vehicles.find(golf.id) } == golf)
            let all = try await store.read {
                try await $0.vehicles.list(of: organization, customer: nil, page: page)
            }
            #expect(all.items.map(\.id) == [golf.id, theirs.id] && all.totalItems == 2)
            let own = try await store.read {
                try await $0.vehicles.list(of: organization, customer: customer, page: page)
            }
            #expect(own.items == [theirs])
        }
    }

    @Test(
        "Appointments round-trip, list by filter, and find what holds a slot and the lapsed holds; PostgreSQL refuses an overlap on a lane or an inspector",
        arguments: TestDatabase.enabled)
    func appointments(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let set = try await centre1(store)
            let customer = try await self.customer(store)
            let page = try PageRequest()
            let first = try booking(set, at: 0)
            let held = try booking(
                set, at: 60, status: .held, holdUntil: now.addingTimeInterval(900), customer: customer)
            let third = try booking(set, at: 120)
            try await store.write { repos in
                try await repos.appointments.insert(first)
                try await repos.appointments.insert(held)
                try await repos.appointments.insert(third)
            }
            #expect(try await store.read { try await $0.appointments.find(held.id) } == held)
            var cancelling = third
            try cancelling.cancel(by: nil, reason: "Empêché", policy: .standard, waivingFee: false, at: now)
            let cancelled = cancelling
            try await store.write { try await $0.appointments.update(cancelled) }
            #expect(try await store.read { try await $0.appointments.find(cancelled.id) } == cancelled)
            let morning = DateInterval(start: first.start, duration: 4 * 3600)
            let holding = try await store.read { try await $0.appointments.holding(set.centre.id, during: morning) }
            #expect(holding.map(\.id) == [first.id, held.id])
            let starting = try await store.read {
                try await $0.appointments.starting(at: set.centre.id, during: morning)
            }
            #expect(starting.map(\.id) == [first.id, held.id, cancelled.id])
            let theirs = try await store.read {
                try await $0.appointments.list(
                    of: set.organization.id, AppointmentFilter(customer: customer), page: page)
            }
            #expect(theirs.items == [held])
            let open = try await store.read {
                try await $0.appointments.list(
                    of: set.organization.id, AppointmentFilter(status: .confirmed, during: morning), page: page)
            }
            #expect(open.items == [first])
            #expect(try await store.read { try await $0.appointments.lapsedHolds(at: now) }.isEmpty)
            #expect(
                try await store.read { try await $0.appointments.lapsedHolds(at: now.addingTimeInterval(900)) }.map(
                    \.id)
                    == [held.id])
            // The cancelled booking's slot is free again: booking it is no overlap.
            let again = try booking(set, at: 120)
            try await store.write { try await $0.appointments.insert(again) }
            if database == .postgres {
                // The exclusion constraints: the same lane, or the same inspector, at an overlapping time.
                let overlapping = try booking(set, at: 15)
                await #expect(throws: InspectionError.slotTaken) {
                    try await store.write { try await $0.appointments.insert(overlapping) }
                }
                let moved = Appointment(
                    id: again.id, organizationID: again.organizationID, centreID: again.centreID,
                    offerID: again.offerID, vehicleID: again.vehicleID, category: again.category,
                    laneID: again.laneID, inspectorID: again.inspectorID, customerID: nil, contact: again.contact,
                    start: first.start, end: first.end, status: .confirmed, price: again.price, holdExpiresAt: nil,
                    cancellation: nil, createdAt: now, updatedAt: now)
                await #expect(throws: InspectionError.slotTaken) {
                    try await store.write { [moved] in try await $0.appointments.update(moved) }
                }
            }
        }
    }

    @Test(
        "A mailed link is used once; receipts are numbered without a gap per centre and year; an owed refund comes due at its time and is forgotten once given",
        arguments: TestDatabase.enabled)
    func linksPaymentsAndOwedRefunds(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let set = try await centre1(store)
            let appointment = try booking(set, at: 0)
            let link = AppointmentLink(
                tokenHash: "digest-1", organizationID: set.organization.id, appointmentID: appointment.id,
                action: .cancel, expiresAt: appointment.start)
            try await store.write { repos in
                try await repos.appointments.insert(appointment)
                try await repos.appointmentLinks.insert(link, at: now)
            }
            #expect(try await store.read { try await $0.appointmentLinks.find(tokenHash: "digest-1") } == link)
            let uses = try await store.write { repos in
                [
                    try await repos.appointmentLinks.markUsed(tokenHash: "digest-1", at: now),
                    try await repos.appointmentLinks.markUsed(tokenHash: "digest-1", at: now),
                ]
            }
            #expect(uses == [true, false])
            #expect(try await store.read { try await $0.appointmentLinks.find(tokenHash: "digest-1") }?.usedAt == now)

            let receipts = try await store.write { repos in
                [
                    try await repos.payments.nextReceipt(
                        of: set.centre.id, organization: set.organization.id, year: 2027),
                    try await repos.payments.nextReceipt(
                        of: set.centre.id, organization: set.organization.id, year: 2027),
                    try await repos.payments.nextReceipt(
                        of: set.centre.id, organization: set.organization.id, year: 2028),
                ]
            }
            #expect(receipts.map(\.description) == ["2027-000001", "2027-000002", "2028-000001"])
            let payment = Payment(
                id: PaymentID(UUID()), organizationID: set.organization.id, centreID: set.centre.id,
                appointmentID: appointment.id, amount: set.offer.price, method: .online, status: .succeeded,
                providerReference: "pi_1", receipt: receipts[0], refunded: Money(minorUnits: 0), recordedBy: nil,
                createdAt: now, paidAt: now)
            try await store.write { try await $0.payments.insert(payment) }
            #expect(try await store.read { try await $0.payments.find(reference: "pi_1") } == payment)
            #expect(try await store.read { try await $0.payments.list(of: appointment.id) } == [payment])

            let owed = OwedRefund(
                paymentID: payment.id, organizationID: set.organization.id, reason: "Créneau repris", attempts: 1,
                lastError: "card_declined", nextAttemptAt: now.addingTimeInterval(300), createdAt: now)
            try await store.write { try await $0.owedRefunds.save(owed) }
            #expect(try await store.read { try await $0.owedRefunds.due(at: now, limit: 10) }.isEmpty)
            let inFive = now.addingTimeInterval(300)
            #expect(try await store.read { try await $0.owedRefunds.due(at: inFive, limit: 10) } == [owed])
            // Saved again after another failure: the same row, one attempt more, later.
            var failedAgain = owed
            failedAgain.attempts = 2
            failedAgain.lastError = "provider_unavailable"
            failedAgain.nextAttemptAt = now.addingTimeInterval(900)
            let retried = failedAgain
            try await store.write { try await $0.owedRefunds.save(retried) }
            #expect(try await store.read { try await $0.owedRefunds.due(at: inFive, limit: 10) }.isEmpty)
            let inFifteen = now.addingTimeInterval(900)
            #expect(try await store.read { try await $0.owedRefunds.due(at: inFifteen, limit: 10) } == [retried])
            try await store.write { try await $0.owedRefunds.delete(payment.id) }
            #expect(
                try await store.read { try await $0.owedRefunds.due(at: now.addingTimeInterval(86_400), limit: 10) }
                    .isEmpty)
        }
    }
}
