import Domain
import Foundation

extension CoOwnershipService {
    /// Documents may be linked to a building, a lot or an owner record: visible to whoever may
    /// read the co-ownership (an owner check reads no personal data, so logs no read).
    public var documentLinks: [DocumentLinkTarget] {
        [
            DocumentLinkTarget(type: "building", collection: "buildings") { id, principal in
                _ = try await building(BuildingID(id), as: principal)
            },
            DocumentLinkTarget(type: "lot", collection: "lots") { id, principal in
                _ = try await lot(LotID(id), as: principal)
            },
            DocumentLinkTarget(type: "owner", collection: "owners") { id, principal in
                try AccessPolicy.require(.readCoOwnership, by: principal)
                _ = try await persistence.read { (repos: any UsesOwners) in
                    try await TenantScope.owner(OwnerID(id), principal, repos)
                }
            },
        ]
    }
}
