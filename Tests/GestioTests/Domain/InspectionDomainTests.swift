import Domain
import Foundation
import Testing

@Suite("Vehicle inspection centre: vehicles, hours, availability, appointments, verdicts")
struct InspectionDomainTests {
    let organization = OrganizationID(UUID())
    let centreID = CentreID(UUID())
    let created = Date(timeIntervalSince1970: 1_800_000_000)

    func day(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    /// Monday to Friday 08:00–12:00 and 13:00–17:00; closed at the weekend.
    func centre(closures: Set<CalendarDate> = []) throws -> Centre {
        let spans = [try DaySpan(parsing: "08:00-12:00"), try DaySpan(parsing: "13:00-17:00")]
        return try Centre(
            id: centreID, organizationID: organization, name: "Contrôle Ixelles", slug: "ixelles",
            address: "Chaussée de Boondael 1, 1050 Ixelles", timeZone: "Europe/Brussels",
            hours: try WeeklyHours(Dictionary(uniqueKeysWithValues: (1...5).map { ($0, spans) })), closures: closures,
            createdAt: created)
    }

    func lane(_ name: String, _ categories: Set<VehicleCategory>) throws -> Lane {
        try Lane(id: LaneID(UUID()), centreID: centreID, name: name, categories: categories)
    }

    func inspector(
        _ categories: Set<VehicleCategory>, hours: String = "08:00-17:00", away: [InspectorSchedule.Absence] = []
    )
        throws -> InspectorSchedule
    {
        let span = try DaySpan(parsing: hours)
        return try InspectorSchedule(
            inspectorID: UserID(UUID()), centreID: centreID,
            weekly: try WeeklyHours(Dictionary(uniqueKeysWithValues: (1...5).map { ($0, [span]) })), absences: away,
            categories: categories)
    }

    func periodic(minutes: Int = 30) throws -> InspectionOffer {
        try InspectionOffer(
            id: InspectionOfferID(UUID()), centreID: centreID, kind: .periodic, name: "Contrôle périodique",
            durations: [.m1: minutes, .n1: 45], price: Money(minorUnits: 4_550), vatRateBasisPoints: 2100)
    }

    @Test("Plates are normalized to the Belgian formats; VINs have 17 characters and no I, O or Q")
    func plates() throws {
        #expect(try Plate("1abc234").value == "1-ABC-234")
        #expect(try Plate(" 2-xyz.987 ").value == "2-XYZ-987")
        #expect(try Plate("abc 123").value == "ABC-123")
        #expect(try Plate("123-abc").value == "123-ABC")
        for bad in ["0-ABC-123", "1-AB-1234", "ABCDEFG", "", "1-ÀBC-123"] {
            #expect(throws: DomainError.self) { try Plate(bad) }
        }
        let vin = try VIN("1m8gdm9axkp042788")
        #expect(vin.value == "1M8GDM9AXKP042788")
        #expect(vin.hasValidCheckDigit)
        #expect(try VIN("1M8GDM9A1KP042788").hasValidCheckDigit == false)
        #expect(throws: DomainError.self) { try VIN("1M8GDM9AXKP04278") }
        #expect(throws: DomainError.self) { try VIN("1M8GDM9AXKPO42788") }
    }

    @Test("Opening hours parse HH:MM-HH:MM and refuse spans that overlap or run backwards")
    func hours() throws {
        #expect(try DaySpan(parsing: "08:30-12:00") == DaySpan(start: 510, end: 720))
        #expect(try DaySpan(parsing: "18:00-24:00").end == 1440)
        for bad in ["12:00-08:00", "8:00-12:00", "08:00-24:30", "08:60-09:00", "08:00", "x"] {
            #expect(throws: DomainError.self) { try DaySpan(parsing: bad) }
        }
        #expect(throws: DomainError.self) {
            try WeeklyHours([1: [try DaySpan(parsing: "08:00-12:00"), try DaySpan(parsing: "11:00-13:00")]])
        }
        #expect(throws: DomainError.self) { try WeeklyHours([8: [try DaySpan(parsing: "08:00-12:00")]]) }
    }

