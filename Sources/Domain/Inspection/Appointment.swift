public import Foundation

/// Where an appointment stands. A booking awaiting its prepayment is `held`; a hold that lapses
/// is `cancelled` (its reason says so), and the slot is free again.
public enum AppointmentStatus: String, Sendable, CaseIterable {
    case held, confirmed
    case checkedIn = "checked_in"
    case inInspection = "in_inspection"
    case done, cancelled
    case noShow = "no_show"

    /// The slot is taken while the appointment is in one of these.
    public var holdsSlot: Bool { ![.cancelled, .noShow].contains(self) }
}

/// What may happen to an appointment, as data: each action, the states it starts from and the
/// one it leads to.
public enum AppointmentAction: String, Sendable, CaseIterable {
    /// The prepayment arrived (or the desk books without one).
    case confirm
    case checkIn = "check_in"
    case startInspection = "start_inspection"
    case finish
    case cancel
    case markNoShow = "mark_no_show"

    public var from: Set<AppointmentStatus> {
        switch self {
        case .confirm: [.held]
        case .checkIn: [.confirmed]
        case .startInspection: [.checkedIn]
        case .finish: [.inInspection]
        case .cancel: [.held, .confirmed]
        case .markNoShow: [.confirmed]
        }
    }

    public var to: AppointmentStatus {
        switch self {
        case .confirm: .confirmed
        case .checkIn: .checkedIn
        case .startInspection: .inInspection
        case .finish: .done
        case .cancel: .cancelled
        case .markNoShow: .noShow
        }
    }

    /// The state after the action, or `illegalTransition`.
    public func apply(to status: AppointmentStatus) throws -> AppointmentStatus {
        guard from.contains(status) else {
            throw DomainError.illegalTransition(entity: "appointment", from: status.rawValue, to: to.rawValue)
        }
        return to
    }
}

/// Until when a customer cancels for free (24 hours before, by default); later, the centre's
/// policy applies (the prepayment is kept).
public struct CancellationPolicy: Sendable, Equatable {
    public let freeUntilHoursBefore: Int

    public init(freeUntilHoursBefore: Int = 24) throws {
        guard (0...720).contains(freeUntilHoursBefore) else {
            throw DomainError.invalidValue(field: "freeCancellationHours", reason: "must be between 0 and 720")
        }
        self.freeUntilHoursBefore = freeUntilHoursBefore
    }

    private init(validated hours: Int) { freeUntilHoursBefore = hours }

    /// Free until 24 hours before.
    public static let standard = CancellationPolicy(validated: 24)

    public func isFree(cancelling start: Date, at now: Date) -> Bool {
        now <= start.addingTimeInterval(-TimeInterval(freeUntilHoursBefore) * 3600)
    }
}

/// A centre's rules for bookings: the free-cancellation window, what a late cancellation costs,
/// and whether a booking waits for its prepayment (held for `holdMinutes`).
public struct AppointmentPolicy: Sendable, Equatable {
    public var cancellation: CancellationPolicy
    /// The share of the price kept when a booking is cancelled after the free window (0 to 100 %).
    public var lateCancellationFeePercent: Int
    public var prepaymentRequired: Bool
    /// How long a booking is held for its prepayment (5 to 120 minutes; 15 by default).
    public var holdMinutes: Int

    public static let standard = AppointmentPolicy(
        validated: .standard, fee: 100, prepayment: false, hold: 15)

    private init(validated cancellation: CancellationPolicy, fee: Int, prepayment: Bool, hold: Int) {
        self.cancellation = cancellation
        self.lateCancellationFeePercent = fee
        self.prepaymentRequired = prepayment
        self.holdMinutes = hold
    }

    public init(
        freeCancellationHours: Int = 24, lateCancellationFeePercent: Int = 100, prepaymentRequired: Bool = false,
        holdMinutes: Int = 15
    ) throws {
        guard (0...100).contains(lateCancellationFeePercent) else {
            throw DomainError.invalidValue(field: "lateCancellationFeePercent", reason: "must be between 0 and 100")
        }
        guard (5...120).contains(holdMinutes) else {
            throw DomainError.invalidValue(field: "holdMinutes", reason: "must be between 5 and 120")
        }
        self.init(
            validated: try CancellationPolicy(freeUntilHoursBefore: freeCancellationHours),
            fee: lateCancellationFeePercent, prepayment: prepaymentRequired, hold: holdMinutes)
    }

    /// What cancelling costs at `now`: nothing inside the free window, else the policy's share of
    /// the price (rounded down to the cent).
    public func fee(cancelling appointment: Appointment, at now: Date) -> Money {
        guard !cancellation.isFree(cancelling: appointment.start, at: now) else {
            return Money(minorUnits: 0, currency: appointment.price.currency)
        }
        return Money(
            minorUnits: appointment.price.minorUnits * Int64(lateCancellationFeePercent) / 100,
            currency: appointment.price.currency)
    }
}

public typealias AppointmentID = Identifier<Appointment>

/// A vehicle booked at a centre for a service: a lane and an inspector held together from
/// `start` to `end`, at the price the service had when booked.
public struct Appointment: Sendable, Equatable {
    /// How a cancellation went: when, by whom, why, and what it cost.
    public struct Cancellation: Sendable, Equatable {
        public let at: Date
        public let by: UserID?
        public let reason: String?
        /// True after the free window; the fee is then the policy's share of the price (unless waived).
        public let late: Bool
        public let fee: Money

        public init(at: Date, by: UserID?, reason: String?, late: Bool, fee: Money) throws {
            self.at = at
            self.by = by
            self.reason = try Text.optional(reason, field: "reason", maximum: 500)
            self.late = late
            self.fee = fee
        }
    }

