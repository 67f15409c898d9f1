import Application
import Domain
import Foundation
import SQLKit

struct SharedObjectRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let ownerId: UUID
    let name: String
    let description: String?
    let category: String
    let condition: String
    let dailyRate: Int
    let deposit: Int
    let loanDays: Int
    let loanId: UUID?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, description, category, condition, deposit
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case ownerId = "owner_id"
        case dailyRate = "daily_rate"
        case loanDays = "loan_days"
        case loanId = "loan_id"
        case createdAt = "created_at"
    }

    init(_ object: SharedObject) {
        id = object.id.rawValue
        organizationId = object.organizationID.rawValue
        buildingId = object.buildingID.rawValue
        ownerId = object.ownerID.rawValue
        name = object.details.name
        description = object.details.description
        category = object.details.category.rawValue
        condition = object.details.condition.rawValue
        dailyRate = object.details.dailyRate
        deposit = object.details.deposit
        loanDays = object.details.loanDays
        loanId = object.loanID?.rawValue
        createdAt = object.createdAt
    }

    func domain() throws -> SharedObject {
        guard let category = SharedObject.Category(rawValue: category),
            let condition = SharedObject.Condition(rawValue: condition)
        else { throw CorruptRow(table: "shared_objects", reason: "category or condition of \(id)") }
        return SharedObject(
            id: SharedObjectID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            ownerID: UserID(ownerId),
            details: try SharedObject.Details(
                name: name, description: description, category: category, condition: condition, dailyRate: dailyRate,
                deposit: deposit, loanDays: loanDays),
            loanID: loanId.map(ObjectLoanID.init), createdAt: createdAt)
    }
}

struct SQLSharedObjectRepository: SharedObjectRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ object: SharedObject) async throws {
        try await db.insert(into: "shared_objects").model(SharedObjectRow(object), nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: SharedObjectID) async throws -> SharedObject? {
        try await db.select().columns("*").from("shared_objects").where("id", .equal, id.rawValue)
            .first(decoding: SharedObjectRow.self, with: rowDecoder)?.domain()
    }

    func update(_ object: SharedObject) async throws {
        let row = SharedObjectRow(object)
        try await db.update("shared_objects").set("name", to: row.name).set("description", to: row.description)
            .set("category", to: row.category).set("condition", to: row.condition)
            .set("daily_rate", to: row.dailyRate).set("deposit", to: row.deposit).set("loan_days", to: row.loanDays)
            .set("loan_id", to: row.loanId).where("id", .equal, row.id).run()
    }

    func delete(_ id: SharedObjectID) async throws {
        try await db.delete(from: "shared_objects").where("id", .equal, id.rawValue).run()
    }

    func lock(_ id: SharedObjectID) async throws {
        try await db.lockRow(of: "shared_objects", id: id.rawValue, dialect: dialect)
    }

    func list(in building: BuildingID, filter: SharedObjectFilter, page: PageRequest) async throws
        -> Page<SharedObject>
    {
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.where("building_id", .equal, building.rawValue)
            if let category = filter.category { query = query.where("category", .equal, category.rawValue) }
            switch filter.status {
            case .available?: query = query.where("loan_id", .is, SQLLiteral.null)
            case .borrowed?: query = query.where("loan_id", .isNot, SQLLiteral.null)
            case .overdue?:
                query = query.where(
                    "loan_id", .in,
                    SQLRaw(
                        "(SELECT id FROM object_loans WHERE returned_at IS NULL AND due_on < '\(filter.today.description)')"
                    ))
            case nil: break
            }
            return query
        }
        let (rows, total) = try await db.page(
            "shared_objects", page, as: SharedObjectRow.self, filtered: filtered,
            ordered: { $0.orderBy("name").orderBy("id") })
        return Page(items: try rows.map { try $0.domain() }, request: page, totalItems: total)
    }
}

struct ObjectLoanRow: Codable {
    let id: UUID
    let organizationId: UUID
    let buildingId: UUID
    let objectId: UUID
    let borrowerId: UUID
    let lenderId: UUID
    let deposit: Int
    let dailyRate: Int
    let borrowedAt: Date
    let dueOn: String
    let returnedAt: Date?
    let rental: Int?
    let remindedOn: String?

