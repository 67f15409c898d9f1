import Application
import Domain
import Foundation
import SQLKit

struct RequisitionRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let ownerIdsJson: String
    let shares: Int
    let totalShares: Int
    let receivedOn: String
    let dueOn: String
    let assemblyId: UUID?
    let convenedOn: String?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, shares
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case ownerIdsJson = "owner_ids_json"
        case totalShares = "total_shares"
        case receivedOn = "received_on"
        case dueOn = "due_on"
        case assemblyId = "assembly_id"
        case convenedOn = "convened_on"
        case createdAt = "created_at"
    }

    init(_ requisition: AssemblyRequisition) throws {
        id = requisition.id.rawValue
        organizationId = requisition.organizationID.rawValue
        buildingId = requisition.buildingID.rawValue
        ownerIdsJson = String(
            decoding: try JSONEncoder().encode(requisition.owners.map(\.rawValue.uuidString)), as: UTF8.self)
        shares = requisition.shares
        totalShares = requisition.totalShares
        receivedOn = requisition.receivedOn.description
        dueOn = requisition.dueOn.description
        assemblyId = requisition.convenedIn?.rawValue
        convenedOn = requisition.convenedOn?.description
        createdAt = requisition.createdAt
    }

    func domain() throws -> AssemblyRequisition {
        AssemblyRequisition(
            id: RequisitionID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            owners: try JSONDecoder().decode([String].self, from: Data(ownerIdsJson.utf8))
                .compactMap(UUID.init(uuidString:)).map(OwnerID.init),
            shares: shares, totalShares: totalShares, receivedOn: try CalendarDate(parsing: receivedOn),
            dueOn: try CalendarDate(parsing: dueOn), convenedIn: assemblyId.map(AssemblyID.init),
            convenedOn: try convenedOn.map { try CalendarDate(parsing: $0) }, createdAt: createdAt)
    }
}

struct SQLRequisitionRepository: RequisitionRepository {
    let db: any SQLDatabase

    func insert(_ requisition: AssemblyRequisition) async throws {
        try await db.insert(into: "assembly_requisitions").model(
            try RequisitionRow(requisition), nilEncodingStrategy: .asNil
        )
        .run()
    }

    func list(of building: BuildingID, page: PageRequest) async throws -> Page<AssemblyRequisition> {
        let total = try await db.count(from: "assembly_requisitions", where: "building_id", equals: building.rawValue)
        let rows = try await db.select().columns("*").from("assembly_requisitions")
            .where("building_id", .equal, building.rawValue).orderBy("received_on").orderBy("created_at")
            .orderBy("id").limit(page.perPage).offset(page.offset)
            .all(decoding: RequisitionRow.self, with: rowDecoder)
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func pending(in building: BuildingID) async throws -> [AssemblyRequisition] {
        try await db.select().columns("*").from("assembly_requisitions")
            .where("building_id", .equal, building.rawValue).where("assembly_id", .is, SQLLiteral.null)
            .orderBy("received_on").orderBy("id").all(decoding: RequisitionRow.self, with: rowDecoder)
            .map { try $0.domain() }
    }

    func markConvened(_ requisition: AssemblyRequisition) async throws {
        try await db.update("assembly_requisitions").set("assembly_id", to: requisition.convenedIn?.rawValue)
            .set("convened_on", to: requisition.convenedOn?.description)
            .where("id", .equal, requisition.id.rawValue).run()
    }

    func dueUnreminded(onOrBefore day: CalendarDate) async throws -> [AssemblyRequisition] {
        try await db.select().columns("*").from("assembly_requisitions").where("assembly_id", .is, SQLLiteral.null)
            .where("reminded_at", .is, SQLLiteral.null).where("due_on", .lessThanOrEqual, day.description)
            .orderBy("due_on").orderBy("id").all(decoding: RequisitionRow.self, with: rowDecoder)
            .map { try $0.domain() }
    }

    func markReminded(_ id: RequisitionID, at date: Date) async throws {
        try await db.update("assembly_requisitions").set("reminded_at", to: date).where("id", .equal, id.rawValue)
            .run()
    }
}

struct SQLMinutesDistributionRepository: MinutesDistributionRepository {
    let db: any SQLDatabase

    func sentOn(_ assembly: AssemblyID) async throws -> CalendarDate? {
        try await db.select().column("sent_on").from("minutes_distributions")
            .where("assembly_id", .equal, assembly.rawValue).first(decodingColumn: "sent_on", as: String?.self)?
            .map { try CalendarDate(parsing: $0) }
    }

    func markSent(_ assembly: AssemblyID, on day: CalendarDate) async throws {
        try await upsert(assembly, column: "sent_on", value: day.description)
    }

    func awaiting(heldSince day: CalendarDate) async throws -> [GeneralAssembly] {
        try await db.raw(
            """
            SELECT a.* FROM general_assemblies a
            LEFT JOIN minutes_distributions m ON m.assembly_id = a.id
            WHERE a.status IN ('closed', 'minutes_signed') AND a.outcome = 'held' AND a.date >= \(bind: day.description)
                AND m.sent_on IS NULL AND m.reminded_at IS NULL
            ORDER BY a.date, a.id
            """
        ).all(decoding: AssemblyRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func markReminded(_ assembly: AssemblyID, at date: Date) async throws {
        try await upsert(assembly, column: "reminded_at", value: date)
    }

    private func upsert(_ assembly: AssemblyID, column: String, value: some Encodable & Sendable) async throws {
        try await db.raw(
            """
            INSERT INTO minutes_distributions (assembly_id, organization_id, \(ident: column))
            SELECT id, organization_id, \(bind: value) FROM general_assemblies WHERE id = \(bind: assembly.rawValue)
            ON CONFLICT (assembly_id) DO UPDATE SET \(ident: column) = excluded.\(ident: column)
            """
        ).run()
    }
}
