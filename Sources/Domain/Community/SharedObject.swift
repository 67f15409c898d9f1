public import Foundation

public typealias SharedObjectID = Identifier<SharedObject>
public typealias ObjectLoanID = Identifier<ObjectLoan>
public typealias CreditTransferID = Identifier<CreditTransfer>

/// Something a resident lends to their neighbours: a drill, a book, a pram. Borrowing holds a
/// deposit in credits; returning refunds it and pays the lender the rental (each day begun).
public struct SharedObject: Sendable, Equatable {
    public enum Category: String, Sendable, CaseIterable {
        case tools, books, electronics, sports, gardening, kitchen, baby, other
    }

    public enum Condition: String, Sendable, CaseIterable {
        case new, good, fair, worn
    }

    public struct Details: Sendable, Equatable {
        public let name: String
        public let description: String?
        public let category: Category
        public let condition: Condition
        /// Credits per day, 0 to 20.
        public let dailyRate: Int
        /// Credits held while the object is out, 0 to 100.
        public let deposit: Int
        /// Days a loan lasts, 1 to 90.
        public let loanDays: Int

        public static let defaultLoanDays = 7

        public init(
            name: String, description: String?, category: Category, condition: Condition, dailyRate: Int,
            deposit: Int, loanDays: Int
        ) throws {
            self.name = try Text.required(name, field: "name", minimum: 2, maximum: 100)
            self.description = try Text.optional(description, field: "description", maximum: 1000)
            self.category = category
            self.condition = condition
            guard (0...20).contains(dailyRate) else {
                throw DomainError.invalidValue(field: "dailyRate", reason: "must be from 0 to 20 credits")
            }
            self.dailyRate = dailyRate
            guard (0...100).contains(deposit) else {
                throw DomainError.invalidValue(field: "deposit", reason: "must be from 0 to 100 credits")
            }
            self.deposit = deposit
            guard (1...90).contains(loanDays) else {
                throw DomainError.invalidValue(field: "loanDays", reason: "must be from 1 to 90")
            }
            self.loanDays = loanDays
        }
    }

    public let id: SharedObjectID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    /// The lender: the only one who changes or removes it.
    public let ownerID: UserID
    public var details: Details
    /// The loan under way, when it is out.
    public var loanID: ObjectLoanID?
    public let createdAt: Date

    public init(
        id: SharedObjectID, organizationID: OrganizationID, buildingID: BuildingID, ownerID: UserID, details: Details,
        loanID: ObjectLoanID? = nil, createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.ownerID = ownerID
        self.details = details
        self.loanID = loanID
        self.createdAt = createdAt
    }

    public var isAvailable: Bool { loanID == nil }
}

/// One borrowing of an object: its terms are those of the day it was borrowed.
public struct ObjectLoan: Sendable, Equatable {
    public let id: ObjectLoanID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let objectID: SharedObjectID
    public let borrowerID: UserID
    public let lenderID: UserID
    public let deposit: Int
    public let dailyRate: Int
    public let borrowedAt: Date
    /// The last day of the loan, in the building's time zone.
    public let dueOn: CalendarDate
    public private(set) var returnedAt: Date?
    public private(set) var rental: Int?
    /// The last day the borrower was reminded of a late return.
    public private(set) var remindedOn: CalendarDate?

    public init(
        id: ObjectLoanID, organizationID: OrganizationID, buildingID: BuildingID, objectID: SharedObjectID,
        borrowerID: UserID, lenderID: UserID, deposit: Int, dailyRate: Int, borrowedAt: Date, dueOn: CalendarDate,
        returnedAt: Date? = nil, rental: Int? = nil, remindedOn: CalendarDate? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.objectID = objectID
        self.borrowerID = borrowerID
        self.lenderID = lenderID
        self.deposit = deposit
        self.dailyRate = dailyRate
        self.borrowedAt = borrowedAt
        self.dueOn = dueOn
        self.returnedAt = returnedAt
        self.rental = rental
        self.remindedOn = remindedOn
    }

    /// Days begun from the borrowing to `now` (at least one).
    public func daysBegun(until now: Date) -> Int {
        let seconds = max(0, now.timeIntervalSince(borrowedAt))
        return max(1, Int((seconds / 86_400).rounded(.up)))
    }

    /// Past its last day, not returned.
    public func isOverdue(on day: CalendarDate) -> Bool { returnedAt == nil && dueOn < day }

    /// Returned: the rental is the days begun times the daily rate.
    public mutating func markReturned(at now: Date) {
        rental = daysBegun(until: now) * dailyRate
        returnedAt = now
    }

    public mutating func reminded(on day: CalendarDate) { remindedOn = day }
}

/// A balanced movement of a building's credits: residents' accounts and the building's deposit
/// account, each leg signed, the legs summing to zero. Never changed: a correction is a new transfer.
public struct CreditTransfer: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case depositHeld = "deposit_held"
        case depositReturned = "deposit_returned"
        case rentalPaid = "rental_paid"
        case skillSession = "skill_session"
        case bookingDepositHeld = "booking_deposit_held"
        case bookingDepositReturned = "booking_deposit_returned"
        case correction
    }

    /// A resident's account, or the building's deposit account.
    public enum Account: Sendable, Hashable {
        case resident(UserID)
        case deposits
    }

    public struct Leg: Sendable, Equatable {
        public let account: Account
        public let credits: Int

        public init(_ account: Account, _ credits: Int) {
            self.account = account
            self.credits = credits
        }
    }

    public let id: CreditTransferID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let kind: Kind
    /// What it is for: the loan or the session.
    public let reference: UUID?
    public let legs: [Leg]
    public let at: Date

    /// Refuses a transfer whose legs do not sum to zero, or that moves nothing.
    public init(
        id: CreditTransferID, organizationID: OrganizationID, buildingID: BuildingID, kind: Kind, reference: UUID?,
        legs: [Leg], at: Date
    ) throws {
        let moving = legs.filter { $0.credits != 0 }
        guard moving.reduce(0, { $0 + $1.credits }) == 0, !moving.isEmpty else {
            throw DomainError.invalidValue(field: "credits", reason: "a transfer's legs must balance")
        }
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.kind = kind
        self.reference = reference
        self.legs = moving
        self.at = at
    }
}

/// A building's rules for its credits and loans.
public struct CommunitySettings: Sendable, Equatable {
    /// The lowest a resident's balance may go (negative: a trust credit).
    public var trustLimit: Int
    /// The most objects a resident holds at once.
    public var maxLoans: Int

    public static let standard = CommunitySettings(unchecked: -100, maxLoans: 3)

    public init(trustLimit: Int, maxLoans: Int) throws {
        guard (-1000...0).contains(trustLimit) else {
            throw DomainError.invalidValue(field: "trustLimit", reason: "must be from -1000 to 0")
        }
        guard (1...20).contains(maxLoans) else {
            throw DomainError.invalidValue(field: "maxLoans", reason: "must be from 1 to 20")
        }
        self.trustLimit = trustLimit
        self.maxLoans = maxLoans
    }

    private init(unchecked trustLimit: Int, maxLoans: Int) {
        self.trustLimit = trustLimit
        self.maxLoans = maxLoans
    }
}