    @Test("A slot needs the centre open, a lane that takes the category and a certified inspector at work")
    func availability() throws {
        let car = try lane("Piste 1", [.m1])
        let monday = try day("2027-03-01")
        let early = Date(timeIntervalSince1970: 0)
        let eva = try inspector([.m1, .n1], hours: "08:00-12:00")
        let slots = try Availability(
            centre: try centre(), lanes: [car], inspectors: [eva], bookedLanes: [:], bookedInspectors: [:]
        ).slots(for: try periodic(), category: .m1, from: monday, to: monday, now: early)
        // The inspector works the morning only: eight half-hours from 08:00 (07:00 UTC in winter).
        #expect(slots.count == 8)
        #expect(slots.first?.start == ISO8601DateFormatter().date(from: "2027-03-01T07:00:00Z"))
        #expect(slots.allSatisfy { $0.laneID == car.id && $0.inspectorID == eva.inspectorID })
        // No lane takes vans.
        let vans = try Availability(
            centre: try centre(), lanes: [car], inspectors: [eva], bookedLanes: [:], bookedInspectors: [:]
        ).slots(for: try periodic(), category: .n1, from: monday, to: monday, now: early)
        #expect(vans.isEmpty)
        // A booked lane or a booked inspector takes the slot; a second pair frees it again.
        let first = try #require(slots.first)
        let taken = [DateInterval(start: first.start, end: first.end)]
        let laneBusy = try Availability(
            centre: try centre(), lanes: [car], inspectors: [eva], bookedLanes: [car.id: taken], bookedInspectors: [:]
        ).slots(for: try periodic(), category: .m1, from: monday, to: monday, now: early)
        #expect(laneBusy.count == 7)
        let other = try lane("Piste 2", [.m1, .n1])
        let ben = try inspector([.m1])
        let both = try Availability(
            centre: try centre(), lanes: [car, other], inspectors: [eva, ben], bookedLanes: [car.id: taken],
            bookedInspectors: [eva.inspectorID: taken]
        ).slots(for: try periodic(), category: .m1, from: monday, to: monday, now: early)
        #expect(both.count == 16)
        #expect(both.first?.laneID == other.id)
        #expect(both.first?.inspectorID == ben.inspectorID)
    }

