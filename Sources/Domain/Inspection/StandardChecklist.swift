/// The control points a centre starts from, by the chapters of Annex I of the EU roadworthiness
/// directive 2014/45 (0 identification … 9 passenger vehicles): a centre's first checklist for a
/// service and category when it has written none. Codes follow the annex's numbering.
public enum StandardChecklist {
    /// The annex's chapters, by number.
    public static let chapters: [String: String] = [
        "0": "Identification", "1": "Brakes", "2": "Steering", "3": "Visibility",
        "4": "Lamps, reflectors and electrical equipment", "5": "Axles, wheels, tyres and suspension",
        "6": "Chassis and body", "7": "Other equipment", "8": "Nuisance", "9": "Passenger vehicles",
    ]

    private static let common: [(code: String, label: String)] = [
        ("0.1", "Number plates"),
        ("0.2", "Vehicle identification number (VIN)"),
        ("1.1", "Condition of the braking system's parts"),
        ("1.2", "Service brake performance and efficiency (%)"),
        ("1.4", "Parking brake performance and efficiency (%)"),
        ("2.1", "Mechanical condition of the steering"),
        ("2.2", "Steering wheel, column and handlebar"),
        ("3.1", "Field of vision"),
        ("3.2", "Condition of the glazing"),
        ("3.3", "Rear-view mirrors"),
        ("3.4", "Windscreen wipers and washers"),
        ("4.1", "Headlamps (condition, aim, switching)"),
        ("4.3", "Stop lamps"),
        ("4.5", "Direction indicators and hazard warning lamps"),
        ("4.11", "Electrical wiring"),
        ("5.1", "Axles"),
        ("5.2", "Wheels and tyres"),
        ("5.3", "Suspension"),
        ("6.1", "Chassis or frame and attachments"),
        ("6.2", "Cab and bodywork"),
        ("7.1", "Seat belts and their buckles"),
        ("7.7", "Horn"),
        ("7.10", "Speedometer and odometer"),
        ("8.1", "Noise"),
        ("8.2", "Exhaust emissions (CO % or opacity m⁻¹)"),
    ]

    private static let passengers: [(code: String, label: String)] = [
        ("9.1", "Emergency exits"),
        ("9.3", "Seats and passenger floor"),
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
            let chapter = chapters[String(point.code.prefix { $0 != "." })] ?? "Other equipment"
            return try? ControlPoint(code: point.code, chapter: chapter, label: point.label)
        }
    }
}