    enum CodingKeys: String, CodingKey {
        case id, deposit, rental
        case organizationId = "organization_id"
        case buildingId = "building_id"
        case objectId = "object_id"
        case borrowerId = "borrower_id"
        case lenderId = "lender_id"
        case dailyRate = "daily_rate"
        case borrowedAt = "borrowed_at"
        case dueOn = "due_on"
        case returnedAt = "returned_at"
        case remindedOn = "reminded_on"
    }

    init(_ loan: ObjectLoan) {
        id = loan.id.rawValue
        organizationId = loan.organizationID.rawValue
        buildingId = loan.buildingID.rawValue
        objectId = loan.objectID.rawValue
        borrowerId = loan.borrowerID.rawValue
        lenderId = loan.lenderID.rawValue
        deposit = loan.deposit
        dailyRate = loan.dailyRate
        borrowedAt = loan.borrowedAt
        dueOn = loan.dueOn.description
        returnedAt = loan.returnedAt
        rental = loan.rental
        remindedOn = loan.remindedOn?.description
    }

    func domain() throws -> ObjectLoan {
        ObjectLoan(
            id: ObjectLoanID(id), organizationID: OrganizationID(organizationId), buildingID: BuildingID(buildingId),
            objectID: SharedObjectID(objectId), borrowerID: UserID(borrowerId), lenderID: UserID(lenderId),
            deposit: deposit, dailyRate: dailyRate, borrowedAt: borrowedAt, dueOn: try CalendarDate(parsing: dueOn),
            returnedAt: returnedAt, rental: rental, remindedOn: try remindedOn.map { try CalendarDate(parsing: $0) })
    }
}

