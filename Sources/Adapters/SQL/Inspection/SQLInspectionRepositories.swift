import Application
import Domain
import Foundation
import SQLKit

/// Hours as JSON (`{"monday": ["08:00-12:00"]}`), read back through the Domain's own parsing.
private enum HoursColumn {
    static func text(_ hours: WeeklyHours) throws -> String {
        String(decoding: try JSONEncoder().encode(hours.named), as: UTF8.self)
    }

    static func hours(_ text: String, table: String, row: String) throws -> WeeklyHours {
        guard let named = try? JSONDecoder().decode([String: [String]].self, from: Data(text.utf8)),
            let hours = try? WeeklyHours(parsing: named)
        else { throw CorruptRow(table: table, reason: "hours of \(row)") }
        return hours
    }
}

func categorySet(_ text: String, table: String, row: UUID) throws -> Set<VehicleCategory> {
    Set(
        try text.split(separator: "\n").map {
            guard let category = VehicleCategory(rawValue: String($0)) else {
                throw CorruptRow(table: table, reason: "category of \(row)")
            }
            return category
        })
}

private func text(_ categories: Set<VehicleCategory>) -> String {
    categories.map(\.rawValue).sorted().joined(separator: "\n")
}

struct CentreRow: Codable {
    let id: UUID
    let organizationId: UUID
    let name, slug, address: String
    let timeZone: String
    let hours: String
    let closures: String
    let closedOnPublicHolidays: Bool
    let freeCancellationHours: Int
    let lateCancellationFeePercent: Int
    let prepaymentRequired: Bool
    let holdMinutes: Int
    let reinspectionDays: Int
    let vatNumber: String?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, slug, address, hours, closures
        case organizationId = "organization_id"
        case timeZone = "time_zone"
        case closedOnPublicHolidays = "closed_on_public_holidays"
        case freeCancellationHours = "free_cancellation_hours"
        case lateCancellationFeePercent = "late_cancellation_fee_percent"
        case prepaymentRequired = "prepayment_required"
        case holdMinutes = "hold_minutes"
        case reinspectionDays = "reinspection_days"
        case vatNumber = "vat_number"
        case createdAt = "created_at"
    }

    init(_ centre: Centre) throws {
        id = centre.id.rawValue
        organizationId = centre.organizationID.rawValue
        name = centre.name
        slug = centre.slug
        address = centre.address
        timeZone = centre.timeZone.identifier
        hours = try HoursColumn.text(centre.hours)
        closures = centre.closures.sorted().map(\.description).joined(separator: "\n")
        closedOnPublicHolidays = centre.closedOnPublicHolidays
        freeCancellationHours = centre.policy.cancellation.freeUntilHoursBefore
        lateCancellationFeePercent = centre.policy.lateCancellationFeePercent
        prepaymentRequired = centre.policy.prepaymentRequired
        holdMinutes = centre.policy.holdMinutes
        reinspectionDays = centre.rules.reinspectionDays
        vatNumber = centre.vatNumber?.value
        createdAt = centre.createdAt
    }

    func domain() throws -> Centre {
        let days = try closures.split(separator: "\n").map {
            guard let day = try? CalendarDate(parsing: String($0)) else {
                throw CorruptRow(table: "centres", reason: "closure of \(id)")
            }
            return day
        }
        var centre = try Centre(
            id: CentreID(id), organizationID: OrganizationID(organizationId), name: name, slug: slug, address: address,
            timeZone: timeZone, hours: try HoursColumn.hours(hours, table: "centres", row: id.uuidString),
            closures: Set(days), closedOnPublicHolidays: closedOnPublicHolidays,
            policy: try AppointmentPolicy(
                freeCancellationHours: freeCancellationHours, lateCancellationFeePercent: lateCancellationFeePercent,
                prepaymentRequired: prepaymentRequired, holdMinutes: holdMinutes),
            createdAt: createdAt)
        centre.rules = try InspectionRules(reinspectionDays: reinspectionDays)
        if let vatNumber {
            guard let number = VATNumber(vatNumber) else {
                throw CorruptRow(table: "centres", reason: "VAT number of \(id)")
            }
            centre.vatNumber = number
        }
        return centre
    }
}

