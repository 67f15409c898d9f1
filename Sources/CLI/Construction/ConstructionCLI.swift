extension CLIModule {
    static let construction = CLIModule(name: "Construction", commands: [ProjectCommands.self, TaskCommands.self])
}
