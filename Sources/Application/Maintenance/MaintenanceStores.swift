/// The maintenance module's stores.
public protocol MaintenanceStores: Sendable {
    var equipements: any EquipementRepository { get }
    var techniciens: any TechnicienRepository { get }
    var interventions: any InterventionRepository { get }
    var plans: any PreventivePlanRepository { get }
    var maintenanceSettings: any MaintenanceSettingsRepository { get }
}
