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
    /// This role already signed the acceptance record's current stage.
    case alreadySigned(ProjectRole)
    /// The provisional acceptance record still lacks these signatures.
    case notSignedOff([ProjectRole])
    /// Final acceptance waits for these snags (their titles) to be verified.
    case snagsOpen([String])
    /// The trade (or the whole project, nil) already has its acceptance.
    case alreadyAccepted(TradeID?)
    /// The acceptance is final: its snag list is closed.
    case acceptanceFinal
    /// Only a task not started, and that no milestone waits for (their names), is deleted.
    case taskNotDeletable(started: Bool, milestones: [String])

    public var description: String {
        switch self {
        case .projectRoleDenied(let capability): "your role in this project does not allow \(capability.rawValue)"
        case .notYourTrade: "this task belongs to a trade that is not yours"
        case .dependencyCycle(let titles): "the dependency would close a cycle: \(titles.joined(separator: " → "))"
        case .predecessorsNotDone(let titles):
            "the task cannot start before its predecessors are done: \(titles.joined(separator: ", "))"
        case .validationRequired: "on this project, only the architect or the general contractor marks a task done"
        case .archived: "the project is archived"
        case .alreadySigned(let role): "the record is already signed as \(role.rawValue) at this stage"
        case .notSignedOff(let roles):
            "the provisional acceptance is not signed off yet by: \(roles.map(\.rawValue).joined(separator: ", "))"
        case .snagsOpen(let titles):
            "final acceptance waits for these snags to be verified: \(titles.joined(separator: ", "))"
        case .acceptanceFinal: "the acceptance is final: its snag list is closed"
        case .taskNotDeletable(true, _): "the task has started: report it done or blocked instead of deleting it"
        case .taskNotDeletable(false, let milestones):
            "these milestones wait for the task: \(milestones.joined(separator: ", "))"
        case .alreadyAccepted(let trade):
            trade.map { "trade \($0) already has its acceptance" } ?? "the whole project already has its acceptance"
        }
    }
}
