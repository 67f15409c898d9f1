import Application
import Domain
import Foundation
import SQLKit

/// The persons entitled to take part, frozen per assembly or written decision: one row per lot,
/// in `table`, keyed by `key` (a row of `parent`, which names the organization).
struct SQLRollTable {
    let db: any SQLDatabase
    let table: String
    let key: String
    let parent: String

    func save(_ roll: AssemblyRoll, names: [OwnerID: String], of id: UUID) async throws {
        try await db.delete(from: table).where(SQLIdentifier(key), .equal, id).run()
        for lot in roll.lots {
            try await db.raw(
                """
                INSERT INTO \(ident: table) (organization_id, \(ident: key), lot_id, lot_number, tantiemes,
                    voter_owner_id, voter_name)
                SELECT organization_id, id, \(bind: lot.lotID.rawValue), \(bind: lot.number), \(bind: lot.tantiemes),
                    \(bind: lot.voter?.rawValue), \(bind: lot.voter.flatMap { names[$0] })
                FROM \(ident: parent) WHERE id = \(bind: id)
                """
            ).run()
        }
    }

    func roll(of id: UUID) async throws -> AssemblyRoll {
        let rows = try await db.select().columns("lot_id", "lot_number", "tantiemes", "voter_owner_id")
            .from(table).where(SQLIdentifier(key), .equal, id).all()
        return AssemblyRoll(
            lots: try rows.map {
                AssemblyRoll.RollLot(
                    lotID: LotID(try $0.decode(column: "lot_id", as: UUID.self)),
                    number: try $0.decode(column: "lot_number", as: String.self),
                    tantiemes: try $0.decode(column: "tantiemes", as: Int.self),
                    voter: try $0.decode(column: "voter_owner_id", as: UUID?.self).map(OwnerID.init))
            })
    }

    func voterNames(of id: UUID) async throws -> [OwnerID: String] {
        let rows = try await db.select().columns("voter_owner_id", "voter_name").from(table)
            .where(SQLIdentifier(key), .equal, id).where("voter_owner_id", .isNot, SQLLiteral.null).all()
        var names: [OwnerID: String] = [:]
        for row in rows {
            names[OwnerID(try row.decode(column: "voter_owner_id", as: UUID.self))] =
                try row.decode(column: "voter_name", as: String?.self) ?? "?"
        }
        return names
    }

    func voters(linkedTo user: UserID, in id: UUID) async throws -> [OwnerID] {
        try await db.raw(
            """
            SELECT DISTINCT r.voter_owner_id AS voter FROM \(ident: table) r
            JOIN owners o ON o.id = r.voter_owner_id
            WHERE r.\(ident: key) = \(bind: id) AND o.user_id = \(bind: user.rawValue)
            ORDER BY voter
            """
        ).all(decodingColumn: "voter", as: UUID.self).map(OwnerID.init)
    }
}

struct WrittenDecisionRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let title: String
    let text: String
    let dueOn: String
    let status: String
    let createdAt: Date
    let concludedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, title, text, status
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case dueOn = "due_on"
        case createdAt = "created_at"
        case concludedAt = "concluded_at"
    }

    init(_ decision: WrittenDecision) {
        id = decision.id.rawValue
        organizationId = decision.organizationID.rawValue
        buildingId = decision.buildingID.rawValue
        title = decision.title
        text = decision.text
        dueOn = decision.dueOn.description
        status = decision.status.rawValue
        createdAt = decision.createdAt
        concludedAt = decision.concludedAt
    }

    func domain() throws -> WrittenDecision {
        guard let status = WrittenDecision.Status(rawValue: status) else {
            throw CorruptRow(table: "written_decisions", reason: "status of \(id)")
        }
        return try WrittenDecision(
            id: WrittenDecisionID(id), organizationID: OrganizationID(organizationId),
            buildingID: BuildingID(buildingId), title: title, text: text, dueOn: try CalendarDate(parsing: dueOn),
            status: status, createdAt: createdAt, concludedAt: concludedAt)
    }
}

