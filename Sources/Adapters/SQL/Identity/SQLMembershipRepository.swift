import Application
import Domain
import Foundation
import SQLKit

struct MembershipRow: Codable {
    let userId: UUID
    let organizationId: UUID
    let displayName: String?
    let phone: String?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case userId = "user_id"
        case organizationId = "organization_id"
        case displayName = "display_name"
        case phone
        case createdAt = "created_at"
    }
}

/// The organization's record of a member, read beside the user's columns.
private struct ProfileColumns: Decodable {
    let displayName: String?
    let phone: String?

    enum CodingKeys: String, CodingKey {
        case displayName = "display_name"
        case phone
    }
}

struct RoleRow: Codable {
    let userId: UUID
    let organizationId: UUID
    let role: String

    enum CodingKeys: String, CodingKey {
        case userId = "user_id"
        case organizationId = "organization_id"
        case role
    }
}

struct SQLMembershipRepository: MembershipRepository {
    let db: any SQLDatabase

    func insert(_ membership: Membership) async throws {
        try await db.insert(into: "memberships")
            .row(
                MembershipRow(
                    userId: membership.userID.rawValue, organizationId: membership.organizationID.rawValue,
                    displayName: membership.displayName, phone: membership.phone, createdAt: membership.createdAt)
            )
            .run()
        try await insertRoles(of: membership)
    }

    func delete(user: UserID, organization: OrganizationID) async throws {
        try await db.delete(from: "membership_roles").where("user_id", .equal, user.rawValue)
            .where("organization_id", .equal, organization.rawValue).run()
        try await db.delete(from: "memberships").where("user_id", .equal, user.rawValue)
            .where("organization_id", .equal, organization.rawValue).run()
    }

    func find(user: UserID, organization: OrganizationID) async throws -> Membership? {
        guard
            let row = try await db.select().columns("*").from("memberships")
                .where("user_id", .equal, user.rawValue)
                .where("organization_id", .equal, organization.rawValue)
                .first(decoding: MembershipRow.self, with: rowDecoder)
        else { return nil }
        let roles = try await roles(of: [user.rawValue], in: organization)[user.rawValue] ?? []
        return try membership(row, roles: roles)
    }

    func memberships(of user: UserID) async throws -> [Membership] {
        let rows = try await db.select().columns("*").from("memberships")
            .where("user_id", .equal, user.rawValue)
            .orderBy("created_at").orderBy("organization_id")
            .all(decoding: MembershipRow.self, with: rowDecoder)
        let roleRows = try await db.select().columns("*").from("membership_roles")
            .where("user_id", .equal, user.rawValue)
            .all(decoding: RoleRow.self, with: rowDecoder)
        return try rows.map { row in
            let roles = try roleRows.filter { $0.organizationId == row.organizationId }.map { try parse($0.role) }
            return try membership(row, roles: Set(roles))
        }
    }

    func replaceRoles(_ membership: Membership) async throws {
        try await db.delete(from: "membership_roles")
            .where("user_id", .equal, membership.userID.rawValue)
            .where("organization_id", .equal, membership.organizationID.rawValue)
            .run()
        try await insertRoles(of: membership)
    }

    func updateProfile(_ membership: Membership) async throws {
        try await db.update("memberships")
            .set("display_name", to: membership.displayName).set("phone", to: membership.phone)
            .where("user_id", .equal, membership.userID.rawValue)
            .where("organization_id", .equal, membership.organizationID.rawValue)
            .run()
    }

    /// One round trip: the user joined with its membership and roles in the organization.
    func member(_ user: UserID, in organization: OrganizationID) async throws -> Member? {
        let rows = try await db.select()
            .columns(
                SQLColumn("id", table: "users"), SQLColumn("email", table: "users"), SQLColumn("name", table: "users"),
                SQLColumn("password_hash", table: "users"), SQLColumn("is_active", table: "users"),
                SQLColumn("created_at", table: "users"), SQLColumn("role", table: "membership_roles"),
                SQLColumn("display_name", table: "memberships"), SQLColumn("phone", table: "memberships")
            )
            .from("users")
            .join(
                "memberships", on: SQLColumn("user_id", table: "memberships"), .equal, SQLColumn("id", table: "users")
            )
            .join(
                "membership_roles", on: SQLColumn("user_id", table: "membership_roles"), .equal,
                SQLColumn("id", table: "users")
            )
            .where(SQLColumn("id", table: "users"), .equal, SQLBind(user.rawValue))
            .where(SQLColumn("organization_id", table: "memberships"), .equal, SQLBind(organization.rawValue))
            .where(SQLColumn("organization_id", table: "membership_roles"), .equal, SQLBind(organization.rawValue))
            .all()
        guard let first = rows.first else { return nil }
        let user = try first.decode(model: UserRow.self, with: rowDecoder).domain()
        let profile = try first.decode(model: ProfileColumns.self, with: rowDecoder)
        let roles = try rows.map { try parse($0.decode(column: "role", inferringAs: String.self)) }
        return Member(
            user: user, organizationID: organization, roles: Set(roles), displayName: profile.displayName,
            phone: profile.phone)
    }

