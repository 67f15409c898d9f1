extension CLIModule {
    static let maintenance = CLIModule(
        name: "Maintenance", commands: [EquipmentCommands.self, PlanCommands.self, InterventionCommands.self])
}
