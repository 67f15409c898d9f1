import Domain

/// What every module's service does the same way: parse a wire name into one of its cases.
/// (Other organizations' records are hidden by `TenantScope`.)
protocol UseCaseSupport {}

extension UseCaseSupport {
    static func parse<T: RawRepresentable & CaseIterable>(_ raw: String?, _: T.Type, field: String) throws -> T?
    where T.RawValue == String {
        guard let raw else { return nil }
        guard let value = T(rawValue: raw) else {
            throw DomainError.invalidValue(
                field: field, reason: "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

}

extension MaintenanceService: UseCaseSupport {}
extension DispatchService: UseCaseSupport {}
