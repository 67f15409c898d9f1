public import Foundation

/// A unit of a building (apartment, parking…) and its tantièmes: its part of the common charges.
public struct Lot: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case apartment, parking, cellar, commercial, other
    }

    public let id: LotID
    public let buildingID: BuildingID
    public var number: String
    public var kind: Kind
    public var floor: Int?
    /// Surface in hundredths of a square metre, when known.
    public var surfaceHundredths: Int?
    public var tantiemes: Int
    public let createdAt: Date

    public init(
        id: LotID, buildingID: BuildingID, number: String, kind: Kind, floor: Int?, surfaceHundredths: Int?,
        tantiemes: Int, createdAt: Date
    ) throws {
        self.id = id
        self.buildingID = buildingID
        self.number = try Text.required(number, field: "number", maximum: 50)
        self.kind = kind
        if let floor, !(-20...300).contains(floor) {
            throw DomainError.invalidValue(field: "floor", reason: "must be between -20 and 300")
        }
        self.floor = floor
        if let surfaceHundredths, surfaceHundredths <= 0 {
            throw DomainError.invalidValue(field: "surface", reason: "must be positive")
        }
        self.surfaceHundredths = surfaceHundredths
        guard tantiemes > 0 else { throw DomainError.invalidValue(field: "tantiemes", reason: "must be more than 0") }
        // A lot never holds more than a building's largest total, so sums of lots cannot overflow.
        guard tantiemes <= Building.maximumTantiemes else {
            throw DomainError.invalidValue(field: "tantiemes", reason: "must be at most \(Building.maximumTantiemes)")
        }
        self.tantiemes = tantiemes
        self.createdAt = createdAt
    }

    /// Refuses a lot whose tantièmes would take the building past its total.
    public static func checkTantiemes(adding tantiemes: Int, toExisting existing: Int, of building: Building) throws {
        let total = existing + tantiemes
        guard total <= building.totalTantiemes else {
            throw CoOwnershipError.tantiemesExceeded(total: total, allowed: building.totalTantiemes)
        }
    }
}

/// A natural or legal person who owns lots, optionally linked to a user account.
public struct Owner: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case natural, legal
    }

    public let id: OwnerID
    public let organizationID: OrganizationID
    public var kind: Kind
    public var name: String
    public var email: Email?
    public var phone: String?
    public var address: String?
    public var userID: UserID?
    public let createdAt: Date

    public init(
        id: OwnerID, organizationID: OrganizationID, kind: Kind, name: String, email: Email?, phone: String?,
        address: String?, userID: UserID?, createdAt: Date
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.kind = kind
        self.name = try Text.required(name, field: "name")
        self.email = email
        self.phone = try Text.optional(phone, field: "phone", maximum: 40)
        self.address = try Text.optional(address, field: "address", maximum: 300)
        self.userID = userID
        self.createdAt = createdAt
    }
}

/// Who owns what part of a lot, from when to when. Rows are never edited: a sale ends the
/// seller's row and starts the buyer's, so the history stays.
public struct Ownership: Sendable, Equatable {
    public let id: OwnershipID
    public let lotID: LotID
    public let ownerID: OwnerID
    public let share: Share
    public let startDate: CalendarDate
    public private(set) var endDate: CalendarDate?

    public init(
        id: OwnershipID, lotID: LotID, ownerID: OwnerID, share: Share, startDate: CalendarDate,
        endDate: CalendarDate? = nil
    ) throws {
        if let endDate, endDate <= startDate {
            throw DomainError.invalidValue(field: "endDate", reason: "must be after the start date")
        }
        self.id = id
        self.lotID = lotID
        self.ownerID = ownerID
        self.share = share
        self.startDate = startDate
        self.endDate = endDate
    }

    /// Open rows are the current owners; a closed row is history.
    public var isOpen: Bool { endDate == nil }

    /// Ends the row on `date` (the buyer's first day).
    public mutating func end(on date: CalendarDate) throws {
        guard isOpen else {
            throw DomainError.illegalTransition(entity: "ownership", from: "ended", to: "ended")
        }
        guard date > startDate else {
            throw DomainError.invalidValue(field: "date", reason: "must be after the seller's start date \(startDate)")
        }
        endDate = date
    }

    /// Refuses a row that would take the lot's shares past 100 % on any day of its period, against
    /// every row of the lot, current and past: a back-dated row must fit the history it overlaps.
    /// The total can only grow on a day some row starts, so those days are the ones checked.
    public static func checkShares(adding new: Ownership, to rows: [Ownership]) throws {
        let days = [new.startDate] + rows.map(\.startDate).filter { new.isActive(on: $0) }
        for day in days {
            let total = rows.filter { $0.isActive(on: day) }.reduce(new.share.millionths) { $0 + $1.share.millionths }
            guard total <= Share.scale else {
                throw CoOwnershipError.sharesExceeded(lotID: new.lotID, totalMillionths: total)
            }
        }
    }

    /// Owned on `date`: started on or before it, and not yet ended.
    public func isActive(on date: CalendarDate) -> Bool {
        startDate <= date && (endDate.map { date < $0 } ?? true)
    }
}

extension Lot.Kind {
    /// A kind as clients and files spell it; anything else names the field and the choices.
    public init(parsing raw: String, field: String = "type") throws {
        guard let kind = Lot.Kind(rawValue: raw) else {
            throw DomainError.invalidValue(
                field: field, reason: "must be one of \(Lot.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = kind
    }
}

extension Owner.Kind {
    /// `natural` or `legal`; anything else names the field.
    public init(parsing raw: String, field: String = "kind") throws {
        guard let kind = Owner.Kind(rawValue: raw) else {
            throw DomainError.invalidValue(field: field, reason: "must be natural or legal")
        }
        self = kind
    }
}
