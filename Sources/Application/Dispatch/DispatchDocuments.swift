import Domain
import Foundation

extension DispatchService {
    /// Documents of a ride (a voucher, a signed receipt): visible to the dispatchers.
    public var documentLinks: [DocumentLinkTarget] {
        [
            DocumentLinkTarget(type: "ride", collection: "commandes") { id, principal in
                _ = try await commande(CommandeID(id), as: principal)
            }
        ]
    }
}
