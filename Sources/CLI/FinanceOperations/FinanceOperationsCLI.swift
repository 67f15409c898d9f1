extension CLIModule {
    static let financeOperations = CLIModule(
        name: "FinanceOperations",
        commands: [InvoiceCommands.self, ChargeCommands.self, BankCommands.self, ReminderCommands.self])
}
