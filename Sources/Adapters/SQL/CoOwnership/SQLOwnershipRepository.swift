import Application
import Domain
import Foundation
import SQLKit

struct OwnershipRow: Codable {
    let id: UUID
    let lotId: UUID
    let ownerId: UUID
    let shareMillionths: Int64
    /// `YYYY-MM-DD` text: sorts and compares correctly on both databases.
    let startDate: String
    let endDate: String?

    enum CodingKeys: String, CodingKey {
        case id
        case lotId = "lot_id"
        case ownerId = "owner_id"
        case shareMillionths = "share_millionths"
        case startDate = "start_date"
        case endDate = "end_date"
    }
}

extension OwnershipRow {
    init(_ ownership: Ownership) {
        self.init(
            id: ownership.id.rawValue, lotId: ownership.lotID.rawValue, ownerId: ownership.ownerID.rawValue,
            shareMillionths: ownership.share.millionths, startDate: ownership.startDate.description,
            endDate: ownership.endDate?.description)
    }

    func domain() throws -> Ownership {
        try Ownership(
            id: OwnershipID(id), lotID: LotID(lotId), ownerID: OwnerID(ownerId),
            share: try Share(validating: shareMillionths), startDate: try CalendarDate(parsing: startDate),
            endDate: try endDate.map { try CalendarDate(parsing: $0) })
    }
}

struct SQLOwnershipRepository: OwnershipRepository {
    let db: any SQLDatabase

    func insert(_ ownership: Ownership) async throws {
        try await db.insert(into: "ownerships").row(OwnershipRow(ownership)).run()
    }

    func insertAll(_ ownerships: [Ownership]) async throws {
        try await db.insertInChunks(into: "ownerships", ownerships.map(OwnershipRow.init))
    }

    func history(of lot: LotID) async throws -> [Ownership] {
        try await db.select().columns("*").from("ownerships").where("lot_id", .equal, lot.rawValue)
            .orderBy("start_date").orderBy("id")
            .all(decoding: OwnershipRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func all(in building: BuildingID) async throws -> [Ownership] {
        try await inBuilding(building).all(decoding: OwnershipRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func open(in building: BuildingID) async throws -> [Ownership] {
        try await inBuilding(building).where(SQLColumn("end_date", table: "ownerships"), .is, SQLLiteral.null)
            .all(decoding: OwnershipRow.self, with: rowDecoder).map { try $0.domain() }
    }

    private func inBuilding(_ building: BuildingID) -> SQLSelectBuilder {
        db.select().columns(SQLColumn(SQLLiteral.all, table: SQLIdentifier("ownerships")))
            .from("ownerships")
            .join("lots", on: SQLColumn("id", table: "lots"), .equal, SQLColumn("lot_id", table: "ownerships"))
            .where(SQLColumn("building_id", table: "lots"), .equal, SQLBind(building.rawValue))
            .orderBy(SQLColumn("start_date", table: "ownerships")).orderBy(SQLColumn("id", table: "ownerships"))
    }

    func end(_ ownership: Ownership) async throws {
        try await db.update("ownerships")
            .set("end_date", to: ownership.endDate?.description)
            .where("id", .equal, ownership.id.rawValue)
            .run()
    }
}
