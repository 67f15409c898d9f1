public import Foundation

public typealias AssemblyID = Identifier<GeneralAssembly>

/// A building's general assembly (AG), from draft to signed minutes (art. 3.87).
public struct GeneralAssembly: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case ordinary, extraordinary
    }

    public enum Status: String, Sendable, CaseIterable {
        case draft, convened, opened, closed
        case minutesSigned = "minutes_signed"
        case cancelled
    }

    /// How a closed assembly ended: it deliberated, or it lacked the quorum at the opening.
    public enum Outcome: String, Sendable, CaseIterable {
        case held
        case noQuorum = "no_quorum"
    }

    /// The lifecycle as data: each action, the states it starts from, the state it leads to.
    public enum Action: String, Sendable, CaseIterable {
        case convene, open
        /// The opening found no quorum: the assembly closes without deliberating.
        case closeWithoutQuorum = "close_without_quorum"
        case close
        case signMinutes = "sign_minutes"
        case cancel

        public var from: Set<Status> {
            switch self {
            case .convene: [.draft]
            case .open, .closeWithoutQuorum: [.convened]
            case .close: [.opened]
            case .signMinutes: [.closed]
            case .cancel: [.draft, .convened]
            }
        }

        public var to: Status {
            switch self {
            case .convene: .convened
            case .open: .opened
            case .closeWithoutQuorum, .close: .closed
            case .signMinutes: .minutesSigned
            case .cancel: .cancelled
            }
        }
    }

    public let id: AssemblyID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let kind: Kind
    public private(set) var date: CalendarDate
    /// The starting time, `HH:MM`, in the building's local time.
    public private(set) var startTime: String
    public private(set) var place: String?
    public private(set) var videoLink: String?
    public private(set) var chair: String?
    public private(set) var secretary: String?
    public private(set) var status: Status
    public private(set) var outcome: Outcome?
    /// Set when the assembly may be convened at less than the legal notice: why it is urgent.
    public private(set) var urgentReason: String?
    /// The assembly that lacked the quorum, when this one is its second convocation: it
    /// deliberates whatever the attendance (art. 3.87 §5).
    public let secondOf: AssemblyID?
    public private(set) var convenedOn: CalendarDate?
    public private(set) var quorum: QuorumCheck?
    public private(set) var minutesSignedBy: [String]
    public private(set) var minutesSignedAt: Date?
    public let createdAt: Date

    public init(
        id: AssemblyID, organizationID: OrganizationID, buildingID: BuildingID, kind: Kind, date: CalendarDate,
        startTime: String, place: String?, videoLink: String?, chair: String? = nil, secretary: String? = nil,
        status: Status = .draft, outcome: Outcome? = nil, urgentReason: String? = nil, secondOf: AssemblyID? = nil,
        convenedOn: CalendarDate? = nil, quorum: QuorumCheck? = nil, minutesSignedBy: [String] = [],
        minutesSignedAt: Date? = nil, createdAt: Date
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.kind = kind
        self.date = date
        self.startTime = try Self.time(startTime)
        self.place = try Text.optional(place, field: "place", maximum: 300)
        self.videoLink = try Self.link(videoLink)
        guard self.place != nil || self.videoLink != nil else {
            throw DomainError.invalidValue(field: "place", reason: "or video_link is required")
        }
        self.chair = try Text.optional(chair, field: "chair")
        self.secretary = try Text.optional(secretary, field: "secretary")
        self.status = status
        self.outcome = outcome
        self.urgentReason = try Text.optional(urgentReason, field: "urgentReason", maximum: 1000)
        self.secondOf = secondOf
        self.convenedOn = convenedOn
        self.quorum = quorum
        self.minutesSignedBy = minutesSignedBy
        self.minutesSignedAt = minutesSignedAt
        self.createdAt = createdAt
    }

    /// What may change, and until when: the date and urgency only before the convocation; the
    /// place, link, chair and secretary until the assembly closes.
    public struct Changes: Sendable {
        public var date: CalendarDate?
        public var startTime: String?
        public var place: String??
        public var videoLink: String??
        public var chair: String??
        public var secretary: String??
        public var urgentReason: String??
        public init(
            date: CalendarDate? = nil, startTime: String? = nil, place: String?? = nil, videoLink: String?? = nil,
            chair: String?? = nil, secretary: String?? = nil, urgentReason: String?? = nil
        ) {
            self.date = date
            self.startTime = startTime
            self.place = place
            self.videoLink = videoLink
            self.chair = chair
            self.secretary = secretary
            self.urgentReason = urgentReason
        }
    }

    public mutating func apply(_ changes: Changes) throws {
        let convocationFixed = changes.date != nil || changes.startTime != nil || changes.urgentReason != nil
        guard status == .draft || (!convocationFixed && [.convened, .opened].contains(status)) else {
            throw GovernanceError.notEditable(status)
        }
        var copy = self
        if let date = changes.date { copy.date = date }
        if let time = changes.startTime { copy.startTime = try Self.time(time) }
        if let place = changes.place { copy.place = try Text.optional(place, field: "place", maximum: 300) }
        if let link = changes.videoLink { copy.videoLink = try Self.link(link) }
        if let chair = changes.chair { copy.chair = try Text.optional(chair, field: "chair") }
        if let secretary = changes.secretary { copy.secretary = try Text.optional(secretary, field: "secretary") }
        if let reason = changes.urgentReason {
            copy.urgentReason = try Text.optional(reason, field: "urgentReason", maximum: 1000)
        }
        guard copy.place != nil || copy.videoLink != nil else {
            throw DomainError.invalidValue(field: "place", reason: "or video_link is required")
        }
        self = copy
    }

    /// Moves the assembly by `action`, or refuses with the states it may start from.
    public mutating func perform(_ action: Action) throws {
        guard action.from.contains(status) else {
            throw GovernanceError.illegalTransition(
                from: status, requested: action.to,
                allowed: Action.allCases.filter { $0.from.contains(status) }.map(\.to))
        }
        status = action.to
    }

    /// Convenes on `day`: refused when the notice is shorter than `noticeDays` counted as the
    /// Civil Code does, unless the assembly is urgent.
    public mutating func convene(on day: CalendarDate, noticeDays: Int, calendar: LegalCalendar) throws {
        let earliest = Self.earliestDate(convenedOn: day, noticeDays: noticeDays, calendar: calendar)
        if date < earliest, urgentReason == nil {
            throw GovernanceError.noticeTooShort(earliest: earliest, noticeDays: noticeDays)
        }
        guard day <= date else {
            throw DomainError.invalidValue(field: "date", reason: "the assembly's date has passed")
        }
        try perform(.convene)
        convenedOn = day
    }

    /// The first day an assembly convened on `day` may be held: the notice period runs from the
    /// day after sending and ends on its last day, moved to the next working day (art. 1.7).
    public static func earliestDate(convenedOn day: CalendarDate, noticeDays: Int, calendar: LegalCalendar)
        -> CalendarDate
    {
        calendar.periodEnd(from: day, days: noticeDays)
    }

    /// Opens with the quorum check: met (or a second convocation) opens it; missed closes it as
    /// `no_quorum`.
    public mutating func open(with check: QuorumCheck) throws {
        if check.isMet {
            try perform(.open)
            outcome = .held
        } else {
            try perform(.closeWithoutQuorum)
            outcome = .noQuorum
        }
        quorum = check
    }

    public mutating func signMinutes(by signatories: [String], at now: Date) throws {
        guard outcome == .held else { throw GovernanceError.noMinutesWithoutQuorum }
        let names = signatories.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard let chair, let secretary else { throw GovernanceError.chairAndSecretaryRequired }
        let lowered = Set(names.map { $0.lowercased() })
        guard lowered.contains(chair.lowercased()), lowered.contains(secretary.lowercased()) else {
            throw GovernanceError.chairAndSecretaryRequired
        }
        guard names.count <= 500, names.allSatisfy({ $0.count <= 200 }) else {
            throw DomainError.invalidValue(field: "signatories", reason: "must be at most 500 names of 200 characters")
        }
        try perform(.signMinutes)
        minutesSignedBy = names
        minutesSignedAt = now
    }

    static func time(_ raw: String) throws -> String {
        let parts = raw.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else {
            throw DomainError.invalidValue(field: "startTime", reason: "must be a time as HH:MM")
        }
        return raw
    }

    static func link(_ raw: String?) throws -> String? {
        guard let link = try Text.optional(raw, field: "videoLink", maximum: 500) else { return nil }
        guard link.hasPrefix("https://"), !link.contains(where: \.isWhitespace) else {
            throw DomainError.invalidValue(field: "videoLink", reason: "must be an https:// address")
        }
        return link
    }
}
