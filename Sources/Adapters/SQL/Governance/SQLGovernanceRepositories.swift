import Application
import Domain
import Foundation
import SQLKit

struct AssemblyRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let kind: String
    let date: String
    let startTime: String
    let place: String?
    let videoLink: String?
    let chair: String?
    let secretary: String?
    let status: String
    let outcome: String?
    let urgentReason: String?
    let secondOf: UUID?
    let convenedOn: String?
    let quorumHeadsPresent: Int?
    let quorumHeadsTotal: Int?
    let quorumSharesPresent: Int?
    let quorumSharesTotal: Int?
    let quorumRule: String?
    let minutesSignedBy: String
    let minutesSignedAt: Date?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, kind, date, place, chair, secretary, status, outcome
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case startTime = "start_time"
        case videoLink = "video_link"
        case urgentReason = "urgent_reason"
        case secondOf = "second_of"
        case convenedOn = "convened_on"
        case quorumHeadsPresent = "quorum_heads_present"
        case quorumHeadsTotal = "quorum_heads_total"
        case quorumSharesPresent = "quorum_shares_present"
        case quorumSharesTotal = "quorum_shares_total"
        case quorumRule = "quorum_rule"
        case minutesSignedBy = "minutes_signed_by"
        case minutesSignedAt = "minutes_signed_at"
        case createdAt = "created_at"
    }

    init(_ assembly: GeneralAssembly) throws {
        id = assembly.id.rawValue
        organizationId = assembly.organizationID.rawValue
        buildingId = assembly.buildingID.rawValue
        kind = assembly.kind.rawValue
        date = assembly.date.description
        startTime = assembly.startTime
        place = assembly.place
        videoLink = assembly.videoLink
        chair = assembly.chair
        secretary = assembly.secretary
        status = assembly.status.rawValue
        outcome = assembly.outcome?.rawValue
        urgentReason = assembly.urgentReason
        secondOf = assembly.secondOf?.rawValue
        convenedOn = assembly.convenedOn?.description
        quorumHeadsPresent = assembly.quorum?.headsPresent
        quorumHeadsTotal = assembly.quorum?.headsTotal
        quorumSharesPresent = assembly.quorum?.sharesPresent
        quorumSharesTotal = assembly.quorum?.sharesTotal
        quorumRule = assembly.quorum?.rule?.rawValue
        minutesSignedBy = String(decoding: try JSONEncoder().encode(assembly.minutesSignedBy), as: UTF8.self)
        minutesSignedAt = assembly.minutesSignedAt
        createdAt = assembly.createdAt
    }

    func domain() throws -> GeneralAssembly {
        func parse<Value: RawRepresentable>(_ raw: String, _ column: String) throws -> Value
        where Value.RawValue == String {
            guard let value = Value(rawValue: raw) else {
                throw CorruptRow(table: "general_assemblies", reason: "\(column) of \(id)")
            }
            return value
        }
        var quorum: QuorumCheck?
        if let quorumHeadsPresent, let quorumHeadsTotal, let quorumSharesPresent, let quorumSharesTotal {
            quorum = QuorumCheck(
                headsPresent: quorumHeadsPresent, headsTotal: quorumHeadsTotal, sharesPresent: quorumSharesPresent,
                sharesTotal: quorumSharesTotal, rule: try quorumRule.map { try parse($0, "quorum_rule") })
        }
        return try GeneralAssembly(
            id: AssemblyID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            kind: try parse(kind, "kind"), date: try CalendarDate(parsing: date), startTime: startTime, place: place,
            videoLink: videoLink, chair: chair, secretary: secretary, status: try parse(status, "status"),
            outcome: try outcome.map { try parse($0, "outcome") }, urgentReason: urgentReason,
            secondOf: secondOf.map(AssemblyID.init), convenedOn: try convenedOn.map { try CalendarDate(parsing: $0) },
            quorum: quorum, minutesSignedBy: try JSONDecoder().decode([String].self, from: Data(minutesSignedBy.utf8)),
            minutesSignedAt: minutesSignedAt, createdAt: createdAt)
    }
}

