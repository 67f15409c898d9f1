import Application
import Domain
import Foundation
import SQLKit

/// Where a module keeps personal data, table by table: how a row is found for a person, which
/// columns are exported, and how each personal column is erased. Each module declares its
/// tables in its folder (`<Module>PersonalData.swift`); `SQLPersonalDataRepository` runs them.
struct PersonalTable: Sendable {
    /// How a row belongs to the person; a row matching any of them is theirs.
    enum Match: Sendable {
        /// The column holds their user id.
        case user(String)
        /// The text column holds their user id (the audit log's `entity_id` of `user` events).
        case userText(String)
        /// The column holds their email (compared without case).
        case email(String)
        /// The column holds the id of an owner record of theirs.
        case owner(String)
        /// The row is linked (`entity_type`, `entity_id`) to an owner record of theirs.
        case linkedOwner
        /// The column holds the id of an inspection booking of theirs (by account or the contact's email).
        case appointment(String)
        /// The column holds the id of a payment for an inspection booking of theirs.
        case payment(String)
    }

    enum Column: Sendable {
        case text, number, time, flag, uuid, date
    }

    /// What erasure writes in a column.
    enum Replacement: Sendable {
        case null
        case text(String)
        /// `erased-<user id>@erased.invalid`, for columns that must hold an address.
        case erasedEmail
        case flag(Bool)
    }

    enum Erasure: Sendable {
        /// Nothing personal beyond ids: the rows stay as they are (ledgers, numbering, counts).
        case keep
        /// The personal columns are overwritten; the rows stay.
        case anonymize([String: Replacement])
        /// The rows only served the person (sign-in secrets, sessions): deleted.
        case delete
    }

    let kind: String
    let table: String
    let matches: [Match]
    /// The column naming the organization that holds the row, when there is one.
    let organization: String?
    let export: [(name: String, type: Column)]
    let erasure: Erasure
}

/// Records kept by law: a query per organization giving the date from which the retention
/// runs (nil: until a debt is settled).
struct PersonalHold: Sendable {
    let reason: String
    let kept: String
    let years: Int
    /// Rows of (organization_id, since) for the subject; `since` NULL means an open debt.
    let query: @Sendable (DataSubject) -> SQLQueryString
}

struct SQLPersonalDataRepository: PersonalDataRepository {
    let db: any SQLDatabase

    /// Every module's declarations, by module name (`Gestio.modules`' names).
    static let tables: [String: [PersonalTable]] = [
        "Platform": PlatformPersonalData.tables, "Identity": IdentityPersonalData.tables,
        "CoOwnership": CoOwnershipPersonalData.tables, "Finance": FinancePersonalData.tables,
        "Maintenance": MaintenancePersonalData.tables, "Dispatch": DispatchPersonalData.tables,
        "Documents": DocumentsPersonalData.tables, "Governance": GovernancePersonalData.tables,
        "FinanceOperations": FinanceOperationsPersonalData.tables,
        "LegalFile": LegalFilePersonalData.tables, "Community": CommunityPersonalData.tables,
        "Construction": ConstructionPersonalData.tables, "Inspection": InspectionPersonalData.tables,
    ]
    static let holds: [String: [PersonalHold]] = ["Finance": FinancePersonalData.holds]

    var modules: [String] { Array(Self.tables.keys) }

    func export(_ subject: DataSubject, module: String) async throws -> [ExportedRecords] {
        var result: [ExportedRecords] = []
        for table in Self.tables[module] ?? [] {
            let columns = table.export.map(\.name) + (table.organization.map { [$0] } ?? [])
            let rows = try await db.select().columns(columns.map { SQLColumn($0) })
                .from(table.table).where(condition(table, subject)).all()
            guard !rows.isEmpty else { continue }
            var records: [[String: ExportValue]] = []
            var holders = Set<OrganizationID>()
            for row in rows {
                var record: [String: ExportValue] = [:]
                for (name, type) in table.export { record[name] = try value(row, name, type) }
                if let column = table.organization,
                    let id = try row.decodeNil(column: column) ? nil : row.decode(column: column, as: UUID.self)
                {
                    holders.insert(OrganizationID(id))
                }
                records.append(record)
            }
            result.append(ExportedRecords(module: module, kind: table.kind, records: records, holders: holders))
        }
        return result
    }

    func holds(_ subject: DataSubject, module: String, at now: Date) async throws -> [LegalHold] {
        var result: [LegalHold] = []
        for hold in Self.holds[module] ?? [] {
            for row in try await db.raw(hold.query(subject)).all() {
                let organization = OrganizationID(try row.decode(column: "organization_id", as: UUID.self))
                let since = try row.decodeNil(column: "since") ? nil : try row.decode(column: "since", as: String.self)
                let until = try since.map { try Self.adding(years: hold.years, to: CalendarDate(parsing: $0)) }
                if let until, until <= now { continue }
                result.append(
                    LegalHold(
                        module: module, organizationID: organization, reason: hold.reason, kept: hold.kept,
                        keptUntil: until))
            }
        }
        return result
    }

