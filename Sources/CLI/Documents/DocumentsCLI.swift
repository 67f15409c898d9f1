extension CLIModule {
    static let documents = CLIModule(name: "Documents", commands: [DocumentCommands.self, OCRCommands.self])
}