struct SQLWrittenDecisionRepository: WrittenDecisionRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    var rolls: SQLRollTable {
        SQLRollTable(db: db, table: "written_decision_roll", key: "decision_id", parent: "written_decisions")
    }

    func insert(_ decision: WrittenDecision) async throws {
        try await db.insert(into: "written_decisions").model(WrittenDecisionRow(decision), nilEncodingStrategy: .asNil)
            .run()
    }

    func find(_ id: WrittenDecisionID) async throws -> WrittenDecision? {
        try await db.select().columns("*").from("written_decisions").where("id", .equal, id.rawValue)
            .first(decoding: WrittenDecisionRow.self, with: rowDecoder)?.domain()
    }

    func lock(_ id: WrittenDecisionID) async throws {
        try await db.lockRow(of: "written_decisions", id: id.rawValue, dialect: dialect)
    }

    func list(of building: BuildingID, page: PageRequest) async throws -> Page<WrittenDecision> {
        let total = try await db.count(from: "written_decisions", where: "building_id", equals: building.rawValue)
        let rows = try await db.select().columns("*").from("written_decisions")
            .where("building_id", .equal, building.rawValue).orderBy("created_at", .descending)
            .orderBy("id").limit(page.perPage).offset(page.offset)
            .all(decoding: WrittenDecisionRow.self, with: rowDecoder)
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func update(_ decision: WrittenDecision) async throws {
        try await db.update("written_decisions").set("status", to: decision.status.rawValue)
            .set("concluded_at", to: decision.concludedAt).where("id", .equal, decision.id.rawValue).run()
    }

    func saveRoll(_ roll: AssemblyRoll, names: [OwnerID: String], of decision: WrittenDecisionID) async throws {
        try await rolls.save(roll, names: names, of: decision.rawValue)
    }

    func roll(of decision: WrittenDecisionID) async throws -> AssemblyRoll {
        try await rolls.roll(of: decision.rawValue)
    }

    func voterNames(of decision: WrittenDecisionID) async throws -> [OwnerID: String] {
        try await rolls.voterNames(of: decision.rawValue)
    }

    func voters(linkedTo user: UserID, in decision: WrittenDecisionID) async throws -> [OwnerID] {
        try await rolls.voters(linkedTo: user, in: decision.rawValue)
    }

    func insert(_ answer: WrittenAnswer, to decision: WrittenDecisionID) async throws {
        let inserted = try await db.raw(
            """
            INSERT INTO written_decision_answers (organization_id, decision_id, owner_id, agrees, recorded_by,
                recorded_at)
            SELECT organization_id, id, \(bind: answer.owner.rawValue), \(bind: answer.agrees),
                \(bind: answer.recordedBy.rawValue), \(bind: answer.recordedAt)
            FROM written_decisions WHERE id = \(bind: decision.rawValue)
            ON CONFLICT (decision_id, owner_id) DO NOTHING
            RETURNING owner_id
            """
        ).first()
        guard inserted != nil else { throw GovernanceError.alreadyAnswered(answer.owner) }
    }

    func answers(of decision: WrittenDecisionID) async throws -> [WrittenAnswer] {
        try await db.select().columns("*").from("written_decision_answers")
            .where("decision_id", .equal, decision.rawValue).orderBy("recorded_at").orderBy("owner_id").all().map {
                WrittenAnswer(
                    owner: OwnerID(try $0.decode(column: "owner_id", as: UUID.self)),
                    agrees: try $0.decode(column: "agrees", as: Bool.self),
                    recordedBy: UserID(try $0.decode(column: "recorded_by", as: UUID.self)),
                    recordedAt: try $0.decode(column: "recorded_at", as: Date.self))
            }
    }
}

struct RegisterEntryRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let assemblyId: UUID?
    let resolutionId: UUID?
    let writtenDecisionId: UUID?
    let decidedOn: String
    let title: String
    let text: String
    let majority: String
    let adopted: Bool
    let yesVotes, noVotes, abstainVotes, base: Int?
    let recordedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, title, text, majority, adopted, base
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case assemblyId = "assembly_id"
        case resolutionId = "resolution_id"
        case writtenDecisionId = "written_decision_id"
        case decidedOn = "decided_on"
        case yesVotes = "yes_votes"
        case noVotes = "no_votes"
        case abstainVotes = "abstain_votes"
        case recordedAt = "recorded_at"
    }

    init(_ entry: RegisterEntry) {
        id = entry.id.rawValue
        organizationId = entry.organizationID.rawValue
        buildingId = entry.buildingID.rawValue
        switch entry.source {
        case .assembly(let assembly, let resolution):
            (assemblyId, resolutionId, writtenDecisionId) = (assembly.rawValue, resolution.rawValue, nil)
        case .written(let decision):
            (assemblyId, resolutionId, writtenDecisionId) = (nil, nil, decision.rawValue)
        }
        decidedOn = entry.decidedOn.description
        title = entry.title
        text = entry.text
        majority = entry.majority.rawValue
        adopted = entry.adopted
        yesVotes = entry.counts?.yes
        noVotes = entry.counts?.no
        abstainVotes = entry.counts?.abstain
        base = entry.counts?.base
        recordedAt = entry.recordedAt
    }

    func domain() throws -> RegisterEntry {
        let source: RegisterEntry.Source
        if let assemblyId, let resolutionId {
            source = .assembly(AssemblyID(assemblyId), ResolutionID(resolutionId))
        } else if let writtenDecisionId {
            source = .written(WrittenDecisionID(writtenDecisionId))
        } else {
            throw CorruptRow(table: "register_entries", reason: "no source for \(id)")
        }
        guard let majority = Majority(rawValue: majority) else {
            throw CorruptRow(table: "register_entries", reason: "majority of \(id)")
        }
        var counts: RegisterEntry.Counts?
        if let yesVotes, let noVotes, let abstainVotes, let base {
            counts = RegisterEntry.Counts(yes: yesVotes, no: noVotes, abstain: abstainVotes, base: base)
        }
        return RegisterEntry(
            id: RegisterEntryID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            source: source, decidedOn: try CalendarDate(parsing: decidedOn), title: title, text: text,
            majority: majority, adopted: adopted, counts: counts, recordedAt: recordedAt)
    }
}

struct SQLRegisterRepository: RegisterRepository {
    let db: any SQLDatabase

    func append(_ entry: RegisterEntry) async throws {
        try await db.insert(into: "register_entries").model(RegisterEntryRow(entry), nilEncodingStrategy: .asNil).run()
    }

    func list(of building: BuildingID, page: PageRequest) async throws -> Page<RegisterEntry> {
        let total = try await db.count(from: "register_entries", where: "building_id", equals: building.rawValue)
        let rows = try await db.select().columns("*").from("register_entries")
            .where("building_id", .equal, building.rawValue).orderBy("decided_on").orderBy("recorded_at")
            .orderBy("id").limit(page.perPage).offset(page.offset)
            .all(decoding: RegisterEntryRow.self, with: rowDecoder)
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }
}
