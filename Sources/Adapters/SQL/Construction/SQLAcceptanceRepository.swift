import Application
import Domain
import Foundation
import SQLKit

struct AcceptanceRow: Codable {
    let id: UUID
    let organizationId: UUID
    let projectId: UUID
    let tradeId: UUID?
    let scope: String
    let provisionalOn: String
    let finalOn: String?
    let remarks: String?
    let createdBy: UUID
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, scope, remarks
        case organizationId = "organization_id"
        case projectId = "project_id"
        case tradeId = "trade_id"
        case provisionalOn = "provisional_on"
        case finalOn = "final_on"
        case createdBy = "created_by"
        case createdAt = "created_at"
    }

    init(_ acceptance: Acceptance) {
        id = acceptance.id.rawValue
        organizationId = acceptance.organizationID.rawValue
        projectId = acceptance.projectID.rawValue
        tradeId = acceptance.tradeID?.rawValue
        scope = acceptance.tradeID?.description ?? "project"
        provisionalOn = acceptance.provisionalOn.description
        finalOn = acceptance.finalOn?.description
        remarks = acceptance.remarks
        createdBy = acceptance.createdBy.rawValue
        createdAt = acceptance.createdAt
    }

    func domain(_ signOffs: [Acceptance.SignOff]) throws -> Acceptance {
        try Acceptance(
            id: AcceptanceID(id), projectID: ProjectID(projectId), organizationID: OrganizationID(organizationId),
            tradeID: tradeId.map(TradeID.init), provisionalOn: try CalendarDate(parsing: provisionalOn),
            finalOn: try finalOn.map { try CalendarDate(parsing: $0) }, remarks: remarks, signOffs: signOffs,
            createdBy: UserID(createdBy), createdAt: createdAt)
    }
}

struct AcceptanceSignOffRow: Codable {
    let acceptanceId: UUID
    let organizationId: UUID
    let stage: String
    let role: String
    let userId: UUID
    let signedAt: Date

    enum CodingKeys: String, CodingKey {
        case stage, role
        case acceptanceId = "acceptance_id"
        case organizationId = "organization_id"
        case userId = "user_id"
        case signedAt = "signed_at"
    }

    func domain() throws -> Acceptance.SignOff {
        guard let stage = Acceptance.Stage(rawValue: stage), let role = ProjectRole(rawValue: role) else {
            throw CorruptRow(table: "project_acceptance_signoffs", reason: "stage or role of \(acceptanceId)")
        }
        return Acceptance.SignOff(stage: stage, role: role, userID: UserID(userId), at: signedAt)
    }
}

struct SnagRow: Codable {
    let id: UUID
    let organizationId: UUID
    let acceptanceId: UUID
    let projectId: UUID
    let tradeId: UUID
    let title: String
    let description: String?
    let deadline: String
    let photoDocumentId: UUID?
    let status: String
    let fixedAt: Date?
    let verifiedAt: Date?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, title, description, deadline, status
        case organizationId = "organization_id"
        case acceptanceId = "acceptance_id"
        case projectId = "project_id"
        case tradeId = "trade_id"
        case photoDocumentId = "photo_document_id"
        case fixedAt = "fixed_at"
        case verifiedAt = "verified_at"
        case createdAt = "created_at"
    }

    init(_ snag: Snag) {
        id = snag.id.rawValue
        organizationId = snag.organizationID.rawValue
        acceptanceId = snag.acceptanceID.rawValue
        projectId = snag.projectID.rawValue
        tradeId = snag.tradeID.rawValue
        title = snag.title
        description = snag.description
        deadline = snag.deadline.description
        photoDocumentId = snag.photoDocumentID
        status = snag.status.rawValue
        fixedAt = snag.fixedAt
        verifiedAt = snag.verifiedAt
        createdAt = snag.createdAt
    }

    func domain() throws -> Snag {
        guard let status = Snag.Status(rawValue: status) else {
            throw CorruptRow(table: "project_snags", reason: "status of \(id)")
        }
        return try Snag(
            id: SnagID(id), acceptanceID: AcceptanceID(acceptanceId), projectID: ProjectID(projectId),
            organizationID: OrganizationID(organizationId), tradeID: TradeID(tradeId), title: title,
            description: description, deadline: try CalendarDate(parsing: deadline), photoDocumentID: photoDocumentId,
            status: status, fixedAt: fixedAt, verifiedAt: verifiedAt, createdAt: createdAt)
    }
}

struct ProjectWarrantyRow: Codable {
    let tradeId: UUID
    let organizationId: UUID
    let projectId: UUID
    let acceptanceId: UUID
    let kind: String
    let startsOn: String
    let endsOn: String
    let alertedAt: Date?

    enum CodingKeys: String, CodingKey {
        case kind
        case tradeId = "trade_id"
        case organizationId = "organization_id"
        case projectId = "project_id"
        case acceptanceId = "acceptance_id"
        case startsOn = "starts_on"
        case endsOn = "ends_on"
        case alertedAt = "alerted_at"
    }

    init(_ warranty: ProjectWarranty) {
        tradeId = warranty.tradeID.rawValue
        organizationId = warranty.organizationID.rawValue
        projectId = warranty.projectID.rawValue
        acceptanceId = warranty.acceptanceID.rawValue
        kind = warranty.kind.rawValue
        startsOn = warranty.startsOn.description
        endsOn = warranty.endsOn.description
        alertedAt = warranty.alertedAt
    }

