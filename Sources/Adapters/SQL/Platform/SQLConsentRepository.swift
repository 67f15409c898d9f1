import Application
import Domain
import Foundation
import SQLKit

struct ConsentRow: Codable {
    let id: UUID
    let organizationId: UUID
    let userId: UUID?
    let ownerId: UUID?
    let purpose: String
    let textVersion: String
    let givenAt: Date
    let withdrawnAt: Date?
    let recordedBy: UUID?

    enum CodingKeys: String, CodingKey {
        case id, purpose
        case organizationId = "organization_id"
        case userId = "user_id"
        case ownerId = "owner_id"
        case textVersion = "text_version"
        case givenAt = "given_at"
        case withdrawnAt = "withdrawn_at"
        case recordedBy = "recorded_by"
    }

    func domain() throws -> Consent {
        let subject: Consent.Subject
        switch (userId, ownerId) {
        case (let user?, nil): subject = .user(UserID(user))
        case (nil, let owner?): subject = .owner(OwnerID(owner))
        default: throw CorruptRow(table: "consents", reason: "\(id) names no person, or two")
        }
        return try Consent(
            id: ConsentID(id), organizationID: OrganizationID(organizationId), subject: subject, purpose: purpose,
            textVersion: textVersion, givenAt: givenAt, withdrawnAt: withdrawnAt,
            recordedBy: recordedBy.map(UserID.init))
    }
}

struct SQLConsentRepository: ConsentRepository {
    let db: any SQLDatabase

    func insert(_ consent: Consent) async throws {
        let (user, owner): (UUID?, UUID?) =
            switch consent.subject {
            case .user(let id): (id.rawValue, nil)
            case .owner(let id): (nil, id.rawValue)
            }
        try await db.insert(into: "consents")
            .model(
                ConsentRow(
                    id: consent.id.rawValue, organizationId: consent.organizationID.rawValue, userId: user,
                    ownerId: owner, purpose: consent.purpose, textVersion: consent.textVersion,
                    givenAt: consent.givenAt, withdrawnAt: consent.withdrawnAt,
                    recordedBy: consent.recordedBy?.rawValue),
                nilEncodingStrategy: .asNil
            ).run()
    }

    func find(_ id: ConsentID) async throws -> Consent? {
        try await db.select().columns("*").from("consents").where("id", .equal, id.rawValue)
            .first(decoding: ConsentRow.self, with: rowDecoder)?.domain()
    }

    func list(of subject: Consent.Subject) async throws -> [Consent] {
        let query = db.select().columns("*").from("consents")
        switch subject {
        case .user(let id): query.where("user_id", .equal, id.rawValue)
        case .owner(let id): query.where("owner_id", .equal, id.rawValue)
        }
        return try await query.orderBy("given_at", .descending).orderBy("id")
            .all(decoding: ConsentRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func withdraw(_ id: ConsentID, at date: Date) async throws -> Bool {
        try await !db.update("consents").set("withdrawn_at", to: date)
            .where("id", .equal, id.rawValue).where("withdrawn_at", .is, SQLLiteral.null)
            .returning("id").all().isEmpty
    }
}
