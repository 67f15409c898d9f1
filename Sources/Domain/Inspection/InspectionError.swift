/// Why the inspection centre refused, beyond invalid values.
public enum InspectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Another centre has this public page name already.
    case slugTaken(String)
    /// The lane or the inspector of that slot was booked first.
    case slotTaken
    /// The organization has a vehicle with this plate already.
    case plateTaken(String)
    /// The booking has its inspection already.
    case alreadyInspected
    /// Another version of the checklist was written at the same time.
    case checklistVersionTaken

    public var description: String {
        switch self {
        case .slugTaken(let slug): "the public name \"\(slug)\" is another centre's"
        case .slotTaken: "this slot was just booked; choose another"
        case .plateTaken(let plate): "the vehicle \(plate) is recorded already"
        case .alreadyInspected: "this booking's inspection was started already"
        case .checklistVersionTaken: "another version of this checklist was just written; read it and try again"
        }
    }
}
