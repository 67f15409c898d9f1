import Application
import Domain
import Foundation
import SQLKit

struct OrganizationRow: Codable {
    let id: UUID
    let name: String
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case createdAt = "created_at"
    }

    init(_ organization: Organization) {
        id = organization.id.rawValue
        name = organization.name
        createdAt = organization.createdAt
    }

    var domain: Organization { Organization(id: OrganizationID(id), name: name, createdAt: createdAt) }
}

struct SQLOrganizationRepository: OrganizationRepository {
    let db: any SQLDatabase

    func insert(_ organization: Organization) async throws {
        try await db.insert(into: "organizations").row(OrganizationRow(organization)).run()
    }

    func find(_ id: OrganizationID) async throws -> Organization? {
        try await db.select().columns("*").from("organizations").where("id", .equal, id.rawValue)
            .first(decoding: OrganizationRow.self, with: rowDecoder)?.domain
    }
}