    func domain() throws -> ProjectWarranty {
        guard let kind = ProjectWarranty.Kind(rawValue: kind) else {
            throw CorruptRow(table: "project_warranties", reason: "kind of \(tradeId)")
        }
        return ProjectWarranty(
            projectID: ProjectID(projectId), organizationID: OrganizationID(organizationId), tradeID: TradeID(tradeId),
            acceptanceID: AcceptanceID(acceptanceId), kind: kind, startsOn: try CalendarDate(parsing: startsOn),
            alertedAt: alertedAt)
    }
}

struct SQLAcceptanceRepository: AcceptanceRepository {
    let db: any SQLDatabase

    /// Warranties the job reads in one run, at most.
    static let warrantyBatch = 1000

    func insert(_ acceptance: Acceptance) async throws {
        try await db.insert(into: "project_acceptances").model(AcceptanceRow(acceptance), nilEncodingStrategy: .asNil)
            .run()
        try await insertSignOffs(acceptance.signOffs, of: acceptance)
    }

    private func insertSignOffs(_ signOffs: [Acceptance.SignOff], of acceptance: Acceptance) async throws {
        guard !signOffs.isEmpty else { return }
        try await db.insert(into: "project_acceptance_signoffs")
            .models(
                signOffs.map {
                    AcceptanceSignOffRow(
                        acceptanceId: acceptance.id.rawValue, organizationId: acceptance.organizationID.rawValue,
                        stage: $0.stage.rawValue, role: $0.role.rawValue, userId: $0.userID.rawValue, signedAt: $0.at)
                }
            ).run()
    }

    func find(_ id: AcceptanceID) async throws -> Acceptance? {
        guard
            let row = try await db.select().columns("*").from("project_acceptances").where("id", .equal, id.rawValue)
                .first(decoding: AcceptanceRow.self, with: rowDecoder)
        else { return nil }
        return try await acceptances([row]).first
    }

    func update(_ acceptance: Acceptance) async throws {
        try await db.update("project_acceptances").set("final_on", to: acceptance.finalOn?.description)
            .where("id", .equal, acceptance.id.rawValue).run()
        let stored = try await signOffs(of: [acceptance.id.rawValue])[acceptance.id.rawValue] ?? []
        try await insertSignOffs(acceptance.signOffs.filter { !stored.contains($0) }, of: acceptance)
    }

    func list(of project: ProjectID) async throws -> [Acceptance] {
        try await acceptances(
            try await db.select().columns("*").from("project_acceptances").where("project_id", .equal, project.rawValue)
                .orderBy("provisional_on").orderBy("created_at").orderBy("id")
                .all(decoding: AcceptanceRow.self, with: rowDecoder))
    }

    private func acceptances(_ rows: [AcceptanceRow]) async throws -> [Acceptance] {
        let signOffs = try await signOffs(of: rows.map(\.id))
        return try rows.map { try $0.domain(signOffs[$0.id] ?? []) }
    }

    private func signOffs(of ids: [UUID]) async throws -> [UUID: [Acceptance.SignOff]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().columns("*").from("project_acceptance_signoffs")
            .where("acceptance_id", .in, ids).orderBy("signed_at").orderBy("role")
            .all(decoding: AcceptanceSignOffRow.self, with: rowDecoder)
        return try Dictionary(grouping: rows, by: \.acceptanceId).mapValues { try $0.map { try $0.domain() } }
    }

    func insert(_ snag: Snag) async throws {
        try await db.insert(into: "project_snags").model(SnagRow(snag), nilEncodingStrategy: .asNil).run()
    }

    func find(_ id: SnagID) async throws -> Snag? {
        try await db.select().columns("*").from("project_snags").where("id", .equal, id.rawValue)
            .first(decoding: SnagRow.self, with: rowDecoder)?.domain()
    }

    func update(_ snag: Snag) async throws {
        try await db.update("project_snags").set("status", to: snag.status.rawValue).set("fixed_at", to: snag.fixedAt)
            .set("verified_at", to: snag.verifiedAt).where("id", .equal, snag.id.rawValue).run()
    }

    func snags(of project: ProjectID, acceptance: AcceptanceID?) async throws -> [Snag] {
        var query = db.select().columns("*").from("project_snags").where("project_id", .equal, project.rawValue)
        if let acceptance { query = query.where("acceptance_id", .equal, acceptance.rawValue) }
        return try await query.orderBy("deadline").orderBy("created_at").orderBy("id")
            .all(decoding: SnagRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func insert(_ warranties: [ProjectWarranty]) async throws {
        guard !warranties.isEmpty else { return }
        try await db.insert(into: "project_warranties").models(
            warranties.map(ProjectWarrantyRow.init), nilEncodingStrategy: .asNil
        )
        .run()
    }

    func warranties(of project: ProjectID) async throws -> [ProjectWarranty] {
        try await db.select().columns("*").from("project_warranties").where("project_id", .equal, project.rawValue)
            .orderBy("starts_on").orderBy("ends_on").orderBy("trade_id")
            .all(decoding: ProjectWarrantyRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func warrantiesUnalerted(ending days: ClosedRange<CalendarDate>) async throws -> [ProjectWarranty] {
        try await db.select().columns("*").from("project_warranties").where("alerted_at", .is, SQLLiteral.null)
            .where("ends_on", .greaterThanOrEqual, days.lowerBound.description)
            .where("ends_on", .lessThanOrEqual, days.upperBound.description).orderBy("ends_on").orderBy("trade_id")
            .limit(Self.warrantyBatch)
            .all(decoding: ProjectWarrantyRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func markAlerted(_ warranty: ProjectWarranty, at time: Date) async throws {
        try await db.update("project_warranties").set("alerted_at", to: time)
            .where("trade_id", .equal, warranty.tradeID.rawValue).run()
    }
}
