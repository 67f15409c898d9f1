public import Domain
public import Foundation

/// A notice as its author sends it; on an update, only the fields sent change.
public struct NoticeInput: Sendable {
    public var type: String?
    public var category: String?
    public var title: String?
    public var content: String?
    public var eventDate: Date?
    public var eventPlace: String?
    public var expiresAt: Date?

    public init(
        type: String? = nil, category: String? = nil, title: String? = nil, content: String? = nil,
        eventDate: Date? = nil, eventPlace: String? = nil, expiresAt: Date? = nil
    ) {
        self.type = type
        self.category = category
        self.title = title
        self.content = content
        self.eventDate = eventDate
        self.eventPlace = eventPlace
        self.expiresAt = expiresAt
    }
}

/// The building's notice board: residents and the syndic write notices; a published one is
/// shown to the building's residents, found by the search, and announced to its owners (by
/// notification, mailed as each chooses). Only the author edits (a draft); the syndic pins.
public struct NoticeService: Sendable, UseCaseSupport, CommunityUseCase {
    public static let expiryJob = "community-notices"
    public static let searchSource = "notice"

    public static let notificationTypes = [
        NotificationType("community.notice_published", "a notice is published on the building's board")
    ]

    let context: CommunityContext

    /// A notice the caller may see: published, expired or archived ones for the building's
    /// residents, drafts for their author (and the managers).
    private func visibleNotice(
        _ id: NoticeID, _ principal: Principal,
        _ repos: any UsesBuildings & UsesNotices & UsesOccupancies & UsesOwners & UsesOwnerships
    ) async throws
        -> (Notice, Building, Resident)
    {
        try AccessPolicy.require(.useCommunity, by: principal)
        let notice = try TenantScope.visible(
            try await repos.notices.find(id), in: \.organizationID, principal, entity: "notice", id: id.description)
        let (building, resident) = try await residents.resident(of: notice.buildingID, principal, repos)
        if notice.status == .draft, !resident.isManager, notice.authorID != principal.userID {
            throw ApplicationError.notFound(entity: "notice", id: id.description)
        }
        return (notice, building, resident)
    }

    private func authored(
        _ id: NoticeID, _ principal: Principal,
        _ repos: any UsesBuildings & UsesNotices & UsesOccupancies & UsesOwners & UsesOwnerships
    ) async throws
        -> (Notice, Building, Resident)
    {
        let found = try await visibleNotice(id, principal, repos)
        guard found.0.authorID == principal.userID else { throw CommunityError.notYours("the notice's author") }
        return found
    }

    private func content(_ input: NoticeInput, over current: Notice.Content?) throws -> Notice.Content {
        try Notice.Content(
            kind: try Self.parse(input.type, Notice.Kind.self, field: "type") ?? current?.kind
                ?? Self.parseRequired(nil, Notice.Kind.self, field: "type"),
            category: try Self.parse(input.category, Notice.Category.self, field: "category") ?? current?.category
                ?? .general,
            title: input.title ?? current?.title ?? "", body: input.content ?? current?.body ?? "",
            eventAt: input.eventDate ?? current?.eventAt, eventPlace: input.eventPlace ?? current?.eventPlace,
            expiresAt: input.expiresAt ?? current?.expiresAt, now: clock.now())
    }

    public func create(_ input: NoticeInput, in buildingID: BuildingID, as principal: Principal) async throws
        -> Notice
    {
        try await persistence.write {
            (repos: any UsesAudit & UsesBuildings & UsesNotices & UsesOccupancies & UsesOwners & UsesOwnerships) in
            _ = try await residents.resident(of: buildingID, principal, repos)
            let notice = Notice(
                id: NoticeID(ids.make()), organizationID: principal.organizationID, buildingID: buildingID,
                authorID: principal.userID, content: try content(input, over: nil), createdAt: clock.now())
            try await repos.notices.insert(notice)
            try await audit("notice.created", notice, principal, repos)
            return notice
        }
    }

    public func notice(_ id: NoticeID, as principal: Principal) async throws -> Notice {
        try await persistence.read {
            (repos: any UsesBuildings & UsesNotices & UsesOccupancies & UsesOwners & UsesOwnerships) in
            try await visibleNotice(id, principal, repos).0
        }
    }

    /// Pinned first, then the newest; residents see what is published (and their own drafts),
    /// the managers everything.
    public func list(
        in buildingID: BuildingID, status: String?, type: String?, category: String?, pinned: Bool?,
        page: PageRequest, as principal: Principal
    ) async throws -> Page<Notice> {
        try await persistence.read {
            (repos: any UsesBuildings & UsesNotices & UsesOccupancies & UsesOwners & UsesOwnerships) in
            let (_, resident) = try await residents.resident(of: buildingID, principal, repos)
            let filter = NoticeFilter(
                status: try Self.parse(status, Notice.Status.self, field: "status"),
                kind: try Self.parse(type, Notice.Kind.self, field: "type"),
                category: try Self.parse(category, Notice.Category.self, field: "category"), pinned: pinned,
                viewer: resident.isManager ? nil : principal.userID)
            return try await repos.notices.list(in: buildingID, filter: filter, page: page)
        }
    }

    /// The author changes their draft.
    public func update(_ id: NoticeID, _ input: NoticeInput, as principal: Principal) async throws -> Notice {
        try await persistence.write {
            (repos: any UsesAudit & UsesBuildings & UsesNotices & UsesOccupancies & UsesOwners & UsesOwnerships) in
            var (notice, _, _) = try await authored(id, principal, repos)
            try notice.edit(try content(input, over: notice.content), at: clock.now())
            try await repos.notices.update(notice)
            try await audit("notice.updated", notice, principal, repos)
            return notice
        }
    }

