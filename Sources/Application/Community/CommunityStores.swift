public import Domain
public import Foundation

public protocol OccupancyRepository: Sendable {
    func insert(_ occupancy: Occupancy) async throws
    func find(_ id: OccupancyID) async throws -> Occupancy?
    /// Stores the end date.
    func update(_ occupancy: Occupancy) async throws
    /// The lot's occupants, current and past, newest first.
    func list(of lot: LotID) async throws -> [Occupancy]
    /// The user's links in the building that are not ended (the caller checks the day).
    func open(of user: UserID, in building: BuildingID) async throws -> [Occupancy]
}

public struct PollFilter: Sendable {
    public var status: Poll.Status?
    /// Drafts are listed only when this is true (their creator, or the building's managers).
    public var includeDraftsOf: UserID?
    public var allDrafts: Bool

    public init(status: Poll.Status? = nil, includeDraftsOf: UserID? = nil, allDrafts: Bool = false) {
        self.status = status
        self.includeDraftsOf = includeDraftsOf
        self.allDrafts = allDrafts
    }
}

public protocol PollRepository: Sendable {
    /// The poll with its options.
    func insert(_ poll: Poll) async throws
    func find(_ id: PollID) async throws -> Poll?
    /// Stores the status, the eligible voters and the dates.
    func update(_ poll: Poll) async throws
    /// The building's polls, newest first.
    func list(in building: BuildingID, filter: PollFilter, page: PageRequest) async throws -> Page<Poll>
    /// Every poll of the building: its status, and for a closed one its ballots and voters.
    func summaries(in building: BuildingID) async throws -> [(status: Poll.Status, ballots: Int, eligible: Int)]
    /// Freezes the poll's voters (at publication).
    func addVoters(_ owners: [OwnerID], to poll: Poll) async throws
    /// Of the owners given, those who may answer the poll, with when they voted.
    func voters(of poll: PollID, among owners: [OwnerID]) async throws -> [(owner: OwnerID, votedAt: Date?)]
    /// Marks the owner as having voted; false when they had already (so two requests never both count).
    func markVoted(_ owner: OwnerID, in poll: PollID, at: Date) async throws -> Bool
    func insertBallot(_ ballot: PollBallot, organization: OrganizationID) async throws
    func ballots(of poll: PollID) async throws -> [PollBallot]
    /// How many ballots each poll has (polls without any are left out), in one statement.
    func ballotCounts(of polls: [PollID]) async throws -> [PollID: Int]
    /// Of these polls, those in which one of the owners has voted, in one statement.
    func voted(in polls: [PollID], among owners: [OwnerID]) async throws -> Set<PollID>
    /// Every organization's active polls whose end has come.
    func ended(at: Date) async throws -> [Poll]
}

public struct NoticeFilter: Sendable {
    public var status: Notice.Status?
    public var kind: Notice.Kind?
    public var category: Notice.Category?
    public var pinned: Bool?
    /// Published (and expired or archived, when asked by status) notices, plus this user's own drafts;
    /// nil: every notice (the building's managers).
    public var viewer: UserID?

    public init(
        status: Notice.Status? = nil, kind: Notice.Kind? = nil, category: Notice.Category? = nil,
        pinned: Bool? = nil, viewer: UserID? = nil
    ) {
        self.status = status
        self.kind = kind
        self.category = category
        self.pinned = pinned
        self.viewer = viewer
    }
}

public protocol NoticeRepository: Sendable {
    func insert(_ notice: Notice) async throws
    func find(_ id: NoticeID) async throws -> Notice?
    /// Stores the content, the status, the pin and the dates.
    func update(_ notice: Notice) async throws
    func delete(_ id: NoticeID) async throws
    /// Pinned first, then the newest.
    func list(in building: BuildingID, filter: NoticeFilter, page: PageRequest) async throws -> Page<Notice>
    /// Every organization's published notices whose expiry has come.
    func lapsed(at: Date) async throws -> [Notice]
    /// Every published notice (to rebuild the search index).
    func published() async throws -> [Notice]
}

public struct SkillFilter: Sendable {
    public var category: Skill.Category?
    /// This level or above.
    public var level: Skill.Level?
    /// Free (true) or paid in credits (false).
    public var free: Bool?
    public var available: Bool?

    public init(category: Skill.Category? = nil, level: Skill.Level? = nil, free: Bool? = nil, available: Bool? = nil) {
        self.category = category
        self.level = level
        self.free = free
        self.available = available
    }
}

public protocol SkillRepository: Sendable {
    func insert(_ skill: Skill) async throws
    func find(_ id: SkillID) async throws -> Skill?
    /// Stores the details.
    func update(_ skill: Skill) async throws
    func delete(_ id: SkillID) async throws
    /// By name, then id.
    func list(in building: BuildingID, filter: SkillFilter, page: PageRequest) async throws -> Page<Skill>
}

public struct SharedObjectFilter: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case available, borrowed, overdue
    }

    public var status: Status?
    public var category: SharedObject.Category?
    /// The building's day, for `overdue`.
    public var today: CalendarDate

    public init(status: Status? = nil, category: SharedObject.Category? = nil, today: CalendarDate) {
        self.status = status
        self.category = category
        self.today = today
    }
}

