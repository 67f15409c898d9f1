public import Foundation

public typealias RequisitionID = Identifier<AssemblyRequisition>

/// Owners holding at least a fifth of the shares require an assembly (art. 3.87 §2): the syndic
/// must convene it within 30 days of receiving their registered letter.
public struct AssemblyRequisition: Sendable, Equatable {
    public static let days = 30

    public let id: RequisitionID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let owners: [OwnerID]
    /// The requiring owners' votes, and all the building's, when it was received.
    public let shares: Int
    public let totalShares: Int
    public let receivedOn: CalendarDate
    /// The last day to send the convocation (30 days from receipt, counted as art. 1.7 does).
    public let dueOn: CalendarDate
    public private(set) var convenedIn: AssemblyID?
    public private(set) var convenedOn: CalendarDate?
    public let createdAt: Date

    public init(
        id: RequisitionID, organizationID: OrganizationID, buildingID: BuildingID, owners: [OwnerID], shares: Int,
        totalShares: Int, receivedOn: CalendarDate, dueOn: CalendarDate, convenedIn: AssemblyID? = nil,
        convenedOn: CalendarDate? = nil, createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.owners = owners
        self.shares = shares
        self.totalShares = totalShares
        self.receivedOn = receivedOn
        self.dueOn = dueOn
        self.convenedIn = convenedIn
        self.convenedOn = convenedOn
        self.createdAt = createdAt
    }

    /// A requisition of `owners` received on `receivedOn`: refused below a fifth of the shares
    /// (5 × theirs ≥ all), or naming an owner who does not vote in the building.
    public static func make(
        id: RequisitionID, organizationID: OrganizationID, buildingID: BuildingID, owners: [OwnerID],
        roll: AssemblyRoll, receivedOn: CalendarDate, today: CalendarDate, calendar: LegalCalendar, createdAt: Date
    ) throws -> AssemblyRequisition {
        let distinct = Array(Set(owners)).sorted { $0.rawValue.uuidString < $1.rawValue.uuidString }
        guard !distinct.isEmpty, distinct.count <= 10_000 else {
            throw DomainError.invalidValue(field: "ownerIds", reason: "must name the requiring owners")
        }
        guard receivedOn <= today, receivedOn.days(until: today) <= 366 else {
            throw DomainError.invalidValue(field: "receivedOn", reason: "must be within the last year")
        }
        let weights = roll.weights
        if let stranger = distinct.first(where: { weights[$0] == nil }) { throw GovernanceError.notEntitled(stranger) }
        let shares = distinct.reduce(0) { $0 + (weights[$1] ?? 0) }
        guard 5 * shares >= roll.totalWeight, roll.totalWeight > 0 else {
            throw GovernanceError.belowOneFifth(shares: shares, total: roll.totalWeight)
        }
        return AssemblyRequisition(
            id: id, organizationID: organizationID, buildingID: buildingID, owners: distinct, shares: shares,
            totalShares: roll.totalWeight, receivedOn: receivedOn,
            dueOn: calendar.periodEnd(from: receivedOn, days: Self.days), createdAt: createdAt)
    }

    public var isPending: Bool { convenedIn == nil }

    /// Past its due day without a convocation.
    public func isOverdue(on day: CalendarDate) -> Bool { isPending && dueOn < day }

    /// Convened late if after the due day.
    public var wasLate: Bool { convenedOn.map { $0 > dueOn } ?? false }

    public mutating func convened(by assembly: AssemblyID, on day: CalendarDate) {
        convenedIn = assembly
        convenedOn = day
    }
}