struct AgendaItemRow: Codable {
    let id: UUID
    let organizationId: UUID
    let assemblyId: UUID
    let position: Int
    let title: String
    let explanation: String?
    let decisionType: String
    let majority: String
    let majorityReason: String?
    let proposedBy: String?
    let budgetId: UUID?
    let fiscalYear: Int?
    let worksAmountMinor: Int64?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, position, title, explanation, majority
        case worksAmountMinor = "works_amount_minor"
        case organizationId = "organization_id"
        case assemblyId = "assembly_id"
        case decisionType = "decision_type"
        case majorityReason = "majority_reason"
        case proposedBy = "proposed_by"
        case budgetId = "budget_id"
        case fiscalYear = "fiscal_year"
        case createdAt = "created_at"
    }

    init(_ item: AgendaItem, organization: OrganizationID) {
        id = item.id.rawValue
        organizationId = organization.rawValue
        assemblyId = item.assemblyID.rawValue
        position = item.position
        title = item.title
        explanation = item.explanation
        decisionType = item.decisionType.rawValue
        majority = item.majority.rawValue
        majorityReason = item.majorityReason
        proposedBy = item.proposedBy
        budgetId = item.budgetID?.rawValue
        fiscalYear = item.fiscalYear
        worksAmountMinor = item.worksAmount?.minorUnits
        createdAt = item.createdAt
    }

    func domain() throws -> AgendaItem {
        guard let type = DecisionType(rawValue: decisionType), let majority = Majority(rawValue: majority) else {
            throw CorruptRow(table: "agenda_items", reason: "decision_type or majority of \(id)")
        }
        return try AgendaItem(
            id: AgendaItemID(id), assemblyID: AssemblyID(assemblyId), position: position, title: title,
            explanation: explanation, decisionType: type, majority: majority, majorityReason: majorityReason,
            proposedBy: proposedBy, budgetID: budgetId.map(BudgetID.init), fiscalYear: fiscalYear,
            worksAmount: worksAmountMinor.map { Money(minorUnits: $0) }, createdAt: createdAt)
    }
}

