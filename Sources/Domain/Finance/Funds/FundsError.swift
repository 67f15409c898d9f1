/// What calls for funds refuse beyond a bad value.
public enum FundsError: Error, Equatable, Sendable {
    /// Notices are printed for a sent call, whose parts are frozen (409).
    case notSent
    /// The building has no account to pay the call into (409 naming the field to set).
    case noBankAccount(field: String)
}

extension FundsError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notSent: "notices are made once the call is sent"
        case .noBankAccount(let field): "the building has no account to pay into: set its \(field)"
        }
    }
}
