import Application
import Domain
import Foundation
import SQLKit

struct AppointmentLinkRow: Codable {
    let tokenHash: String
    let organizationId, appointmentId: UUID
    let action: String
    let expiresAt: Date
    let usedAt: Date?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case action
        case tokenHash = "token_hash"
        case organizationId = "organization_id"
        case appointmentId = "appointment_id"
        case expiresAt = "expires_at"
        case usedAt = "used_at"
        case createdAt = "created_at"
    }
}

struct SQLAppointmentLinkRepository: AppointmentLinkRepository {
    let db: any SQLDatabase

    func insert(_ link: AppointmentLink, at now: Date) async throws {
        let row = AppointmentLinkRow(
            tokenHash: link.tokenHash, organizationId: link.organizationID.rawValue,
            appointmentId: link.appointmentID.rawValue, action: link.action.rawValue, expiresAt: link.expiresAt,
            usedAt: link.usedAt, createdAt: now)
        try await db.insert(into: "appointment_links").model(row, nilEncodingStrategy: .asNil).run()
    }

    func find(tokenHash: String) async throws -> AppointmentLink? {
        guard
            let row = try await db.select().columns("*").from("appointment_links")
                .where("token_hash", .equal, tokenHash)
                .first(decoding: AppointmentLinkRow.self, with: rowDecoder)
        else { return nil }
        guard let action = AppointmentLinkAction(rawValue: row.action) else {
            throw CorruptRow(table: "appointment_links", reason: "action of a link to \(row.appointmentId)")
        }
        return AppointmentLink(
            tokenHash: row.tokenHash, organizationID: OrganizationID(row.organizationId),
            appointmentID: AppointmentID(row.appointmentId), action: action, expiresAt: row.expiresAt,
            usedAt: row.usedAt)
    }

    func markUsed(tokenHash: String, at now: Date) async throws -> Bool {
        try await !db.update("appointment_links").set("used_at", to: now).where("token_hash", .equal, tokenHash)
            .where("used_at", .is, SQLLiteral.null).returning("token_hash").all().isEmpty
    }
}

struct SQLInspectionReminderRepository: InspectionReminderRepository {
    let db: any SQLDatabase

    func appointmentsToRemind(after: Date, until: Date) async throws -> [Appointment] {
        try await db.raw(
            """
            SELECT * FROM appointments a
            WHERE a.status = 'confirmed' AND a.starts_at > \(bind: after) AND a.starts_at <= \(bind: until)
              AND NOT EXISTS (SELECT 1 FROM appointment_reminders r WHERE r.appointment_id = a.id)
            ORDER BY a.starts_at, a.id LIMIT 500
            """
        ).all(decoding: AppointmentRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func markReminded(_ appointment: AppointmentID, organization: OrganizationID, at now: Date) async throws {
        try await db.raw(
            """
            INSERT INTO appointment_reminders (appointment_id, organization_id, sent_at)
            VALUES (\(bind: appointment.rawValue), \(bind: organization.rawValue), \(bind: now))
            ON CONFLICT (appointment_id) DO NOTHING
            """
        ).run()
    }

    func inspectionsDue(from: CalendarDate, to: CalendarDate) async throws -> [VehicleInspection] {
        try await db.raw(
            """
            SELECT * FROM vehicle_inspections v
            WHERE v.status = 'completed' AND v.next_due >= \(bind: from.description)
              AND v.next_due <= \(bind: to.description)
              AND NOT EXISTS (
                SELECT 1 FROM vehicle_inspections later WHERE later.vehicle_id = v.vehicle_id
                  AND later.status = 'completed' AND later.completed_on > v.completed_on)
              AND NOT EXISTS (
                SELECT 1 FROM vehicle_due_reminders r WHERE r.vehicle_id = v.vehicle_id AND r.due_on = v.next_due)
            ORDER BY v.next_due, v.id LIMIT 500
            """
        ).all(decoding: VehicleInspectionRow.self, with: rowDecoder).map { try $0.domain() }
    }

    func markDueReminded(_ vehicle: VehicleID, due: CalendarDate, organization: OrganizationID, at now: Date)
        async throws
    {
        try await db.raw(
            """
            INSERT INTO vehicle_due_reminders (vehicle_id, due_on, organization_id, sent_at)
            VALUES (\(bind: vehicle.rawValue), \(bind: due.description), \(bind: organization.rawValue), \(bind: now))
            ON CONFLICT (vehicle_id, due_on) DO NOTHING
            """
        ).run()
    }
}
