extension CLIModule {
    static let community = CLIModule(
        name: "Community",
        commands: [
            PollCommands.self, NoticeCommands.self, ResourceCommands.self, BookingCommands.self,
        ])
}