    public let id: AppointmentID
    public let organizationID: OrganizationID
    public let centreID: CentreID
    public let offerID: InspectionOfferID
    public let vehicleID: VehicleID
    public let category: VehicleCategory
    public private(set) var laneID: LaneID
    public private(set) var inspectorID: UserID
    /// The customer account that booked, if any (desk and public bookings have none).
    public let customerID: UserID?
    public let contact: ContactDetails
    public private(set) var start: Date
    public private(set) var end: Date
    public private(set) var status: AppointmentStatus
    public let price: Money
    /// Until when a held booking waits for its prepayment.
    public private(set) var holdExpiresAt: Date?
    public private(set) var cancellation: Cancellation?
    public let createdAt: Date
    public private(set) var updatedAt: Date

    /// A booking of a free slot: confirmed at once, or held for its prepayment under `policy`.
    public init(
        id: AppointmentID, organizationID: OrganizationID, centreID: CentreID, offer: InspectionOffer,
        vehicleID: VehicleID, category: VehicleCategory, slot: FreeSlot, customerID: UserID?,
        contact: ContactDetails, policy: AppointmentPolicy, at now: Date
    ) {
        self.init(
            id: id, organizationID: organizationID, centreID: centreID, offerID: offer.id, vehicleID: vehicleID,
            category: category, laneID: slot.laneID, inspectorID: slot.inspectorID, customerID: customerID,
            contact: contact, start: slot.start, end: slot.end,
            status: policy.prepaymentRequired ? .held : .confirmed, price: offer.price,
            holdExpiresAt: policy.prepaymentRequired
                ? now.addingTimeInterval(TimeInterval(policy.holdMinutes * 60)) : nil,
            cancellation: nil, createdAt: now, updatedAt: now)
    }

    /// As stored.
    public init(
        id: AppointmentID, organizationID: OrganizationID, centreID: CentreID, offerID: InspectionOfferID,
        vehicleID: VehicleID, category: VehicleCategory, laneID: LaneID, inspectorID: UserID, customerID: UserID?,
        contact: ContactDetails, start: Date, end: Date, status: AppointmentStatus, price: Money,
        holdExpiresAt: Date?, cancellation: Cancellation?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.centreID = centreID
        self.offerID = offerID
        self.vehicleID = vehicleID
        self.category = category
        self.laneID = laneID
        self.inspectorID = inspectorID
        self.customerID = customerID
        self.contact = contact
        self.start = start
        self.end = end
        self.status = status
        self.price = price
        self.holdExpiresAt = holdExpiresAt
        self.cancellation = cancellation
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var interval: DateInterval { DateInterval(start: start, end: end) }

    /// Confirming, checking in, starting and finishing the inspection, marking a no-show.
    /// Cancelling goes through `cancel`, which records how.
    public mutating func perform(_ action: AppointmentAction, at now: Date) throws {
        guard action != .cancel else { throw DomainError.invalidValue(field: "action", reason: "cancel says why") }
        if action == .markNoShow, now < start {
            throw DomainError.invalidValue(field: "status", reason: "a no-show is recorded once the slot has begun")
        }
        status = try action.apply(to: status)
        if action == .confirm { holdExpiresAt = nil }
        updatedAt = now
    }

    /// Cancels under the centre's policy; staff may waive the late fee.
    public mutating func cancel(
        by person: UserID?, reason: String?, policy: AppointmentPolicy, waivingFee: Bool, at now: Date
    ) throws {
        let next = try AppointmentAction.cancel.apply(to: status)
        let late = !policy.cancellation.isFree(cancelling: start, at: now)
        let fee = waivingFee ? Money(minorUnits: 0, currency: price.currency) : policy.fee(cancelling: self, at: now)
        cancellation = try Cancellation(at: now, by: person, reason: reason, late: late, fee: fee)
        status = next
        holdExpiresAt = nil
        updatedAt = now
    }

    /// Moves a booking that has not begun to another free slot; its payment stays with it.
    public mutating func reschedule(to slot: FreeSlot, at now: Date) throws {
        guard [.held, .confirmed].contains(status) else {
            throw DomainError.illegalTransition(entity: "appointment", from: status.rawValue, to: "rescheduled")
        }
        start = slot.start
        end = slot.end
        laneID = slot.laneID
        inspectorID = slot.inspectorID
        updatedAt = now
    }

    /// Gives the booking to another inspector (the desk's reassignment), keeping its slot.
    public mutating func assign(_ inspector: UserID, at now: Date) throws {
        guard [.held, .confirmed, .checkedIn].contains(status) else {
            throw DomainError.illegalTransition(entity: "appointment", from: status.rawValue, to: "reassigned")
        }
        inspectorID = inspector
        updatedAt = now
    }

    /// Why the platform cancels a held booking whose prepayment did not come in time.
    public static let holdExpiredReason = "hold expired"

    /// The booking was released because its hold lapsed (and may come back if paid late).
    public var lapsedUnpaid: Bool { status == .cancelled && cancellation?.reason == Self.holdExpiredReason }

    /// A payment that arrived after the hold lapsed confirms the booking again, when its slot is
    /// still free (the caller checks that).
    public mutating func reinstate(at now: Date) throws {
        guard lapsedUnpaid else {
            throw DomainError.illegalTransition(entity: "appointment", from: status.rawValue, to: "confirmed")
        }
        status = .confirmed
        cancellation = nil
        updatedAt = now
    }

    /// A held booking whose prepayment did not come in time.
    public func holdHasLapsed(at now: Date) -> Bool {
        status == .held && (holdExpiresAt.map { $0 <= now } ?? false)
    }
}
