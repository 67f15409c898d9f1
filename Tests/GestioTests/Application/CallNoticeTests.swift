import Application
import Bootstrap
import Domain
import Foundation
import Testing

/// Sending a call keeps and emails each owner's notice when it can; the call is sent all the same
/// when it cannot.
@Suite("Call-for-funds notices at sending")
struct CallNoticeTests {
    @Test(
        "Without PDFs on this server (no fonts), a call is still sent, with no notices kept",
        arguments: TestDatabase.enabled)
    func sentWithoutRenderer(_ database: TestDatabase) async throws {
        let noFonts: (inout GestioConfiguration) -> Void = { $0.pdfFontDirectory = "/nonexistent-fonts" }
        try await database.withGestio(configure: noFonts) { gestio in
            let (principal, callID) = try await Self.draftCall(gestio)
            let sent = try await gestio.funds.send(callID, as: principal)
            #expect(sent.call.status == .sent)
            #expect(sent.contributions.count == 2)
            let documents = try await gestio.documents.list(
                entityType: nil, entityID: nil, kind: nil, text: nil, page: try PageRequest(), as: principal)
            #expect(documents.totalItems == 0)
        }
    }

    @Test("With PDFs, sending keeps one notice per owner", arguments: TestDatabase.enabled)
    func sentWithNotices(_ database: TestDatabase) async throws {
        try await database.withGestio { gestio in
            let (principal, callID) = try await Self.draftCall(gestio)
            _ = try await gestio.funds.send(callID, as: principal)
            let documents = try await gestio.documents.list(
                entityType: nil, entityID: nil, kind: nil, text: nil, page: try PageRequest(), as: principal)
            #expect(documents.totalItems == 2)
        }
    }

    /// A building of two owners with its working-fund account, and a draft call.
    static func draftCall(_ gestio: Gestio) async throws -> (Principal, CallForFundsID) {
        let organization = try await gestio.identity.createOrganization(name: "Tilleuls")
        let principal = Principal.operator(of: organization.id)
        let building = try await gestio.coOwnership.createBuilding(
            BuildingInput(
                name: "Tilleuls", address: "Rue des Tilleuls 1", city: "Liège", postalCode: "4000", country: "BE",
                totalTantiemes: 1000),
            as: principal)
        let csv = """
            lot_number,lot_type,tantiemes,owner_name,owner_email,share,start_date
            A,apartment,600,Anna Wiśniewski,anna@example.com,1,2020-01-01
            B,apartment,400,Bram Peeters,bram@example.com,1,2020-01-01

            """
        _ = try await gestio.coOwnership.importStructure(into: building.id, csv: csv, as: principal)
        _ = try await gestio.coOwnership.updateBuilding(
            building.id, BuildingPatch(workingFundIBAN: "BE68539007547034"), as: principal)
        let draft = try await gestio.funds.create(
            in: building.id,
            CallForFundsInput(
                title: "T1", period: "quarterly", ordinary: Money(minorUnits: 1_000_00),
                extraordinary: Money(minorUnits: 0), callDate: "2026-01-05", dueDate: "2026-02-05"),
            as: principal)
        return (principal, draft.call.id)
    }
}
