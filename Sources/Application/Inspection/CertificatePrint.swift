import Domain
import Foundation

/// The certificate of a completed vehicle inspection as a print, in French (the centre's
/// customers' language here): centre, vehicle, verdict, defects by chapter, next due date or
/// re-inspection deadline, inspector, and the QR code of its verification link.
struct CertificatePrint {
    let view: VehicleInspectionView
    let centre: Centre
    let vehicle: Vehicle
    let inspector: String
    let qrCode: QRCode
    let link: String
    let code: String
    /// The code of the certificate this one replaces, for a correction.
    let replaces: String?

    static func verdict(_ result: InspectionResult) -> String {
        switch result {
        case .favorable: "FAVORABLE"
        case .favorableWithRemarks: "FAVORABLE AVEC REMARQUES"
        case .unfavorable: "DÉFAVORABLE — contre-visite obligatoire"
        case .prohibited: "INTERDIT À LA CIRCULATION — uniquement vers un garage"
        }
    }

    static func severity(_ severity: DefectSeverity) -> String {
        switch severity {
        case .minor: "mineur"
        case .major: "majeur"
        case .dangerous: "dangereux"
        }
    }

    var document: PrintDocument {
        let inspection = view.inspection
        let defects: [[String]] = inspection.pointCodes.compactMap { code in
            guard case .defect(let defect) = inspection.outcomes[code] else { return nil }
            let point = view.checklist.point(code)
            return [
                point?.chapter ?? "", "\(code) \(point?.label ?? "")", Self.severity(defect.severity),
                defect.measured.map { String(format: "%.1f", $0) } ?? "",
            ]
        }
        var identity = [["Plaque", vehicle.plate.value], ["Catégorie", vehicle.category.rawValue]]
        if let vin = vehicle.vin { identity.append(["Numéro de châssis (VIN)", vin.value]) }
        let model = [vehicle.make, vehicle.model].compactMap { $0 }.joined(separator: " ")
        if !model.isEmpty { identity.append(["Marque et modèle", model]) }
        if let first = vehicle.firstRegistration { identity.append(["Première immatriculation", first.description]) }
        if let mileage = inspection.mileage { identity.append(["Kilométrage", "\(mileage) km"]) }
        var blocks: [PrintDocument.Block] = [
            .paragraph("Centre : \(centre.name), \(centre.address)"),
            .heading("Véhicule"),
            .table(PrintDocument.Table(headers: ["", ""], rows: identity, widths: [1, 2])),
            .heading("Résultat : \(inspection.result.map(Self.verdict) ?? "")"),
            .paragraph("Contrôlé le \(inspection.completedOn?.description ?? "") par \(inspector)."),
        ]
        if let replaces {
            blocks.append(
                .paragraph("Ce certificat rectifié remplace le certificat \(replaces), qui n'est plus valable."))
        }
        if let due = inspection.nextDue {
            blocks.append(.paragraph("Prochain contrôle périodique avant le \(due)."))
        }
        if let deadline = view.reinspectionDeadline {
            blocks.append(.paragraph("Contre-visite des points défaillants avant le \(deadline)."))
        }
        blocks.append(.heading("Défauts constatés"))
        blocks.append(
            defects.isEmpty
                ? .paragraph("Aucun défaut constaté.")
                : .table(
                    PrintDocument.Table(
                        headers: ["Chapitre", "Point", "Gravité", "Mesure"], rows: defects, widths: [1.4, 2.6, 1, 0.8],
                        rightAligned: [3])))
        blocks.append(.qrCode(qrCode, caption: "Vérifier l'authenticité de ce certificat : \(link)"))
        return PrintDocument(
            title: "Certificat de contrôle technique", blocks: blocks, footer: "\(centre.name) — certificat \(code)")
    }
}
