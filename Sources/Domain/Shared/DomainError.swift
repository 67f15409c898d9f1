/// Rule violations detected by the domain. Each case carries the context a caller needs
/// to explain the problem; the HTTP layer maps them to problem+json in one place.
public enum DomainError: Error, Equatable, Sendable {
    /// A well-formed value that breaks a rule. `field` names the offending input as Swift does
    /// (`dueDate`, `lines[2].accountCode`); each edge spells it for its users (the API's
    /// `due_date`).
    case invalidValue(field: String, reason: String)
    /// A state machine refused a transition.
    case illegalTransition(entity: String, from: String, to: String)
}

extension DomainError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidValue(let field, let reason): "\(field) \(reason)"
        case .illegalTransition(let entity, let from, let to): "\(entity) cannot go from \(from) to \(to)"
        }
    }
}
