import Application
import Domain
import Foundation
import SQLKit

struct LotRow: Codable {
    let id: UUID
    let buildingId: UUID
    let number: String
    let kind: String
    let floor: Int?
    let surfaceHundredths: Int?
    let tantiemes: Int
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, number, kind, floor, tantiemes
        case buildingId = "building_id"
        case surfaceHundredths = "surface_hundredths"
        case createdAt = "created_at"
    }
}

extension LotRow {
    init(_ lot: Lot) {
        self.init(
            id: lot.id.rawValue, buildingId: lot.buildingID.rawValue, number: lot.number, kind: lot.kind.rawValue,
            floor: lot.floor, surfaceHundredths: lot.surfaceHundredths, tantiemes: lot.tantiemes,
            createdAt: lot.createdAt)
    }

    func domain() throws -> Lot {
        guard let kind = Lot.Kind(rawValue: kind) else {
            throw CorruptRow(table: "lots", reason: "unknown kind \(kind)")
        }
        return try Lot(
            id: LotID(id), buildingID: BuildingID(buildingId), number: number, kind: kind, floor: floor,
            surfaceHundredths: surfaceHundredths, tantiemes: tantiemes, createdAt: createdAt)
    }
}

struct SQLLotRepository: LotRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ lot: Lot) async throws {
        do {
            try await db.insert(into: "lots").row(LotRow(lot)).run()
        } catch  where dialect.isUniqueViolation(error) {
            throw CoOwnershipError.lotNumberTaken(lot.number)
        }
    }

    func insertAll(_ lots: [Lot]) async throws {
        try await db.insertInChunks(into: "lots", lots.map(LotRow.init))
    }

    func find(_ id: LotID) async throws -> Lot? {
        try await db.select().columns("*").from("lots").where("id", .equal, id.rawValue)
            .first(decoding: LotRow.self, with: rowDecoder)?.domain()
    }

    func lots(of building: BuildingID) async throws -> [Lot] {
        try await db.select().columns("*").from("lots").where("building_id", .equal, building.rawValue)
            .orderBy("number")
            .all(decoding: LotRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func list(of building: BuildingID, page: PageRequest) async throws -> Page<Lot> {
        let total = try await db.count(from: "lots", where: "building_id", equals: building.rawValue)
        let rows = try await db.select().columns("*").from("lots").where("building_id", .equal, building.rawValue)
            .orderBy("number").limit(page.perPage).offset(page.offset)
            .all(decoding: LotRow.self, with: rowDecoder)
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func update(_ lot: Lot) async throws {
        do {
            try await db.update("lots")
                .set("number", to: lot.number).set("kind", to: lot.kind.rawValue).set("floor", to: lot.floor)
                .set("surface_hundredths", to: lot.surfaceHundredths).set("tantiemes", to: lot.tantiemes)
                .where("id", .equal, lot.id.rawValue)
                .run()
        } catch  where dialect.isUniqueViolation(error) {
            throw CoOwnershipError.lotNumberTaken(lot.number)
        }
    }
}