public protocol SharedObjectRepository: Sendable {
    func insert(_ object: SharedObject) async throws
    func find(_ id: SharedObjectID) async throws -> SharedObject?
    /// Stores the details and the loan under way.
    func update(_ object: SharedObject) async throws
    func delete(_ id: SharedObjectID) async throws
    /// Holds the object until the transaction ends (a row lock on PostgreSQL).
    func lock(_ id: SharedObjectID) async throws
    /// By name, then id.
    func list(in building: BuildingID, filter: SharedObjectFilter, page: PageRequest) async throws
        -> Page<SharedObject>
}

public protocol ObjectLoanRepository: Sendable {
    /// Throws `CommunityError.objectUnavailable` when the object is out already.
    func insert(_ loan: ObjectLoan) async throws
    func find(_ id: ObjectLoanID) async throws -> ObjectLoan?
    /// Stores the return, the rental and the reminder.
    func update(_ loan: ObjectLoan) async throws
    /// The objects the user holds in the building now.
    func open(of borrower: UserID, in building: BuildingID) async throws -> [ObjectLoan]
    /// Every organization's loans not returned whose last day is before `day` and which were
    /// not reminded on `day` (each building's own day is checked by the caller).
    func overdue(before day: CalendarDate) async throws -> [ObjectLoan]
}

public protocol CreditLedgerRepository: Sendable {
    /// Writes the transfer and its legs.
    func record(_ transfer: CreditTransfer) async throws
    /// The account's balance in the building (0 without movement).
    func balance(of account: CreditTransfer.Account, in building: BuildingID) async throws -> Int
    /// The transfers that moved the account, newest first, with the account's leg.
    func history(of account: CreditTransfer.Account, in building: BuildingID, page: PageRequest) async throws
        -> Page<(transfer: CreditTransfer, credits: Int)>
}

public protocol CommunitySettingsRepository: Sendable {
    func settings(of building: BuildingID) async throws -> CommunitySettings?
    func save(_ settings: CommunitySettings, of building: Building, at: Date) async throws
}

public protocol ResourceRepository: Sendable {
    func insert(_ resource: Resource) async throws
    func find(_ id: ResourceID) async throws -> Resource?
    /// Stores the name, kind, description and policy.
    func update(_ resource: Resource) async throws
    /// Holds the resource until the transaction ends (a row lock on PostgreSQL).
    func lock(_ id: ResourceID) async throws
    /// By name, then id.
    func list(in building: BuildingID) async throws -> [Resource]
}

/// Two bookings holding a slot of one resource overlap: the database refused the second.
public struct BookingOverlap: Error {
    public init() {}
}

public protocol BookingRepository: Sendable {
    /// Throws `BookingOverlap` when the database itself refuses an overlap (PostgreSQL).
    func insert(_ booking: Booking) async throws
    func find(_ id: BookingID) async throws -> Booking?
    /// Stores the status.
    func update(_ booking: Booking) async throws
    /// The resource's bookings holding a slot that overlap `interval`, by start.
    func overlapping(_ resource: ResourceID, _ interval: Range<Date>) async throws -> [Booking]
    /// The resource's bookings of any status that overlap `interval`, by start.
    func list(of resource: ResourceID, during interval: Range<Date>) async throws -> [Booking]
    /// The user's bookings, the latest start first.
    func mine(_ user: UserID, in organization: OrganizationID, page: PageRequest) async throws -> Page<Booking>
    /// How many bookings of the resource the user holds that are not over at `now`.
    func activeCount(of user: UserID, on resource: ResourceID, at now: Date) async throws -> Int
    /// The starts of the user's no-shows in the building since `since`.
    func noShows(of user: UserID, in building: BuildingID, since: Date) async throws -> [Date]
    /// Every organization's bookings the job may have to settle at `now`: pending or confirmed
    /// that have started, checked in that have ended.
    func unsettled(at now: Date) async throws -> [Booking]
}

/// The community module's stores.
public protocol CommunityStores:
    UsesResources,
    UsesBookings,
    UsesSharedObjects,
    UsesObjectLoans,
    UsesCredits,
    UsesCommunitySettings,
    UsesOccupancies,
    UsesPolls,
    UsesNotices,
    UsesSkills,
    UsesSkillSessions
{}

/// A use case that reads or writes `resources`.
public protocol UsesResources: Sendable { var resources: any ResourceRepository { get } }

/// A use case that reads or writes `bookings`.
public protocol UsesBookings: Sendable { var bookings: any BookingRepository { get } }

/// A use case that reads or writes `sharedObjects`.
public protocol UsesSharedObjects: Sendable { var sharedObjects: any SharedObjectRepository { get } }

/// A use case that reads or writes `objectLoans`.
public protocol UsesObjectLoans: Sendable { var objectLoans: any ObjectLoanRepository { get } }

/// A use case that reads or writes `credits`.
public protocol UsesCredits: Sendable { var credits: any CreditLedgerRepository { get } }

/// A use case that reads or writes `communitySettings`.
public protocol UsesCommunitySettings: Sendable { var communitySettings: any CommunitySettingsRepository { get } }

/// A use case that reads or writes `occupancies`.
public protocol UsesOccupancies: Sendable { var occupancies: any OccupancyRepository { get } }

/// A use case that reads or writes `polls`.
public protocol UsesPolls: Sendable { var polls: any PollRepository { get } }

/// A use case that reads or writes `notices`.
public protocol UsesNotices: Sendable { var notices: any NoticeRepository { get } }

/// A use case that reads or writes `skills`.
public protocol UsesSkills: Sendable { var skills: any SkillRepository { get } }

/// A use case that reads or writes `skillSessions`.
public protocol UsesSkillSessions: Sendable { var skillSessions: any SkillSessionRepository { get } }
