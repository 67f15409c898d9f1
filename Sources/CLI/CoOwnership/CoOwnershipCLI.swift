extension CLIModule {
    static let coOwnership = CLIModule(
        name: "CoOwnership",
        commands: [
            BuildingCommands.self, LotCommands.self, OwnerCommands.self, OwnershipCommands.self, ImportCommand.self,
        ])
}