    @Test("Closed days, public holidays, absences and the past give no slot")
    func closedDays() throws {
        let car = try lane("Piste 1", [.m1])
        let eva = try inspector(
            [.m1],
            away: [
                try InspectorSchedule.Absence(from: try day("2027-03-03"), to: try day("2027-03-03"), reason: .training)
            ])
        let availability = Availability(
            centre: try centre(closures: [try day("2027-03-02")]), lanes: [car], inspectors: [eva], bookedLanes: [:],
            bookedInspectors: [:])
        let offer = try periodic()
        // Easter Monday 2027 is 29 March; 27–28 are a weekend; 2 March closed; 3 March in training.
        for closed in ["2027-03-29", "2027-03-27", "2027-03-02", "2027-03-03"] {
            #expect(
                try availability.slots(for: offer, category: .m1, from: day(closed), to: day(closed), now: .distantPast)
                    .isEmpty)
        }
        let thursday = try day("2027-03-04")
        #expect(
            try availability.slots(for: offer, category: .m1, from: thursday, to: thursday, now: .distantPast).count
                == 16)
        let noon = ISO8601DateFormatter().date(from: "2027-03-04T11:00:00Z")!
        #expect(try availability.slots(for: offer, category: .m1, from: thursday, to: thursday, now: noon).count == 8)
        // Booking checks the same rules for one start: on the grid, inside the hours.
        let slot = ISO8601DateFormatter().date(from: "2027-03-04T12:00:00Z")!
        #expect(availability.pair(at: slot, for: offer, category: .m1)?.laneID == car.id)
        // One minute later is off the grid the free slots follow; one slot later is on it.
        #expect(availability.pair(at: slot.addingTimeInterval(60), for: offer, category: .m1) == nil)
        #expect(availability.pair(at: slot.addingTimeInterval(30 * 60), for: offer, category: .m1) != nil)
        #expect(
            availability.pair(at: ISO8601DateFormatter().date(from: "2027-03-04T11:45:00Z")!, for: offer, category: .m1)
                == nil)
        #expect(
            availability.pair(at: ISO8601DateFormatter().date(from: "2027-03-02T12:00:00Z")!, for: offer, category: .m1)
                == nil)
        #expect(throws: DomainError.self) {
            try availability.slots(for: offer, category: .l, from: thursday, to: thursday, now: .distantPast)
        }
        #expect(throws: DomainError.self) {
            try availability.slots(
                for: offer, category: .m1, from: thursday, to: thursday.adding(days: 90), now: .distantPast)
        }
    }

    @Test("Every appointment action from every state")
    func appointmentTransitions() throws {
        for action in AppointmentAction.allCases {
            for status in AppointmentStatus.allCases {
                if action.from.contains(status) {
                    #expect(try action.apply(to: status) == action.to)
                } else {
                    #expect(throws: DomainError.self) { try action.apply(to: status) }
                }
            }
        }
        #expect(AppointmentStatus.held.holdsSlot)
        #expect(!AppointmentStatus.cancelled.holdsSlot)
        let policy = try CancellationPolicy()
        let start = created.addingTimeInterval(48 * 3600)
        #expect(policy.isFree(cancelling: start, at: created))
        #expect(!policy.isFree(cancelling: start, at: created.addingTimeInterval(25 * 3600)))
    }

    func checklist() throws -> Checklist {
        try Checklist(
            id: ChecklistID(UUID()), offerID: InspectionOfferID(UUID()), category: .m1, version: 3,
            points: [
                try ControlPoint(code: "0.1", chapter: "Identification", label: "Plaque"),
                try ControlPoint(code: "1.1", chapter: "Freinage", label: "Efficacité du frein de service"),
                try ControlPoint(code: "4.1", chapter: "Éclairage", label: "Feux de croisement"),
                try ControlPoint(code: "8.2", chapter: "Nuisances", label: "Émissions"),
            ])
    }

    func inspection(_ outcomes: [String: PointOutcome], on date: String = "2027-03-04") throws -> VehicleInspection {
        var inspection = try VehicleInspection(
            id: VehicleInspectionID(UUID()), organizationID: organization, centreID: centreID,
            vehicleID: VehicleID(UUID()), inspectorID: UserID(UUID()), checklist: try checklist(), mileage: 84_000,
            startedAt: created)
        for (code, outcome) in outcomes { try inspection.record(outcome, at: code) }
        try inspection.complete(on: try day(date))
        return inspection
    }

    @Test("The worst defect decides the verdict; a re-inspection checks the failed points only, within the deadline")
    func verdicts() throws {
        let ok = ["0.1": PointOutcome.ok, "1.1": .ok, "4.1": .ok, "8.2": .ok]
        #expect(try inspection(ok).result == .favorable)
        let minor = try PointOutcome.defect(.init(severity: .minor, note: "Lampe ternie"))
        #expect(try inspection(ok.merging(["4.1": minor]) { $1 }).result == .favorableWithRemarks)
        let brakes = try PointOutcome.defect(.init(severity: .major, measured: 42))
        let failed = try inspection(
            ok.merging(["4.1": minor, "1.1": brakes, "8.2": .defect(.init(severity: .major))]) { $1 })
        #expect(failed.result == .unfavorable)
        #expect(failed.failedPoints == ["1.1", "8.2"])
        let rules = try InspectionRules()
        #expect(failed.reinspectionDeadline(rules) == (try day("2027-03-19")))
        #expect(try inspection(ok.merging(["1.1": .defect(.init(severity: .dangerous))]) { $1 }).result == .prohibited)

        var again = try VehicleInspection(
            id: VehicleInspectionID(UUID()), reinspecting: failed, inspectorID: UserID(UUID()),
            checklist: try checklist(),
            mileage: 84_100, on: try day("2027-03-10"), rules: rules, startedAt: created)
        #expect(again.pointCodes == ["1.1", "8.2"])
        #expect(throws: DomainError.self) { try again.record(.ok, at: "4.1") }
        try again.record(.ok, at: "1.1")
        #expect(throws: DomainError.self) { try again.complete(on: try day("2027-03-10")) }
        try again.record(.ok, at: "8.2")
        try again.complete(on: try day("2027-03-10"))
        #expect(again.result == .favorable)
        #expect(again.reinspectionOf == failed.id)
        #expect(throws: DomainError.self) { try again.record(brakes, at: "1.1") }
        #expect(throws: DomainError.self) { try again.complete(on: try day("2027-03-11")) }
        // Too late: a full inspection is needed; a passed inspection is not inspected again.
        #expect(throws: DomainError.self) {
            try VehicleInspection(
                id: VehicleInspectionID(UUID()), reinspecting: failed, inspectorID: UserID(UUID()),
                checklist: try checklist(), mileage: nil, on: try day("2027-03-20"), rules: rules, startedAt: created)
        }
        #expect(throws: DomainError.self) {
            try VehicleInspection(
                id: VehicleInspectionID(UUID()), reinspecting: again, inspectorID: UserID(UUID()),
                checklist: try checklist(), mileage: nil, on: try day("2027-03-12"), rules: rules, startedAt: created)
        }
        #expect(throws: DomainError.self) { try PointOutcome.Defect(severity: .minor, measured: .nan) }
    }

    @Test("A correction copies the completed record to amend, keeps its checklist, and names what it corrects")
    func corrections() throws {
        let list = try checklist()
        var first = try VehicleInspection(
            id: VehicleInspectionID(UUID()), organizationID: organization, centreID: centreID,
            vehicleID: VehicleID(UUID()), inspectorID: UserID(UUID()), checklist: list, mileage: 84_000,
            startedAt: created)
        let brakes = try PointOutcome.defect(.init(severity: .major, measured: 38))
        for code in ["0.1", "4.1", "8.2"] { try first.record(.ok, at: code) }
        try first.record(brakes, at: "1.1")
        let inspector = UserID(UUID())
        // Nothing to correct before it is completed; a correction keeps the version it corrects.
        #expect(throws: DomainError.self) {
            try VehicleInspection(
                id: VehicleInspectionID(UUID()), correcting: first, inspectorID: inspector, checklist: list,
                startedAt: created)
        }
        try first.complete(on: try day("2027-03-04"))
        #expect(throws: DomainError.self) {
            try VehicleInspection(
                id: VehicleInspectionID(UUID()), correcting: first, inspectorID: inspector,
                checklist: try checklist(), startedAt: created)
        }
        var correction = try VehicleInspection(
            id: VehicleInspectionID(UUID()), correcting: first, inspectorID: inspector, checklist: list,
            startedAt: created)
        #expect(correction.corrects == first.id)
        #expect(correction.appointmentID == nil)
        #expect(correction.pending.isEmpty)
        #expect(correction.outcomes == first.outcomes)
        #expect(correction.mileage == 84_000)
        try correction.record(try .defect(.init(severity: .minor, measured: 61)), at: "1.1")
        try correction.complete(on: try day("2027-03-04"))
        #expect(correction.result == .favorableWithRemarks)
        #expect(first.result == .unfavorable)
        #expect(throws: DomainError.self) { try VehicleInspection.correctionReason(" ") }
        #expect(try VehicleInspection.correctionReason("  Wrong car's brakes ") == "Wrong car's brakes")
    }

    @Test("The next due date: a car's first by its fourth anniversary, then every year; none when failed")
    func nextDue() throws {
        let rules = DueDateRules.belgianDefaults
        let registered = try day("2024-05-10")
        #expect(
            rules.nextDue(
                after: try day("2026-01-15"), result: .favorable, category: .m1, firstRegistration: registered)
                == (try day("2028-05-10")))
        #expect(
            rules.nextDue(
                after: try day("2028-04-02"), result: .favorableWithRemarks, category: .m1,
                firstRegistration: registered)
                == (try day("2029-04-02")))
        #expect(
            rules.nextDue(
                after: try day("2028-04-02"), result: .unfavorable, category: .m1, firstRegistration: registered) == nil
        )
        #expect(
            rules.nextDue(after: try day("2027-01-31"), result: .favorable, category: .n1, firstRegistration: nil)
                == (try day("2028-01-31")))
        #expect(
            rules.nextDue(after: try day("2027-01-31"), result: .favorable, category: .l, firstRegistration: nil) == nil
        )
    }

    @Test("A booking is confirmed at once, or held for its prepayment; a late cancellation costs the centre's share")
    func bookingPolicy() throws {
        let car = try lane("Piste 1", [.m1])
        let eva = try inspector([.m1])
        let availability = Availability(
            centre: try centre(), lanes: [car], inspectors: [eva], bookedLanes: [:], bookedInspectors: [:])
        let offer = try periodic()
        let start = ISO8601DateFormatter().date(from: "2027-03-04T08:00:00Z")!
        let slot = try #require(availability.pair(at: start, for: offer, category: .m1))
        let now = ISO8601DateFormatter().date(from: "2027-03-01T09:00:00Z")!
        func book(_ policy: AppointmentPolicy) throws -> Appointment {
            Appointment(
                id: AppointmentID(UUID()), organizationID: organization, centreID: centreID, offer: offer,
                vehicleID: VehicleID(UUID()), category: .m1, slot: slot, customerID: nil,
                contact: try ContactDetails(name: "Marc", email: nil, phone: "+32470123456"), policy: policy, at: now)
        }
        #expect(try book(.standard).status == .confirmed)
        let prepaid = try AppointmentPolicy(prepaymentRequired: true, holdMinutes: 20)
        var held = try book(prepaid)
        #expect(held.status == .held)
        #expect(held.holdExpiresAt == now.addingTimeInterval(20 * 60))
        #expect(!held.holdHasLapsed(at: now.addingTimeInterval(19 * 60)))
        #expect(held.holdHasLapsed(at: now.addingTimeInterval(20 * 60)))
        try held.perform(.confirm, at: now)
        #expect(held.holdExpiresAt == nil && !held.holdHasLapsed(at: now.addingTimeInterval(3600)))
        // Free until 24 hours before the start; then the share of the price the policy keeps.
        let halfFee = try AppointmentPolicy(lateCancellationFeePercent: 50)
        var early = try book(halfFee)
        try early.cancel(
            by: nil, reason: nil, policy: halfFee, waivingFee: false, at: start.addingTimeInterval(-86_400))
        #expect(early.cancellation?.late == false && early.cancellation?.fee.minorUnits == 0)
        var late = try book(halfFee)
        try late.cancel(by: nil, reason: nil, policy: halfFee, waivingFee: false, at: start.addingTimeInterval(-86_399))
        #expect(late.cancellation?.late == true && late.cancellation?.fee.minorUnits == 2_275)
        var waived = try book(halfFee)
        try waived.cancel(by: nil, reason: nil, policy: halfFee, waivingFee: true, at: start)
        #expect(waived.cancellation?.late == true && waived.cancellation?.fee.minorUnits == 0)
        #expect(throws: DomainError.self) {
            try late.cancel(by: nil, reason: nil, policy: halfFee, waivingFee: false, at: start)
        }
        // A no-show only once the slot has begun; a finished booking cannot move.
        var missed = try book(.standard)
        #expect(throws: DomainError.self) { try missed.perform(.markNoShow, at: start.addingTimeInterval(-60)) }
        try missed.perform(.markNoShow, at: start)
        #expect(missed.status == .noShow && !missed.status.holdsSlot)
        #expect(throws: DomainError.self) { try missed.reschedule(to: slot, at: start) }
        #expect(throws: DomainError.self) { try AppointmentPolicy(lateCancellationFeePercent: 101) }
        #expect(throws: DomainError.self) { try AppointmentPolicy(holdMinutes: 2) }
    }

    @Test("Payments: a desk payment has its receipt, refunds stop at what was paid, a lapsed hold comes back when paid")
    func payments() throws {
        let car = try lane("Piste 1", [.m1])
        let availability = Availability(
            centre: try centre(), lanes: [car], inspectors: [try inspector([.m1])], bookedLanes: [:],
            bookedInspectors: [:])
        let offer = try periodic()
        let start = ISO8601DateFormatter().date(from: "2027-03-04T08:00:00Z")!
        let slot = try #require(availability.pair(at: start, for: offer, category: .m1))
        let now = ISO8601DateFormatter().date(from: "2027-03-01T09:00:00Z")!
        let policy = try AppointmentPolicy(prepaymentRequired: true)
        var booking = Appointment(
            id: AppointmentID(UUID()), organizationID: organization, centreID: centreID, offer: offer,
            vehicleID: VehicleID(UUID()), category: .m1, slot: slot, customerID: nil,
            contact: try ContactDetails(name: "Marc", email: nil, phone: "+32470123456"), policy: policy, at: now)
        let desk = UserID(UUID())
        #expect(throws: DomainError.self) {
            try Payment.atDesk(
                id: PaymentID(UUID()), appointment: booking, amount: booking.price, method: .online, by: desk,
                receipt: ReceiptNumber(year: 2027, sequence: 1), at: now)
        }
        #expect(throws: DomainError.self) {
            try Payment.atDesk(
                id: PaymentID(UUID()), appointment: booking, amount: Money(minorUnits: 0), method: .cash, by: desk,
                receipt: ReceiptNumber(year: 2027, sequence: 1), at: now)
        }
        var cash = try Payment.atDesk(
            id: PaymentID(UUID()), appointment: booking, amount: booking.price, method: .cash, by: desk,
            receipt: ReceiptNumber(year: 2027, sequence: 7), at: now)
        #expect(cash.status == .succeeded && cash.receipt?.description == "2027-000007")
        let part = try cash.refund(
            Money(minorUnits: 1_000), id: RefundID(UUID()), reason: "Attente", by: desk, providerReference: nil, at: now
        )
        #expect(part.amount.minorUnits == 1_000 && cash.refundable.minorUnits == booking.price.minorUnits - 1_000)
        #expect(throws: DomainError.self) {
            try cash.refund(
                Money(minorUnits: booking.price.minorUnits), id: RefundID(UUID()), reason: "Trop", by: desk,
                providerReference: nil, at: now)
        }
        #expect(throws: DomainError.self) {
            try cash.refund(nil, id: RefundID(UUID()), reason: "", by: desk, providerReference: nil, at: now)
        }
        let rest = try cash.refund(
            nil, id: RefundID(UUID()), reason: "Annulé", by: desk, providerReference: nil, at: now)
        #expect(rest.amount.minorUnits == booking.price.minorUnits - 1_000 && cash.refundable.minorUnits == 0)
        // Online: pending until the provider confirms; nothing to refund before.
        var online = Payment.online(id: PaymentID(UUID()), appointment: booking, providerReference: "pi_1", at: now)
        #expect(throws: DomainError.self) {
            try online.refund(nil, id: RefundID(UUID()), reason: "Non", by: nil, providerReference: nil, at: now)
        }
        try online.succeed(receipt: ReceiptNumber(year: 2027, sequence: 8), at: now)
        #expect(throws: DomainError.self) {
            try online.succeed(receipt: ReceiptNumber(year: 2027, sequence: 9), at: now)
        }
        #expect(throws: DomainError.self) { try online.fail() }
        // A hold released for want of payment comes back; a cancellation by the customer does not.
        #expect(throws: DomainError.self) { try booking.reinstate(at: now) }
        try booking.cancel(
            by: nil, reason: Appointment.holdExpiredReason, policy: .standard, waivingFee: true,
            at: now.addingTimeInterval(900))
        #expect(booking.lapsedUnpaid)
        try booking.reinstate(at: now.addingTimeInterval(1000))
        #expect(booking.status == .confirmed && booking.cancellation == nil)
        // The cash-up: by method, refunds of the day, and the receipts' run.
        let cashUp = CashUp(
            centreID: centreID, date: try day("2027-03-01"), payments: [cash, online],
            refunds: [(part, .cash), (rest, .cash)])
        #expect(cashUp.lines.map(\.method) == [.online, .cash, .cardTerminal])
        #expect(cashUp.lines[1].received == booking.price && cashUp.lines[1].net.minorUnits == 0)
        #expect(cashUp.total == booking.price && cashUp.receipts.map(\.sequence) == [7, 8] && cashUp.balances)
        let skipped = Payment(
            id: PaymentID(UUID()), organizationID: organization, centreID: centreID, appointmentID: booking.id,
            amount: booking.price, method: .cardTerminal, status: .succeeded, providerReference: nil,
            receipt: ReceiptNumber(year: 2027, sequence: 10), refunded: Money(minorUnits: 0), recordedBy: desk,
            createdAt: now, paidAt: now)
        let gap = CashUp(centreID: centreID, date: try day("2027-03-01"), payments: [cash, skipped], refunds: [])
        #expect(gap.missingReceipts.map(\.sequence) == [8, 9] && !gap.balances)
    }

    @Test("The standard checklist follows the directive's chapters by category; a passing car gets its next due date")
    func standardChecklistAndDueDate() throws {
        let car = StandardChecklist.points(for: .m1)
        #expect(car.count == 25)
        #expect(car.first?.chapter == "Identification" && car.contains { $0.code == "8.2" })
        #expect(StandardChecklist.points(for: .m3).contains { $0.code == "9.1" })
        #expect(!StandardChecklist.points(for: .o).contains { $0.code == "8.2" || $0.code == "2.2" })
        let checklist = try Checklist(
            id: ChecklistID(UUID()), offerID: InspectionOfferID(UUID()), category: .m1, version: 1, points: car)
        let golf = try Vehicle(
            id: VehicleID(UUID()), organizationID: organization, plate: try Plate("1-ABC-234"), vin: nil,
            make: "Volkswagen", model: nil, category: .m1, fuel: .diesel, firstRegistration: try day("2025-01-10"),
            owner: try ContactDetails(name: "Marc", email: "marc@example.com", phone: nil), createdAt: created)
        var inspection = try VehicleInspection(
            id: VehicleInspectionID(UUID()), organizationID: organization, centreID: centreID, vehicleID: golf.id,
            inspectorID: UserID(UUID()), checklist: checklist, mileage: 12_000, startedAt: created)
        for point in car { try inspection.record(.ok, at: point.code) }
        // Two years old, inspected early (before a sale): the first due date, at four years, stands.
        try inspection.complete(
            on: try day("2027-03-01"), of: golf, dueDates: .belgianDefaults, certificateCode: "CODE")
        #expect(inspection.result == .favorable)
        #expect(inspection.nextDue == (try day("2029-01-10")))
        var failed = try VehicleInspection(
            id: VehicleInspectionID(UUID()), organizationID: organization, centreID: centreID, vehicleID: golf.id,
            inspectorID: UserID(UUID()), checklist: checklist, mileage: 12_000, startedAt: created)
        for point in car {
            try failed.record(point.code == "1.2" ? .defect(try .init(severity: .major)) : .ok, at: point.code)
        }
        try failed.complete(on: try day("2027-03-01"), of: golf, dueDates: .belgianDefaults, certificateCode: "CODE")
        #expect(failed.result == .unfavorable && failed.nextDue == nil)
        #expect(failed.reinspectionDeadline(.standard) == (try day("2027-03-16")))
    }
}
