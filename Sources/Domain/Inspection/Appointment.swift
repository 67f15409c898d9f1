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
            throw DomainError.invalidValue(field: "free_cancellation_hours", reason: "must be between 0 and 720")
        }
        self.freeUntilHoursBefore = freeUntilHoursBefore
    }

    public func isFree(cancelling start: Date, at now: Date) -> Bool {
        now <= start.addingTimeInterval(-TimeInterval(freeUntilHoursBefore) * 3600)
    }
}
