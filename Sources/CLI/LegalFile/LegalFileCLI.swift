extension CLIModule {
    static let legalFile = CLIModule(
        name: "LegalFile", commands: [EtatDateCommands.self, TechnicalInspectionCommands.self])
}
