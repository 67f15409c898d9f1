public import Foundation

public typealias WrittenDecisionID = Identifier<WrittenDecision>
public typealias RegisterEntryID = Identifier<RegisterEntry>

/// A decision taken in writing, without an assembly (Civil Code art. 3.87 §4): adopted only if
/// every owner of the building agrees in writing. One missing or negative answer fails it.
public struct WrittenDecision: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case open, adopted, failed
    }

    public let id: WrittenDecisionID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let title: String
    public let text: String
    /// The last day answers are taken.
    public let dueOn: CalendarDate
    public private(set) var status: Status
    public let createdAt: Date
    public private(set) var concludedAt: Date?

    public init(
        id: WrittenDecisionID, organizationID: OrganizationID, buildingID: BuildingID, title: String, text: String,
        dueOn: CalendarDate, status: Status = .open, createdAt: Date, concludedAt: Date? = nil
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.title = try Text.required(title, field: "title", maximum: 300)
        self.text = try Text.required(text, field: "text", maximum: 10_000)
        self.dueOn = dueOn
        self.status = status
        self.createdAt = createdAt
        self.concludedAt = concludedAt
    }

    /// Checks a new proposal's answer period: it ends today at the earliest, within a year.
    public static func checkDue(_ dueOn: CalendarDate, today: CalendarDate) throws {
        guard today <= dueOn, today.days(until: dueOn) <= 366 else {
            throw DomainError.invalidValue(field: "dueOn", reason: "must be between today and a year from now")
        }
    }

    /// What the answers decide: a single no fails it at once; every lot's voter agreeing adopts
    /// it. A lot whose vote is suspended never agrees, so the decision cannot be adopted.
    public static func outcome(roll: AssemblyRoll, answers: [OwnerID: Bool]) -> Status {
        if answers.values.contains(false) { return .failed }
        let voters = Set(roll.lots.compactMap(\.voter))
        guard roll.suspendedLots.isEmpty, !voters.isEmpty, voters.allSatisfy({ answers[$0] == true }) else {
            return .open
        }
        return .adopted
    }

    /// Applies the answers; an open decision stays open until the last answer or its closing.
    public mutating func record(roll: AssemblyRoll, answers: [OwnerID: Bool], at now: Date) throws {
        guard status == .open else { throw GovernanceError.writtenDecisionConcluded(status) }
        status = Self.outcome(roll: roll, answers: answers)
        if status != .open { concludedAt = now }
    }

    /// Closes the answer period: still open means an answer is missing, so it fails.
    public mutating func close(at now: Date) throws {
        guard status == .open else { throw GovernanceError.writtenDecisionConcluded(status) }
        status = .failed
        concludedAt = now
    }
}

/// A decision in the building's register (art. 3.93): what was decided, on which day, by which
/// majority and with what result, from an assembly's resolution or a written decision.
public struct RegisterEntry: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case assembly(AssemblyID, ResolutionID)
        case written(WrittenDecisionID)
    }

    /// The weighted votes of an assembly's resolution, after the cap and exclusions.
    public struct Counts: Sendable, Equatable {
        public let yes, no, abstain, base: Int
        public init(yes: Int, no: Int, abstain: Int, base: Int) {
            self.yes = yes
            self.no = no
            self.abstain = abstain
            self.base = base
        }
    }

    public let id: RegisterEntryID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let source: Source
    public let decidedOn: CalendarDate
    public let title: String
    public let text: String
    public let majority: Majority
    public let adopted: Bool
    /// The weighted counts of an assembly's vote (none for a written decision).
    public let counts: Counts?
    public let recordedAt: Date

    public init(
        id: RegisterEntryID, organizationID: OrganizationID, buildingID: BuildingID, source: Source,
        decidedOn: CalendarDate, title: String, text: String, majority: Majority, adopted: Bool, counts: Counts?,
        recordedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.source = source
        self.decidedOn = decidedOn
        self.title = title
        self.text = text
        self.majority = majority
        self.adopted = adopted
        self.counts = counts
        self.recordedAt = recordedAt
    }
}
