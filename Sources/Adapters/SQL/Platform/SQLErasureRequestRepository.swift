import Application
import Domain
import Foundation
import SQLKit

struct ErasureRequestRow: Codable {
    let id: UUID
    let userId: UUID
    let requestedAt: Date
    let status: String
    let holdsJson: String
    let completedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, status
        case userId = "user_id"
        case requestedAt = "requested_at"
        case holdsJson = "holds_json"
        case completedAt = "completed_at"
    }

    init(_ request: ErasureRequest) throws {
        id = request.id
        userId = request.userID.rawValue
        requestedAt = request.requestedAt
        status = request.status.rawValue
        holdsJson = String(decoding: try JSONEncoder().encode(request.holds), as: UTF8.self)
        completedAt = request.completedAt
    }

    func domain() throws -> ErasureRequest {
        guard let status = ErasureRequest.Status(rawValue: status) else {
            throw CorruptRow(table: "erasure_requests", reason: "unknown status \(status)")
        }
        return ErasureRequest(
            id: id, userID: UserID(userId), requestedAt: requestedAt, status: status,
            holds: try JSONDecoder().decode([LegalHold].self, from: Data(holdsJson.utf8)), completedAt: completedAt)
    }
}

struct SQLErasureRequestRepository: ErasureRequestRepository {
    let db: any SQLDatabase

    func insert(_ request: ErasureRequest) async throws {
        try await db.insert(into: "erasure_requests").row(try ErasureRequestRow(request)).run()
    }

    func update(_ request: ErasureRequest) async throws {
        let row = try ErasureRequestRow(request)
        try await db.update("erasure_requests").set("status", to: row.status).set("holds_json", to: row.holdsJson)
            .set("completed_at", to: row.completedAt).where("id", .equal, row.id).run()
    }

    func find(_ id: UUID) async throws -> ErasureRequest? {
        try await db.select().columns("*").from("erasure_requests").where("id", .equal, id)
            .first(decoding: ErasureRequestRow.self, with: rowDecoder)?.domain()
    }

    func open(of user: UserID) async throws -> ErasureRequest? {
        try await db.select().columns("*").from("erasure_requests").where("user_id", .equal, user.rawValue)
            .where("status", .notEqual, ErasureRequest.Status.done.rawValue).limit(1)
            .first(decoding: ErasureRequestRow.self, with: rowDecoder)?.domain()
    }

    func open(in organization: OrganizationID) async throws -> [ErasureRequest] {
        try await db.select().columns(SQLColumn(SQLLiteral.all, table: SQLIdentifier("r")))
            .from(SQLAlias(SQLIdentifier("erasure_requests"), as: SQLIdentifier("r")))
            .join(
                SQLAlias(SQLIdentifier("memberships"), as: SQLIdentifier("m")),
                on: SQLColumn("user_id", table: "m"), .equal, SQLColumn("user_id", table: "r")
            )
            .where(SQLColumn("organization_id", table: "m"), .equal, SQLBind(organization.rawValue))
            .where(SQLColumn("status", table: "r"), .notEqual, SQLBind(ErasureRequest.Status.done.rawValue))
            .orderBy(SQLColumn("requested_at", table: "r"))
            .all(decoding: ErasureRequestRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func held() async throws -> [ErasureRequest] {
        try await db.select().columns("*").from("erasure_requests")
            .where("status", .equal, ErasureRequest.Status.held.rawValue).orderBy("requested_at")
            .all(decoding: ErasureRequestRow.self, with: rowDecoder).map { try $0.domain() }
    }
}
