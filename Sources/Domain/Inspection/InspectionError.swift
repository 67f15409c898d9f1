/// Why the inspection centre refused, beyond invalid values.
public enum InspectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Another centre has this public page name already.
    case slugTaken(String)

    public var description: String {
        switch self {
        case .slugTaken(let slug): "the public name \"\(slug)\" is another centre's"
        }
    }
}