struct SQLAssemblyRepository: AssemblyRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ assembly: GeneralAssembly) async throws {
        try await db.insert(into: "general_assemblies").model(try AssemblyRow(assembly), nilEncodingStrategy: .asNil)
            .run()
    }

    func find(_ id: AssemblyID) async throws -> GeneralAssembly? {
        try await db.select().columns("*").from("general_assemblies").where("id", .equal, id.rawValue)
            .first(decoding: AssemblyRow.self, with: rowDecoder)?.domain()
    }

    func lock(_ id: AssemblyID) async throws {
        try await db.lockRow(of: "general_assemblies", id: id.rawValue, dialect: dialect)
    }

    func list(of building: BuildingID, page: PageRequest) async throws -> Page<GeneralAssembly> {
        let total = try await db.count(from: "general_assemblies", where: "building_id", equals: building.rawValue)
        let rows = try await db.select().columns("*").from("general_assemblies")
            .where("building_id", .equal, building.rawValue)
            .orderBy("date", .descending).orderBy("created_at", .descending).limit(page.perPage).offset(page.offset)
            .all(decoding: AssemblyRow.self, with: rowDecoder)
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func update(_ assembly: GeneralAssembly) async throws {
        let row = try AssemblyRow(assembly)
        try await db.update("general_assemblies").set("date", to: row.date).set("start_time", to: row.startTime)
            .set("place", to: row.place).set("video_link", to: row.videoLink).set("chair", to: row.chair)
            .set("secretary", to: row.secretary).set("status", to: row.status).set("outcome", to: row.outcome)
            .set("urgent_reason", to: row.urgentReason).set("convened_on", to: row.convenedOn)
            .set("quorum_heads_present", to: row.quorumHeadsPresent)
            .set("quorum_heads_total", to: row.quorumHeadsTotal)
            .set("quorum_shares_present", to: row.quorumSharesPresent)
            .set("quorum_shares_total", to: row.quorumSharesTotal).set("quorum_rule", to: row.quorumRule)
            .set("minutes_signed_by", to: row.minutesSignedBy).set("minutes_signed_at", to: row.minutesSignedAt)
            .where("id", .equal, row.id).run()
    }

    func insert(_ item: AgendaItem) async throws {
        guard let assembly = try await find(item.assemblyID) else {
            throw CorruptRow(table: "agenda_items", reason: "no assembly \(item.assemblyID)")
        }
        try await db.insert(into: "agenda_items")
            .model(AgendaItemRow(item, organization: assembly.organizationID), nilEncodingStrategy: .asNil).run()
    }

    func agendaItem(_ id: AgendaItemID) async throws -> AgendaItem? {
        try await db.select().columns("*").from("agenda_items").where("id", .equal, id.rawValue)
            .first(decoding: AgendaItemRow.self, with: rowDecoder)?.domain()
    }

    func agenda(of assembly: AssemblyID) async throws -> [AgendaItem] {
        try await db.select().columns("*").from("agenda_items").where("assembly_id", .equal, assembly.rawValue)
            .orderBy("position").all(decoding: AgendaItemRow.self, with: rowDecoder).map { try $0.domain() }
    }

    var rolls: SQLRollTable {
        SQLRollTable(db: db, table: "assembly_roll", key: "assembly_id", parent: "general_assemblies")
    }

    func saveRoll(_ roll: AssemblyRoll, names: [OwnerID: String], of assembly: AssemblyID) async throws {
        try await rolls.save(roll, names: names, of: assembly.rawValue)
    }

    func roll(of assembly: AssemblyID) async throws -> AssemblyRoll { try await rolls.roll(of: assembly.rawValue) }

    func voterNames(of assembly: AssemblyID) async throws -> [OwnerID: String] {
        try await rolls.voterNames(of: assembly.rawValue)
    }

    func voters(linkedTo user: UserID, in assembly: AssemblyID) async throws -> [OwnerID] {
        try await rolls.voters(linkedTo: user, in: assembly.rawValue)
    }

    func setAttendance(_ attendance: [OwnerID: Attendance], of assembly: AssemblyID) async throws {
        try await db.delete(from: "assembly_attendance").where("assembly_id", .equal, assembly.rawValue).run()
        for (owner, value) in attendance.sorted(by: { $0.key.rawValue.uuidString < $1.key.rawValue.uuidString }) {
            try await db.raw(
                """
                INSERT INTO assembly_attendance (organization_id, assembly_id, owner_id, attendance)
                SELECT organization_id, id, \(bind: owner.rawValue), \(bind: value.rawValue)
                FROM general_assemblies WHERE id = \(bind: assembly.rawValue)
                """
            ).run()
        }
    }

    func attendance(of assembly: AssemblyID) async throws -> [OwnerID: Attendance] {
        var result: [OwnerID: Attendance] = [:]
        for row in try await db.select().columns("owner_id", "attendance").from("assembly_attendance")
            .where("assembly_id", .equal, assembly.rawValue).all()
        {
            guard let value = Attendance(rawValue: try row.decode(column: "attendance", as: String.self)) else {
                throw CorruptRow(table: "assembly_attendance", reason: "attendance of \(assembly)")
            }
            result[OwnerID(try row.decode(column: "owner_id", as: UUID.self))] = value
        }
        return result
    }

    func insert(_ proxy: Proxy) async throws {
        let holderOwner: UUID? = if case .owner(let owner) = proxy.holder { owner.rawValue } else { nil }
        try await db.raw(
            """
            INSERT INTO assembly_proxies (id, organization_id, assembly_id, principal_owner_id, holder_owner_id,
                holder_name, document_id, created_at)
            SELECT \(bind: proxy.id.rawValue), organization_id, id, \(bind: proxy.principal.rawValue),
                \(bind: holderOwner), \(bind: proxy.holderName), \(bind: proxy.documentID?.rawValue),
                \(bind: proxy.createdAt)
            FROM general_assemblies WHERE id = \(bind: proxy.assemblyID.rawValue)
            """
        ).run()
    }

    func proxies(of assembly: AssemblyID) async throws -> [Proxy] {
        try await db.select().columns("*").from("assembly_proxies").where("assembly_id", .equal, assembly.rawValue)
            .orderBy("created_at").orderBy("id").all().map { row in
                let name = try row.decode(column: "holder_name", as: String.self)
                let holder: ProxyHolder =
                    if let owner = try row.decode(column: "holder_owner_id", as: UUID?.self) {
                        .owner(OwnerID(owner))
                    } else {
                        .person(name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
                    }
                return try Proxy(
                    id: ProxyID(try row.decode(column: "id", as: UUID.self)), assemblyID: assembly,
                    principal: OwnerID(try row.decode(column: "principal_owner_id", as: UUID.self)), holder: holder,
                    holderName: name,
                    documentID: try row.decode(column: "document_id", as: UUID?.self).map(DocumentID.init),
                    createdAt: try row.decode(column: "created_at", as: Date.self))
            }
    }
}

struct ResolutionRow: Codable {
    let id: UUID
    let organizationId: UUID
    let assemblyId: UUID
    let agendaItemId: UUID
    let text: String
    let majority: String
    let excludedJson: String
    let status: String
    let yesVotes, noVotes, abstainVotes, yesHeads, noHeads, abstainHeads: Int?
    let cutsJson: String?
    let excludedWeight: Int?
    let base: Int?
    let adopted: Bool?
    let createdAt: Date
    let closedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, text, majority, status, base, adopted
        case organizationId = "organization_id"
        case assemblyId = "assembly_id"
        case agendaItemId = "agenda_item_id"
        case excludedJson = "excluded_json"
        case yesVotes = "yes_votes"
        case noVotes = "no_votes"
        case abstainVotes = "abstain_votes"
        case yesHeads = "yes_heads"
        case noHeads = "no_heads"
        case abstainHeads = "abstain_heads"
        case cutsJson = "cuts_json"
        case excludedWeight = "excluded_weight"
        case createdAt = "created_at"
        case closedAt = "closed_at"
    }

    init(_ resolution: Resolution) throws {
        id = resolution.id.rawValue
        organizationId = resolution.organizationID.rawValue
        assemblyId = resolution.assemblyID.rawValue
        agendaItemId = resolution.agendaItemID.rawValue
        text = resolution.text
        majority = resolution.majority.rawValue
        excludedJson = String(
            decoding: try JSONEncoder().encode(resolution.excluded.map(\.rawValue.uuidString).sorted()), as: UTF8.self)
        status = resolution.status.rawValue
        let tally = resolution.tally
        yesVotes = tally?.yes
        noVotes = tally?.no
        abstainVotes = tally?.abstain
        yesHeads = tally?.yesHeads
        noHeads = tally?.noHeads
        abstainHeads = tally?.abstainHeads
        cutsJson = try tally.map {
            String(
                decoding: try JSONEncoder().encode(
                    Dictionary(uniqueKeysWithValues: $0.cuts.map { ($0.key.rawValue.uuidString, $0.value) })),
                as: UTF8.self)
        }
        excludedWeight = tally?.excludedWeight
        base = tally?.base
        adopted = tally?.adopted
        createdAt = resolution.createdAt
        closedAt = resolution.closedAt
    }

    func domain() throws -> Resolution {
        guard let majority = Majority(rawValue: majority), let status = Resolution.Status(rawValue: status) else {
            throw CorruptRow(table: "resolutions", reason: "majority or status of \(id)")
        }
        let excluded = try JSONDecoder().decode([String].self, from: Data(excludedJson.utf8))
            .compactMap(UUID.init(uuidString:)).map(OwnerID.init)
        var tally: VoteTally?
        if let yesVotes, let noVotes, let abstainVotes, let yesHeads, let noHeads, let abstainHeads, let cutsJson,
            let excludedWeight, let base, let adopted
        {
            let cuts = try JSONDecoder().decode([String: Int].self, from: Data(cutsJson.utf8))
            tally = VoteTally(
                majority: majority, yes: yesVotes, no: noVotes, abstain: abstainVotes, yesHeads: yesHeads,
                noHeads: noHeads, abstainHeads: abstainHeads,
                cuts: Dictionary(
                    uniqueKeysWithValues: cuts.compactMap { key, value in
                        UUID(uuidString: key).map { (OwnerID($0), value) }
                    }), excludedWeight: excludedWeight, base: base, adopted: adopted)
        }
        return try Resolution(
            id: ResolutionID(id), organizationID: OrganizationID(organizationId), assemblyID: AssemblyID(assemblyId),
            agendaItemID: AgendaItemID(agendaItemId), text: text, majority: majority, excluded: Set(excluded),
            status: status, tally: tally, createdAt: createdAt, closedAt: closedAt)
    }
}

