import Application
import Domain
import Foundation
import SQLKit

struct UserRow: Codable {
    let id: UUID
    let email: String
    let name: String
    let passwordHash: String
    let isActive: Bool
    let createdAt: Date
    let phoneNumber: String?
    let restrictedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id
        case email
        case name
        case passwordHash = "password_hash"
        case isActive = "is_active"
        case createdAt = "created_at"
        case phoneNumber = "phone_number"
        case restrictedAt = "restricted_at"
    }
}

extension UserRow {
    static let columns = [
        "id", "email", "name", "password_hash", "is_active", "created_at", "phone_number", "restricted_at",
    ]

    /// Column by column: the user is read on every authenticated `me`, and Codable's keyed
    /// container costs more than the read itself.
    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        email = try row.decode(column: "email", as: String.self)
        name = try row.decode(column: "name", as: String.self)
        passwordHash = try row.decode(column: "password_hash", as: String.self)
        isActive = try row.decode(column: "is_active", as: Bool.self)
        createdAt = try row.decode(column: "created_at", as: Date.self)
        phoneNumber =
            try row.decodeNil(column: "phone_number") ? nil : row.decode(column: "phone_number", as: String.self)
        restrictedAt =
            try row.decodeNil(column: "restricted_at") ? nil : row.decode(column: "restricted_at", as: Date.self)
    }

    init(_ user: User) {
        id = user.id.rawValue
        email = user.email.value
        name = user.name
        passwordHash = user.passwordHash
        isActive = user.isActive
        createdAt = user.createdAt
        phoneNumber = user.phone
        restrictedAt = user.restrictedAt
    }

    func domain() throws -> User {
        guard let email = try? Email(stored: email) else {
            throw CorruptRow(table: "users", reason: "bad email for \(id)")
        }
        return User(
            id: UserID(id), email: email, name: name, passwordHash: passwordHash, isActive: isActive,
            createdAt: createdAt, phone: phoneNumber, restrictedAt: restrictedAt)
    }
}

struct SQLUserRepository: UserRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ user: User) async throws {
        do {
            try await db.insert(into: "users").row(UserRow(user)).run()
        } catch  where dialect.isUniqueViolation(error) {
            throw ApplicationError.emailAlreadyRegistered(user.email)
        }
    }

    func find(_ id: UserID) async throws -> User? {
        try await db.select().columns(UserRow.columns).from("users").where("id", .equal, id.rawValue).first()
            .map(UserRow.init(row:))?.domain()
    }

    func names(of ids: Set<UserID>) async throws -> [UserID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().columns("id", "name").from("users")
            .where("id", .in, SQLBind.group(ids.map(\.rawValue))).all()
        return Dictionary(
            try rows.map {
                (UserID(try $0.decode(column: "id", as: UUID.self)), try $0.decode(column: "name", as: String.self))
            }
        ) { first, _ in first }
    }

    func find(email: Email) async throws -> User? {
        try await db.select().columns(UserRow.columns).from("users").where("email", .equal, email.value).first()
            .map(UserRow.init(row:))?.domain()
    }

    func update(_ user: User) async throws {
        do {
            try await db.update("users")
                .set("email", to: user.email.value)
                .set("name", to: user.name)
                .set("password_hash", to: user.passwordHash)
                .set("is_active", to: user.isActive)
                .set("phone_number", to: user.phone)
                .set("restricted_at", to: user.restrictedAt)
                .where("id", .equal, user.id.rawValue)
                .run()
        } catch  where dialect.isUniqueViolation(error) {
            throw ApplicationError.emailAlreadyRegistered(user.email)
        }
    }
}
