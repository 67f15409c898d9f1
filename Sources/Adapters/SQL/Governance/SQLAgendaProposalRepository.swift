import Application
import Domain
import Foundation
import SQLKit

struct AgendaProposalRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let title: String
    let explanation: String?
    let decisionType: String
    let proposedBy: String
    let proposerUserId: UUID
    let receivedOn: String
    let assemblyId: UUID?
    let placedAs: UUID?
    let placedIn: UUID?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, title, explanation
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case decisionType = "decision_type"
        case proposedBy = "proposed_by"
        case proposerUserId = "proposer_user_id"
        case receivedOn = "received_on"
        case assemblyId = "assembly_id"
        case placedAs = "placed_as"
        case placedIn = "placed_in"
        case createdAt = "created_at"
    }

    init(_ proposal: AgendaProposal) {
        id = proposal.id.rawValue
        organizationId = proposal.organizationID.rawValue
        buildingId = proposal.buildingID.rawValue
        title = proposal.title
        explanation = proposal.explanation
        decisionType = proposal.decisionType.rawValue
        proposedBy = proposal.proposedBy
        proposerUserId = proposal.proposerUserID.rawValue
        receivedOn = proposal.receivedOn.description
        assemblyId = proposal.assemblyID?.rawValue
        placedAs = proposal.placedAs?.rawValue
        placedIn = proposal.placedIn?.rawValue
        createdAt = proposal.createdAt
    }

    func domain() throws -> AgendaProposal {
        guard let type = DecisionType(rawValue: decisionType) else {
            throw CorruptRow(table: "agenda_proposals", reason: "decision_type of \(id)")
        }
        return try AgendaProposal(
            id: AgendaProposalID(id), organizationID: OrganizationID(organizationId),
            buildingID: BuildingID(buildingId), title: title, explanation: explanation, decisionType: type,
            proposedBy: proposedBy, proposerUserID: UserID(proposerUserId),
            receivedOn: try CalendarDate(parsing: receivedOn), assemblyID: assemblyId.map(AssemblyID.init),
            placedAs: placedAs.map(AgendaItemID.init), placedIn: placedIn.map(AssemblyID.init), createdAt: createdAt)
    }
}

struct SQLAgendaProposalRepository: AgendaProposalRepository {
    let db: any SQLDatabase

    func insert(_ proposal: AgendaProposal) async throws {
        try await db.insert(into: "agenda_proposals").model(AgendaProposalRow(proposal), nilEncodingStrategy: .asNil)
            .run()
    }

    func list(of building: BuildingID, page: PageRequest) async throws -> Page<AgendaProposal> {
        let total = try await db.count(from: "agenda_proposals", where: "building_id", equals: building.rawValue)
        let rows = try await db.select().columns("*").from("agenda_proposals")
            .where("building_id", .equal, building.rawValue).orderBy("received_on").orderBy("created_at")
            .orderBy("id").limit(page.perPage).offset(page.offset)
            .all(decoding: AgendaProposalRow.self, with: rowDecoder)
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func pending(in building: BuildingID) async throws -> [AgendaProposal] {
        try await db.select().columns("*").from("agenda_proposals").where("building_id", .equal, building.rawValue)
            .where("placed_as", .is, SQLLiteral.null).orderBy("received_on").orderBy("created_at").orderBy("id")
            .all(decoding: AgendaProposalRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func markPlaced(_ proposal: AgendaProposal) async throws {
        try await db.update("agenda_proposals").set("placed_as", to: proposal.placedAs?.rawValue)
            .set("placed_in", to: proposal.placedIn?.rawValue).where("id", .equal, proposal.id.rawValue).run()
    }
}
