import ArgumentParser

@main
struct GestioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gestio",
        abstract: "Gestio: the backend for people who run buildings and field operations.",
        subcommands: [
            Serve.self, Migrate.self, OrganizationCommands.self, UserCommands.self, BuildingCommands.self,
            LotCommands.self, OwnerCommands.self, OwnershipCommands.self, ImportCommand.self, BudgetCommands.self,
            FundsCommands.self, LedgerCommands.self, EquipmentCommands.self, PlanCommands.self,
            InterventionCommands.self, JobsCommands.self, TaxiCommands.self, RideCommands.self, BackupCommand.self,
            BenchCommands.self,
        ]
    )
}
