public import Domain
import Foundation

/// Everything wrong with an import, each problem with its file line: nothing was imported.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Issue: Sendable, Equatable {
        public let line: Int
        public let field: String?
        public let reason: String
    }

    public let issues: [Issue]

    public var description: String {
        "the import was refused (\(issues.count) problem\(issues.count == 1 ? "" : "s")): "
            + issues.prefix(3).map { "line \($0.line): \($0.field.map { "\($0) " } ?? "")\($0.reason)" }
            .joined(separator: "; ")
    }
}

/// What an import created.
public struct ImportSummary: Sendable, Equatable {
    public let lotsCreated: Int
    public let ownersCreated: Int
    /// Owners of the organization found by email and reused.
    public let ownersMatched: Int
    public let ownershipsCreated: Int
}

/// Bulk import for a syndic taking over a building: one CSV file of lots, owners and shares,
/// imported whole or not at all. Columns (header names, any order): `lot_number`, `lot_type`,
/// `floor`, `surface`, `tantiemes`, `owner_name`, `owner_kind`, `owner_email`, `owner_phone`,
/// `owner_address`, `share`, `start_date`. A lot spread over several lines (co-owners) repeats the
/// same lot fields; an owner on several lines is the same owner when the email (or, without one,
/// the name) is the same, and an owner of the organization with that email is reused.
extension CoOwnershipService {
    static let importColumns = [
        "lot_number", "lot_type", "floor", "surface", "tantiemes", "owner_name", "owner_kind", "owner_email",
        "owner_phone", "owner_address", "share", "start_date",
    ]
    static let requiredImportColumns: Set = [
        "lot_number", "lot_type", "tantiemes", "owner_name", "share", "start_date",
    ]
    static let maximumImportLines = 20_000

    public func importStructure(into buildingID: BuildingID, csv: String, as principal: Principal) async throws
        -> ImportSummary
    {
        try AccessPolicy.require(.manageCoOwnership, by: principal)
        let table: CSVTable
        do {
            table = try CSVTable(parsing: csv)
        } catch let error as CSVTable.Malformed {
            throw ImportError(issues: [.init(line: error.line, field: nil, reason: error.reason)])
        }
        let parsed = try ImportPlan(
            table: table, building: buildingID, organization: principal.organizationID, ids: ids, now: clock.now())
        return try await persistence.write {
            (
                repos: any UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesBuildings & UsesChargeKeys
                    & UsesDocuments & UsesJournal & UsesLots & UsesOwners & UsesOwnerships & UsesSuppliers
            ) in
            let building = try await TenantScope.building(buildingID, principal, repos)
            try await repos.buildings.lock(buildingID)
            let plan = try await parsed.checked(against: building, repos)
            try await repos.lots.insertAll(plan.lots)
            try await repos.owners.insertAll(plan.newOwners)
            try await repos.ownerships.insertAll(plan.ownerships)
            return ImportSummary(
                lotsCreated: plan.lots.count, ownersCreated: plan.newOwners.count,
                ownersMatched: plan.matchedOwners, ownershipsCreated: plan.ownerships.count)
        }
    }
}

/// The file turned into domain objects, each checked on its own, then against the database.
struct ImportPlan {
    private(set) var lots: [Lot] = []
    private(set) var newOwners: [Owner] = []
    private(set) var matchedOwners = 0
    private(set) var ownerships: [Ownership] = []
    /// File lines of each lot and ownership, to report problems found later.
    private var lotLines: [LotID: Int] = [:]
    private var ownershipLines: [OwnershipID: Int] = [:]
    /// Owners keyed by email (or name), with the line that introduced them.
    private var ownersByKey: [String: (owner: Owner, line: Int)] = [:]
    private var issues: [ImportError.Issue] = []

