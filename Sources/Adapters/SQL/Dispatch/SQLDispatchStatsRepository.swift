import Application
import Domain
import Foundation
import SQLKit

struct SQLDispatchStatsRepository: DispatchStatsRepository {
    let db: any SQLDatabase

    private struct TallyRow: Decodable {
        let taxiId: UUID?
        let statut: String
        let count: Int
        let minutes: Int?

        enum CodingKeys: String, CodingKey {
            case statut, count, minutes
            case taxiId = "taxi_id"
        }
    }

    func tallies(of organization: OrganizationID, from: Date, to: Date) async throws -> [RideTally] {
        try await db.select().column("taxi_id").column("statut")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
            .column(SQLFunction("SUM", args: SQLColumn("duree_minutes")), as: "minutes")
            .from("commandes").where("organization_id", .equal, organization.rawValue)
            .where("date_iso", .greaterThanOrEqual, from).where("date_iso", .lessThan, to)
            .groupBy("taxi_id").groupBy("statut")
            .all(decoding: TallyRow.self, with: rowDecoder)
            .compactMap { row in
                Commande.Status(rawValue: row.statut).map {
                    RideTally(
                        taxiID: row.taxiId.map(TaxiID.init), status: $0, count: row.count, minutes: row.minutes ?? 0)
                }
            }
    }

    func pickupTimes(of organization: OrganizationID, from: Date, to: Date) async throws -> [Date] {
        try await db.select().column("date_iso").from("commandes")
            .where("organization_id", .equal, organization.rawValue)
            .where("date_iso", .greaterThanOrEqual, from).where("date_iso", .lessThan, to)
            .where("statut", .notEqual, Commande.Status.annulee.rawValue)
            .all().map { try $0.decode(column: "date_iso", as: Date.self) }
    }

    func figures(driver: UserID, in organization: OrganizationID, from: Date, to: Date) async throws -> DriverFigures {
        let rides = try await db.select()
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
            .column(SQLFunction("SUM", args: SQLColumn("duree_minutes")), as: "minutes")
            .from("commandes").where("organization_id", .equal, organization.rawValue)
            .where("chauffeur_id", .equal, driver.rawValue)
            .where("statut", .equal, Commande.Status.terminee.rawValue)
            .where("date_iso", .greaterThanOrEqual, from).where("date_iso", .lessThan, to)
            .first()
        let answers = try await db.select().column("statut")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
            .from("demandes").where("organization_id", .equal, organization.rawValue)
            .where("chauffeur_id", .equal, driver.rawValue)
            .where("answered_at", .greaterThanOrEqual, from).where("answered_at", .lessThan, to)
            .groupBy("statut").all()
        var figures = DriverFigures(
            ridesDone: try rides?.decode(column: "count", as: Int.self) ?? 0,
            minutesDriven: try rides?.decode(column: "minutes", as: Int?.self) ?? 0)
        for row in answers {
            let count = try row.decode(column: "count", as: Int.self)
            switch Demande.Status(rawValue: try row.decode(column: "statut", as: String.self)) {
            case .acceptee: figures.offersAccepted = count
            case .refusee: figures.offersRefused = count
            default: break
            }
        }
        return figures
    }

    private struct SnapshotRow: Codable {
        let organizationId: UUID
        let chauffeurId: UUID
        let weekStart: Date
        let ridesDone: Int
        let minutesDriven: Int
        let offersAccepted: Int
        let offersRefused: Int
        let takenAt: Date

        enum CodingKeys: String, CodingKey {
            case organizationId = "organization_id"
            case chauffeurId = "chauffeur_id"
            case weekStart = "week_start"
            case ridesDone = "rides_done"
            case minutesDriven = "minutes_driven"
            case offersAccepted = "offers_accepted"
            case offersRefused = "offers_refused"
            case takenAt = "taken_at"
        }
    }

    func snapshot(driver: UserID, in organization: OrganizationID, weekStart: Date) async throws -> DriverFigures? {
        try await db.select().columns("*").from("driver_weekly_stats")
            .where("organization_id", .equal, organization.rawValue).where("chauffeur_id", .equal, driver.rawValue)
            .where("week_start", .equal, weekStart)
            .first(decoding: SnapshotRow.self, with: rowDecoder)
            .map {
                DriverFigures(
                    ridesDone: $0.ridesDone, minutesDriven: $0.minutesDriven, offersAccepted: $0.offersAccepted,
                    offersRefused: $0.offersRefused)
            }
    }

    func saveSnapshot(
        _ figures: DriverFigures, driver: UserID, in organization: OrganizationID, weekStart: Date, at now: Date
    ) async throws -> Bool {
        let row = SnapshotRow(
            organizationId: organization.rawValue, chauffeurId: driver.rawValue, weekStart: weekStart,
            ridesDone: figures.ridesDone, minutesDriven: figures.minutesDriven, offersAccepted: figures.offersAccepted,
            offersRefused: figures.offersRefused, takenAt: now)
        let inserted = try await db.insert(into: "driver_weekly_stats").model(row)
            .ignoringConflicts(with: ["organization_id", "chauffeur_id", "week_start"])
            .returning("week_start").all()
        return !inserted.isEmpty
    }

    func drivers() async throws -> [(OrganizationID, UserID)] {
        try await db.select().distinct().column("organization_id").column("user_id").from("membership_roles")
            .where("role", .equal, Role.chauffeur.rawValue).all()
            .map {
                (
                    OrganizationID(try $0.decode(column: "organization_id", as: UUID.self)),
                    UserID(try $0.decode(column: "user_id", as: UUID.self))
                )
            }
    }
}
