import Application
import Domain
import Foundation
import SQLKit

struct InvitationRow: Codable {
    let id: UUID
    let organizationId: UUID
    let email: String
    let role: String
    let tokenHash: String
    let invitedBy: UUID
    let createdAt: Date
    let expiresAt: Date
    let acceptedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id
        case organizationId = "organization_id"
        case email
        case role
        case tokenHash = "token_hash"
        case invitedBy = "invited_by"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case acceptedAt = "accepted_at"
    }
}

extension InvitationRow {
    init(_ invitation: Invitation) {
        self.init(
            id: invitation.id.rawValue, organizationId: invitation.organizationID.rawValue,
            email: invitation.email.value, role: invitation.role.rawValue, tokenHash: invitation.tokenHash,
            invitedBy: invitation.invitedBy.rawValue, createdAt: invitation.createdAt, expiresAt: invitation.expiresAt,
            acceptedAt: invitation.acceptedAt)
    }

    func domain() throws -> Invitation {
        guard let email = try? Email(stored: email), let role = Role(rawValue: role) else {
            throw CorruptRow(table: "invitations", reason: "bad email or role for \(id)")
        }
        return try Invitation(
            id: InvitationID(id), organizationID: OrganizationID(organizationId), email: email, role: role,
            tokenHash: tokenHash, invitedBy: UserID(invitedBy), createdAt: createdAt, expiresAt: expiresAt,
            acceptedAt: acceptedAt)
    }
}

struct SQLInvitationRepository: InvitationRepository {
    let db: any SQLDatabase

    func insert(_ invitation: Invitation) async throws {
        try await db.insert(into: "invitations").row(InvitationRow(invitation)).run()
    }

    func find(tokenHash: String) async throws -> Invitation? {
        try await db.select().columns("*").from("invitations").where("token_hash", .equal, tokenHash)
            .first(decoding: InvitationRow.self, with: rowDecoder)?.domain()
    }

    func markAccepted(_ invitation: Invitation) async throws {
        try await db.update("invitations")
            .set("accepted_at", to: invitation.acceptedAt)
            .where("id", .equal, invitation.id.rawValue)
            .run()
    }

    func deleteExpired(before date: Date) async throws -> Int {
        try await db.delete(from: "invitations").where("expires_at", .lessThan, date)
            .where("accepted_at", .is, SQLLiteral.null).returning("id").all().count
    }
}
