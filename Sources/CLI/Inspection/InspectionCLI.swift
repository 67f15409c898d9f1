extension CLIModule {
    static let inspection = CLIModule(
        name: "Inspection",
        commands: [
            CentreCommands.self, AppointmentCommands.self, VehicleInspectionCommands.self, RevenueCommand.self,
        ])
}
