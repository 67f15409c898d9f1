public import Foundation

public typealias AgendaProposalID = Identifier<AgendaProposal>

/// A point an owner or the board asks to put on an assembly's agenda (art. 3.87 §3). For the
/// ordinary assembly, a proposal that reaches the syndic at least 3 weeks before the first day of
/// the building's annual assembly period goes on its agenda; a later one waits for the next
/// year's. For an extraordinary assembly, proposals addressed to it are taken until it is convened.
public struct AgendaProposal: Sendable, Equatable {
    /// Three weeks before the period's first day.
    public static let leadDays = 21

    public let id: AgendaProposalID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let title: String
    public let explanation: String?
    public let decisionType: DecisionType
    public let proposedBy: String
    public let proposerUserID: UserID
    public let receivedOn: CalendarDate
    /// The extraordinary assembly it is addressed to; nil: the next ordinary assembly.
    public let assemblyID: AssemblyID?
    /// The agenda item it became, once placed.
    public private(set) var placedAs: AgendaItemID?
    public private(set) var placedIn: AssemblyID?
    public let createdAt: Date

    public init(
        id: AgendaProposalID, organizationID: OrganizationID, buildingID: BuildingID, title: String,
        explanation: String?, decisionType: DecisionType, proposedBy: String, proposerUserID: UserID,
        receivedOn: CalendarDate, assemblyID: AssemblyID?, placedAs: AgendaItemID? = nil, placedIn: AssemblyID? = nil,
        createdAt: Date
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.title = try Text.required(title, field: "title", maximum: 300)
        self.explanation = try Text.optional(explanation, field: "explanation", maximum: 10_000)
        self.decisionType = decisionType
        self.proposedBy = try Text.required(proposedBy, field: "proposedBy")
        self.proposerUserID = proposerUserID
        self.receivedOn = receivedOn
        self.assemblyID = assemblyID
        self.placedAs = placedAs
        self.placedIn = placedIn
        self.createdAt = createdAt
    }

    public var isPending: Bool { placedAs == nil }

    /// Whether the proposal goes on `assembly`'s agenda when it is convened on `day`. The
    /// building's period starts on `periodStart` (month and day) each year; without one, the
    /// assembly's own date stands for it.
    public func belongs(to assembly: GeneralAssembly, convenedOn day: CalendarDate, periodStart: MonthDay?) -> Bool {
        guard isPending, assembly.buildingID == buildingID else { return false }
        switch assembly.kind {
        case .extraordinary:
            return assemblyID == assembly.id && receivedOn <= day
        case .ordinary:
            guard assemblyID == nil else { return false }
            let start = periodStart.map { $0.date(in: assembly.date.year) } ?? assembly.date
            return receivedOn <= start.adding(days: -Self.leadDays)
        }
    }

    public mutating func place(as item: AgendaItemID, in assembly: AssemblyID) {
        placedAs = item
        placedIn = assembly
    }
}

/// A day of the year (`MM-DD`): the first day of a building's annual assembly period.
public struct MonthDay: Sendable, Equatable, CustomStringConvertible {
    public let month: Int
    public let day: Int

    public init(parsing text: String, field: String = "assemblyPeriodStart") throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let month = Int(parts[0]), let day = Int(parts[1]),
            (1...12).contains(month), (1...CalendarDate.daysIn(month: month, year: 2001)).contains(day)
        else {
            throw DomainError.invalidValue(field: field, reason: "must be a day of the year as MM-DD (not 02-29)")
        }
        self.month = month
        self.day = day
    }

    public func date(in year: Int) -> CalendarDate { try! CalendarDate(year: year, month: month, day: day) }

    public var description: String {
        (month < 10 ? "0\(month)" : "\(month)") + "-" + (day < 10 ? "0\(day)" : "\(day)")
    }
}

/// A building's governance rules from its internal rules (règlement d'ordre intérieur): the
/// notice of a convocation (at least the law's 15 days) and the first day of the annual 15-day
/// period in which the ordinary assembly is held.
public struct GovernanceSettings: Sendable, Equatable {
    public static let standard = GovernanceSettings(
        uncheckedNoticeDays: 15, assemblyPeriodStart: nil, remoteParticipation: false)

    public let noticeDays: Int
    public let assemblyPeriodStart: MonthDay?
    /// Whether owners may attend by video; off by default, since the law reference marks remote
    /// participation unverified (art. 3.87).
    public let remoteParticipation: Bool

    public init(noticeDays: Int, assemblyPeriodStart: MonthDay?, remoteParticipation: Bool = false) throws {
        guard (15...90).contains(noticeDays) else {
            throw DomainError.invalidValue(field: "noticeDays", reason: "must be between 15 (the law's) and 90")
        }
        self.init(
            uncheckedNoticeDays: noticeDays, assemblyPeriodStart: assemblyPeriodStart,
            remoteParticipation: remoteParticipation)
    }

    private init(uncheckedNoticeDays: Int, assemblyPeriodStart: MonthDay?, remoteParticipation: Bool) {
        noticeDays = uncheckedNoticeDays
        self.assemblyPeriodStart = assemblyPeriodStart
        self.remoteParticipation = remoteParticipation
    }
}
