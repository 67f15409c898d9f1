/// The maintenance module's stores.
public protocol MaintenanceStores:
    UsesEquipements,
    UsesTechniciens,
    UsesInterventions,
    UsesPlans,
    UsesMaintenanceSettings
{}

/// A use case that reads or writes `equipements`.
public protocol UsesEquipements: Sendable { var equipements: any EquipementRepository { get } }

/// A use case that reads or writes `techniciens`.
public protocol UsesTechniciens: Sendable { var techniciens: any TechnicienRepository { get } }

/// A use case that reads or writes `interventions`.
public protocol UsesInterventions: Sendable { var interventions: any InterventionRepository { get } }

/// A use case that reads or writes `plans`.
public protocol UsesPlans: Sendable { var plans: any PreventivePlanRepository { get } }

/// A use case that reads or writes `maintenanceSettings`.
public protocol UsesMaintenanceSettings: Sendable { var maintenanceSettings: any MaintenanceSettingsRepository { get } }
