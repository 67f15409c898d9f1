/// The maintenance module's stores.
public protocol MaintenanceStores: Sendable {
    var equipements: any EquipementRepository { get }
    var techniciens: any TechnicienRepository { get }
    var interventions: any InterventionRepository { get }
    var plans: any PreventivePlanRepository { get }
    var maintenanceSettings: any MaintenanceSettingsRepository { get }
}

/// What maintenance's use cases see: its own stores, and the identity (members to notify),
/// co-ownership (the building an intervention is for) and platform (audit, notifications, job
/// locks) stores. Not finance's, not dispatch's.
typealias MaintenanceScope = MaintenanceStores & IdentityStores & CoOwnershipStores & PlatformStores
