import Application
import Domain
import Foundation
import SQLKit

struct OwnerRow: Codable {
    let id: UUID
    let organizationId: UUID
    let kind: String
    let name: String
    let email: String?
    let phone: String?
    let address: String?
    let userId: UUID?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, kind, name, email, phone, address
        case organizationId = "organization_id"
        case userId = "user_id"
        case createdAt = "created_at"
    }
}

extension OwnerRow {
    init(_ owner: Owner) {
        self.init(
            id: owner.id.rawValue, organizationId: owner.organizationID.rawValue, kind: owner.kind.rawValue,
            name: owner.name, email: owner.email?.value, phone: owner.phone, address: owner.address,
            userId: owner.userID?.rawValue, createdAt: owner.createdAt)
    }

    func domain() throws -> Owner {
        guard let kind = Owner.Kind(rawValue: kind) else {
            throw CorruptRow(table: "owners", reason: "unknown kind \(kind)")
        }
        return try Owner(
            id: OwnerID(id), organizationID: OrganizationID(organizationId), kind: kind, name: name,
            email: try email.map { try Email(stored: $0) }, phone: phone, address: address,
            userID: userId.map(UserID.init),
            createdAt: createdAt)
    }
}

struct SQLOwnerRepository: OwnerRepository {
    let db: any SQLDatabase

    func insert(_ owner: Owner) async throws {
        try await db.insert(into: "owners").row(OwnerRow(owner)).run()
    }

    func insertAll(_ owners: [Owner]) async throws {
        try await db.insertInChunks(into: "owners", owners.map(OwnerRow.init))
    }

    func find(emails: [Email], in organization: OrganizationID) async throws -> [Email: Owner] {
        var found: [Email: Owner] = [:]
        for chunk in Array(Set(emails)).chunks(of: 500) {
            let owners = try await db.select().columns("*").from("owners")
                .where("organization_id", .equal, organization.rawValue)
                .where("email", .in, chunk.map(\.value))
                .orderBy("created_at").orderBy("id")
                .all(decoding: OwnerRow.self, with: rowDecoder).map { try $0.domain() }
            for owner in owners {
                if let email = owner.email, found[email] == nil { found[email] = owner }
            }
        }
        return found
    }

    func find(_ id: OwnerID) async throws -> Owner? {
        try await db.select().columns("*").from("owners").where("id", .equal, id.rawValue)
            .first(decoding: OwnerRow.self, with: rowDecoder)?.domain()
    }

    func find(email: Email, in organization: OrganizationID) async throws -> Owner? {
        try await db.select().columns("*").from("owners")
            .where("organization_id", .equal, organization.rawValue).where("email", .equal, email.value)
            .orderBy("created_at").orderBy("id")
            .first(decoding: OwnerRow.self, with: rowDecoder)?.domain()
    }

    func linked(to user: UserID, in organization: OrganizationID) async throws -> [Owner] {
        try await db.select().columns("*").from("owners")
            .where("organization_id", .equal, organization.rawValue).where("user_id", .equal, user.rawValue)
            .orderBy("created_at").orderBy("id")
            .all(decoding: OwnerRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func list(of organization: OrganizationID, page: PageRequest) async throws -> Page<Owner> {
        let total = try await db.count(from: "owners", where: "organization_id", equals: organization.rawValue)
        let rows = try await db.select().columns("*").from("owners")
            .where("organization_id", .equal, organization.rawValue)
            .orderBy("name").orderBy("id").limit(page.perPage).offset(page.offset)
            .all(decoding: OwnerRow.self, with: rowDecoder)
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }

    func update(_ owner: Owner) async throws {
        try await db.update("owners")
            .set("kind", to: owner.kind.rawValue).set("name", to: owner.name).set("email", to: owner.email?.value)
            .set("phone", to: owner.phone).set("address", to: owner.address).set("user_id", to: owner.userID?.rawValue)
            .where("id", .equal, owner.id.rawValue)
            .run()
    }
}