struct SQLResolutionRepository: ResolutionRepository {
    let db: any SQLDatabase

    func insert(_ resolution: Resolution) async throws {
        try await db.insert(into: "resolutions").model(try ResolutionRow(resolution), nilEncodingStrategy: .asNil)
            .run()
    }

    func find(_ id: ResolutionID) async throws -> Resolution? {
        try await db.select().columns("*").from("resolutions").where("id", .equal, id.rawValue)
            .first(decoding: ResolutionRow.self, with: rowDecoder)?.domain()
    }

    func update(_ resolution: Resolution) async throws {
        let row = try ResolutionRow(resolution)
        try await db.update("resolutions").set("status", to: row.status).set("yes_votes", to: row.yesVotes)
            .set("no_votes", to: row.noVotes).set("abstain_votes", to: row.abstainVotes)
            .set("yes_heads", to: row.yesHeads).set("no_heads", to: row.noHeads)
            .set("abstain_heads", to: row.abstainHeads).set("cuts_json", to: row.cutsJson)
            .set("excluded_weight", to: row.excludedWeight).set("base", to: row.base).set("adopted", to: row.adopted)
            .set("closed_at", to: row.closedAt).where("id", .equal, row.id).run()
    }

    func resolutions(of assembly: AssemblyID) async throws -> [Resolution] {
        try await db.raw(
            """
            SELECT r.* FROM resolutions r JOIN agenda_items i ON i.id = r.agenda_item_id
            WHERE r.assembly_id = \(bind: assembly.rawValue) ORDER BY i.position, r.created_at, r.id
            """
        ).all(decoding: ResolutionRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func record(_ vote: Vote) async throws {
        try await db.raw(
            """
            INSERT INTO resolution_votes (organization_id, resolution_id, owner_id, ballot, weight, cast_by, cast_at)
            SELECT organization_id, id, \(bind: vote.voter.rawValue), \(bind: vote.ballot.rawValue),
                \(bind: vote.weight), \(bind: vote.castBy.rawValue), \(bind: vote.castAt)
            FROM resolutions WHERE id = \(bind: vote.resolutionID.rawValue)
            ON CONFLICT (resolution_id, owner_id) DO UPDATE SET ballot = excluded.ballot, weight = excluded.weight,
                cast_by = excluded.cast_by, cast_at = excluded.cast_at
            """
        ).run()
    }

    func votes(on resolution: ResolutionID) async throws -> [Vote] {
        try await db.select().columns("*").from("resolution_votes").where("resolution_id", .equal, resolution.rawValue)
            .orderBy("cast_at").orderBy("owner_id").all().map { row in
                guard let ballot = Ballot(rawValue: try row.decode(column: "ballot", as: String.self)) else {
                    throw CorruptRow(table: "resolution_votes", reason: "ballot on \(resolution)")
                }
                return Vote(
                    resolutionID: resolution, voter: OwnerID(try row.decode(column: "owner_id", as: UUID.self)),
                    ballot: ballot, weight: try row.decode(column: "weight", as: Int.self),
                    castBy: UserID(try row.decode(column: "cast_by", as: UUID.self)),
                    castAt: try row.decode(column: "cast_at", as: Date.self))
            }
    }
}

struct SQLLotRepresentativeRepository: LotRepresentativeRepository {
    let db: any SQLDatabase

    func name(_ owner: OwnerID, for lot: LotID, at date: Date) async throws {
        try await db.raw(
            """
            INSERT INTO lot_representatives (lot_id, organization_id, owner_id, named_at)
            SELECT l.id, b.organization_id, \(bind: owner.rawValue), \(bind: date)
            FROM lots l JOIN buildings b ON b.id = l.building_id WHERE l.id = \(bind: lot.rawValue)
            ON CONFLICT (lot_id) DO UPDATE SET owner_id = excluded.owner_id, named_at = excluded.named_at
            """
        ).run()
    }

    func representatives(in building: BuildingID) async throws -> [LotID: OwnerID] {
        var result: [LotID: OwnerID] = [:]
        for row in try await db.raw(
            """
            SELECT r.lot_id, r.owner_id FROM lot_representatives r JOIN lots l ON l.id = r.lot_id
            WHERE l.building_id = \(bind: building.rawValue)
            """
        ).all() {
            result[LotID(try row.decode(column: "lot_id", as: UUID.self))] = OwnerID(
                try row.decode(column: "owner_id", as: UUID.self))
        }
        return result
    }
}

struct SQLGovernanceSettingsRepository: GovernanceSettingsRepository {
    let db: any SQLDatabase

    func settings(of building: BuildingID) async throws -> GovernanceSettings? {
        guard
            let row = try await db.select().columns("notice_days", "assembly_period_start", "remote_participation")
                .from("governance_settings")
                .where("building_id", .equal, building.rawValue).first()
        else { return nil }
        return try GovernanceSettings(
            noticeDays: try row.decode(column: "notice_days", as: Int.self),
            assemblyPeriodStart: try row.decode(column: "assembly_period_start", as: String?.self).map {
                try MonthDay(parsing: $0)
            }, remoteParticipation: try row.decode(column: "remote_participation", as: Bool.self))
    }

    func save(_ settings: GovernanceSettings, of building: BuildingID) async throws {
        try await db.raw(
            """
            INSERT INTO governance_settings (building_id, organization_id, notice_days, assembly_period_start,
                remote_participation)
            SELECT id, organization_id, \(bind: settings.noticeDays), \(bind: settings.assemblyPeriodStart?.description),
                \(bind: settings.remoteParticipation)
            FROM buildings WHERE id = \(bind: building.rawValue)
            ON CONFLICT (building_id) DO UPDATE SET notice_days = excluded.notice_days,
                assembly_period_start = excluded.assembly_period_start,
                remote_participation = excluded.remote_participation
            """
        ).run()
    }
}
