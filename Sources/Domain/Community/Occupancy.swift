public import Foundation

public typealias OccupancyID = Identifier<Occupancy>

/// A member living in a lot without owning it (a tenant), linked by the syndic or the lot's
/// owner. An occupant takes part in the building's notices, skills, shared objects and bookings,
/// never in its polls, governance or finance.
public struct Occupancy: Sendable, Equatable {
    public let id: OccupancyID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let lotID: LotID
    public let userID: UserID
    public let startDate: CalendarDate
    public private(set) var endDate: CalendarDate?
    public let createdBy: UserID
    public let createdAt: Date

    public init(
        id: OccupancyID, organizationID: OrganizationID, buildingID: BuildingID, lotID: LotID, userID: UserID,
        startDate: CalendarDate, endDate: CalendarDate? = nil, createdBy: UserID, createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.lotID = lotID
        self.userID = userID
        self.startDate = startDate
        self.endDate = endDate
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// Living there on that day (from the start date, until the end date, which is no longer
    /// theirs, as an ownership's).
    public func isActive(on day: CalendarDate) -> Bool {
        startDate <= day && (endDate.map { day < $0 } ?? true)
    }

    /// The occupant leaves on `day` (from then on, they are no longer one); an ended link stays as history.
    public mutating func end(on day: CalendarDate) throws {
        guard endDate == nil else {
            throw DomainError.illegalTransition(entity: "occupancy", from: "ended", to: "ended")
        }
        guard day >= startDate else {
            throw DomainError.invalidValue(field: "endDate", reason: "must not be before the start date")
        }
        endDate = day
    }
}

/// Why a community use case refused.
public enum CommunityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The caller neither owns nor occupies a lot of the building, nor manages it (403).
    case notAResident
    /// Polls are the owners' (an occupant asked) (403).
    case ownersOnly
    /// Only the author, creator or owner of the thing may do this (403).
    case notYours(String)
    /// The owner voted already (409).
    case alreadyVoted
    /// The owner was not an owner of the building when the poll opened (403).
    case notEligible
    /// The poll is not open to votes (409).
    case pollNotOpen
    /// A poll opens only with at least one owner to answer it (409).
    case noEligibleVoters
    /// One's own object is not borrowed (403).
    case ownObject
    /// The object is out with someone else (409).
    case objectUnavailable
    /// The borrower holds the building's maximum of objects already (422).
    case tooManyLoans(Int)
    /// The deposit would take the borrower's credits below the building's trust limit (422).
    case insufficientCredit(balance: Int, needed: Int, limit: Int)
    /// The borrower's balance is below the trust limit: no borrowing until it is back above (422).
    case belowTrustLimit(balance: Int, limit: Int)
    /// The slot overlaps these bookings, which hold it (409).
    case bookingConflict([Booking])

    public var description: String {
        switch self {
        case .notAResident:
            "you neither own nor occupy a lot of this building: its community is its residents' and the syndic's"
        case .ownersOnly:
            "polls are for the building's owners; occupants take part in notices, skills, objects and bookings"
        case .notYours(let what): "only \(what) may do this"
        case .alreadyVoted: "you have already voted in this poll"
        case .notEligible: "you were not an owner of this building when the poll opened"
        case .pollNotOpen: "this poll is not open to votes"
        case .noEligibleVoters: "the building has no owner to answer the poll"
        case .ownObject: "you cannot borrow your own object"
        case .objectUnavailable: "this object is out with someone else"
        case .tooManyLoans(let max): "you already hold \(max) objects, the building's maximum: return one first"
        case .insufficientCredit(let balance, let needed, let limit):
            "the deposit of \(needed) credits would take your balance of \(balance) below the trust limit of \(limit)"
        case .belowTrustLimit(let balance, let limit):
            "your balance of \(balance) credits is below the trust limit of \(limit): no borrowing until it is back above"
        case .bookingConflict(let bookings):
            bookings.isEmpty
                ? "the slot was taken by another booking at the same moment"
                : "the slot overlaps \(bookings.count == 1 ? "a booking" : "\(bookings.count) bookings") already holding it"
        }
    }
}