    func members(of organization: OrganizationID, page: PageRequest) async throws -> Page<Member> {
        let total = try await db.count(from: "memberships", where: "organization_id", equals: organization.rawValue)
        let rows = try await db.select()
            .columns(
                SQLColumn(SQLLiteral.all, table: SQLIdentifier("users")),
                SQLColumn("display_name", table: "memberships"), SQLColumn("phone", table: "memberships")
            )
            .from("users")
            .join(
                "memberships", on: SQLColumn("user_id", table: "memberships"), .equal, SQLColumn("id", table: "users")
            )
            .where(SQLColumn("organization_id", table: "memberships"), .equal, SQLBind(organization.rawValue))
            .orderBy(SQLColumn("email", table: "users"))
            .limit(page.perPage).offset(page.offset)
            .all()
        let users = try rows.map { try $0.decode(model: UserRow.self, with: rowDecoder) }
        let profiles = try rows.map { try $0.decode(model: ProfileColumns.self, with: rowDecoder) }
        let roles = try await roles(of: users.map(\.id), in: organization)
        let members = try zip(users, profiles).map { row, profile in
            Member(
                user: try row.domain(), organizationID: organization, roles: roles[row.id] ?? [],
                displayName: profile.displayName, phone: profile.phone)
        }
        return Page(items: members, request: page, totalItems: total)
    }

    func users(withAnyOf roles: Set<Role>, in organization: OrganizationID) async throws -> Set<UserID> {
        guard !roles.isEmpty else { return [] }
        let rows = try await db.select().distinct().column(SQLColumn("user_id", table: "membership_roles"))
            .from("membership_roles")
            .join("users", on: SQLColumn("id", table: "users"), .equal, SQLColumn("user_id", table: "membership_roles"))
            .where(SQLColumn("organization_id", table: "membership_roles"), .equal, SQLBind(organization.rawValue))
            .where(SQLColumn("role", table: "membership_roles"), .in, SQLBind.group(roles.map(\.rawValue)))
            .where(SQLColumn("is_active", table: "users"), .equal, SQLBind(true))
            .all()
        return Set(try rows.map { UserID(try $0.decode(column: "user_id", as: UUID.self)) })
    }

    private func roles(of users: [UUID], in organization: OrganizationID) async throws -> [UUID: Set<Role>] {
        guard !users.isEmpty else { return [:] }
        let rows = try await db.select().columns("*").from("membership_roles")
            .where("organization_id", .equal, organization.rawValue)
            .where("user_id", .in, users)
            .all(decoding: RoleRow.self, with: rowDecoder)
        var result: [UUID: Set<Role>] = [:]
        for row in rows { result[row.userId, default: []].insert(try parse(row.role)) }
        return result
    }

    private func insertRoles(of membership: Membership) async throws {
        let rows = membership.roles.sorted().map {
            RoleRow(
                userId: membership.userID.rawValue, organizationId: membership.organizationID.rawValue,
                role: $0.rawValue)
        }
        try await db.insert(into: "membership_roles").models(rows).run()
    }

    private func membership(_ row: MembershipRow, roles: Set<Role>) throws -> Membership {
        do {
            return try Membership(
                userID: UserID(row.userId), organizationID: OrganizationID(row.organizationId), roles: roles,
                displayName: row.displayName, phone: row.phone, createdAt: row.createdAt)
        } catch {
            throw CorruptRow(table: "memberships", reason: "\(row.userId) in \(row.organizationId): \(error)")
        }
    }

    private func parse(_ role: String) throws -> Role {
        guard let parsed = Role(rawValue: role) else {
            throw CorruptRow(table: "membership_roles", reason: "unknown role \(role)")
        }
        return parsed
    }
}
