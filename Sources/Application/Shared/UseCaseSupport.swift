import Domain

/// What every module's service does the same way: parse a wire name into one of its cases.
/// (Other organizations' records are hidden by `TenantScope`.)
protocol UseCaseSupport {}

extension UseCaseSupport {
    /// Nil when left out.
    static func parse<T: RawRepresentable & CaseIterable>(_ raw: String?, _: T.Type, field: String) throws -> T?
    where T.RawValue == String {
        guard let raw else { return nil }
        return try parseRequired(raw, T.self, field: field)
    }

    /// A value that must be there: left out, it is refused like a wrong one, with the values allowed.
    static func parseRequired<T: RawRepresentable & CaseIterable>(_ raw: String?, _: T.Type, field: String) throws -> T
    where T.RawValue == String {
        guard let raw, let value = T(rawValue: raw) else {
            throw DomainError.invalidValue(
                field: field, reason: "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}

extension MaintenanceService: UseCaseSupport {}
extension DispatchService: UseCaseSupport {}
extension GovernanceService: UseCaseSupport {}
extension EtatDateService: UseCaseSupport {}
extension TechnicalInspectionService: UseCaseSupport {}
