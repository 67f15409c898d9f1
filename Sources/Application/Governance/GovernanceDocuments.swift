import Domain
import Foundation

extension GovernanceService {
    /// An agenda point's documents (the contractors' quotes for works, the draft budget, the
    /// accounts): attached before the convocation, read with the assembly.
    public var documentLinks: [DocumentLinkTarget] {
        [
            DocumentLinkTarget(
                type: "agenda_item", collection: "agenda-items",
                check: { id, principal in _ = try await agendaItem(AgendaItemID(id), as: principal) })
        ]
    }

    /// An agenda point of an assembly the caller may see.
    func agendaItem(_ id: AgendaItemID, as principal: Principal) async throws -> AgendaItem {
        try AccessPolicy.require(.readGovernance, by: principal)
        return try await persistence.read { (repos: any UsesAssemblies) in
            guard let item = try await repos.assemblies.agendaItem(id) else {
                throw ApplicationError.notFound(entity: "agenda_item", id: id.description)
            }
            _ = try await visibleAssembly(item.assemblyID, principal, repos)
            return item
        }
    }
}
