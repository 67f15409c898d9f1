public import Foundation

public typealias NoticeID = Identifier<Notice>

/// A notice on the building's board, written by a resident or the syndic: an announcement, an
/// event (with its date and place), a lost or found item, a classified ad.
public struct Notice: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case announcement, event
        case lostAndFound = "lost_and_found"
        case classifiedAd = "classified_ad"
    }

    public enum Category: String, Sendable, CaseIterable {
        case general, maintenance, social, security, environment, parking, other
    }

    public enum Status: String, Sendable, CaseIterable {
        case draft, published, expired, archived

        static let moves: [Status: Set<Status>] = [
            .draft: [.published],
            .published: [.expired, .archived],
            .expired: [.archived],
        ]
    }

    /// What the author writes, checked together: an event needs its date and place, an expiry is
    /// in the future.
    public struct Content: Sendable, Equatable {
        public let kind: Kind
        public let category: Category
        public let title: String
        public let body: String
        public let eventAt: Date?
        public let eventPlace: String?
        public let expiresAt: Date?

        public init(
            kind: Kind, category: Category, title: String, body: String, eventAt: Date?, eventPlace: String?,
            expiresAt: Date?, now: Date
        ) throws {
            self.kind = kind
            self.category = category
            self.title = try Text.required(title, field: "title", minimum: 5, maximum: 255)
            self.body = try Text.required(body, field: "content", maximum: 10_000)
            let place = try Text.optional(eventPlace, field: "eventPlace", maximum: 255)
            if kind == .event {
                guard eventAt != nil else {
                    throw DomainError.invalidValue(field: "eventDate", reason: "is required for an event")
                }
                guard place != nil else {
                    throw DomainError.invalidValue(field: "eventPlace", reason: "is required for an event")
                }
            }
            self.eventAt = eventAt
            self.eventPlace = place
            if let expiresAt, expiresAt <= now {
                throw DomainError.invalidValue(field: "expiresAt", reason: "must be in the future")
            }
            self.expiresAt = expiresAt
        }

        /// As stored: no check against the clock.
        public init(
            stored kind: Kind, category: Category, title: String, body: String, eventAt: Date?, eventPlace: String?,
            expiresAt: Date?
        ) {
            self.kind = kind
            self.category = category
            self.title = title
            self.body = body
            self.eventAt = eventAt
            self.eventPlace = eventPlace
            self.expiresAt = expiresAt
        }
    }

    public let id: NoticeID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let authorID: UserID
    public private(set) var content: Content
    public private(set) var status: Status
    public private(set) var pinned: Bool
    public private(set) var publishedAt: Date?
    public private(set) var expiredAt: Date?
    public private(set) var archivedAt: Date?
    public let createdAt: Date
    public private(set) var updatedAt: Date

    public init(
        id: NoticeID, organizationID: OrganizationID, buildingID: BuildingID, authorID: UserID, content: Content,
        status: Status = .draft, pinned: Bool = false, publishedAt: Date? = nil, expiredAt: Date? = nil,
        archivedAt: Date? = nil, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.authorID = authorID
        self.content = content
        self.status = status
        self.pinned = pinned
        self.publishedAt = publishedAt
        self.expiredAt = expiredAt
        self.archivedAt = archivedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    private mutating func move(to next: Status, at now: Date) throws {
        guard Status.moves[status]?.contains(next) == true else {
            throw DomainError.illegalTransition(entity: "notice", from: status.rawValue, to: next.rawValue)
        }
        status = next
        updatedAt = now
    }

    /// Only a draft is edited.
    public mutating func edit(_ content: Content, at now: Date) throws {
        guard status == .draft else {
            throw DomainError.illegalTransition(entity: "notice", from: status.rawValue, to: "edited")
        }
        self.content = content
        updatedAt = now
    }

    /// On the board; an expiry that has passed meanwhile must be changed first.
    public mutating func publish(at now: Date) throws {
        if let expiresAt = content.expiresAt, expiresAt <= now {
            throw DomainError.invalidValue(field: "expiresAt", reason: "has passed: change it before publishing")
        }
        try move(to: .published, at: now)
        publishedAt = now
    }

    public mutating func expire(at now: Date) throws {
        try move(to: .expired, at: now)
        expiredAt = now
        pinned = false
    }

    public mutating func archive(at now: Date) throws {
        try move(to: .archived, at: now)
        archivedAt = now
        pinned = false
    }

    /// Kept on top of the board; a published notice only.
    public mutating func pin(_ on: Bool, at now: Date) throws {
        guard status == .published else {
            throw DomainError.illegalTransition(entity: "notice", from: status.rawValue, to: on ? "pinned" : "unpinned")
        }
        pinned = on
        updatedAt = now
    }

    /// A draft or an expired notice may be deleted.
    public var isDeletable: Bool { status == .draft || status == .expired }

    /// Due to expire at that moment.
    public func hasLapsed(at now: Date) -> Bool {
        status == .published && (content.expiresAt.map { $0 <= now } ?? false)
    }
}