    func erase(_ subject: DataSubject, module: String) async throws -> Int {
        var changed = 0
        for table in Self.tables[module] ?? [] {
            switch table.erasure {
            case .keep:
                continue
            case .delete:
                changed += try await db.delete(from: table.table).where(condition(table, subject))
                    .returning(SQLLiteral.numeric("1")).all().count
            case .anonymize(let columns):
                var update = db.update(table.table)
                for (column, replacement) in columns.sorted(by: { $0.key < $1.key }) {
                    switch replacement {
                    case .null: update = update.set(SQLColumn(column), to: SQLLiteral.null)
                    case .text(let text): update = update.set(column, to: text)
                    case .erasedEmail: update = update.set(column, to: Self.erasedEmail(subject))
                    case .flag(let value): update = update.set(column, to: value)
                    }
                }
                changed += try await update.where(condition(table, subject))
                    .returning(SQLLiteral.numeric("1")).all().count
            }
        }
        return changed
    }

    static func erasedEmail(_ subject: DataSubject) -> String { "erased-\(subject.userID)@erased.invalid" }

    /// The day the retention ends: `years` after `date`, at midnight UTC.
    static func adding(years: Int, to date: CalendarDate) throws -> Date {
        let day = min(date.day, CalendarDate.daysIn(month: date.month, year: date.year + years))
        return try CalendarDate(year: date.year + years, month: date.month, day: day).startOfDayUTC
    }

    /// The rows of the subject: any of the table's matches.
    private func condition(_ table: PersonalTable, _ subject: DataSubject) -> any SQLExpression {
        let parts: [any SQLExpression] = table.matches.map { match in
            switch match {
            case .user(let column):
                SQLBinaryExpression(SQLColumn(column), .equal, SQLBind(subject.userID.rawValue))
            case .userText(let column):
                SQLBinaryExpression(SQLColumn(column), .equal, SQLBind(subject.userID.description))
            case .email(let column):
                SQLBinaryExpression(
                    SQLFunction("LOWER", args: SQLColumn(column)), .equal, SQLBind(subject.email.value.lowercased()))
            case .owner(let column):
                SQLBinaryExpression(SQLColumn(column), .in, Self.ownersOf(subject))
            case .linkedOwner:
                SQLBinaryExpression(
                    SQLBinaryExpression(SQLColumn("entity_type"), .equal, SQLBind("owner")), .and,
                    SQLBinaryExpression(SQLColumn("entity_id"), .in, Self.ownersOf(subject)))
            case .appointment(let column):
                SQLBinaryExpression(SQLColumn(column), .in, Self.appointmentsOf(subject))
            case .payment(let column):
                SQLBinaryExpression(SQLColumn(column), .in, Self.paymentsOf(subject))
            }
        }
        return SQLGroupExpression(SQLList(parts, separator: SQLRaw(" OR ")))
    }

    /// The ids of the subject's owner records.
    static func ownersOf(_ subject: DataSubject) -> SQLQueryString {
        "(SELECT id FROM owners WHERE user_id = \(bind: subject.userID.rawValue) OR LOWER(email) = \(bind: subject.email.value.lowercased()))"
    }

    static func appointmentsOf(_ subject: DataSubject) -> SQLQueryString {
        "(SELECT id FROM appointments WHERE customer_id = \(bind: subject.userID.rawValue) OR LOWER(contact_email) = \(bind: subject.email.value.lowercased()))"
    }

    static func paymentsOf(_ subject: DataSubject) -> SQLQueryString {
        "(SELECT id FROM payments WHERE appointment_id IN \(appointmentsOf(subject)))"
    }

    private func value(_ row: any SQLRow, _ column: String, _ type: PersonalTable.Column) throws -> ExportValue {
        if try row.decodeNil(column: column) { return .null }
        return switch type {
        case .text, .date: .text(try row.decode(column: column, as: String.self))
        case .number: .number(try row.decode(column: column, as: Int64.self))
        case .time: .time(try row.decode(column: column, as: Date.self))
        case .flag: .flag(try row.decode(column: column, as: Bool.self))
        case .uuid: .text(try row.decode(column: column, as: UUID.self).lowercasedText)
        }
    }
}

/// What each module's SQL declarations cover, for the register of processing.
public enum SQLPersonalDataInventory {
    /// Per module, one line per kind of record: the table, the columns exported, and erasure.
    public static var lines: [String: [String]] {
        SQLPersonalDataRepository.tables.mapValues { tables in
            tables.map { table in
                let erasure: String
                switch table.erasure {
                case .keep: erasure = "kept as is (ids and amounts only)"
                case .delete: erasure = "deleted"
                case .anonymize(let columns): erasure = "anonymized: " + columns.keys.sorted().joined(separator: ", ")
                }
                return
                    "\(table.kind) (`\(table.table)`: \(table.export.map(\.name).joined(separator: ", "))): \(erasure)"
            }
        }
    }

    /// The module names the SQL side declares tables for.
    public static var modules: Set<String> { Set(SQLPersonalDataRepository.tables.keys) }
}
