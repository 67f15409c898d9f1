extension CLIModule {
    static let platform = CLIModule(
        name: "Platform",
        commands: [
            Migrate.self, BackupCommand.self, JobsCommands.self, AuditCommands.self, PrivacyCommands.self,
            BenchCommands.self, SearchCommands.self,
        ])
}