struct SQLCentreRepository: CentreRepository {
    let db: any SQLDatabase
    let dialect: SQLDialect

    func insert(_ centre: Centre) async throws {
        do {
            try await db.insert(into: "centres").model(try CentreRow(centre)).run()
        } catch  where dialect.isUniqueViolation(error) {
            throw InspectionError.slugTaken(centre.slug)
        }
    }

    func find(_ id: CentreID) async throws -> Centre? {
        try await db.select().columns("*").from("centres").where("id", .equal, id.rawValue)
            .first(decoding: CentreRow.self, with: rowDecoder)?.domain()
    }

    func find(slug: String) async throws -> Centre? {
        try await db.select().columns("*").from("centres").where("slug", .equal, slug)
            .first(decoding: CentreRow.self, with: rowDecoder)?.domain()
    }

    func update(_ centre: Centre) async throws {
        let row = try CentreRow(centre)
        try await db.update("centres").set("hours", to: row.hours).set("closures", to: row.closures)
            .set("closed_on_public_holidays", to: row.closedOnPublicHolidays)
            .set("free_cancellation_hours", to: row.freeCancellationHours)
            .set("late_cancellation_fee_percent", to: row.lateCancellationFeePercent)
            .set("prepayment_required", to: row.prepaymentRequired).set("hold_minutes", to: row.holdMinutes)
            .set("reinspection_days", to: row.reinspectionDays)
            .set("vat_number", to: row.vatNumber).where("id", .equal, row.id).run()
    }

    func list(of organization: OrganizationID) async throws -> [Centre] {
        try await db.select().columns("*").from("centres").where("organization_id", .equal, organization.rawValue)
            .orderBy("name").orderBy("id").limit(1000)
            .all(decoding: CentreRow.self, with: rowDecoder).map { try $0.domain() }
    }
}

struct LaneRow: Codable {
    let id: UUID
    let centreId: UUID
    let organizationId: UUID
    let name: String
    let categories: String

    enum CodingKeys: String, CodingKey {
        case id, name, categories
        case centreId = "centre_id"
        case organizationId = "organization_id"
    }
}

struct SQLLaneRepository: LaneRepository {
    let db: any SQLDatabase

    func insert(_ lane: Lane, organization: OrganizationID) async throws {
        try await db.insert(into: "centre_lanes")
            .model(
                LaneRow(
                    id: lane.id.rawValue, centreId: lane.centreID.rawValue, organizationId: organization.rawValue,
                    name: lane.name,
                    categories: text(lane.categories))
            ).run()
    }

    func list(of centre: CentreID) async throws -> [Lane] {
        try await db.select().columns("*").from("centre_lanes").where("centre_id", .equal, centre.rawValue)
            .orderBy("name").orderBy("id").limit(1000)
            .all(decoding: LaneRow.self, with: rowDecoder).map { row in
                try Lane(
                    id: LaneID(row.id), centreID: CentreID(row.centreId), name: row.name,
                    categories: try categorySet(row.categories, table: "centre_lanes", row: row.id))
            }
    }
}

struct InspectionOfferRow: Codable {
    let id: UUID
    let centreId: UUID
    let organizationId: UUID
    let kind, name, durations: String
    let price: Int64
    let vatRate: Int

    enum CodingKeys: String, CodingKey {
        case id, kind, name, durations, price
        case centreId = "centre_id"
        case organizationId = "organization_id"
        case vatRate = "vat_rate"
    }

    func domain() throws -> InspectionOffer {
        var minutes: [VehicleCategory: Int] = [:]
        for line in durations.split(separator: "\n") {
            let parts = line.split(separator: "=")
            guard parts.count == 2, let category = VehicleCategory(rawValue: String(parts[0])),
                let value = Int(parts[1])
            else { throw CorruptRow(table: "centre_services", reason: "durations of \(id)") }
            minutes[category] = value
        }
        guard let kind = InspectionOffer.Kind(rawValue: kind) else {
            throw CorruptRow(table: "centre_services", reason: "kind of \(id)")
        }
        return try InspectionOffer(
            id: InspectionOfferID(id), centreID: CentreID(centreId), kind: kind, name: name, durations: minutes,
            price: Money(minorUnits: price), vatRateBasisPoints: vatRate)
    }
}

