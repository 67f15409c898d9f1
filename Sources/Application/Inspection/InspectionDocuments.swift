import Domain
import Foundation

extension InspectionServices {
    /// Documents of a vehicle (`/vehicles/{id}/documents`): its certificates, kept there as each
    /// inspection completes, and what the staff add (a registration card, a photo of a defect).
    public var documentLinks: [DocumentLinkTarget] {
        [
            DocumentLinkTarget(type: "vehicle", collection: "vehicles") { [appointments] id, principal in
                _ = try await appointments.vehicle(VehicleID(id), as: principal)
            }
        ]
    }
}
