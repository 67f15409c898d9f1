import Application
import Domain
import Foundation
import PDFAdapters

/// The registration cards of `Tests/Fixtures/ocr/registration-cards.json`, rendered by the tests
/// from their known text: a PDF through the production renderer (with the card's QR code when it
/// has one), then a page image through poppler, degraded as each asks.
struct RegistrationCardFixture: Decodable, Sendable {
    let name: String
    /// `fr` or `nl`: the card's headings.
    let language: String
    /// As for the invoices: `clean`, `skewed`, `noisy`, `low-res`, `rotated` or `noisy-skewed`.
    let degradation: String
    /// Whether the card carries its fields in a QR code too.
    let qr: Bool
    /// `lines` (a field a line) or `grouped` (the P fields on one line).
    let layout: String
    let plate: String
    let firstRegistration: String
    let holder: [String]
    let make: String
    let type: String
    let commercialName: String
    let vin: String
    let category: String
    let cylinderCapacity: String?
    let powerKW: String
    let fuel: String
    let roadworthiness: String?

    enum CodingKeys: String, CodingKey {
        case name, language, degradation, qr, layout, plate, holder, make, type, vin, category, fuel, roadworthiness
        case firstRegistration = "first_registration"
        case commercialName = "commercial_name"
        case cylinderCapacity = "cylinder_capacity"
        case powerKW = "power_kw"
    }

    static func all() throws -> [RegistrationCardFixture] {
        try JSONDecoder().decode(
            [RegistrationCardFixture].self,
            from: Data(contentsOf: InvoiceFixture.directory.appendingPathComponent("registration-cards.json")))
    }

    static func named(_ name: String) throws -> RegistrationCardFixture {
        guard let card = try all().first(where: { $0.name == name }) else {
            throw FixtureError(description: "no registration card \(name) in the fixtures")
        }
        return card
    }

    var isClean: Bool { degradation == "clean" }

    /// `14/03/2019` or `14.03.2019` as `2019-03-14`.
    static func iso(_ printed: String) -> String {
        let parts = printed.split(whereSeparator: { "/.".contains($0) }).map(String.init)
        return "\(parts[2])-\(parts[1])-\(parts[0])"
    }

    /// The fields a reading should find, by name, as the vehicle takes them.
    var truth: [String: String] {
        var fields = [
            "plate": plate, "first_registration": Self.iso(firstRegistration), "make": make, "type": type,
            "commercial_name": commercialName, "vin": vin, "category": category, "power_kw": powerKW,
            "fuel": Self.fuels[fuel] ?? fuel,
        ]
        fields["cylinder_capacity"] = cylinderCapacity
        fields["roadworthiness"] = roadworthiness.map(Self.iso)
        return fields
    }

    static let fuels = [
        "ESSENCE": "petrol", "DIESEL": "diesel", "HYBRIDE BENZINE": "hybrid", "ELEKTRISCH": "electric", "LPG": "lpg",
    ]

    /// The code printed on the card: its fields as `code=value`, separated by `;`.
    var codePayload: String {
        var parts = [
            "A=\(plate)", "B=\(Self.iso(firstRegistration))", "D.1=\(make)", "D.2=\(type)", "D.3=\(commercialName)",
            "E=\(vin)", "J=\(category)",
        ]
        if let cylinderCapacity { parts.append("P.1=\(cylinderCapacity)") }
        parts += ["P.2=\(powerKW)", "P.3=\(fuel)"]
        if let roadworthiness { parts.append("X.1=\(Self.iso(roadworthiness))") }
        return parts.joined(separator: ";")
    }

    var printDocument: PrintDocument {
        get throws {
            let dutch = language == "nl"
            var blocks: [PrintDocument.Block] = [
                .heading(dutch ? "INSCHRIJVINGSBEWIJS" : "CERTIFICAT D'IMMATRICULATION"),
                .paragraph("A   \(plate)"),
                .paragraph("B   \(firstRegistration)"),
                .paragraph("C.1.1   \(holder[0])"),
                .paragraph("C.1.2   \(holder[1])"),
                .paragraph("C.1.3   \(holder[2])"),
                .paragraph("D.1   \(make)"),
                .paragraph("D.2   \(type)"),
                .paragraph("D.3   \(commercialName)"),
                .paragraph("E   \(vin)"),
                .paragraph("J   \(category)"),
            ]
            let power = [cylinderCapacity.map { "P.1   \($0)" }, "P.2   \(powerKW)", "P.3   \(fuel)"].compactMap { $0 }
            if layout == "grouped" {
                blocks.append(.paragraph(power.joined(separator: "      ")))
            } else {
                blocks += power.map { .paragraph($0) }
            }
            if let roadworthiness { blocks.append(.paragraph("X.1   \(roadworthiness)")) }
            if qr {
                blocks.append(
                    .qrCode(
                        try LibQREncoder().encode(codePayload),
                        caption: dutch ? "Gegevens van het voertuig" : "Données du véhicule"))
            }
            return PrintDocument(
                title: dutch ? "KONINKRIJK BELGIË" : "ROYAUME DE BELGIQUE", blocks: blocks,
                footer: dutch ? "Dienst Inschrijving Voertuigen" : "Direction pour l'Immatriculation des Véhicules")
        }
    }

    func pdf() throws -> [UInt8] { try HaruRenderer().render(try printDocument) }

    /// The card as a scan, degraded as the fixture asks.
    func image() async throws -> (png: [UInt8], dpi: Int) {
        try await GrayImage.scan(of: try pdf(), degradation: degradation, seed: name)
    }

    /// The clean card as a compressed PNG, for uploads.
    func scanPNG() async throws -> [UInt8] { try await GrayImage.compressedPNG(of: try pdf(), dpi: 300) }
}
