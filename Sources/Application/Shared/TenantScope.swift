import Domain

/// The one way every module hides other organizations' records: a record of another
/// organization, or one that does not exist, is the same 404, so ids reveal nothing.
enum TenantScope {
    /// A record that names its organization.
    static func visible<Record>(
        _ record: Record?, in organization: KeyPath<Record, OrganizationID>, _ principal: Principal, entity: String,
        id: String
    ) throws -> Record {
        guard let record, record[keyPath: organization] == principal.organizationID else {
            throw ApplicationError.notFound(entity: entity, id: id)
        }
        return record
    }

    /// A building of the caller's organization.
    static func building(_ id: BuildingID, _ principal: Principal, _ repos: any UsesBuildings) async throws
        -> Building
    {
        try visible(
            try await repos.buildings.find(id), in: \.organizationID, principal, entity: "building",
            id: id.description)
    }

    /// A record that belongs to the organization through its building (a lot, an entry, a call…).
    static func visible<Record>(
        _ record: Record?, of building: (Record) -> BuildingID, _ principal: Principal, _ repos: any UsesBuildings,
        entity: String, id: String
    ) async throws -> Record {
        guard let record, let owner = try await repos.buildings.find(building(record)),
            owner.organizationID == principal.organizationID
        else { throw ApplicationError.notFound(entity: entity, id: id) }
        return record
    }

    /// An owner of the caller's organization.
    static func owner(_ id: OwnerID, _ principal: Principal, _ repos: any UsesOwners) async throws -> Owner {
        try visible(
            try await repos.owners.find(id), in: \.organizationID, principal, entity: "owner", id: id.description)
    }
}
