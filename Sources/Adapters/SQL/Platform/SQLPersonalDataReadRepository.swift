import Application
import Domain
import Foundation
import SQLKit

struct PersonalDataReadRow: Codable {
    let id: UUID
    let organizationId: UUID
    let readerUserId: UUID?
    let subjectUserId: UUID?
    let subjectOwnerId: UUID?
    let purpose: String
    let readAt: Date

    enum CodingKeys: String, CodingKey {
        case id, purpose
        case organizationId = "organization_id"
        case readerUserId = "reader_user_id"
        case subjectUserId = "subject_user_id"
        case subjectOwnerId = "subject_owner_id"
        case readAt = "read_at"
    }

    func domain() throws -> PersonalDataRead {
        let subject: PersonalDataRead.Subject
        switch (subjectUserId, subjectOwnerId) {
        case (let user?, nil): subject = .user(UserID(user))
        case (nil, let owner?): subject = .owner(OwnerID(owner))
        default: throw CorruptRow(table: "personal_data_reads", reason: "\(id) names no person, or two")
        }
        return PersonalDataRead(
            id: id, organizationID: OrganizationID(organizationId), reader: readerUserId.map(UserID.init),
            subject: subject, purpose: purpose, at: readAt)
    }
}

struct SQLPersonalDataReadRepository: PersonalDataReadRepository {
    let db: any SQLDatabase

    func insert(_ read: PersonalDataRead) async throws {
        let (user, owner): (UUID?, UUID?) =
            switch read.subject {
            case .user(let id): (id.rawValue, nil)
            case .owner(let id): (nil, id.rawValue)
            }
        try await db.insert(into: "personal_data_reads")
            .model(
                PersonalDataReadRow(
                    id: read.id, organizationId: read.organizationID.rawValue, readerUserId: read.reader?.rawValue,
                    subjectUserId: user, subjectOwnerId: owner, purpose: read.purpose, readAt: read.at),
                nilEncodingStrategy: .asNil
            ).run()
    }

    func delete(before date: Date) async throws -> Int {
        try await db.delete(from: "personal_data_reads").where("read_at", .lessThan, date).returning("id").all().count
    }

    func reads(of subject: PersonalDataRead.Subject) async throws -> [PersonalDataRead] {
        let query = db.select().columns("*").from("personal_data_reads")
        switch subject {
        case .user(let id): query.where("subject_user_id", .equal, id.rawValue)
        case .owner(let id): query.where("subject_owner_id", .equal, id.rawValue)
        }
        return try await query.orderBy("read_at", .descending).orderBy("id")
            .all(decoding: PersonalDataReadRow.self, with: rowDecoder).map { try $0.domain() }
    }
}
