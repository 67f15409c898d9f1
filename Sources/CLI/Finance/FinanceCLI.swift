extension CLIModule {
    static let finance = CLIModule(
        name: "Finance", commands: [BudgetCommands.self, FundsCommands.self, LedgerCommands.self])
}
