public import Foundation

public typealias MandateID = Identifier<Mandate>

/// A mandate the general assembly gives by a resolution: a member of the board (conseil de
/// copropriété, art. 3.90), the syndic (art. 3.89, at most 3 years), the auditor (commissaire aux
/// comptes, art. 3.91, appointed each year).
public struct Mandate: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable {
        case boardMember = "board_member"
        case syndic
        case auditor
    }

    /// How long before its end a syndic's mandate is flagged, so the assembly can renew it.
    public static let alertDays = 90

    public let id: MandateID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let role: Role
    /// The owner who holds it: required for the board, whose members are owners.
    public let ownerID: OwnerID?
    public let holderName: String
    public let startsOn: CalendarDate
    public let endsOn: CalendarDate
    /// The adopted resolution that gave it.
    public let resolutionID: ResolutionID
    public let createdAt: Date

    public init(
        id: MandateID, organizationID: OrganizationID, buildingID: BuildingID, role: Role, ownerID: OwnerID?,
        holderName: String, startsOn: CalendarDate, endsOn: CalendarDate, resolutionID: ResolutionID, createdAt: Date
    ) throws {
        guard endsOn > startsOn else {
            throw DomainError.invalidValue(field: "endsOn", reason: "must be after starts_on")
        }
        switch role {
        case .boardMember:
            guard ownerID != nil else {
                throw DomainError.invalidValue(field: "ownerId", reason: "is required: board members are owners")
            }
        case .syndic:
            guard endsOn <= startsOn.adding(years: 3) else {
                throw DomainError.invalidValue(field: "endsOn", reason: "a syndic's mandate lasts at most 3 years")
            }
        case .auditor:
            // Appointed each year: until the next ordinary assembly, so a year and its period.
            guard endsOn <= startsOn.adding(years: 1).adding(days: 31) else {
                throw DomainError.invalidValue(
                    field: "endsOn", reason: "the auditor is appointed each year (at most a year and a month)")
            }
        }
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.role = role
        self.ownerID = ownerID
        self.holderName = try Text.required(holderName, field: "holderName")
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.resolutionID = resolutionID
        self.createdAt = createdAt
    }

    public func isActive(on day: CalendarDate) -> Bool { startsOn <= day && day < endsOn }

    /// A syndic's mandate ending within `alertDays` of `day`.
    public func endsSoon(after day: CalendarDate) -> Bool {
        isActive(on: day) && day.days(until: endsOn) <= Self.alertDays
    }
}

/// What the law asks of a building's governance, and what it has (art. 3.89 to 3.91).
public struct GovernanceSummary: Sendable, Equatable {
    /// The board is mandatory from 20 lots, cellars, garages and parkings not counted.
    public static let boardThreshold = 20

    public let countedLots: Int
    public let board: [Mandate]
    public let syndic: Mandate?
    public let auditor: Mandate?
    public let today: CalendarDate

    public init(lots: [Lot], mandates: [Mandate], today: CalendarDate) {
        countedLots = lots.filter { ![.parking, .cellar].contains($0.kind) }.count
        let active = mandates.filter { $0.isActive(on: today) }
        board = active.filter { $0.role == .boardMember }.sorted { $0.holderName < $1.holderName }
        syndic = active.filter { $0.role == .syndic }.max { $0.startsOn < $1.startsOn }
        auditor = active.filter { $0.role == .auditor }.max { $0.startsOn < $1.startsOn }
        self.today = today
    }

    public var boardRequired: Bool { countedLots >= Self.boardThreshold }
    public var hasBoard: Bool { !board.isEmpty }
    public var syndicMandateEndsSoon: Bool { syndic?.endsSoon(after: today) ?? false }
}

extension CalendarDate {
    /// The same day `years` later; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> CalendarDate {
        let year = self.year + years
        return try! CalendarDate(year: year, month: month, day: min(day, CalendarDate.daysIn(month: month, year: year)))
    }
}
