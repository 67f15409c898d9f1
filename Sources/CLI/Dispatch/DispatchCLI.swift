extension CLIModule {
    static let dispatch = CLIModule(name: "Dispatch", commands: [TaxiCommands.self, RideCommands.self])
}
