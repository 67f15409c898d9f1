import Application
import Domain
import Foundation
import SQLKit

struct SQLReserveFundRepository: ReserveFundRepository {
    let db: any SQLDatabase

    func provisionalAcceptance(of building: BuildingID) async throws -> CalendarDate? {
        let raw = try await db.select().column("provisional_acceptance_date").from("reserve_fund_settings")
            .where("building_id", .equal, building.rawValue).first()?
            .decode(column: "provisional_acceptance_date", as: String?.self)
        return try raw.flatMap { $0 }.map { try CalendarDate(parsing: $0) }
    }

    func setProvisionalAcceptance(_ date: CalendarDate?, of building: BuildingID, at now: Date) async throws {
        try await db.raw(
            """
            INSERT INTO reserve_fund_settings (building_id, organization_id, provisional_acceptance_date, updated_at)
            SELECT id, organization_id, \(bind: date?.description), \(bind: now)
            FROM buildings WHERE id = \(bind: building.rawValue)
            ON CONFLICT (building_id) DO UPDATE SET provisional_acceptance_date = excluded.provisional_acceptance_date,
                updated_at = excluded.updated_at
            """
        ).run()
    }

    func waive(_ fiscalYear: Int, of building: BuildingID, by resolution: ResolutionID, at now: Date) async throws {
        try await db.raw(
            """
            INSERT INTO reserve_fund_waivers (building_id, organization_id, fiscal_year, resolution_id, waived_at)
            SELECT id, organization_id, \(bind: fiscalYear), \(bind: resolution.rawValue), \(bind: now)
            FROM buildings WHERE id = \(bind: building.rawValue)
            ON CONFLICT (building_id, fiscal_year) DO NOTHING
            """
        ).run()
    }

    func waivedYears(of building: BuildingID) async throws -> Set<Int> {
        Set(
            try await db.select().column("fiscal_year").from("reserve_fund_waivers")
                .where("building_id", .equal, building.rawValue).all()
                .map { try $0.decode(column: "fiscal_year", as: Int.self) })
    }
}
