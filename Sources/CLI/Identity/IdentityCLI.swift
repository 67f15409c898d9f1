extension CLIModule {
    static let identity = CLIModule(name: "Identity", commands: [OrganizationCommands.self, UserCommands.self])
}
