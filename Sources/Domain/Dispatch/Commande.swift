public import Foundation

public typealias CommandeID = Identifier<Commande>
public typealias TaxiID = Identifier<Taxi>
public typealias DispatchClientID = Identifier<DispatchClient>
public typealias DemandeID = Identifier<Demande>

/// A ride: from the pool to a driver, then on the road, then done.
public struct Commande: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// In the pool: nobody has it.
        case enAttente = "en_attente"
        /// Offered to a driver, who has not answered yet.
        case proposee
        /// Accepted by the driver.
        case assignee
        case enCours = "en_cours"
        case terminee, annulee
    }

    /// Where the ride came from: the back office or the public booking form.
    public enum Source: String, Sendable, CaseIterable {
        case backOffice = "back_office"
        case publicForm = "public"
    }

    /// The lifecycle as data: each action, the states it starts from, the state it leads to.
    public enum Action: String, Sendable, CaseIterable {
        /// Offer to a taxi's driver; an offered or accepted ride may be moved to another taxi.
        case offer, accept, refuse, start, finish, cancel

        public var from: Set<Status> {
            switch self {
            case .offer: [.enAttente, .proposee, .assignee]
            case .accept, .refuse: [.proposee]
            case .start: [.assignee]
            case .finish: [.enCours]
            case .cancel: [.enAttente, .proposee, .assignee]
            }
        }

        public var to: Status {
            switch self {
            case .offer: .proposee
            case .accept: .assignee
            case .refuse: .enAttente
            case .start: .enCours
            case .finish: .terminee
            case .cancel: .annulee
            }
        }
    }

    public static let passengerRange = 1...8
    public static let luggageRange = 0...20

    public let id: CommandeID
    public let organizationID: OrganizationID
    /// `CMD-2026-000123`: gapless per organization and year.
    public let reference: String
    public private(set) var clientID: DispatchClientID?
    public private(set) var pickup: String
    public private(set) var destination: String
    public private(set) var pickupAt: Date
    public private(set) var durationMinutes: Int
    public private(set) var passengers: Int
    public private(set) var luggage: Int
    public private(set) var flight: String?
    public private(set) var taxiID: TaxiID?
    /// The driver (a user with the `chauffeur` role) the ride is offered to or accepted by.
    public private(set) var driverID: UserID?
    public private(set) var status: Status
    public let source: Source
    public private(set) var contact: Contact?
    public private(set) var cancelReason: String?
    public let createdAt: Date
    public private(set) var updatedAt: Date

    /// Who to reach for a ride booked through the public form.
    public struct Contact: Sendable, Equatable {
        public let name: String
        public let email: Email
        public let phone: String?

        public init(name: String, email: Email, phone: String?) throws {
            self.name = try Text.required(name, field: "contact.name", maximum: 120)
            self.email = email
            self.phone = try Text.optional(phone, field: "contact.phone", maximum: 30)
        }
    }

    public init(
        id: CommandeID, organizationID: OrganizationID, reference: String, clientID: DispatchClientID?, pickup: String,
        destination: String, pickupAt: Date, durationMinutes: Int, passengers: Int, luggage: Int, flight: String?,
        taxiID: TaxiID? = nil, driverID: UserID? = nil, status: Status = .enAttente, source: Source = .backOffice,
        contact: Contact? = nil, cancelReason: String? = nil, createdAt: Date, updatedAt: Date? = nil
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.reference = reference
        self.clientID = clientID
        self.pickup = try Text.required(pickup, field: "priseEnCharge", maximum: 300)
        self.destination = try Text.required(destination, field: "destination", maximum: 300)
        self.pickupAt = pickupAt
        self.durationMinutes = try Self.duration(durationMinutes)
        self.passengers = try Self.count(passengers, in: Self.passengerRange, field: "passagers")
        self.luggage = try Self.count(luggage, in: Self.luggageRange, field: "bagages")
        self.flight = try Text.optional(flight, field: "vol", maximum: 20)
        self.taxiID = taxiID
        self.driverID = driverID
        self.status = status
        self.source = source
        self.contact = contact
        self.cancelReason = cancelReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// The time the taxi is taken: pickup until pickup + estimated duration.
    public var window: Range<Date> { pickupAt..<pickupAt.addingTimeInterval(TimeInterval(durationMinutes * 60)) }

    /// Whether this ride holds its taxi (accepted or on the road).
    public var holdsTaxi: Bool { status == .assignee || status == .enCours }

    public var allowedActions: [Action] { Action.allCases.filter { $0.from.contains(status) } }

    /// Applies an action if the current state allows it; otherwise names the allowed next states.
    public mutating func apply(_ action: Action, at now: Date) throws {
        guard action.from.contains(status) else {
            throw DispatchError.illegalTransition(
                from: status, requested: action.to, allowed: allowedActions.map(\.to))
        }
        status = action.to
        updatedAt = now
        if action == .refuse {
            taxiID = nil
            driverID = nil
        }
    }

    /// Offers the ride to a taxi and its driver (also a move from one taxi to another).
    public mutating func offer(to taxi: TaxiID, driver: UserID, at now: Date) throws {
        try apply(.offer, at: now)
        taxiID = taxi
        driverID = driver
    }

    public mutating func cancel(reason: String?, at now: Date) throws {
        try apply(.cancel, at: now)
        cancelReason = try Text.optional(reason, field: "reason", maximum: 1000)
    }

    /// Fields the dispatcher may change before the ride starts.
    public mutating func edit(
        clientID: DispatchClientID??, pickup: String?, destination: String?, pickupAt: Date?, durationMinutes: Int?,
        passengers: Int?, luggage: Int?, flight: String??, at now: Date
    ) throws {
        guard [.enAttente, .proposee, .assignee].contains(status) else {
            throw DispatchError.notEditable(status: status)
        }
        if let clientID { self.clientID = clientID }
        if let pickup { self.pickup = try Text.required(pickup, field: "priseEnCharge", maximum: 300) }
        if let destination { self.destination = try Text.required(destination, field: "destination", maximum: 300) }
        if let pickupAt { self.pickupAt = pickupAt }
        if let durationMinutes { self.durationMinutes = try Self.duration(durationMinutes) }
        if let passengers { self.passengers = try Self.count(passengers, in: Self.passengerRange, field: "passagers") }
        if let luggage { self.luggage = try Self.count(luggage, in: Self.luggageRange, field: "bagages") }
        if let flight { self.flight = try Text.optional(flight, field: "vol", maximum: 20) }
        updatedAt = now
    }

    /// `CMD-2026-000123`.
    public static func reference(year: Int, number: Int) -> String {
        let digits = String(number)
        return "CMD-\(year)-\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)"
    }

    static func duration(_ minutes: Int) throws -> Int {
        guard (5...1440).contains(minutes) else {
            throw DomainError.invalidValue(field: "dureeMinutes", reason: "must be from 5 to 1440 minutes")
        }
        return minutes
    }

    static func count(_ value: Int, in range: ClosedRange<Int>, field: String) throws -> Int {
        guard range.contains(value) else {
            throw DomainError.invalidValue(
                field: field, reason: "must be from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}

/// An offer of a ride to one driver, answered once: accepted, refused, or withdrawn when the
/// ride moves to another taxi or is cancelled.
public struct Demande: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case enAttente = "en_attente"
        case acceptee, refusee, retiree
    }

    public let id: DemandeID
    public let organizationID: OrganizationID
    public let commandeID: CommandeID
    public let taxiID: TaxiID
    public let driverID: UserID
    public private(set) var status: Status
    public private(set) var reason: String?
    public let createdAt: Date
    public private(set) var answeredAt: Date?

    public init(
        id: DemandeID, organizationID: OrganizationID, commandeID: CommandeID, taxiID: TaxiID, driverID: UserID,
        status: Status = .enAttente, reason: String? = nil, createdAt: Date, answeredAt: Date? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.commandeID = commandeID
        self.taxiID = taxiID
        self.driverID = driverID
        self.status = status
        self.reason = reason
        self.createdAt = createdAt
        self.answeredAt = answeredAt
    }

    /// Closes a pending offer; an answered one cannot be answered again.
    public mutating func answer(_ status: Status, reason: String? = nil, at now: Date) throws {
        guard self.status == .enAttente else { throw DispatchError.demandeClosed(status: self.status) }
        self.status = status
        self.reason = try Text.optional(reason, field: "reason", maximum: 500)
        answeredAt = now
    }
}

public enum DispatchError: Error, Equatable, Sendable, CustomStringConvertible {
    case illegalTransition(from: Commande.Status, requested: Commande.Status, allowed: [Commande.Status])
    case notEditable(status: Commande.Status)
    case demandeClosed(status: Demande.Status)
    /// The taxi already holds an accepted ride whose window overlaps.
    case overlap(commandeID: CommandeID, reference: String)
    case taxiOutOfService
    case taxiWithoutDriver
    case plateTaken(String)
    case slugTaken(String)
    case taxiHasPlannedRides
    case driverHasTaxi
    /// Binding a driver to a taxi that another driver drives.
    case taxiHasDriver
    case clientInUse
    /// A member leaving still holds accepted or started rides.
    case memberHasRides(reference: String)
    case cannotRemoveSelf

    public var description: String {
        switch self {
        case .illegalTransition(let from, let requested, let allowed):
            "a ride cannot go from \(from.rawValue) to \(requested.rawValue); allowed next: "
                + (allowed.isEmpty ? "none" : allowed.map(\.rawValue).joined(separator: ", "))
        case .notEditable(let status): "a ride that is \(status.rawValue) can no longer be changed"
        case .demandeClosed(let status): "this offer was already answered (\(status.rawValue))"
        case .overlap(_, let reference): "the taxi already has ride \(reference) at that time"
        case .taxiOutOfService: "the taxi is out of service: it cannot be offered rides"
        case .taxiWithoutDriver: "the taxi has no driver to offer the ride to"
        case .plateTaken(let plate): "the plate \(plate) is already used by another taxi of this company"
        case .slugTaken(let slug): "the public name \(slug) is already taken"
        case .taxiHasPlannedRides: "rides are planned on this taxi: it cannot be deleted"
        case .driverHasTaxi: "this driver is already bound to another taxi"
        case .taxiHasDriver: "another driver drives this taxi: unbind them first"
        case .clientInUse: "rides reference this client: it cannot be deleted"
        case .memberHasRides(let reference):
            "this member holds ride \(reference) (accepted or started): reassign or cancel it first"
        case .cannotRemoveSelf: "you cannot remove yourself from the company"
        }
    }
}
