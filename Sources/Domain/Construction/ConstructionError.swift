/// Refusals of the construction module, each with what the caller needs to put it right.
public enum ConstructionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The caller's project role does not allow this.
    case projectRoleDenied(ProjectCapability)
    /// A subcontractor acting on a task outside their trades.
    case notYourTrade
    /// The dependency would close a cycle: the tasks' titles, around it.
    case dependencyCycle([String])
    /// The task cannot start before these predecessors are done (their titles).
    case predecessorsNotDone([String])
    /// Only the architect or the general contractor marks a task done on this project.
    case validationRequired
    /// The project is archived.
    case archived

    public var description: String {
        switch self {
        case .projectRoleDenied(let capability): "your role in this project does not allow \(capability.rawValue)"
        case .notYourTrade: "this task belongs to a trade that is not yours"
        case .dependencyCycle(let titles): "the dependency would close a cycle: \(titles.joined(separator: " → "))"
        case .predecessorsNotDone(let titles):
            "the task cannot start before its predecessors are done: \(titles.joined(separator: ", "))"
        case .validationRequired: "on this project, only the architect or the general contractor marks a task done"
        case .archived: "the project is archived"
        }
    }
}
