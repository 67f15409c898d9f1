import Application
import Domain
import Foundation
import SQLKit

struct MandateRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let role: String
    let ownerId: UUID?
    let holderName: String
    let startsOn: String
    let endsOn: String
    let resolutionId: UUID
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, role
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case ownerId = "owner_id"
        case holderName = "holder_name"
        case startsOn = "starts_on"
        case endsOn = "ends_on"
        case resolutionId = "resolution_id"
        case createdAt = "created_at"
    }

    init(_ mandate: Mandate) {
        id = mandate.id.rawValue
        organizationId = mandate.organizationID.rawValue
        buildingId = mandate.buildingID.rawValue
        role = mandate.role.rawValue
        ownerId = mandate.ownerID?.rawValue
        holderName = mandate.holderName
        startsOn = mandate.startsOn.description
        endsOn = mandate.endsOn.description
        resolutionId = mandate.resolutionID.rawValue
        createdAt = mandate.createdAt
    }

    func domain() throws -> Mandate {
        guard let role = Mandate.Role(rawValue: role) else {
            throw CorruptRow(table: "mandates", reason: "role of \(id)")
        }
        return try Mandate(
            id: MandateID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            role: role, ownerID: ownerId.map(OwnerID.init), holderName: holderName,
            startsOn: try CalendarDate(parsing: startsOn), endsOn: try CalendarDate(parsing: endsOn),
            resolutionID: ResolutionID(resolutionId), createdAt: createdAt)
    }
}

struct SQLMandateRepository: MandateRepository {
    let db: any SQLDatabase

    func insert(_ mandate: Mandate) async throws {
        try await db.insert(into: "mandates").model(MandateRow(mandate), nilEncodingStrategy: .asNil).run()
    }

    func mandates(of building: BuildingID) async throws -> [Mandate] {
        try await db.select().columns("*").from("mandates").where("building_id", .equal, building.rawValue)
            .orderBy("starts_on").orderBy("id").all(decoding: MandateRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func syndicMandatesEnding(onOrBefore day: CalendarDate, after today: CalendarDate) async throws -> [Mandate] {
        try await db.select().columns("*").from("mandates").where("role", .equal, Mandate.Role.syndic.rawValue)
            .where("alerted_at", .is, SQLLiteral.null).where("ends_on", .lessThanOrEqual, day.description)
            .where("ends_on", .greaterThan, today.description).where("starts_on", .lessThanOrEqual, today.description)
            .orderBy("ends_on").orderBy("id").all(decoding: MandateRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func markAlerted(_ id: MandateID, at date: Date) async throws {
        try await db.update("mandates").set("alerted_at", to: date).where("id", .equal, id.rawValue).run()
    }
}