struct SQLObjectLoanRepository: ObjectLoanRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ loan: ObjectLoan) async throws {
        do {
            try await db.insert(into: "object_loans").model(ObjectLoanRow(loan), nilEncodingStrategy: .asNil).run()
        } catch  where dialect.isUniqueViolation(error) {
            throw CommunityError.objectUnavailable
        }
    }

    func find(_ id: ObjectLoanID) async throws -> ObjectLoan? {
        try await db.select().columns("*").from("object_loans").where("id", .equal, id.rawValue)
            .first(decoding: ObjectLoanRow.self, with: rowDecoder)?.domain()
    }

    func update(_ loan: ObjectLoan) async throws {
        let row = ObjectLoanRow(loan)
        try await db.update("object_loans").set("returned_at", to: row.returnedAt).set("rental", to: row.rental)
            .set("reminded_on", to: row.remindedOn).where("id", .equal, row.id).run()
    }

    func open(of borrower: UserID, in building: BuildingID) async throws -> [ObjectLoan] {
        try await db.select().columns("*").from("object_loans").where("borrower_id", .equal, borrower.rawValue)
            .where("building_id", .equal, building.rawValue).where("returned_at", .is, SQLLiteral.null)
            .orderBy("borrowed_at").orderBy("id")
            .all(decoding: ObjectLoanRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func overdue(before day: CalendarDate) async throws -> [ObjectLoan] {
        try await db.select().columns("*").from("object_loans").where("returned_at", .is, SQLLiteral.null)
            .where("due_on", .lessThan, day.description).orderBy("due_on").orderBy("id").limit(1000)
            .all(decoding: ObjectLoanRow.self, with: rowDecoder).map { try $0.domain() }
    }
}

struct SQLCreditLedgerRepository: CreditLedgerRepository {
    let db: any SQLDatabase

    static let depositsAccount = "deposits"

    static func name(_ account: CreditTransfer.Account) -> String {
        switch account {
        case .resident(let user): user.rawValue.uuidString.lowercased()
        case .deposits: depositsAccount
        }
    }

    static func account(_ name: String) -> CreditTransfer.Account? {
        if name == depositsAccount { return .deposits }
        return UUID(uuidString: name).map { .resident(UserID($0)) }
    }

    private struct TransferRow: Codable {
        let id: UUID
        let organizationId: UUID
        let buildingId: UUID
        let kind: String
        let reference: UUID?
        let createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id, kind, reference
            case organizationId = "organization_id"
            case buildingId = "building_id"
            case createdAt = "created_at"
        }
    }

    private struct LegRow: Codable {
        let transferId: UUID
        let organizationId: UUID
        let buildingId: UUID
        let account: String
        let credits: Int

        enum CodingKeys: String, CodingKey {
            case account, credits
            case transferId = "transfer_id"
            case organizationId = "organization_id"
            case buildingId = "building_id"
        }
    }

    func record(_ transfer: CreditTransfer) async throws {
        try await db.insert(into: "credit_transfers").model(
            TransferRow(
                id: transfer.id.rawValue, organizationId: transfer.organizationID.rawValue,
                buildingId: transfer.buildingID.rawValue, kind: transfer.kind.rawValue, reference: transfer.reference,
                createdAt: transfer.at),
            nilEncodingStrategy: .asNil
        ).run()
        try await db.insert(into: "credit_legs").models(
            transfer.legs.map {
                LegRow(
                    transferId: transfer.id.rawValue, organizationId: transfer.organizationID.rawValue,
                    buildingId: transfer.buildingID.rawValue, account: Self.name($0.account), credits: $0.credits)
            }
        ).run()
    }

    func balance(of account: CreditTransfer.Account, in building: BuildingID) async throws -> Int {
        try await db.select().column(
            SQLFunction("COALESCE", args: SQLFunction("SUM", args: SQLColumn("credits")), SQLLiteral.numeric("0")),
            as: "balance"
        )
        .from("credit_legs").where("building_id", .equal, building.rawValue)
        .where("account", .equal, Self.name(account))
        .first(decodingColumn: "balance", as: Int.self) ?? 0
    }

    func history(of account: CreditTransfer.Account, in building: BuildingID, page: PageRequest) async throws
        -> Page<(transfer: CreditTransfer, credits: Int)>
    {
        let name = Self.name(account)
        let total =
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
            .from("credit_legs").where("building_id", .equal, building.rawValue).where("account", .equal, name)
            .first(decodingColumn: "count", as: Int.self) ?? 0
        let transfers = try await db.raw(
            """
            SELECT t.* FROM credit_transfers t JOIN credit_legs l ON l.transfer_id = t.id
            WHERE l.building_id = \(bind: building.rawValue) AND l.account = \(bind: name)
            ORDER BY t.created_at DESC, t.id LIMIT \(bind: page.perPage) OFFSET \(bind: page.offset)
            """
        ).all(decoding: TransferRow.self, with: rowDecoder)
        guard !transfers.isEmpty else { return Page(items: [], request: page, totalItems: total) }
        let legs = try await db.select().columns("*").from("credit_legs")
            .where("transfer_id", .in, transfers.map(\.id)).orderBy("account")
            .all(decoding: LegRow.self, with: rowDecoder)
        let byTransfer = Dictionary(grouping: legs, by: \.transferId)
        let items = try transfers.map { row -> (transfer: CreditTransfer, credits: Int) in
            guard let kind = CreditTransfer.Kind(rawValue: row.kind) else {
                throw CorruptRow(table: "credit_transfers", reason: "kind of \(row.id)")
            }
            let rows = byTransfer[row.id] ?? []
            let transfer = try CreditTransfer(
                id: CreditTransferID(row.id), organizationID: OrganizationID(row.organizationId),
                buildingID: BuildingID(row.buildingId), kind: kind, reference: row.reference,
                legs: rows.compactMap { leg in Self.account(leg.account).map { CreditTransfer.Leg($0, leg.credits) } },
                at: row.createdAt)
            return (transfer, rows.first { $0.account == name }?.credits ?? 0)
        }
        return Page(items: items, request: page, totalItems: total)
    }
}

struct SQLCommunitySettingsRepository: CommunitySettingsRepository {
    let db: any SQLDatabase

    func settings(of building: BuildingID) async throws -> CommunitySettings? {
        guard
            let row = try await db.select().columns("trust_limit", "max_loans").from("community_settings")
                .where("building_id", .equal, building.rawValue).first()
        else { return nil }
        return try CommunitySettings(
            trustLimit: try row.decode(column: "trust_limit", as: Int.self),
            maxLoans: try row.decode(column: "max_loans", as: Int.self))
    }

    func save(_ settings: CommunitySettings, of building: Building, at date: Date) async throws {
        try await db.raw(
            """
            INSERT INTO community_settings (building_id, organization_id, trust_limit, max_loans, updated_at)
            VALUES (\(bind: building.id.rawValue), \(bind: building.organizationID.rawValue),
                \(bind: settings.trustLimit), \(bind: settings.maxLoans), \(bind: date))
            ON CONFLICT (building_id) DO UPDATE SET trust_limit = excluded.trust_limit,
                max_loans = excluded.max_loans, updated_at = excluded.updated_at
            """
        ).run()
    }
}
