extension CLIModule {
    static let governance = CLIModule(name: "Governance", commands: [AssemblyCommands.self])
}