    /// The author deletes their draft or expired notice.
    public func delete(_ id: NoticeID, as principal: Principal) async throws {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesNotices & UsesOccupancies & UsesOwners & UsesOwnerships
                    & UsesSearchIndex
            ) in
            let (notice, _, _) = try await authored(id, principal, repos)
            guard notice.isDeletable else {
                throw DomainError.illegalTransition(entity: "notice", from: notice.status.rawValue, to: "deleted")
            }
            try await repos.notices.delete(notice.id)
            try await repos.searchIndex.remove(source: Self.searchSource, id: notice.id.rawValue)
            try await audit("notice.deleted", notice, principal, repos)
        }
    }

    /// The author (or the syndic, moderating) publishes: the notice is on the board and in the
    /// search, and the building's owners are told.
    public func publish(_ id: NoticeID, as principal: Principal) async throws -> Notice {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesNotices & UsesNotifications & UsesOccupancies & UsesOwners
                    & UsesOwnerships & UsesSearchIndex
            ) in
            var (notice, building, resident) = try await visibleNotice(id, principal, repos)
            guard notice.authorID == principal.userID || resident.isManager else {
                throw CommunityError.notYours("the notice's author or the syndic")
            }
            try notice.publish(at: clock.now())
            try await repos.notices.update(notice)
            try await repos.searchIndex.upsert(Self.entry(notice))
            try await audit("notice.published", notice, principal, repos)
            var users = try await residents.ownerUsers(of: building, repos)
            users.remove(principal.userID)
            try await trail.notify(
                users, in: notice.organizationID, kind: "community.notice_published",
                title: "\(building.name) : \(notice.content.title)",
                body: String(notice.content.body.prefix(500)), entity: "notice", id: notice.id.description, repos)
            return notice
        }
    }

    /// The author or the syndic takes a published notice off the board before its expiry.
    public func expire(_ id: NoticeID, as principal: Principal) async throws -> Notice {
        try await change(id, principal, action: "notice.expired", managersToo: true) { notice, now in
            try notice.expire(at: now)
        }
    }

    public func archive(_ id: NoticeID, as principal: Principal) async throws -> Notice {
        try await change(id, principal, action: "notice.archived", managersToo: true) { notice, now in
            try notice.archive(at: now)
        }
    }

    /// The syndic (the building's managers) pins or unpins a published notice.
    public func pin(_ id: NoticeID, _ on: Bool, as principal: Principal) async throws -> Notice {
        try AccessPolicy.require(.manageCommunity, by: principal)
        return try await change(id, principal, action: on ? "notice.pinned" : "notice.unpinned", managersToo: true) {
            notice, now in try notice.pin(on, at: now)
        }
    }

    private func change(
        _ id: NoticeID, _ principal: Principal, action: String, managersToo: Bool,
        _ body: @Sendable (inout Notice, Date) throws -> Void
    ) async throws -> Notice {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesNotices & UsesOccupancies & UsesOwners & UsesOwnerships
                    & UsesSearchIndex
            ) in
            var (notice, _, resident) = try await visibleNotice(id, principal, repos)
            guard notice.authorID == principal.userID || (managersToo && resident.isManager) else {
                throw CommunityError.notYours("the notice's author or the syndic")
            }
            try body(&notice, clock.now())
            try await repos.notices.update(notice)
            if notice.status != .published {
                try await repos.searchIndex.remove(source: Self.searchSource, id: notice.id.rawValue)
            }
            try await audit(action, notice, principal, repos)
            return notice
        }
    }

    /// Expires every published notice whose expiry has come.
    public func runExpiryJob() async throws -> JobReport {
        let now = clock.now()
        let expired = try await persistence.write { (repos: any UsesAudit & UsesNotices & UsesSearchIndex) in
            var count = 0
            for var notice in try await repos.notices.lapsed(at: now) {
                try notice.expire(at: now)
                try await repos.notices.update(notice)
                try await repos.searchIndex.remove(source: Self.searchSource, id: notice.id.rawValue)
                try await trail.record(
                    "notice.expired", entity: "notice", id: notice.id.description,
                    payload: ["building": notice.buildingID.description, "by": "job"], by: nil,
                    organization: notice.organizationID, repos)
                count += 1
            }
            return count
        }
        return JobReport(job: Self.expiryJob, ran: true, created: expired, skipped: 0, notified: 0)
    }

    static func entry(_ notice: Notice) -> SearchEntry {
        SearchEntry(
            organizationID: notice.organizationID, source: searchSource, sourceID: notice.id.rawValue,
            title: notice.content.title, body: notice.content.body,
            tags: [notice.content.kind.rawValue, notice.content.category.rawValue], kind: notice.content.kind.rawValue,
            link: EntityLink(type: "building", id: notice.buildingID.rawValue), updatedAt: notice.updatedAt)
    }

    /// Published notices in the search: each found by whoever may read it.
    public var searchSources: [SearchSource] {
        [
            SearchSource(
                name: Self.searchSource,
                visible: { entry, principal in
                    (try? await notice(NoticeID(entry.sourceID), as: principal)) != nil
                },
                reindex: {
                    try await persistence.write { (repos: any UsesNotices & UsesSearchIndex) in
                        let notices = try await repos.notices.published()
                        for notice in notices { try await repos.searchIndex.upsert(Self.entry(notice)) }
                        return notices.count
                    }
                })
        ]
    }

    private func audit(_ action: String, _ notice: Notice, _ principal: Principal, _ repos: any UsesAudit)
        async throws
    {
        try await trail.record(
            action, entity: "notice", id: notice.id.description,
            payload: ["building": notice.buildingID.description], by: principal, organization: notice.organizationID,
            repos)
    }
}
