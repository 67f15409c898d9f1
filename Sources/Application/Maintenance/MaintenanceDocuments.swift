import Domain
import Foundation

extension MaintenanceService {
    /// Documents attached to an intervention (its report, photos) or to a piece of equipment
    /// (its manual, certificates): visible to whoever may see the intervention or the equipment.
    public var documentLinks: [DocumentLinkTarget] {
        [
            DocumentLinkTarget(type: "intervention", collection: "interventions") { id, principal in
                _ = try await intervention(InterventionID(id), as: principal)
            },
            DocumentLinkTarget(type: "equipment", collection: "equipements") { id, principal in
                _ = try await equipement(EquipementID(id), as: principal)
            },
        ]
    }
}
