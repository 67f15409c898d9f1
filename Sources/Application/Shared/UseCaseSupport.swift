import Domain

/// What every module's service does the same way: parse a wire name into one of its cases, and
/// hide records of other organizations behind a 404.
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

    func visible<Record>(
        _ record: Record?, in organization: KeyPath<Record, OrganizationID>, _ principal: Principal, entity: String,
        id: String
    ) throws -> Record {
        guard let record, record[keyPath: organization] == principal.organizationID else {
            throw ApplicationError.notFound(entity: entity, id: id)
        }
        return record
    }
}

extension MaintenanceService: UseCaseSupport {}
extension DispatchService: UseCaseSupport {}