struct SQLInspectionOfferRepository: InspectionOfferRepository {
    let db: any SQLDatabase

    func insert(_ offer: InspectionOffer, organization: OrganizationID) async throws {
        try await db.insert(into: "centre_services")
            .model(
                InspectionOfferRow(
                    id: offer.id.rawValue, centreId: offer.centreID.rawValue, organizationId: organization.rawValue,
                    kind: offer.kind.rawValue,
                    name: offer.name,
                    durations: offer.durations.map { "\($0.key.rawValue)=\($0.value)" }.sorted().joined(
                        separator: "\n"),
                    price: offer.price.minorUnits, vatRate: offer.vatRateBasisPoints)
            ).run()
    }

    func find(_ id: InspectionOfferID) async throws -> InspectionOffer? {
        try await db.select().columns("*").from("centre_services").where("id", .equal, id.rawValue)
            .first(decoding: InspectionOfferRow.self, with: rowDecoder)?.domain()
    }

    func list(of centre: CentreID) async throws -> [InspectionOffer] {
        try await db.select().columns("*").from("centre_services").where("centre_id", .equal, centre.rawValue)
            .orderBy("name").orderBy("id").limit(1000)
            .all(decoding: InspectionOfferRow.self, with: rowDecoder).map { try $0.domain() }
    }
}

struct InspectorScheduleRow: Codable {
    let centreId: UUID
    let inspectorId: UUID
    let organizationId: UUID
    let hours, absences, categories: String

    enum CodingKeys: String, CodingKey {
        case hours, absences, categories
        case centreId = "centre_id"
        case inspectorId = "inspector_id"
        case organizationId = "organization_id"
    }

    func domain() throws -> InspectorSchedule {
        let away = try absences.split(separator: "\n").map { line in
            let parts = line.split(separator: "/").map(String.init)
            guard parts.count == 3, let from = try? CalendarDate(parsing: parts[0]),
                let to = try? CalendarDate(parsing: parts[1]),
                let reason = InspectorSchedule.Absence.Reason(rawValue: parts[2])
            else { throw CorruptRow(table: "inspector_schedules", reason: "absence of \(inspectorId)") }
            return try InspectorSchedule.Absence(from: from, to: to, reason: reason)
        }
        return try InspectorSchedule(
            inspectorID: UserID(inspectorId), centreID: CentreID(centreId),
            weekly: try HoursColumn.hours(hours, table: "inspector_schedules", row: inspectorId.uuidString),
            absences: away,
            categories: try categorySet(categories, table: "inspector_schedules", row: inspectorId))
    }
}

struct SQLInspectorScheduleRepository: InspectorScheduleRepository {
    let db: any SQLDatabase

    func save(_ schedule: InspectorSchedule, organization: OrganizationID) async throws {
        try await db.delete(from: "inspector_schedules").where("centre_id", .equal, schedule.centreID.rawValue)
            .where("inspector_id", .equal, schedule.inspectorID.rawValue).run()
        try await db.insert(into: "inspector_schedules")
            .model(
                InspectorScheduleRow(
                    centreId: schedule.centreID.rawValue, inspectorId: schedule.inspectorID.rawValue,
                    organizationId: organization.rawValue, hours: try HoursColumn.text(schedule.weekly),
                    absences: schedule.absences.map { "\($0.from)/\($0.to)/\($0.reason.rawValue)" }.joined(
                        separator: "\n"),
                    categories: text(schedule.categories))
            ).run()
    }

    func list(of centre: CentreID) async throws -> [InspectorSchedule] {
        try await db.select().columns("*").from("inspector_schedules").where("centre_id", .equal, centre.rawValue)
            .orderBy("inspector_id").limit(1000)
            .all(decoding: InspectorScheduleRow.self, with: rowDecoder).map { try $0.domain() }
    }
}