    init(table: CSVTable, building: BuildingID, organization: OrganizationID, ids: any IDGenerator, now: Date) throws {
        let missing = CoOwnershipService.requiredImportColumns.subtracting(table.header).sorted()
        guard missing.isEmpty else {
            throw ImportError(issues: [
                .init(line: 1, field: nil, reason: "the header lacks the column(s) \(missing.joined(separator: ", "))")
            ])
        }
        let unknown = table.header.filter { !$0.isEmpty && !CoOwnershipService.importColumns.contains($0) }
        guard unknown.isEmpty else {
            throw ImportError(issues: [
                .init(line: 1, field: nil, reason: "unknown column(s) \(unknown.joined(separator: ", "))")
            ])
        }
        guard !table.records.isEmpty else {
            throw ImportError(issues: [.init(line: 1, field: nil, reason: "the file has no data lines")])
        }
        guard table.records.count <= CoOwnershipService.maximumImportLines else {
            throw ImportError(issues: [
                .init(
                    line: 1, field: nil,
                    reason: "the file has more than \(CoOwnershipService.maximumImportLines) data lines")
            ])
        }
        let position = Dictionary(table.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var lotsByNumber: [String: Lot] = [:]
        for record in table.records {
            guard record.fields.count == table.header.count else {
                issues.append(
                    .init(
                        line: record.line, field: nil,
                        reason: "has \(record.fields.count) fields where the header has \(table.header.count)"))
                continue
            }
            func value(_ column: String) -> String? {
                guard let index = position[column] else { return nil }
                let text = record.fields[index].trimmingSpaces
                return text.isEmpty ? nil : text
            }
            /// Runs a domain constructor; its complaint is reported under the file's column name.
            func attempt<T>(columns: [String: String] = [:], _ body: () throws -> T) -> T? {
                do {
                    return try body()
                } catch let DomainError.invalidValue(field, reason) {
                    issues.append(.init(line: record.line, field: columns[field] ?? field, reason: reason))
                } catch {
                    issues.append(.init(line: record.line, field: nil, reason: "\(error)"))
                }
                return nil
            }
            let lot = attempt(columns: ["number": "lot_number"]) {
                try Self.lot(value, building: building, id: LotID(ids.make()), now: now)
            }
            let owner = attempt(columns: ["name": "owner_name", "phone": "owner_phone", "address": "owner_address"]) {
                try Self.owner(value, organization: organization, id: OwnerID(ids.make()), now: now)
            }
            let share = attempt { try Share(parsing: value("share") ?? "") }
            let start = attempt { try CalendarDate(parsing: value("start_date") ?? "", field: "start_date") }
            guard var lot, var owner, let share, let start else { continue }

            if let known = lotsByNumber[lot.number] {
                guard known.kind == lot.kind, known.tantiemes == lot.tantiemes, known.floor == lot.floor,
                    known.surfaceHundredths == lot.surfaceHundredths
                else {
                    issues.append(
                        .init(
                            line: record.line, field: "lot_number",
                            reason:
                                "lot \(lot.number) is described differently on line \(lotLines[known.id] ?? 0)"))
                    continue
                }
                lot = known
            } else {
                lotsByNumber[lot.number] = lot
                lots.append(lot)
                lotLines[lot.id] = record.line
            }
            let key = owner.email.map { "email:\($0)" } ?? "name:\(owner.name.lowercased())"
            if let known = ownersByKey[key] {
                owner = known.owner
            } else {
                ownersByKey[key] = (owner, record.line)
            }
            guard
                let ownership = attempt({
                    try Ownership(
                        id: OwnershipID(ids.make()), lotID: lot.id, ownerID: owner.id, share: share, startDate: start)
                })
            else { continue }
            ownerships.append(ownership)
            ownershipLines[ownership.id] = record.line
        }
        try throwIfIssues()
    }

    /// Checks what needs the database: lot numbers free, tantièmes within the building's total,
    /// each lot's shares within 100 %; and reuses the organization's owners found by email.
    func checked(
        against building: Building,
        _ repos: any UsesAccounts & UsesBudgetAlerts & UsesBudgets & UsesChargeKeys & UsesDocuments & UsesJournal
            & UsesLots & UsesOwners & UsesSuppliers
    ) async throws -> ImportPlan {
        var plan = self
        try await plan.check(against: building, repos)
        return plan
    }

    private mutating func check(against building: Building, _ repos: any UsesLots & UsesOwners) async throws {
        let existing = try await repos.lots.lots(of: building.id)
        let taken = Set(existing.map(\.number))
        for lot in lots where taken.contains(lot.number) {
            issues.append(
                .init(
                    line: lotLines[lot.id] ?? 0, field: "lot_number",
                    reason: "lot \(lot.number) already exists in the building"))
        }
        var held = existing.reduce(0) { $0 + $1.tantiemes }
        for lot in lots {
            held += lot.tantiemes
            if held > building.totalTantiemes {
                issues.append(
                    .init(
                        line: lotLines[lot.id] ?? 0, field: "tantiemes",
                        reason:
                            "lot \(lot.number) takes the building's lots to \(held) tantièmes, over its total of \(building.totalTantiemes)"
                    ))
                break
            }
        }
        var accepted: [LotID: [Ownership]] = [:]
        for ownership in ownerships {
            do {
                try Ownership.checkShares(adding: ownership, to: accepted[ownership.lotID, default: []])
                accepted[ownership.lotID, default: []].append(ownership)
            } catch let error as CoOwnershipError {
                issues.append(.init(line: ownershipLines[ownership.id] ?? 0, field: "share", reason: error.description))
            }
        }
        try throwIfIssues()
        // Owners already known to the organization, by email, are reused rather than duplicated.
        var replacements: [OwnerID: OwnerID] = [:]
        var fresh: [Owner] = []
        let candidates = ownersByKey.values.sorted(by: { $0.line < $1.line }).map(\.0)
        let known = try await repos.owners.find(
            emails: candidates.compactMap(\.email), in: building.organizationID)
        for owner in candidates {
            if let email = owner.email, let known = known[email] {
                replacements[owner.id] = known.id
            } else {
                fresh.append(owner)
            }
        }
        newOwners = fresh
        matchedOwners = replacements.count
        ownerships = try ownerships.map { row in
            guard let known = replacements[row.ownerID] else { return row }
            return try Ownership(
                id: row.id, lotID: row.lotID, ownerID: known, share: row.share, startDate: row.startDate,
                endDate: row.endDate)
        }
    }

    private func throwIfIssues() throws {
        guard issues.isEmpty else {
            throw ImportError(issues: issues.sorted { ($0.line, $0.field ?? "") < ($1.line, $1.field ?? "") })
        }
    }

    static func lot(_ value: (String) -> String?, building: BuildingID, id: LotID, now: Date) throws -> Lot {
        let tantiemes = try integer(value("tantiemes"), field: "tantiemes")
        let floor = try value("floor").map { try integer($0, field: "floor") }
        let surface = try value("surface").map { raw -> Int in
            guard let number = Decimal(string: raw.replacingOccurrences(of: ",", with: "."), locale: nil),
                number >= 0, number < 1_000_000
            else { throw DomainError.invalidValue(field: "surface", reason: "must be a number of square metres") }
            return NSDecimalNumber(decimal: number * 100).intValue
        }
        return try Lot(
            id: id, buildingID: building, number: value("lot_number") ?? "",
            kind: try Lot.Kind(parsing: value("lot_type") ?? "", field: "lot_type"), floor: floor,
            surfaceHundredths: surface, tantiemes: tantiemes, createdAt: now)
    }

    static func owner(_ value: (String) -> String?, organization: OrganizationID, id: OwnerID, now: Date) throws
        -> Owner
    {
        try Owner(
            id: id, organizationID: organization,
            kind: try Owner.Kind(parsing: value("owner_kind") ?? "natural", field: "owner_kind"),
            name: value("owner_name") ?? "",
            email: try value("owner_email").map { try Email($0, field: "owner_email") },
            phone: value("owner_phone"), address: value("owner_address"), userID: nil, createdAt: now)
    }

    static func integer(_ raw: String?, field: String) throws -> Int {
        guard let raw, let number = Int(raw), InputBounds.integer.contains(number) else {
            throw DomainError.invalidValue(
                field: field, reason: "must be a whole number between -1000000000 and 1000000000")
        }
        return number
    }
}
