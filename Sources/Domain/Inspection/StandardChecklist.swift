/// The control points a centre starts from, by the chapters of Annex I of the EU roadworthiness
/// directive 2014/45, worded in French as Belgian certificates are (0 identification … 9 passenger vehicles): a centre's first checklist for a
/// service and category when it has written none. Codes follow the annex's numbering.
public enum StandardChecklist {
    /// The annex's chapters, by number.
    public static let chapters: [String: String] = [
        "0": "Identification", "1": "Freinage", "2": "Direction", "3": "Visibilité",
        "4": "Feux, catadioptres et équipements électriques", "5": "Essieux, roues, pneumatiques et suspension",
        "6": "Châssis et carrosserie", "7": "Autres équipements", "8": "Nuisances", "9": "Transport de personnes",
    ]

    private static let common: [(code: String, label: String)] = [
        ("0.1", "Plaques d'immatriculation"),
        ("0.2", "Numéro d'identification (VIN)"),
        ("1.1", "État des organes de freinage"),
        ("1.2", "Efficacité du frein de service (%)"),
        ("1.4", "Efficacité du frein de stationnement (%)"),
        ("2.1", "État mécanique de la direction"),
        ("2.2", "Volant, colonne et guidon"),
        ("3.1", "Champ de vision"),
        ("3.2", "État des vitrages"),
        ("3.3", "Rétroviseurs"),
        ("3.4", "Essuie-glaces et lave-glaces"),
        ("4.1", "Projecteurs (état, réglage, commutation)"),
        ("4.3", "Feux stop"),
        ("4.5", "Indicateurs de direction et feux de détresse"),
        ("4.11", "Câblage électrique"),
        ("5.1", "Essieux"),
        ("5.2", "Roues et pneumatiques"),
        ("5.3", "Suspension"),
        ("6.1", "Châssis ou cadre et fixations"),
        ("6.2", "Cabine et carrosserie"),
        ("7.1", "Ceintures de sécurité et boucles"),
        ("7.7", "Avertisseur sonore"),
        ("7.10", "Compteur de vitesse et odomètre"),
        ("8.1", "Bruit"),
        ("8.2", "Émissions à l'échappement (CO % ou opacité m⁻¹)"),
    ]

    private static let passengers: [(code: String, label: String)] = [
        ("9.1", "Issues de secours"),
        ("9.3", "Sièges et plancher des passagers"),
    ]

    /// The points for a category: every vehicle's, with chapter 9 for minibuses and buses, and
    /// without the steering wheel and emissions for trailers.
    public static func points(for category: VehicleCategory) -> [ControlPoint] {
        var list = common
        switch category {
        case .m2, .m3: list += passengers
        case .o: list.removeAll { ["2.2", "3.1", "3.2", "3.3", "3.4", "7.7", "7.10", "8.1", "8.2"].contains($0.code) }
        default: break
        }
        return list.compactMap { point in
            let chapter = chapters[String(point.code.prefix { $0 != "." })] ?? "Autres équipements"
            return try? ControlPoint(code: point.code, chapter: chapter, label: point.label)
        }
    }
}
